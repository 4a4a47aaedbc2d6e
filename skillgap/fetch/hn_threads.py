"""Which of the user ``whoishiring``'s submissions are the monthly "Ask HN: Who is hiring?" threads.

Pure functions over HN API items: the title's month, the kind of thread, month arithmetic and the window of
months a fetch covers. The same user also posts "Who wants to be hired?" and "Freelancer? Seeking freelancer?"
every month; those are people looking for work, not job postings, and are never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from skillgap.errors import FetchOptionError

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
_TITLE_MONTH = re.compile(r"\((" + "|".join(MONTH_NAMES) + r")\s+(\d{4})\)\s*$", re.IGNORECASE)
_HIRING = re.compile(r"^\s*Ask HN:\s*Who is hiring\?\s*\(", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Thread:
    id: int
    title: str
    month: str  # YYYY-MM, from the title


def title_month(title: str) -> str | None:
    """``"Ask HN: Who is hiring? (May 2026)"`` → ``"2026-05"``; None when the title names no month."""
    m = _TITLE_MONTH.search(title or "")
    if not m:
        return None
    return f"{int(m.group(2)):04d}-{MONTH_NAMES.index(m.group(1).lower()) + 1:02d}"


def describe(item: Any) -> dict[str, Any]:
    """What a submission is: ``{"kind": "hiring" | "other", "title", "month"}`` (kept in the fetch manifest)."""
    if not isinstance(item, dict) or item.get("deleted") or item.get("dead") or item.get("type", "story") != "story":
        return {"kind": "other", "title": None, "month": None}
    title = str(item.get("title") or "")
    month = title_month(title)
    kind = "hiring" if month and _HIRING.match(title) else "other"
    return {"kind": kind, "title": title, "month": month}


def parse_month(value: str, *, option: str = "--since") -> str:
    """Check a YYYY-MM option value."""
    if not _MONTH.match(value or ""):
        raise FetchOptionError(f"{option} must be a month as YYYY-MM (e.g. 2026-01), not {value!r}.")
    return value


def shift_month(month: str, delta: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_over(month: str, now: datetime) -> bool:
    """True once the first moment of the following month (UTC) has passed."""
    nxt = shift_month(month, 1)
    return now >= datetime(int(nxt[:4]), int(nxt[5:7]), 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Window:
    """Which threads to fetch: every month from *since*, or the *months* newest months counted back from the
    newest hiring thread the API lists (not from today, so an API that stops early still gives N months)."""

    months: int | None = None
    since: str | None = None

    @classmethod
    def of(cls, *, months: int | None, since: str | None, default_months: int) -> "Window":
        if months is not None and since is not None:
            raise FetchOptionError("Give either --months or --since, not both.")
        if since is not None:
            return cls(since=parse_month(since))
        months = default_months if months is None else months
        if months < 1:
            raise FetchOptionError(f"--months must be at least 1, not {months}.")
        return cls(months=months)

    def cutoff(self, newest: str) -> str:
        return self.since if self.since is not None else shift_month(newest, -(self.months - 1))
