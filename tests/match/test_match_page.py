"""The "Match a job ad" page in AppTest: paste or upload an ad, the CV from My gap, a posting picked on My gap,
and bad input shown as one clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.match.ads import AD_HTML, AD_TEXT, CV_FULL, CV_POSTGRES, GERMAN_AD

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGE = "app_pages/match.py"


@pytest.fixture
def small_store(monkeypatch, tmp_path, nlp, model_dir, taxonomy):
    """A store with five data-engineer postings (real taxonomy), so My gap has closest postings to offer."""
    from skillgap import store
    from skillgap.aggregate import materialize
    from tests.market.conftest import add_posting

    db = tmp_path / "m.duckdb"
    con = store.connect(db)
    for i in range(5):
        add_posting(con, f"de{i}", title="Data Engineer", month="2026-05", skills=["python", "sql", "apache-airflow"],
                    preferred=["snowflake"], version=taxonomy.version, description=AD_TEXT)
    con.execute("UPDATE postings SET company = 'Acme Analytics', location = 'Berlin', url = 'https://example.com/j/0' "
                "WHERE posting_id = 'de0'")
    materialize(con, taxonomy=taxonomy)
    con.close()
    monkeypatch.setenv("SKILLGAP_DB", str(db))
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(model_dir))
    return db


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_paste_an_ad_and_upload_a_cv(small_store):
    at = _page()
    assert at.title[0].value == "Match a job ad" and at.info  # asks for a CV first
    at.file_uploader(key="match_cv_upload").upload("riley.md", CV_FULL.encode(), "text/markdown").run()
    at.text_area(key="match_ad_text").input(AD_TEXT).run()
    assert not at.exception, at.exception
    assert not at.error
    score = int(_metrics(at)["Match score"].rstrip("%"))
    assert 90 <= score <= 100
    assert any("Senior Data Engineer" in s.value for s in at.subheader)
    assert "How is this computed?" in [e.label for e in at.expander]


def test_upload_wins_over_paste_and_says_so(small_store):
    at = _page()
    at.file_uploader(key="match_cv_upload").upload("riley.md", CV_FULL.encode(), "text/markdown").run()
    at.text_area(key="match_ad_text").input(AD_TEXT).run()
    at.file_uploader(key="match_ad_upload").upload("ml.html", AD_HTML.encode(), "text/html").run()
    assert not at.exception, at.exception
    assert any("matching the uploaded file" in i.value and "ml.html" in i.value.replace("\\", "") for i in at.info)
    assert any("Machine Learning Engineer" in s.value for s in at.subheader)


def test_an_ad_in_another_language_is_an_error_not_a_score(small_store):
    at = _page()
    at.file_uploader(key="match_cv_upload").upload("riley.md", CV_FULL.encode(), "text/markdown").run()
    at.text_area(key="match_ad_text").input(GERMAN_AD).run()
    assert not at.exception, at.exception
    assert at.error and "German" in at.error[0].value
    assert "Match score" not in _metrics(at)


def test_my_gap_cv_and_closest_posting_one_click(small_store):
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert at.title[0].value == "My gap"
    at.selectbox(key="role").set_value("data-engineer").run()
    at.file_uploader(key="cv_upload").upload("riley.md", CV_FULL.encode(), "text/markdown").run()
    assert not at.exception, at.exception
    at.selectbox(key="closest_pick").set_value("de0").run()
    at.button(key="match_closest").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Match a job ad"
    assert not at.error
    assert any("Acme Analytics" in s.value and "Berlin" in s.value for s in at.subheader)
    assert any("the CV from My gap" in c.value for c in at.caption)
    assert int(_metrics(at)["Match score"].rstrip("%")) >= 90


def test_corrections_from_my_gap_apply_and_the_plan_leads_with_job_ready(small_store):
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.selectbox(key="role").set_value("data-engineer").run()
    at.file_uploader(key="cv_upload").upload("casey.md", CV_POSTGRES.encode(), "text/markdown").run()
    at.multiselect(key="cv_profile_add").select("Apache Airflow").run()  # "I do have Airflow"
    assert not at.exception, at.exception
    at.selectbox(key="closest_pick").set_value("de0").run()
    at.button(key="match_closest").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Match a job ad" and not at.error
    assert any("1 correction(s) to the CV reading from My gap are applied" in c.value for c in at.caption)
    skills = at.dataframe[1].value  # the "Skills" tab: the ad's skills with what the CV shows
    airflow = skills[skills["skill"] == "Apache Airflow"]
    assert list(airflow["your CV"]) == ["in use"]
    assert any(s.value.startswith("Job-ready for this ad: score") for s in at.subheader)
    plan = at.dataframe[2].value
    assert "Apache Airflow" not in set(plan["step"]) and "Docker" not in set(plan["step"])
    assert {"score after", "docs", "why"} <= set(plan.columns)
