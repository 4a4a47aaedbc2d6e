"""Headings in many styles, run-together sections, and job date ranges."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.cv.jobs import find_jobs
from skillgap.cv.sections import find_sections


def _names(text: str) -> list[tuple[str, str]]:
    return [(s.name, s.title) for s in find_sections(text)]


@pytest.mark.parametrize(
    "heading, name",
    [
        ("Work Experience", "experience"),
        ("WORK EXPERIENCE", "experience"),
        ("Professional Experience:", "experience"),
        ("## Skills", "skills"),
        ("• TECHNICAL SKILLS", "skills"),
        ("Core Competencies", "skills"),
        ("Education & Training", "education"),
        ("EDUCATION AND TRAINING", "education"),
        ("Licenses & Certifications", "certifications"),
        ("Career Objective", "summary"),
        ("Personal Projects", "projects"),
        ("Hobbies", "other"),
    ],
)
def test_heading_styles(heading, name):
    text = f"Jo Bloggs\njo@example.org\n\n{heading}\nSome content line here.\n"
    secs = find_sections(text)
    assert [s.name for s in secs] == ["header", name]
    assert secs[1].title == heading.lstrip("#• ").strip()
    assert text[secs[1].start :].lstrip("#• ").startswith(heading.lstrip("#• "))


def test_inline_headings_with_content():
    text = "SKILLS: Python, SQL\nEducation: BSc Physics, 2010 - 2013\nTECHNICAL SKILLS • Java • Go\n"
    assert [n for n, _ in _names(text)] == ["skills", "education", "skills"]
    assert _names("SKILLS C Basics, IOT, Python")[0] == ("skills", "SKILLS")


def test_run_together_sections():
    text = (
        "SKILLS Python, Machine Learning, Deep learning.Education Details \n"
        "January 2014 to May 2018 B.Tech\nData Scientist\nSkill Details \n"
        "Python- Exprience - 24 months\nSQL- Exprience - Less than 1 year monthsCompany Details \n"
        "company - Example Labs\ndescription - Built models."
    )
    names = _names(text)
    assert names == [
        ("skills", "SKILLS"),
        ("education", "Education Details"),
        ("skills", "Skill Details"),
        ("experience", "Company Details"),
    ]
    secs = find_sections(text)
    assert text[secs[1].start :].startswith("Education Details")
    assert text[secs[3].start :].startswith("Company Details")


def test_words_in_sentences_are_not_headings():
    text = (
        "Summary\nStrong communication skills and experience with Python.\n"
        "Experience with large teams; Education matters to me; my Projects include a compiler.\n"
        "Training- Exprience - 12 months\n"
    )
    assert [n for n, _ in _names(text)] == ["summary"]


def test_sub_labels_inside_a_skills_section():
    text = "Skills\nLanguages: Python, Go\nTools | Docker, Git\n\nLanguages\nEnglish, French\n"
    assert [n for n, _ in _names(text)] == ["skills", "other"]


def test_no_headings_means_no_sections_but_header():
    assert _names("Just a paragraph about me and Python.") == [("header", "")]
    assert find_sections("") == []


def _jobs(body: str):
    text = "Experience\n" + body
    return find_jobs(text, find_sections(text))


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Acme | Jan 2019 - Present", (date(2019, 1, 1), None, True)),
        ("Acme, January 2019 to May 2021", (date(2019, 1, 1), date(2021, 5, 1), False)),
        ("Acme 2016-2018", (date(2016, 1, 1), date(2018, 12, 1), False)),
        ("Acme 03/2017 – 06/2020", (date(2017, 3, 1), date(2020, 6, 1), False)),
        ("Acme 2017.03 - 2019.11", (date(2017, 3, 1), date(2019, 11, 1), False)),
        ("Acme December 2017 - Till Date", (date(2017, 12, 1), None, True)),
        ("Acme Sept. 2015 — Aug. 2016", (date(2015, 9, 1), date(2016, 8, 1), False)),
        ("Acme Mar '18 - Current", (date(2018, 3, 1), None, True)),
    ],
)
def test_date_ranges(line, expected):
    jobs = _jobs(line + "\nDid things.\n")
    assert len(jobs) == 1
    j = jobs[0]
    assert (j.date_from, j.date_to, j.current) == expected
    assert j.title == "Acme"


def test_range_on_its_own_line_takes_the_title_above():
    body = "Backend Developer, Foo Ltd\nJan 2020 - Dec 2021\n- Wrote Go services\n\nAnalyst, Bar\n2018 - 2019\n"
    jobs = _jobs(body)
    assert [j.title for j in jobs] == ["Backend Developer, Foo Ltd", "Analyst, Bar"]
    assert jobs[0].months(today=date(2026, 1, 1)) == 24
    text = "Experience\n" + body
    assert "Wrote Go" in text[jobs[0].start_char : jobs[0].end_char]


def test_company_lines_start_entries_and_take_the_next_range():
    jobs = _jobs("company - Foo Ltd\ndescription - 2015 - Present\tSales\ncompany - Bar\ndescription - Support\n")
    assert [(j.title, j.date_from, j.current) for j in jobs] == [
        ("Foo Ltd", date(2015, 1, 1), True),
        ("Bar", None, False),
    ]


def test_education_dates_are_not_jobs():
    text = "Education\nBSc, 2012 - 2015\nExperience\nDev at Foo, 2016 - 2017\n"
    jobs = find_jobs(text, find_sections(text))
    assert [j.title for j in jobs] == ["Dev at Foo"]


def test_phone_numbers_and_backwards_ranges_are_not_dates():
    assert _jobs("Call 2020 0000 1234\n") == []
    jobs = _jobs("Foo 2019 - 2015\n")
    assert jobs and jobs[0].date_from is None
