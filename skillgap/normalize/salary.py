"""Salary strings from job boards -> ``Salary(min, max, currency, period, text)``.

Handles US/UK/EU board formats ("$120,000 - $150,000 a year", "£45,000 per annum", "€60-70k", "$50/hr",
"$120K-$150K (Glassdoor est.)", "Up to $80,000 a year", "From $100,000") and Chinese formats ("15k-25k·13薪",
"月薪2万-3万", "年薪30-50万", "1.6-2.5万元", "15w-35w", "300/天", "5000 — 8500美元").

Rules (see ``parse_salary``):
- The FIRST amount or range in the text is the salary; later ones (bonuses, other roles) are ignored.
- Numbers that are clearly not money are skipped: "16薪" / "13 薪" (months paid), "3-6个月", "12%", "P6", "5 years",
  "20天" (a duration), bare years such as "2023".
- Currency: a symbol or code next to the amount, else anywhere in the text ("$" -> USD, "C$"/"CA$" -> CAD,
  "A$" -> AUD, "HK$" -> HKD, "S$" -> SGD, "£" -> GBP, "€" -> EUR, "¥"/"￥"/"元"/"RMB" -> CNY, "美元" -> USD,
  "₹" -> INR), else CNY when the text contains Chinese, else ``default_currency``.
- Period: an explicit marker right after the amount ("a year", "/hr", "/月", "元/天"), right before it ("月薪",
  "年薪", "日薪", "hourly"), or anywhere in the text (English words only: hour, day, week, month, year, annum, p.a.;
  Chinese 月薪/年薪/日薪/时薪). Without one, magnitude decides (documented in ``_period_by_magnitude``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["PERIODS", "Salary", "parse_salary", "to_yearly"]

PERIODS = ("year", "month", "week", "day", "hour")
_PER_YEAR = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 260.0, "hour": 2080.0}


@dataclass(frozen=True)
class Salary:
    """A parsed salary. ``min``/``max`` are plain amounts in ``currency`` per ``period``; either may be None
    ("Up to $80k" has only a max, "From $100k" only a min). ``text`` is the original string, stripped."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str


_EMPTY = frozenset(
    {"", "none", "null", "nan", "n/a", "na", "-", "--", "—", "未提及", "未提供", "未知", "无", "面议"}
)

_CUR_PREFIX = (
    r"(?:US\$|USD|CA\$|C\$|CAD|AU\$|A\$|AUD|NZ\$|NZD|HK\$|HKD|S\$|SGD|EUR|GBP|CHF|INR|JPY|RMB|CNY|Rs\.?|"
    r"[$£€¥￥₹])"
)
_AMOUNT = re.compile(
    r"(?P<cur>" + _CUR_PREFIX + r")?\s?"
    r"(?P<num>\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])(?:\.\d+)?|"  # Indian lakh grouping: 23,00,000 / 1,23,45,678
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+(?:\.\d+)?)"
    r"\s?(?P<mult>[kK千万wWmM](?![a-zA-Z]))?",
)
_RANGE_SEP = re.compile(
    r"\s*(?:元|rmb|美元|[$£€¥￥₹]|usd|eur|gbp|cad|aud|chf)?\s*(?:/\s*(?:小时|天|日|月|年|hr|hour|h|day|month|year|yr))?\s*(?:-|–|—|~|～|〜|to|至|到|－)+\s*",
    re.IGNORECASE,
)

_CUR_CODE = {
    "US$": "USD", "USD": "USD", "CA$": "CAD", "C$": "CAD", "CAD": "CAD", "AU$": "AUD", "A$": "AUD", "AUD": "AUD",
    "NZ$": "NZD", "NZD": "NZD", "HK$": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD", "EUR": "EUR", "GBP": "GBP",
    "CHF": "CHF", "INR": "INR", "JPY": "JPY", "RMB": "CNY", "CNY": "CNY", "RS": "INR", "RS.": "INR",
    "$": "USD", "£": "GBP", "€": "EUR", "¥": "CNY", "￥": "CNY", "₹": "INR",
}  # fmt: skip
_CUR_ANYWHERE = [
    (re.compile(r"美元|美金|\bUSD\b|US\$", re.IGNORECASE), "USD"),
    (re.compile(r"\bCAD\b|CA\$|\bC\$"), "CAD"),
    (re.compile(r"\bAUD\b|AU\$|\bA\$"), "AUD"),
    (re.compile(r"\bHKD\b|HK\$|港币"), "HKD"),
    (re.compile(r"\bSGD\b|\bS\$|新币"), "SGD"),
    (re.compile(r"£|\bGBP\b|英镑"), "GBP"),
    (re.compile(r"€|\bEUR\b|欧元"), "EUR"),
    (re.compile(r"₹|\bINR\b"), "INR"),
    (re.compile(r"\bCHF\b"), "CHF"),
    (re.compile(r"\bJPY\b|日元"), "JPY"),
    (re.compile(r"[¥￥]|\bRMB\b|\bCNY\b|人民币|元"), "CNY"),
    (re.compile(r"\$"), "USD"),
]
_CJK = re.compile(r"[\u3400-\u9fff]")

# Right after an amount: "a year", "/hr", "per annum", "/月", "元/天", "(月薪)", "an hour".
_AFTER_PERIOD = re.compile(
    r"^\s*(?:[)）]\s*)?(?:元|rmb|美元|usd|人民币)?\s*(?:/|每|per\b|an?\b|each\b|[(（])?\s*"
    r"(?P<p>hourly|hours?|hrs?|h\b|daily|days?|d\b|weekly|weeks?|wk|monthly|months?|mo\b|mth|yearly|years?|yr|"
    r"annum|annual(?:ly)?|p\.?\s?a\.?(?![a-z])|pa\b|"
    r"小时|时|天|日|周|月薪|月|年薪|年)",
    re.IGNORECASE,
)
# Right before an amount: "月薪", "年薪 ", "日薪", "Hourly:", "月 ", "年 ".
_BEFORE_PERIOD = re.compile(
    r"(?P<p>时薪|日薪|周薪|月薪|年薪|年包|总包|月base|月|年|hourly|daily|weekly|monthly|annual|annually|yearly)"
    r"[\s:：]*(?:base|约|税前|税后|大约)?[\s:：]*$",
    re.IGNORECASE,
)
_ANY_PERIOD = re.compile(
    r"\b(?P<p>hourly|per hour|an hour|/\s?hr|/\s?hour|daily|per day|a day|/\s?day|weekly|per week|a week|"
    r"monthly|per month|a month|/\s?month|/\s?mo\b|per annum|annual(?:ly)?|yearly|per year|a year|/\s?yr|/\s?year|"
    r"p\.a\.)|(?P<c>时薪|日薪|周薪|月薪|年薪|年包|总包)",
    re.IGNORECASE,
)
_PERIOD_WORD = {
    "hourly": "hour", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "小时": "hour",
    "时": "hour", "时薪": "hour",
    "daily": "day", "day": "day", "days": "day", "d": "day", "天": "day", "日": "day", "日薪": "day",
    "weekly": "week", "week": "week", "weeks": "week", "wk": "week", "周": "week", "周薪": "week",
    "monthly": "month", "month": "month", "months": "month", "mo": "month", "mth": "month", "月": "month",
    "月薪": "month", "月base": "month",
    "yearly": "year", "year": "year", "years": "year", "yr": "year", "annum": "year", "annual": "year",
    "annually": "year", "pa": "year", "p.a.": "year", "p.a": "year", "pa.": "year", "年": "year", "年薪": "year",
    "年包": "year", "总包": "year",
}  # fmt: skip

# A bare number followed by one of these is a count, not money.
_NOT_MONEY_AFTER = re.compile(
    r"^\s*\+?\s*(?:%|薪|个|年(?!薪)|天(?!/)|岁|人|位|级|小时工作|years?\b|yrs?\b|months?\b|weeks?\b|days?\b|hours?\b|"
    r"employees|people|\+\s*years|房补|餐补|补贴|补助|交通补)",
    re.IGNORECASE,
)
_401K = re.compile(r"\b401\s?\(?k\)?", re.IGNORECASE)
_TIMES_BEFORE = re.compile(r"(?:[*×xX])\s*$")
_UP_TO = re.compile(r"(?:up\s+to|max(?:imum)?|最高|不超过|至多|<)\s*$", re.IGNORECASE)
_FROM = re.compile(r"(?:from|starting\s+(?:at|from)|min(?:imum)?|at\s+least|起薪|不低于|>)\s*:?\s*$", re.IGNORECASE)
_PLUS_AFTER = re.compile(r"^\s*(?:\+(?!\s*(?:equity|bonus|benefits|期权|奖金|股票))|以上|起(?!步)|及以上)", re.IGNORECASE)
_BELOW_AFTER = re.compile(r"^\s*(?:以下|以内)")

_MULT = {"k": 1_000.0, "K": 1_000.0, "千": 1_000.0, "万": 10_000.0, "w": 10_000.0, "W": 10_000.0,
         "m": 1_000_000.0, "M": 1_000_000.0}  # fmt: skip
_MAX_TEXT = 2_000


def _num(num: str) -> float:
    if "," in num:
        return float(num.replace(",", ""))
    if num.count(".") >= 1 and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num) and num.count(".") >= 1:
        # "60.000" (European thousands) - only when the groups are exactly three digits and it is not "1.5".
        return float(num.replace(".", ""))
    return float(num)


class _Amt:
    __slots__ = ("cur", "end", "mult", "start", "value", "bare")

    def __init__(self, m: re.Match[str]):
        self.start, self.end = m.start(), m.end()
        self.cur = m.group("cur")
        mult = m.group("mult")
        self.mult = _MULT[mult] if mult else None
        self.value = _num(m.group("num"))
        self.bare = self.cur is None and self.mult is None


def _amounts(text: str, has_currency: bool) -> list[_Amt]:
    cands: list[tuple[_Amt, bool]] = []  # (amount, weak)
    for m in _AMOUNT.finditer(text):
        a = _Amt(m)
        start_num = m.start("num")
        if a.cur is None:
            a.start = start_num
            before = text[max(0, start_num - 1) : start_num]
            if before and before.isascii() and (before.isalpha() or before in "_#."):
                continue  # "P6", "H1B", "python3", "v2.1"
            if _TIMES_BEFORE.search(text[max(0, start_num - 3) : start_num]):
                continue  # "*16", "x 14", "× 15": months paid, not money
        after = text[m.end() :]
        if a.mult is None and _NOT_MONEY_AFTER.match(after):
            continue
        if m.group("mult") in ("m", "M") and a.cur is None and not has_currency:
            continue  # "5 m" without any currency context is more likely a unit than money
        if a.value <= 0:
            continue
        weak = False
        if a.bare:
            num = m.group("num")
            if 1900 <= a.value <= 2100 and "." not in num and "," not in num:
                weak = True  # probably a year, unless it is the low end of a range ("2000-3000")
            elif a.value < 1000 and not has_currency and not _AFTER_PERIOD.match(after) and not _BEFORE_PERIOD.search(
                text[max(0, start_num - 8) : start_num]
            ):
                weak = True  # "965", "20-40K" low end: kept only as the low end of a range with a strong high end
        cands.append((a, weak))
    out: list[_Amt] = []
    for i, (a, weak) in enumerate(cands):
        if not weak:
            out.append(a)
            continue
        if i + 1 < len(cands):
            b, b_weak = cands[i + 1]
            if not b_weak and _RANGE_SEP.fullmatch(text[a.end : b.start]):
                out.append(a)
    return out


def _first_range(text: str, amts: list[_Amt]) -> tuple[_Amt, _Amt | None]:
    first = amts[0]
    if len(amts) > 1:
        second = amts[1]
        gap = text[first.end : second.start]
        if _RANGE_SEP.fullmatch(gap) or (gap.strip() == "" and second.cur):
            return first, second
        # "$120K-$150K": the separator may sit between the first amount's end and the second's currency
        if _RANGE_SEP.fullmatch(gap.rstrip()):
            return first, second
    return first, None


# A currency code right after the amount or range ("$130,000-$170,000 CAD"): it names the dollar the symbol leaves open.
_CODE_AFTER = re.compile(r"^\s*[(（]?\s*(?P<code>USD|CAD|AUD|NZD|HKD|SGD|EUR|GBP|CHF|INR|JPY|CNY|RMB)\b")


def _currency(text: str, amts: tuple[_Amt, _Amt | None], default: str | None) -> str | None:
    last = amts[1] or amts[0]
    m = _CODE_AFTER.match(text[last.end : last.end + 12])
    if m:
        return _CUR_CODE[m.group("code")]
    for a in amts:
        if a is not None and a.cur:
            code = _CUR_CODE.get(a.cur.upper().rstrip()) or _CUR_CODE.get(a.cur)
            if code:
                return code
    for pat, code in _CUR_ANYWHERE:
        if pat.search(text):
            return code
    if _CJK.search(text) or any(a is not None and a.mult == 10_000.0 for a in amts):
        return "CNY"  # Chinese text, or "万"/"w" notation
    return default


def _period_by_magnitude(value: float, currency: str | None, *, mult: float | None) -> str:
    """Guess the period from the size of the amount when the text does not say.

    - CNY: Chinese boards quote monthly pay, usually in K ("20-40K") -> K/千 amounts are always monthly; other
      amounts >= 100,000 (e.g. "40万", "15w") are yearly packages; bare amounts < 1,000 are day rates.
    - Other currencies: < 200 -> hour, < 1,000 -> day, < 15,000 -> month, otherwise year.
    """
    if currency == "CNY":
        if mult is not None and mult < 10_000:
            return "month"  # "20-40K": K amounts are monthly by convention, even "40K-100K"
        if value >= 100_000:
            return "year"  # "40万", "15w-35w", "400000"
        if value < 1_000 and mult is None:
            return "day"
        return "month"
    if currency == "JPY":
        return "year" if value >= 1_500_000 else "month"
    if value < 200:
        return "hour"
    if value < 1_000:
        return "day"
    if value < 15_000:
        return "month"
    return "year"


def _period(text: str, lo: _Amt, hi: _Amt | None, nxt: _Amt | None) -> str | None:
    end = (hi or lo).end
    stop = nxt.start if nxt is not None else len(text)
    m = _AFTER_PERIOD.match(text[end : min(stop, end + 30)])
    if m:
        return _PERIOD_WORD.get(m.group("p").lower().replace(" ", ""))
    m = _BEFORE_PERIOD.search(text[max(0, lo.start - 12) : lo.start])
    if m:
        return _PERIOD_WORD.get(m.group("p").lower())
    m = _ANY_PERIOD.search(text)
    if m:
        word = m.group("p") or m.group("c")
        w = word.lower()
        for key, period in (
            ("hour", "hour"), ("hr", "hour"), ("day", "day"), ("week", "week"), ("month", "month"),
            ("/mo", "month"), ("/ mo", "month"), ("annum", "year"), ("annual", "year"), ("year", "year"),
            ("yr", "year"), ("p.a.", "year"),
        ):  # fmt: skip
            if key in w:
                return period
        return _PERIOD_WORD.get(word)
    return None


def parse_salary(text: str | None, *, default_currency: str | None = None) -> Salary | None:
    """Parse a salary string; ``None`` when it states no amount ("None", "", "面议", "competitive"). Never raises.

    Amounts are multiplied out ("120k" -> 120000, "2万" -> 20000, "15w" -> 150000); a multiplier on the upper end
    of a range applies to the lower end too ("€60-70k" -> 60000-70000). "Up to X"/"X以下" give only a max,
    "From X"/"X+"/"X以上"/"X起" only a min; a single amount otherwise gives min == max.
    """
    try:
        if isinstance(text, str) and len(text) <= 200:
            return _parse_cached(text, default_currency)  # board values repeat a lot ("$60,000 - $80,000 a year")
        return _parse(text, default_currency)
    except Exception:  # noqa: BLE001 - contract: never raise on input data
        return None


@lru_cache(maxsize=65_536)
def _parse_cached(text: str, default_currency: str | None) -> Salary | None:
    return _parse(text, default_currency)


def _parse(text: str | None, default_currency: str | None) -> Salary | None:
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    raw = text.strip()
    if raw.casefold() in _EMPTY or not any(ch.isdigit() for ch in raw):
        return None
    t = raw[:_MAX_TEXT].replace("\u00a0", " ")
    if "401" in t:
        t = _401K.sub(" ", t)  # the US retirement plan, not a salary
    has_currency = any(pat.search(t) for pat, _ in _CUR_ANYWHERE)
    amts = _amounts(t, has_currency)
    if not amts:
        return None
    lo, hi = _first_range(t, amts)
    nxt_idx = 2 if hi is not None else 1
    nxt = amts[nxt_idx] if len(amts) > nxt_idx else None

    lo_v = lo.value * (lo.mult or 1.0)
    hi_v = None
    if hi is not None:
        hi_v = hi.value * (hi.mult or 1.0)
        if lo.mult is None and hi.mult is not None and lo.value * hi.mult <= hi_v * 1.0001:
            lo_v = lo.value * hi.mult  # "60-70k", "2-3万"
        elif hi.mult is None and lo.mult is not None and hi.value < lo.value:
            hi_v = hi.value * lo.mult  # "60k-70"
        if hi_v < lo_v:
            lo_v, hi_v = hi_v, lo_v

    currency = _currency(t, (lo, hi), default_currency)
    period = _period(t, lo, hi, nxt)
    if period is None:
        period = _period_by_magnitude(hi_v if hi_v is not None else lo_v, currency, mult=(hi or lo).mult)

    if hi is None:
        before = t[max(0, lo.start - 20) : lo.start]
        after = t[lo.end : lo.end + 8]
        if _UP_TO.search(before) or _BELOW_AFTER.match(after):
            return Salary(None, lo_v, currency, period, raw)
        if _FROM.search(before) or _PLUS_AFTER.match(after):
            return Salary(lo_v, None, currency, period, raw)
        return Salary(lo_v, lo_v, currency, period, raw)
    return Salary(lo_v, hi_v, currency, period, raw)


def to_yearly(s: Salary) -> tuple[float | None, float | None]:
    """(min, max) per year: hour x 2080, day x 260, week x 52, month x 12. A salary without a period is returned
    as is (treated as yearly)."""
    factor = _PER_YEAR.get(s.period or "year", 1.0)
    return (
        None if s.min is None else s.min * factor,
        None if s.max is None else s.max * factor,
    )
