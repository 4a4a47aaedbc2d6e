"""Invariants every learning plan must satisfy (used by the tiny, random and real-taxonomy tests)."""

from __future__ import annotations

from skillgap.plan import JOB_READY, PHASES, REST, STRONG, met_prerequisites

MILESTONES = (JOB_READY, STRONG, REST)


def check_plan(steps, *, taxonomy, have, missing_ids, hours_per_week, listed=()):
    skill_steps = [s for s in steps if s.kind != "project"]
    ids = [s.skill_id for s in skill_steps]
    assert len(ids) == len(set(ids)), "a skill is planned twice"
    assert not set(ids) & set(have), "a held skill is planned"
    assert set(missing_ids) - set(have) <= set(ids), "a missing skill is left out"
    assert [s.order for s in steps] == list(range(1, len(steps) + 1))
    seen: set[str] = set()
    met = met_prerequisites(set(have) | set(listed), taxonomy=taxonomy)  # held skills and what they rest on
    for s in skill_steps:
        if s.kind == "skill":
            for p in taxonomy.skills[s.skill_id].prerequisites:
                if p in taxonomy.skills:
                    assert p in met or p in seen, f"{s.skill_id} comes before its prerequisite {p}"
                    if p in ids and p not in listed:  # planned: it comes first
                        assert p in seen, f"{s.skill_id} comes before its planned prerequisite {p}"
        seen.add(s.skill_id)
    for s in skill_steps:  # every planned skill is asked for or a (transitive) prerequisite of one that is
        if s.pulled_in:
            assert s.needed_for, s.skill_id
            assert s.skill_id not in met, f"{s.skill_id} is pulled in although a held skill rests on it"
        if s.kind == "prove":
            assert s.hours <= 10 and s.skill_id in listed
    # milestones never go back, and phases never go back within a milestone
    ranks = [MILESTONES.index(s.milestone) for s in steps]
    assert ranks == sorted(ranks)
    for m in MILESTONES:
        tiers = [PHASES.index(s.phase) for s in steps if s.milestone == m]
        assert tiers == sorted(tiers), m
    # weeks follow the cumulative hours
    cum = 0.0
    for s in steps:
        assert s.start_week == int(cum // hours_per_week) + 1
        cum += s.hours
        assert s.end_week >= s.start_week
        assert s.end_week * hours_per_week >= cum - 1e-6
    # a project closes a milestone, after all of its planned skills
    for i, s in enumerate(steps):
        if s.kind == "project":
            planned = [j for j, x in enumerate(steps) if x.kind != "project" and x.skill_id in s.project_skills]
            assert planned and max(planned) < i
            assert all(x.kind == "project" or x.milestone != s.milestone for x in steps[i + 1 :])
    covs = [s.coverage_after for s in steps if s.coverage_after is not None]
    assert covs == sorted(covs) and all(0 <= c <= 1 for c in covs)
