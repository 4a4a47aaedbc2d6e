"""Plan invariants on the real taxonomy (skills_taxonomy/data) and on random prerequisite graphs."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.plan_invariants import check_plan

from skillgap.plan import PlanInput, build_plan, plan_to_csv, plan_to_markdown
from skills_taxonomy.model import Skill, Taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    from skills_taxonomy import load_taxonomy

    tx = load_taxonomy()
    if not tx.skills or not tx.roles:
        pytest.skip("skills_taxonomy/data has no skills or roles yet")
    return tx


def _inputs(tx, role_id, seed, *, extra=10):
    rng = random.Random(seed)
    role = tx.roles[role_id]
    ids = sorted(s for s in role.core_skills if s in tx.skills)
    ids += rng.sample(sorted(tx.skills), extra)
    out = [
        PlanInput(sid, demand=rng.random(), trend=rng.uniform(-0.02, 0.02) if rng.random() < 0.8 else None,
                  centrality=role.core_skills.get(sid, 0.0), coverage_weight=1 / len(ids))  # fmt: skip
        for sid in dict.fromkeys(ids)
    ]
    have = set(rng.sample(sorted(tx.skills), 40)) | {"python"} & set(tx.skills)
    return out, have


@pytest.mark.parametrize("role_id", ["cloud-ai-architect", "ml-engineer", "data-engineer", "ai-architect"])
def test_invariants_on_the_real_taxonomy(taxonomy, role_id):
    if role_id not in taxonomy.roles:
        pytest.skip(f"no role {role_id}")
    missing, have = _inputs(taxonomy, role_id, seed=7)
    steps = build_plan(missing, taxonomy=taxonomy, have=have, role_id=role_id, hours_per_week=8, current_coverage=0.2)
    check_plan(steps, taxonomy=taxonomy, have=have, missing_ids=[m.skill_id for m in missing], hours_per_week=8)
    again = build_plan(list(reversed(missing)), taxonomy=taxonomy, have=set(have), role_id=role_id,
                       hours_per_week=8, current_coverage=0.2)  # fmt: skip
    assert again == steps
    faster = build_plan(missing, taxonomy=taxonomy, have=have, role_id=role_id, hours_per_week=15, current_coverage=0.2)
    assert [(s.skill_id, s.project_id, s.phase) for s in faster] == [(s.skill_id, s.project_id, s.phase) for s in steps]
    assert faster[-1].end_week < steps[-1].end_week
    # the guides' ladder shows (a plan of 20+ skills spans phases; no Foundation is left when the held skills
    # already rest on every foundation the plan needs)
    assert len({s.phase for s in steps}) >= 2
    assert all(s.why and s.why[0].isupper() for s in steps)
    md = plan_to_markdown(steps, role_label=taxonomy.roles[role_id].label)
    assert len(re.findall(r"(?m)^\d+\. \*\*", md)) == len(steps) and "\\." not in md
    assert plan_to_csv(steps).count("\n") == len(steps) + 1


def test_real_guide_projects_become_milestones(taxonomy):
    role_id = "cloud-ai-architect"
    if role_id not in taxonomy.roles:
        pytest.skip("no cloud-ai-architect role")
    role = taxonomy.roles[role_id]
    projects = [p for g in role.guides for p in taxonomy.guides[g].projects]
    assert projects
    wanted = sorted({s for p in projects for s in p.skills if s in taxonomy.skills})
    steps = build_plan([PlanInput(s, demand=0.3) for s in wanted], taxonomy=taxonomy, role_id=role_id)
    check_plan(steps, taxonomy=taxonomy, have=set(), missing_ids=wanted, hours_per_week=8)
    planned_projects = {s.project_id for s in steps if s.kind == "project"}
    expected = {p.id for p in projects if sum(s in taxonomy.skills for s in p.skills) / len(p.skills) >= 0.6}
    assert planned_projects == expected and expected


@st.composite
def random_taxonomy(draw):
    n = draw(st.integers(min_value=1, max_value=14))
    ids = [f"s{i:02d}" for i in range(n)]
    skills = {}
    for i, sid in enumerate(ids):
        prereq = draw(st.lists(st.sampled_from(ids[:i]), max_size=3, unique=True)) if i else []
        skills[sid] = Skill(id=sid, label=sid.upper(), category=draw(st.sampled_from(["a", "b"])), kind="tool",
                            parent=draw(st.sampled_from([None, *ids[:i]])) if i else None,
                            prerequisites=tuple(prereq), hours=draw(st.integers(1, 80)))  # fmt: skip
    missing = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    have = set(draw(st.lists(st.sampled_from(ids), unique=True)))
    demand = draw(st.lists(st.floats(0, 1), min_size=len(missing), max_size=len(missing)))
    tx = Taxonomy(version="rand", skills=skills, categories={}, guides={}, roles={})
    return tx, [PlanInput(s, demand=d, coverage_weight=0.05) for s, d in zip(missing, demand)], have


@settings(max_examples=80, deadline=None)
@given(random_taxonomy(), st.sampled_from([1, 5, 8, 40]))
def test_invariants_on_random_graphs(case, hours_per_week):
    tx, missing, have = case
    steps = build_plan(missing, taxonomy=tx, have=have, hours_per_week=hours_per_week)
    check_plan(steps, taxonomy=tx, have=have, missing_ids=[m.skill_id for m in missing],
               hours_per_week=hours_per_week)  # fmt: skip
    assert [s.skill_id for s in build_plan(missing, taxonomy=tx, have=have, hours_per_week=3)] == [
        s.skill_id for s in steps
    ]
