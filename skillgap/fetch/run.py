"""Run one configured fetch for the schedule and record its outcome; a failed fetch is a result, not a crash.

The monthly flow calls these (one task each) before it refreshes: a source that is down must not keep the
postings already fetched from being refreshed, so ``FetchError`` becomes an entry with ``ok: false``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from skillgap.errors import FetchError
from skillgap.fetch.history import record_fetch, summarize_hn, summarize_jobspy
from skillgap.fetch.hn import fetch_hn
from skillgap.fetch.jobspy import fetch_jobspy
from skillgap.fetch.sources import HNSource, JobSpySearch


def run_hn(source: HNSource, *, exports_dir: Path, data_dir: Path) -> dict[str, Any]:
    """Fetch the HN hiring threads into ``<exports_dir>/hn``; return the recorded entry."""
    started = datetime.now(timezone.utc)
    try:
        result = fetch_hn(Path(exports_dir) / "hn", api_url=source.api_url, months=source.months, since=source.since)
    except FetchError as exc:
        return record_fetch(data_dir, source="hn", started=started, error=str(exc))
    return record_fetch(data_dir, source="hn", started=started, summary=summarize_hn(result))


def run_jobspy(search: JobSpySearch, *, exports_dir: Path, data_dir: Path) -> dict[str, Any]:
    """Fetch one JobSpy search into ``<exports_dir>/jobspy``; return the recorded entry."""
    started = datetime.now(timezone.utc)
    try:
        result = fetch_jobspy(Path(exports_dir) / "jobspy", site=search.site, search=search.search,
                              location=search.location, results=search.results, country=search.country,
                              hours_old=search.hours_old)
    except FetchError as exc:
        return record_fetch(data_dir, source=search.key, started=started, error=str(exc))
    return record_fetch(data_dir, source=search.key, started=started, summary=summarize_jobspy(result))
