"""Ingestion of job-posting exports into the DuckDB store (see docs/ingest.md).

``ingest_paths`` is the plain-Python core; ``flows/ingest.py`` runs the same steps as a Prefect flow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from skillgap import store
from skillgap.ingest.discover import FileJob, discover, folder_warnings
from skillgap.ingest.layouts import Layout
from skillgap.ingest.load import FileResult, load_file, release
from skillgap.ingest.mappings import discover_mappings, load_mappings
from skillgap.ingest.readers import DEFAULT_MAX_FIELD_BYTES

__all__ = ["FileJob", "FileResult", "discover", "folder_warnings", "ingest_paths", "load_file", "resolve_layouts", "summarise"]


def resolve_layouts(mappings: list[str | Path] | None = None, mappings_dir: str | Path | None = None) -> list[Layout]:
    """User layouts: files given with --mapping first, then those auto-discovered in *mappings_dir*."""
    paths = [Path(m) for m in (mappings or [])]
    paths += [p for p in discover_mappings(mappings_dir) if p not in paths]
    return load_mappings(paths)


def skipped_result(job: FileJob) -> dict[str, Any]:
    return FileResult(job.path, "skipped", message=job.message).to_dict()


def summarise(results: list[dict[str, Any]], *, warnings: list[str] | None = None) -> dict[str, Any]:
    """The ``skillgap ingest --json`` object: totals plus per-file results (and warnings such as an empty folder)."""
    out: dict[str, Any] = {"files": len(results), "skipped_files": 0, "rows": 0, "loaded": 0, "duplicates": 0,
                           "rejected": 0, "labels": 0, "failed_files": [], "rejection_reasons": {}, "per_file": [],
                           "warnings": list(warnings or [])}
    for r in results:
        if r["status"] == "skipped":
            out["skipped_files"] += 1
        elif r["status"] == "failed":
            out["failed_files"].append({"file": r["file"], "message": r["message"]})
        for k in ("rows", "loaded", "duplicates", "rejected", "labels"):
            out[k] += r.get(k) or 0
        for reason, n in (r.get("reasons") or {}).items():
            out["rejection_reasons"][reason] = out["rejection_reasons"].get(reason, 0) + n
        out["per_file"].append({k: r.get(k) for k in ("file", "status", "source", "layout", "rows", "loaded",
                                                      "duplicates", "rejected", "labels", "message")})
    return out


def ingest_paths(
    paths: list[str | Path],
    db_path: str | Path,
    *,
    layouts: list[Layout] | None = None,
    max_field_bytes: int = DEFAULT_MAX_FIELD_BYTES,
    on_file: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Load every export under *paths* into the store (staged, swapped in at the end); return the summary."""
    results = []
    jobs = discover(list(paths))
    with store.staged_write(db_path) as work:
        try:
            for job in jobs:
                if job.action == "skip":
                    result = skipped_result(job)
                else:
                    result = load_file(job.path, str(work), layouts=layouts, max_field_bytes=max_field_bytes,
                                       explicit=job.explicit, comments_from=job.comments_from, keep_open=True)
                results.append(result)
                if on_file:
                    on_file(result)
        finally:
            release(str(work))
    return summarise(results, warnings=folder_warnings(list(paths), jobs))
