"""The real Prefect flow, through the CLI (one run under the session's Prefect test harness)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from skillgap.cli import app
from tests.helpers.ingest import body, table_count, write_csv


def test_cli_ingest_json_runs_flow(tmp_path, prefect_harness):
    exports = tmp_path / "exports"
    exports.mkdir()
    write_csv(exports / "jobs.csv", ["title", "company", "description"],
              [["Data Engineer", "Acme", body("a")], ["", "Acme", ""]])
    write_csv(exports / "not_postings.csv", ["Statistics", "Python"], [["regression", "pandas"]])
    (exports / "broken.json").write_text('{"jobs": [', encoding="utf-8")
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(exports), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    for key in ("files", "skipped_files", "rows", "loaded", "duplicates", "rejected"):
        assert isinstance(out[key], int)
    assert (out["files"], out["skipped_files"], out["rows"], out["loaded"], out["rejected"]) == (3, 1, 2, 1, 1)
    assert len(out["failed_files"]) == 1 and "broken.json" in out["failed_files"][0]["message"]
    assert table_count(db, "postings") == 1
    # every file failed and nothing loaded -> exit 1
    result = CliRunner().invoke(app, ["ingest", str(exports / "broken.json"), "--db", str(tmp_path / "b.duckdb"), "--json"])
    assert result.exit_code == 1
