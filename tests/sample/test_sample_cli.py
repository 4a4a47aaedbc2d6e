"""`skillgap sample generate|synthetic` from the command line."""

from __future__ import annotations

import json

import polars as pl
from typer.testing import CliRunner

from skillgap.cli import app

runner = CliRunner()


def test_generate_writes_the_requested_window(tmp_path):
    out = tmp_path / "s"
    res = runner.invoke(app, ["sample", "generate", "--out", str(out), "--seed", "3", "--postings", "250",
                              "--months", "4", "--end-month", "2025-03", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["start_month"] == "2024-12" and summary["end_month"] == "2025-03"
    assert (out / "generic_board_2025-03-28.xlsx").exists() and (out / "README.md").exists()
    assert "--seed 3 --postings 250" in (out / "README.md").read_text(encoding="utf-8")
    for info in summary["files"].values():
        assert "2024-12" <= info["first"] <= info["last"] <= "2025-03"


def test_generate_readable_output_lists_files(tmp_path):
    res = runner.invoke(app, ["sample", "generate", "--out", str(tmp_path), "--postings", "120", "--months", "2"])
    assert res.exit_code == 0, res.output
    assert "jobspy_scrape.csv" in res.stdout and "lever_postings.jsonl" in res.stdout


def test_synthetic_streams_a_parquet_file(tmp_path):
    out = tmp_path / "bench" / "p.parquet"
    res = runner.invoke(app, ["sample", "synthetic", "--postings", "700", "--out", str(out), "--chunk-size", "300",
                              "--start-month", "2025-01", "--months", "3", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["rows"] == 700
    months = pl.read_parquet(out).get_column("date_posted").str.slice(0, 7).unique().sort().to_list()
    assert months == ["2025-01", "2025-02", "2025-03"]


def test_bad_month_is_one_clear_error(tmp_path):
    res = runner.invoke(app, ["sample", "generate", "--out", str(tmp_path), "--end-month", "Oct 2026"])
    assert res.exit_code != 0
    assert "YYYY-MM" in str(res.exception)
