"""The guides' ladder (foundation → core → depth → specialisation) and which skills belong to a role's plan."""

from __future__ import annotations

import math

from skillgap.plan.model import PHASES

IN_ROLE_SHARE = 0.25  # a skill outside the role's guide profile joins the plan when this share of postings asks


def _role_guides(taxonomy, role_id: str) -> list:
    """The guides the role names, then the guides that name the role."""
    ids = list(taxonomy.roles[role_id].guides)
    ids += sorted(g.id for g in taxonomy.guides.values() if role_id in g.roles and g.id not in ids)
    return [taxonomy.guides[g] for g in ids if g in taxonomy.guides]


def _placements(guide, taxonomy) -> dict[str, tuple[int, str]]:
    """skill id -> (tier, phase name) in one guide: its earliest phase naming the skill (or mentioning it)."""
    phases = sorted(guide.phases, key=lambda p: (p.order, p.id))
    by_name = {p.name: i for i, p in enumerate(phases)}
    first: dict[str, int] = {}
    for i, ph in enumerate(phases):
        for sid in ph.skills:
            first[sid] = min(first.get(sid, i), i)
    for sid, skill in taxonomy.skills.items():  # provenance: where the guide text mentions the skill
        for ref in skill.guides:
            if ref.guide == guide.id and ref.phase in by_name:
                first[sid] = min(first.get(sid, by_name[ref.phase]), by_name[ref.phase])
    last = len(phases) - 1
    out = {}
    for sid, i in first.items():
        # up to four phases map one to one; a longer guide is spread over the four (a middle phase rounds down)
        tier = i if last < len(PHASES) else math.ceil(i / last * (len(PHASES) - 1) - 0.5)
        out[sid] = (tier, phases[i].name)
    return out


def guide_tiers(taxonomy, role_id: str | None) -> dict[str, tuple[int, str]]:
    """skill id -> (tier, a guide's phase name): the median of the tiers the role's guides give the skill.

    In each guide a skill takes the earliest phase that names it; a guide of up to four phases maps them one to
    one onto the tiers (Foundation, Core, Depth, Specialisation), a longer one spreads them over the four. The
    guides do not always agree (one lists Kubernetes among the foundations, two others in their later phases):
    the median (halves rounded up) follows the majority, so one guide's early mention does not pull a depth skill
    to the front. The phase name is that of the first guide giving the chosen tier.
    """
    if role_id is None or role_id not in taxonomy.roles:
        return {}
    per_skill: dict[str, list[tuple[int, str]]] = {}
    for guide in _role_guides(taxonomy, role_id):
        if guide.phases:
            for sid, placed in _placements(guide, taxonomy).items():
                per_skill.setdefault(sid, []).append(placed)
    out = {}
    for sid, placed in per_skill.items():
        tiers = sorted(t for t, _ in placed)
        k = len(tiers)
        median = tiers[k // 2] if k % 2 else math.floor((tiers[k // 2 - 1] + tiers[k // 2]) / 2 + 0.5)
        out[sid] = (median, next((name for t, name in placed if t == median), placed[0][1]))
    return out


def role_scope(taxonomy, role_id: str | None) -> set[str] | None:
    """The role's guide profile: its core skills and every skill its guides' phases or projects name.

    None when there is no role (every skill is in scope).
    """
    if role_id is None or role_id not in taxonomy.roles:
        return None
    scope = set(taxonomy.roles[role_id].core_skills)
    for guide in _role_guides(taxonomy, role_id):
        for ph in guide.phases:
            scope.update(ph.skills)
        for project in guide.projects:
            scope.update(project.skills)
        for path in guide.certification_paths:
            scope.update(path.steps)
    return scope


NOT_TAUGHT = ("domains", "soft-skills/spoken-languages")  # industries and spoken languages: no course makes them


def in_scope(skill_id: str, *, demand: float, scope: set[str] | None, postings: int | None, taxonomy=None) -> bool:
    """A skill belongs to the role's plan when the guides name it for the role or the postings ask for it often.

    Industry domains and spoken languages never do: a plan cannot teach "information technology" in 10 hours.
    """
    category = taxonomy.skills[skill_id].category if taxonomy is not None and skill_id in taxonomy.skills else ""
    if category in NOT_TAUGHT:
        return False
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
