"""Fixtures for the ingest tests (the export writers and store reads: tests/helpers/ingest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.ingest import body, query, run, table_count, write_csv, write_json  # noqa: F401  (re-exported)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"
