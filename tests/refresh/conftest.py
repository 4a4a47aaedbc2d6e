"""Export-folder fixtures for the refresh tests (the helpers behind them: tests/helpers/refresh.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.refresh import (  # noqa: F401  (re-exported)
    file_digest,
    sample_files,
    store_state,
    write_exports_one,
)


@pytest.fixture
def exports_one(tmp_path: Path) -> Path:
    """An exports folder holding one small sample export (Lever JSON Lines, postings from every month)."""
    return write_exports_one(tmp_path / "exports")


@pytest.fixture
def extra_export() -> Path:
    """A second sample export (one Greenhouse board) that a later refresh picks up."""
    return next(p for p in sample_files() if p.name.startswith("greenhouse"))


