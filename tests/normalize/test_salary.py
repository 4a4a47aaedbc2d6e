"""parse_salary / to_yearly, plus parse rates over the real exports (shared_dir)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.normalize.salary import Salary, parse_salary, to_yearly

# (text, min, max, currency, period)
CASES = [
    ("$120k–150k", 120_000, 150_000, "USD", "year"),
    ("$120k-$150k", 120_000, 150_000, "USD", "year"),
    ("$44k-$77k", 44_000, 77_000, "USD", "year"),
    ("$120K-$150K (Glassdoor est.)", 120_000, 150_000, "USD", "year"),
    ("$120,000 - $150,000 a year", 120_000, 150_000, "USD", "year"),
    ("$60,000 a year", 60_000, 60_000, "USD", "year"),
    ("£45,000 per annum", 45_000, 45_000, "GBP", "year"),
    ("£40,000 - £50,000 p.a.", 40_000, 50_000, "GBP", "year"),
    ("€60-70k", 60_000, 70_000, "EUR", "year"),
    ("€60.000 - €70.000", 60_000, 70_000, "EUR", "year"),
    ("EUR 55k to 65k", 55_000, 65_000, "EUR", "year"),
    ("50.000 € - 60.000 €", 50_000, 60_000, "EUR", "year"),
    ("€70K-€90K per year", 70_000, 90_000, "EUR", "year"),
    ("£60-80k pa", 60_000, 80_000, "GBP", "year"),
    ("£350 - £450 per day", 350, 450, "GBP", "day"),
    ("$25.50 - $30.00 per hour", 25.5, 30, "USD", "hour"),
    ("$70,000.00 - $90,000.00", 70_000, 90_000, "USD", "year"),
    ("$80-100/hour", 80, 100, "USD", "hour"),
    ("Salary range 130k-160k USD", 130_000, 160_000, "USD", "year"),
    ("$200k - $250k + 0.5% equity", 200_000, 250_000, "USD", "year"),
    ("$150k-$180k base + 401(k)", 150_000, 180_000, "USD", "year"),
    ("100K+ EUR", 100_000, None, "EUR", "year"),
    ("USD 150K-200K + equity", 150_000, 200_000, "USD", "year"),
    ("150K-200K USD", 150_000, 200_000, "USD", "year"),
    ("CA$90k-110k", 90_000, 110_000, "CAD", "year"),
    ("C$ 90,000", 90_000, 90_000, "CAD", "year"),
    ("A$120k", 120_000, 120_000, "AUD", "year"),
    ("₹12,00,000".replace(",00,000", "00000"), 1_200_000, 1_200_000, "INR", "year"),
    ("$1.2M", 1_200_000, 1_200_000, "USD", "year"),
    ("$50/hr", 50, 50, "USD", "hour"),
    ("$50 / hour", 50, 50, "USD", "hour"),
    ("$45 - $55 an hour", 45, 55, "USD", "hour"),
    ("$28 - $35 an hour", 28, 35, "USD", "hour"),
    ("$35 an hour", 35, 35, "USD", "hour"),
    ("$10-$17", 10, 17, "USD", "hour"),
    ("$500 a day", 500, 500, "USD", "day"),
    ("$600-$800 per day", 600, 800, "USD", "day"),
    ("$2,000 a week", 2_000, 2_000, "USD", "week"),
    ("$6,000 - $8,000 a month", 6_000, 8_000, "USD", "month"),
    ("$5000/mo", 5_000, 5_000, "USD", "month"),
    ("Up to $80,000 a year", None, 80_000, "USD", "year"),
    ("up to £30/hour", None, 30, "GBP", "hour"),
    ("From $100,000", 100_000, None, "USD", "year"),
    ("Starting at $25 an hour", 25, None, "USD", "hour"),
    ("$150k+", 150_000, None, "USD", "year"),
    ("120k", 120_000, 120_000, None, "year"),
    ("Salary: 95,000 - 105,000", 95_000, 105_000, None, "year"),
    # Chinese boards
    ("15k-25k·13薪", 15_000, 25_000, "CNY", "month"),
    ("月薪2万-3万", 20_000, 30_000, "CNY", "month"),
    ("年薪30-50万", 300_000, 500_000, "CNY", "year"),
    ("1.6-2.5万元", 16_000, 25_000, "CNY", "month"),
    ("40~60万元", 400_000, 600_000, "CNY", "year"),
    ("15w-35w", 150_000, 350_000, "CNY", "year"),
    ("总包约50w", 500_000, 500_000, "CNY", "year"),
    ("20K以上", 20_000, None, "CNY", "month"),
    ("30~50K/月", 30_000, 50_000, "CNY", "month"),
    ("25-40k 15薪", 25_000, 40_000, "CNY", "month"),
    ("15K - 45K，年终奖3 - 6个月", 15_000, 45_000, "CNY", "month"),
    ("初中级12~25K，高级20~40K", 12_000, 25_000, "CNY", "month"),
    ("Base 30K-70K，年终奖", 30_000, 70_000, "CNY", "month"),
    ("300/天", 300, 300, "CNY", "day"),
    ("日薪 400", 400, 400, "CNY", "day"),
    ("实习生400元/天", 400, 400, "CNY", "day"),
    ("120 元/小时 - 200 元/小时", 120, 200, "CNY", "hour"),
    ("5000 — 8500美元", 5_000, 8_500, "USD", "month"),
    ("¥18,000–¥25,000", 18_000, 25_000, "CNY", "month"),
    ("10K-15K RMB/月", 10_000, 15_000, "CNY", "month"),
    ("40K-100K，15薪", 40_000, 100_000, "CNY", "month"),
]


@pytest.mark.parametrize(("text", "lo", "hi", "currency", "period"), CASES)
def test_parse_salary(text: str, lo: float | None, hi: float | None, currency: str | None, period: str) -> None:
    s = parse_salary(text)
    assert s is not None, text
    assert (s.min, s.max, s.currency, s.period) == (lo, hi, currency, period)
    assert s.text == text.strip()


@pytest.mark.parametrize(
    "text",
    [None, "", "   ", "None", "none", "N/A", "nan", "面议", "未提及", "Competitive", "DOE",
     "16薪", "14 薪", "P6 P7", "P5-P8", "12% 公积金", "965不加班", "3-6个月年终奖", "5+ years experience",
     "Founded in 2015", "有竞争力的薪酬", "competitive + 401k", "401(k) match"],
)  # fmt: skip
def test_no_salary(text: str | None) -> None:
    assert parse_salary(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("20-40K", (20_000, 40_000, "CNY", "month")), ("18000-20000", (18_000, 20_000, "CNY", "month")),
     ("20~35K *14", (20_000, 35_000, "CNY", "month")), ("$100k", (100_000, 100_000, "USD", "year"))],
)  # fmt: skip
def test_default_currency(text: str, expected: tuple) -> None:
    s = parse_salary(text, default_currency="CNY")
    assert s is not None
    assert (s.min, s.max, s.currency, s.period) == expected


def test_default_currency_absent_gives_none_currency() -> None:
    s = parse_salary("20-40K")
    assert s is not None and s.currency is None and (s.min, s.max) == (20_000, 40_000)


def test_salary_is_frozen() -> None:
    s = parse_salary("$1")
    assert s is not None
    with pytest.raises(AttributeError):
        s.min = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        (Salary(50, 60, "USD", "hour", ""), (104_000, 124_800)),
        (Salary(300, None, "CNY", "day", ""), (78_000, None)),
        (Salary(None, 2_000, "USD", "week", ""), (None, 104_000)),
        (Salary(20_000, 30_000, "CNY", "month", ""), (240_000, 360_000)),
        (Salary(100_000, 120_000, "USD", "year", ""), (100_000, 120_000)),
        (Salary(100_000, 120_000, "USD", None, ""), (100_000, 120_000)),
    ],
)
def test_to_yearly(salary: Salary, expected: tuple) -> None:
    assert to_yearly(salary) == expected


def _check_invariants(text: str) -> None:
    s = parse_salary(text)
    if s is not None:
        assert s.min is not None or s.max is not None
        assert s.period in ("year", "month", "week", "day", "hour")
        if s.min is not None and s.max is not None:
            assert s.min <= s.max


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_parse_salary_never_raises(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["$", "£", "k", "K", "万", "-", "~", " ", "a year", "/hr", "薪", "120", "1,000",
                                 "3.5", "up to", "+", "月", "年薪", "元/天", "None", "USD", "w"]), max_size=8))
def test_parse_salary_never_raises_on_salary_like_soup(parts: list[str]) -> None:
    _check_invariants("".join(parts))


# ------------------------------------------------------------------------------------ real data (shared_dir)

# Independent of the parser: does the value state an amount at all? ("16薪", "P6", "面议" do not.)
_STATES_AMOUNT = re.compile(r"\d\s*[kK千万wW]|[$£€¥￥]\s*\d|\d{4,}|\d,\d{3}|\d\s*(?:元|美元)|/天|日薪|时薪")


def _real_salaries(shared: Path) -> dict[str, list[str]]:
    csv.field_size_limit(1 << 30)
    base = shared / "data" / "postings"
    out: dict[str, list[str]] = {"en": [], "cn": []}
    for path in sorted((base / "glassdoor_indeed_linkedin_2020").glob("*.csv")):
        with path.open(newline="", encoding="utf-8", errors="replace") as fh:
            for row in csv.DictReader(fh):
                value = row.get("Salary")
                if value is not None:
                    out["en"].append(value)
    for path in sorted((base / "cn_whoishiring_ruanyf" / "parsed").glob("*.json")):
        for posting in json.loads(path.read_text(encoding="utf-8")).get("postings", []):
            value = posting.get("salaryRange")
            if isinstance(value, str):
                out["cn"].append(value)
    return out


def _rate(values: list[str], *, default_currency: str | None) -> tuple[float, list[str], int]:
    stated = [v for v in values if v.strip() and v.strip().lower() != "none"]
    failed = []
    for v in stated:
        s = parse_salary(v, default_currency=default_currency)
        if s is None or (s.min is None and s.max is None):
            failed.append(v)
    return (1 - len(failed) / len(stated)) if stated else 1.0, failed, len(stated)


@pytest.mark.shared
def test_real_glassdoor_indeed_salaries_parse(shared_dir: Path) -> None:
    values = _real_salaries(shared_dir)["en"]
    rate, failed, n = _rate(values, default_currency=None)
    print(f"glassdoor/indeed: {n} non-empty salary values, parse rate {rate:.3f}")
    assert n > 100
    assert rate >= 0.9, f"only {rate:.1%} of {n} parsed; unparsed: {sorted(set(failed))[:200]}"
    # Spot-check magnitudes: yearly USD salaries should be plausible.
    for v in values[:500]:
        s = parse_salary(v)
        if s is not None and s.period == "year":
            lo, hi = to_yearly(s)
            assert 5_000 <= (lo or hi) <= 1_000_000, v


@pytest.mark.shared
def test_real_chinese_board_salaries_parse(shared_dir: Path) -> None:
    values = _real_salaries(shared_dir)["cn"]
    stating = [v for v in values if _STATES_AMOUNT.search(v)]
    rate, failed, n = _rate(stating, default_currency="CNY")
    raw_rate, _, raw_n = _rate(values, default_currency="CNY")
    print(f"cn board: {raw_n} non-empty salaryRange values (raw parse rate {raw_rate:.3f}); "
          f"{n} state an amount, parse rate {rate:.3f}")
    assert n > 100
    assert rate >= 0.9, f"only {rate:.1%} of {n} parsed; unparsed: {sorted(set(failed))[:200]}"
    # Parsed CNY monthly salaries should be in a plausible band.
    for v in stating:
        s = parse_salary(v, default_currency="CNY")
        if s is not None and s.currency == "CNY" and s.period == "month":
            assert 1_000 <= (s.max or s.min) <= 300_000, v


@pytest.mark.parametrize(
    ("text", "lo", "hi", "currency", "period"),
    [
        ("₹23,00,000 - ₹31,00,000 a year", 2_300_000, 3_100_000, "INR", "year"),  # Indian lakh grouping
        ("₹8,50,000 per annum", 850_000, 850_000, "INR", "year"),
        ("1,23,45,678 INR", 12_345_678, 12_345_678, "INR", "year"),
        ("$130,000–$170,000 CAD per year", 130_000, 170_000, "CAD", "year"),  # a code after the range wins over "$"
        ("$95,000 AUD a year", 95_000, 95_000, "AUD", "year"),
        ("$120,000 - $150,000 a year", 120_000, 150_000, "USD", "year"),  # unchanged: no code, "$" is USD
        ("$1,000,000 a year", 1_000_000, 1_000_000, "USD", "year"),  # Western grouping still wins over lakh
    ],
)
def test_indian_grouping_and_trailing_currency_code(text, lo, hi, currency, period) -> None:
    s = parse_salary(text)
    assert (s.min, s.max, s.currency, s.period) == (lo, hi, currency, period)
