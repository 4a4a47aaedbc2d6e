"""The learning plan: prerequisites first, phases, weeks, projects, reasons, exports."""

from __future__ import annotations

import csv
import re
import io

import pytest

from tests.helpers.plan_invariants import check_plan

from skillgap.errors import UnknownRole, UnknownSkill
from skillgap.plan import PlanInput, build_plan, plan_to_csv, plan_to_markdown, priority

MISSING = [
    PlanInput("pytorch", demand=0.46, trend=0.02, centrality=1.0, coverage_weight=0.2),
    PlanInput("sagemaker", demand=0.2, trend=-0.01, centrality=0.6, coverage_weight=0.1),
    PlanInput("docker", demand=0.3, trend=0.0, centrality=0.0, coverage_weight=0.05),
    PlanInput("duckdb", demand=0.05, coverage_weight=0.02),
]


def _ids(steps):
    return [s.skill_id or f"project:{s.project_id}" for s in steps]


def test_prerequisites_are_pulled_in_first(tiny):
    steps = build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer")
    check_plan(steps, taxonomy=tiny, have={"python"}, missing_ids=[m.skill_id for m in MISSING], hours_per_week=8)
    ids = _ids(steps)
    for prereq in ("ml", "deep-learning", "aws", "sql"):
        assert prereq in ids
        assert next(s for s in steps if s.skill_id == prereq).pulled_in
    assert ids.index("ml") < ids.index("deep-learning") < ids.index("pytorch")
    assert ids.index("aws") < ids.index("sagemaker") and ids.index("ml") < ids.index("sagemaker")
    assert "python" not in ids


def test_phases_follow_the_guide(tiny):
    steps = {s.skill_id: s for s in build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer")}
    assert steps["ml"].phase == "Foundation" and steps["ml"].guide_phase == "Phase 1: Basics"
    assert steps["pytorch"].phase == "Core"
    assert steps["sagemaker"].phase == "Depth"
    # the guide puts aws in its last phase but sagemaker needs it no earlier
    assert steps["aws"].phase == "Depth"
    # a guide of five phases spreads them over the four tiers (the middle one rounds down to Core)
    from dataclasses import replace

    from skillgap.plan.phases import guide_tiers
    from skills_taxonomy.model import Phase

    five = replace(tiny.guides["ml-guide"], phases=tuple(Phase(id=f"p{i}", name=f"P{i}", order=i, skills=(f"s{i}",))
                                                         for i in range(5)))  # fmt: skip
    tiers = guide_tiers(replace(tiny, guides={"ml-guide": five}), "ml-engineer")
    assert [tiers[f"s{i}"][0] for i in range(5)] == [0, 1, 1, 2, 3]


def test_project_closes_the_milestone_of_its_skills(tiny):
    steps = build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer")
    ids = _ids(steps)
    assert "project:train-serve" in ids
    assert "project:unreachable" not in ids  # most of its skills are neither held nor planned
    i = ids.index("project:train-serve")
    assert i > max(ids.index(s) for s in ("pytorch", "sagemaker", "docker"))
    project = steps[i]
    assert project.hours == 16 and project.milestone == steps[i - 1].milestone
    assert project.resources[0].kind == "project" and "Train a small model" in project.resources[0].title
    assert project.key == "project:train-serve"
    assert build_plan(MISSING, taxonomy=tiny, have={"python"}) and not any(
        s.kind == "project" for s in build_plan(MISSING, taxonomy=tiny, have={"python"})
    )  # no role, no guide projects


def test_why_reads_like_a_sentence(tiny):
    steps = {s.skill_id: s for s in build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer")}
    assert steps["pytorch"].why == (
        "Asked in 46% of ML engineer postings, rising; a core ML engineer skill in the career guides"
    )
    assert steps["sagemaker"].why.startswith("Asked in 20% of ML engineer postings, falling")
    assert steps["aws"].why == "Needed before Sagemaker"
    assert steps["ml"].why == "Needed before Deep Learning, Sagemaker"
    assert steps["docker"].why == "Asked in 30% of ML engineer postings, steady"


def test_held_skills_satisfy_prerequisites_and_are_never_planned(tiny):
    have = {"python", "ml", "aws", "sql"}
    steps = build_plan(MISSING, taxonomy=tiny, have=have, role_id="ml-engineer")
    check_plan(steps, taxonomy=tiny, have=have, missing_ids=[m.skill_id for m in MISSING], hours_per_week=8)
    assert set(_ids(steps)) & have == set()
    assert "deep-learning" in _ids(steps)
    # everything held: empty plan
    assert build_plan(MISSING, taxonomy=tiny, have={m.skill_id for m in MISSING}) == []


def test_deterministic_and_hours_per_week_only_changes_weeks(tiny):
    a = build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer", hours_per_week=8)
    b = build_plan(list(reversed(MISSING)), taxonomy=tiny, have={"python"}, role_id="ml-engineer", hours_per_week=8)
    assert a == b
    c = build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer", hours_per_week=20)
    assert _ids(a) == _ids(c)
    assert a[-1].end_week > c[-1].end_week
    total = sum(s.hours for s in a)
    assert c[-1].end_week == -(-total // 20)


def test_weeks_and_coverage(tiny):
    steps = build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer", hours_per_week=10,
                       current_coverage=0.5)  # fmt: skip
    assert steps[0].start_week == 1
    first = steps[0]
    assert first.end_week == -(-int(first.hours) // 10)
    assert steps[-1].coverage_after == pytest.approx(0.5 + 0.2 + 0.1 + 0.05 + 0.02)
    by_id = {s.skill_id: s for s in steps}
    # a pulled-in prerequisite adds nothing to coverage
    i = steps.index(by_id["aws"])
    assert steps[i].coverage_after == steps[i - 1].coverage_after


def test_priority_formula():
    hi = PlanInput("a", demand=0.8, centrality=1.0, trend=0.5)
    lo = PlanInput("b", demand=0.1, centrality=0.0, trend=-0.5)
    assert priority(hi, hours=20) > priority(lo, hours=20)
    assert priority(hi, hours=20) > priority(hi, hours=100)  # more effort, lower priority
    assert priority(PlanInput("c", demand=0.5), hours=20) == pytest.approx(0.5 * 0.5 + 0.15 * 0.5)
    assert priority(PlanInput("d", demand=float("nan"), trend=float("inf")), hours=0) >= 0
    # the trend is a slope of the share per month, judged relative to the share: +1 point a month matters more
    # for a skill asked in 5% of postings than for one asked in 80%
    def gain(demand):
        return priority(PlanInput("e", demand=demand, trend=0.01), hours=20) - priority(PlanInput("e", demand=demand),
                                                                                         hours=20)

    small, big = gain(0.05), gain(0.8)
    assert small > big > 0


def test_no_postings_means_no_demand_quote(tiny):
    steps = build_plan([PlanInput("docker", demand=0.3, centrality=0.7)], taxonomy=tiny, role_id="ml-engineer",
                       postings=0)  # fmt: skip
    assert steps[0].why == "A core ML engineer skill in the career guides"


def test_higher_priority_first_when_free(tiny):
    missing = [PlanInput("docker", demand=0.9), PlanInput("duckdb", demand=0.1), PlanInput("postgres", demand=0.5)]
    ids = _ids(build_plan(missing, taxonomy=tiny, have={"sql"}))
    assert ids.index("docker") < ids.index("postgres") < ids.index("duckdb")


def test_related_skills_are_grouped(tiny):
    # postgres and duckdb share the parent sql: once one is learned the other follows, ahead of a slightly better
    # unrelated skill
    missing = [PlanInput("postgres", demand=0.6), PlanInput("docker", demand=0.55), PlanInput("duckdb", demand=0.5)]
    ids = _ids(build_plan(missing, taxonomy=tiny, have={"sql"}))
    assert abs(ids.index("postgres") - ids.index("duckdb")) == 1


def test_certifications_and_resources(tiny):
    steps = {s.skill_id: s for s in build_plan([PlanInput("aws"), PlanInput("python")], taxonomy=tiny)}
    assert steps["aws"].certification_ids == ("aws-saa",) and steps["aws"].certifications == ("Aws Saa",)
    assert [r.url for r in steps["python"].resources] == ["https://docs.python.org/3/"]
    assert steps["python"].to_dict()["resources"] == [
        {"title": "The Python Tutorial", "url": "https://docs.python.org/3/", "kind": "docs", "cost": "free"}]


def test_unknown_ids(tiny):
    with pytest.raises(UnknownSkill, match="'nope'"):
        build_plan([PlanInput("nope")], taxonomy=tiny)
    with pytest.raises(UnknownRole, match="'astronaut'"):
        build_plan([PlanInput("aws")], taxonomy=tiny, role_id="astronaut")
    with pytest.raises(ValueError):
        build_plan([PlanInput("aws")], taxonomy=tiny, hours_per_week=0)


def test_csv_export_is_formula_safe(tiny):
    steps = build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer")
    text = plan_to_csv(steps)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"order", "milestone", "kind", "skill_id", "label", "phase", "hours", "start_week", "end_week",
            "coverage_after", "certifications", "why", "resources", "resource_urls"} <= set(rows[0])  # fmt: skip
    assert len(rows) == len(steps)
    docker = next(r for r in rows if r["skill_id"] == "docker")
    assert docker["resources"].startswith("'=HYPERLINK")
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(r["kind"] == "project" and r["label"] == "Train and serve a model" for r in rows)
    by_step = {s.key: s for s in steps}
    for r in rows:  # every step field is there
        s = by_step[r["key"]]
        assert (int(r["start_week"]), int(r["end_week"]), r["milestone"]) == (s.start_week, s.end_week, s.milestone)
    python_row = next(r for r in list(csv.DictReader(io.StringIO(plan_to_csv(
        build_plan([PlanInput("python")], taxonomy=tiny))))))  # fmt: skip
    assert python_row["resource_urls"] == "https://docs.python.org/3/"


def test_csv_escapes_every_dangerous_cell():
    from skillgap.plan import PlanStep

    step = PlanStep(order=1, kind="skill", skill_id="@x", label="-1+1", phase="Core", hours=2, start_week=1,
                    end_week=1, why="+why", resources=("=cmd",))  # fmt: skip
    row = next(csv.DictReader(io.StringIO(plan_to_csv([step]))))
    assert (row["skill_id"], row["label"], row["why"], row["resources"]) == ("'@x", "'-1+1", "'+why", "'=cmd")


def test_markdown_export_escapes_markup(tiny):
    steps = build_plan(MISSING, taxonomy=tiny, have={"python"}, role_id="ml-engineer")
    md = plan_to_markdown(steps, role_label="ML *engineer*")
    assert md.startswith("# Learning plan: ML \\*engineer\\*\n")
    assert "### Foundation" in md and "### Depth" in md and "## Job-ready (weeks 1–" in md
    assert "\\*Docker\\* \\[docs\\](u)" in md  # no link: the brackets are escaped
    assert "**Project: Train and serve a model**" in md
    assert len(re.findall(r"(?m)^\d+\. \*\*", md)) == len(steps)
    assert "Nothing to learn" in plan_to_markdown([], role_label="X")


def test_prerequisites_of_held_skills_count_as_met(tiny):
    # pytorch rests on deep-learning -> ml -> python: someone who uses PyTorch needs none of them taught first
    steps = build_plan([PlanInput("sagemaker", demand=0.4, centrality=0.6)], taxonomy=tiny, have={"pytorch", "aws"},
                       role_id="ml-engineer")  # fmt: skip
    check_plan(steps, taxonomy=tiny, have={"pytorch", "aws"}, missing_ids=["sagemaker"], hours_per_week=8)
    assert [s.skill_id for s in steps if s.kind == "skill"] == ["sagemaker"]
    # a prerequisite that is itself asked for stays in the plan, though a held skill rests on it
    steps = build_plan([PlanInput("ml", demand=0.5), PlanInput("sagemaker", demand=0.4)], taxonomy=tiny,
                       have={"pytorch", "aws"})  # fmt: skip
    assert _ids(steps) == ["ml", "sagemaker"] and not steps[0].pulled_in


def test_a_long_prerequisite_chain_counts_in_the_priority(tiny):
    # equal value, but pytorch needs ml and deep-learning first (130 h in all against 10 h for docker)
    missing = [PlanInput("pytorch", demand=0.5), PlanInput("docker", demand=0.5)]
    steps = {s.skill_id: s for s in build_plan(missing, taxonomy=tiny, have={"python"})}
    assert steps["pytorch"].priority == pytest.approx(priority(missing[0], hours=30 + 40 + 60))
    assert steps["docker"].priority == pytest.approx(priority(missing[1], hours=10))
    assert steps["docker"].order < steps["ml"].order < steps["pytorch"].order


def test_unplaced_prerequisite_takes_the_phase_of_what_needs_it(tiny):
    # aws is no foundation of the guide: pulled in for sagemaker (Depth), it is learned in Depth too
    steps = {s.skill_id: s for s in build_plan([PlanInput("sagemaker", demand=0.4)], taxonomy=tiny, have={"ml"},
                                               role_id="ml-engineer")}  # fmt: skip
    assert steps["aws"].pulled_in and steps["sagemaker"].phase == "Depth"
    assert steps["aws"].phase == "Depth"
