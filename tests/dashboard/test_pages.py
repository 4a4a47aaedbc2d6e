"""Every page runs in AppTest without an exception, on the sample store and on an empty one."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .conftest import APP, CV_TEXT


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def test_empty_store_shows_first_run_screen_read_only(empty_env):
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "Welcome to skillgap"
    assert not at.button  # a visitor cannot start a refresh
    assert "skillgap refresh --exports data/sample" in [c.value for c in at.code]
    assert not any(str(empty_env.parent) in m.value for m in at.info)  # the store's name, not its server path


def test_empty_store_offers_the_sample_when_refresh_is_allowed(empty_env, allow_refresh):
    at = _app().run()
    assert not at.exception
    assert at.button(key="load_sample").label == "Load the bundled sample"


def test_my_gap_with_uploaded_cv(app_env):
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "My gap"
    at.selectbox(key="role").set_value("data-engineer").run()
    at.file_uploader(key="cv_upload").upload("cv.txt", CV_TEXT.encode(), "text/plain").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    coverage = int(metrics["Role coverage"].rstrip("%"))
    assert 10 <= coverage <= 100
    assert int(metrics["Postings behind the demand"].replace(",", "")) > 50
    assert not at.error
    labels = [d.label for d in at.download_button] if hasattr(at, "download_button") else []
    assert "Download plan (Markdown)" in labels and "Download plan (CSV)" in labels


def test_my_gap_bad_file_shows_clear_error_not_traceback(app_env):
    at = _app().run()
    at.file_uploader(key="cv_upload").upload("cv.pdf", b"%PDF-1.4 not really a pdf", "application/pdf").run()
    assert not at.exception
    assert at.error
    shown = at.error[0].value.replace("\\", "")  # the page escapes Markdown in messages
    assert "cv.pdf" in shown and "damaged" in shown


def test_trends_page_filters(app_env):
    at = _app().run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Market trends"
    at.selectbox(key="trend_role").set_value("ml-engineer").run()
    assert not at.exception
    at.radio(key="trend_remote").set_value("Remote").run()
    assert not at.exception


def test_explorer_search(app_env):
    at = _app().run()
    at.switch_page("app_pages/explorer.py").run()
    assert not at.exception, at.exception
    at.text_input(key="skill_search").input("kubernetes").run()
    assert not at.exception
    assert any("Kubernetes" in s.value for s in at.subheader)


def test_pipeline_page(app_env):
    at = _app().run()
    at.switch_page("app_pages/pipeline.py").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Postings"].replace(",", "")) > 2000
    assert metrics["Latest posting month"] == "Oct 2026"


def test_my_gap_shows_how_the_cv_was_read(app_env):
    at = _app().run()
    at.file_uploader(key="cv_upload").upload("cv.txt", CV_TEXT.encode("utf-16-le"), "text/plain").run()
    assert not at.exception, at.exception
    assert not at.error
    assert any("UTF-16" in w.value.replace("\\", "") for w in at.warning)  # the page escapes Markdown
    assert int({m.label: m.value for m in at.metric}["Role coverage"].rstrip("%")) >= 10
