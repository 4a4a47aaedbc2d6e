"""Prefect flow ``extract_skills_dask``: the extract step partitioned over a Dask cluster (``prefect-dask``).

The writer (this flow's process) snapshots the pending postings into Parquet batches
(``skillgap.batches.write_pending_batches``), submits one ``extract-part`` task per batch to the
``DaskTaskRunner``, and merges each returned mentions part into the staged store as it arrives
(``skillgap.mentions.write_batch``, the same transaction the single-process flow runs). Workers
never open the DuckDB file: they read their batch file, load the skills pipeline once per worker
process and write ``mentions-NNNNN.parquet``. So the store ends up identical to ``extract_skills``'s.

The batch files live in ``scratch_dir`` (default: ``<db>.parts/<run>/`` next to the store, removed
at the end). On a multi-machine cluster it must be a folder every worker sees (a shared volume),
and ``model_dir`` too, or workers build the pipeline from the packaged taxonomy themselves.

    python -m flows.extract_dask --db data/skillgap.duckdb [--address tcp://scheduler:8786]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import threading
import uuid
from pathlib import Path

if __name__ == "__main__":  # Prefect reads its settings at import: point it at data/prefect, offline
    from skillgap.settings import Settings, configure_prefect_env

    configure_prefect_env(Settings.from_env())

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.exceptions import MissingContextError  # noqa: E402
from prefect.futures import as_completed  # noqa: E402

from skillgap import store  # noqa: E402
from skillgap.batches import BatchFile, extract_part, merge_part, write_pending_batches  # noqa: E402
from skillgap.mentions import extraction_counts  # noqa: E402

DEFAULT_BATCH_SIZE = 2000
DEFAULT_WORKERS = 2

_worker_pipelines: dict[tuple[str, str], object] = {}
_worker_lock = threading.Lock()


def _logger():
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("skillgap.extract_dask")


def worker_pipeline(model_dir: str, taxonomy_dir: str | None, taxonomy_version: str):
    """The skills pipeline in this worker process, loaded once and kept for every later task."""
    key = (model_dir, taxonomy_version)
    with _worker_lock:
        nlp = _worker_pipelines.get(key)
        if nlp is None:
            from skills_taxonomy.pipeline import load_pipeline, model_path

            saved = model_path(model_dir, taxonomy_version)
            if (saved / "meta.json").exists():
                nlp = load_pipeline(saved)
            else:  # a worker that cannot see the writer's model_dir builds its own copy
                from skills_taxonomy.load import load_taxonomy

                taxonomy = load_taxonomy(taxonomy_dir)
                if taxonomy.version != taxonomy_version:
                    raise RuntimeError(
                        f"worker taxonomy {taxonomy.version} differs from the writer's {taxonomy_version}; "
                        "install the same skillgap version on the workers or share --model-dir."
                    )
                nlp = load_pipeline(Path(model_dir), taxonomy=taxonomy)
            _worker_pipelines[key] = nlp
        return nlp


@task(name="extract-part", retries=1, retry_delay_seconds=[2], task_run_name="extract part {index}")
def extract_part_task(index: int, pending_path: str, out_path: str, model_dir: str, taxonomy_dir: str | None,
                      taxonomy_version: str) -> dict:
    """On a worker: one pending batch file -> one mentions Parquet part; returns its path and counts."""
    nlp = worker_pipeline(model_dir, taxonomy_dir, taxonomy_version)
    result = extract_part(pending_path, out_path, nlp=nlp)
    result.update(index=index, pending_path=pending_path)
    return result


def dask_task_runner(address: str | None = None, *, n_workers: int = DEFAULT_WORKERS):
    """A ``DaskTaskRunner`` on the cluster at ``address``, or on a fresh ``LocalCluster`` when None.

    The local cluster uses processes with one thread each: spaCy holds the GIL, so threads would not help.
    """
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": None},
    )


@flow(name="extract_skills_dask", flow_run_name="extract skills (dask)")
def extract_skills_dask(
    db_path: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    limit: int | None = None,
    taxonomy_dir: str | None = None,
    model_dir: str | None = None,
    scratch_dir: str | None = None,
    keep_parts: bool = False,
) -> dict:
    """Extract skills from every pending posting on the flow's task runner (Dask), merging in this process.

    Returns the same keys as ``flows.extract.extract_skills``. Run it through ``run_extract_dask`` (or
    ``extract_skills_dask.with_options(task_runner=dask_task_runner(...))``) to pick the cluster.

    Args:
        db_path: the store; the run writes to its staged copy and lands atomically.
        batch_size: postings per worker task (and per merge transaction).
        limit: at most this many postings this run (None: all pending).
        taxonomy_dir: taxonomy data folder (default: settings / the packaged taxonomy).
        model_dir: where saved pipelines live; workers load from here (default: settings.model_dir).
        scratch_dir: folder for the batch and part files (must be visible to every worker).
        keep_parts: keep the Parquet batch/part files after the merge (for debugging).
    """
    from skillgap.settings import Settings
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    log = _logger()
    settings = Settings.from_env(db=db_path)
    taxonomy_dir = taxonomy_dir or str(settings.taxonomy_dir)
    model_dir = str(Path(model_dir or settings.model_dir).resolve())
    taxonomy = load_taxonomy(taxonomy_dir)
    version = taxonomy.version
    load_pipeline(Path(model_dir), taxonomy=taxonomy)  # build and save once; workers only load it
    totals = {"taxonomy_version": version, "postings": 0, "mentions": 0, "batches": 0, "seconds": 0.0}
    with store.staged_write(settings.db_path) as work:
        scratch = Path(scratch_dir) if scratch_dir else Path(str(work) + ".parts") / uuid.uuid4().hex[:12]
        try:
            con = store.connect(work)
            try:
                batches = write_pending_batches(con, taxonomy_version=version, out_dir=scratch,
                                                batch_size=batch_size, limit=limit)
            finally:
                con.close()
            pending = sum(b.postings for b in batches)
            log.info("extract (dask): %d postings pending for taxonomy %s (%d batches in %s)",
                     pending, version, len(batches), scratch)
            by_index: dict[int, BatchFile] = {b.index: b for b in batches}
            futures = [
                extract_part_task.submit(b.index, b.path, b.part_path(), model_dir, taxonomy_dir, version)
                for b in batches
            ]
            con = store.connect(work)
            try:
                for future in as_completed(futures):
                    counts = future.result()
                    batch = by_index[counts["index"]]
                    written = merge_part(con, counts["path"], taxonomy_version=version, pending_path=batch.path)
                    totals["postings"] += counts["postings"]
                    totals["mentions"] += written
                    totals["seconds"] += counts["seconds"]
                    totals["batches"] += 1
                    if not keep_parts:
                        Path(counts["path"]).unlink(missing_ok=True)
                        Path(batch.path).unlink(missing_ok=True)
                    log.info("extract (dask): merged part %d: %d postings, %d mentions (%d/%d done)",
                             batch.index, counts["postings"], written, totals["postings"], pending)
                totals.update({f"store_{k}": v for k, v in extraction_counts(con, taxonomy_version=version).items()})
            finally:
                con.close()
        finally:
            if not keep_parts:
                shutil.rmtree(scratch, ignore_errors=True)
                parent = scratch.parent
                if parent.name.endswith(".parts") and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
    log.info("extract (dask): %d postings, %d mentions written (taxonomy %s)",
             totals["postings"], totals["mentions"], version)
    return totals


def run_extract_dask(db_path: str, *, dask_address: str | None = None, n_workers: int = DEFAULT_WORKERS,
                     **params) -> dict:
    """Run ``extract_skills_dask`` on the Dask cluster at ``dask_address`` (or a local one)."""
    runner = dask_task_runner(dask_address, n_workers=n_workers)
    return extract_skills_dask.with_options(task_runner=runner)(db_path=db_path, **params)


def main() -> None:
    from skillgap.settings import Settings

    parser = argparse.ArgumentParser(description="Extract skills on a Dask cluster.")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--address", default=None, help="Dask scheduler (tcp://host:8786); default: a LocalCluster")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="LocalCluster workers")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    settings = Settings.from_env(db=args.db)
    print(run_extract_dask(str(settings.db_path), dask_address=args.address, n_workers=args.workers,
                           batch_size=args.batch_size, limit=args.limit, model_dir=str(settings.model_dir)))


if __name__ == "__main__":
    main()
