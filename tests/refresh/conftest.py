"""Small export folders made from the committed sample, and helpers to fingerprint a store."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

SAMPLE = REPO_ROOT / "data" / "sample"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE.iterdir() if p.is_file() and p.name != "README.md")


@pytest.fixture
def exports_one(tmp_path: Path) -> Path:
    """An exports folder holding one sample export (the Lever file: every month, ~20% of postings)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    lever = next(p for p in sample_files() if p.name.startswith("lever"))
    shutil.copy(lever, folder / lever.name)
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
