"""The flow the schedule serves: configured fetches first (HN from the local stand-in, JobSpy through a replaced
scrape function, one search that fails), then a real refresh into a fresh store; every outcome recorded."""

from __future__ import annotations

import json

import duckdb
import pytest

from skillgap.fetch import jobspy as fj
from skillgap.fetch.history import fetch_status_rows

from tests.helpers.jobspy import jobspy_frame

pytestmark = pytest.mark.slow


def test_fetches_then_refreshes_and_a_failed_fetch_does_not_stop_it(small_api, tmp_path, monkeypatch,
                                                                   prefect_harness, model_dir):
    _, api, _ = small_api

    def scrape(**kw):
        if kw["search_term"] == "blocked":
            raise ConnectionError("403 from the board")
        return jobspy_frame(6)

    monkeypatch.setattr(fj, "load_scraper", lambda: scrape)
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.toml").write_text(
        f'[hn]\nsince = "2026-10"\napi_url = "{api}"\n\n'
        '[[jobspy]]\nsite = "indeed"\nsearch = "data engineer"\nlocation = "Berlin"\nresults = 6\n\n'
        '[[jobspy]]\nsite = "indeed"\nsearch = "blocked"\n'
    )
    from flows.monthly import fetch_and_refresh

    exports, db = tmp_path / "exports", tmp_path / "store.duckdb"
    exports.mkdir()
    result = fetch_and_refresh(str(exports), str(db), data_dir=str(data), model_dir=str(model_dir))
    by_source = {e["source"]: e for e in result["fetched"]}
    assert list(by_source) == ["hn", "jobspy:indeed:data engineer@Berlin", "jobspy:indeed:blocked"]
    assert by_source["hn"]["ok"] and by_source["hn"]["threads"] == 3 and by_source["hn"]["new"] == 4
    assert by_source["jobspy:indeed:data engineer@Berlin"]["rows"] == 6
    assert not by_source["jobspy:indeed:blocked"]["ok"] and "403" in by_source["jobspy:indeed:blocked"]["error"]
    assert result["refresh"]["files"] == 4 and result["refresh"]["loaded"] == 4 + 6
    assert result["refresh"]["months"] == ["2026-10", "2026-11", "2026-12"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        sources = dict(con.execute("SELECT source, count(*) FROM postings GROUP BY 1").fetchall())
    finally:
        con.close()
    assert sources == {"hn": 4, "jobspy:indeed": 6}
    rows = fetch_status_rows(data)
    assert [(r["source"], r["ok"]) for r in rows] == [
        ("hn", True), ("jobspy:indeed:blocked", False), ("jobspy:indeed:data engineer@Berlin", True)]
    assert len(json.loads((data / "fetch_runs.json").read_text())) == 3
