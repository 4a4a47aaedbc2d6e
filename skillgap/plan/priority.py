"""How much a skill is worth learning per hour, and the one-line reason a step is in the plan."""

from __future__ import annotations

import math

from skillgap.plan.model import DEFAULT_HOURS, PlanInput

EFFORT_EXPONENT = 0.3
W_DEMAND, W_CENTRALITY, W_TREND = 0.50, 0.35, 0.15
_RISING, _FALLING = 0.10, -0.10  # relative change of the share per year
_MIN_SHARE_FOR_TREND = 0.05


def clip01(x: float) -> float:
    if not math.isfinite(x):
        return 0.0
    return min(1.0, max(0.0, x))


def yearly_change(inp: PlanInput) -> float | None:
    """The trend as a relative change of the skill's share over a year (+0.2 = asked 20 % more often)."""
    if inp.trend is None or not math.isfinite(inp.trend):
        return None
    return 12.0 * inp.trend / max(clip01(inp.demand), _MIN_SHARE_FOR_TREND)


def _trend_score(inp: PlanInput) -> float:
    yearly = yearly_change(inp)
    return 0.5 if yearly is None else 0.5 + 0.5 * math.tanh(yearly)


def priority(inp: PlanInput, *, hours: float) -> float:
    """Value per (softened) hour of learning: see docs/cv.md, "Priority"."""
    value = W_DEMAND * clip01(inp.demand) + W_CENTRALITY * clip01(inp.centrality) + W_TREND * _trend_score(inp)
    effort = (max(float(hours), 1.0) / DEFAULT_HOURS) ** EFFORT_EXPONENT
    return value / effort


def why(
    inp: PlanInput | None,
    *,
    role_label: str,
    needed_for: list[str],
    guide_phase: str | None,
    postings: int | None,
) -> str:
    """One line: how often the role asks for it, whether the guides make it core, what it unlocks."""
    parts: list[str] = []
    if inp is not None and inp.kind == "prove":
        parts.append("your CV lists it without showing it in use: a small piece of work puts it on record")
    if inp is not None and inp.demand > 0 and postings != 0:
        text = f"asked in {round(clip01(inp.demand) * 100)}% of {role_label} postings"
        yearly = yearly_change(inp)
        if yearly is not None:
            text += ", rising" if yearly > _RISING else (", falling" if yearly < _FALLING else ", steady")
        parts.append(text)
    if inp is not None and inp.centrality >= 0.5:
        parts.append(f"a core {role_label} skill in the career guides")
    if needed_for:
        more = f" and {len(needed_for) - 3} more" if len(needed_for) > 3 else ""
        parts.append("needed before " + ", ".join(needed_for[:3]) + more)
    if not parts and guide_phase:
        parts.append(f'in the guide phase "{guide_phase}"')
    if not parts:
        parts.append(f"part of the {role_label} skill set")
    if inp is not None and inp.note:
        parts.append(inp.note)
    out = "; ".join(parts)
    return out[:1].upper() + out[1:]
