"""Fixtures for the extraction tests: the tiny taxonomy and a pipeline built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

TINY_DIR = Path(__file__).resolve().parent / "fixtures" / "tiny_taxonomy"


@pytest.fixture(scope="session")
def tiny_taxonomy_dir() -> Path:
    return TINY_DIR


@pytest.fixture(scope="session")
def tiny_taxonomy(tiny_taxonomy_dir):
    from skills_taxonomy import load_taxonomy

    return load_taxonomy(tiny_taxonomy_dir)


@pytest.fixture(scope="session")
def nlp(tiny_taxonomy):
    from skills_taxonomy.pipeline import build_pipeline

    return build_pipeline(tiny_taxonomy)


@pytest.fixture(scope="session")
def skills_of(nlp):
    """Skill ids (in order) that the extractor finds in a text, posting mode."""
    from skillgap.extract import extract_mentions

    def _skills(text: str, mode: str = "posting") -> list[str]:
        return [m.skill_id for m in extract_mentions(text, nlp=nlp, mode=mode)]

    return _skills
