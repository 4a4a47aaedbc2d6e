"""What a person holds, from the statuses of their CV skills, the taxonomy's implications and their corrections.

Held means used or listed. A held skill implies its taxonomy ancestors (EKS -> Kubernetes), its direct
prerequisites and their ancestors (MySQL -> SQL, Keras -> deep learning), and a used certification implies the
skills it certifies; implied skills take the status of the skill they come from, and nothing is ever implied by a
learning or not-held mention. Corrections (``--have``, ``--not``, a profile file) override what was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from skillgap.cv.model import STATUS_ORDER, CVSkill

__all__ = ["HeldSets", "cv_skill_rows", "held_sets", "implications"]


@dataclass(frozen=True)
class HeldSets:
    """The skills of one CV by status; every id is in at most one of the four sets."""

    used: set[str] = field(default_factory=set)  # shown in use (implications included)
    listed: set[str] = field(default_factory=set)  # listed only (implications included), not in ``used``
    learning: set[str] = field(default_factory=set)  # learning and not held
    not_held: set[str] = field(default_factory=set)  # read as not held (or corrected so), not in any set above
    implied_by: dict[str, str] = field(default_factory=dict)  # implied id -> the held skill it comes from

    @property
    def held(self) -> set[str]:
        return self.used | self.listed

    def status(self, skill_id: str) -> str | None:
        for name in STATUS_ORDER:
            if skill_id in getattr(self, name):
                return name
        return None


def implications(skill_id: str, *, taxonomy) -> list[str]:
    """What holding *skill_id* implies: ancestors, direct prerequisites and their ancestors, and for a
    certification the skills that list it (nearest first, no repeats)."""
    skills = taxonomy.skills
    if skill_id not in skills:
        return []
    out: list[str] = list(taxonomy.ancestors(skill_id))
    for pre in skills[skill_id].prerequisites or ():
        if pre in skills:
            out += [pre, *taxonomy.ancestors(pre)]
    if skills[skill_id].kind == "certification":
        for sid, skill in skills.items():
            if skill_id in (skill.certifications or ()):
                out += [sid, *taxonomy.ancestors(sid)]
    return [s for s in dict.fromkeys(out) if s != skill_id]


def _corrected(cv_skills: Iterable[CVSkill], corrections: Mapping[str, str] | None) -> dict[str, str]:
    status = {s.skill_id: s.status for s in cv_skills}
    for sid, st in (corrections or {}).items():
        status[sid] = st
    return status


def held_sets(cv_skills: Iterable[CVSkill], *, taxonomy, corrections: Mapping[str, str] | None = None) -> HeldSets:
    """Split a CV's skills into used / listed / learning / not held, with taxonomy implications.

    Args:
        cv_skills: from ``skillgap.cv.skills.cv_skills`` (or built by hand: only ``skill_id`` and ``status`` count).
        corrections: ``{skill_id: status}`` the person gave (``skillgap.profile``); they override what was read,
            and a corrected skill is never implied into another status.
    """
    cv_skills = list(cv_skills)
    status = _corrected(cv_skills, corrections)
    fixed = set(corrections or {})
    used = {sid for sid, st in status.items() if st == "used"}
    listed = {sid for sid, st in status.items() if st == "listed"}
    implied_by: dict[str, str] = {}
    for source_set, target in ((sorted(used), used), (sorted(listed), listed)):
        for sid in source_set:
            for imp in implications(sid, taxonomy=taxonomy):
                if imp in fixed or imp in used or imp in target:
                    continue
                target.add(imp)
                implied_by.setdefault(imp, sid)
    listed -= used
    held = used | listed
    learning = {sid for sid, st in status.items() if st == "learning"} - held
    not_held = {sid for sid, st in status.items() if st == "not_held"} - held - learning
    return HeldSets(used=used, listed=listed, learning=learning, not_held=not_held, implied_by=implied_by)


def cv_skill_rows(cv_skills: Iterable[CVSkill], *, taxonomy, corrections: Mapping[str, str] | None = None,
                  max_evidence: int = 5) -> list[dict]:
    """Every skill found in the CV (and every skill implied from a held one, or added by a correction) as the
    JSON rows of ``skillgap gap --json`` ``cv.skills``: skill_id, label, status, years, last_used, implied_by,
    corrected, evidence (sentence, section, status, cue)."""
    cv_skills = list(cv_skills)
    sets = held_sets(cv_skills, taxonomy=taxonomy, corrections=corrections)
    corrections = dict(corrections or {})
    rows: list[dict] = []
    seen: set[str] = set()

    def label(sid: str) -> str:
        return taxonomy.skills[sid].label if sid in taxonomy.skills else sid

    for s in cv_skills:
        seen.add(s.skill_id)
        st = sets.status(s.skill_id) or s.status
        rows.append({
            "skill_id": s.skill_id, "label": s.label, "status": st,
            "years": s.years if st in ("used", "listed") else None,
            "last_used": s.last_used if st in ("used", "listed") else None,
            "implied_by": sets.implied_by.get(s.skill_id) if st != s.status else None,
            "corrected": s.skill_id in corrections,
            "evidence": [{k: ev.get(k) for k in ("sentence", "section", "status", "cue")}
                         for ev in s.evidence[:max_evidence]],
        })
    extra = sorted((set(sets.implied_by) | set(corrections)) - seen, key=lambda sid: (label(sid).casefold(), sid))
    for sid in extra:
        rows.append({
            "skill_id": sid, "label": label(sid), "status": sets.status(sid) or corrections.get(sid),
            "years": None, "last_used": None, "implied_by": sets.implied_by.get(sid),
            "corrected": sid in corrections, "evidence": [],
        })
    return rows
