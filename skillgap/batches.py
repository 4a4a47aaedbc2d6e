"""Extraction batches as Parquet files: the hand-off between the single store writer and independent workers.

The writer snapshots the postings that still need extracting into ``pending-NNNNN.parquet`` files
(``write_pending_batches``); a worker (a Dask process, possibly on another machine) turns one such
file into ``mentions-NNNNN.parquet`` with ``extract_part`` without ever opening the DuckDB store
(another process holds its lock); the writer merges each part back with ``merge_part``, which is
``skillgap.mentions.write_batch``: the same transaction the single-process flow runs, so both paths
give the same store. Every step streams one batch at a time: memory is bounded by the batch size.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skillgap.mentions import posting_text, write_batch

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa
    from spacy.language import Language

PENDING_PREFIX = "pending-"
PART_PREFIX = "mentions-"


@dataclass(frozen=True)
class BatchFile:
    """One batch of pending postings written for a worker."""

    index: int
    path: str
    postings: int

    def part_path(self) -> str:
        """Where the worker writes this batch's mentions."""
        p = Path(self.path)
        return str(p.with_name(p.name.replace(PENDING_PREFIX, PART_PREFIX, 1)))

    def to_dict(self) -> dict:
        return asdict(self)


_PENDING_SQL = (
    "SELECT p.posting_id, p.title, p.description FROM postings p WHERE NOT EXISTS "
    "(SELECT 1 FROM posting_extractions e WHERE e.posting_id = p.posting_id AND e.taxonomy_version = ?) "
    "ORDER BY p.posting_id"
)


def write_pending_batches(con: "duckdb.DuckDBPyConnection", *, taxonomy_version: str, out_dir: Path | str,
                          batch_size: int = 2000, limit: int | None = None) -> list[BatchFile]:
    """Write the postings not yet extracted with ``taxonomy_version`` as Parquet batches of ``batch_size``.

    Same selection and order as ``skillgap.mentions.pending_posting_ids``. Rows stream out of DuckDB
    in Arrow record batches, so only about one batch of texts is in Python memory at a time.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sql, params = _PENDING_SQL, [taxonomy_version]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    reader = con.sql(sql, params=params).to_arrow_reader(batch_size)
    files: list[BatchFile] = []
    buffered: list[pa.RecordBatch] = []
    n_buffered = 0

    def flush(table: pa.Table) -> None:
        path = out / f"{PENDING_PREFIX}{len(files):05d}.parquet"
        pq.write_table(table, path, compression="zstd")
        files.append(BatchFile(len(files), str(path), table.num_rows))

    for rb in reader:
        buffered.append(rb)
        n_buffered += rb.num_rows
        while n_buffered >= batch_size:
            table = pa.Table.from_batches(buffered)
            flush(table.slice(0, batch_size))
            rest = table.slice(batch_size)
            buffered, n_buffered = rest.to_batches(), rest.num_rows
    if n_buffered:
        flush(pa.Table.from_batches(buffered))
    return files


def read_pending(path: Path | str) -> list[tuple[str, str]]:
    """``(posting_id, text)`` pairs of one pending batch file, in file order."""
    import pyarrow.parquet as pq

    t = pq.read_table(path, columns=["posting_id", "title", "description"])
    return [
        (pid, posting_text(title, description))
        for pid, title, description in zip(
            t.column("posting_id").to_pylist(), t.column("title").to_pylist(), t.column("description").to_pylist()
        )
    ]


def extract_part(pending_path: Path | str, out_path: Path | str, *, nlp: "Language") -> dict:
    """Extract one pending batch file into a mentions Parquet part; return counts (never touches the store)."""
    import time

    import pyarrow.parquet as pq

    from skillgap.extract import extract_batch

    rows = read_pending(pending_path)
    t0 = time.perf_counter()
    table = extract_batch(rows, nlp=nlp)
    seconds = time.perf_counter() - t0
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")  # keeps the schema metadata (the batch's posting ids)
    tmp.replace(out_path)  # a retried task never leaves a half-written part behind
    return {"path": str(out_path), "postings": len(rows), "mentions": table.num_rows, "seconds": seconds}


def read_part(part_path: Path | str, *, pending_path: Path | str | None = None) -> tuple["pa.Table", list[str]]:
    """A mentions part and the ids of every posting it covers (also those without mentions)."""
    import pyarrow.parquet as pq

    from skillgap.extract import batch_posting_ids

    table = pq.read_table(part_path)
    ids = batch_posting_ids(table)
    if not ids and pending_path is not None:
        ids = pq.read_table(pending_path, columns=["posting_id"]).column("posting_id").to_pylist()
    return table, ids


def merge_part(con: "duckdb.DuckDBPyConnection", part_path: Path | str, *, taxonomy_version: str,
               pending_path: Path | str | None = None) -> int:
    """Merge one worker's part into the store in one transaction (``write_batch``); return mentions written."""
    table, ids = read_part(part_path, pending_path=pending_path)
    return write_batch(con, table, taxonomy_version=taxonomy_version, posting_ids=ids)
