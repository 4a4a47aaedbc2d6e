"""SKILLGAP_DUCKDB_MEMORY_LIMIT caps DuckDB's buffer pool on every store connection."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from skillgap import store
from skillgap.errors import StoreError
from skillgap.settings import Settings


@pytest.fixture
def no_limit_after():
    yield
    store.set_memory_limit(None)


def _limit(con) -> str:
    return con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]


def test_connections_get_the_limit(tmp_path, no_limit_after):
    db = tmp_path / "s.duckdb"
    default = _limit(store.connect(db))
    store.set_memory_limit("1GB")
    con = store.connect(db)
    assert _limit(con) != default and _limit(con).startswith("953")  # 1 GB = 953.6 MiB
    con.close()
    ro = store.connect(db, read_only=True)
    assert _limit(ro).startswith("953")
    ro.close()
    store.set_memory_limit(None)
    assert _limit(store.connect(db)) == default


@pytest.mark.parametrize("bad", ["lots", "4 GBs", "-1GB", "1e9"])
def test_a_bad_value_says_what_to_write(bad, no_limit_after):
    with pytest.raises(StoreError, match="SKILLGAP_DUCKDB_MEMORY_LIMIT.*4GB"):
        store.set_memory_limit(bad)


def test_settings_read_it_from_the_environment():
    assert Settings.from_env({"SKILLGAP_DUCKDB_MEMORY_LIMIT": "2GB"}).duckdb_memory_limit == "2GB"
    assert Settings.from_env({}).duckdb_memory_limit is None


def test_cli_applies_it(tmp_path):
    """`skillgap ingest` under a limit loads as usual; a bad value is one clear line, not a traceback."""
    export = tmp_path / "jobs.csv"
    export.write_text("title,company,description\nData Engineer,Acme,Build pipelines in Python and SQL on AWS.\n")
    env = dict(os.environ, SKILLGAP_DUCKDB_MEMORY_LIMIT="512MB")
    run = subprocess.run([sys.executable, "-m", "skillgap.cli", "ingest", str(export), "--db", str(tmp_path / "s.duckdb"),
                          "--json"], env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["loaded"] == 1
    env["SKILLGAP_DUCKDB_MEMORY_LIMIT"] = "lots"
    run = subprocess.run([sys.executable, "-m", "skillgap.cli", "roles", "--db", str(tmp_path / "s.duckdb")],
                         env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode != 0 and "SKILLGAP_DUCKDB_MEMORY_LIMIT" in run.stderr and "Traceback" not in run.stderr
