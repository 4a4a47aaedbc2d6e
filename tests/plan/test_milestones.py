"""Milestones: the fewest hours to job-ready coverage, then the next step up; credit for what the CV shows."""

from __future__ import annotations

import itertools

import pytest

from tests.helpers.plan_invariants import check_plan

from skillgap.plan import JOB_READY, REST, STRONG, PlanInput, PlanOptions, make_plan, plan_for_gap
from skillgap.plan.milestones import milestone_targets
from skillgap.plan.progress import Progress

# coverage weights that sum to 1 over the tiny taxonomy's learnable skills
WEIGHTS = {"pytorch": 0.25, "ml": 0.2, "sagemaker": 0.15, "docker": 0.1, "sql": 0.1, "duckdb": 0.05, "postgres": 0.05,
           "aws": 0.05, "deep-learning": 0.05}  # fmt: skip


def _inputs(exclude=()):
    return [PlanInput(s, demand=w, coverage_weight=w) for s, w in WEIGHTS.items() if s not in exclude]


def _hours_to_first(plan):
    return plan.milestones[0].hours


def test_targets_ladder():
    assert milestone_targets(0.2, 0.7) == [0.7, 0.85]
    assert milestone_targets(0.75, 0.7) == [0.85, 0.95]  # already past the target: the next step up
    assert milestone_targets(0.9, 0.7) == [0.95]
    assert milestone_targets(0.97, 0.7) == [1.0]
    assert milestone_targets(0.3, 0.5) == [0.5, 0.65]  # the target is settable


def _cheapest(tiny, target):
    """Brute force: the fewest hours of any set of planned skills, closed under prerequisites, reaching target."""
    hours = {s: tiny.skills[s].hours for s in WEIGHTS}
    return min(sum(hours[s] for s in combo)
               for r in range(1, len(WEIGHTS) + 1) for combo in itertools.combinations(WEIGHTS, r)
               if sum(WEIGHTS[s] for s in combo) >= target - 1e-9
               and all(p in combo or p == "python" for s in combo for p in tiny.skills[s].prerequisites))  # fmt: skip


@pytest.mark.parametrize("target", [0.2, 0.3, 0.5, 0.7])
def test_job_ready_is_the_cheapest_set_reaching_the_target(tiny, target):
    plan = make_plan(_inputs(), taxonomy=tiny, have={"python"}, current_coverage=0.0, target_coverage=target)
    first = plan.milestones[0]
    assert first.name == JOB_READY and first.reached and first.coverage >= target - 1e-9
    chosen = {s.skill_id for s in plan.steps if s.milestone == JOB_READY and s.kind == "skill"}
    assert sum(tiny.skills[s].hours for s in chosen) == _cheapest(tiny, target)
    assert [m.name for m in plan.milestones][:2] == [JOB_READY, STRONG]
    check_plan(list(plan.steps), taxonomy=tiny, have={"python"}, missing_ids=list(WEIGHTS), hours_per_week=8)


def test_the_guides_ladder_weighs_in_the_choice(tiny):
    # with the role's guide, foundations are preferred: never more than a quarter above the cheapest
    plan = make_plan(_inputs(), taxonomy=tiny, have={"python"}, role_id="ml-engineer", target_coverage=0.3)
    chosen = [s for s in plan.steps if s.milestone == JOB_READY and s.kind == "skill"]
    assert sum(s.hours for s in chosen) <= 1.25 * _cheapest(tiny, 0.3)
    assert plan.milestones[0].reached


def test_hours_to_job_ready_fall_as_coverage_rises(tiny):
    hours = []
    for start in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
        plan = make_plan(_inputs(), taxonomy=tiny, have={"python"}, role_id="ml-engineer", current_coverage=start)
        assert plan.milestones[0].name == JOB_READY
        hours.append(_hours_to_first(plan))
    assert hours == sorted(hours, reverse=True) and hours[0] > hours[-1]


def test_milestone_summaries_add_up(tiny):
    plan = make_plan(_inputs(), taxonomy=tiny, have={"python"}, role_id="ml-engineer", current_coverage=0.1,
                     hours_per_week=5)  # fmt: skip
    cum = 0.0
    for m in plan.milestones:
        mine = [s for s in plan.steps if s.milestone == m.name]
        cum += sum(s.hours for s in mine)
        assert m.hours == pytest.approx(cum) and m.steps == len(mine)
        assert m.until_week == max(s.end_week for s in mine)
        assert m.coverage == pytest.approx(mine[-1].coverage_after, abs=1e-4)
    assert plan.milestones[-1].name in (STRONG, REST)
    d = plan.milestones[0].to_dict()
    assert set(d) >= {"name", "target_coverage", "coverage", "hours", "until_week"}


def test_an_unreachable_target_is_said_not_reached(tiny):
    plan = make_plan([PlanInput("docker", coverage_weight=0.1)], taxonomy=tiny, current_coverage=0.2)
    assert plan.milestones[0].name == JOB_READY and not plan.milestones[0].reached
    assert plan.milestones[0].coverage == pytest.approx(0.3)


def _gap_plan(tiny, *, have=frozenset({"python"}), listed=frozenset(), learning=frozenset(), progress=None,
              missing=None, weak=(), postings=100, coverage=0.1):  # fmt: skip
    missing = missing if missing is not None else [
        {"skill_id": s, "demand": w, "trend": None, "centrality": 0.0} for s, w in WEIGHTS.items()]
    return plan_for_gap(missing, list(weak), have=set(have), listed=set(listed), learning=set(learning), weights=WEIGHTS,
                        taxonomy=tiny, role_id="ml-engineer", hours_per_week=8, current_coverage=coverage,
                        postings=postings, options=PlanOptions(progress=progress))  # fmt: skip


def test_listed_skill_gets_a_short_prove_step_and_no_prerequisites(tiny):
    weak = [{"skill_id": "pytorch", "demand": 0.5}]
    missing = [{"skill_id": s, "demand": w, "trend": None, "centrality": 0.0} for s, w in WEIGHTS.items() if s != "pytorch"]
    plan = _gap_plan(tiny, have={"python"}, listed={"pytorch"}, weak=weak, missing=missing)
    prove = [s for s in plan.steps if s.kind == "prove"]
    assert [s.skill_id for s in prove] == ["pytorch"]
    assert prove[0].hours == 10 < tiny.skills["pytorch"].hours and "puts it on record" in prove[0].why
    assert prove[0].prerequisites == () and not prove[0].pulled_in
    assert plan.out_of_scope == ("postgres",)  # named by no guide and asked by 5% of postings
    check_plan(list(plan.steps), taxonomy=tiny, have={"python"}, listed={"pytorch"}, hours_per_week=8,
               missing_ids=[m["skill_id"] for m in missing if m["skill_id"] != "postgres"])  # fmt: skip
    # a listed skill satisfies prerequisites: deep-learning, needed before pytorch, is not pulled in for it
    assert not any(s.skill_id == "deep-learning" and s.pulled_in for s in plan.steps)


def test_a_skill_shown_in_use_never_enters_the_plan(tiny):
    plan = _gap_plan(tiny, have={"python", "ml", "sql", "postgres"})
    planned = {s.skill_id for s in plan.steps}
    assert not planned & {"python", "ml", "sql", "postgres"}
    # duckdb rests on sql, held: nothing is pulled in before it
    assert next(s for s in plan.steps if s.skill_id == "duckdb").prerequisites == ()


def test_learning_skills_stay_in_the_plan_with_a_note(tiny):
    plan = _gap_plan(tiny, learning={"docker"})
    docker = next(s for s in plan.steps if s.skill_id == "docker")
    assert docker.kind == "skill" and "learning it" in docker.why


def test_the_plan_holds_the_role_skills(tiny):
    # "duckdb" is not in the ML guide profile: with 10% of postings it stays out, with 30% it comes in
    missing = [{"skill_id": "duckdb", "demand": 0.1, "trend": None, "centrality": 0.0},
               {"skill_id": "postgres", "demand": 0.3, "trend": None, "centrality": 0.0},
               {"skill_id": "pytorch", "demand": 0.2, "trend": None, "centrality": 1.0}]  # fmt: skip
    plan = _gap_plan(tiny, missing=missing)
    planned = {s.skill_id for s in plan.steps}
    assert "postgres" in planned and "pytorch" in planned and "duckdb" in planned  # duckdb: a guide phase names it
    outsider = [{"skill_id": "aws-saa", "demand": 0.1, "trend": None, "centrality": 0.0}]  # named by no guide
    assert _gap_plan(tiny, missing=outsider).out_of_scope == ("aws-saa",)
    outsider[0]["demand"] = 0.3
    assert [s.skill_id for s in _gap_plan(tiny, missing=outsider).steps] == ["aws-saa"]
    # without postings only the guides' profile counts
    assert _gap_plan(tiny, missing=outsider, postings=0).steps == ()


def test_progress_removes_done_and_skipped_steps(tiny):
    before = _gap_plan(tiny)
    first = [s for s in before.steps if s.kind == "skill"][:2]
    progress = Progress(steps={first[0].skill_id: "done", first[1].skill_id: "skipped"})
    after = _gap_plan(tiny, progress=progress)
    keys = {s.key for s in after.steps}
    assert first[0].skill_id not in keys and first[1].skill_id not in keys
    assert after.start_coverage == pytest.approx(0.1 + WEIGHTS[first[0].skill_id], abs=1e-4)  # done counts
    assert after.done == (first[0].skill_id,) and after.skipped == (first[1].skill_id,)
    # a done prerequisite is held: what needed it no longer pulls it in
    done_ml = _gap_plan(tiny, progress=Progress(steps={"ml": "done"}))
    assert "ml" not in {s.skill_id for s in done_ml.steps}
    # a project marked done is not planned again
    project = next(s for s in before.steps if s.kind == "project")
    again = _gap_plan(tiny, progress=Progress(steps={project.key: "done"}))
    assert project.key not in {s.key for s in again.steps}
