"""The plan for a gap analysis: which skills to learn or prove, with the CV's credit and the person's progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace

from skillgap.plan.build import DEFAULT_TARGET, make_plan
from skillgap.plan.model import Plan, PlanInput
from skillgap.plan.phases import in_scope, role_scope
from skillgap.plan.priority import priority
from skillgap.plan.progress import Progress

LEARNING_NOTE = "your CV says you are learning it: finish it"


@dataclass(frozen=True)
class PlanOptions:
    """How to plan: the job-ready coverage target, progress so far, and how many skills to learn at most."""

    target_coverage: float = DEFAULT_TARGET
    progress: Progress | None = None
    max_skills: int = 60  # at most this many missing skills (the most valuable by coverage weight) enter the plan


def _learn_inputs(missing, *, weights, learning, taxonomy, scope, postings, limit):
    """(inputs, priorities of every missing skill, ids left out as outside the role)."""
    inputs, priorities, out_of_scope = [], {}, []
    for m in missing:
        sid = m["skill_id"]
        inp = PlanInput(sid, demand=m.get("demand") or 0.0, trend=m.get("trend"), centrality=m.get("centrality") or 0.0,
                        coverage_weight=weights.get(sid, 0.0), note=LEARNING_NOTE if sid in learning else None)  # fmt: skip
        priorities[sid] = round(priority(inp, hours=taxonomy.skills[sid].hours), 4)
        if in_scope(sid, demand=inp.demand, scope=scope, postings=postings, taxonomy=taxonomy):
            inputs.append(inp)
        else:
            out_of_scope.append(sid)
    inputs.sort(key=lambda i: (-i.coverage_weight, i.skill_id))
    return inputs[:limit], priorities, out_of_scope


def plan_for_gap(
    missing: Sequence[Mapping],
    weak: Sequence[Mapping],
    *,
    have: Set[str],
    listed: Set[str],
    learning: Set[str] = frozenset(),
    weights: Mapping[str, float],
    taxonomy,
    role_id: str,
    hours_per_week: float,
    current_coverage: float,
    postings: int,
    listed_credit: float = 0.5,
    options: PlanOptions | None = None,
) -> Plan:
    """The learning plan for a gap: missing role skills to learn, listed-only ones to prove, milestones first.

    Args:
        missing: the role's skills the CV lacks (``skill_id``, ``demand``, ``trend``, ``centrality``).
        weak: the role's skills the CV lists without showing them in use (``skill_id``, ``demand``).
        have: skills shown in use, with what they imply (PostgreSQL → SQL): never planned.
        listed: skills listed without evidence of use (with implications): a short "prove" step, never a course.
        learning: skills the CV says are being learned; they stay in the plan with a note.
        weights: skill id -> its share of the role's weighted demand (what learning it adds to coverage).
        listed_credit: the share of a listed skill's weight the coverage already counts.
        options: target coverage, progress (done steps count as held, skipped ones are left out), max skills.
    """
    options = options or PlanOptions()
    progress = options.progress or Progress()
    marked = progress.done | progress.skipped
    scope = role_scope(taxonomy, role_id)
    inputs, priorities, out_of_scope = _learn_inputs(
        missing, weights=weights, learning=learning, taxonomy=taxonomy, scope=scope, postings=postings,
        limit=options.max_skills,
    )  # fmt: skip
    for w in weak:
        sid = w["skill_id"]
        if in_scope(sid, demand=w.get("demand") or 0.0, scope=scope, postings=postings, taxonomy=taxonomy):
            inputs.append(PlanInput(sid, demand=w.get("demand") or 0.0, kind="prove",
                                    coverage_weight=weights.get(sid, 0.0) * (1 - listed_credit)))  # fmt: skip
    credit = sum(i.coverage_weight for i in inputs if i.skill_id in progress.done)
    done_skills = {k for k in marked if not k.startswith("project:") and k in taxonomy.skills}
    plan = make_plan(
        [i for i in inputs if i.skill_id not in marked], taxonomy=taxonomy, have=set(have) | done_skills,
        listed=set(listed), hours_per_week=hours_per_week, role_id=role_id,
        current_coverage=min(1.0, current_coverage + credit), postings=postings,
        target_coverage=options.target_coverage,
        exclude_projects={k.split(":", 1)[1] for k in marked if k.startswith("project:")},
    )  # fmt: skip
    return replace(plan, priorities=priorities, out_of_scope=tuple(sorted(out_of_scope)),
                   done=tuple(sorted(progress.done)), skipped=tuple(sorted(progress.skipped)))  # fmt: skip
