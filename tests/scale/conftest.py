"""Small stores for the scale tests: one sample export ingested (no Prefect), and store fingerprints."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "data" / "sample"


def lever_export() -> Path:
    """The sample's Lever file: a few hundred postings over every month."""
    return next(p for p in sorted(SAMPLE.iterdir()) if p.name.startswith("lever"))


@pytest.fixture(scope="session")
def ingested_store(tmp_path_factory) -> Path:
    """A store holding the Lever sample export, ingested but not extracted (built once per session)."""
    from skillgap.ingest import ingest_paths

    db = tmp_path_factory.mktemp("scale_ingested") / "ingested.duckdb"
    summary = ingest_paths([str(lever_export())], db)
    assert summary["loaded"] > 300, summary
    return db


@pytest.fixture
def store_copy(ingested_store: Path, tmp_path: Path):
    """Copies of the ingested store, one per name asked for."""

    def make(name: str) -> Path:
        dst = tmp_path / f"{name}.duckdb"
        shutil.copyfile(ingested_store, dst)
        return dst

    return make


def rows(db: Path, sql: str) -> list[tuple]:
    """Every row of ``sql`` on a read-only connection, sorted (order-independent comparisons)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


MENTIONS_SQL = "SELECT * FROM skill_mentions"
EXTRACTIONS_SQL = "SELECT * EXCLUDE (extracted_at) FROM posting_extractions"
