"""The sample export the scale tests ingest, and order-independent reads of a store."""

from __future__ import annotations

from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[2]

SAMPLE = REPO_ROOT / "data" / "sample"


def lever_export() -> Path:
    """The sample's Lever file: a few hundred postings over every month."""
    return next(p for p in sorted(SAMPLE.iterdir()) if p.name.startswith("lever"))


def rows(db: Path, sql: str) -> list[tuple]:
    """Every row of ``sql`` on a read-only connection, sorted (order-independent comparisons)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


MENTIONS_SQL = "SELECT * FROM skill_mentions"

EXTRACTIONS_SQL = "SELECT * EXCLUDE (extracted_at) FROM posting_extractions"
