"""parse_date / month_of."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.normalize.dates import month_of, parse_date

REF = dt.date(2026, 3, 10)
D = dt.date

CASES = [
    # objects
    (D(2026, 1, 2), D(2026, 1, 2)),
    (dt.datetime(2026, 1, 2, 23, 59), D(2026, 1, 2)),
    (dt.datetime(2026, 1, 2, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))), D(2026, 1, 3)),
    # ISO
    ("2026-01-02", D(2026, 1, 2)),
    ("2026-1-2", D(2026, 1, 2)),
    ("2026-01-02T10:00:00Z", D(2026, 1, 2)),
    ("2026-01-02T10:00:00.123Z", D(2026, 1, 2)),
    ("2026-01-02 10:00:00", D(2026, 1, 2)),
    ("2026-01-02T23:30:00-05:00", D(2026, 1, 3)),
    ("2026-01-02T01:30:00+09:00", D(2026, 1, 1)),
    ("  2026-01-02  ", D(2026, 1, 2)),
    ("2026/01/02", D(2026, 1, 2)),
    ("20260102", D(2026, 1, 2)),
    ("2026-03", D(2026, 3, 1)),
    ("2026-02-30", None),
    # unix stamps
    (1767312000, D(2026, 1, 2)),
    (1767312000.5, D(2026, 1, 2)),
    (1767312000000, D(2026, 1, 2)),
    ("1767312000", D(2026, 1, 2)),
    ("1767312000000", D(2026, 1, 2)),
    (1767312000000000, D(2026, 1, 2)),
    (42, None),
    ("2026", None),
    (True, None),
    (float("nan"), None),
    (float("inf"), None),
    # relative
    ("3 days ago", D(2026, 3, 7)),
    ("1 day ago", D(2026, 3, 9)),
    ("2 weeks ago", D(2026, 2, 24)),
    ("1 month ago", D(2026, 2, 8)),
    ("30+ days ago", D(2026, 2, 8)),
    ("Posted 5 days ago", D(2026, 3, 5)),
    ("Posted 30+ days ago", D(2026, 2, 8)),
    ("an hour ago", D(2026, 3, 10)),
    ("5 hours ago", D(2026, 3, 10)),
    ("today", D(2026, 3, 10)),
    ("Today", D(2026, 3, 10)),
    ("just posted", D(2026, 3, 10)),
    ("Just Posted", D(2026, 3, 10)),
    ("yesterday", D(2026, 3, 9)),
    ("3天前", D(2026, 3, 7)),
    ("a year ago", D(2025, 3, 10)),
    ("2d ago", D(2026, 3, 8)),
    ("New", D(2026, 3, 10)),
    ("Active today", D(2026, 3, 10)),
    ("New York", None),
    # month names
    ("March 2026", D(2026, 3, 1)),
    ("Mar 2026", D(2026, 3, 1)),
    ("Mar 5, 2026", D(2026, 3, 5)),
    ("March 5th, 2026", D(2026, 3, 5)),
    ("5 March 2026", D(2026, 3, 5)),
    ("5th of March 2026", D(2026, 3, 5)),
    ("Sept 2025", D(2025, 9, 1)),
    ("Posted on Dec. 1, 2025", D(2025, 12, 1)),
    ("2026 Mar 5", D(2026, 3, 5)),
    ("2026年3月", D(2026, 3, 1)),
    ("2026年3月5日", D(2026, 3, 5)),
    ("谁在招人？（2023年9月）", D(2023, 9, 1)),
    # slashes
    ("03/05/2026", D(2026, 3, 5)),
    ("25/03/2026", D(2026, 3, 25)),
    ("3/5/26", D(2026, 3, 5)),
    ("13/13/2026", None),
    ("05.03.2026", D(2026, 3, 5)),
    ("03.25.2026", D(2026, 3, 25)),
    ("2026.03.05", D(2026, 3, 5)),
    # embedded ISO
    ("Posted on 2026-01-02 by admin", D(2026, 1, 2)),
    # garbage
    ("", None),
    ("   ", None),
    ("garbage", None),
    ("N/A", None),
    ("None", None),
    (None, None),
    ("Maybe later", None),
    ("9999-99-99", None),
    ([], None),
    ({"a": 1}, None),
]


@pytest.mark.parametrize(("value", "expected"), CASES)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value, reference=REF) == expected


@pytest.mark.parametrize("value", ["3 days ago", "today", "yesterday", "just posted", "30+ days ago", "3天前"])
def test_relative_without_reference_is_none(value: str) -> None:
    assert parse_date(value) is None


def test_absolute_dates_ignore_reference() -> None:
    assert parse_date("2026-01-02") == parse_date("2026-01-02", reference=REF) == D(2026, 1, 2)


def test_reference_may_be_datetime() -> None:
    assert parse_date("1 day ago", reference=dt.datetime(2026, 3, 10, 8, 0)) == D(2026, 3, 9)


@pytest.mark.parametrize(
    ("d", "expected"), [(D(2026, 3, 5), "2026-03"), (D(999, 12, 1), "0999-12"), (None, None), (dt.datetime(2026, 11, 1), "2026-11")]
)
def test_month_of(d: dt.date | None, expected: str | None) -> None:
    assert month_of(d) == expected


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.binary(), st.none(), st.datetimes(), st.dates()))
def test_parse_date_never_raises(value: object) -> None:
    out = parse_date(value, reference=REF)
    assert out is None or isinstance(out, dt.date)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1974, 1, 1), max_value=D(2099, 12, 31)))  # stamps below 1e8 (1973) are refused
def test_iso_roundtrip(d: dt.date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(d.strftime("%B %d, %Y")) == d
    assert parse_date(d.strftime("%d %b %Y")) == d
    ts = int(dt.datetime(d.year, d.month, d.day, 12, tzinfo=dt.timezone.utc).timestamp())
    assert parse_date(ts) == d
    assert parse_date(ts * 1000) == d
