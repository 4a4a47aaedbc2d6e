"""Country codes for people: ISO 3166 alpha-2 code -> English name, and free text ("Germany", "de") -> code."""

from __future__ import annotations

from skillgap.normalize.location import country_of

__all__ = ["COUNTRY_NAMES", "country_name", "country_code"]

COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "CA": "Canada", "DE": "Germany", "FR": "France",
    "ES": "Spain", "PT": "Portugal", "IT": "Italy", "NL": "Netherlands", "BE": "Belgium", "LU": "Luxembourg",
    "CH": "Switzerland", "AT": "Austria", "IE": "Ireland", "DK": "Denmark", "SE": "Sweden", "NO": "Norway",
    "FI": "Finland", "IS": "Iceland", "PL": "Poland", "CZ": "Czechia", "SK": "Slovakia", "HU": "Hungary",
    "RO": "Romania", "BG": "Bulgaria", "GR": "Greece", "HR": "Croatia", "RS": "Serbia", "SI": "Slovenia",
    "EE": "Estonia", "LV": "Latvia", "LT": "Lithuania", "UA": "Ukraine", "RU": "Russia", "BY": "Belarus",
    "TR": "Türkiye", "IL": "Israel", "CY": "Cyprus", "MT": "Malta", "IN": "India", "CN": "China",
    "HK": "Hong Kong", "MO": "Macao", "TW": "Taiwan", "JP": "Japan", "KR": "South Korea", "SG": "Singapore",
    "MY": "Malaysia", "ID": "Indonesia", "TH": "Thailand", "VN": "Vietnam", "PH": "Philippines",
    "PK": "Pakistan", "BD": "Bangladesh", "LK": "Sri Lanka", "NP": "Nepal", "AU": "Australia",
    "NZ": "New Zealand", "AE": "United Arab Emirates", "SA": "Saudi Arabia", "QA": "Qatar", "EG": "Egypt",
    "NG": "Nigeria", "KE": "Kenya", "ZA": "South Africa", "MA": "Morocco", "GH": "Ghana", "MX": "Mexico",
    "BR": "Brazil", "AR": "Argentina", "CL": "Chile", "CO": "Colombia", "PE": "Peru", "UY": "Uruguay",
    "CR": "Costa Rica",
}  # fmt: skip


def country_name(code: str | None) -> str:
    """'DE' -> 'Germany'; an unknown code is shown as it is, None as 'Unknown'."""
    if not code:
        return "Unknown"
    return COUNTRY_NAMES.get(code.upper(), code.upper())


def country_code(text: str | None) -> str | None:
    """The ISO code a person means: 'DE', 'de', 'Germany', 'Deutschland', 'United Kingdom' -> code; else None."""
    text = (text or "").strip()
    if not text:
        return None
    if text.upper() in COUNTRY_NAMES:
        return text.upper()
    by_name = {name.casefold(): code for code, name in COUNTRY_NAMES.items()}
    return by_name.get(text.casefold()) or country_of(text)
