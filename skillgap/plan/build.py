"""Build a learning plan: pick each milestone's steps, order them the way the guides teach, lay out the weeks.

Named steps (``make_plan``): check the arguments → the skills to plan → their prerequisite graph (only what the
held and listed skills do not already rest on) → milestones (fewest hours to each target coverage) → tiers from
the guides → one topological order (milestone, then tier, then priority) → steps with weeks, coverage and
resources, each milestone closed by the guides' portfolio project that fits it → milestone summaries.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from skillgap.errors import UnknownRole, UnknownSkill
from skillgap.plan.graph import closure, dependants, met_prerequisites, needed, topological_order
from skillgap.plan.milestones import milestone_targets, select_milestones
from skillgap.plan.model import (
    DEFAULT_HOURS,
    JOB_READY,
    PHASES,
    PROVE_HOURS,
    REST,
    STRONG,
    Milestone,
    Plan,
    PlanInput,
    PlanStep,
)
from skillgap.plan.phases import assign_tiers, guide_tiers
from skillgap.plan.priority import clip01, priority, why
from skillgap.plan.projects import place_projects, project_hours, project_step

DEFAULT_TARGET = 0.70  # job-ready: 70 % of the role's weighted demand
GROUP_SLACK = 0.5  # a related skill goes next if its priority is at least this share of the best available


@dataclass(frozen=True)
class _Graph:
    """The skills in the plan with their in-plan prerequisites, hours and priorities."""

    inputs: dict[str, PlanInput]
    prereqs: dict[str, tuple[str, ...]]
    deps: dict[str, list[str]]
    hours: dict[str, float]
    own: dict[str, float]  # a skill's own priority (0 for a pulled-in prerequisite)
    eff: dict[str, float]  # a prerequisite inherits the highest priority of what needs it


def skill_hours(skill) -> float:
    h = getattr(skill, "hours", None)
    return float(h) if isinstance(h, (int, float)) and h > 0 else float(DEFAULT_HOURS)


def _check(taxonomy, *, role_id: str | None, hours_per_week: float, role_label: str | None, target: float) -> str:
    if not (hours_per_week > 0 and math.isfinite(hours_per_week)):
        raise ValueError(f"hours_per_week must be a positive number, not {hours_per_week!r}")
    if not (0 < target <= 1):
        raise ValueError(f"target_coverage must be above 0 and at most 1, not {target!r}")
    if role_id is not None and role_id not in taxonomy.roles:
        raise UnknownRole(f"Role '{role_id}' is not in the taxonomy ({len(taxonomy.roles)} roles); "
                          "list them with `skillgap roles`.")  # fmt: skip
    if role_label is not None:
        return role_label
    return taxonomy.roles[role_id].label if role_id is not None else "target role"


def _wanted(inputs: Iterable[PlanInput], *, taxonomy, have: set[str]) -> dict[str, PlanInput]:
    """The skills to plan by id (duplicates: the first wins); held skills are never planned."""
    out: dict[str, PlanInput] = {}
    for inp in inputs:
        if inp.skill_id not in taxonomy.skills:
            raise UnknownSkill(f"Skill '{inp.skill_id}' is not in taxonomy {taxonomy.version}; "
                               "check the id with `skillgap taxonomy show`.")  # fmt: skip
        if inp.skill_id not in have:
            out.setdefault(inp.skill_id, inp)
    return out


def _graph(wanted: dict[str, PlanInput], *, taxonomy, held: set[str]) -> _Graph:
    """Learning targets pull in the prerequisites nothing held rests on; a "prove" step pulls in nothing."""
    met = met_prerequisites(held, taxonomy=taxonomy)
    learn = [sid for sid, inp in wanted.items() if inp.kind == "skill"]
    prereqs = closure(learn, taxonomy=taxonomy, met=met)
    for sid, inp in wanted.items():
        if inp.kind == "prove":
            prereqs.setdefault(sid, ())
    deps = dependants(prereqs)
    hours = {n: skill_hours(taxonomy.skills[n]) for n in prereqs}
    for sid, inp in wanted.items():
        if inp.kind == "prove":
            hours[sid] = min(float(PROVE_HOURS), hours[sid])
    own = {n: priority(wanted[n], hours=hours[n] + sum(hours[p] for p in needed(prereqs, n))) if n in wanted else 0.0
           for n in prereqs}  # fmt: skip
    eff = dict(own)
    for n in reversed(topological_order(prereqs, pick=lambda ready, _: min(ready))):
        for d in deps[n]:
            eff[n] = max(eff[n], eff[d])
    return _Graph(wanted, prereqs, deps, hours, own, eff)


def _group(skill) -> str:
    return skill.parent or f"category:{skill.category}"


def _order(graph: _Graph, *, milestone_of: dict[str, int], tiers: dict[str, int], taxonomy) -> list[str]:
    """Milestone first, then the guides' tier, then priority; a related skill goes next when that costs little."""

    def pick(ready: list[str], previous: str | None) -> str:
        low = min((milestone_of[n], tiers[n]) for n in ready)
        pool = sorted((n for n in ready if (milestone_of[n], tiers[n]) == low), key=lambda n: (-graph.eff[n], n))
        if previous is not None:
            group = _group(taxonomy.skills[previous])
            related = [n for n in pool if _group(taxonomy.skills[n]) == group]
            if related and graph.eff[related[0]] >= GROUP_SLACK * graph.eff[pool[0]]:
                return related[0]
        return pool[0]

    return topological_order(graph.prereqs, pick=pick)


class _Clock:
    """Cumulative hours → 1-based weeks at the plan's pace."""

    def __init__(self, hours_per_week: float):
        self.per_week = hours_per_week
        self.hours = 0.0

    def advance(self, h: float) -> tuple[int, int]:
        start = int(self.hours // self.per_week) + 1
        end = max(start, math.ceil((self.hours + h) / self.per_week - 1e-9))
        self.hours += h
        return start, end


def _skill_step(n: str, graph: _Graph, *, taxonomy, phase: int, weeks: tuple[int, int], coverage: float,
                milestone: str, guided, role_label: str, postings: int | None, position: dict[str, int]) -> PlanStep:
    skill = taxonomy.skills[n]
    inp = graph.inputs.get(n)
    needed_for = sorted(graph.deps[n], key=lambda d: position[d])
    cert_ids = tuple(c for c in skill.certifications if c in taxonomy.skills)
    guide_phase = guided.get(n, (0, None))[1]
    resources = taxonomy.resources_for(n) if hasattr(taxonomy, "resources_for") else tuple(skill.resources)
    return PlanStep(
        order=0, kind=inp.kind if inp is not None else "skill", skill_id=n, label=skill.label, phase=PHASES[phase],
        hours=graph.hours[n], start_week=weeks[0], end_week=weeks[1],
        why=why(inp, role_label=role_label, needed_for=[taxonomy.skills[d].label for d in needed_for],
                guide_phase=guide_phase, postings=postings),
        resources=tuple(resources), certifications=tuple(taxonomy.skills[c].label for c in cert_ids),
        certification_ids=cert_ids, prerequisites=graph.prereqs[n], needed_for=tuple(needed_for),
        priority=graph.own[n], coverage_after=round(coverage, 4), guide_phase=guide_phase, pulled_in=inp is None,
        milestone=milestone,
    )  # fmt: skip


def _lay_out(order: list[str], graph: _Graph, *, taxonomy, names: list[str], milestone_of, tiers, guided,
             projects: dict[int, list], start: float, hours_per_week: float, role_label: str,
             postings: int | None) -> list[PlanStep]:
    """Steps in order with weeks and coverage; each milestone ends with the projects that close it."""
    clock = _Clock(hours_per_week)
    position = {n: i for i, n in enumerate(order)}
    cov = start
    steps: list[PlanStep] = []
    for i, n in enumerate(order):
        m = milestone_of[n]
        inp = graph.inputs.get(n)
        cov = clip01(cov + (inp.coverage_weight if inp is not None else 0.0))
        steps.append(_skill_step(n, graph, taxonomy=taxonomy, phase=tiers[n], weeks=clock.advance(graph.hours[n]),
                                 coverage=cov, milestone=names[m], guided=guided, role_label=role_label,
                                 postings=postings, position=position))  # fmt: skip
        if i + 1 == len(order) or milestone_of[order[i + 1]] != m:
            for project in projects.get(m, []):
                steps.append(project_step(project, taxonomy=taxonomy, phase=steps[-1].phase, coverage=cov,
                                          weeks=clock.advance(project_hours(project)), milestone=names[m]))  # fmt: skip
    return [_renumber(s, k + 1) for k, s in enumerate(steps)]


def _renumber(step: PlanStep, order: int) -> PlanStep:
    return replace(step, order=order)


def _summaries(steps: list[PlanStep], *, names: list[str], targets: list[float]) -> tuple[Milestone, ...]:
    out = []
    hours = 0.0
    for i, name in enumerate(names):
        mine = [s for s in steps if s.milestone == name]
        if not mine:
            continue
        hours += sum(s.hours for s in mine)
        coverage = max((s.coverage_after or 0.0) for s in mine)
        target = targets[i] if i < len(targets) else None
        out.append(Milestone(name=name, target_coverage=target, coverage=round(coverage, 4), hours=hours,
                             until_week=max(s.end_week for s in mine), steps=len(mine),
                             reached=target is None or coverage >= target - 1e-6))  # fmt: skip
    return tuple(out)


def make_plan(
    inputs: Iterable[PlanInput],
    *,
    taxonomy,
    have: set[str] | frozenset[str] = frozenset(),
    listed: set[str] | frozenset[str] = frozenset(),
    hours_per_week: float = 8,
    role_id: str | None = None,
    current_coverage: float = 0.0,
    role_label: str | None = None,
    postings: int | None = None,
    target_coverage: float = DEFAULT_TARGET,
    exclude_projects: set[str] | frozenset[str] = frozenset(),
) -> Plan:
    """Order the skills to plan into milestones and steps (see the module docstring and docs/cv.md).

    Args:
        inputs: the skills to learn (``kind="skill"``) or to put on record (``kind="prove"``).
        have: skills the CV shows in use (with what they imply): never planned; they and everything they rest on
            satisfy prerequisites.
        listed: skills the CV lists without showing them in use: they satisfy prerequisites too.
        current_coverage: the role coverage now (0..1); ``target_coverage`` sets the job-ready milestone.
        postings: how many postings the demand figures rest on; 0 keeps the reasons from quoting demand.
        exclude_projects: project ids not to plan (marked done or skipped).

    Raises:
        UnknownSkill: an input's skill id is not in the taxonomy.
        UnknownRole: *role_id* is not in the taxonomy.
    """
    role_label = _check(taxonomy, role_id=role_id, hours_per_week=hours_per_week, role_label=role_label,
                        target=target_coverage)  # fmt: skip
    start = clip01(current_coverage)
    wanted = _wanted(inputs, taxonomy=taxonomy, have=set(have))
    if not wanted:
        return Plan(start_coverage=round(start, 4))
    graph = _graph(wanted, taxonomy=taxonomy, held=set(have) | set(listed))
    targets = milestone_targets(start, target_coverage)
    gain = {n: (wanted[n].coverage_weight if n in wanted else 0.0) for n in graph.prereqs}
    guided = guide_tiers(taxonomy, role_id)
    hint = topological_order(graph.prereqs, pick=lambda ready, _: min(ready))
    tiers = assign_tiers(hint, guided=guided, deps=graph.deps, priority=graph.eff)
    for n, inp in wanted.items():  # a short proof of a skill already listed needs nothing first: do it early
        if inp.kind == "prove" and n not in guided:
            tiers[n] = 0
    # only the guides' own ladder weighs in the choice (a tier the planner made up for an unplaced skill does not)
    ladder = {n: tiers[n] for n in graph.prereqs if n in guided}
    groups, _ = select_milestones(graph.prereqs, hours=graph.hours, gain=gain, start=start, targets=targets,
                                  tiers=ladder)  # fmt: skip
    milestone_of = {n: i for i, g in enumerate(groups) for n in g}
    names = [JOB_READY, STRONG][: len(groups) - 1] + [REST]  # one group per target tried, then the rest
    order = _order(graph, milestone_of=milestone_of, tiers=tiers, taxonomy=taxonomy)
    held = set(have) | set(listed)
    projects = place_projects(taxonomy, role_id=role_id, groups=groups, held=held, exclude=set(exclude_projects))
    steps = _lay_out(order, graph, taxonomy=taxonomy, names=names, milestone_of=milestone_of, tiers=tiers,
                     guided=guided, projects=projects, start=start, hours_per_week=hours_per_week,
                     role_label=role_label, postings=postings)  # fmt: skip
    return Plan(steps=tuple(steps), milestones=_summaries(steps, names=names, targets=targets),
                start_coverage=round(start, 4))  # fmt: skip


def build_plan(inputs: Iterable[PlanInput], **kwargs) -> list[PlanStep]:
    """The steps of ``make_plan`` (same arguments) as a list."""
    return list(make_plan(inputs, **kwargs).steps)
