"""What the pipeline did, read from the store: refresh runs, file loads and rejected rows (the Pipeline page)."""

from __future__ import annotations

import duckdb
import polars as pl


def refresh_history(con: duckdb.DuckDBPyConnection, *, limit: int = 24) -> pl.DataFrame:
    """The latest refresh runs, newest first, with what each loaded, dropped, rejected and extracted."""
    return con.sql(
        """SELECT started_at, finished_at, exports_dir,
                  CAST(summary->>'loaded' AS INTEGER) AS loaded, CAST(summary->>'duplicates' AS INTEGER) AS duplicates,
                  CAST(summary->>'rejected' AS INTEGER) AS rejected, CAST(summary->>'extracted' AS INTEGER) AS extracted
           FROM refresh_runs ORDER BY started_at DESC LIMIT ?""",
        params=[limit],
    ).pl()


def load_runs(con: duckdb.DuckDBPyConnection, *, limit: int = 200) -> pl.DataFrame:
    """The latest export-file loads, newest first: status, file, source, layout, row counts and message."""
    return con.sql(
        """SELECT started_at, status, file, source, layout, rows, loaded, duplicates, rejected, message
           FROM load_runs ORDER BY started_at DESC LIMIT ?""",
        params=[limit],
    ).pl()


def rejection_reasons(con: duckdb.DuckDBPyConnection, *, limit: int = 50) -> pl.DataFrame:
    """Why rows were rejected, most frequent reason first, with the number of rows."""
    return con.sql(
        "SELECT reason, count(*) AS rows FROM rejected_rows GROUP BY 1 ORDER BY 2 DESC LIMIT ?", params=[limit]
    ).pl()


def latest_rejected_rows(con: duckdb.DuckDBPyConnection, *, limit: int = 100) -> pl.DataFrame:
    """The latest rejected rows: file, row number, reason and the row as read (first 300 characters)."""
    return con.sql(
        "SELECT file, row_number, reason, left(raw, 300) AS raw FROM rejected_rows ORDER BY rejected_at DESC LIMIT ?",
        params=[limit],
    ).pl()
