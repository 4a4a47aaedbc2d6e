"""One export file -> one transaction: load_run row, postings, rejected rows and source labels.

``load_file`` never raises for problems with the file itself: an unreadable file becomes a ``failed`` result (and
a failed load_run row); a file that is not postings becomes ``skipped``. Only store/IO errors propagate.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from skillgap import store
from skillgap.errors import IngestError, UnknownLayout
from skillgap.ingest.dedup import dedup_against_store, dedup_within
from skillgap.ingest.layouts import Layout, choose_layout
from skillgap.ingest.readers import (
    CHUNK_BYTES, CHUNK_ROWS, DEFAULT_MAX_FIELD_BYTES, RawTable, Reject, expand, iter_tables, read_file_bytes,
)
from skillgap.ingest.records import (
    POSTING_COLUMNS, CleanRows, FileContext, clean_rows, finish_rows, map_table, normalise, source_from_name,
)
from skillgap.ingest.stream import Collected, collector, hand_on


@dataclass
class FileResult:
    file: str
    status: str  # loaded | labels | skipped | failed
    rows: int = 0
    loaded: int = 0
    duplicates: int = 0
    rejected: int = 0
    labels: int = 0
    source: str | None = None
    layout: str | None = None
    message: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def add(self, other: FileResult) -> None:
        """Add another (member's or chunk's) counts to these."""
        self.rows += other.rows
        self.loaded += other.loaded
        self.duplicates += other.duplicates
        self.rejected += other.rejected
        self.labels += other.labels
        self.source = self.source or other.source
        self.layout = self.layout or other.layout
        for key, n in other.reasons.items():
            self.reasons[key] = self.reasons.get(key, 0) + n


def file_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_DATE_IN_NAME = re.compile(r"(20\d{2})[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])")


def reference_date(path: str, meta: dict[str, Any]) -> _dt.date:
    """The export's own date, for relative dates: from its file name, its JSON meta, its folder name, else mtime."""
    m = _DATE_IN_NAME.search(Path(path.split("!")[0]).name)
    if m:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for key in ("date", "search_date", "created_at", "fetched_at", "fetchedAt", "exported_at"):
        v = meta.get(key)
        if isinstance(v, str):
            m = _DATE_IN_NAME.search(v)
            if m:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for part in reversed(Path(path.split("!")[0]).parent.parts[-2:]):
        m = _DATE_IN_NAME.search(part)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        return _dt.datetime.fromtimestamp(os.path.getmtime(path.split("!")[0]), tz=_dt.timezone.utc).date()
    except OSError:
        return _dt.datetime.now(_dt.timezone.utc).date()


def comment_dates(raw_path: str | None) -> dict[str, str]:
    """commentId -> createdAt from a Chinese-board raw/<issue>.json (empty when absent or unreadable)."""
    if not raw_path or not os.path.exists(raw_path):
        return {}
    try:
        with open(raw_path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError):
        return {}
    out = {}
    for c in doc.get("comments") or []:
        if isinstance(c, dict) and c.get("id") is not None and c.get("createdAt"):
            out[str(c["id"])] = str(c["createdAt"])
    return out


def load_file(
    path: str,
    db_path: str,
    *,
    layouts: list[Layout] | None = None,
    max_field_bytes: int = DEFAULT_MAX_FIELD_BYTES,
    explicit: bool = True,
    comments_from: str | None = None,
    keep_open: bool = False,
    chunk_bytes: int | None = CHUNK_BYTES,
    chunk_rows: int | None = CHUNK_ROWS,
) -> dict[str, Any]:
    """Load one export file into the store at *db_path* in one transaction; return its counts as a dict.

    Big files are read, normalised and inserted in chunks (about *chunk_bytes* of CSV/JSONL, *chunk_rows* records
    of Parquet/XLSX/JSON) inside that one transaction, so memory stays bounded and a failure in any chunk leaves
    the store as it was. Once the transaction commits, the new postings go to ``skillgap.ingest.stream``'s
    listeners, if any.

    Args:
        explicit: the user named this file (a file that is not postings fails) rather than a folder walk found
            it (it is skipped with a notice).
        comments_from: for the Chinese board's parsed/ files, the raw/ file holding comment dates.
        keep_open: reuse one cached connection across files (call ``release(db_path)`` at the end); an ingest run
            opens the staged store once instead of once per file.
    """
    started = store.now_utc()
    con = _open(db_path, keep_open=keep_open)
    try:
        try:
            data = read_file_bytes(path)
        except IngestError as exc:
            return _record_failure(con, path, "", str(exc), started)
        checksum = file_checksum(data)
        seen = con.execute(
            "SELECT file FROM load_runs WHERE checksum = ? AND status IN ('loaded', 'labels') LIMIT 1", [checksum]
        ).fetchall()
        if seen:
            return FileResult(path, "skipped", message=f"already loaded (same content as {seen[0][0]})").to_dict()
        opts = _Options(layouts or [], max_field_bytes, comments_from, chunk_bytes, chunk_rows, collector())
        try:
            with store.transaction(con):
                result = _load(con, path, data, checksum, started, opts)
        except _NotRead as exc:  # the transaction is rolled back: nothing of this file stays
            cause = exc.__cause__
            if isinstance(cause, UnknownLayout):
                if explicit:
                    return _record_failure(con, path, checksum, str(cause), started)
                return FileResult(path, "skipped", message=f"not postings: {_short(str(cause), path)}").to_dict()
            if isinstance(cause, IngestError):
                return _record_failure(con, path, checksum, str(cause), started)
            detail = " ".join(str(cause).split())[:300]
            return _record_failure(con, path, checksum, f"{path}: could not read ({type(cause).__name__}: {detail}); "
                                   "please report this file's layout.", started)
        except Exception as exc:  # a store/IO error (e.g. in the writer thread): rolled back, then re-raised
            exc.add_note(f"while loading {path}: the file's transaction was rolled back; nothing of it was stored")
            raise
        hand_on(opts.handed)  # committed: the listeners get exactly what the store now holds
        return result.to_dict()
    finally:
        if not keep_open:
            con.close()


class _NotRead(Exception):
    """Reading, mapping or normalising failed (the cause is chained); store errors are never wrapped."""


@dataclass
class _Options:
    layouts: list[Layout]
    max_field_bytes: int
    comments_from: str | None
    chunk_bytes: int | None
    chunk_rows: int | None
    handed: Collected | None = None  # new postings kept for ``skillgap.ingest.stream``'s listeners


_OPEN: dict[str, Any] = {}


def _open(db_path: str, *, keep_open: bool):
    """A connection to the (staged) store; with keep_open one stays cached for the whole ingest run."""
    if not keep_open:
        return store.connect(db_path)
    key = str(Path(db_path).resolve())
    con = _OPEN.get(key)
    if con is None:
        con = _OPEN[key] = store.connect(db_path)
    return con


def release(db_path: str) -> None:
    """Close the cached connection of an ingest run (before the staged store is swapped in)."""
    con = _OPEN.pop(str(Path(db_path).resolve()), None)
    if con is not None:
        con.close()


def _short(msg: str, path: str) -> str:
    msg = msg.split(". Add a mapping")[0]
    return msg[len(path) + 2:] if msg.startswith(path + ": ") else msg


_END = object()


def _reading(it, pool: ThreadPoolExecutor):
    """Iterate *it* one item ahead in *pool* (the next chunk is parsed and cleaned while this one is finished),
    turning any error it raises into ``_NotRead``."""
    ahead = pool.submit(next, it, _END)
    while True:
        try:
            item = ahead.result()
        except Exception as exc:  # noqa: BLE001 - reading is pure; a retry would fail the same way
            raise _NotRead() from exc
        if item is _END:
            return
        ahead = pool.submit(next, it, _END)
        yield item


def _load(con, path: str, data: bytes, checksum: str, started: _dt.datetime, opts: _Options) -> FileResult:
    """Read, normalise and write every member of one file, chunk by chunk, inside the caller's transaction.

    Three stages overlap: the reader thread parses and cleans the next chunk (mostly polars) and the writer thread
    inserts the previous one (DuckDB), both releasing the GIL, while this thread builds this chunk's ids and
    fingerprints in Python. Writes stay in file order, so dedup sees earlier chunks.
    """
    total = FileResult(path, "loaded")
    statuses = []
    try:
        members = expand(path, data)
    except Exception as exc:  # noqa: BLE001
        raise _NotRead() from exc
    if not members:
        raise _NotRead() from IngestError(f"{path}: the archive holds no CSV/JSON/Parquet/XLSX files.")
    del data
    with ThreadPoolExecutor(max_workers=1) as reader, ThreadPoolExecutor(max_workers=1) as writer:
        while members:
            name, blob = members.pop(0)
            part = _Part(name, uuid.uuid4().hex, handed=opts.handed)
            tables = iter_tables(name, blob, max_field_bytes=opts.max_field_bytes, chunk_bytes=opts.chunk_bytes,
                                 chunk_rows=opts.chunk_rows)
            chunks = _reading(_cleaned(part, tables, opts), reader)
            del blob
            pending = None
            try:
                for cleaned in chunks:
                    try:
                        prepared = _finish_chunk(part, cleaned)
                    except Exception as exc:  # noqa: BLE001
                        raise _NotRead() from exc
                    del cleaned
                    if pending is not None:
                        pending.result()
                    pending = writer.submit(_write_chunk, con, part, *prepared, started)
                    del prepared
            finally:
                if pending is not None:
                    pending.result()  # never leave a write running into a rollback
            _finish_part(con, part, checksum, started)
            statuses.append(part.status)
            total.add(part.counts)
    total.status = "labels" if statuses and all(s == "labels" for s in statuses) else "loaded"
    return total


@dataclass
class _Part:
    """One file or archive member being loaded: its layout (chosen on its first chunk with records) and counts."""

    name: str
    run_id: str
    layout: Layout | None = None
    ctx: FileContext | None = None
    counts: FileResult = field(default_factory=lambda: FileResult("", "loaded"))
    handed: Collected | None = None

    @property
    def status(self) -> str:
        return "labels" if self.layout is not None and self.layout.kind == "labels" else "loaded"


@dataclass
class _Cleaned:
    """One chunk after the reader thread's work (``_clean_chunk``), before the main thread's (``_finish_chunk``)."""

    rows: CleanRows | None  # None: no postings in this chunk (empty, or a labels file)
    labels: pl.DataFrame | None
    rejects: list[Reject]
    read: int  # rows read, when rows is None


def _cleaned(part: _Part, tables, opts: _Options):
    for table in tables:
        cleaned = _clean_chunk(part, table, opts)
        del table  # only the cleaned rows wait for the main thread
        yield cleaned


def _clean_chunk(part: _Part, table: RawTable, opts: _Options) -> _Cleaned:
    """Map and clean one chunk (reader thread; chunks come one at a time); picks the part's layout on first use."""
    if table.n_records == 0:
        return _Cleaned(None, None, table.rejects,
                        len(table.rejects) if part.layout is None or part.layout.kind != "labels" else 0)
    if part.layout is None:
        part.layout = choose_layout(table, opts.layouts)
        part.ctx = FileContext(
            file=part.name, run_id=part.run_id, reference_date=reference_date(part.name, table.meta),
            comment_dates=comment_dates(opts.comments_from) if part.layout.name == "cn_whoishiring_parsed" else {},
            max_field_bytes=opts.max_field_bytes, default_source=source_from_name(part.name),
            loaded_at=_dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None),
        )
    layout, ctx = part.layout, part.ctx
    assert ctx is not None
    mapped, labels, rejects = map_table(table, layout, ctx)
    if layout.kind == "labels":
        return _Cleaned(None, normalise(mapped.head(0), labels, [], layout, ctx).labels, table.rejects, 0)
    return _Cleaned(clean_rows(mapped, labels, rejects, layout, ctx, read_rejects=table.rejects), None, [], 0)


def _finish_chunk(part: _Part, cleaned: _Cleaned):
    """(postings or None, labels, rejects, rows read) of one chunk: its ids and keys (main thread)."""
    if cleaned.rows is None:
        return None, cleaned.labels, cleaned.rejects, cleaned.read
    assert part.ctx is not None
    norm = finish_rows(cleaned.rows, part.ctx)
    return norm.postings, norm.labels, norm.rejects, norm.rows


def _write_chunk(con, part: _Part, postings: pl.DataFrame | None, labels: pl.DataFrame | None,
                 rejects: list[Reject], rows: int, started: _dt.datetime) -> None:
    counts = part.counts
    if postings is not None and postings.height:
        # against the store (the earlier chunks' kept rows) first, then among this chunk's rows: a row that only
        # repeats a row the store check dropped stays, as it does when the file is read in one chunk
        kept, dups_store = dedup_against_store(con, postings)
        kept, dups_in = dedup_within(kept)
        counts.duplicates += dups_in + dups_store
        con.register("incoming_postings", kept.select(POSTING_COLUMNS))
        try:
            cols = ", ".join(POSTING_COLUMNS)
            select = cols.replace("raw,", "raw::JSON,")
            con.execute(f"INSERT INTO postings ({cols}) SELECT {select} FROM incoming_postings").fetchall()
        finally:
            con.unregister("incoming_postings")
        counts.loaded += kept.height
        counts.source = counts.source or postings["source"][0]
        if part.handed is not None:
            part.handed.add(kept)
    if labels is not None:
        counts.labels += _insert_labels(con, labels)
    _insert_rejects(con, part, rejects, started)
    counts.rows += rows
    counts.rejected += len(rejects)
    for r in rejects:
        key = _reason_kind(r.reason)
        counts.reasons[key] = counts.reasons.get(key, 0) + 1


def _finish_part(con, part: _Part, checksum: str, started: _dt.datetime) -> None:
    if part.layout is None:
        part.layout = Layout(name="empty")
    c = part.counts
    c.source = part.layout.source or c.source
    c.layout = part.layout.name
    con.execute(
        "INSERT INTO load_runs (run_id, file, checksum, source, layout, rows, loaded, duplicates, rejected, labels,"
        " started_at, finished_at, status, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [part.run_id, part.name, checksum, c.source, c.layout, c.rows, c.loaded, c.duplicates, c.rejected,
         c.labels, started, store.now_utc(), part.status, None],
    ).fetchall()


def _reason_kind(reason: str) -> str:
    """Group reasons for counting: drop line numbers and sizes."""
    r = re.sub(r"line \d+, column \d+", "line N", reason)
    r = re.sub(r"\d[\d,]*", "N", r)
    return r.split(":", 1)[0] if r.startswith(("JSON syntax error", "unparseable CSV row")) else r


def _insert_labels(con, labels: pl.DataFrame) -> int:
    if labels.height == 0:
        return 0
    con.register("incoming_labels", labels.select("source", "source_id", "posting_id", "kind", "label", "source_file"))
    try:
        before = con.execute("SELECT count(*) FROM source_labels").fetchall()[0][0]
        con.execute(
            """
            INSERT INTO source_labels (source, source_id, posting_id, kind, label, source_file)
            SELECT DISTINCT l.source, l.source_id, l.posting_id, l.kind, l.label, l.source_file FROM incoming_labels l
            WHERE NOT EXISTS (SELECT 1 FROM source_labels s WHERE s.source = l.source AND s.source_id = l.source_id
                              AND s.kind = l.kind AND s.label = l.label)
            """
        ).fetchall()
        return con.execute("SELECT count(*) FROM source_labels").fetchall()[0][0] - before
    finally:
        con.unregister("incoming_labels")


def _insert_rejects(con, part: _Part, rejects: list[Reject], started: _dt.datetime) -> None:
    if not rejects:
        return
    frame = pl.DataFrame(
        {
            "load_run_id": [part.run_id] * len(rejects),
            "file": [part.name] * len(rejects),
            "row_number": [r.row_number for r in rejects],
            "reason": [r.reason for r in rejects],
            "raw": [None if r.raw is None else r.raw[:100_000] for r in rejects],
            "rejected_at": [started] * len(rejects),
        },
        schema={"load_run_id": pl.String, "file": pl.String, "row_number": pl.Int64, "reason": pl.String,
                "raw": pl.String, "rejected_at": pl.Datetime("us")},
    )
    con.register("incoming_rejects", frame)
    try:
        con.execute("INSERT INTO rejected_rows SELECT * FROM incoming_rejects").fetchall()
    finally:
        con.unregister("incoming_rejects")


def _record_failure(con, path: str, checksum: str, message: str, started: _dt.datetime) -> dict[str, Any]:
    with store.transaction(con):
        con.execute(
            "INSERT INTO load_runs (run_id, file, checksum, rows, started_at, finished_at, status, message)"
            " VALUES (?, ?, ?, 0, ?, ?, 'failed', ?)",
            [uuid.uuid4().hex, path, checksum, started, store.now_utc(), message],
        ).fetchall()
    return FileResult(path, "failed", message=message).to_dict()
