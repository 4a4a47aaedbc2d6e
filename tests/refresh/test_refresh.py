"""The refresh flow: idempotent re-runs, crashes that leave the store intact, readers that never see a mixture."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from flows.refresh import InjectedFailure, refresh

from .conftest import file_digest, sample_files, store_state


@pytest.fixture
def model_dir(tmp_path_factory):
    return str(tmp_path_factory.getbasetemp() / "models")


def test_second_refresh_over_same_folder_adds_nothing(prefect_harness, exports_one, tmp_path, model_dir):
    db = tmp_path / "s.duckdb"
    first = refresh(str(exports_one), str(db), model_dir=model_dir)
    assert first["files"] == 1 and first["loaded"] > 300
    assert first["extracted"] == first["loaded"]
    assert first["months"] and all(len(m) == 7 for m in first["months"])
    state = store_state(db)
    second = refresh(str(exports_one), str(db), model_dir=model_dir)
    assert second["loaded"] == 0 and second["extracted"] == 0 and second["months"] == []
    after = store_state(db)
    assert after[:4] == state[:4] and after[5] == state[5]
    assert after[4] == state[4] + 1  # the second refresh is still recorded


@pytest.mark.parametrize("step", ["ingest", "extract", "aggregate"])
def test_crash_mid_refresh_leaves_store_unchanged_and_rerun_completes(prefect_harness, exports_one, tmp_path, model_dir, step):
    db = tmp_path / "s.duckdb"
    exports_all = tmp_path / "all"
    shutil.copytree(exports_one, exports_all)
    refresh(str(exports_one), str(db), model_dir=model_dir)
    before_digest, before = file_digest(db), store_state(db)
    extra = next(p for p in sample_files() if p.name.startswith("greenhouse"))
    shutil.copy(extra, exports_all / extra.name)

    with pytest.raises(InjectedFailure):
        refresh(str(exports_all), str(db), model_dir=model_dir, fail_after=step)
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
    from skillgap.store import StoreReader
    reader = StoreReader(sys.argv[1])
    seen, errors, deadline = [], [], time.monotonic() + float(sys.argv[2])
    while time.monotonic() < deadline:
        try:
            row = reader.cursor().execute(
                "SELECT count(*), string_agg(DISTINCT posted_month, ',' ORDER BY posted_month), "
                "(SELECT count(*) FROM skill_mentions) FROM postings").fetchall()[0]
            seen.append(list(row))
        except Exception as exc:
            errors.append(repr(exc))
        time.sleep(0.01)
    print(json.dumps({"seen": seen, "errors": errors}))
    """
)


def test_readers_see_old_or_new_store_never_a_mixture(prefect_harness, exports_one, tmp_path, model_dir):
    db = tmp_path / "s.duckdb"
    refresh(str(exports_one), str(db), model_dir=model_dir)
    con_state = store_state(db)
    old = [con_state[0], con_state[5], con_state[1]]
    extra = next(p for p in sample_files() if p.name.startswith("jobspy"))
    shutil.copy(extra, exports_one / extra.name)

    proc = subprocess.Popen([sys.executable, "-c", READER, str(db), "25"], stdout=subprocess.PIPE, text=True)
    time.sleep(2)
    refresh(str(exports_one), str(db), model_dir=model_dir)
    new_state = store_state(db)
    new = [new_state[0], new_state[5], new_state[1]]
    out, _ = proc.communicate(timeout=60)
    result = json.loads(out)
    assert result["errors"] == []
    assert len(result["seen"]) > 20
    observed = {json.dumps(s) for s in result["seen"]}
    assert observed <= {json.dumps(old), json.dumps(new)}, observed
    assert json.dumps(new) in observed, "the reader should pick up the refreshed store after the swap"
