"""Small export folders made from the committed sample, and fingerprints of a store (refresh and schedule tests)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[2]

SAMPLE = REPO_ROOT / "data" / "sample"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE.iterdir() if p.is_file() and p.name != "README.md")


LEVER_LINES = 160  # enough postings for every month to appear, few enough to extract in seconds


def write_exports_one(folder: Path) -> Path:
    """Write an exports folder holding the first LEVER_LINES postings of the sample's Lever export."""
    folder.mkdir(parents=True, exist_ok=True)
    lever = next(p for p in sample_files() if p.name.startswith("lever"))
    lines = lever.read_bytes().splitlines(keepends=True)[:LEVER_LINES]
    (folder / lever.name).write_bytes(b"".join(lines))
    return folder


def store_state(path: Path) -> tuple:
    """What a reader sees: row counts of the main tables and the months present."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return tuple(
            con.execute(
                """SELECT (SELECT count(*) FROM postings), (SELECT count(*) FROM skill_mentions),
                          (SELECT count(*) FROM posting_facts), (SELECT count(*) FROM load_runs),
                          (SELECT count(*) FROM refresh_runs),
                          (SELECT string_agg(DISTINCT posted_month, ',' ORDER BY posted_month) FROM postings)"""
            ).fetchall()[0]
        )
    finally:
        con.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
