"""Fixtures shared by every test package. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Prefect reads its settings at import: keep every test run offline and out of the user's ~/.prefect.
_PREFECT_HOME = tempfile.mkdtemp(prefix="skillgap-test-prefect-")
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _shared_dir() -> Path | None:
    candidate = Path(os.environ.get("SKILLGAP_SHARED", REPO_ROOT.parent / "shared"))
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's ../shared folder (real exports, gold data, CVs); skips the test when absent."""
    found = _shared_dir()
    if found is None:
        pytest.skip("../shared is not present (a fresh clone has none); CI provides it")
    return found


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session, for tests that run real flows."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh store file (not created)."""
    return tmp_path / "store.duckdb"


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    """One place per test session where the built spaCy pipeline is cached."""
    return tmp_path_factory.getbasetemp() / "models"


@pytest.fixture(scope="session")
def sample_store(prefect_harness, tmp_path_factory, model_dir) -> Path:
    """A store built by the real refresh flow from the committed sample (data/sample)."""
    from flows.refresh import refresh

    db = tmp_path_factory.mktemp("sample_store") / "sample.duckdb"
    summary = refresh(str(REPO_ROOT / "data" / "sample"), str(db), model_dir=str(model_dir))
    assert summary["loaded"] > 2000, summary
    return db
