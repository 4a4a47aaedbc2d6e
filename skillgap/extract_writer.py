"""The single writer of extraction on worker processes (``skillgap.workers``): ``extract_and_write``.

The workers extract; this process reads their texts, writes each batch of their mentions in one transaction
(``skillgap.mentions.write_batch``) and is the only one that touches the store. Postings a refresh sent ahead
during its ingest (``ExtractionPool.prefetch``) are written first, in the order they were sent, in batches of
whole tasks, so the first batches land while later files are still being extracted; the rest follow in batches
of exactly ``batch_size``, read and sent as the writer goes. The store ends with the rows one process writes.
"""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterator

from skillgap.workers import IN_FLIGHT_PER_WORKER, TASK_POSTINGS, ExtractionPool, extract_table_ipc, table_from_ipc

if TYPE_CHECKING:
    from concurrent.futures import Future

    import duckdb
    import pyarrow as pa


def extract_and_write(con: "duckdb.DuckDBPyConnection", posting_ids: list[str], *, pool: ExtractionPool,
                      taxonomy_version: str, batch_size: int,
                      on_batch: Callable[[dict], None] | None = None) -> dict:
    """Extract ``posting_ids`` on ``pool`` and write them in batches of about ``batch_size``, one transaction
    each (``write_batch``): the same mention rows and extraction records as the single-process flow.

    This process is the only writer: it reads each task's texts, and writes each batch once all its tasks are
    back, while the workers go on with the next ones. Postings ``pool.prefetch`` sent ahead (a refresh's ingest
    does, file by file) are written first, in the order they were sent, in batches of whole tasks, so the first
    batches land while later files are still being extracted; the rest follow in the given order, in batches of
    exactly ``batch_size``. ``on_batch`` gets each batch's counts (``batch``, ``batches``, ``postings``,
    ``mentions``, ``seconds``) and the run's so far (``done`` in ``elapsed`` seconds).
    """
    import time

    wanted = set(posting_ids)
    ahead = [(ids, future) for ids, future in pool.take_prefetched() if wanted.intersection(ids)]
    sent = {i for ids, _ in ahead for i in ids}
    rest = [i for i in posting_ids if i not in sent]
    window = _TaskWindow(pool, _text_tasks(con, rest, batch_size))
    batches = [*_ahead_batches(ahead, wanted, batch_size, window),
               *_fresh_batches(rest, batch_size, window)]
    totals = {"postings": 0, "mentions": 0, "batches": 0, "seconds": 0.0}
    for number, (ids, tables) in enumerate(batches, start=1):
        t0 = time.perf_counter()
        written = write_batch_tables(con, ids, tables(), taxonomy_version=taxonomy_version)
        counts = {"batch": number, "batches": len(batches), "postings": len(ids), "mentions": written,
                  "seconds": time.perf_counter() - t0}
        for key in ("postings", "mentions", "seconds"):
            totals[key] += counts[key]
        totals["batches"] += 1
        if on_batch is not None:
            on_batch({**counts, "done": totals["postings"], "elapsed": totals["seconds"]})
    return totals


def write_batch_tables(con: "duckdb.DuckDBPyConnection", ids: list[str], tables: list["pa.Table"], *,
                       taxonomy_version: str) -> int:
    """``write_batch`` of the worker tables that together hold the mentions of ``ids``."""
    import pyarrow as pa

    from skillgap.mentions import write_batch

    table = pa.concat_tables([t.replace_schema_metadata(None) for t in tables])
    return write_batch(con, table, taxonomy_version=taxonomy_version, posting_ids=ids)


class _TaskWindow:
    """Tasks submitted to the pool at most ``workers * IN_FLIGHT_PER_WORKER`` ahead of the writer (a stream)."""

    def __init__(self, pool: ExtractionPool, tasks: Iterator[list[tuple[str, str]]]):
        self._pool, self._tasks, self._pending = pool, tasks, deque()
        self._limit = pool.workers * IN_FLIGHT_PER_WORKER

    def top_up(self) -> None:
        """Queue more tasks behind the ones already sent, so the workers never wait for the writer."""
        while len(self._pending) < self._limit:
            task = next(self._tasks, None)
            if task is None:
                return
            self._pending.append(self._pool.submit(extract_table_ipc, task))

    def next_table(self) -> "pa.Table":
        self.top_up()
        table = table_from_ipc(self._pending.popleft().result())
        self.top_up()
        return table


def _ahead_batches(ahead: list[tuple[list[str], "Future"]], wanted: set[str], batch_size: int,
                   window: _TaskWindow) -> Iterator[tuple[list[str], Callable[[], list["pa.Table"]]]]:
    """Batches of whole prefetched tasks, in the order they were sent: (posting ids, their tables when done)."""
    batch: list[tuple[list[str], Future]] = []
    for task in ahead:
        batch.append(task)
        if sum(len(ids) for ids, _ in batch) >= batch_size or task is ahead[-1]:
            ids = [i for task_ids, _ in batch for i in task_ids if i in wanted]
            yield ids, _ahead_tables(list(batch), wanted, window)
            batch = []


def _ahead_tables(batch: list[tuple[list[str], "Future"]], wanted: set[str],
                  window: _TaskWindow) -> Callable[[], list["pa.Table"]]:
    def tables() -> list["pa.Table"]:
        window.top_up()  # the tasks after the prefetched ones queue up behind them while we wait
        out = []
        for ids, future in batch:
            table = table_from_ipc(future.result())
            if not wanted.issuperset(ids):  # a posting sent ahead that is no longer pending: not ours to write
                table = table.filter(_is_in(table.column("posting_id"), wanted))
            out.append(table)
        return out

    return tables


def _is_in(column: "pa.ChunkedArray", values: set[str]) -> "pa.ChunkedArray":
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.is_in(column, value_set=pa.array(sorted(values), type=column.type))


def _fresh_batches(rest: list[str], batch_size: int,
                   window: _TaskWindow) -> Iterator[tuple[list[str], Callable[[], list["pa.Table"]]]]:
    """Batches of exactly ``batch_size`` postings not sent ahead, in the given order, tasks read as they go."""
    for start in range(0, len(rest), batch_size):
        ids = rest[start : start + batch_size]
        n_tasks = math.ceil(len(ids) / TASK_POSTINGS)
        yield ids, lambda n=n_tasks: [window.next_table() for _ in range(n)]


def _text_tasks(con: "duckdb.DuckDBPyConnection", rest: list[str], batch_size: int) -> Iterator[list[tuple[str, str]]]:
    """The tasks of ``rest``: each batch's postings in tasks of ``TASK_POSTINGS`` (none spans two batches)."""
    from skillgap.mentions import iter_posting_texts

    for start in range(0, len(rest), batch_size):
        ids = rest[start : start + batch_size]
        for first in range(0, len(ids), TASK_POSTINGS):
            yield list(iter_posting_texts(con, ids[first : first + TASK_POSTINGS]))
