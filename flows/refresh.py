"""Prefect flow ``refresh``: ingest -> extract -> aggregate over an exports folder, landing atomically.

Every step writes to one staged copy of the store (``store.staged_write``); the copy replaces
the live file only when all steps succeeded, so the dashboard never sees a half-written month
and a crash leaves the previous store intact. Files already loaded are skipped by checksum and
postings already extracted are skipped by taxonomy version, so the next run finishes the job.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

if __name__ == "__main__":  # Prefect reads its settings at import: point it at data/prefect, offline
    from flows import configure_environment

    configure_environment()

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows.aggregate import aggregate_market
from flows.extract import extract_skills
from flows.ingest import ingest_exports
from flows.local_flow import local_flow
from skillgap import store
from skillgap.refresh_summary import summarize_refresh

if TYPE_CHECKING:
    from skillgap.workers import ExtractionPool

RUNNERS = ("local", "dask")


@task(name="record-refresh", retries=2, retry_delay_seconds=[1, 5])
def record_refresh(db_path: str, summary: dict, refresh_id: str, exports_dir: str, started: str) -> None:
    """Write the refresh's summary row into the staged store (lands with the rest, or not at all)."""
    con = store.connect(db_path)
    try:
        with store.transaction(con):
            con.execute(
                "INSERT INTO refresh_runs VALUES (?, ?, ?, ?, ?, ?)",
                [refresh_id, flow_run.get_id(), exports_dir, datetime.fromisoformat(started),
                 store.now_utc(), json.dumps(summary, default=str)],
            )
    finally:
        con.close()


@task(name="export-parquet")
def export_lake(db_path: str, parquet_dir: str, since: str) -> dict:
    """Rewrite the month partitions of the Parquet lake that this refresh changed (all of them the first time)."""
    from skillgap import partitioned

    log = get_run_logger()
    con = store.connect(db_path, read_only=True)
    try:
        months = partitioned.changed_months(con, since=since) if partitioned.has_lake(parquet_dir) else None
        summary = partitioned.export_parquet(con, parquet_dir, months=months)
    finally:
        con.close()
    log.info("Parquet lake %s: rewrote %d month(s), rows %s", parquet_dir, len(summary.months), summary.rows)
    return summary.to_dict()


@local_flow(name="refresh", flow_run_name="refresh {exports_dir}")
def refresh(
    exports_dir: str,
    db_path: str,
    taxonomy_dir: str | None = None,
    model_dir: str | None = None,
    runner: str = "local",
    dask_address: str | None = None,
    batch_size: int = 2000,
    mappings_dir: str | None = None,
    parquet_dir: str | None = None,
    workers: int | None = None,
) -> dict:
    """Load new exports, extract skills from new postings, rebuild the market tables; land atomically.

    Args:
        exports_dir: folder of job-posting exports (files already loaded are skipped by checksum).
        db_path: the live DuckDB store; it is replaced only when every step succeeded.
        taxonomy_dir: taxonomy data folder (default: the packaged one).
        model_dir: where built spaCy pipelines are cached (default: data/models).
        mappings_dir: folder of user column-mapping files (YAML/TOML) for unfamiliar export layouts.
        runner: "local" extracts in this process; "dask" partitions extraction over a Dask cluster
            (``extract_skills`` with a ``DaskTaskRunner``) and merges the parts here, giving the same store.
        dask_address: the Dask scheduler for runner="dask" (tcp://host:8786); None starts a LocalCluster.
        batch_size: postings per extraction batch (one transaction each; one worker task each with Dask).
        workers: extraction processes (``flows.extract``); None: one per usable core when there are enough
            new postings to pay for starting them; 1: in this process only. With runner="dask" and no
            ``dask_address``: the LocalCluster's worker processes (None: one per usable core).
        parquet_dir: also keep a month-partitioned Parquet copy of postings and mentions here
            (``skillgap.partitioned``): the months this refresh changed are rewritten before the swap.
    """
    log = get_run_logger()
    if runner not in RUNNERS:
        raise ValueError(f"runner must be one of {RUNNERS}, not {runner!r}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    started = store.now_utc().isoformat()
    refresh_id = uuid.uuid4().hex
    with store.staged_write(db_path) as work, _workers_during_ingest(exports_dir, runner=runner, workers=workers,
                                                                      taxonomy_dir=taxonomy_dir, model_dir=model_dir
                                                                      ) as early:
        with _stream_to_workers(early):
            ingested = ingest_step(exports_dir, str(work), mappings_dir=mappings_dir)
        extracted = extract_step(str(work), runner=runner, dask_address=dask_address, taxonomy_dir=taxonomy_dir,
                                 model_dir=model_dir, batch_size=batch_size, workers=workers)
        aggregated = aggregate_step(str(work), taxonomy_dir=taxonomy_dir)
        summary = summarize_refresh(
            work, ingested=ingested, extracted=extracted, aggregated=aggregated, since=started
        )
        record_refresh(str(work), summary.to_dict(), refresh_id, exports_dir, started)
        if parquet_dir:
            export_lake(str(work), parquet_dir, started)
    log.info(
        "refresh landed: %s files, %s loaded, %s duplicates, %s rejected, %s postings extracted, months %s",
        summary.files, summary.loaded, summary.duplicates, summary.rejected, summary.extracted, summary.months,
    )
    create_markdown_artifact(
        key="refresh-summary", markdown=summary.to_markdown(), description="Monthly refresh summary"
    )
    return summary.to_dict()


@contextmanager
def _workers_during_ingest(exports_dir: str, *, runner: str, workers: int | None, taxonomy_dir: str | None,
                           model_dir: str | None) -> Iterator[ExtractionPool | None]:
    """Start the extraction workers before ingest when the exports look big enough to use them, so that their
    start-up overlaps ingest; yields the pool, or None."""
    from skillgap.workers import early_workers

    n = early_workers(exports_dir, workers=workers) if runner == "local" else 0
    if not n:
        yield None
        return
    from skillgap.settings import Settings
    from skillgap.workers import saved_pipeline, warm_pool
    from skills_taxonomy.load import load_taxonomy

    settings = Settings.from_env()
    taxonomy = load_taxonomy(taxonomy_dir or settings.taxonomy_dir)
    get_run_logger().info("refresh: starting %d extraction workers during ingest", n)
    with warm_pool(saved_pipeline(model_dir or settings.model_dir, taxonomy), workers=n) as pool:
        yield pool


@contextmanager
def _stream_to_workers(pool: ExtractionPool | None) -> Iterator[None]:
    """While ingest runs, send each file's new postings to the early workers as soon as the file is committed
    (``skillgap.ingest.stream``, ``ExtractionPool.prefetch``), so extraction overlaps the rest of the ingest; a
    small file's postings are gathered with the next ones into whole tasks (``Prefetcher``). The extract step
    writes the results of those still pending. Nothing here writes to the store. A failure to send stops the
    sending (the extract step then meets it) but never the ingest."""
    if pool is None:
        yield
        return
    from skillgap.ingest.stream import streaming_postings
    from skillgap.mentions import posting_text
    from skillgap.workers import Prefetcher

    ahead = Prefetcher(pool)

    def send(rows: list[tuple[str, str | None, str | None]]) -> None:
        ahead.add((pid, posting_text(title, description)) for pid, title, description in rows)

    with streaming_postings(send, room=pool.prefetch_room):
        yield
    ahead.flush()
    log = get_run_logger()
    log.info("refresh: %d postings sent to %d workers during ingest", len(pool.prefetched), pool.workers)
    if ahead.error is not None:
        log.warning("refresh: sending postings to the workers during ingest stopped: %s", ahead.error)


# The three steps run inside the refresh's own flow run (their tasks, logs and artifacts are the refresh's), not
# as sub-flows: a sub-flow costs about a second of orchestration each, longer than a small refresh's work.


def ingest_step(exports_dir: str, work: str, *, mappings_dir: str | None) -> dict:
    """Load new exports into the staged store (``ingest_exports``'s body)."""
    return ingest_exports.fn(paths=[exports_dir], db_path=work, mappings_dir=mappings_dir)


def extract_step(work: str, *, runner: str, dask_address: str | None, taxonomy_dir: str | None,
                 model_dir: str | None, batch_size: int, workers: int | None) -> dict:
    """Extract skills from the new postings: here (``extract_skills``'s body, on local worker processes), or on
    a Dask cluster (``extract_skills`` as a sub-flow whose task runner is the cluster)."""
    params = {"db_path": work, "taxonomy_dir": taxonomy_dir, "model_dir": model_dir, "batch_size": batch_size}
    if runner == "dask":
        from flows.extract_dask import dask_task_runner
        from skillgap.cores import resolve_workers

        cluster = dask_task_runner(dask_address, n_workers=resolve_workers(workers, postings=None))
        return extract_skills.with_options(task_runner=cluster)(**params)
    return extract_skills.fn(**params, workers=workers)


def aggregate_step(work: str, *, taxonomy_dir: str | None) -> dict:
    """Rebuild the market tables in the staged store (``aggregate_market``'s body)."""
    return aggregate_market.fn(db_path=work, taxonomy_dir=taxonomy_dir)


if __name__ == "__main__":  # the refresh with the settings' defaults (SKILLGAP_DATA_DIR, SKILLGAP_DB, ...)
    from skillgap.settings import Settings

    _settings = Settings.from_env()
    print(json.dumps(refresh(str(_settings.exports_dir), str(_settings.db_path), model_dir=str(_settings.model_dir),
                             mappings_dir=str(_settings.data_dir / "mappings")), indent=2, default=str))
