"""The plan for one job ad: the ad's required skills first (job-ready), then its nice-to-haves.

The learning plan of the gap analysis (``skillgap.plan.plan_for_gap``) with the ad in place of a role's market:
each skill the ad asks for is worth what learning it (or, for a skill only listed, showing it in use) adds to the
match score. The job-ready milestone is the score once every required skill the plan can teach is covered: while a
required skill is missing, nice-to-haves add nothing towards it, so the fewest hours to job-ready never buy a
nice-to-have instead of a requirement. Coverage in the steps and milestones is the match score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from skillgap.cv.status import HeldSets
from skillgap.plan import JOB_READY, Plan, PlanOptions, Progress, plan_for_gap
from skillgap.plan.phases import in_scope

__all__ = ["plan_for_ad"]

LISTED_CREDIT = 0.5  # the share of a listed skill's weight the score already counts (match.CREDITS["listed"])
LEARNING_NOTE = "your CV says you are learning it: finish it"


def _gains(rows: Sequence[tuple[Any, dict]], *, taxonomy) -> dict[str, float]:
    """Skill id → what its step adds to the score; skills in use or implied are never planned."""
    total = sum(s.weight for s, _ in rows) or 1.0
    out = {}
    for s, j in rows:
        if s.skill_id not in taxonomy.skills or j["status"] in ("used", "implied"):
            continue
        gain = s.weight * (1.0 - j["credit"]) / total
        if gain > 0:
            out[s.skill_id] = gain
    return out


def _floor4(x: float) -> float:
    return math.floor(x * 10_000 + 1e-6) / 10_000


def plan_for_ad(
    rows: Sequence[tuple[Any, dict]],
    *,
    sets: HeldSets,
    taxonomy,
    role_id: str | None,
    hours_per_week: float,
    score: float,
    max_skills: int = 20,
    progress: Progress | None = None,
) -> Plan:
    """The plan for the ad's missing and listed-only skills (``rows``: ``(AdSkill, judgement)`` from the match).

    Args:
        sets: the CV's held sets (corrections applied): used and implied skills are never planned, listed ones
            satisfy prerequisites.
        role_id: the role family of the ad's title, for the guides' order and projects (None: no guide).
        score: the match score now; progress: steps marked done (their gain counts) or skipped.
    """
    progress = progress or Progress()
    gains = _gains(rows, taxonomy=taxonomy)
    by_id = {s.skill_id: (s, j) for s, j in rows}
    core = taxonomy.roles[role_id].core_skills if role_id in taxonomy.roles else {}
    teachable = {sid for sid in gains if in_scope(sid, demand=1.0, scope=None, postings=1, taxonomy=taxonomy)}
    required = {sid for sid in teachable if by_id[sid][0].required}
    # job-ready is "every required skill"; nice-to-haves add nothing towards it and follow in "the rest" (with every
    # required skill covered there is no job-ready milestone: the plan is the rest)
    counted = required
    missing, weak, weights = [], [], {}
    for sid, gain in gains.items():
        s, j = by_id[sid]
        entry = {"skill_id": sid, "demand": 1.0 if s.required else 0.5, "centrality": core.get(sid, 0.0)}
        listed = j["status"] == "listed"
        (weak if listed else missing).append(entry)
        weights[sid] = (gain / (1.0 - LISTED_CREDIT) if listed else gain) if sid in counted else 0.0
    done_gain = sum(gains.get(k, 0.0) for k in progress.done)
    start = min(1.0, score + sum(gains.get(k, 0.0) for k in progress.done if k in counted))
    target = _floor4(min(1.0, score + sum(gains[sid] for sid in counted - progress.skipped)))
    if target <= start:  # no required skill left to learn: no job-ready milestone, the plan is the rest
        target = 1.0
    plan = plan_for_gap(
        missing, weak, have=sets.used, listed=sets.listed, learning=sets.learning, weights=weights,
        taxonomy=taxonomy, role_id=role_id, hours_per_week=hours_per_week, current_coverage=score, postings=1,
        listed_credit=LISTED_CREDIT, options=PlanOptions(target_coverage=target, progress=progress,
                                                         max_skills=max_skills),
    )  # fmt: skip
    return _in_score_units(plan, gains=gains, start=min(1.0, score + done_gain), target=target,
                           rows=by_id, taxonomy=taxonomy, learning=sets.learning)


def _in_score_units(plan: Plan, *, gains: Mapping[str, float], start: float, target: float,
                    rows: Mapping[str, tuple[Any, dict]], taxonomy, learning: set[str]) -> Plan:
    """Every step's ``coverage_after`` as the match score after it, every reason in the ad's words, and the
    milestones' coverage and target as scores."""
    cov = start
    steps = []
    for step in plan.steps:
        if step.kind != "project":
            cov = min(1.0, cov + gains.get(step.skill_id, 0.0))
        steps.append(replace(step, coverage_after=round(cov, 4),
                             why=_why(step, rows=rows, taxonomy=taxonomy, learning=learning)))
    milestones = []
    for m in plan.milestones:
        mine = [s for s in steps if s.milestone == m.name]
        coverage = max(s.coverage_after or 0.0 for s in mine)
        goal = target if m.name == JOB_READY else m.target_coverage
        milestones.append(replace(m, coverage=round(coverage, 4), target_coverage=goal,
                                  reached=goal is None or coverage >= goal - 1e-4))
    return replace(plan, steps=tuple(steps), milestones=tuple(milestones), start_coverage=round(start, 4))


def _why(step, *, rows: Mapping[str, tuple[Any, dict]], taxonomy, learning: set[str]) -> str:
    """The reason for a step: what the ad asks of the skill, what it unlocks, a note when it is being learned."""
    if step.kind == "project":
        return step.why
    parts = []
    if step.skill_id in rows:
        s, j = rows[step.skill_id]
        asked = "required by this ad" if s.required else "nice to have in this ad"
        if s.years_asked:
            asked += f" ({s.years_asked:g}+ years)"
        if j["status"] == "listed":
            parts.append(f"listed on your CV but not shown in use; {asked}: a small piece of work puts it on record")
        else:
            parts.append(asked)
    if step.needed_for:
        names = [taxonomy.skills[d].label for d in step.needed_for if d in taxonomy.skills]
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        parts.append("needed before " + ", ".join(names[:3]) + more)
    if step.skill_id in learning:
        parts.append(LEARNING_NOTE)
    out = "; ".join(parts) or step.why
    return out[:1].upper() + out[1:]
