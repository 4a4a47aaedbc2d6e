"""The packaged taxonomy and its pipeline, shared by the match tests (built once per session)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def taxonomy():
    from skills_taxonomy.load import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="session")
def nlp(taxonomy, model_dir):
    from skills_taxonomy.pipeline import load_pipeline

    return load_pipeline(model_dir, taxonomy=taxonomy)


@pytest.fixture(scope="session")
def cv_skills_of(nlp, taxonomy):
    """CV text → (CVDocument, its CV skills), as `skillgap match` reads a CV."""
    from skillgap.cv import read_cv
    from skillgap.cv.skills import cv_skills

    def _skills(text: str, name: str = "cv.txt"):
        doc = read_cv(text.encode("utf-8"), filename=name)
        return doc, cv_skills(doc, nlp=nlp, taxonomy=taxonomy)

    return _skills
