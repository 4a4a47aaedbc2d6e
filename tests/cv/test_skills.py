"""cv_skills: where a skill appears, months of experience, recency and certifications (with a fake extractor)."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.cv import read_cv
from skillgap.cv.skills import cv_skills, explicit_months, listed_skills

TODAY = date(2026, 11, 1)


def _skills(text, taxonomy, extractor, filename="cv.txt"):
    doc = read_cv(text.encode(), filename=filename)
    return doc, {s.skill_id: s for s in cv_skills(doc, nlp=None, taxonomy=taxonomy, extractor=extractor, today=TODAY)}


@pytest.mark.parametrize(
    "text, months",
    [
        ("Python- Exprience - 24 months", 24),
        ("Python - Experience - 3 years", 36),
        ("Python- Exprience - Less than 1 year months", 6),
        ("5 years of Python", 60),
        ("3+ years' experience in Python", 36),
        ("six years of hands-on Python", 72),
        ("Python (2 yrs)", 24),
        ("Python: 18 months", 18),
        ("I used Python daily", None),
        ("Python, SQL (5 years)", None),  # the figure belongs to SQL
    ],
)
def test_explicit_months(text, months):
    start = text.index("Python")
    assert explicit_months(text, start, start + 6) == months


def test_months_from_jobs_merge_overlaps(tiny_taxonomy, fake_extractor):
    text = (
        "Experience\n"
        "Engineer, Foo | Jan 2020 - Dec 2021\nPython services.\n"
        "Consultant, Bar | Jan 2021 - Jun 2022\nPython and Docker.\n"
        "Analyst, Baz | 2015 - 2016\nSQL only.\n"
    )
    _, skills = _skills(text, tiny_taxonomy, fake_extractor)
    assert skills["python"].months == 30  # Jan 2020 - Jun 2022, the 2021 overlap counted once
    assert skills["python"].last_used_year == 2022
    assert skills["docker"].months == 18
    assert skills["sql"].months == 24 and skills["sql"].last_used_year == 2016
    assert all(s.used_in_experience and not s.in_skills_list for s in skills.values())


def test_explicit_months_win_over_jobs(tiny_taxonomy, fake_extractor):
    text = "Skills\nPython- Exprience - 24 months\nExperience\nDev, Foo | 2010 - 2020\nPython everywhere.\n"
    _, skills = _skills(text, tiny_taxonomy, fake_extractor)
    py = skills["python"]
    assert py.months == 24 and py.last_used_year == 2020
    assert py.in_skills_list and py.used_in_experience
    assert [e["section"] for e in py.evidence] == ["skills", "experience"]
    assert py.evidence[0]["sentence"] == "Python - Exprience - 24 months"  # the glued hyphen gets a space


def test_years_from_the_extractor_are_used(tiny_taxonomy):
    def extractor(text):
        i = text.index("Kafka")
        return [{"skill_id": "kafka", "label": "Kafka", "start": i, "end": i + 5, "text": "Kafka", "years": 2}]

    _, skills = _skills("Summary\nStreaming with Kafka.\n", tiny_taxonomy, extractor)
    assert skills["kafka"].months == 24 and skills["kafka"].label == "Kafka"


def test_certified(tiny_taxonomy, fake_extractor):
    text = "Certifications\nAWS Certified Solutions Architect - Associate\nSkills\nDocker, Terraform, AWS\n"
    _, skills = _skills(text, tiny_taxonomy, fake_extractor)
    assert skills["aws-saa"].certified and skills["aws"].certified
    assert not skills["docker"].certified
    # a certificate line naming the skill in the certifications section counts too
    _, skills = _skills("Certifications\nDocker certificate, 2021\n", tiny_taxonomy, fake_extractor)
    assert skills["docker"].certified
    _, skills = _skills("Summary\nI like AWS and Docker.\n", tiny_taxonomy, fake_extractor)
    assert not skills["aws"].certified


def test_no_sections_no_jobs(tiny_taxonomy, fake_extractor):
    doc, skills = _skills("Python and Docker person.", tiny_taxonomy, fake_extractor)
    assert doc.warnings and "No usual CV headings" in doc.warnings[0]
    assert skills["python"].months is None and skills["python"].last_used_year is None
    assert [e["section"] for e in skills["python"].evidence] == ["header"]


def test_order_is_first_mention_and_deterministic(tiny_taxonomy, fake_extractor):
    text = "Skills\nTerraform, Docker, Python\nExperience\nPython at Foo | 2019 - 2020\n"
    doc = read_cv(text.encode(), filename="cv.txt")
    a = cv_skills(doc, nlp=None, taxonomy=tiny_taxonomy, extractor=fake_extractor, today=TODAY)
    b = cv_skills(doc, nlp=None, taxonomy=tiny_taxonomy, extractor=fake_extractor, today=TODAY)
    assert [s.skill_id for s in a] == ["terraform", "docker", "python"] == [s.skill_id for s in b]


def test_listed_skills():
    text = (
        "Skill Details \nPython- Exprience - 24 months\nMS OFFICE- Exprience - Less than 1 year months\n"
        "C++- Exprience - 6 monthsCompany Details \ncompany - Foo\n"
    )
    doc = read_cv(text.encode(), filename="cv.txt")
    assert listed_skills(doc) == [("Python", 24.0), ("MS OFFICE", 6.0), ("C++", 6.0)]
