"""The single writer of extraction on worker processes (``skillgap.workers``): ``extract_and_write``.

The workers extract; this process reads their texts, writes each batch of their mentions in one transaction
(``skillgap.mentions.write_batch``) and is the only one that touches the store. Postings a refresh sent ahead
during its ingest (``ExtractionPool.prefetch``) are written first, in the order they were sent, in batches of
whole tasks, so the first batches land while later files are still being extracted; the rest follow in batches
of exactly ``batch_size``, read and sent as the writer goes. The store ends with the rows one process writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from skillgap.workers import TASK_POSTINGS, ExtractionPool, TaskWindow, extract_table_ipc, table_from_ipc

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
    chunks = _fresh_chunks(rest, batch_size)
    window = TaskWindow(pool, extract_table_ipc, _text_tasks(con, chunks))
    batches = [*_ahead_batches(ahead, wanted, batch_size, window),
               *_fresh_batches(chunks, window)]
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


def _ahead_batches(ahead: list[tuple[list[str], "Future"]], wanted: set[str], batch_size: int,
                   window: TaskWindow) -> Iterator[tuple[list[str], Callable[[], list["pa.Table"]]]]:
    """Batches of whole prefetched tasks, in the order they were sent: (posting ids, their tables when done)."""
    batch: list[tuple[list[str], Future]] = []
    for task in ahead:
        batch.append(task)
        if sum(len(ids) for ids, _ in batch) >= batch_size or task is ahead[-1]:
            ids = [i for task_ids, _ in batch for i in task_ids if i in wanted]
            yield ids, _ahead_tables(list(batch), wanted, window)
            batch = []


def _ahead_tables(batch: list[tuple[list[str], "Future"]], wanted: set[str],
                  window: TaskWindow) -> Callable[[], list["pa.Table"]]:
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


def _fresh_chunks(rest: list[str], batch_size: int) -> list[list[list[str]]]:
    """``rest`` in batches of exactly ``batch_size``, each as its tasks' posting ids (no task spans two batches)."""
    batches = [rest[start : start + batch_size] for start in range(0, len(rest), batch_size)]
    return [[ids[first : first + TASK_POSTINGS] for first in range(0, len(ids), TASK_POSTINGS)] for ids in batches]


def _fresh_batches(chunks: list[list[list[str]]],
                   window: TaskWindow) -> Iterator[tuple[list[str], Callable[[], list["pa.Table"]]]]:
    """The batches of postings not sent ahead, in the given order, their tasks read as they go."""
    for tasks in chunks:
        yield [i for ids in tasks for i in ids], lambda n=len(tasks): [table_from_ipc(window.next_result())
                                                                      for _ in range(n)]


def _text_tasks(con: "duckdb.DuckDBPyConnection", chunks: list[list[list[str]]]) -> Iterator[list[tuple[str, str]]]:
    """Each task's ``(posting_id, text)`` rows, read when the window sends it."""
    from skillgap.mentions import iter_posting_texts

    for tasks in chunks:
        for ids in tasks:
            yield list(iter_posting_texts(con, ids))
