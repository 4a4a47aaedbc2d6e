"""Extraction on every usable core: worker processes that share one loaded pipeline.

How many workers to start is ``skillgap.cores.resolve_workers``'s decision.

``ExtractionPool`` forks its workers from a fork server (``multiprocessing``'s ``forkserver`` method): a fresh
interpreter, started once per process, that imports spaCy and loads the saved pipeline before any worker exists
(``skillgap.worker_preload``). A worker is then a fork of it: it starts in milliseconds with the pipeline in
memory, and none inherits the parent's DuckDB connection, Prefect's event-loop threads or locks held by them.
A pool for another pipeline than the one the fork server holds still works: its workers load their own. Each
worker extracts whole batches with ``skillgap.extract.extract_batch``, the function the single-process flow and
the Dask workers run, and hands back an Arrow IPC stream (a table of mentions) or the batch's ``--jsonl`` output
lines. ``map_ordered`` keeps a few batches in flight per worker and yields results in batch order, so a single
writer (the caller) writes them exactly as one process would. On Ctrl-C or any error the queued tasks are
dropped and the workers exit once the task each runs is done; they ignore SIGINT themselves, so a terminal's
Ctrl-C reaches only the parent, which decides. When the parent dies without stopping them (SIGKILL), the
workers exit at once (they wait on its sentinel) and the fork server follows.
"""

from __future__ import annotations

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
    from concurrent.futures import Future

    import pyarrow as pa

# Postings per worker task: small enough that the last tasks end together and Ctrl-C waits for nothing long,
# large enough that sending texts and results (tens of KB) stays a small share of the work.
TASK_POSTINGS = 125
IN_FLIGHT_PER_WORKER = 2
# postings a pool takes ahead of the writer (``ExtractionPool.prefetch``, during a refresh's ingest): bounds the
# texts and results held in memory until the writer reaches them
PREFETCH_POSTINGS_PER_WORKER = 32 * TASK_POSTINGS
# how long a stopped pool waits for its workers to finish the tasks they are running before killing them
STOP_GRACE_SECONDS = 10.0
# a rough size of one posting in an export file (the real exports: 2-4 KB as CSV, ~2 KB as JSON Lines)
BYTES_PER_POSTING = 2000


# --- inside a worker process -------------------------------------------------------------------------------

_worker_nlp = None


def _exit_with_parent() -> None:
    """Exit once the process that started the pool is gone. ``parent_process()`` is that process (not the fork
    server): its sentinel closes when it dies, even before anyone reaps it."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None:
        return
    parent.join()
    os._exit(1)  # the parent died without stopping us (SIGKILL, SIGTERM): nobody will read our results


def _start_worker(model_path: str) -> None:
    global _worker_nlp
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it terminates us
    threading.Thread(target=_exit_with_parent, daemon=True, name="exit-with-parent").start()
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
# the pipeline this process's fork server preloaded, once ``_fork_server`` started it (a later pool for another
# pipeline finds the server running and its workers load their own)
_preloaded: list[str] = []
_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class _WorkerProcess(multiprocessing.get_context(_START_METHOD).Process):
    """A worker process that does not import the parent's ``__main__``: workers need nothing from it, and a
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
                return multiprocessing.get_context(_START_METHOD).Process._Popen(process_obj)
            finally:
                spawn.get_preparation_data = prepare


class _WorkerContext(type(multiprocessing.get_context(_START_METHOD))):
    Process = _WorkerProcess


def _fork_server(model_path: Path | str) -> None:
    """Start this process's fork server, once, with the pipeline at ``model_path`` preloaded
    (``skillgap.worker_preload``); a fork server already running keeps the pipeline it has."""
    if _START_METHOD != "forkserver" or _preloaded:
        return
    from multiprocessing import forkserver

    from skillgap.worker_preload import ENV

    with _spawn_lock:
        if _preloaded:
            return
        _WorkerContext().set_forkserver_preload(["skillgap.worker_preload"])
        before = os.environ.get(ENV)
        os.environ[ENV] = str(model_path)  # read by the fork server as it starts; not kept in this process
        try:
            forkserver.ensure_running()
        finally:
            if before is None:
                os.environ.pop(ENV, None)
            else:
                os.environ[ENV] = before
        _preloaded.append(str(model_path))


class ExtractionPool:
    """``workers`` processes, each holding the pipeline saved at ``model_path``. Use it as a context
    manager: leaving normally waits for the workers to exit, leaving by an exception (KeyboardInterrupt
    included) terminates them first."""

    def __init__(self, model_path: Path | str, *, workers: int):
        from concurrent.futures import ProcessPoolExecutor

        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        # postings sent ahead of the writer (``prefetch``): their ids, and each task (its ids, its future) in the
        # order sent (a future is None until ``start``'s thread has sent the task)
        self.prefetched: set[str] = set()
        self._ahead: list[list] = []
        self._prefetch_postings = 0
        # ``start`` starts the workers on a thread; rows prefetched before they run wait here
        self._starter: threading.Thread | None = None
        self._started = True
        self._waiting: list[tuple[list[tuple[str, str]], list]] = []
        self._start_lock = threading.Lock()
        _fork_server(model_path)
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=_WorkerContext(),
            initializer=_start_worker, initargs=(str(model_path),),
        )

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.wait_started()
            self._executor.shutdown(wait=True)
        else:
            self.terminate()

    def start(self) -> "ExtractionPool":
        """Start every worker now without waiting: the caller goes on meanwhile. Starting them takes a thread:
        the first fork waits for the fork server to load the pipeline (about a second)."""
        self._started = False
        self._starter = threading.Thread(target=self._start_workers, name="extraction-pool-start", daemon=True)
        self._starter.start()
        return self

    def _start_workers(self) -> None:
        """``start``'s thread. If starting fails (the pool was terminated, the fork server died), every task
        waiting to be sent gets a future holding that error, which the writer raises."""
        error: BaseException | None = None
        try:
            for _ in range(self.workers):
                self._executor.submit(_ready)
        except BaseException as exc:  # noqa: BLE001 - handed to the writer, not lost in this thread
            error = exc
        with self._start_lock:
            self._started = True
            waiting, self._waiting = self._waiting, []
        for task, entry in waiting:
            if error is None:
                try:
                    entry[1] = self._executor.submit(extract_table_ipc, task, "posting")
                    continue
                except BaseException as exc:  # noqa: BLE001 - as above
                    error = exc
            entry[1] = _failed(error)

    def wait_started(self) -> None:
        """Wait until ``start``'s thread has started the workers and sent the rows prefetched meanwhile."""
        if self._starter is not None:
            self._starter.join()

    def prefetch(self, rows: list[tuple[str, str]]) -> int:
        """Start extracting ``(posting_id, text)`` rows before the writer asks for them (a refresh does this for
        each file's new postings once ingest has committed them, so extraction overlaps the rest of the ingest), in tasks of
        ``TASK_POSTINGS``; at most ``PREFETCH_POSTINGS_PER_WORKER`` postings per worker (a task that reaches the
        limit is cut there). ``extract_and_write`` takes the results. Returns how many rows were sent (rows sent
        before the workers run are queued until they do)."""
        sent = 0
        for task in _tasks(rows, TASK_POSTINGS):
            task = task[: self.prefetch_room()]
            if not task:
                break
            self._prefetch_postings += len(task)
            sent += len(task)
            self.prefetched.update(posting_id for posting_id, _ in task)
            entry = [[posting_id for posting_id, _ in task], None]
            self._ahead.append(entry)
            with self._start_lock:
                if not self._started:
                    self._waiting.append((task, entry))
                    continue
            try:
                entry[1] = self._executor.submit(extract_table_ipc, task, "posting")
            except BaseException as exc:
                entry[1] = _failed(exc)  # the writer raises this error, not a missing result
                raise
        return sent

    def take_prefetched(self) -> list[tuple[list[str], Future]]:
        """The tasks ``prefetch`` sent, in the order sent (each: its posting ids, its future), handed over once."""
        self.wait_started()
        ahead, self._ahead, self.prefetched, self._prefetch_postings = self._ahead, [], set(), 0
        return [(ids, future) for ids, future in ahead]

    def short_of_work(self) -> bool:
        """Whether the tasks ``prefetch`` sent that are not done yet are fewer than two per worker."""
        queued = sum(1 for _, future in list(self._ahead) if future is None or not future.done())
        return queued < 2 * self.workers

    def prefetch_room(self) -> int:
        """How many more postings ``prefetch`` takes."""
        return max(0, self.workers * PREFETCH_POSTINGS_PER_WORKER - self._prefetch_postings)

    def pids(self) -> list[int]:
        """The worker processes' ids (after they started: ``map_ordered`` starts them all)."""
        return sorted((getattr(self._executor, "_processes", None) or {}).keys())

    def terminate(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Stop every worker, dropping queued work (for Ctrl-C and errors). The tasks already running finish
        first (a fraction of a second): a worker killed while it sends its result leaves this process's reader
        waiting forever for the rest of the message. A worker still running after ``grace`` seconds is killed."""
        import time

        processes = list((getattr(self._executor, "_processes", None) or {}).values())
        self._executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)

    def submit(self, fn: Callable, task: list[tuple[str, str]], mode: str = "posting") -> "Future":
        """``fn(task, mode)`` on a worker."""
        return self._executor.submit(fn, task, mode)

    def map_ordered(self, fn: Callable, tasks: Iterable, *, mode: str = "posting") -> Iterator:
        """``fn(task, mode)`` on the workers for each task, results yielded in task order. At most
        ``IN_FLIGHT_PER_WORKER`` tasks per worker are queued, so ``tasks`` is read lazily (a stream)."""
        self.wait_started()
        window = TaskWindow(self, fn, iter(tasks), mode=mode)
        window.top_up()
        while window.in_flight():
            yield window.next_result()


class Prefetcher:
    """Rows for ``ExtractionPool.prefetch`` gathered into whole tasks as they come (a refresh's ingest hands on
    each file's new postings): a small file's 20 postings wait for the next file's rather than making a task of
    their own, unless the workers are short of work. Rows past the pool's prefetch room are left to the writer.
    ``flush`` sends what is left. A failure to send is kept in ``error`` and stops the sending."""

    def __init__(self, pool: ExtractionPool):
        self.pool = pool
        self.error: BaseException | None = None
        self._rows: list[tuple[str, str]] = []
        self._seen: set[str] = set()

    def add(self, rows: Iterable[tuple[str, str]]) -> None:
        if self.error is not None or not self.pool.prefetch_room():
            return
        for posting_id, text in rows:
            if posting_id not in self._seen and posting_id not in self.pool.prefetched:
                self._seen.add(posting_id)
                self._rows.append((posting_id, text))
        whole = len(self._rows) - len(self._rows) % TASK_POSTINGS
        self._send(len(self._rows) if self.pool.short_of_work() else whole)

    def flush(self) -> None:
        self._send(len(self._rows))

    def _send(self, n: int) -> None:
        n = min(n, self.pool.prefetch_room())
        if n <= 0 or self.error is not None:
            return
        rows, self._rows = self._rows[:n], self._rows[n:]
        try:
            self.pool.prefetch(rows)
        except Exception as exc:  # noqa: BLE001 - the caller reports it; the writer meets the broken pool
            self.error = exc
        if not self.pool.prefetch_room():
            self._rows = []  # no room left: the writer reads these itself


class TaskWindow:
    """A stream of tasks sent to a pool at most ``workers * IN_FLIGHT_PER_WORKER`` ahead of the reader, whose
    results are taken in task order."""

    def __init__(self, pool: ExtractionPool, fn: Callable, tasks: Iterator, *, mode: str = "posting"):
        self._pool, self._fn, self._tasks, self._mode = pool, fn, tasks, mode
        self._pending: deque = deque()
        self._limit = pool.workers * IN_FLIGHT_PER_WORKER

    def top_up(self) -> None:
        """Send more tasks, behind those already queued, so the workers never wait for the reader."""
        while len(self._pending) < self._limit:
            task = next(self._tasks, None)
            if task is None:
                return
            self._pending.append(self._pool.submit(self._fn, task, self._mode))

    def in_flight(self) -> int:
        return len(self._pending)

    def next_result(self):
        """The next task's result (waiting for it); the window is topped up before and after."""
        self.top_up()
        result = self._pending.popleft().result()
        self.top_up()
        return result


def _failed(error: BaseException) -> "Future":
    from concurrent.futures import Future

    future: Future = Future()
    future.set_exception(error)
    return future


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
    """The warm pool for this pipeline when there is one (whatever its size: its workers hold the postings sent
    ahead), else a new pool of ``workers`` for the block."""
    pool = _warm.get(str(model_path))
    if pool is not None:
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


def early_workers(exports_dir: Path | str, *, workers: int | None) -> int:
    """How many extraction workers a refresh of ``exports_dir`` starts before its ingest (0: extraction will run
    in this process, or the exports look too small to pay for workers)."""
    n = resolve_workers(workers, postings=None)
    if n == 1 or (workers is None and expected_postings(exports_dir) < n * MIN_POSTINGS_PER_WORKER):
        return 0
    return n


def prepare_extraction(exports_dir: Path | str, *, model_dir: Path | str, taxonomy, workers: int | None) -> None:
    """Get a refresh's extraction ready before it starts (while Prefect's server boots, say): save the pipeline
    if needed, then start the fork server loading it when the refresh will use workers, or load it into this
    process when it will not."""
    path = saved_pipeline(model_dir, taxonomy)
    if early_workers(exports_dir, workers=workers):
        _fork_server(path)
    else:
        from skills_taxonomy.pipeline import load_pipeline

        load_pipeline(Path(model_dir), taxonomy=taxonomy)


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
