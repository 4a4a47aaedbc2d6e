"""Store fixtures for the scale tests: one sample export ingested (no Prefect), copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.scale import lever_export


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


