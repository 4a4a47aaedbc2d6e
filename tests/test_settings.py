"""Settings read SKILLGAP_* variables (and PREFECT_HOME), derive folders under the data folder, name bad variables."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from skillgap.errors import SettingsError
from skillgap.settings import PROJECT_ROOT, Settings


def test_folders_default_under_the_data_dir(tmp_path: Path) -> None:
    s = Settings.from_env({"SKILLGAP_DATA_DIR": str(tmp_path)})
    assert s.data_dir == tmp_path.resolve()
    assert s.db_path == tmp_path.resolve() / "skillgap.duckdb"
    assert (s.sample_dir, s.exports_dir, s.model_dir, s.prefect_home) == tuple(
        tmp_path.resolve() / name for name in ("sample", "exports", "models", "prefect"))
    assert s.taxonomy_dir == (PROJECT_ROOT / "skills_taxonomy" / "data").resolve()
    assert s.duckdb_memory_limit is None


def test_each_variable_overrides_its_field_and_empty_means_unset(tmp_path: Path) -> None:
    env = {"SKILLGAP_DATA_DIR": str(tmp_path), "SKILLGAP_DB": str(tmp_path / "x.duckdb"), "PREFECT_HOME": "",
           "SKILLGAP_MODEL_DIR": str(tmp_path / "m"), "SKILLGAP_DUCKDB_MEMORY_LIMIT": "50%"}
    s = Settings.from_env(env)
    assert s.db_path == tmp_path.resolve() / "x.duckdb" and s.model_dir == tmp_path.resolve() / "m"
    assert s.prefect_home == tmp_path.resolve() / "prefect" and s.duckdb_memory_limit == "50%"
    assert Settings.from_env(env, db=tmp_path / "other.duckdb").db_path == tmp_path.resolve() / "other.duckdb"


def test_an_explicit_environment_ignores_the_process_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SKILLGAP_DB", str(tmp_path / "process.duckdb"))
    assert Settings.from_env().db_path == tmp_path.resolve() / "process.duckdb"
    assert Settings.from_env({"SKILLGAP_DATA_DIR": str(tmp_path)}).db_path == tmp_path.resolve() / "skillgap.duckdb"


def test_with_db_returns_a_copy(tmp_path: Path) -> None:
    s = Settings.from_env({"SKILLGAP_DATA_DIR": str(tmp_path)})
    other = s.with_db(tmp_path / "b.duckdb")
    assert other.db_path == tmp_path.resolve() / "b.duckdb" and s.db_path != other.db_path
    assert s.with_db(None) is s
    with pytest.raises(ValidationError):
        s.db_path = tmp_path  # frozen


def test_a_bad_value_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="SKILLGAP_DUCKDB_MEMORY_LIMIT: 'lots' is not a memory size"):
        Settings.from_env({"SKILLGAP_DUCKDB_MEMORY_LIMIT": "lots"})
