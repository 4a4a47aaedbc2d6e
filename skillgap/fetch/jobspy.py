"""Fetch job-board postings through python-jobspy (the optional ``collect`` extra) into a dated JobSpy CSV.

The CSV keeps JobSpy's own columns, which ingest recognises as the ``jobspy`` layout. JobSpy is imported only
when asked for, so skillgap runs without it; without it, ``CollectExtraMissing`` says how to install it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Callable

from skillgap.errors import CollectExtraMissing, FetchError, FetchOptionError
from skillgap.fetch.files import write_atomic
from skillgap.normalize import location as loc

INSTALL_HINT = "pip install 'skillgap[collect]'"
SITES = ("indeed", "linkedin", "glassdoor", "google", "zip_recruiter", "bayt", "naukri", "bdjobs", "hellowork")
MAX_RESULTS = 1000


def load_scraper() -> Callable[..., Any]:
    """JobSpy's ``scrape_jobs``, or ``CollectExtraMissing`` with the install command."""
    try:
        from jobspy import scrape_jobs
    except ImportError:
        raise CollectExtraMissing(
            "fetch jobspy needs python-jobspy, skillgap's optional 'collect' extra. Install it with "
            f"{INSTALL_HINT} (from a checkout: .venv/bin/pip install -e '.[collect]'), then run this again."
        ) from None
    return scrape_jobs


def board_country(location: str | None) -> str | None:
    """The country name JobSpy's Indeed/Glassdoor scrapers want, read from the location ("Berlin" → germany)."""
    code = loc.country_of(location) if location else None
    if code is None:
        return None
    try:
        from jobspy.model import Country
    except ImportError:
        return None
    for name, cc in loc._COUNTRIES.items():  # the country names we already know, first one JobSpy accepts
        if cc == code:
            try:
                return Country(name).value
            except ValueError:
                continue
    return None


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")[:40] or "any"


def export_name(*, site: str, search: str, location: str | None, day: date) -> str:
    return f"jobspy_{site}_{_slug(search)}_{_slug(location)}_{day.isoformat()}.csv"


def fetch_jobspy(out_dir: Path, *, site: str, search: str, location: str | None = None, results: int = 100,
                 country: str | None = None, hours_old: int | None = None, today: date | None = None) -> dict[str, Any]:
    """Scrape one board for one search and write ``jobspy_<site>_<search>_<location>_<date>.csv`` atomically."""
    if site not in SITES:
        raise FetchOptionError(f"--site must be one of {', '.join(SITES)}, not {site!r}.")
    if not search.strip():
        raise FetchOptionError("--search must name what to look for, e.g. \"data engineer\".")
    if not 1 <= results <= MAX_RESULTS:
        raise FetchOptionError(f"--results must be between 1 and {MAX_RESULTS}, not {results}.")
    scrape = load_scraper()
    country = country or board_country(location) or "usa"
    try:
        frame = scrape(site_name=[site], search_term=search, location=location, results_wanted=results,
                       country_indeed=country, hours_old=hours_old, verbose=0)
    except ValueError as exc:
        raise FetchOptionError(f"JobSpy refused the options: {exc}") from None
    except Exception as exc:  # JobSpy wraps HTTP clients we don't control: any failure is "could not fetch"
        raise FetchError(f"JobSpy could not fetch {site} ({type(exc).__name__}: {exc}). Are you offline or "
                         "blocked by the board? Nothing was written.") from None
    errors = dict((getattr(frame, "attrs", None) or {}).get("errors") or {})
    if len(frame) == 0:
        if errors:
            raise FetchError(f"JobSpy could not fetch {site}: {errors.get(site, errors)}. Nothing was written.")
        return {"site": site, "search": search, "location": location, "country": country, "rows": 0,
                "written": [], "errors": errors}
    path = Path(out_dir) / export_name(site=site, search=search, location=location, day=today or date.today())
    write_atomic(path, frame.to_csv(index=False).encode("utf-8"))
    return {"site": site, "search": search, "location": location, "country": country, "rows": int(len(frame)),
            "written": [str(path)], "errors": errors}
