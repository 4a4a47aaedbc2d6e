"""What each source fetched last: a small JSON log (``data/fetch_runs.json``) that status displays read.

``skillgap fetch`` and the monthly flow append one entry per source and run; ``latest_fetches`` gives the newest
entry per source for ``skillgap schedule --status`` and the Pipeline page.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from skillgap.fetch.files import read_json, write_json_atomic

HISTORY_FILE = "fetch_runs.json"
KEEP = 200


def jobspy_key(site: str, search: str, location: str | None) -> str:
    """The source name of one JobSpy search in the log: ``jobspy:indeed:data engineer@Berlin``."""
    return f"jobspy:{site}:{search}" + (f"@{location}" if location else "")


def history_path(data_dir: Path) -> Path:
    return Path(data_dir) / HISTORY_FILE


def summarize_hn(result: dict[str, Any]) -> dict[str, Any]:
    threads = result.get("threads") or []
    return {"threads": len(threads), "months": [t["month"] for t in threads],
            "new": sum(t["new"] for t in threads), "comments": sum(t["comments"] for t in threads),
            "written": result.get("written") or [], "requests": result.get("requests", 0)}


def summarize_jobspy(result: dict[str, Any]) -> dict[str, Any]:
    return {"rows": result.get("rows", 0), "new": result.get("rows", 0), "written": result.get("written") or []}


def record_fetch(data_dir: Path, *, source: str, started: datetime, summary: dict[str, Any] | None = None,
                 error: str | None = None) -> dict[str, Any]:
    """Append one fetch outcome (``summary`` on success, ``error`` on failure) and return the entry."""
    entry = {"source": source, "started": started.isoformat(),
             "finished": datetime.now(timezone.utc).isoformat(), "ok": error is None, "error": error,
             **(summary or {})}
    path = history_path(data_dir)
    runs = read_json(path, default=[])
    runs = (runs if isinstance(runs, list) else []) + [entry]
    write_json_atomic(path, runs[-KEEP:])
    return entry


def latest_fetches(data_dir: Path) -> list[dict[str, Any]]:
    """The newest entry per source, sources in name order (empty when nothing was ever fetched)."""
    runs = read_json(history_path(data_dir), default=[])
    latest: dict[str, dict[str, Any]] = {}
    for run in runs if isinstance(runs, list) else []:
        if isinstance(run, dict) and run.get("source"):
            latest[run["source"]] = run
    return [latest[k] for k in sorted(latest)]


def fetch_status_rows(data_dir: Path) -> list[dict[str, Any]]:
    """One readable row per source: when it last ran, whether it worked, what it brought in."""
    rows = []
    for run in latest_fetches(data_dir):
        if run["ok"]:
            what = f"{run.get('new', 0):,} new posts"
            if run.get("threads") is not None:
                what += f" in {run['threads']} thread(s)"
            what += f", {len(run.get('written') or [])} file(s) written"
        else:
            what = f"failed: {run.get('error')}"
        rows.append({"source": run["source"], "finished": run.get("finished"), "ok": run["ok"], "fetched": what})
    return rows
