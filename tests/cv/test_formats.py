"""The same CV as TXT, Markdown, DOCX (with a skills table) and PDF (one and two columns) reads the same."""

from __future__ import annotations

import re
from datetime import date

import pytest
from tests.helpers import cv_samples as samples

from skillgap.cv import read_cv
from skillgap.cv.skills import cv_skills

FORMATS = ["txt", "md", "docx", "pdf", "pdf2col"]
KIND = {"txt": "txt", "md": "md", "docx": "docx", "pdf": "pdf", "pdf2col": "pdf"}


@pytest.fixture(scope="module")
def docs(sample_files):
    return {fmt: read_cv(data, filename=name) for fmt, (name, data) in sample_files.items()}


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.casefold())


@pytest.mark.parametrize("fmt", FORMATS)
def test_kind_and_sections(docs, fmt):
    doc = docs[fmt]
    assert doc.kind == KIND[fmt]
    names = [s.name for s in doc.sections if s.name != "header"]
    assert set(names) == samples.SECTION_NAMES
    assert len(names) == len(set(names)), names  # no heading was split in two
    assert doc.warnings == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_text_is_the_same_in_every_format(docs, fmt):
    reference = docs["txt"]
    for name in samples.SECTION_NAMES:
        assert _words(docs[fmt].section_text(name)) == _words(reference.section_text(name)), name


@pytest.mark.parametrize("fmt", FORMATS)
def test_clean_text(docs, fmt):
    text = docs[fmt].text
    assert "experience\nwith Naïve Bayes" in text  # hyphenation at the line end joined, é-type letters kept
    assert "experi-" not in text


def test_two_columns_are_read_column_by_column(docs):
    text = docs["pdf2col"].text
    lines = text.split("\n")
    summary = next(i for i, ln in enumerate(lines) if ln.startswith("Data engineer with 6 years"))
    # the left column's next line follows, not the right column's job line
    assert lines[summary + 1].startswith("I gained hands-on")
    assert not any("pipelines." in ln and "Riverbank" in ln for ln in lines)
    exp = text.index("WORK EXPERIENCE")
    assert text.index("Built batch pipelines") > exp > text.index("Tools: Docker")


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_and_dates(docs, fmt):
    jobs = docs[fmt].jobs
    assert [(j.date_from, j.date_to, j.current) for j in jobs] == [
        (date(2019, 1, 1), None, True),
        (date(2016, 3, 1), date(2018, 12, 1), False),
        (date(2020, 1, 1), date(2021, 12, 1), False),
    ]
    assert jobs[0].title == "Senior Data Engineer, Riverbank Analytics"
    assert "Airflow" in docs[fmt].text[jobs[0].start_char : jobs[0].end_char]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_skills_in_every_format(docs, fmt, tiny_taxonomy, fake_extractor):
    skills = {
        s.skill_id: s
        for s in cv_skills(docs[fmt], nlp=None, taxonomy=tiny_taxonomy, extractor=fake_extractor,
                           today=date(2026, 11, 1))  # fmt: skip
    }
    assert samples.EXPECTED_SKILLS <= set(skills)
    assert skills["python"].months == 72  # "6 years of Python"
    assert skills["aws"].months == 60  # "5 years of AWS"
    assert skills["aws"].certified and skills["aws-saa"].certified
    assert skills["kafka"].used_in_experience and not skills["kafka"].in_skills_list
    assert skills["terraform"].in_skills_list and not skills["terraform"].used_in_experience
    # Scala is used only in the 03/2016 - 12/2018 job: 34 months, last used 2018
    assert skills["scala"].months == 34 and skills["scala"].last_used_year == 2018
    assert skills["airflow"].last_used_year == 2026  # current job
