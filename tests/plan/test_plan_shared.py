"""Real CVs (../shared/data/cvs) against the sample store: credit, short proofs, falling hours, linked resources.

Skips when ../shared is absent (a fresh clone). The hours to the first milestone must fall as the CV's coverage
rises: Spearman's rank correlation over the CVs with enough skills to judge is at most -0.5.
"""

from __future__ import annotations

import csv
import statistics

import duckdb
import pytest

from skillgap.cv import read_cv
from skillgap.cv.skills import cv_skills
from skillgap.gap import MIN_CV_SKILLS, analyze_gap
from skills_taxonomy.load import load_taxonomy
from skills_taxonomy.pipeline import load_pipeline

csv.field_size_limit(10**8)


def _ranks(xs: list[float]) -> list[float]:
    order = sorted(range(len(xs)), key=xs.__getitem__)
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = _ranks(a), _ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    num = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    den = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return num / den


def test_spearman_helper():
    assert spearman([1, 2, 3, 4], [10, 8, 6, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)


@pytest.fixture(scope="module")
def analysed(shared_dir, sample_store, model_dir):
    rows = list(csv.DictReader((shared_dir / "data" / "cvs" / "resume-dataset" / "resumes_dev.csv").open(encoding="utf-8")))
    taxonomy = load_taxonomy()
    nlp = load_pipeline(model_dir, taxonomy=taxonomy)
    con = duckdb.connect(str(sample_store), read_only=True)
    out = {}
    try:
        for role in ("data-scientist", "ml-engineer"):
            results = []
            for i, row in enumerate(rows):
                skills = cv_skills(read_cv(row["Resume"].encode("utf-8"), filename=f"cv{i}.txt"), nlp=nlp,
                                   taxonomy=taxonomy)  # fmt: skip
                results.append((skills, analyze_gap(skills, taxonomy=taxonomy, con=con, role=role)))
            out[role] = results
    finally:
        con.close()
    return out


@pytest.mark.shared
@pytest.mark.parametrize("role", ["data-scientist", "ml-engineer"])
def test_real_cvs_get_credit_and_plans_a_coach_would_sign(analysed, role):
    steps = linked = 0
    for skills, result in analysed[role]:
        used = {h["skill_id"] for h in result.have}
        listed = {w["skill_id"] for w in result.weak}
        for s in result.plan:
            assert not (s["kind"] == "skill" and s["skill_id"] in used), (role, s["label"])  # never taught again
            if s["kind"] == "prove":
                assert s["skill_id"] in listed and s["hours"] <= 10
            steps += 1
            linked += any(r.get("url") for r in s["resources"])
        if result.plan:
            assert result.milestones[0]["name"] == "job-ready"
    assert steps and linked / steps >= 0.9, linked / steps


@pytest.mark.shared
@pytest.mark.parametrize("role", ["data-scientist", "ml-engineer"])
def test_hours_to_the_first_milestone_fall_as_coverage_rises(analysed, role):
    judged = [r for skills, r in analysed[role] if len(skills) >= MIN_CV_SKILLS and r.milestones]
    assert len(judged) >= 12
    coverage = [r.coverage for r in judged]
    hours = [r.milestones[0]["hours"] for r in judged]
    assert spearman(coverage, hours) <= -0.5, sorted(zip(coverage, hours))
    # the same on twelve CVs spread over the range of coverage
    spread = sorted(judged, key=lambda r: r.coverage)
    twelve = [spread[round(i * (len(spread) - 1) / 11)] for i in range(12)]
    assert spearman([r.coverage for r in twelve], [r.milestones[0]["hours"] for r in twelve]) <= -0.5
