"""Month-partitioned Parquet copies of postings and skill mentions, which DuckDB queries in place.

For stores larger than one DuckDB file should hold, the bulky tables (postings with their texts, and
skill_mentions with their sentences) live as hive-partitioned Parquet under one root:

    <root>/postings/month=YYYY-MM/data_0.parquet
    <root>/skill_mentions/month=YYYY-MM/data_0.parquet
    <root>/_manifest.json            (months, rows and bytes per table; written last)

``month`` is the posting's ``posted_month`` (``unknown`` when it has none); a mention's month is its
posting's. ``export_parquet`` rewrites only the months asked for (a monthly refresh passes the months it
touched), each month built in a staging folder and renamed into place, so a reader sees a month's old
files or its new ones. ``attach_parquet`` defines views over ``read_parquet(..., hive_partitioning=true)``
on any DuckDB connection, so the same SQL runs against the files; filters on ``month`` prune folders.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from skillgap.errors import StoreError

if TYPE_CHECKING:
    import duckdb

UNKNOWN_MONTH = "unknown"
MANIFEST = "_manifest.json"

# Each exported table: the SELECT that gives its rows plus the ``month`` partition column.
EXPORTS = {
    "postings": f"SELECT *, coalesce(posted_month, '{UNKNOWN_MONTH}') AS month FROM postings",
    "skill_mentions": (
        f"SELECT m.*, coalesce(p.posted_month, '{UNKNOWN_MONTH}') AS month "
        "FROM skill_mentions m LEFT JOIN postings p USING (posting_id)"
    ),
}
TABLES = tuple(EXPORTS)


@dataclass
class ExportSummary:
    root: str
    months: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def _is_url(root: str | Path) -> bool:
    return "://" in str(root)


def store_months(con: "duckdb.DuckDBPyConnection") -> list[str]:
    """Every partition month the store's postings fall into."""
    return [r[0] for r in con.execute(
        f"SELECT DISTINCT coalesce(posted_month, '{UNKNOWN_MONTH}') FROM postings ORDER BY 1").fetchall()]


def changed_months(con: "duckdb.DuckDBPyConnection", *, since: str) -> list[str]:
    """Partition months holding postings loaded or (re-)extracted at or after ``since`` (an ISO timestamp)."""
    return [r[0] for r in con.execute(
        f"""SELECT DISTINCT coalesce(p.posted_month, '{UNKNOWN_MONTH}') FROM postings p
            WHERE p.load_run_id IN (SELECT run_id FROM load_runs WHERE started_at >= CAST(? AS TIMESTAMP))
               OR p.posting_id IN (SELECT posting_id FROM posting_extractions
                                   WHERE extracted_at >= CAST(? AS TIMESTAMP))
            ORDER BY 1""",
        [since, since],
    ).fetchall()]


def has_lake(root: Path | str) -> bool:
    """Whether ``root`` already holds an export (its manifest is written last)."""
    return (Path(root) / MANIFEST).exists()


def export_parquet(con: "duckdb.DuckDBPyConnection", root: Path | str, *, months: list[str] | None = None,
                   tables: tuple[str, ...] = TABLES) -> ExportSummary:
    """Write ``tables`` of the store as month-partitioned Parquet under ``root``; return what was written.

    Args:
        months: only these months are (re)written, others are left as they are (default: every month).
        tables: which of ``postings`` and ``skill_mentions`` to export.
    """
    if _is_url(root):
        raise StoreError(
            f"{root}: export to a local or mounted folder, then copy it to object storage "
            "(e.g. 'aws s3 sync DIR s3://bucket/skillgap'); DuckDB reads it there in place."
        )
    unknown = [t for t in tables if t not in EXPORTS]
    if unknown:
        raise ValueError(f"cannot export {unknown}; choose from {TABLES}")
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    wanted = store_months(con) if months is None else sorted(set(months))
    summary = ExportSummary(root=str(root.resolve()), months=wanted)
    if not wanted:
        _write_manifest(root)
        return summary
    staging = root / f".staging-{uuid.uuid4().hex[:12]}"
    con.register("_export_months", _months_table(wanted))
    try:
        for table in tables:
            target = staging / table
            target.parent.mkdir(parents=True, exist_ok=True)
            con.execute(
                f"COPY (SELECT * FROM ({EXPORTS[table]}) WHERE month IN (SELECT month FROM _export_months)) "
                f"TO '{_sql_path(target)}' (FORMAT parquet, PARTITION_BY (month), COMPRESSION zstd, "
                "OVERWRITE_OR_IGNORE)"
            )
            summary.rows[table] = con.execute(
                f"SELECT count(*) FROM ({EXPORTS[table]}) WHERE month IN (SELECT month FROM _export_months)"
            ).fetchall()[0][0]
            summary.bytes[table] = sum(f.stat().st_size for f in target.rglob("*.parquet")) if target.exists() else 0
            for month in wanted:
                _swap_month(root / table, target, month)
    finally:
        con.unregister("_export_months")
        shutil.rmtree(staging, ignore_errors=True)
    _write_manifest(root)
    return summary


def _months_table(months: list[str]):
    import pyarrow as pa

    return pa.table({"month": pa.array(months, type=pa.string())})


def _sql_path(p: Path | str) -> str:
    return str(p).replace("'", "''")


def _swap_month(live_table: Path, staged_table: Path, month: str) -> None:
    """Put a month's freshly written folder in place of the live one (a month with no rows is removed)."""
    live = live_table / f"month={month}"
    new = staged_table / f"month={month}"
    live_table.mkdir(parents=True, exist_ok=True)
    old = live_table / f".old-month={month}-{uuid.uuid4().hex[:8]}"
    if live.exists():
        live.rename(old)
    if new.exists():
        new.rename(live)
    shutil.rmtree(old, ignore_errors=True)


def _write_manifest(root: Path) -> dict:
    manifest: dict = {"layout": "hive", "partition": "month", "tables": {}}
    for table in TABLES:
        base = root / table
        months = sorted(p.name.split("=", 1)[1] for p in base.glob("month=*") if p.is_dir()) if base.exists() else []
        files = list(base.glob("month=*/*.parquet")) if base.exists() else []
        manifest["tables"][table] = {"months": months, "files": len(files),
                                     "bytes": sum(f.stat().st_size for f in files)}
    tmp = root / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    tmp.replace(root / MANIFEST)
    return manifest


def read_manifest(root: Path | str) -> dict:
    """The manifest ``export_parquet`` left under ``root``."""
    path = Path(root) / MANIFEST
    if not path.exists():
        raise StoreError(f"No Parquet store at {root} ({MANIFEST} missing): run 'skillgap export-parquet --out {root}'.")
    return json.loads(path.read_text(encoding="utf-8"))


def parquet_glob(root: Path | str, table: str) -> str:
    """The glob DuckDB reads for one table (works for local folders and, with httpfs, s3:// or gs:// roots)."""
    return f"{str(root).rstrip('/')}/{table}/month=*/*.parquet"


def attach_parquet(con: "duckdb.DuckDBPyConnection", root: Path | str, *, prefix: str = "",
                   tables: tuple[str, ...] = TABLES) -> list[str]:
    """Define temporary views ``<prefix><table>`` over the Parquet files under ``root``; return their names.

    With the default empty prefix on a fresh ``duckdb.connect()`` the views carry the store's table names,
    so queries written for the store run on the files; on a store connection use a prefix (``lake_``).
    """
    if not _is_url(root):
        missing = [t for t in tables if not any(Path(root, t).glob("month=*/*.parquet"))]
        if missing:
            raise StoreError(
                f"No Parquet files for {', '.join(missing)} under {root}: run 'skillgap export-parquet --out {root}'."
            )
    names = []
    for table in tables:
        name = f"{prefix}{table}"
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet('{_sql_path(parquet_glob(root, table))}', "
            "hive_partitioning = true, hive_types = {'month': VARCHAR}, union_by_name = true)"
        )
        names.append(name)
    return names


def connect_parquet(root: Path | str) -> "duckdb.DuckDBPyConnection":
    """An in-memory DuckDB connection whose ``postings`` and ``skill_mentions`` are the Parquet files."""
    import duckdb

    con = duckdb.connect()
    try:
        attach_parquet(con, root)
    except BaseException:
        con.close()
        raise
    return con
