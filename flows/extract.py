"""Prefect flow ``extract_skills``: find skill mentions in postings not yet extracted with the current taxonomy.

Each batch is read, run through ``nlp.pipe`` and merged into the staged store in one transaction
(``skillgap.mentions.write_batch``). With ``workers`` above 1 (by default: one per usable core, when
there are enough postings to pay for starting them) worker processes extract the batches
(``skillgap.workers``) and this process stays the only writer, writing the same batches in the same order.
Re-running does nothing; a new taxonomy version re-extracts every posting and replaces its older mentions.
Run it alone over the settings' store with ``python -m flows.extract`` (``SKILLGAP_DB`` picks another store).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

if __name__ == "__main__":  # Prefect reads its settings at import: point it at data/prefect, offline
    from flows import configure_environment

    configure_environment()

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.exceptions import MissingContextError

from flows.local_flow import local_flow
from skillgap import store
from skillgap.cores import MIN_POSTINGS_PER_WORKER, resolve_workers
from skillgap.extract import extract_batch
from skillgap.extract_writer import extract_and_write
from skillgap.mentions import extraction_counts, iter_posting_texts, pending_posting_ids, write_batch
from skillgap.workers import open_pool, saved_pipeline, warm_workers
from skills_taxonomy.load import load_taxonomy
from skills_taxonomy.pipeline import load_pipeline


def _logger():
    try:
        return get_run_logger()
    except MissingContextError:  # flow.fn() in tests and scripts
        return logging.getLogger("skillgap.extract")


def _artifact(**kwargs) -> None:
    try:
        create_markdown_artifact(**kwargs)
    except MissingContextError:
        pass


@task(name="find-pending-postings")
def find_pending(db_path: str, taxonomy_version: str, limit: int | None = None) -> list[str]:
    """Ids of postings without an extraction for ``taxonomy_version``."""
    con = store.connect(db_path)
    try:
        return pending_posting_ids(con, taxonomy_version=taxonomy_version, limit=limit)
    finally:
        con.close()


@task(name="extract-batch")
def extract_batch_task(db_path: str, posting_ids: list[str], model_dir: str, taxonomy_dir: str | None) -> dict:
    """Extract one batch and write it in one transaction; returns counts."""
    taxonomy = load_taxonomy(taxonomy_dir)
    nlp = load_pipeline(Path(model_dir), taxonomy=taxonomy)
    con = store.connect(db_path)
    try:
        texts = list(iter_posting_texts(con, posting_ids))
        t0 = time.perf_counter()
        table = extract_batch(texts, nlp=nlp)
        seconds = time.perf_counter() - t0
        written = write_batch(con, table, taxonomy_version=taxonomy.version, posting_ids=posting_ids)
    finally:
        con.close()
    return {"postings": len(posting_ids), "mentions": written, "seconds": seconds}


def _extract_in_process(db_path: str, pending: list[str], *, batch_size: int, model_dir: str,
                        taxonomy_dir: str | None) -> dict:
    """Extract and write ``pending`` in this process, one ``extract-batch`` task per batch."""
    log = _logger()
    totals = {"postings": 0, "mentions": 0, "batches": 0, "seconds": 0.0}
    n_batches = (len(pending) + batch_size - 1) // batch_size
    for i in range(n_batches):
        ids = pending[i * batch_size : (i + 1) * batch_size]
        counts = extract_batch_task(db_path, ids, model_dir, taxonomy_dir)
        for key in ("postings", "mentions", "seconds"):
            totals[key] += counts[key]
        totals["batches"] += 1
        log.info(
            "extract: batch %d/%d: %d postings, %d mentions (%d/%d done, %.0f postings/s)",
            i + 1, n_batches, counts["postings"], counts["mentions"], totals["postings"], len(pending),
            counts["postings"] / counts["seconds"] if counts["seconds"] else 0.0,
        )
    return totals


@task(name="extract-with-workers")
def extract_with_workers(db_path: str, posting_ids: list[str], pipeline_path: str, taxonomy_version: str,
                         batch_size: int, workers: int) -> dict:
    """Extract on ``workers`` processes (each loads the saved pipeline once); write every batch here, in order."""
    log = _logger()
    con = store.connect(db_path)
    try:
        with open_pool(pipeline_path, workers=workers) as pool:
            def progress(c: dict) -> None:
                if c["batch"] == 1:
                    log.info("extract: %d worker processes running (pids %s)", workers,
                             ", ".join(map(str, pool.pids())))
                log.info("extract: batch %d/%d: %d postings, %d mentions (%d/%d done, %.0f postings/s on %d workers)",
                         c["batch"], c["batches"], c["postings"], c["mentions"], c["done"], len(posting_ids),
                         c["done"] / c["elapsed"] if c["elapsed"] else 0.0, workers)

            return extract_and_write(con, posting_ids, pool=pool, taxonomy_version=taxonomy_version,
                                     batch_size=batch_size, on_batch=progress)
    finally:
        con.close()


@local_flow(name="extract_skills", flow_run_name="extract skills")
def extract_skills(
    db_path: str | None = None,
    batch_size: int = 2000,
    limit: int | None = None,
    taxonomy_dir: str | None = None,
    model_dir: str | None = None,
    workers: int | None = None,
    scratch_dir: str | None = None,
    keep_parts: bool = False,
) -> dict:
    """Extract skills from every posting not yet extracted with the current taxonomy version.

    Args:
        db_path: the store (default: settings).
        batch_size: postings per batch (one transaction each).
        limit: at most this many postings this run (None: all pending).
        taxonomy_dir: taxonomy data folder (default: settings / the packaged taxonomy).
        model_dir: where saved pipelines live (default: settings.model_dir).
        workers: extraction processes; None: one per usable core (CPU affinity, cgroup quota), fewer when
            there are under 1,000 pending postings per worker; 1: in this process only.
        scratch_dir: on a Dask task runner, the folder for the Parquet batch and part files (visible to every
            worker; default ``<db>.parts/<run>/``).
        keep_parts: on a Dask task runner, keep the batch/part files after the merge (for debugging).

    The task runner decides where extraction runs: the default extracts here or on local worker processes;
    ``extract_skills.with_options(task_runner=dask_task_runner(address))`` submits one ``extract-part`` task
    per batch to a Dask cluster (``flows.extract_dask``) and merges the parts here, giving the same store.
    """
    from skillgap.settings import Settings

    log = _logger()
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    settings = Settings.from_env(db=db_path)
    taxonomy_dir = taxonomy_dir or str(settings.taxonomy_dir)
    model_dir = model_dir or str(settings.model_dir)
    taxonomy = load_taxonomy(taxonomy_dir)
    version = taxonomy.version
    pipeline_path = saved_pipeline(model_dir, taxonomy)  # build and save once, before the batches
    totals = {"taxonomy_version": version, "postings": 0, "mentions": 0, "batches": 0, "seconds": 0.0}
    with store.staged_write(settings.db_path) as work:
        if _on_dask():
            from flows.extract_dask import extract_on_dask

            return extract_on_dask(work, version=version, batch_size=batch_size, limit=limit,
                                   taxonomy_dir=taxonomy_dir, model_dir=model_dir, scratch_dir=scratch_dir,
                                   keep_parts=keep_parts)
        totals.update(_extract_here(str(work), pipeline_path, version=version, batch_size=batch_size, limit=limit,
                                    workers=workers, model_dir=model_dir, taxonomy_dir=taxonomy_dir))
    log.info("extract: %d postings, %d mentions written (taxonomy %s)", totals["postings"], totals["mentions"], version)
    _artifact(
        key="extract-skills",
        markdown=(
            "| postings extracted | mentions | batches | taxonomy |\n|---|---|---|---|\n"
            f"| {totals['postings']} | {totals['mentions']} | {totals['batches']} | {version} |"
        ),
        description="Skill extraction",
    )
    return totals


def _on_dask() -> bool:
    """Whether this flow run's task runner is a ``DaskTaskRunner`` (chosen with ``with_options``)."""
    ctx = FlowRunContext.get()
    return ctx is not None and type(ctx.task_runner).__name__ == "DaskTaskRunner"


def _extract_here(work: str, pipeline_path: Path, *, version: str, batch_size: int, limit: int | None,
                  workers: int | None, model_dir: str, taxonomy_dir: str) -> dict:
    """Extract the pending postings of the staged store ``work`` in this process or on local worker processes."""
    log = _logger()
    pending = find_pending(work, version, limit)
    n_batches = (len(pending) + batch_size - 1) // batch_size
    # workers already started (by the refresh, during ingest) hold the postings sent ahead: they do the work
    warm = warm_workers(pipeline_path)
    if not pending:
        n_workers = 1
    elif warm:
        n_workers = warm
    else:
        n_workers = resolve_workers(workers, postings=len(pending), min_postings_per_worker=MIN_POSTINGS_PER_WORKER)
    log.info("extract: %d postings pending for taxonomy %s (%d batches, %s)", len(pending), version, n_batches,
             f"{n_workers} worker processes" if n_workers > 1 else "in this process")
    if n_workers > 1:
        counts = extract_with_workers(work, pending, str(pipeline_path), version, batch_size, n_workers)
    else:
        counts = _extract_in_process(work, pending, batch_size=batch_size, model_dir=model_dir,
                                     taxonomy_dir=taxonomy_dir)
    con = store.connect(work)
    try:
        counts.update({f"store_{k}": v for k, v in extraction_counts(con, taxonomy_version=version).items()})
    finally:
        con.close()
    return {**counts, "workers": n_workers}


if __name__ == "__main__":  # the extract step over the settings' store (SKILLGAP_DB or data/skillgap.duckdb)
    print(extract_skills())
