"""The "Skills found in your CV" view (dashboard/cv_skills_view.py) driven by Streamlit's AppTest."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from skillgap.cv import MAX_BYTES

REPO = Path(__file__).resolve().parents[2]


def _script():
    import streamlit as st

    from dashboard import cv_skills_view
    from skillgap.cv.model import CVSkill
    from skillgap.cv.status import held_sets
    from skills_taxonomy import load_taxonomy

    tax = load_taxonomy()
    ev = lambda s, st_: [{"text": "x", "sentence": s, "section": "experience", "start": 0, "end": 1,  # noqa: E731
                          "status": st_, "cue": ""}]
    skills = [
        CVSkill(skill_id="python", label="Python", status="used", months=36, evidence=ev("Built APIs in Python.", "used")),
        CVSkill(skill_id="kubernetes", label="Kubernetes", status="learning",
                evidence=ev("Planning to learn Kubernetes.", "learning")),
        CVSkill(skill_id="java", label="Java", status="listed", evidence=ev("Skills: Java", "listed")),
    ]
    corrections = cv_skills_view.corrections(skills, taxonomy=tax)
    sets = held_sets(skills, taxonomy=tax, corrections=corrections)
    st.text("used=" + ",".join(sorted(sets.used & {"python", "kubernetes", "java", "terraform"})))
    st.text("not_held=" + ",".join(sorted(sets.not_held)))
    cv_skills_view.render(skills, taxonomy=tax, applied=corrections)


@pytest.fixture
def app():
    return AppTest.from_function(_script, default_timeout=60)


def test_every_skill_is_listed_with_words_for_statuses(app):
    at = app.run()
    assert not at.exception, at.exception
    assert at.subheader[0].value == "Skills found in your CV"
    frame = at.dataframe[0].value if at.dataframe else None
    assert frame is not None
    assert list(frame["label"]) == ["Python", "Kubernetes", "Java"]
    assert list(frame["status"]) == ["used", "learning", "listed only"]
    assert "used=python" in at.text[0].value


def test_a_profile_upload_corrects_the_reading(app):
    at = app.run()
    profile = b"skillgap_profile: 1\nskills:\n  kubernetes: used\n  java: not_held\nhave: [Terraform]\n"
    at.file_uploader(key="cv_profile_upload").upload("me.yaml", profile, "text/yaml").run()
    assert not at.exception, at.exception
    assert at.text[0].value == "used=kubernetes,python,terraform"
    assert at.text[1].value == "not_held=java"


def test_a_bad_profile_is_a_clear_error(app):
    at = app.run()
    at.file_uploader(key="cv_profile_upload").upload("me.yaml", b"skills:\n  kubernetes: usd\n", "text/yaml").run()
    assert not at.exception
    message = at.error[0].value.replace("\\", "")
    assert "me.yaml" in message and "skills.kubernetes" in message and "not_held" in message
    assert at.text[0].value == "used=python"  # the reading stands


def test_editing_a_status_in_the_table_changes_the_sets(app):
    at = app.run()
    key = "cv_skills_editor_"  # no profile uploaded
    at.session_state[key] = {"edited_rows": {0: {"status": "not held"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert at.text[1].value == "not_held=python"


def test_uploader_limit_is_the_readers_limit():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_BYTES
    page = (REPO / "dashboard" / "app_pages" / "my_gap.py").read_text()
    assert "max_upload_size=MAX_BYTES // 2**20" in page
