"""The Pipeline page's "Fetched sources" block reads fetch_runs.json through the core (no store needed)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from streamlit.testing.v1 import AppTest

from skillgap.fetch.history import record_fetch

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _pipeline(monkeypatch, data: Path) -> AppTest:
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(data))
    monkeypatch.setenv("SKILLGAP_DB", str(data / "none.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/pipeline.py").run()
    assert not at.exception, at.exception
    return at


def test_fetched_sources_table_and_empty_caption(monkeypatch, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    at = _pipeline(monkeypatch, data)
    assert "Fetched sources" in [s.value for s in at.subheader]
    assert any("No source fetched yet" in c.value for c in at.caption)
    started = datetime(2026, 12, 1, 6, tzinfo=timezone.utc)
    record_fetch(data, source="hn", started=started,
                 summary={"threads": 5, "new": 1660, "written": ["a", "b", "c", "d", "e"], "requests": 1700})
    record_fetch(data, source="jobspy:indeed:data engineer@Berlin", started=started, error="HTTP 403 from indeed")
    at = _pipeline(monkeypatch, data)
    table = at.dataframe[-1].value
    assert list(table["Source"]) == ["hn", "jobspy:indeed:data engineer@Berlin"]
    assert list(table["What it fetched"]) == ["1,660 new posts in 5 thread(s), 5 file(s) written",
                                      "failed: HTTP 403 from indeed"]
