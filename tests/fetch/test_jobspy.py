"""`fetch jobspy`: the install hint without the extra, and (with it) a dated CSV that ingest reads as JobSpy.

JobSpy's scrape function is the network boundary: it is replaced by one returning a frame with JobSpy's own
columns (JobPost's fields), so no test touches a job board.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest

from skillgap.errors import CollectExtraMissing, FetchError, FetchOptionError
from skillgap.fetch import jobspy as fj
from skillgap.ingest import ingest_paths
from tests.helpers.jobspy import jobspy_frame


def test_without_the_extra_the_message_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "jobspy", None)  # import jobspy -> ImportError
    with pytest.raises(CollectExtraMissing, match=r"pip install 'skillgap\[collect\]'"):
        fj.fetch_jobspy(tmp_path, site="indeed", search="data engineer", location="Berlin", results=10)
    assert list(tmp_path.iterdir()) == []


def test_cli_without_the_extra_exits_1_with_the_hint(monkeypatch, tmp_path, capsys):
    from skillgap.cli import main

    monkeypatch.setitem(sys.modules, "jobspy", None)
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "argv", ["skillgap", "fetch", "jobspy", "--search", "data engineer", "--out", str(tmp_path)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "pip install 'skillgap[collect]'" in err and "Traceback" not in err


@pytest.mark.parametrize("kw, message", [({"site": "monster"}, "--site must be one of"),
                                         ({"results": 0}, "--results must be between"),
                                         ({"search": "  "}, "--search must name")])
def test_bad_options(kw, message, tmp_path):
    args = {"site": "indeed", "search": "data engineer", "results": 10, **kw}
    with pytest.raises(FetchOptionError, match=message):
        fj.fetch_jobspy(tmp_path, **args)


def test_writes_a_dated_jobspy_csv_that_ingest_reads(monkeypatch, tmp_path):
    calls = []

    def fake_scrape(**kw):
        calls.append(kw)
        return jobspy_frame(12)

    monkeypatch.setattr(fj, "load_scraper", lambda: fake_scrape)
    result = fj.fetch_jobspy(tmp_path / "jobspy", site="indeed", search="data engineer", location="Berlin",
                             results=12, today=date(2026, 12, 6))
    assert calls[0]["site_name"] == ["indeed"] and calls[0]["results_wanted"] == 12
    assert calls[0]["country_indeed"] == "germany"  # read from "Berlin"
    assert result["rows"] == 12
    assert [p.rsplit("/", 1)[1] for p in result["written"]] == ["jobspy_indeed_data-engineer_berlin_2026-12-06.csv"]
    summary = ingest_paths([tmp_path / "jobspy"], tmp_path / "s.duckdb")
    assert [f["layout"] for f in summary["per_file"]] == ["jobspy"] and summary["loaded"] == 12
    assert not [p for p in (tmp_path / "jobspy").iterdir() if p.name.startswith(".")]


def test_a_board_error_with_no_rows_fails_and_writes_nothing(monkeypatch, tmp_path):
    def blocked(**kw):
        frame = jobspy_frame(0)
        frame.attrs = {"errors": {"indeed": "HTTP 403 (blocked)"}}
        return frame

    monkeypatch.setattr(fj, "load_scraper", lambda: blocked)
    with pytest.raises(FetchError, match="403"):
        fj.fetch_jobspy(tmp_path / "jobspy", site="indeed", search="data engineer", results=5)
    assert not (tmp_path / "jobspy").exists()
