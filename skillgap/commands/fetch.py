"""CLI: `skillgap fetch hn|jobspy` — fetch job-posting exports from public sources into data/exports/."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import typer

from skillgap.commands.common import JsonOption, emit_json, err_console, out_console, progress, settings_for

fetch_app = typer.Typer(help="Fetch job-posting exports (Hacker News, job boards) into data/exports/.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(fetch_app, name="fetch")


@fetch_app.command("hn")
def fetch_hn_command(
    months: Optional[int] = typer.Option(
        None, "--months", help="The N newest months, counted back from the newest thread the API lists (default 12)."
    ),
    since: Optional[str] = typer.Option(None, "--since", help="Every month from YYYY-MM on (instead of --months)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the thread files (default: data/exports/hn/)."),
    api_url: Optional[str] = typer.Option(
        None, "--api-url", help="Hacker News API root (default: https://hacker-news.firebaseio.com/v0)."
    ),
    timeout: float = typer.Option(15.0, "--timeout", help="Seconds to wait for one answer before retrying."),
    json_out: bool = JsonOption,
) -> None:
    """Fetch the monthly "Ask HN: Who is hiring?" threads (top-level comments) through the official HN API.

    Incremental: complete months are not fetched again; the current month is topped up with new comments.
    """
    from skillgap.fetch.history import record_fetch, summarize_hn
    from skillgap.fetch.hn import HN_API, fetch_hn

    settings = settings_for()
    out_dir = (out or settings.exports_dir / "hn").expanduser().resolve()
    started = datetime.now(timezone.utc)
    with progress(disable=json_out) as bar:
        try:
            result = fetch_hn(out_dir, api_url=api_url or HN_API, months=months, since=since, timeout=timeout,
                              progress=_bar_progress(bar))
        except Exception as exc:
            from skillgap.errors import FetchOptionError

            if not isinstance(exc, FetchOptionError):
                record_fetch(settings.data_dir, source="hn", started=started, error=str(exc))
            raise
    record_fetch(settings.data_dir, source="hn", started=started, summary=summarize_hn(result))
    if json_out:
        emit_json(result)
        return
    if not result["threads"]:
        err_console.print("[yellow]warning:[/] the API lists no \"Ask HN: Who is hiring?\" thread in that window.")
    for t in result["threads"]:
        state = "complete" if t["complete"] else "current, will be topped up"
        out_console.print(f"{t['month']}  {t['comments']:>5,} posts ({t['new']:,} new)  {state}  {t['title']}")
    out_console.print(
        f"[bold green]Fetched[/] {len(result['threads'])} thread(s), {len(result['written'])} file(s) written to "
        f"{out_dir} with {result['requests']:,} requests. Next: skillgap refresh"
    )


def _bar_progress(bar) -> Callable[[str, int], Callable[[], None]]:
    def start(description: str, total: int) -> Callable[[], None]:
        task_id = bar.add_task(description, total=total or None)
        return lambda: bar.advance(task_id)

    return start


@fetch_app.command("jobspy")
def fetch_jobspy_command(
    site: str = typer.Option("indeed", "--site", help="Job board: indeed, linkedin, glassdoor, google, zip_recruiter, …"),
    search: str = typer.Option(..., "--search", help='What to search for, e.g. "data engineer".'),
    location: Optional[str] = typer.Option(None, "--location", help="Where, e.g. Berlin."),
    results: int = typer.Option(100, "--results", help="How many postings to ask for (1–1000)."),
    country: Optional[str] = typer.Option(
        None, "--country", help="Country for Indeed/Glassdoor (e.g. germany); default: read from --location, else usa."
    ),
    hours_old: Optional[int] = typer.Option(None, "--hours-old", help="Only postings newer than this many hours."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the CSV (default: data/exports/jobspy/)."),
    json_out: bool = JsonOption,
) -> None:
    """Fetch job-board postings through JobSpy (optional extra: pip install 'skillgap[collect]') into a dated CSV."""
    from skillgap.errors import FetchOptionError
    from skillgap.fetch.history import jobspy_key, record_fetch, summarize_jobspy
    from skillgap.fetch.jobspy import fetch_jobspy

    settings = settings_for()
    out_dir = (out or settings.exports_dir / "jobspy").expanduser().resolve()
    started = datetime.now(timezone.utc)
    source = jobspy_key(site, search, location)
    try:
        with out_console.status(f"Fetching {site}: {search}…", spinner="dots") if not json_out else nullcontext():
            result = fetch_jobspy(out_dir, site=site, search=search, location=location, results=results,
                                  country=country, hours_old=hours_old)
    except FetchOptionError:
        raise
    except Exception as exc:
        record_fetch(settings.data_dir, source=source, started=started, error=str(exc))
        raise
    record_fetch(settings.data_dir, source=source, started=started, summary=summarize_jobspy(result))
    if json_out:
        emit_json(result)
        return
    if not result["rows"]:
        err_console.print(f"[yellow]warning:[/] {site} returned no postings for {search!r}; nothing written.")
        return
    out_console.print(f"[bold green]Fetched[/] {result['rows']:,} postings from {site} → {result['written'][0]}. "
                      "Next: skillgap refresh")
