"""My gap, the CV's skills and Market trends read as words and whole numbers (AppTest on the sample store)."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components import COVERAGE_HELP, POSTING_COVERAGE_HELP
from skillgap.countries import country_name

from .conftest import APP, CV_TEXT

PASTED = """Alex Example
Frontend developer

Skills
JavaScript, TypeScript, React, CSS, HTML

Experience
Frontend Developer, Example Shop — 2020 - Present
- Built the shop's web front end in React and TypeScript.
"""


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def my_gap(app_env) -> AppTest:
    at = _app().run()
    at.selectbox(key="role").set_value("data-engineer").run()
    at.file_uploader(key="cv_upload").upload("cv.txt", CV_TEXT.encode(), "text/plain").run()
    assert not at.exception, at.exception
    return at


def _frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


def test_role_picker_shows_postings_behind_each_role_and_marks_guides_only_roles(app_env):
    at = _app().run()
    options = at.selectbox(key="role").options
    assert any(re.search(r"\(\d[\d,]* postings?\)$", o) for o in options)
    assert all(re.search(r"\(\d[\d,]* postings?\)$", o) or "guides only" in o for o in options)


def test_filters_offer_country_names_and_seniority_in_words(app_env):
    at = _app().run()
    countries = at.selectbox(key="country").options
    assert countries[0] == "Any country" and len(countries) > 1
    assert all(re.fullmatch(r".+ \([A-Z]{2}\)", c) for c in countries[1:]), countries
    assert "Mid-level" in at.selectbox(key="seniority").options
    assert not any(o.islower() for o in at.selectbox(key="seniority").options)


def test_metrics_explain_their_formulas(my_gap):
    helps = {m.label: m.proto.help for m in my_gap.metric}
    assert helps["Role coverage"] == COVERAGE_HELP
    assert "Hours to job-ready =" in helps["Hours to job-ready"] and "70%" in helps["Hours to job-ready"]


def test_trends_in_the_gap_are_words_and_slopes_only_when_the_test_passed(my_gap):
    missing = next(f for f in _frames(my_gap) if "trend" in f.columns)
    for text in missing["trend"]:
        assert re.fullmatch(r"(rising|declining), [+\u2212]\d+\.\d pts a month|no clear trend|too few postings to "
                            r"tell|—", text), text
    assert missing["demand"].max() > 1  # whole percents 0..100, not shares


def test_closest_postings_show_posting_coverage_with_its_own_definition(my_gap):
    postings = next(f for f in _frames(my_gap) if "still_needs" in f.columns)
    assert postings.columns[0] == "share"  # first, so a phone shows it without scrolling
    assert postings["share"].between(0, 100).all() and postings["share"].max() > 1
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}|—", m) for m in postings["month"])
    config = json.loads(next(d for d in my_gap.dataframe if "still_needs" in d.value.columns).proto.columns)
    assert config["share"]["label"] == "You cover" and config["share"]["help"] == POSTING_COVERAGE_HELP


def test_cv_skills_show_labels_and_dashes_not_ids_or_none(app_env):
    at = _app().run()
    at.text_area(key="cv_text").input("Data analyst. Built reports in PostgreSQL and Python for 3 years.").run()
    assert not at.exception, at.exception
    table = next(f for f in _frames(at) if "implied_by" in f.columns)
    assert "None" not in table.astype(str).to_numpy().ravel().tolist()
    implied = [v for v in table["implied_by"] if v != "—"]
    assert implied and all(not re.fullmatch(r"[a-z0-9-]+", v) for v in implied), implied  # labels, not skill ids


def test_a_file_and_pasted_text_let_the_person_choose_what_is_analysed(my_gap):
    at = my_gap
    file_coverage = {m.label: m.value for m in at.metric}["Role coverage"]
    at.text_area(key="cv_text").input(PASTED).run()
    choice = at.radio(key="cv_source")
    assert choice.value == "file" and "cv.txt" in choice.format_func("file")
    assert {m.label: m.value for m in at.metric}["Role coverage"] == file_coverage
    choice.set_value("text").run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Role coverage"] != file_coverage  # the frontend CV is analysed


def test_trends_country_is_a_picker_of_the_stores_countries(app_env):
    at = _app().run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception, at.exception
    picker = at.selectbox(key="trend_country")
    assert picker.options[0] == "Any country" and len(picker.options) > 1
    code = re.search(r"\(([A-Z]{2})\)$", picker.options[1]).group(1)
    assert picker.options[1] == f"{country_name(code)} ({code})"
    before = at.caption[0].value
    picker.set_value(code).run()
    assert not at.exception, at.exception
    assert at.caption[0].value != before  # fewer postings in one country
