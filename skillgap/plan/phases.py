"""The guides' ladder (foundation → core → depth → specialisation) and which skills belong to a role's plan."""

from __future__ import annotations

import math

from skillgap.plan.model import PHASES

IN_ROLE_SHARE = 0.25  # a skill outside the role's guide profile joins the plan when this share of postings asks


def guide_tiers(taxonomy, role_id: str | None) -> dict[str, tuple[int, str]]:
    """skill id -> (tier, the guide's phase name) from the role's guides; the earliest placement wins.

    A guide of up to four phases maps them one to one onto the tiers; a longer one is spread over the four by
    position (first → Foundation, last → Specialisation). A skill placed by several phases or guides takes the
    earliest.
    """
    if role_id is None or role_id not in taxonomy.roles:
        return {}
    out: dict[str, tuple[int, str, float]] = {}
    for gid in taxonomy.roles[role_id].guides:
        guide = taxonomy.guides.get(gid)
        if guide is None or not guide.phases:
            continue
        phases = sorted(guide.phases, key=lambda p: (p.order, p.id))
        by_name = {p.name: i for i, p in enumerate(phases)}
        placements: dict[str, int] = {}
        for i, ph in enumerate(phases):
            for sid in ph.skills:
                placements[sid] = min(placements.get(sid, i), i)
        for sid, skill in taxonomy.skills.items():  # provenance: where the guide text mentions the skill
            for ref in skill.guides:
                if ref.guide == gid and ref.phase in by_name:
                    placements[sid] = min(placements.get(sid, by_name[ref.phase]), by_name[ref.phase])
        last = len(phases) - 1
        for sid, i in placements.items():
            pos = i / last if last else 0.0
            # up to four phases map one to one; a longer guide is spread over the four (a middle phase rounds down)
            tier = i if last < len(PHASES) else math.ceil(pos * (len(PHASES) - 1) - 0.5)
            current = out.get(sid)
            if current is None or (pos, phases[i].name) < (current[2], current[1]):
                out[sid] = (tier, phases[i].name, pos)
    return {sid: (tier, name) for sid, (tier, name, _) in out.items()}


def role_scope(taxonomy, role_id: str | None) -> set[str] | None:
    """The role's guide profile: its core skills and every skill its guides' phases or projects name.

    None when there is no role (every skill is in scope).
    """
    if role_id is None or role_id not in taxonomy.roles:
        return None
    role = taxonomy.roles[role_id]
    scope = set(role.core_skills)
    for gid in role.guides:
        guide = taxonomy.guides.get(gid)
        if guide is None:
            continue
        for ph in guide.phases:
            scope.update(ph.skills)
        for project in guide.projects:
            scope.update(project.skills)
        for path in guide.certification_paths:
            scope.update(path.steps)
    return scope


def in_scope(skill_id: str, *, demand: float, scope: set[str] | None, postings: int | None) -> bool:
    """A skill belongs to the role's plan when the guides name it for the role or the postings ask for it often."""
    if scope is None or skill_id in scope:
        return True
    return bool(postings) and demand >= IN_ROLE_SHARE


def assign_tiers(
    order_hint: list[str],
    *,
    guided: dict[str, tuple[int, str]],
    deps: dict[str, list[str]],
    priority: dict[str, float],
) -> dict[str, int]:
    """Each node's tier: the guides' placement; else the tier of what needs it; else Core or Depth by priority.

    ``order_hint`` is a topological order (prerequisites first). A prerequisite never sits in a later tier than a
    skill that needs it.
    """
    tier: dict[str, int] = {}
    unplaced = sorted((n for n in order_hint if n not in guided and not deps[n]), key=lambda n: (-priority[n], n))
    half = (len(unplaced) + 1) // 2
    for i, n in enumerate(unplaced):
        tier[n] = 1 if i < half else 2
    for n in order_hint:
        if n in guided:
            tier[n] = guided[n][0]
        elif deps[n]:
            tier[n] = len(PHASES) - 1  # lowered to the earliest skill that needs it below
    for n in reversed(order_hint):
        for d in deps[n]:
            tier[n] = min(tier[n], tier[d])
    return tier
