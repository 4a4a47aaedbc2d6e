"""The folder walk follows symlinked folders (once each, loops end) and an empty folder is a warning, not a
silent success — in ingest, in the ingest flow and in the refresh summary."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from skillgap.ingest import discover, folder_warnings, ingest_paths


def _hn_export(path: Path, ids: list[int]) -> Path:
    jobs = [{"id": i, "by": "x", "time": 1767350000 + i,
             "text": f"Company{i} | Data Engineer | Berlin<p>Python, SQL and Kubernetes for our platform team {i}."}
            for i in ids]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"jobs": jobs}), encoding="utf-8")
    return path


@pytest.fixture
def linked_exports(tmp_path: Path) -> Path:
    """exports/ whose sub-folders are links to real folders elsewhere, plus a link loop and a second link."""
    real = tmp_path / "real"
    _hn_export(real / "hn" / "a.json", [1, 2])
    _hn_export(real / "more" / "b.json", [3])
    exports = tmp_path / "exports"
    exports.mkdir()
    os.symlink(real / "hn", exports / "hn")
    os.symlink(real / "more", exports / "more")
    os.symlink(real / "more", exports / "more_again")  # the same folder twice: walked once
    os.symlink(exports, real / "hn" / "loop")  # back to the top: must not loop
    return exports


def test_walk_follows_symlinked_folders_once(linked_exports):
    jobs = discover([linked_exports])
    names = sorted(Path(j.path).name for j in jobs)
    assert names == ["a.json", "b.json"]
    assert folder_warnings([linked_exports], jobs) == []


def test_ingest_through_links_loads_and_empty_folder_warns(linked_exports, tmp_path):
    summary = ingest_paths([linked_exports], tmp_path / "s.duckdb")
    assert summary["files"] == 2 and summary["loaded"] == 3 and summary["warnings"] == []
    empty = tmp_path / "empty"
    (empty / "notes").mkdir(parents=True)
    (empty / "notes" / "README.md").write_text("not an export")
    (empty / ".hidden.json").write_text("{}")
    summary = ingest_paths([empty], tmp_path / "s.duckdb")
    assert summary["files"] == 0
    assert len(summary["warnings"]) == 1 and "No export files found under" in summary["warnings"][0]
    assert str(empty) in summary["warnings"][0]


def test_ingest_cli_prints_the_warning_and_json_has_it(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from skillgap.cli import app

    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(tmp_path / "data"))
    empty = tmp_path / "empty"
    empty.mkdir()
    r = CliRunner().invoke(app, ["ingest", str(empty), "--db", str(tmp_path / "s.duckdb"), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["warnings"][0].startswith(f"No export files found under {empty}")
    r = CliRunner().invoke(app, ["ingest", str(empty), "--db", str(tmp_path / "s.duckdb")])
    assert "warning:" in r.stderr and "No export files found" in r.stderr


def test_refresh_summary_carries_ingest_warnings(tmp_path):
    from skillgap import store
    from skillgap.refresh_summary import summarize_refresh

    db = tmp_path / "s.duckdb"
    store.connect(db).close()
    summary = summarize_refresh(db, ingested={"files": 0, "warnings": ["No export files found under X"]},
                                extracted={}, aggregated={}, since="2026-01-01T00:00:00")
    assert summary.to_dict()["warnings"] == ["No export files found under X"]
    assert "**Warning:** No export files found under X" in summary.to_markdown()
