"""Gap analysis: coverage arithmetic, implied skills, weak skills, the guides' weight with few postings."""

from __future__ import annotations

import pytest
import yaml

from skillgap.aggregate import materialize
from skillgap.cv.model import CVSkill
from skillgap.errors import UnknownRole
from skillgap.gap import WEAK_CREDIT, analyze_gap, held_sets, resolve_role
from skillgap.market import MarketFilter
from skillgap import store
from skills_taxonomy.load import load_taxonomy

SKILLS = [
    {"id": "python", "label": "Python", "category": "tech", "kind": "language", "hours": 40},
    {"id": "sql", "label": "SQL", "category": "tech", "kind": "language", "hours": 30},
    {"id": "docker", "label": "Docker", "category": "tech", "kind": "tool", "hours": 10},
    {"id": "kubernetes", "label": "Kubernetes", "category": "tech", "kind": "platform", "hours": 40,
     "prerequisites": ["docker"]},
    {"id": "aws-eks", "label": "Amazon EKS", "category": "tech", "kind": "service", "parent": "kubernetes", "hours": 20},
    {"id": "rag", "label": "RAG", "category": "tech", "kind": "practice", "hours": 30, "prerequisites": ["python"]},
]
ROLES = [
    {"id": "ml-engineer", "label": "ML engineer", "title_patterns": [r"\bml engineer"], "priority": 5,
     "core_skills": {"python": 1.0, "kubernetes": 0.5, "rag": 0.5}},
    {"id": "data-analyst", "label": "Data analyst", "title_patterns": [r"\bdata analyst"], "priority": 5},
]


@pytest.fixture(scope="module")
def tax(tmp_path_factory):
    root = tmp_path_factory.mktemp("gap_tax")
    (root / "skills").mkdir()
    (root / "categories").mkdir()
    (root / "taxonomy.yaml").write_text("version: 'g-1'\n")
    (root / "categories" / "c.yaml").write_text(yaml.safe_dump([{"id": "tech", "label": "Tech"}]))
    (root / "skills" / "s.yaml").write_text(yaml.safe_dump(SKILLS))
    (root / "roles.yaml").write_text(yaml.safe_dump(ROLES))
    return load_taxonomy(root)


def _cv(skill_id, *, used=True, listed=True):
    return CVSkill(skill_id=skill_id, label=skill_id, in_skills_list=listed, used_in_experience=used,
                   evidence=[{"text": skill_id, "sentence": f"I used {skill_id}.", "section": "experience" if used else "skills",
                              "start": 0, "end": 1}])


def test_resolve_role_by_id_label_and_title(tax):
    assert resolve_role("ml-engineer", taxonomy=tax) == "ml-engineer"
    assert resolve_role("ML engineer", taxonomy=tax) == "ml-engineer"
    assert resolve_role("Senior ML Engineer, Platform", taxonomy=tax) == "ml-engineer"
    with pytest.raises(UnknownRole, match="Pick one of"):
        resolve_role("Head Chef", taxonomy=tax)


def test_more_specific_skill_implies_its_parents(tax):
    sets = held_sets([_cv("aws-eks")], taxonomy=tax)
    assert sets.used == {"aws-eks", "kubernetes"} and sets.implied_by == {"kubernetes": "aws-eks"}


def test_guides_carry_the_weight_without_postings(tax):
    result = analyze_gap([_cv("python"), _cv("aws-eks")], taxonomy=tax, con=None, role="ml-engineer")
    assert result.postings == 0 and result.basis == "guides"
    # core weights: python 1.0, kubernetes 0.5 (implied by EKS), rag 0.5 -> 1.5 / 2.0
    assert result.coverage == pytest.approx(0.75)
    assert {h["skill_id"] for h in result.have} == {"python", "kubernetes"}
    assert next(h for h in result.have if h["skill_id"] == "kubernetes")["implied_by"] == "aws-eks"
    assert [m["skill_id"] for m in result.missing] == ["rag"]
    assert [s["skill_id"] for s in result.plan if s["kind"] == "skill"] == ["rag"]
    assert result.plan[-1]["coverage_after"] == pytest.approx(1.0)


def test_weak_skills_count_half_and_are_listed_apart(tax):
    result = analyze_gap([_cv("python", used=False), _cv("kubernetes")], taxonomy=tax, con=None, role="ml-engineer")
    assert [w["skill_id"] for w in result.weak] == ["python"]
    assert result.coverage == pytest.approx((WEAK_CREDIT * 1.0 + 0.5) / 2.0)


def test_too_few_skills_is_not_the_same_as_no_gaps(tax):
    assert analyze_gap([], taxonomy=tax, con=None, role="ml-engineer").verdict == "insufficient_cv"
    full = [_cv("python"), _cv("kubernetes"), _cv("rag"), _cv("docker")]
    assert analyze_gap(full, taxonomy=tax, con=None, role="ml-engineer").verdict == "no_gaps"


def test_market_demand_blends_with_guides_and_closest_postings(tax, tmp_path):
    from tests.helpers.market import add_posting  # noqa: PLC0415

    con = store.connect(tmp_path / "g.duckdb")
    for i in range(60):
        skills = ["python", "sql"] + (["docker"] if i % 2 else [])
        add_posting(con, f"p{i}", title="ML Engineer", month="2026-05", skills=skills, version="g-1")
    materialize(con, taxonomy=tax)
    result = analyze_gap([_cv("python"), _cv("sql"), _cv("docker")], taxonomy=tax, con=con, role="ml-engineer",
                         f=MarketFilter())
    assert result.postings == 60 and result.basis == "blend"
    demand = {h["skill_id"]: h["demand"] for h in result.have}
    assert demand["sql"] == pytest.approx(1.0) and demand["docker"] == pytest.approx(0.5)
    assert result.closest_postings and result.closest_postings[0]["coverage"] == pytest.approx(1.0)
    con.close()


def test_only_a_tested_trend_reaches_the_plan(tax, tmp_path):
    """A planted rise keeps its slope; a flat skill's estimated slope is dropped (its verdict says why)."""
    from tests.helpers.market import add_posting  # noqa: PLC0415

    con = store.connect(tmp_path / "t.duckdb")
    for m in range(12):
        for i in range(40):
            skills = ["python"] + (["docker"] if i % 2 else [])  # docker flat at 50 %
            skills += ["kubernetes"] if i < 40 * m / 11 else []  # kubernetes 0 % -> 100 %
            add_posting(con, f"p{m}-{i}", title="ML Engineer", month=f"2026-{m + 1:02d}", skills=skills, version="g-1")
    materialize(con, taxonomy=tax)
    result = analyze_gap([_cv("python"), _cv("sql"), _cv("rag")], taxonomy=tax, con=con, role="ml-engineer",
                         f=MarketFilter())
    missing = {m["skill_id"]: m for m in result.missing}
    assert missing["kubernetes"]["trend_verdict"] == "rising" and missing["kubernetes"]["trend"] > 0.05
    assert missing["docker"]["trend_verdict"] != "rising" and missing["docker"]["trend"] is None
    con.close()
