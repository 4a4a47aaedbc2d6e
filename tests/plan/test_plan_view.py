"""The plan on My gap (real Streamlit through AppTest): job-ready first, ticks rebuild the plan, progress files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
CV = """Jordan Example
Data analyst

Skills
Python, SQL, Tableau, Excel

Experience
Data Analyst, Northwind Analytics, Jan 2020 - Present
- Built reports in SQL and Tableau; cleaned data in Python with pandas.
"""


@pytest.fixture
def app_env(monkeypatch, sample_store, model_dir):
    monkeypatch.setenv("SKILLGAP_DB", str(sample_store))
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(model_dir))
    return sample_store


def _analysed() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.selectbox(key="role").set_value("ml-engineer").run()
    at.file_uploader(key="cv_upload").upload("cv.txt", CV.encode(), "text/plain").run()
    assert not at.exception, at.exception
    return at


def test_plan_leads_with_job_ready_and_a_tick_rebuilds_it(app_env):
    at = _analysed()
    assert any(h.value.startswith("Job-ready:") for h in at.subheader)
    assert any(e.label.startswith(("Strong candidate", "The rest")) for e in at.expander)
    labels = [d.label for d in at.download_button]
    assert {"Download plan (Markdown)", "Download plan (CSV)", "Download progress"} <= set(labels)
    hours_before = next(m.value for m in at.metric if m.label == "Hours to job-ready")

    from dashboard.plan_view import STATE_KEY
    from skillgap.plan import Progress

    result_plan = at.session_state[STATE_KEY] if STATE_KEY in at.session_state else Progress()
    assert not result_plan.steps
    # AppTest cannot tick a data_editor cell: set the marks the page keeps, as a tick does, and rerun
    at.session_state[STATE_KEY] = Progress(steps={"python": "done", "pytorch": "done"})
    at.run()
    assert not at.exception, at.exception
    assert any(e.label.startswith("Progress: 2 done") for e in at.expander)
    hours_after = next(m.value for m in at.metric if m.label == "Hours to job-ready")
    assert int(hours_after.split()[0].replace(",", "")) < int(hours_before.split()[0].replace(",", ""))


def test_uploading_a_progress_file_applies_it_and_a_bad_one_is_a_clear_error(app_env):
    at = _analysed()
    good = json.dumps({"format": "skillgap-progress", "version": 1, "steps": {"pytorch": "skipped"}}).encode()
    at.file_uploader(key="progress_upload").upload("progress.json", good, "application/json").run()
    assert not at.exception, at.exception
    assert any(e.label.startswith("Progress: 0 done, 1 skipped") for e in at.expander)
    at.file_uploader(key="progress_upload").upload("broken.json", b"{not json", "application/json").run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]  # shown Markdown-escaped
    assert any("'broken.json'" in e and "is not valid JSON" in e for e in errors), errors
