"""New postings handed on as ingest stores them: ``streaming_postings``.

A refresh that extracts on worker processes listens for the length of its ingest: once an export file's
transaction has committed, the new postings it stored are passed to the listener as ``(posting_id, title,
description)`` rows, in file order, so extraction overlaps the rest of the ingest. Only committed postings are
handed on: a file that fails is rolled back and hands on nothing, so what a listener gets is exactly what the
store holds. A file keeps at most ``room()`` postings for the listeners while it loads (the texts wait in memory
until the commit); the rest are left to whoever reads the store later. Listeners run on the ingest's thread and
must not raise.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    import polars as pl

PostingRows = list[tuple[str, "str | None", "str | None"]]
_listeners: list[tuple[Callable[[PostingRows], None], Callable[[], int]]] = []


@contextmanager
def streaming_postings(listener: Callable[[PostingRows], None], *,
                       room: Callable[[], int] = lambda: 1 << 62) -> Iterator[None]:
    """Within the block, the new postings of each export file ingest commits in this process go to ``listener``;
    ``room()``, asked as a file starts, bounds how many of that file's postings are kept for it."""
    entry = (listener, room)
    _listeners.append(entry)
    try:
        yield
    finally:
        _listeners.remove(entry)


class Collected:
    """One file's new postings, kept for the listeners until the file's transaction commits."""

    def __init__(self, room: int):
        self.room = room
        self.rows: PostingRows = []

    def add(self, postings: "pl.DataFrame") -> None:
        """Keep a chunk's stored postings (up to the room)."""
        left = self.room - len(self.rows)
        if left > 0 and postings.height:
            self.rows.extend(postings.head(left).select("posting_id", "title", "description").rows())


def collector() -> Collected | None:
    """A ``Collected`` for the file about to load, or None when nobody listens or nobody has room."""
    room = max((room() for _, room in _listeners), default=0)
    return Collected(room) if room > 0 else None


def hand_on(collected: Collected | None) -> None:
    """Pass a committed file's postings to the listeners."""
    if collected is None or not collected.rows:
        return
    for listener, _ in list(_listeners):
        listener(collected.rows)
