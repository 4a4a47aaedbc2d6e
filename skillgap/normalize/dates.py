"""Lenient date parsing for posting exports: ISO strings, unix stamps, "3 days ago", "Mar 5, 2026", "2026年3月".

``parse_date`` never raises; anything it cannot read confidently becomes ``None``.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

__all__ = ["month_of", "parse_date"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

# Plausible range for posting/CV dates; unix stamps outside it are rejected.
_MIN_YEAR, _MAX_YEAR = 1970, 2100
_MS_THRESHOLD = 100_000_000_000  # > this many "seconds" (year 5138) means milliseconds
_US_THRESHOLD = 100_000_000_000_000  # microseconds

_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$",
    re.IGNORECASE,
)
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_YM = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_DMY = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{2}|\d{4})$")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r",?\s+(\d{4})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b" + _MONTH_RE + r",?\s+(\d{4})\b", re.IGNORECASE)
_YEAR_MONTH_NAME = re.compile(r"\b(\d{4})\s+" + _MONTH_RE + r"(?:\s+(\d{1,2}))?\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(an?|one|\d+)\s*\+?\s*(minute|min|hour|hr|h|day|d|week|wk|w|month|mo|year|yr|y)s?\+?\s+ago\b",
    re.IGNORECASE,
)
_TODAYISH = re.compile(r"\b(today|just\s+posted|just\s+now|moments?\s+ago|hours?\s+ago)\b|^\s*new\s*$", re.I)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_CJK_RELATIVE = re.compile(r"(\d+)\s*(天|周|个月|月|年)前")
_UNIT_DAYS = {
    "minute": 0, "min": 0, "hour": 0, "hr": 0, "h": 0,
    "day": 1, "d": 1, "week": 7, "wk": 7, "w": 7, "month": 30, "mo": 30, "year": 365, "yr": 365, "y": 365,
    "天": 1, "周": 7, "个月": 30, "月": 30, "年": 365,
}  # fmt: skip


def _mk(y: int, m: int, d: int) -> _dt.date | None:
    if not (_MIN_YEAR <= y <= _MAX_YEAR):
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _from_epoch(x: float) -> _dt.date | None:
    ax = abs(x)
    if ax >= _US_THRESHOLD:
        x /= 1_000_000
    elif ax >= _MS_THRESHOLD:
        x /= 1000
    try:
        d = _dt.datetime.fromtimestamp(x, tz=_dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
    return d if _MIN_YEAR <= d.year <= _MAX_YEAR else None


def _from_number_text(s: str) -> _dt.date | None:
    digits = s.lstrip("+-").split(".")[0]
    if len(digits) == 8 and s.isdigit():  # 20260102
        d = _mk(int(s[:4]), int(s[4:6]), int(s[6:8]))
        if d:
            return d
    if len(digits) < 9:  # too small to be a posting-era stamp (before 1973) - e.g. "2026", "42"
        return None
    try:
        return _from_epoch(float(s))
    except ValueError:
        return None


def _relative(s: str, reference: _dt.date | None) -> tuple[bool, _dt.date | None]:
    """(matched, date). matched=True means the text is relative even when reference is None."""
    m = _RELATIVE.search(s)
    if m:
        qty_s, unit = m.group(1).lower(), m.group(2).lower()
        qty = 1 if qty_s in ("a", "an", "one") else int(qty_s)
        if reference is None:
            return True, None
        days = qty * _UNIT_DAYS[unit]
        try:
            return True, reference - _dt.timedelta(days=days)
        except OverflowError:
            return True, None
    m = _CJK_RELATIVE.search(s)
    if m:
        if reference is None:
            return True, None
        try:
            return True, reference - _dt.timedelta(days=int(m.group(1)) * _UNIT_DAYS[m.group(2)])
        except OverflowError:
            return True, None
    if _YESTERDAY.search(s) or "昨天" in s:
        return True, (reference - _dt.timedelta(days=1)) if reference else None
    if _TODAYISH.search(s) or "今天" in s or "刚刚" in s:
        return True, reference
    return False, None


@lru_cache(maxsize=65_536)  # export columns repeat the same few strings ("3 days ago", "2026-01-02")
def _parse_str(raw: str, reference: _dt.date | None) -> _dt.date | None:
    s = raw.strip()
    if not s or len(s) > 200:
        return None
    c0 = s[0]
    if c0.isdigit() or c0 in "+-":
        m = _ISO.match(s)
        if m:
            if m.group(4) is not None and m.group(7):
                # Timezone-aware: report the UTC date.
                try:
                    iso = s.replace(" ", "T", 1).upper().replace("Z", "+00:00")
                    return _dt.datetime.fromisoformat(iso).astimezone(_dt.timezone.utc).date()
                except ValueError:
                    pass
            return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if _NUMERIC.match(s):
            return _from_number_text(s)
        m = _YMD_SLASH.match(s)
        if m:
            return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _YM.match(s)
        if m:
            return _mk(int(m.group(1)), int(m.group(2)), 1)
        m = _DMY.match(s)
        if m:
            a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
            if y < 100:
                y += 2000 if y < 70 else 1900
            # "05.03.2026" (dots) is European day-first; slashes/dashes are US month-first unless the first number
            # can only be a day ("25/03/2026").
            day_first = sep == "." or a > 12 >= b
            if day_first and not (b > 12 >= a):
                return _mk(y, b, a)
            return _mk(y, a, b)
    m = _CJK.search(s)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    matched, rel = _relative(s, reference)
    if matched:
        return rel
    if any(ch.isalpha() for ch in s):
        m = _MONTH_DAY_YEAR.search(s)
        if m:
            return _mk(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        m = _DAY_MONTH_YEAR.search(s)
        if m:
            return _mk(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        m = _MONTH_YEAR.search(s)
        if m:
            return _mk(int(m.group(2)), _MONTHS[m.group(1).lower()], 1)
        m = _YEAR_MONTH_NAME.search(s)
        if m:
            return _mk(int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3) or 1))
    # Last resort: an ISO date embedded in longer text ("Posted on 2026-01-02 by ...").
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def parse_date(value: object, *, reference: _dt.date | None = None) -> _dt.date | None:
    """Read a posting date from whatever an export holds; ``None`` when unreadable. Never raises.

    - ``date``/``datetime`` objects (aware datetimes are converted to UTC first);
    - ISO strings "2026-01-02", "2026-01-02T10:00:00Z" (UTC date), "2026/01/02", "20260102", "2026-03" (1st);
    - unix stamps as int/float/digit strings: seconds, or milliseconds when larger than 1e11, microseconds > 1e14;
      numbers with fewer than 9 digits are not treated as stamps (so "2026" is not 1970-01-01);
    - relative text ("3 days ago", "30+ days ago", "Posted 5 days ago", "today", "just posted", "yesterday",
      "3天前") counted back from *reference*; ``None`` when no reference is given; months count as 30 days;
    - month names ("March 2026" -> 1st, "Mar 5, 2026", "5 March 2026") and "2026年3月(5日)";
    - "03/05/2026" is US month-first (March 5) unless the first number is > 12 ("25/03/2026" -> 25 March);
      "05.03.2026" (dots) is day-first (5 March) unless the second number is > 12.
    """
    try:
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, _dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(_dt.timezone.utc)
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, (int, float)):
            if value != value or value in (float("inf"), float("-inf")):
                return None
            return _from_number_text(str(int(value))) if abs(value) >= 1e8 else None
        if isinstance(reference, _dt.datetime):
            reference = reference.date()
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if not isinstance(value, str):
            value = str(value)
        if reference is not None and not isinstance(reference, _dt.date):
            reference = None
        return _parse_str(value, reference)
    except Exception:  # noqa: BLE001 - contract: never raise on input data
        return None


def month_of(d: _dt.date | None) -> str | None:
    """"YYYY-MM" for a date, ``None`` for ``None``."""
    if d is None:
        return None
    return f"{d.year:04d}-{d.month:02d}"
