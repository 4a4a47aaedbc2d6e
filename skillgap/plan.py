"""Order the skills a person is missing into a learning plan: prerequisites first, best value per hour early.

Pure functions over the taxonomy and numbers the caller has already computed (market demand, trend, guide
centrality, coverage weight): no store access, deterministic for the same inputs.

Priority of a missing skill (documented in docs/cv.md, "Learning plan")::

    yearly      = 12 * trend / max(demand, 0.05)        # trend = slope of the share per month -> relative change/year
    trend_score = 0.5 + 0.5 * tanh(yearly)              # 0.5 when the trend is unknown
    value       = 0.50 * demand + 0.35 * centrality + 0.15 * trend_score
    priority    = value / (hours / 20) ** 0.3           # 20 h = the taxonomy's default effort
    hours       = the skill's own hours + those of the prerequisites it still needs (the real cost of reaching it)

Prerequisites of held skills count as met (someone who runs Kubernetes needs no Linux course before Helm), so
only prerequisites nobody's held skills already rest on are pulled in. A pulled-in prerequisite inherits the
highest priority of the skills that need it, so it is learned when they are. Phases are the guides' foundation →
core → depth ladder: each skill takes the earliest phase of the role's guides that lists it (phase position within
its guide: first third → foundation, middle → core, last → depth); a skill no guide places takes the phase of the
earliest skill that needs it, or else core for the better half by priority and depth for the rest. A prerequisite
is never in a later phase than a skill that needs it. Within a phase the
order is a topological order that takes the highest priority first, keeps skills with the same parent (or else
category) next to each other when that costs little (the related skill's priority is at least half the best), and
breaks ties by skill id.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from skillgap.errors import UnknownRole, UnknownSkill
from skillgap.textsafe import csv_safe, escape_markdown

__all__ = [
    "PHASES",
    "PlanInput",
    "PlanStep",
    "build_plan",
    "met_prerequisites",
    "plan_to_csv",
    "plan_to_markdown",
    "priority",
]

PHASES = ("Foundation", "Core", "Depth")
DEFAULT_HOURS = 20
EFFORT_EXPONENT = 0.3
W_DEMAND, W_CENTRALITY, W_TREND = 0.50, 0.35, 0.15
GROUP_SLACK = 0.5  # a related skill goes next if its priority is at least this share of the best available
PROJECT_MIN_SHARE = 0.6  # a project joins the plan when this share of its skills is held or planned
_RISING, _FALLING = 0.10, -0.10  # relative change of the share per year
_MIN_SHARE_FOR_TREND = 0.05


@dataclass(frozen=True)
class PlanInput:
    """One missing skill and what makes it worth learning (all computed by the caller)."""

    skill_id: str
    demand: float = 0.0  # share of the role's postings asking for it, 0..1
    trend: float | None = None  # slope of that share per month (+0.01 = +1 point a month); None unknown
    centrality: float = 0.0  # its weight in the role's core_skills (from the guides), 0..1
    coverage_weight: float = 0.0  # how much learning it adds to the role coverage measure


@dataclass(frozen=True)
class PlanStep:
    """One step of the plan: a skill to learn, or a portfolio project (a milestone) to build."""

    order: int  # 1-based position
    kind: Literal["skill", "project"]
    skill_id: str | None  # None for a project
    label: str
    phase: str  # one of PHASES
    hours: float
    start_week: int  # 1-based, at the plan's hours per week
    end_week: int
    why: str
    resources: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()  # labels of certifications for this skill
    certification_ids: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()  # the skill's prerequisites (ids) that are in the plan
    needed_for: tuple[str, ...] = ()  # plan skills (ids) that need this one
    priority: float = 0.0  # own priority (project: 0)
    coverage_after: float | None = None  # role coverage once this step is done
    guide_phase: str | None = None  # the guide's own phase name, when a role guide places the skill
    project_id: str | None = None
    project_skills: tuple[str, ...] = ()
    pulled_in: bool = False  # a prerequisite added to the plan, not one of the missing skills asked for

    def to_dict(self) -> dict:
        return {
            "order": self.order, "kind": self.kind, "skill_id": self.skill_id, "label": self.label,
            "phase": self.phase, "hours": int(self.hours) if float(self.hours).is_integer() else self.hours,
            "start_week": self.start_week, "end_week": self.end_week,
            "why": self.why, "resources": list(self.resources), "certifications": list(self.certifications),
            "prerequisites": list(self.prerequisites), "needed_for": list(self.needed_for),
            "priority": round(self.priority, 4), "coverage_after": self.coverage_after,
            "guide_phase": self.guide_phase, "project_id": self.project_id,
            "project_skills": list(self.project_skills), "pulled_in": self.pulled_in,
        }  # fmt: skip


def _yearly_change(inp: PlanInput) -> float | None:
    """The trend as a relative change of the skill's share over a year (+0.2 = asked 20 % more often)."""
    if inp.trend is None or not math.isfinite(inp.trend):
        return None
    return 12.0 * inp.trend / max(_clip01(inp.demand), _MIN_SHARE_FOR_TREND)


def _trend_score(inp: PlanInput) -> float:
    yearly = _yearly_change(inp)
    return 0.5 if yearly is None else 0.5 + 0.5 * math.tanh(yearly)


def _clip01(x: float) -> float:
    if not math.isfinite(x):
        return 0.0
    return min(1.0, max(0.0, x))


def priority(inp: PlanInput, *, hours: float) -> float:
    """Value per (softened) hour of learning; see the module docstring for the formula."""
    value = (
        W_DEMAND * _clip01(inp.demand)
        + W_CENTRALITY * _clip01(inp.centrality)
        + W_TREND * _trend_score(inp)
    )
    effort = (max(float(hours), 1.0) / DEFAULT_HOURS) ** EFFORT_EXPONENT
    return value / effort


def _skill_hours(skill) -> float:
    h = getattr(skill, "hours", None)
    return float(h) if isinstance(h, (int, float)) and h > 0 else float(DEFAULT_HOURS)


def _reachable(starts: Iterable[str], step) -> set[str]:
    """``starts`` and every node ``step(node)`` leads to, transitively."""
    out: set[str] = set()
    stack = list(starts)
    while stack:
        node = stack.pop()
        if node not in out:
            out.add(node)
            stack.extend(step(node))
    return out


def met_prerequisites(have: Iterable[str], *, taxonomy) -> set[str]:
    """The held skills plus every prerequisite they rest on (transitively): none of these needs learning first."""
    skills = taxonomy.skills
    return _reachable((sid for sid in have if sid in skills),
                      lambda sid: (p for p in skills[sid].prerequisites if p in skills))


def _closure(targets: list[str], *, taxonomy, have: set[str]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """Targets plus their transitive prerequisites not met (``have``: held or met); each node's in-plan
    prerequisites."""
    nodes: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(targets))
    target_set = set(targets)
    while stack:
        sid = stack.pop()
        if sid in seen or (sid in have and sid not in target_set):
            continue
        seen.add(sid)
        nodes.append(sid)
        for p in sorted(taxonomy.skills[sid].prerequisites, reverse=True):
            if p in taxonomy.skills and p not in have and p not in seen:
                stack.append(p)
    node_set = set(nodes)
    prereqs = {
        sid: tuple(sorted(p for p in taxonomy.skills[sid].prerequisites if p in node_set and p != sid))
        for sid in nodes
    }
    return sorted(nodes), prereqs


def _needed_hours(nodes: list[str], prereqs: dict[str, tuple[str, ...]], hours: dict[str, float]) -> dict[str, float]:
    """Each node's own hours plus those of every in-plan prerequisite it needs, transitively (each counted once)."""
    return {n: hours[n] + sum(hours[p] for p in _reachable(prereqs[n], prereqs.__getitem__)) for n in nodes}


def _topo(nodes: list[str], prereqs: dict[str, tuple[str, ...]]) -> list[str]:
    """A deterministic topological order (cycles, which the taxonomy check forbids, are broken by id)."""
    indeg = {n: len(prereqs[n]) for n in nodes}
    dependants: dict[str, list[str]] = {n: [] for n in nodes}
    for n in nodes:
        for p in prereqs[n]:
            dependants[p].append(n)
    ready = sorted(n for n in nodes if indeg[n] == 0)
    out: list[str] = []
    done: set[str] = set()
    while len(out) < len(nodes):
        if not ready:  # a cycle: take the smallest remaining id
            ready = [min(n for n in nodes if n not in done)]
        n = ready.pop(0)
        if n in done:
            continue
        done.add(n)
        out.append(n)
        for d in dependants[n]:
            indeg[d] -= 1
            if indeg[d] == 0 and d not in done:
                ready.append(d)
        ready.sort()
    return out


def _guide_tiers(taxonomy, role_id: str | None) -> dict[str, tuple[int, str, float]]:
    """skill id -> (tier, guide phase name, position) from the role's guides (earliest placement wins)."""
    if role_id is None:
        return {}
    role = taxonomy.roles[role_id]
    out: dict[str, tuple[int, str, float]] = {}
    for gid in role.guides:
        guide = taxonomy.guides.get(gid)
        if guide is None or not guide.phases:
            continue
        phases = sorted(guide.phases, key=lambda p: (p.order, p.id))
        n = len(phases)
        by_name = {p.name: i for i, p in enumerate(phases)}
        placements: dict[str, int] = {}
        for i, ph in enumerate(phases):
            for sid in ph.skills:
                placements[sid] = min(placements.get(sid, i), i)
        for sid, skill in taxonomy.skills.items():  # provenance: where the guide text mentions the skill
            for ref in skill.guides:
                if ref.guide == gid and ref.phase in by_name:
                    placements[sid] = min(placements.get(sid, by_name[ref.phase]), by_name[ref.phase])
        for sid, i in placements.items():
            pos = i / (n - 1) if n > 1 else 0.0
            tier = 0 if pos < 1 / 3 else (1 if pos < 2 / 3 else 2)
            current = out.get(sid)
            if current is None or (pos, phases[i].name) < (current[2], current[1]):
                out[sid] = (tier, phases[i].name, pos)
    return out


def _group(skill) -> str:
    return skill.parent or f"category:{skill.category}"


def _why(
    sid: str,
    inp: PlanInput | None,
    *,
    role_label: str,
    needed_for: list[str],
    labels: dict[str, str],
    guide_phase: str | None,
    postings: int | None,
) -> str:
    parts: list[str] = []
    if inp is not None and inp.demand > 0 and postings != 0:
        text = f"asked in {round(_clip01(inp.demand) * 100)}% of {role_label} postings"
        yearly = _yearly_change(inp)
        if yearly is not None:
            text += ", rising" if yearly > _RISING else (", falling" if yearly < _FALLING else ", steady")
        parts.append(text)
    if inp is not None and inp.centrality >= 0.5:
        parts.append(f"a core {role_label} skill in the career guides")
    if needed_for:
        names = [labels[d] for d in needed_for[:3]]
        more = f" and {len(needed_for) - 3} more" if len(needed_for) > 3 else ""
        parts.append("needed before " + ", ".join(names) + more)
    if not parts and guide_phase:
        parts.append(f'in the guide phase "{guide_phase}"')
    if not parts:
        parts.append(f"part of the {role_label} skill set")
    out = "; ".join(parts)
    return out[:1].upper() + out[1:]


def build_plan(
    missing: Iterable[PlanInput],
    *,
    taxonomy,
    have: set[str] | frozenset[str] = frozenset(),
    hours_per_week: float = 8,
    role_id: str | None = None,
    current_coverage: float = 0.0,
    role_label: str | None = None,
    postings: int | None = None,
) -> list[PlanStep]:
    """Order *missing* skills (plus the prerequisites they need) into phased steps with weeks and reasons.

    Args:
        missing: the skills to learn, with their priority inputs (duplicates: the first wins).
        taxonomy: the ``Taxonomy`` (prerequisites, hours, resources, certifications, guides, roles).
        have: skill ids the person already holds; never planned, and they (with every prerequisite they rest on)
            satisfy prerequisites.
        hours_per_week: study time; changes the weeks, never the order.
        role_id: the target role; its guides give the phases and the portfolio projects.
        current_coverage: the role coverage now (0..1); each step's ``coverage_after`` adds the coverage weights
            learned so far.
        role_label: how the role is named in the reasons (default: the role's label, else "target role").
        postings: how many postings the demand figures come from; 0 means none (the reasons then do not quote
            demand).

    Raises:
        UnknownSkill: a missing skill id is not in the taxonomy.
        UnknownRole: *role_id* is not in the taxonomy.
    """
    if not (hours_per_week > 0 and math.isfinite(hours_per_week)):
        raise ValueError(f"hours_per_week must be a positive number, not {hours_per_week!r}")
    have = set(have)
    if role_id is not None and role_id not in taxonomy.roles:
        raise UnknownRole(
            f"Role '{role_id}' is not in the taxonomy ({len(taxonomy.roles)} roles); "
            "list them with `skillgap roles`."
        )
    if role_label is None:
        role_label = taxonomy.roles[role_id].label if role_id is not None else "target role"

    inputs: dict[str, PlanInput] = {}
    for inp in missing:
        if inp.skill_id not in taxonomy.skills:
            raise UnknownSkill(
                f"Skill '{inp.skill_id}' is not in taxonomy {taxonomy.version}; "
                "check the id with `skillgap taxonomy show`."
            )
        inputs.setdefault(inp.skill_id, inp)
    targets = sorted(sid for sid in inputs if sid not in have)
    if not targets:
        return []

    met = met_prerequisites(have, taxonomy=taxonomy)
    nodes, prereqs = _closure(targets, taxonomy=taxonomy, have=met)
    topo = _topo(nodes, prereqs)
    dependants: dict[str, list[str]] = {n: [] for n in nodes}
    for n in nodes:
        for p in prereqs[n]:
            dependants[p].append(n)
    skills = {n: taxonomy.skills[n] for n in nodes}
    hours = {n: _skill_hours(skills[n]) for n in nodes}
    needed_hours = _needed_hours(nodes, prereqs, hours)
    own = {n: priority(inputs[n], hours=needed_hours[n]) if n in inputs else 0.0 for n in nodes}

    # a prerequisite inherits the priority of what needs it (reverse topological order sees dependants first)
    eff = dict(own)
    for n in reversed(topo):
        for d in dependants[n]:
            eff[n] = max(eff[n], eff[d])

    guided = _guide_tiers(taxonomy, role_id)
    tier: dict[str, int] = {}
    unplaced = sorted((n for n in nodes if n not in guided and not dependants[n]), key=lambda n: (-eff[n], n))
    half = (len(unplaced) + 1) // 2
    for n in nodes:
        if n in guided:
            tier[n] = guided[n][0]
        elif dependants[n]:
            tier[n] = len(PHASES) - 1  # the phase of the earliest skill that needs it (below)
    for i, n in enumerate(unplaced):
        tier[n] = 1 if i < half else 2
    for n in reversed(topo):  # a prerequisite is never in a later phase than what needs it
        for d in dependants[n]:
            tier[n] = min(tier[n], tier[d])

    # Kahn's algorithm: lowest phase first, then priority, keeping related skills together when it costs little
    remaining = {n: len(prereqs[n]) for n in nodes}
    available = {n for n in nodes if remaining[n] == 0}
    order: list[str] = []
    last_group: str | None = None
    done: set[str] = set()
    while len(order) < len(nodes):
        if not available:  # only on a prerequisite cycle
            available = {min((n for n in nodes if n not in done), key=lambda n: (tier[n], -eff[n], n))}
        low = min(tier[n] for n in available)
        pool = sorted((n for n in available if tier[n] == low), key=lambda n: (-eff[n], n))
        pick = pool[0]
        if last_group is not None:
            related = [n for n in pool if _group(skills[n]) == last_group]
            if related and eff[related[0]] >= GROUP_SLACK * eff[pick]:
                pick = related[0]
        available.discard(pick)
        done.add(pick)
        order.append(pick)
        last_group = _group(skills[pick])
        for d in dependants[pick]:
            remaining[d] -= 1
            if remaining[d] <= 0 and d not in done:
                available.add(d)

    labels = {sid: s.label for sid, s in taxonomy.skills.items()}
    position = {n: i for i, n in enumerate(order)}

    # portfolio projects of the role's guides, after the last of their planned skills
    projects_after: dict[str, list] = {}
    if role_id is not None:
        seen_projects: set[str] = set()
        for gid in taxonomy.roles[role_id].guides:
            guide = taxonomy.guides.get(gid)
            for project in guide.projects if guide else ():
                if project.id in seen_projects or not project.skills:
                    continue
                seen_projects.add(project.id)
                planned = [s for s in project.skills if s in position]
                covered = sum(1 for s in project.skills if s in have or s in position)
                if not planned or covered / len(project.skills) < PROJECT_MIN_SHARE:
                    continue
                anchor = max(planned, key=lambda s: position[s])
                projects_after.setdefault(anchor, []).append(project)

    steps: list[PlanStep] = []
    cum_hours = 0.0
    cov = _clip01(current_coverage)

    def weeks(h: float) -> tuple[int, int]:
        start = int(cum_hours // hours_per_week) + 1
        end = max(start, math.ceil((cum_hours + h) / hours_per_week - 1e-9))
        return start, end

    for n in order:
        skill = skills[n]
        inp = inputs.get(n)
        cov = _clip01(cov + (inp.coverage_weight if inp is not None else 0.0))
        start, end = weeks(hours[n])
        needed = sorted(dependants[n], key=lambda d: position[d])
        cert_ids = tuple(c for c in skill.certifications if c in taxonomy.skills)
        steps.append(
            PlanStep(
                order=len(steps) + 1,
                kind="skill",
                skill_id=n,
                label=skill.label,
                phase=PHASES[tier[n]],
                hours=hours[n],
                start_week=start,
                end_week=end,
                why=_why(n, inp, role_label=role_label, needed_for=needed, labels=labels,
                         guide_phase=guided.get(n, (0, None))[1], postings=postings),  # fmt: skip
                resources=tuple(skill.resources),
                certifications=tuple(labels[c] for c in cert_ids),
                certification_ids=cert_ids,
                prerequisites=prereqs[n],
                needed_for=tuple(needed),
                priority=own[n],
                coverage_after=round(cov, 4),
                guide_phase=guided.get(n, (0, None))[1],
                pulled_in=n not in inputs,
            )
        )
        cum_hours += hours[n]
        for project in sorted(projects_after.get(n, []), key=lambda p: (p.hours, p.id)):
            p_hours = float(project.hours) if project.hours and project.hours > 0 else float(DEFAULT_HOURS)
            start, end = weeks(p_hours)
            names = ", ".join(labels.get(s, s) for s in project.skills)
            steps.append(
                PlanStep(
                    order=len(steps) + 1,
                    kind="project",
                    skill_id=None,
                    label=project.name,
                    phase=PHASES[tier[n]],
                    hours=p_hours,
                    start_week=start,
                    end_week=end,
                    why=f"Portfolio project from the career guides: shows {names} working together",
                    resources=(project.description,) if project.description else (),
                    coverage_after=round(cov, 4),
                    project_id=project.id,
                    project_skills=tuple(project.skills),
                )
            )
            cum_hours += p_hours
    return steps


# --------------------------------------------------------------------------------------------------- export

def _md(s: str) -> str:
    """Escape Markdown/HTML markup so labels and resources show as written (one line)."""
    return escape_markdown(" ".join(str(s).split()))


def _fmt_hours(h: float) -> str:
    return f"{h:g}"


def plan_to_markdown(steps: list[PlanStep], *, role_label: str) -> str:
    """The plan as Markdown: one section per phase, one numbered item per step."""
    if not steps:
        return f"# Learning plan: {_md(role_label)}\n\nNothing to learn: no missing skills.\n"
    total = sum(s.hours for s in steps)
    weeks = max(s.end_week for s in steps)
    lines = [
        f"# Learning plan: {_md(role_label)}",
        "",
        f"{len(steps)} steps, about {_fmt_hours(total)} hours (≈ {weeks} weeks at the chosen pace).",
    ]
    current = None
    for s in steps:
        if s.phase != current:
            current = s.phase
            in_phase = [x for x in steps if x.phase == current]
            lines += ["", f"## {current} (weeks {in_phase[0].start_week}–{max(x.end_week for x in in_phase)})", ""]
        title = f"**{_md(s.label)}**" if s.kind == "skill" else f"**Project: {_md(s.label)}**"
        lines.append(f"{s.order}\\. {title} — {_fmt_hours(s.hours)} h, weeks {s.start_week}–{s.end_week}")
        lines.append(f"   - Why: {_md(s.why)}")
        if s.resources:
            lines.append("   - Resources: " + "; ".join(_md(r) for r in s.resources))
        if s.certifications:
            lines.append("   - Certification: " + "; ".join(_md(c) for c in s.certifications))
        if s.coverage_after is not None and s.kind == "skill":
            lines.append(f"   - Role coverage after this step: {round(s.coverage_after * 100)}%")
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("order", "skill_id", "label", "phase", "hours", "why", "resources")


def _cell(value) -> str | float | int:
    if isinstance(value, (int, float)):
        return value
    return csv_safe("" if value is None else str(value))


def plan_to_csv(steps: list[PlanStep]) -> str:
    """The plan as calendar-free CSV (order, skill_id, label, phase, hours, why, resources), safe for spreadsheets."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in steps:
        label = s.label if s.kind == "skill" else f"Project: {s.label}"
        writer.writerow(
            [_cell(s.order), _cell(s.skill_id or ""), _cell(label), _cell(s.phase), _fmt_hours(s.hours), _cell(s.why),
             _cell("; ".join(s.resources))]  # fmt: skip
        )
    return buf.getvalue()

