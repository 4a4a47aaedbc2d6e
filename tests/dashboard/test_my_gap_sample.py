"""My gap's "Try a sample CV": the same analysis on a bundled CV; an upload still wins."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from skillgap.sample.cvs import PERSONAS

from .conftest import APP, CV_TEXT


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_sample_cv_picker_lists_the_bundled_cvs_and_waits_for_a_choice(app_env):
    at = _app().run()
    assert not at.exception
    picker = at.selectbox(key="sample_cv")
    assert picker.options[0] == "—" and len(picker.options) == len(PERSONAS) + 1
    assert any("Backend engineer moving to ML engineering" in o for o in picker.options)
    assert at.info and not at.metric  # nothing chosen: the page asks for a CV


def test_trying_a_sample_cv_picks_its_role_and_runs_the_analysis(app_env):
    at = _app().run()
    at.selectbox(key="sample_cv").set_value("backend_engineer_to_ml_engineer").run()
    assert not at.exception, at.exception
    assert not at.error
    assert at.selectbox(key="role").value == "ml-engineer"  # the CV's target role
    coverage = int(_metrics(at)["Role coverage"].rstrip("%"))
    assert 10 <= coverage < 100
    assert int(_metrics(at)["Postings behind the demand"].replace(",", "")) > 50
    assert any("invented person" in c.value and "backend_engineer_to_ml_engineer.docx" in c.value for c in at.caption)
    assert "Download plan (Markdown)" in [d.label for d in at.download_button]


def test_every_sample_format_runs_on_the_page(app_env):
    at = _app().run()
    for p in PERSONAS:
        at.selectbox(key="sample_cv").set_value(p.key).run()
        assert not at.exception, (p.filename, at.exception)
        assert not at.error, p.filename
        assert at.selectbox(key="role").value == p.role
        assert int(_metrics(at)["Role coverage"].rstrip("%")) > 0, p.filename


def test_an_uploaded_cv_wins_over_the_sample(app_env):
    at = _app().run()
    at.selectbox(key="sample_cv").set_value("sysadmin_to_cloud_architect").run()
    at.selectbox(key="role").set_value("data-engineer").run()
    assert any("invented person" in c.value for c in at.caption)
    sample_coverage = int(_metrics(at)["Role coverage"].rstrip("%"))
    at.file_uploader(key="cv_upload").upload("cv.txt", CV_TEXT.encode(), "text/plain").run()
    assert not at.exception, at.exception
    assert not any("invented person" in c.value for c in at.caption)
    assert at.selectbox(key="sample_cv").value == "sysadmin_to_cloud_architect"  # still chosen, but not used
    # the uploaded data engineer's CV covers the data-engineer role better than the sysadmin sample does
    assert int(_metrics(at)["Role coverage"].rstrip("%")) > sample_coverage
