"""Market figures as people read them: shares, trends in points a month, money with its currency sign."""

from __future__ import annotations

# Currencies whose sign is unambiguous in an English interface; others are written as "126,000 CHF".
CURRENCY_SIGNS = {
    "USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "CNY": "¥", "JPY": "¥",
    "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$",
}


def percent(share: float | None, *, digits: int = 1) -> str:
    return "—" if share is None else f"{share * 100:.{digits}f}%"


def points_per_month(slope: float | None) -> str:
    """A slope of the share per month in percentage points ("+1.2 pts/mo"); a small one keeps two decimals, so
    no trend worth listing reads as "+0.0"."""
    if slope is None:
        return "—"
    points = slope * 100
    digits = 1 if abs(points) >= 0.095 or points == 0 else 2
    return f"{points:+.{digits}f} pts/mo"


def trend_interval(ci: list[float] | tuple[float, float] | None) -> str:
    """A 95 % interval of a slope: "+0.6 to +1.7 pts/mo"."""
    if not ci:
        return "—"
    lo, hi = (points_per_month(v).removesuffix(" pts/mo") for v in ci)
    return f"{lo} to {hi} pts/mo"


def money(value: float | None, currency: str | None) -> str:
    """A yearly amount with its currency sign and thousands separators: "$126,000", "£45,500", "126,000 CHF"."""
    if value is None:
        return "—"
    amount = f"{round(value):,}"
    sign = CURRENCY_SIGNS.get(currency or "")
    if sign:
        return f"-{sign}{amount[1:]}" if amount.startswith("-") else f"{sign}{amount}"
    return f"{amount} {currency}" if currency else amount


def pay_summary(median: float | None, q1: float | None, q3: float | None, postings: int, currency: str) -> str:
    """ "$126,000 (IQR $105,500–$143,000; 29 postings)"."""
    return (f"{money(median, currency)} (IQR {money(q1, currency)}–{money(q3, currency)}; "
            f"{postings:,} posting{'s' if postings != 1 else ''})")
