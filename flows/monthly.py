"""Prefect flow ``fetch-and-refresh``: run the configured fetches (``sources.toml``), then the ``refresh`` flow.

This is what the monthly schedule serves (``flows/serve.py``): the HN "Who is hiring?" threads and any JobSpy
searches land in the exports folder first, so the refresh brings in the new month by itself. A fetch that fails
is recorded and logged as a warning; the refresh still runs over what the exports folder holds.

    python -m flows.monthly     # once, with the settings' exports folder, store and sources.toml
"""

from __future__ import annotations

import json
from pathlib import Path

if __name__ == "__main__":  # Prefect reads its settings at import: point it at data/prefect, offline
    from flows import configure_environment

    configure_environment()

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from flows.local_flow import local_flow
from flows.refresh import refresh
from skillgap.fetch.sources import HNSource, JobSpySearch, load_sources, sources_path


@task(name="fetch-hn")
def fetch_hn_source(source: HNSource, exports_dir: str, data_dir: str) -> dict:
    from skillgap.fetch.run import run_hn

    return run_hn(source, exports_dir=Path(exports_dir), data_dir=Path(data_dir))


@task(name="fetch-jobspy", task_run_name="fetch-jobspy {search.site}")
def fetch_jobspy_search(search: JobSpySearch, exports_dir: str, data_dir: str) -> dict:
    from skillgap.fetch.run import run_jobspy

    return run_jobspy(search, exports_dir=Path(exports_dir), data_dir=Path(data_dir))


@local_flow(name="fetch-and-refresh", flow_run_name="fetch-and-refresh {exports_dir}")
def fetch_and_refresh(
    exports_dir: str,
    db_path: str,
    data_dir: str | None = None,
    sources_file: str | None = None,
    taxonomy_dir: str | None = None,
    model_dir: str | None = None,
    mappings_dir: str | None = None,
    runner: str = "local",
    dask_address: str | None = None,
    parquet_dir: str | None = None,
) -> dict:
    """Fetch every configured source into *exports_dir*, then refresh the store from it.

    Args:
        exports_dir: the exports folder; HN threads go to ``hn/``, JobSpy CSVs to ``jobspy/`` inside it.
        db_path: the live DuckDB store (replaced atomically by the refresh).
        data_dir: where ``fetch_runs.json`` (what each source fetched) is kept; default: settings (``data/``).
        sources_file: the sources settings; default ``<data_dir>/sources.toml`` (missing: no fetches).
        taxonomy_dir, model_dir, mappings_dir, runner, dask_address, parquet_dir: passed to ``refresh``.
    """
    log = get_run_logger()
    if data_dir is None:
        from skillgap.settings import Settings

        data_dir = str(Settings.from_env().data_dir)
    path = Path(sources_file) if sources_file else sources_path(Path(data_dir))
    sources = load_sources(path)
    fetched = []
    if sources.hn.enabled:
        fetched.append(fetch_hn_source(sources.hn, exports_dir, data_dir))
    for search in sources.jobspy:
        fetched.append(fetch_jobspy_search(search, exports_dir, data_dir))
    for entry in fetched:
        if entry["ok"]:
            log.info("fetched %s: %s new, %d file(s) written", entry["source"], entry.get("new"),
                     len(entry.get("written") or []))
        else:
            log.warning("fetch %s failed (refreshing what is there): %s", entry["source"], entry["error"])
    if not fetched:
        log.info("no fetches configured in %s; refreshing what %s holds", path, exports_dir)
    summary = refresh(exports_dir, db_path, taxonomy_dir=taxonomy_dir, model_dir=model_dir,
                      mappings_dir=mappings_dir, runner=runner, dask_address=dask_address, parquet_dir=parquet_dir)
    create_markdown_artifact(key="monthly-fetch", markdown=_markdown(fetched, path),
                             description="What each source fetched before the refresh")
    return {"fetched": fetched, "refresh": summary}


def _markdown(fetched: list[dict], path: Path) -> str:
    if not fetched:
        return f"No fetches configured ({path} is missing or lists none)."
    lines = ["| source | ok | new | files written | error |", "|---|---|---:|---:|---|"]
    for e in fetched:
        lines.append(f"| {e['source']} | {'yes' if e['ok'] else 'no'} | {e.get('new', '')} | "
                     f"{len(e.get('written') or [])} | {(e.get('error') or '').replace('|', '/')} |")
    return "\n".join(lines)


if __name__ == "__main__":  # once, with the settings' exports folder, store and <data_dir>/sources.toml
    from skillgap.settings import Settings

    _settings = Settings.from_env()
    print(json.dumps(fetch_and_refresh(str(_settings.exports_dir), str(_settings.db_path),
                                       data_dir=str(_settings.data_dir), model_dir=str(_settings.model_dir),
                                       mappings_dir=str(_settings.data_dir / "mappings")), indent=2, default=str))
