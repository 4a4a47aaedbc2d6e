"""Prefect flow ``ingest_exports``: load job-posting exports (files and folders) into the DuckDB store.

Thin wrapper over ``skillgap.ingest``: the whole run writes to a staged copy of the store (swapped in at the end),
each file is one task and one transaction. ``skillgap ingest PATH...`` runs it; ``python -m flows.ingest`` loads the
settings' exports folder (``data/exports``) into the settings' store.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Callable, Iterator

if __name__ == "__main__":  # Prefect reads its settings at import: point it at data/prefect, offline
    from flows import configure_environment

    configure_environment()

from prefect import get_run_logger, task

from flows.local_flow import local_flow
from skillgap import store
from skillgap.ingest import discover, folder_warnings, load_file, resolve_layouts, skipped_result, summarise
from skillgap.ingest.load import release
from skillgap.ingest.readers import DEFAULT_MAX_FIELD_BYTES

# The CLI's progress bar listens here (same process); flow parameters stay plain data.
_file_listeners: list[Callable[[dict[str, Any]], None]] = []


def add_file_listener(fn: Callable[[dict[str, Any]], None]) -> None:
    _file_listeners.append(fn)


def remove_file_listener(fn: Callable[[dict[str, Any]], None]) -> None:
    if fn in _file_listeners:
        _file_listeners.remove(fn)


@task(retries=2, retry_delay_seconds=[1, 5], task_run_name="load {path}")
def load_export(
    path: str,
    db_path: str,
    *,
    mappings: list[str],
    mappings_dir: str | None,
    max_field_bytes: int,
    explicit: bool,
    comments_from: str | None,
) -> dict[str, Any]:
    """Load one export file into the staged store (one transaction). Only store/IO errors raise (and retry)."""
    layouts = resolve_layouts(mappings, mappings_dir)
    return load_file(path, db_path, layouts=layouts, max_field_bytes=max_field_bytes, explicit=explicit,
                     comments_from=comments_from, keep_open=True)


@local_flow(name="ingest_exports", log_prints=False)
def ingest_exports(
    paths: list[str],
    db_path: str,
    mappings: list[str] | None = None,
    mappings_dir: str | None = None,
    max_field_bytes: int = DEFAULT_MAX_FIELD_BYTES,
) -> dict[str, Any]:
    """Load every export under *paths* into *db_path*; return the summary (see docs/ingest.md)."""
    log = get_run_logger()
    mappings = [str(m) for m in (mappings or [])]
    resolve_layouts(mappings, mappings_dir)  # fail early on a bad mapping file, before touching the store
    results: list[dict[str, Any]] = []
    with store.staged_write(db_path) as work, _released(str(work)):
        jobs = discover(list(paths))
        log.info("ingest: %d files under %s", len(jobs), ", ".join(map(str, paths)))
        for job in jobs:
            if job.action == "skip":
                result = skipped_result(job)
            else:
                try:
                    result = load_export(
                        job.path, str(work), mappings=mappings, mappings_dir=mappings_dir,
                        max_field_bytes=max_field_bytes, explicit=job.explicit, comments_from=job.comments_from,
                    )
                except Exception as exc:  # the file's transaction rolled back; the rest still load
                    result = {"file": job.path, "status": "failed", "message": f"{job.path}: {exc}", "rows": 0,
                              "loaded": 0, "duplicates": 0, "rejected": 0, "labels": 0, "reasons": {}}
            _log_result(log, result)
            results.append(result)
            for fn in list(_file_listeners):
                fn(result)
    summary = summarise(results, warnings=folder_warnings(list(paths), jobs))
    for warning in summary["warnings"]:
        log.warning(warning)
    log.info(
        "ingest done: %d files (%d skipped, %d failed), %d rows: %d loaded, %d duplicates, %d rejected, %d labels",
        summary["files"], summary["skipped_files"], len(summary["failed_files"]), summary["rows"],
        summary["loaded"], summary["duplicates"], summary["rejected"], summary["labels"],
    )
    return summary


@contextmanager
def _released(work: str) -> Iterator[None]:
    try:
        yield
    finally:
        release(work)


def _log_result(log, r: dict[str, Any]) -> None:
    if r["status"] == "failed":
        log.warning("failed: %s", r["message"])
    elif r["status"] == "skipped":
        log.info("skipped %s: %s", r["file"], r["message"])
    else:
        log.info("%s %s [%s]: %d rows, %d loaded, %d duplicates, %d rejected, %d labels", r["status"], r["file"],
                 r.get("layout"), r["rows"], r["loaded"], r["duplicates"], r["rejected"], r["labels"])


if __name__ == "__main__":  # the settings' exports folder into the settings' store
    from skillgap.settings import Settings

    _settings = Settings.from_env()
    _summary = ingest_exports([str(_settings.exports_dir)], str(_settings.db_path),
                              mappings_dir=str(_settings.data_dir / "mappings"))
    _summary.pop("per_file", None)
    print(json.dumps(_summary, indent=2, ensure_ascii=False))
