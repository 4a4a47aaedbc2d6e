"""Fixtures for the CV tests: the sample CV in every format, a tiny taxonomy and a fake (spaCy-free) extractor."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import pytest

from skills_taxonomy.model import Skill, Taxonomy
from tests.helpers import cv_samples as samples


@pytest.fixture(scope="session")
def sample_files() -> dict[str, tuple[str, bytes]]:
    """format -> (file name, bytes) of the same invented CV."""
    return {
        "txt": ("jordan.txt", samples.cv_txt().encode("utf-8")),
        "md": ("jordan.md", samples.cv_md().encode("utf-8")),
        "docx": ("jordan.docx", samples.cv_docx()),
        "pdf": ("jordan.pdf", samples.cv_pdf_one_column()),
        "pdf2col": ("jordan-2col.pdf", samples.cv_pdf_two_columns()),
    }


def _skill(id_: str, label: str, *, kind: str = "tool", aliases=(), certifications=(), parent=None) -> Skill:
    return Skill(id=id_, label=label, category="test", kind=kind, aliases=tuple(aliases),
                 certifications=tuple(certifications), parent=parent)  # fmt: skip


@pytest.fixture(scope="session")
def tiny_taxonomy() -> Taxonomy:
    skills = [
        _skill("python", "Python", kind="language"),
        _skill("sql", "SQL", kind="language"),
        _skill("scala", "Scala", kind="language"),
        _skill("aws", "AWS", kind="platform", certifications=["aws-saa"]),
        _skill("aws-saa", "AWS Certified Solutions Architect - Associate", kind="certification", parent="aws"),
        _skill("terraform", "Terraform"),
        _skill("docker", "Docker"),
        _skill("airflow", "Airflow"),
        _skill("git", "Git"),
        _skill("kafka", "Kafka"),
        _skill("snowflake", "Snowflake", kind="platform"),
        _skill("postgresql", "PostgreSQL", aliases=["Postgres"]),
    ]
    return Taxonomy(version="test", skills={s.id: s for s in skills}, categories={}, guides={}, roles={})


@dataclass(frozen=True)
class FakeMention:
    skill_id: str
    label: str
    start: int
    end: int
    text: str
    sentence: str | None = None
    section: str | None = None
    required: bool | None = None
    years: float | None = None


def make_fake_extractor(taxonomy: Taxonomy):
    """Find each skill's label/aliases as whole words, longest first (the real matcher does far more)."""
    forms = sorted(
        ((form, s.id, s.label) for s in taxonomy.skills.values() for form in s.surface_forms),
        key=lambda f: -len(f[0]),
    )
    pattern = re.compile(
        "|".join(rf"(?<![\w])({re.escape(f)})(?![\w])" for f, _, _ in forms), re.IGNORECASE
    )

    def extract(text: str) -> list[FakeMention]:
        out = []
        for m in pattern.finditer(text):
            idx = m.lastindex - 1
            _, sid, label = forms[idx]
            out.append(FakeMention(skill_id=sid, label=label, start=m.start(), end=m.end(), text=m.group(0)))
        return out

    return extract


@pytest.fixture(scope="session")
def fake_extractor(tiny_taxonomy):
    return make_fake_extractor(tiny_taxonomy)


@pytest.fixture(scope="session")
def real_pipeline():
    """(taxonomy, nlp) from skills_taxonomy/data, built once per session (~8 s)."""
    from skills_taxonomy import load_taxonomy
    from skills_taxonomy.pipeline import build_pipeline

    taxonomy = load_taxonomy()
    return taxonomy, build_pipeline(taxonomy)


@pytest.fixture(scope="session")
def real_cvs(shared_dir) -> list[dict]:
    """The real CVs in ../shared/data/cvs/resume-dataset/resumes_dev.csv, one dict per row."""
    path = shared_dir / "data/cvs/resume-dataset/resumes_dev.csv"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
