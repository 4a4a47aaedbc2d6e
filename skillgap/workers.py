"""Extraction on every usable core: worker processes that each load the saved pipeline once.

How many workers to start is ``skillgap.cores.resolve_workers``'s decision.

``ExtractionPool`` starts the workers with the ``spawn`` method: each is a fresh interpreter, so none inherits
the parent's DuckDB connection, Prefect's event-loop threads or locks held by them at fork time. Each worker
loads the saved pipeline once (``spacy.load``, about a second with the imports) and then extracts whole
batches with ``skillgap.extract.extract_batch``, the function the single-process flow and the Dask workers
run. It hands back an Arrow IPC stream (a table of mentions) or the batch's ``--jsonl`` output lines.
``map_ordered`` keeps a few batches in flight per worker and yields results in batch order, so a single writer
(the caller) writes them exactly as one process would. Ctrl-C or any error terminates the workers at once;
they ignore SIGINT themselves, so a terminal's Ctrl-C reaches only the parent, which decides. A worker whose
parent died without stopping it (SIGKILL) exits within a second.
"""

from __future__ import annotations

import math
import multiprocessing.context
import os
import signal
import threading
from collections import deque
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from skillgap.cores import MIN_POSTINGS_PER_WORKER, resolve_workers

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

# Postings per worker task: small enough that the last tasks end together and Ctrl-C waits for nothing long,
# large enough that sending texts and results (tens of KB) stays a small share of the work.
TASK_POSTINGS = 250
IN_FLIGHT_PER_WORKER = 2
# tasks a pool takes ahead of the writer (``ExtractionPool.prefetch``, during a refresh's ingest): bounds the
# results held in memory until the writer reaches them
PREFETCH_TASKS_PER_WORKER = 16
# a rough size of one posting in an export file (the real exports: 2-4 KB as CSV, ~2 KB as JSON Lines)
BYTES_PER_POSTING = 2000


# --- inside a worker process -------------------------------------------------------------------------------

_worker_nlp = None


def _exit_with_parent(parent_pid: int) -> None:
    import time

    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)  # the parent died without stopping us (SIGKILL, SIGTERM): nobody will read our results


def _start_worker(model_path: str, parent_pid: int) -> None:
    global _worker_nlp
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it terminates us
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True, name="exit-with-parent").start()
    from skills_taxonomy.pipeline import load_pipeline

    _worker_nlp = load_pipeline(Path(model_path))
    import gc

    gc.freeze()  # the pipeline lives as long as the worker: keep its objects out of every later collection


def _ready() -> int:
    return os.getpid()


def extract_table_ipc(rows: list[tuple[str, str]], mode: str = "posting") -> bytes:
    """In a worker: ``extract_batch`` of ``(id, text)`` rows as an Arrow IPC stream (schema metadata kept)."""
    import pyarrow as pa

    from skillgap.extract import extract_batch

    table = extract_batch(rows, nlp=_worker_nlp, mode=mode)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def table_from_ipc(data: bytes) -> "pa.Table":
    """The mentions table a worker sent (``extract_table_ipc``)."""
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all()


def extract_jsonl_lines(rows: list[tuple[str, str]], mode: str = "posting") -> str:
    """In a worker: the ``skillgap extract --jsonl`` output lines of ``(id, text)`` rows."""
    from skillgap.mention_lines import batch_lines

    return batch_lines(rows, nlp=_worker_nlp, mode=mode)


# --- in the parent -----------------------------------------------------------------------------------------

_spawn_lock = threading.Lock()


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned process that does not import the parent's ``__main__``: workers need nothing from it, and a
    main module such as ``flows.refresh`` (Prefect: ~2 s) or a script without a ``__name__`` guard would cost
    each worker seconds or run its top-level code again."""

    @staticmethod
    def _Popen(process_obj):
        from multiprocessing import spawn

        with _spawn_lock:
            prepare = spawn.get_preparation_data

            def without_main(name):
                data = prepare(name)
                data.pop("init_main_from_name", None)
                data.pop("init_main_from_path", None)
                return data

            spawn.get_preparation_data = without_main
            try:
                return multiprocessing.context.SpawnProcess._Popen(process_obj)
            finally:
                spawn.get_preparation_data = prepare


class _WorkerContext(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess



class ExtractionPool:
    """``workers`` spawned processes, each holding the pipeline saved at ``model_path``. Use it as a context
    manager: leaving normally waits for the workers to exit, leaving by an exception (KeyboardInterrupt
    included) terminates them first."""

    def __init__(self, model_path: Path | str, *, workers: int):
        from concurrent.futures import ProcessPoolExecutor

        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        # posting id -> the future of the task extracting it, for postings sent ahead of the writer (``prefetch``)
        self.prefetched: dict = {}
        self._prefetch_tasks = 0
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=_WorkerContext(),
            initializer=_start_worker, initargs=(str(model_path), os.getpid()),
        )

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._executor.shutdown(wait=True)
        else:
            self.terminate()

    def start(self) -> "ExtractionPool":
        """Start every worker now (each loads the pipeline) without waiting: the caller goes on meanwhile."""
        for _ in range(self.workers):
            self._executor.submit(_ready)
        return self

    def prefetch(self, rows: list[tuple[str, str]]) -> int:
        """Start extracting ``(posting_id, text)`` rows before the writer asks for them (a refresh does this for
        each file as soon as ingest has loaded it, so extraction overlaps the rest of the ingest); at most
        ``PREFETCH_TASKS_PER_WORKER`` tasks per worker. ``extract_and_write`` takes the results. Returns how many
        rows were sent."""
        sent = 0
        for task in _tasks(rows, TASK_POSTINGS):
            if not self.prefetch_room():
                break
            future = self._executor.submit(extract_table_ipc, task, "posting")
            self._prefetch_tasks += 1
            for posting_id, _ in task:
                self.prefetched[posting_id] = future
            sent += len(task)
        return sent

    def prefetch_room(self) -> int:
        """How many more postings ``prefetch`` takes."""
        return max(0, self.workers * PREFETCH_TASKS_PER_WORKER - self._prefetch_tasks) * TASK_POSTINGS

    def pids(self) -> list[int]:
        """The worker processes' ids (after they started: ``map_ordered`` starts them all)."""
        return sorted((getattr(self._executor, "_processes", None) or {}).keys())

    def terminate(self) -> None:
        """Stop every worker now, dropping queued work (for Ctrl-C and errors)."""
        processes = list((getattr(self._executor, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)

    def map_ordered(self, fn: Callable, tasks: Iterable, *, mode: str = "posting") -> Iterator:
        """``fn(task, mode)`` on the workers for each task, results yielded in task order. At most
        ``IN_FLIGHT_PER_WORKER`` tasks per worker are queued, so ``tasks`` is read lazily (a stream)."""
        pending: deque = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for task in tasks:
            pending.append(self._executor.submit(fn, task, mode))
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# pools started ahead of their work (``warm_pool``), by pipeline path
_warm: dict[str, ExtractionPool] = {}


@contextmanager
def warm_pool(model_path: Path | str, *, workers: int) -> Iterator[ExtractionPool]:
    """Start ``workers`` processes now and keep them for the block: ``open_pool`` with the same pipeline path
    inside it hands them out, so their start-up overlaps whatever the block does first (a refresh's ingest)."""
    key = str(model_path)
    with ExtractionPool(model_path, workers=workers) as pool:
        _warm[key] = pool.start()
        try:
            yield pool
        finally:
            _warm.pop(key, None)


def warm_workers(model_path: Path | str) -> int:
    """How many workers a ``warm_pool`` holds for this pipeline (0: none)."""
    pool = _warm.get(str(model_path))
    return pool.workers if pool is not None else 0


@contextmanager
def open_pool(model_path: Path | str, *, workers: int) -> Iterator[ExtractionPool]:
    """The warm pool for this pipeline when it has ``workers`` processes, else a new pool for the block."""
    pool = _warm.get(str(model_path))
    if pool is not None and pool.workers == workers:
        yield pool  # its warm_pool block stops it (and terminates it on an exception)
        return
    with ExtractionPool(model_path, workers=workers) as pool:
        yield pool


def saved_pipeline(model_dir: Path | str, taxonomy) -> Path:
    """Where the pipeline for ``taxonomy`` is saved under ``model_dir``, building and saving it first if needed;
    unlike ``load_pipeline`` it does not load a saved one into this process (the workers load it)."""
    from skills_taxonomy.pipeline import _is_current, load_pipeline, model_path

    path = model_path(model_dir, taxonomy.version)
    if not _is_current(path):
        load_pipeline(Path(model_dir), taxonomy=taxonomy)
    return path


def expected_postings(folder: Path | str) -> int:
    """A rough count of the postings in an exports folder (~2 KB each), to decide before ingest whether to warm
    up workers; the pending count after ingest decides how many are used."""
    total = 0
    for root, _, files in os.walk(folder, followlinks=True):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total // BYTES_PER_POSTING


def extract_and_write(con: "duckdb.DuckDBPyConnection", posting_ids: list[str], *, pool: ExtractionPool,
                      taxonomy_version: str, batch_size: int,
                      on_batch: Callable[[dict], None] | None = None) -> dict:
    """Extract ``posting_ids`` on ``pool`` and write them in batches of ``batch_size``, in order, one
    transaction each (``write_batch``): the same batches, rows and store as the single-process flow.

    This process is the only writer: it reads each task's texts, and writes each batch once all its tasks
    are back, while the workers go on with the next ones. ``on_batch`` gets each batch's counts (``batch``,
    ``batches``, ``postings``, ``mentions``, ``seconds``) and the run's so far (``done`` in ``elapsed`` seconds).
    """
    import time

    import pyarrow as pa

    from skillgap.mentions import iter_posting_texts, write_batch

    batches = [posting_ids[i : i + batch_size] for i in range(0, len(posting_ids), batch_size)]
    ahead, pool.prefetched = pool.prefetched, {}
    fresh = [[i for i in ids if i not in ahead] for ids in batches]  # the postings still to send, per batch
    decoded: dict[int, pa.Table] = {}

    def ahead_tables(ids: list[str]) -> list[pa.Table]:
        futures = {id(ahead[i]): ahead[i] for i in ids if i in ahead}
        for key, future in futures.items():
            if key not in decoded:
                decoded[key] = table_from_ipc(future.result()).replace_schema_metadata(None)
        return [decoded[key] for key in futures]

    def tasks() -> Iterator[list[tuple[str, str]]]:
        for ids in fresh:
            for start in range(0, len(ids), TASK_POSTINGS):
                yield list(iter_posting_texts(con, ids[start : start + TASK_POSTINGS]))

    totals = {"postings": 0, "mentions": 0, "batches": 0, "seconds": 0.0}
    results = pool.map_ordered(extract_table_ipc, tasks())
    for number, ids in enumerate(batches, start=1):
        t0 = time.perf_counter()
        parts = [table_from_ipc(next(results)).replace_schema_metadata(None)
                 for _ in range(math.ceil(len(fresh[number - 1]) / TASK_POSTINGS))]
        if len(fresh[number - 1]) < len(ids):  # some postings of this batch were extracted ahead of the writer
            table = _in_batch_order(pa.concat_tables([*parts, *ahead_tables(ids)]), ids)
        else:
            table = pa.concat_tables(parts)
        written = write_batch(con, table, taxonomy_version=taxonomy_version, posting_ids=ids)
        counts = {"batch": number, "batches": len(batches), "postings": len(ids), "mentions": written,
                  "seconds": time.perf_counter() - t0}
        for key in ("postings", "mentions", "seconds"):
            totals[key] += counts[key]
        totals["batches"] += 1
        if on_batch is not None:
            on_batch({**counts, "done": totals["postings"], "elapsed": totals["seconds"]})
    return totals


def _in_batch_order(table: "pa.Table", ids: list[str]) -> "pa.Table":
    """The rows of ``table`` whose posting is in ``ids``, posting by posting in the order of ``ids`` (each
    posting's rows keep their order): the table one task over the whole batch would have returned."""
    order = {posting_id: n for n, posting_id in enumerate(ids)}
    keys = [order.get(p) for p in table.column("posting_id").to_pylist()]
    rows = sorted((r for r, k in enumerate(keys) if k is not None), key=lambda r: (keys[r], r))
    return table.take(rows)


def _tasks(rows: Iterable[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    task: list[tuple[str, str]] = []
    for row in rows:
        task.append(row)
        if len(task) >= size:
            yield task
            task = []
    if task:
        yield task


def iter_jsonl_output(rows: Iterable[tuple[str, str]], *, nlp, pipeline_path: Path | str, mode: str = "posting",
                      workers: int | None = None,
                      on_workers: Callable[[int], None] | None = None) -> Iterator[str]:
    """The ``skillgap extract --jsonl`` output of ``(id, text)`` rows, in input order, in chunks of lines.

    ``workers`` as in ``resolve_workers``. By default the first ``cores x MIN_POSTINGS_PER_WORKER`` rows are
    read before deciding: a shorter input is extracted here with ``nlp``, a longer one (or an explicit
    ``workers`` above 1) on worker processes loading ``pipeline_path``. ``on_workers`` is told the count.
    """
    from itertools import chain, islice

    from skillgap.mention_lines import iter_line_chunks

    rows = iter(rows)
    n = resolve_workers(workers, postings=None)
    head: list[tuple[str, str]] = []
    if workers is None and n > 1:
        head = list(islice(rows, n * MIN_POSTINGS_PER_WORKER))
        n = resolve_workers(None, postings=len(head), cores=n)
    if on_workers is not None:
        on_workers(n)
    if n == 1:
        yield from iter_line_chunks(chain(head, rows), nlp=nlp, mode=mode)
        return
    with ExtractionPool(pipeline_path, workers=n) as pool:
        yield from pool.map_ordered(extract_jsonl_lines, _tasks(chain(head, rows), TASK_POSTINGS), mode=mode)
