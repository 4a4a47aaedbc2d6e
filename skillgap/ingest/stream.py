"""New postings handed on as ingest writes them: ``streaming_postings``.

A refresh that extracts on worker processes listens for the length of its ingest: each chunk of new postings an
export file writes into the (staged) store is passed to the listener as ``(posting_id, title, description)`` rows
right after it is written, so extraction starts on the first chunk instead of after the whole file. While the
listener has little to do, files are read in smaller chunks (``chunk_sizes``: the first a few hundred postings),
which stores the same rows (chunks are written in file order and deduplicated against the earlier ones).

The rows are only candidates: a file that fails later rolls its chunks back, so a listener must not treat them as
stored (the refresh's writer writes only postings still pending at the end of the ingest). Listeners run on the
ingest's writer thread; one that raises fails the file being loaded, so a listener should not raise.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    import polars as pl

# CSV and JSON Lines chunks start at 512 KB (~200 real postings: the workers get their first tasks after a small
# share of a big file) and double up to 4 MB (each chunk costs ~25 ms more: parsing set-up, a deduplication
# query against the store), records of JSON, Parquet and XLSX come 500 at a time
STREAM_FIRST_CHUNK_BYTES = 512 << 10
STREAM_CHUNK_BYTES = 4 << 20
STREAM_CHUNK_ROWS = 500

PostingRows = list[tuple[str, "str | None", "str | None"]]
_listeners: list[tuple[Callable[[PostingRows], None], Callable[[], bool]]] = []


@contextmanager
def streaming_postings(listener: Callable[[PostingRows], None], *,
                       hungry: Callable[[], bool] = lambda: True) -> Iterator[None]:
    """Within the block, every chunk of new postings written by ingest in this process goes to ``listener``.
    A file is read in small chunks when ``hungry()`` says so as it starts (the workers have little queued: a
    first file, a big one); otherwise in the usual chunks (each chunk costs, and the workers are busy anyway)."""
    entry = (listener, hungry)
    _listeners.append(entry)
    try:
        yield
    finally:
        _listeners.remove(entry)


def chunk_sizes(chunk_bytes: int | None, chunk_rows: int | None) -> tuple[int | None, int | None, int | None]:
    """(chunk bytes, chunk rows, first chunk bytes) to read a file with: the given ones, or at most the
    streaming sizes (growing from ``STREAM_FIRST_CHUNK_BYTES``) while a listener is hungry."""
    if not any(hungry() for _, hungry in _listeners):
        return chunk_bytes, chunk_rows, None
    most = min(chunk_bytes or STREAM_CHUNK_BYTES, STREAM_CHUNK_BYTES)
    return most, min(chunk_rows or STREAM_CHUNK_ROWS, STREAM_CHUNK_ROWS), min(STREAM_FIRST_CHUNK_BYTES, most)


def hand_on(postings: "pl.DataFrame") -> None:
    """Pass a chunk of postings just written to the listeners (nothing to do when none listens)."""
    if not _listeners or postings.height == 0:
        return
    rows = postings.select("posting_id", "title", "description").rows()
    for listener, _ in list(_listeners):
        listener(rows)
