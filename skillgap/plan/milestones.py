"""Cut a plan into milestones: the fewest hours to a target coverage (job-ready), the next step up, the rest.

Choosing the cheapest set of skills that reaches a coverage is a knapsack problem; the greedy rule here takes,
again and again, the bundle (a skill plus the prerequisites it still needs) that buys the most coverage per hour,
unless a single bundle finishes the milestone for less, then drops what the target turns out not to need.
The guides' ladder weighs in: a bundle's coverage per hour counts ``TIER_DISCOUNT`` less per tier its skill sits
above Foundation, so the foundations the guides teach first win unless a later skill is far better value.
"""

from __future__ import annotations

from skillgap.plan.graph import needed

TIER_DISCOUNT = 0.5  # per tier above Foundation: coverage per hour of a Core skill counts half, Depth a quarter
TARGET_STEPS = (0.0, 0.15, 0.25)  # the milestone ladder above the chosen target: 70 % → 85 % → 95 %
_EPS = 1e-9


def milestone_targets(start: float, target: float) -> list[float]:
    """The job-ready and strong-candidate targets: the first two rungs of the ladder above ``start``."""
    ladder = sorted({min(1.0, round(target + step, 4)) for step in TARGET_STEPS})
    above = [t for t in ladder if t > start + _EPS]
    if not above and start < 1.0 - _EPS:
        above = [1.0]
    return above[:2]


def _bundle(node: str, *, prereqs, remaining: set[str], chosen: set[str]) -> set[str]:
    return (({node} | needed(prereqs, node)) & remaining) - chosen


def _greedy(prereqs, hours, gain, *, tiers, remaining: set[str], need: float) -> set[str]:
    """The bundles that reach ``need`` coverage for few hours (see the module docstring)."""
    chosen: set[str] = set()
    got = 0.0
    candidates = sorted(n for n in remaining if gain[n] > 0)
    while got < need - _EPS:
        best, finisher = None, None
        for n in candidates:
            if n in chosen:
                continue
            bundle = _bundle(n, prereqs=prereqs, remaining=remaining, chosen=chosen)
            cost = sum(hours[b] for b in bundle)
            value = sum(gain[b] for b in bundle)
            ratio = value / max(cost, _EPS) * TIER_DISCOUNT ** tiers.get(n, 0)
            if best is None or ratio > best[0] + _EPS:
                best = (ratio, cost, value, bundle)
            if got + value >= need - _EPS and (finisher is None or cost < finisher[0] - _EPS):
                finisher = (cost, value, bundle)
        if best is None:
            break
        if finisher is not None and finisher[0] <= best[1] + _EPS:
            chosen |= finisher[2]
            got += finisher[1]
            break
        chosen |= best[3]
        got += best[2]
    return _trim(chosen, prereqs=prereqs, hours=hours, gain=gain, surplus=got - need)


def _trim(chosen: set[str], *, prereqs, hours, gain, surplus: float) -> set[str]:
    """Drop the largest steps the target does not need (nothing another chosen step rests on)."""
    out = set(chosen)
    for n in sorted(chosen, key=lambda x: (-hours[x], x)):
        if gain[n] > surplus + _EPS:
            continue
        if any(n in prereqs[m] for m in out if m != n):
            continue
        out.discard(n)
        surplus -= gain[n]
    return out


def select_milestones(
    prereqs: dict[str, tuple[str, ...]],
    *,
    hours: dict[str, float],
    gain: dict[str, float],
    start: float,
    targets: list[float],
    tiers: dict[str, int] | None = None,
) -> tuple[list[set[str]], list[float]]:
    """The steps of each milestone (one set per target, then the rest) and the coverage after each."""
    remaining = set(prereqs)
    cov = start
    groups: list[set[str]] = []
    reached: list[float] = []
    for target in targets:
        chosen = _greedy(prereqs, hours, gain, tiers=tiers or {}, remaining=remaining, need=target - cov)
        groups.append(chosen)
        remaining -= chosen
        cov += sum(gain[n] for n in chosen)
        reached.append(cov)
        if cov < target - _EPS:  # the role's skills in reach cannot get there: the rest holds what is left
            break
    groups.append(remaining)
    reached.append(cov + sum(gain[n] for n in remaining))
    return groups, reached
