"""`fetch hn` against a local stand-in of the Hacker News API: which threads, which comments, incremental runs,
retries, failures that write nothing, and files that ingest loads as the hn_raw layout."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

import pytest

from skillgap.errors import FetchError, FetchOptionError
from skillgap.fetch.hn import MANIFEST, fetch_hn
from skillgap.ingest import ingest_paths

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)
FAST = {"timeout": 0.5, "backoff": 0.01, "attempts": 4}


def _fetch(api: str, out: Path, **kw):
    return fetch_hn(out, api_url=api, now=kw.pop("now", NOW), **FAST, **kw)


def _exports(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.json") if not p.name.startswith("."))


def _jobs(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["jobs"]


def test_fetches_hiring_threads_only_top_level_comments_without_deleted_or_dead(small_api, tmp_path):
    standin, api, info = small_api
    out = tmp_path / "hn"
    result = _fetch(api, out)
    assert [(t["month"], t["comments"], t["new"]) for t in result["threads"]] == [
        ("2026-10", 2, 2), ("2026-11", 1, 1), ("2026-12", 1, 1)]
    assert [t["title"] for t in result["threads"]][0] == "Ask HN: Who is hiring? (October 2026)"
    assert [t["complete"] for t in result["threads"]] == [True, True, False]
    assert len(result["written"]) == 3 and all(Path(p).parent == out for p in result["written"])
    assert result["requests"] == sum(standin.counts.values())
    # seekers' and freelancers' threads: looked at once (their title), their comments never
    for ignored in info["ignored"][2:]:
        assert standin.counts[f"/stand-in/v0/item/{ignored}.json"] == 0
    nov = next(p for p in _exports(out) if "2026-11" in p.name)
    assert [j["id"] for j in _jobs(nov)] == [9201]
    assert not (set(j["id"] for p in _exports(out) for j in _jobs(p)) & {info["deleted"], info["dead"]})
    # hidden files only besides the exports: the manifest, no temp files
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [MANIFEST]


def test_thread_files_load_as_hn_postings(small_api, tmp_path):
    _, api, _ = small_api
    out = tmp_path / "hn"
    _fetch(api, out)
    summary = ingest_paths([out], tmp_path / "s.duckdb")
    assert summary["files"] == 3 and not summary["failed_files"]
    assert {f["layout"] for f in summary["per_file"]} == {"hn_raw"}
    assert summary["loaded"] == 4


def test_second_run_tops_up_the_current_month_only(small_api, tmp_path):
    standin, api, _ = small_api
    out = tmp_path / "hn"
    first = _fetch(api, out)
    before = {p.name: p.stat().st_mtime_ns for p in _exports(out)}
    standin.add_comment(9311, 9300, "Vandelay | Importer | NYC<p>Latex imports, Python and SQL, all day long.")
    standin.append_kid(9300, 9311)
    standin.counts.clear()
    second = _fetch(api, out)
    assert standin.item_requests() == 2  # the December thread and its one new comment
    assert standin.counts["/stand-in/v0/item/9311.json"] == 1 and standin.counts["/stand-in/v0/item/9310.json"] == 0
    assert [(t["month"], t["comments"], t["new"]) for t in second["threads"]] == [
        ("2026-10", 2, 0), ("2026-11", 1, 0), ("2026-12", 2, 1)]
    assert [Path(p).name for p in second["written"]] == [Path(first["written"][2]).name]
    dec = out / Path(first["written"][2]).name
    assert [j["id"] for j in _jobs(dec)] == [9310, 9311]
    after = {p.name: p.stat().st_mtime_ns for p in _exports(out)}
    assert {k for k in after if after[k] != before[k]} == {dec.name}


def test_a_month_is_complete_once_fetched_after_it_ended(small_api, tmp_path):
    standin, api, _ = small_api
    out = tmp_path / "hn"
    _fetch(api, out)
    standin.counts.clear()
    january = _fetch(api, out, now=datetime(2027, 1, 2, tzinfo=timezone.utc))
    assert standin.item_requests() == 1  # the December thread once more, no comment again
    assert all(t["complete"] for t in january["threads"]) and january["written"] == []
    standin.counts.clear()
    _fetch(api, out, now=datetime(2027, 1, 3, tzinfo=timezone.utc))
    assert standin.item_requests() == 0


def test_retries_survive_a_500_and_a_timeout(small_api, tmp_path):
    standin, api, _ = small_api
    standin.faults = {"/stand-in/v0/user/whoishiring.json": ["500"],
                      "/stand-in/v0/item/9101.json": ["500", "500"],
                      "/stand-in/v0/item/9201.json": ["stall"],
                      "/stand-in/v0/item/9300.json": ["stall", "500"]}
    result = _fetch(api, tmp_path / "hn")
    assert [t["comments"] for t in result["threads"]] == [2, 1, 1]
    assert standin.counts["/stand-in/v0/item/9101.json"] == 3
    assert standin.counts["/stand-in/v0/item/9201.json"] == 2
    assert standin.counts["/stand-in/v0/item/9300.json"] >= 3
    assert result["requests"] == sum(standin.counts.values())


def test_a_persistent_500_fails_clearly_and_writes_no_thread_half(small_api, tmp_path):
    standin, api, _ = small_api
    standin.faults = {"/stand-in/v0/item/9102.json": ["500"] * 4}
    out = tmp_path / "hn"
    with pytest.raises(FetchError, match=r"item/9102\.json failed after 4 tries \(HTTP 500\)"):
        _fetch(api, out)
    assert _exports(out) == []  # October (the first thread) never got all its comments
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    again = _fetch(api, out)  # the next run completes the job
    assert [t["comments"] for t in again["threads"]] == [2, 1, 1] and len(_exports(out)) == 3


def test_offline_is_one_clear_error_and_nothing_written(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "hn"
    with pytest.raises(FetchError, match="could not connect.*offline"):
        _fetch(f"http://127.0.0.1:{port}/v0", out)
    assert not out.exists()


def test_months_count_back_from_the_newest_thread_listed(small_api, tmp_path):
    _, api, _ = small_api
    later = datetime(2027, 6, 1, tzinfo=timezone.utc)  # the API lists nothing after December 2026
    assert [t["month"] for t in _fetch(api, tmp_path / "a", months=2, now=later)["threads"]] == ["2026-11", "2026-12"]
    assert [t["month"] for t in _fetch(api, tmp_path / "b", since="2026-11")["threads"]] == ["2026-11", "2026-12"]
    assert [t["month"] for t in _fetch(api, tmp_path / "c")["threads"]] == ["2026-10", "2026-11", "2026-12"]


@pytest.mark.parametrize("kw, message", [({"months": 2, "since": "2026-01"}, "either --months or --since"),
                                         ({"since": "2026-13"}, "YYYY-MM"), ({"months": 0}, "at least 1")])
def test_bad_window_options(kw, message, tmp_path):
    with pytest.raises(FetchOptionError, match=message):
        fetch_hn(tmp_path, api_url="http://127.0.0.1:9/v0", **kw)


def test_cli_json_contract_and_history(small_api, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from skillgap.cli import app
    from skillgap.fetch.history import fetch_status_rows

    _, api, _ = small_api
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "hn"
    r = CliRunner().invoke(app, ["fetch", "hn", "--api-url", api, "--out", str(out), "--json", "--since", "2026-11"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert set(doc) >= {"threads", "written", "requests"}
    assert all(set(t) >= {"title", "month", "comments", "new"} for t in doc["threads"])
    assert [t["month"] for t in doc["threads"]] == ["2026-11", "2026-12"] and doc["requests"] > 0
    rows = fetch_status_rows(tmp_path / "data")
    assert [(r["source"], r["ok"]) for r in rows] == [("hn", True)] and "2 thread(s)" in rows[0]["fetched"]


def test_items_without_a_type_field_still_count_and_files_get_the_usual_mode(small_api, tmp_path):
    standin, api, _ = small_api
    for item in standin.items.values():
        item.pop("type", None)  # a minimal mirror may leave "type" out
    out = tmp_path / "hn"
    result = _fetch(api, out)
    assert [t["comments"] for t in result["threads"]] == [2, 1, 1]
    umask = os.umask(0o022)
    os.umask(umask)
    assert {p.stat().st_mode & 0o777 for p in _exports(out)} == {0o666 & ~umask}
