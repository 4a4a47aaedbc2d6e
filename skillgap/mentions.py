"""Skill mentions in the store: which postings still need extracting, writing a batch, reading mentions back.

Versioning decision: a posting holds the mentions of ONE taxonomy version, the latest it was extracted
with. ``write_batch`` deletes a re-extracted posting's older mentions and extraction rows in the same
transaction that inserts the new ones, so ``skill_mentions`` never mixes versions for a posting, and
``posting_extractions`` says which version each posting's mentions come from. Queries that must only
see the current taxonomy still filter ``taxonomy_version = ?`` (postings not yet re-extracted keep
their old mentions until the flow reaches them).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from skillgap import store

if TYPE_CHECKING:
    import duckdb
    import polars as pl
    import pyarrow as pa


def posting_text(title: str | None, description: str | None) -> str:
    """The text we extract from: title, blank line, description (mention offsets point into this)."""
    title = (title or "").strip()
    description = description or ""
    return f"{title}\n\n{description}" if title else description


def pending_posting_ids(con: "duckdb.DuckDBPyConnection", *, taxonomy_version: str,
                        limit: int | None = None) -> list[str]:
    """Postings not yet extracted with ``taxonomy_version`` (stable order: by posting_id)."""
    sql = ("SELECT p.posting_id FROM postings p WHERE NOT EXISTS (SELECT 1 FROM posting_extractions e "
           "WHERE e.posting_id = p.posting_id AND e.taxonomy_version = ?) ORDER BY p.posting_id")
    params: list = [taxonomy_version]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [r[0] for r in con.execute(sql, params).fetchall()]


def iter_posting_texts(con: "duckdb.DuckDBPyConnection", posting_ids: list[str]) -> Iterator[tuple[str, str]]:
    """``(posting_id, text)`` for the given ids, in the given order."""
    if not posting_ids:
        return
    rows = con.execute(
        "SELECT posting_id, title, description FROM postings WHERE posting_id IN (SELECT unnest(?::VARCHAR[]))",
        [posting_ids],
    ).fetchall()
    found = {pid: (title, description) for pid, title, description in rows}
    for pid in posting_ids:
        if pid in found:
            yield pid, posting_text(*found[pid])


def write_batch(con: "duckdb.DuckDBPyConnection", table: "pa.Table", *, taxonomy_version: str,
                posting_ids: list[str] | None = None, extracted_at: datetime | None = None) -> int:
    """Merge one ``extract_batch`` table into the store in one transaction; return mentions written.

    ``posting_ids`` (default: the ids recorded in the table's metadata) are marked extracted with
    ``taxonomy_version``, including those with no mentions; their older mentions are replaced.
    """
    import pyarrow as pa

    from skillgap.extract import batch_posting_ids

    ids = list(posting_ids if posting_ids is not None else batch_posting_ids(table))
    if not ids:
        ids = sorted(set(table.column("posting_id").to_pylist()))
    counts: dict[str, int] = dict.fromkeys(ids, 0)
    for pid in table.column("posting_id").to_pylist():
        counts[pid] = counts.get(pid, 0) + 1
    when = extracted_at or store.now_utc()
    done = pa.table(
        {
            "posting_id": list(counts),
            "taxonomy_version": [taxonomy_version] * len(counts),
            "n_mentions": list(counts.values()),
            "extracted_at": pa.array([when] * len(counts), type=pa.timestamp("us")),
        }
    )
    con.register("_batch_mentions", table)
    con.register("_batch_done", done)
    try:
        with store.transaction(con):
            con.execute("DELETE FROM skill_mentions WHERE posting_id IN (SELECT posting_id FROM _batch_done)")
            con.execute("DELETE FROM posting_extractions WHERE posting_id IN (SELECT posting_id FROM _batch_done)")
            con.execute(
                "INSERT INTO skill_mentions (posting_id, taxonomy_version, skill_id, label, start_char, end_char, "
                "text, sentence, section, required, years) SELECT posting_id, ?, skill_id, label, start_char, "
                "end_char, text, sentence, section, required, years FROM _batch_mentions",
                [taxonomy_version],
            )
            con.execute(
                "INSERT INTO posting_extractions SELECT posting_id, taxonomy_version, n_mentions, extracted_at "
                "FROM _batch_done"
            )
    finally:
        con.unregister("_batch_mentions")
        con.unregister("_batch_done")
    return table.num_rows


def write_batch_to(db_path: Path | str, table: "pa.Table", *, taxonomy_version: str) -> int:
    """``write_batch`` on a store path (opens and closes its own connection: for tasks and workers)."""
    con = store.connect(db_path)
    try:
        return write_batch(con, table, taxonomy_version=taxonomy_version)
    finally:
        con.close()


def read_mentions(con: "duckdb.DuckDBPyConnection", *, taxonomy_version: str | None = None,
                  posting_id: str | None = None) -> "pl.DataFrame":
    """Mentions as a polars frame, optionally for one version and/or one posting."""
    where, params = [], []
    if taxonomy_version is not None:
        where.append("taxonomy_version = ?")
        params.append(taxonomy_version)
    if posting_id is not None:
        where.append("posting_id = ?")
        params.append(posting_id)
    sql = "SELECT * FROM skill_mentions" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY posting_id, start_char"
    import polars as pl

    return pl.from_arrow(con.sql(sql, params=params).to_arrow_table())


def extraction_counts(con: "duckdb.DuckDBPyConnection", *, taxonomy_version: str) -> dict[str, int]:
    """How many postings are extracted with this version, are pending, and how many mentions they hold."""
    done = con.execute(
        "SELECT count(*), coalesce(sum(n_mentions), 0) FROM posting_extractions WHERE taxonomy_version = ?",
        [taxonomy_version],
    ).fetchall()[0]  # fetchall: a half-read result would block the connection (DuckDB 2.0)
    total = con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
    return {"postings": total, "extracted": done[0], "pending": total - done[0], "mentions": int(done[1])}
