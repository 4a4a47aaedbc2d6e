"""On the real CVs in ../shared: the skills each declares in its "Skill Details" block appear in ``cv.skills`` of
``skillgap gap`` (held), and a row with months of experience reads as used."""

from __future__ import annotations

import pytest

from skillgap.cv import read_cv
from skillgap.cv.skills import cv_skills, listed_skills
from skillgap.cv.status import cv_skill_rows
from tests.helpers.skill_names import known_ids, lookup_table


@pytest.mark.shared
def test_skill_details_skills_are_in_cv_skills_and_held(real_cvs, real_pipeline):
    taxonomy, nlp = real_pipeline
    forms = lookup_table(taxonomy)
    total = found = held = used = 0
    misses = []
    for i, row in enumerate(real_cvs):
        doc = read_cv(row["Resume"].encode("utf-8"), filename=f"resume-{i}.txt")
        rows = {r["skill_id"]: r for r in cv_skill_rows(cv_skills(doc, nlp=nlp, taxonomy=taxonomy), taxonomy=taxonomy)}
        for name, months in listed_skills(doc):
            ids = known_ids(name, forms)
            if not ids:
                continue
            total += 1
            hit = [rows[s] for s in ids if s in rows]
            if not hit:
                misses.append((i, name))
                continue
            found += 1
            held += any(r["status"] in ("used", "listed") for r in hit)
            used += months is not None and any(r["status"] == "used" for r in hit)
    print(f"Skill Details in cv.skills: {found}/{total}; held {held}; used {used}; misses {misses}")
    assert total >= 100
    assert found / total >= 0.95, misses
    assert held / total >= 0.95
    assert used / total >= 0.90
