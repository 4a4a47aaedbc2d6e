"""`fetch hn` end to end on the real January–May 2026 posts (../shared) served by the local stand-in API:
every post fetched, the seekers' thread ignored, a second run nearly free, and a real refresh of the files
into a fresh DuckDB store holding postings in exactly those five months."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from skillgap.fetch.hn import fetch_hn

pytestmark = [pytest.mark.shared, pytest.mark.slow]

MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]


def test_five_months_fetched_refreshed_and_a_second_run_is_nearly_free(shared_api, tmp_path, prefect_harness,
                                                                       model_dir):
    standin, api, info = shared_api
    out = tmp_path / "exports" / "hn"
    first = fetch_hn(out, api_url=api, backoff=0.01)  # today: every one of these months is over
    assert [t["month"] for t in first["threads"]] == MONTHS
    assert all(t["title"].startswith("Ask HN: Who is hiring? (") and t["complete"] for t in first["threads"])
    assert sum(t["comments"] for t in first["threads"]) == info["posts"] > 1600
    written = [json.loads(Path(p).read_text(encoding="utf-8")) for p in first["written"]]
    ids = {j["id"] for doc in written for j in doc["jobs"]}
    assert info["deleted"] not in ids and info["dead"] not in ids
    assert standin.counts[f"/stand-in/v0/item/{info['seekers_thread']}.json"] == 1  # its title, once
    assert standin.counts[f"/stand-in/v0/item/{info['seekers_post']}.json"] == 0  # its posts, never

    first_items = standin.item_requests()
    standin.counts.clear()
    second = fetch_hn(out, api_url=api, backoff=0.01)
    assert second["written"] == [] and [t["new"] for t in second["threads"]] == [0] * 5
    assert standin.item_requests() <= first_items / 10

    from flows.refresh import refresh

    db = tmp_path / "store.duckdb"
    summary = refresh(str(tmp_path / "exports"), str(db), model_dir=str(model_dir))
    assert summary["files"] == 5 and summary["loaded"] > 1400 and summary["months"] == MONTHS
    con = duckdb.connect(str(db), read_only=True)
    try:
        months = [r[0] for r in con.execute(
            "SELECT DISTINCT posted_month FROM postings WHERE source = 'hn' ORDER BY 1").fetchall()]
        layouts = {r[0] for r in con.execute("SELECT DISTINCT layout FROM load_runs").fetchall()}
    finally:
        con.close()
    assert months == MONTHS and layouts == {"hn_raw"}
