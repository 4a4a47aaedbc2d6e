"""The refresh flow: idempotent re-runs, crashes that leave the store intact, readers that never see a mixture."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import flows.refresh as refresh_module
from flows.refresh import refresh
from tests.helpers.refresh import file_digest, store_state, write_exports_one


class InjectedFailure(RuntimeError):
    """A crash right after one refresh step finished its work in the staged store."""


def crash_after(monkeypatch, step: str) -> None:
    """Make the refresh's ``step`` (ingest, extract or aggregate) do its work, then raise."""
    name = f"{step}_step"
    real = getattr(refresh_module, name)

    def crashing(*args, **kwargs):
        real(*args, **kwargs)
        raise InjectedFailure(f"injected failure after {step}")

    monkeypatch.setattr(refresh_module, name, crashing)


@pytest.fixture
def model_dir(tmp_path_factory):
    return str(tmp_path_factory.getbasetemp() / "models")


@pytest.fixture(scope="module")
def refreshed_once(prefect_harness, tmp_path_factory):
    """A store after one refresh of the small export folder, built once and copied by each test."""
    base = tmp_path_factory.mktemp("refreshed_once")
    exports = write_exports_one(base / "exports")
    db = base / "s.duckdb"
    summary = refresh(str(exports), str(db), model_dir=str(tmp_path_factory.getbasetemp() / "models"))
    return db, summary


@pytest.fixture
def store_copy(refreshed_once, tmp_path):
    db = tmp_path / "s.duckdb"
    shutil.copyfile(refreshed_once[0], db)
    return db


def test_second_refresh_over_same_folder_adds_nothing(prefect_harness, refreshed_once, exports_one, store_copy,
                                                       model_dir):
    db = store_copy
    first = refreshed_once[1]
    assert first["files"] == 1 and first["loaded"] > 100
    assert first["extracted"] == first["loaded"]
    assert first["months"] and all(len(m) == 7 for m in first["months"])
    state = store_state(db)
    second = refresh(str(exports_one), str(db), model_dir=model_dir)
    assert second["loaded"] == 0 and second["extracted"] == 0 and second["months"] == []
    after = store_state(db)
    assert after[:4] == state[:4] and after[5] == state[5]
    assert after[4] == state[4] + 1  # the second refresh is still recorded


@pytest.mark.parametrize("step", ["ingest", "extract", "aggregate"])
def test_crash_mid_refresh_leaves_store_unchanged_and_rerun_completes(prefect_harness, exports_one, extra_export,
                                                                      store_copy, tmp_path, model_dir, step,
                                                                      monkeypatch):
    db = store_copy
    exports_all = tmp_path / "all"
    shutil.copytree(exports_one, exports_all)
    before_digest, before = file_digest(db), store_state(db)
    shutil.copy(extra_export, exports_all / extra_export.name)

    crash_after(monkeypatch, step)
    with pytest.raises(InjectedFailure):
        refresh(str(exports_all), str(db), model_dir=model_dir)
    monkeypatch.undo()
    assert file_digest(db) == before_digest
    assert not db.with_name(db.name + ".new").exists()

    done = refresh(str(exports_all), str(db), model_dir=model_dir)
    assert done["loaded"] > 0 and done["files"] == 2
    after = store_state(db)
    assert after[0] == before[0] + done["loaded"]
    # re-running once more adds nothing: no duplicates from the crashed attempt
    again = refresh(str(exports_all), str(db), model_dir=model_dir)
    assert again["loaded"] == 0 and store_state(db)[0] == after[0]


READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from skillgap.store import StoreReader
    reader = StoreReader(sys.argv[1])
    stop, deadline = Path(sys.argv[2]), time.monotonic() + float(sys.argv[3])
    seen, errors = [], []

    def read():
        try:
            row = reader.cursor().execute(
                "SELECT count(*), string_agg(DISTINCT posted_month, ',' ORDER BY posted_month), "
                "(SELECT count(*) FROM skill_mentions) FROM postings").fetchall()[0]
            seen.append(list(row))
        except Exception as exc:
            errors.append(repr(exc))
        time.sleep(0.01)

    # read until the parent says the refresh is over, then a little more (however slow the machine is)
    while not stop.exists() and time.monotonic() < deadline:
        read()
    for _ in range(20):
        read()
    print(json.dumps({"seen": seen, "errors": errors}))
    """
)


def test_readers_see_old_or_new_store_never_a_mixture(prefect_harness, exports_one, extra_export, store_copy,
                                                      tmp_path, model_dir):
    db = store_copy
    con_state = store_state(db)
    old = [con_state[0], con_state[5], con_state[1]]
    shutil.copy(extra_export, exports_one / extra_export.name)

    stop = tmp_path / "refresh-done"
    proc = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop), "600"], stdout=subprocess.PIPE,
                            text=True)
    time.sleep(2)
    refresh(str(exports_one), str(db), model_dir=model_dir)
    stop.touch()
    new_state = store_state(db)
    new = [new_state[0], new_state[5], new_state[1]]
    assert new != old
    out, _ = proc.communicate(timeout=120)
    result = json.loads(out)
    assert result["errors"] == []
    assert len(result["seen"]) > 20
    observed = {json.dumps(s) for s in result["seen"]}
    assert observed <= {json.dumps(old), json.dumps(new)}, observed
    assert json.dumps(new) in observed, "the reader should pick up the refreshed store after the swap"


def _per_month(con, table: str, *, lake: bool) -> dict:
    from skillgap.partitioned import EXPORTS

    rows = table if lake else f"({EXPORTS[table]})"  # the lake's views carry the month partition already
    return dict(con.execute(f"SELECT month, count(*) FROM {rows} GROUP BY 1").fetchall())


def _one_month_of_later_lever_postings(exports: Path) -> Path:
    """A second export: a few Lever postings not in ``exports_one``, all from one month."""
    import datetime as dt

    from tests.helpers.refresh import LEVER_LINES, sample_files

    lever = next(p for p in sample_files() if p.name.startswith("lever"))
    later = lever.read_bytes().splitlines(keepends=True)[LEVER_LINES:]

    def month(line: bytes) -> str:
        return dt.datetime.fromtimestamp(json.loads(line)["createdAt"] / 1000, dt.timezone.utc).strftime("%Y-%m")

    wanted = month(later[0])
    out = exports / "lever_later.jsonl"
    out.write_bytes(b"".join([line for line in later if month(line) == wanted][:8]))
    return out


def test_refresh_keeps_the_parquet_lake_in_step_with_the_store(prefect_harness, exports_one, store_copy, tmp_path,
                                                                model_dir):
    import duckdb

    from skillgap.partitioned import TABLES, connect_parquet

    db, lake = store_copy, tmp_path / "lake"
    first = refresh(str(exports_one), str(db), model_dir=model_dir, parquet_dir=str(lake))
    assert first["loaded"] == 0  # nothing new, but no lake yet: every month is written
    files_before = {p: p.stat().st_ino for p in lake.rglob("*.parquet")}
    assert files_before

    extra = _one_month_of_later_lever_postings(exports_one)
    second = refresh(str(exports_one), str(db), model_dir=model_dir, parquet_dir=str(lake))
    assert second["loaded"] > 0
    con, lake_con = duckdb.connect(str(db), read_only=True), connect_parquet(lake)
    try:
        for table in TABLES:
            assert _per_month(lake_con, table, lake=True) == _per_month(con, table, lake=False)
        new_months = {r[0] for r in con.execute(
            "SELECT DISTINCT coalesce(posted_month, 'unknown') FROM postings p JOIN load_runs l "
            "ON p.load_run_id = l.run_id WHERE l.file LIKE ?", [f"%{extra.name}"]).fetchall()}
    finally:
        con.close()
        lake_con.close()
    untouched = {p: ino for p, ino in files_before.items() if p.parent.name.split("=", 1)[1] not in new_months}
    assert untouched, "the extra export should leave some months alone"
    assert all(p.exists() and p.stat().st_ino == ino for p, ino in untouched.items())


def test_importing_the_flows_sets_nothing():
    """Importing any flow module leaves Prefect's and our settings alone: the edges call configure_environment."""
    code = textwrap.dedent(
        """
        import json, os
        before = dict(os.environ)
        import flows.refresh, flows.monthly, flows.serve, flows.extract_dask
        from skillgap import store
        changed = sorted(k for k in set(os.environ) | set(before) if os.environ.get(k) != before.get(k))
        print(json.dumps({"changed": changed, "memory_limit": store._connection_config.get("memory_limit")}))
        from flows import configure_environment
        configure_environment()
        print(json.dumps({"prefect_home": os.environ.get("PREFECT_HOME"),
                          "memory_limit": store._connection_config.get("memory_limit")}))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "DO_NOT_TRACK"))}
    env["SKILLGAP_DUCKDB_MEMORY_LIMIT"] = "1GB"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout.splitlines()
    first, second = json.loads(out[0]), json.loads(out[1])
    assert [k for k in first["changed"] if k.startswith(("PREFECT_", "SKILLGAP_", "DO_NOT_TRACK"))] == []
    assert first["memory_limit"] is None
    assert second["prefect_home"] and second["prefect_home"].endswith("prefect")
    assert second["memory_limit"] == "1GB"
