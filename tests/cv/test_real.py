"""CV reading with the real extractor and taxonomy, and on the real CVs in ../shared (skipped when absent)."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.cv import read_cv
from skillgap.cv.skills import cv_skills, listed_skills
from tests.helpers.skill_names import known_ids, lookup_table, one_id


@pytest.fixture(scope="session")
def real():
    """(taxonomy, nlp) built from skills_taxonomy/data (~8 s once per session)."""
    from skills_taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    if not taxonomy.skills:
        pytest.skip("skills_taxonomy/data has no skills yet")
    from skills_taxonomy.pipeline import build_pipeline

    return taxonomy, build_pipeline(taxonomy)


def test_sample_cv_same_skills_in_every_format_with_the_real_extractor(sample_files, real):
    taxonomy, nlp = real
    found = {}
    for fmt, (name, data) in sample_files.items():
        doc = read_cv(data, filename=name)
        found[fmt] = {s.skill_id: s for s in cv_skills(doc, nlp=nlp, taxonomy=taxonomy, today=date(2026, 11, 1))}
    forms = lookup_table(taxonomy)
    ids = {name: one_id(name, forms) for name in ("Python", "SQL", "AWS", "Docker", "Terraform", "Airflow", "Kafka",
                                                   "Snowflake", "Git", "Scala")}  # fmt: skip
    reference = set(found["txt"])
    assert set(ids.values()) <= reference
    for fmt, skills in found.items():
        assert set(skills) == reference, fmt
        assert skills[ids["Python"]].months == 72 and skills[ids["AWS"]].months == 60
        assert skills[ids["AWS"]].certified
        assert skills[ids["Kafka"]].used_in_experience and not skills[ids["Kafka"]].in_skills_list
        assert skills[ids["Terraform"]].in_skills_list and not skills[ids["Terraform"]].used_in_experience
        assert skills[ids["Airflow"]].last_used_year == 2026
        assert (skills[ids["Scala"]].months, skills[ids["Scala"]].last_used_year) == (34, 2018)


@pytest.mark.shared
def test_skill_details_blocks_are_parsed(real_cvs):
    """Every real CV has a Skill Details block; each of its rows is read with its months."""
    rows_total = 0
    for i, row in enumerate(real_cvs):
        doc = read_cv(row["Resume"].encode("utf-8"), filename=f"resume-{i}.txt")
        titles = [s.title for s in doc.sections if s.name == "skills"]
        assert "Skill Details" in titles, i
        assert "Company Details" in [s.title for s in doc.sections if s.name == "experience"], i
        listed = listed_skills(doc)
        assert len(listed) == row["Resume"].count("- Exprience -"), i
        assert all(months is not None and months > 0 for _, months in listed), (i, listed)
        assert "Ã" not in doc.text and "â¢" not in doc.text, i
        rows_total += len(listed)
    assert rows_total > 100


@pytest.mark.shared
def test_listed_skills_known_to_the_taxonomy_are_found(real_cvs, real):
    """Recall of the extractor on the skills each CV lists in its Skill Details block."""
    taxonomy, nlp = real
    forms = lookup_table(taxonomy)
    hits = total = 0
    misses: list[tuple[int, str]] = []
    for i, row in enumerate(real_cvs):
        doc = read_cv(row["Resume"].encode("utf-8"), filename=f"resume-{i}.txt")
        found = {s.skill_id for s in cv_skills(doc, nlp=nlp, taxonomy=taxonomy)}
        for name, _months in listed_skills(doc):
            ids = known_ids(name, forms)
            if not ids:
                continue
            total += 1
            if ids & found:
                hits += 1
            else:
                misses.append((i, name))
    recall = hits / total
    print(f"Skill Details recall: {hits}/{total} = {recall:.3f}; misses: {misses}")
    assert total >= 100
    assert recall >= 0.95, misses
    # only ambiguous names (a bare "C", "R" needs context the row does not give) may be missed
    unexplained = [
        (i, name)
        for i, name in misses
        if not any(taxonomy.skills[sid].ambiguous for sid in known_ids(name, forms))
    ]
    assert unexplained == []
