"""Duplicate rules: exact (same posting_id = source + source id, or same url) and near (same dedup_key).

Applied to each chunk of a file against what the store already holds (earlier files and chunks) first, then among
the chunk's remaining rows (first occurrence wins), so where a big file is cut into chunks does not change which
rows stay.
"""

from __future__ import annotations

import duckdb
import polars as pl

KEYS = ("posting_id", "url", "dedup_key")


def dedup_within(df: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Drop later rows that repeat an earlier row's posting_id, url or dedup_key; return (kept, dropped)."""
    before = df.height
    for key in KEYS:
        if df.height == 0:
            break
        df = df.filter(pl.col(key).is_null() | pl.col(key).is_first_distinct())
    return df, before - df.height


def dedup_against_store(con: duckdb.DuckDBPyConnection, df: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Drop rows whose posting_id, url or dedup_key is already in the postings table; return (kept, dropped)."""
    if df.height == 0:
        return df, 0
    keys = df.select("row_number", *KEYS)
    con.register("incoming_keys", keys)
    try:
        dup_rows = con.sql(
            """
            SELECT k.row_number FROM incoming_keys k
            WHERE k.posting_id IN (SELECT posting_id FROM postings)
               OR (k.url IS NOT NULL AND k.url IN (SELECT url FROM postings WHERE url IS NOT NULL))
               OR (k.dedup_key IS NOT NULL
                   AND k.dedup_key IN (SELECT dedup_key FROM postings WHERE dedup_key IS NOT NULL))
            """
        ).pl()
    finally:
        con.unregister("incoming_keys")
    if dup_rows.height == 0:
        return df, 0
    kept = df.filter(~pl.col("row_number").is_in(dup_rows.get_column("row_number").implode()))
    return kept, df.height - kept.height
