"""The ``extract_skills`` flow's Dask side: its tasks when the flow's task runner is a ``DaskTaskRunner``.

``extract_skills.with_options(task_runner=dask_task_runner(address))`` runs the extract step partitioned over a
Dask cluster (``prefect-dask``): the writer (the flow's process) snapshots the pending postings into Parquet
batches (``skillgap.batches.write_pending_batches``), submits one ``extract-part`` task per batch, and merges each
returned mentions part into the staged store as it arrives (``skillgap.mentions.write_batch``, the same
transaction the single-process path runs). Workers never open the DuckDB file: they read their batch file, load
the skills pipeline once per worker process and write ``mentions-NNNNN.parquet``. So the store ends up identical.

The batch files live in ``scratch_dir`` (default: ``<db>.parts/<run>/`` next to the store, removed
at the end). On a multi-machine cluster it must be a folder every worker sees (a shared volume),
and ``model_dir`` too, or workers build the pipeline from the packaged taxonomy themselves.
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from pathlib import Path

from prefect import get_run_logger, task
from prefect.exceptions import MissingContextError
from prefect.futures import as_completed

from skillgap import store
from skillgap.batches import BatchFile, extract_part, merge_part, write_pending_batches
from skillgap.mentions import extraction_counts

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


def extract_on_dask(work: Path, *, version: str, batch_size: int, limit: int | None, taxonomy_dir: str,
                    model_dir: str, scratch_dir: str | None, keep_parts: bool) -> dict:
    """The extract flow's work when its task runner is a ``DaskTaskRunner``: snapshot the pending postings of the
    staged store ``work`` into batch files, submit one ``extract-part`` task per batch, merge each returned part
    here as it arrives. Returns the same counts as the local path."""
    log = _logger()
    model_dir = str(Path(model_dir).resolve())
    totals = {"taxonomy_version": version, "postings": 0, "mentions": 0, "batches": 0, "seconds": 0.0}
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
