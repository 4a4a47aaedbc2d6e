"""Match one CV with one job ad: a score in [0, 1] with its parts, what matches, what is missing, and a plan.

The ad's skills come from the same extraction as every posting (``mode="posting"``), so skills mentioned only in
the company blurb, the benefits or an equal-opportunity statement are not asked for, and each skill has a
requirement level: required (a requirement, or unknown) or nice-to-have. The formula (docs/cv.md, "Matching one
job ad")::

    weight(skill)  = (1.0 if required else 0.5) × (1.0 a tool, language, platform, framework, library, service or
                     certification; 1/3 a concept or practice; 0.2 a soft skill)
    credit(skill)  = 1.0 shown in use (experience, projects, certified)
                     0.5 only listed (a skills section)
                     0.75 × the credit of the held skill that implies it (``skillgap.cv.status.held_sets``:
                          PostgreSQL → SQL, EKS → Kubernetes): 0.75 from a skill in use, 0.375 from a listed one
                     0   missing (or still learning, or not held)
    credit        *= 1 − 0.25 × (1 − years shown / years asked)   when the ad asks more years than the CV shows
    score          = Σ weight × credit / Σ weight

Statuses are the CV reading's (``CVSkill.status``) after the person's corrections (``skillgap.profile``); a skill the
CV names and a held skill also implies takes the better of the two credits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from skillgap.cv.status import HeldSets, held_sets
from skillgap.errors import JobAdNoSkills
from skillgap.gap import MIN_CV_SKILLS
from skillgap.jobad import JobAd
from skills_taxonomy.model import Taxonomy

__all__ = ["CREDITS", "IMPLIED_FACTOR", "KIND_WEIGHTS", "W_PREFERRED", "W_REQUIRED", "YEARS_PENALTY", "AdSkill",
           "MatchResult", "ad_skills", "ad_worded_cv_skills", "highlight_segments", "match_cv_to_ad", "match_for_cv"]

W_REQUIRED, W_PREFERRED = 1.0, 0.5
# Concrete skills decide a match; general concepts ("data analysis") and soft skills ("communication") are asked in
# almost every ad and a CV rarely shows them in so many words.
# A third and a fifth keep a CV that shows every tool an ad asks for well above one that shows none, even in ads that
# list a dozen generic concepts (measured on 112 real ads: docs/cv.md, "Measured").
KIND_WEIGHTS = {"concept": 1 / 3, "practice": 1 / 3, "soft_skill": 0.2}  # every other kind: 1.0
CREDITS = {"used": 1.0, "listed": 0.5, "learning": 0.0, "not_held": 0.0}
IMPLIED_FACTOR = 0.75  # an implied skill: likely held, but the CV does not say so (× its source's credit)
YEARS_PENALTY = 0.25  # the most a skill's credit loses when the CV shows none of the years the ad asks
HELD = ("used", "listed")


@dataclass(frozen=True)
class AdSkill:
    """One skill the ad asks for, with the lines that ask for it."""

    skill_id: str
    label: str
    required: bool
    evidence: tuple[str, ...]  # the ad's sentences that mention it
    years_asked: float | None
    spans: tuple[tuple[int, int], ...]  # character offsets of its mentions in the ad's text
    kind_weight: float = 1.0
    surfaces: tuple[str, ...] = ()  # the ad's own wording of it ("Postgres", "R")

    @property
    def weight(self) -> float:
        return (W_REQUIRED if self.required else W_PREFERRED) * self.kind_weight


@dataclass
class MatchResult:
    score: float
    title: str | None
    company: str | None
    matched: list[dict]
    missing: list[dict]
    extra: list[dict]
    plan: list[dict]
    breakdown: dict
    explanation: str
    ad: dict = field(default_factory=dict)  # source, kind, location, month, url, posting_id, text, highlights
    cv_skills: int = 0
    plan_steps: list = field(default_factory=list, repr=False)  # PlanStep objects, for the exports
    milestones: list[dict] = field(default_factory=list)  # skillgap.plan.Milestone.to_dict(), job-ready first
    plan_progress: dict = field(default_factory=dict)  # steps a progress file marks done or skipped
    corrections: dict = field(default_factory=dict)  # {skill_id: status} the person gave (skillgap.profile)

    @property
    def verdict(self) -> str:
        """'insufficient_cv' when too few skills were found in the CV to judge it (the score is then shown with a
        warning, not as a verdict), else 'match'."""
        return "insufficient_cv" if self.cv_skills < MIN_CV_SKILLS else "match"

    def to_dict(self) -> dict:
        def ids(rows: list[dict], required: bool) -> list[str]:
            return [r["skill_id"] for r in rows if r["required"] is required]

        return {
            "score": self.score,
            "title": self.title,
            "company": self.company,
            "required": {"matched": ids(self.matched, True), "missing": ids(self.missing, True)},
            "preferred": {"matched": ids(self.matched, False), "missing": ids(self.missing, False)},
            "matched": self.matched,
            "missing": self.missing,
            "extra": self.extra,
            "plan": self.plan,
            "milestones": self.milestones,
            "plan_progress": self.plan_progress,
            "explanation": self.explanation,
            "breakdown": self.breakdown,
            "cv_skills": self.cv_skills,
            "verdict": self.verdict,
            "corrections": self.corrections,
            "ad": {k: v for k, v in self.ad.items() if k not in ("text", "highlights")},
        }


# --------------------------------------------------------------------------------------------------- the ad

def ad_skills(ad: JobAd, *, nlp: Any, taxonomy: Taxonomy | None = None) -> list[AdSkill]:
    """The skills *ad* asks for (posting-mode extraction: blurb and benefits dropped), in order of first mention.

    Raises:
        JobAdNoSkills: nothing from the taxonomy is asked for.
    """
    from skillgap.extract import extract_mentions

    by_skill: dict[str, list] = {}
    for m in extract_mentions(ad.text, nlp=nlp, mode="posting"):
        by_skill.setdefault(m.skill_id, []).append(m)
    if not by_skill:
        raise JobAdNoSkills(
            f"No skills from skillgap's taxonomy were found in '{ad.source}' ({len(ad.text.split()):,} words), so "
            "there is nothing to match your CV against. Is this the whole ad, with its requirements? (Skills named "
            "only in the company description or the benefits do not count.)"
        )
    out = []
    for sid, mentions in by_skill.items():
        years = [m.years for m in mentions if m.years]
        out.append(AdSkill(
            skill_id=sid,
            label=mentions[0].label,
            # as in the market tables: required unless every mention is explicitly nice-to-have
            required=any(m.required is not False for m in mentions),
            evidence=tuple(dict.fromkeys(m.sentence for m in mentions if m.sentence))[:3],
            years_asked=max(years) if years else None,
            spans=tuple((m.start, m.end) for m in mentions),
            kind_weight=_kind_weight(sid, taxonomy),
            surfaces=tuple(dict.fromkeys(m.text for m in mentions)),
        ))
    return out


def _kind_weight(skill_id: str, taxonomy: Taxonomy | None) -> float:
    skill = taxonomy.skills.get(skill_id) if taxonomy is not None else None
    return KIND_WEIGHTS.get(skill.kind, 1.0) if skill is not None else 1.0


# --------------------------------------------------------------------------------------------------- the CV

def _years_shown(cv_skill: Any) -> float | None:
    years = getattr(cv_skill, "years", None)
    if isinstance(years, (int, float)) and years > 0:
        return float(years)
    months = getattr(cv_skill, "months", None)
    return months / 12 if isinstance(months, (int, float)) and months > 0 else None


def _cv_evidence(cv_skill: Any) -> str | None:
    evidence = list(getattr(cv_skill, "evidence", None) or [])
    for ev in evidence:
        if ev.get("section") in ("experience", "projects"):
            return ev.get("sentence") or ev.get("text")
    return (evidence[0].get("sentence") or evidence[0].get("text")) if evidence else None


_SENTENCE_START = re.compile(r"(?:^|[.!?•:]\s|\n[ \t]*(?:[-*•▪◦][ \t]*)?)$")


def ad_worded_cv_skills(cv_doc: Any, skills: list[AdSkill], *, found: set[str]) -> list[Any]:
    """CV skills the extractor left alone but the CV writes exactly as the ad does.

    The ad settles what an ambiguous name means ("R", "Excel", "Access" next to other tools); a CV that uses the
    same word, in the same case, outside a sentence start, means the same thing. All-lowercase wordings ("go",
    "spring") are too common as plain words and are not looked for.
    """
    from skillgap.cv.model import CVSkill

    text = cv_doc.text
    out = []
    for s in skills:
        if s.skill_id in found:
            continue
        evidence = []
        for surface in s.surfaces:
            if surface.islower() and surface.isalpha():
                continue
            pattern = re.compile(r"(?<![\w.+#/-])" + re.escape(surface) + r"(?![\w+#&]|\.\w|-\w)")
            for m in pattern.finditer(text):
                if surface.isalpha() and len(surface) > 1 and _SENTENCE_START.search(text[max(0, m.start() - 8):m.start()]):
                    continue
                section = cv_doc.section_at(m.start())
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                evidence.append({"text": surface, "sentence": text[line_start:line_end if line_end >= 0 else None].strip(),
                                 "section": section.name if section is not None else "header",
                                 "start": m.start(), "end": m.end()})
        if evidence:
            sections = {e["section"] for e in evidence}
            out.append(CVSkill(skill_id=s.skill_id, label=s.label, evidence=evidence,
                               in_skills_list="skills" in sections,
                               used_in_experience=bool(sections & {"experience", "projects"})))
    return out


# --------------------------------------------------------------------------------------------------- scoring

def _years_factor(asked: float | None, shown: float | None) -> float:
    """1 when nothing is asked, nothing is shown, or enough is shown; down to 1 − YEARS_PENALTY when short."""
    if not asked or shown is None or shown >= asked:
        return 1.0
    return 1.0 - YEARS_PENALTY * (1.0 - shown / asked)


def _own_status(skill_id: str, cv: Mapping[str, Any], corrections: Mapping[str, str]) -> str | None:
    """What the CV itself says of a skill, after the person's corrections (None: the CV does not name it)."""
    if skill_id in corrections:
        return corrections[skill_id]
    return cv[skill_id].status if skill_id in cv else None


def _judge(s: AdSkill, cv: Mapping[str, Any], sets: HeldSets, corrections: Mapping[str, str],
           labels: Mapping[str, str]) -> dict:
    """One ad skill against the CV: status, credit and evidence."""
    own = _own_status(s.skill_id, cv, corrections)
    source = sets.implied_by.get(s.skill_id)
    implied_credit = IMPLIED_FACTOR * CREDITS.get(sets.status(s.skill_id) or "", 0.0) if source else 0.0
    if own in HELD:
        held = cv.get(s.skill_id)
        shown = _years_shown(held) if held is not None and s.skill_id not in corrections else None
        credit = max(CREDITS[own] * _years_factor(s.years_asked, shown), implied_credit)
        evidence = _cv_evidence(held) if held is not None else None
        if s.skill_id in corrections:
            evidence = f"you marked it as {'shown in use' if own == 'used' else 'listed'} (a correction)"
        return {"status": own, "credit": credit, "evidence": evidence, "years_shown": shown,
                "base": max(CREDITS[own], implied_credit), "implied_by": source}
    if source and implied_credit > 0:
        ev = _cv_evidence(cv[source]) if source in cv else None
        return {"status": "implied", "credit": implied_credit, "base": implied_credit,
                "evidence": f"implied by {labels.get(source, source)}" + (f": {ev}" if ev else ""),
                "years_shown": None, "implied_by": source}
    return {"status": own or "missing", "credit": 0.0, "base": 0.0, "evidence": None, "years_shown": None,
            "implied_by": None}


def _breakdown(rows: list[tuple[AdSkill, dict]]) -> dict:
    parts = {}
    for name, required, weight in (("required", True, W_REQUIRED), ("preferred", False, W_PREFERRED)):
        mine = [(s, j) for s, j in rows if s.required is required]
        total = sum(s.weight for s, _ in mine)
        parts[name] = {
            "skills": len(mine),
            "weight_each": weight,
            "weight": round(total, 4),
            "credit": round(sum(s.weight * j["credit"] for s, j in mine), 4),
            "share": round(sum(s.weight * j["credit"] for s, j in mine) / total, 4) if mine else None,
            "used": sum(j["status"] == "used" for _, j in mine),
            "listed": sum(j["status"] == "listed" for _, j in mine),
            "implied": sum(j["status"] == "implied" for _, j in mine),
            "missing": sum(j["credit"] == 0 for _, j in mine),
            "not_named": sum(j["status"] == "implied" for _, j in mine),
        }
    total = sum(s.weight for s, _ in rows)
    earned = sum(s.weight * j["credit"] for s, j in rows)
    lost = sum(s.weight * (j["base"] - j["credit"]) for s, j in rows)
    return {
        **parts,
        "weighted_credit": round(earned, 4),
        "weighted_total": round(total, 4),
        "years_penalty": round(lost / total, 4) if total else 0.0,
        "formula": "score = Σ weight × credit / Σ weight; weight = (1 required, 0.5 nice-to-have) × (1 tools, "
                   "languages, platforms; 1/3 concepts and practices; 0.2 soft skills); credit 1 shown in use, 0.5 "
                   "only listed, 0.75 implied by a skill in use, 0.375 implied by a listed one, 0 missing; "
                   "credit × (1 − 0.25 × shortfall) when the CV shows fewer years than asked",
        "credits": {**CREDITS, "implied": IMPLIED_FACTOR, "implied_from_used": IMPLIED_FACTOR * CREDITS["used"],
                    "implied_from_listed": IMPLIED_FACTOR * CREDITS["listed"]},
        "weights": {"required": W_REQUIRED, "preferred": W_PREFERRED, "kinds": {**KIND_WEIGHTS, "other": 1.0}},
    }


# --------------------------------------------------------------------------------------------------- the match

def match_cv_to_ad(
    cv_skills: list[Any],
    ad: JobAd,
    *,
    taxonomy: Taxonomy,
    nlp: Any,
    hours_per_week: float = 8.0,
    max_plan_skills: int = 20,
    cv_doc: Any = None,
    corrections: Mapping[str, str] | None = None,
    progress: Any = None,
) -> MatchResult:
    """Score a CV's skills (``skillgap.cv.skills.cv_skills``) against one job ad and plan what it still needs.

    With *cv_doc* (the ``CVDocument`` the skills come from), skills the CV writes exactly as the ad does are found
    too (``ad_worded_cv_skills``). *corrections* (``{skill_id: status}``, ``skillgap.profile``) override the CV
    reading as in ``skillgap gap``; *progress* (``skillgap.plan.Progress``) leaves done and skipped steps out of the
    plan.

    Raises:
        JobAdNoSkills: the ad asks for no skill we know.
    """
    from skillgap.match_plan import plan_for_ad

    skills = ad_skills(ad, nlp=nlp, taxonomy=taxonomy)
    labels = {sid: s.label for sid, s in taxonomy.skills.items()}
    corrections = dict(corrections or {})
    cv = {s.skill_id: s for s in cv_skills}
    if cv_doc is not None:
        cv.update({s.skill_id: s for s in ad_worded_cv_skills(cv_doc, skills, found=set(cv))})
    sets = held_sets(cv.values(), taxonomy=taxonomy, corrections=corrections)
    rows = [(s, _judge(s, cv, sets, corrections, labels)) for s in skills]
    breakdown = _breakdown(rows)
    score = round(breakdown["weighted_credit"] / breakdown["weighted_total"], 4)
    role_id = _role_of(ad.title, taxonomy=taxonomy)
    plan = plan_for_ad(rows, sets=sets, taxonomy=taxonomy, role_id=role_id, hours_per_week=hours_per_week,
                       score=score, max_skills=max_plan_skills, progress=progress)
    matched, missing = _reported(rows)
    return MatchResult(
        score=score,
        title=ad.title,
        company=ad.company,
        matched=matched,
        missing=missing,
        extra=_extra(cv, corrections, asked={s.skill_id for s in skills}, labels=labels),
        plan=[step.to_dict() for step in plan.steps],
        plan_steps=list(plan.steps),
        milestones=[m.to_dict() for m in plan.milestones],
        plan_progress=plan.progress_dict(),
        breakdown={**breakdown, "score": score, "role": role_id},
        explanation=_explain(score, rows, ad=ad, labels=labels),
        ad={"source": ad.source, "kind": ad.kind, "location": ad.location, "month": ad.month, "url": ad.url,
            "posting_id": ad.posting_id, "warnings": list(ad.warnings), "text": ad.text,
            "highlights": _highlights(rows)},
        cv_skills=len(sets.held & set(cv)) + len({k for k, v in corrections.items() if v in HELD} - set(cv)),
        corrections=dict(sorted(corrections.items())),
    )


def _reported(rows: list[tuple[AdSkill, dict]]) -> tuple[list[dict], list[dict]]:
    """(matched, missing): named skills matched (required first, best credit first), the rest missing."""
    matched = [_matched_entry(s, j) for s, j in rows if _named(j)]
    matched.sort(key=lambda m: (not m["required"], -m["credit"]))
    missing = [_missing_entry(s, j) for s, j in rows if not _named(j)]
    missing.sort(key=lambda m: not m["required"])
    return matched, missing


def _extra(cv: Mapping[str, Any], corrections: Mapping[str, str], *, asked: set[str],
           labels: Mapping[str, str]) -> list[dict]:
    """Held skills the CV names (or a correction adds) that the ad does not ask for."""
    out = []
    for sid in [*cv, *(k for k in corrections if k not in cv)]:
        status = _own_status(sid, cv, corrections)
        if sid not in asked and status in HELD:
            out.append({"skill_id": sid, "label": labels.get(sid, cv[sid].label if sid in cv else sid),
                        "cv_status": status})
    return out


def _matched_entry(s: AdSkill, j: dict) -> dict:
    return {
        "skill_id": s.skill_id, "label": s.label, "required": s.required, "cv_status": j["status"],
        "cv_evidence": j["evidence"], "job_evidence": s.evidence[0] if s.evidence else None,
        "credit": round(j["credit"], 4), "years_asked": s.years_asked,
        "years_shown": round(j["years_shown"], 1) if j["years_shown"] else None,
        "implied_by": j.get("implied_by"),
    }  # fmt: skip


def _named(j: dict) -> bool:
    """The CV names the skill (in use or listed). An implied one counts in the score but is reported missing: the
    ad asks for it by name, and the CV should say it."""
    return j["credit"] > 0 and j["status"] != "implied"


def _missing_entry(s: AdSkill, j: dict) -> dict:
    return {"skill_id": s.skill_id, "label": s.label, "required": s.required,
            "job_evidence": s.evidence[0] if s.evidence else None, "years_asked": s.years_asked,
            "cv_status": j["status"], "credit": round(j["credit"], 4), "implied_by": j.get("implied_by"),
            "cv_evidence": j["evidence"]}  # fmt: skip


def _role_of(title: str | None, *, taxonomy: Taxonomy) -> str | None:
    from skillgap.roles import RoleClassifier

    role = RoleClassifier.from_roles(taxonomy.roles).classify(title) if title else "other"
    return role if role in taxonomy.roles else None


def _highlights(rows: list[tuple[AdSkill, dict]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every skill mention in the ad; kind: have | implied (a skill in use implies it, the CV
    does not name it) | missing_required | missing_preferred."""
    out = []
    for s, j in rows:
        if _named(j) or j["status"] == "implied":
            kind = "have" if _named(j) else "implied"
        else:
            kind = "missing_required" if s.required else "missing_preferred"
        out.extend((a, b, kind) for a, b in s.spans)
    return sorted(out)


def highlight_segments(text: str, highlights: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The ad's text cut into (piece, kind or None) in order, for showing its skills highlighted."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, kind in sorted(highlights):
        if start < pos:  # overlapping mentions: the first one wins
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], kind))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def _explain(score: float, rows: list[tuple[AdSkill, dict]], *, ad: JobAd, labels: dict[str, str]) -> str:
    what = " ".join(p for p in (ad.title and f"this {ad.title} ad", ad.company and f"at {ad.company}") if p)
    parts = [f"Your CV matches {score * 100:.0f}% of {what or 'this job ad'}"]
    for name, required in (("required skills", True), ("nice-to-haves", False)):
        mine = [(s, j) for s, j in rows if s.required is required]
        if not mine:
            continue
        have = [j for _, j in mine if _named(j)]
        detail = ", ".join(f"{sum(j['status'] == k for j in have)} {w}" for k, w in
                           (("used", "shown in use"), ("listed", "only listed")) if any(j["status"] == k for j in have))
        parts.append(f"{len(have)} of {len(mine)} {name}" + (f" ({detail})" if detail else ""))
    text = parts[0] + ": " + "; ".join(parts[1:]) + "."
    missing = [s.label for s, j in rows if s.required and j["credit"] == 0]
    if missing:
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        text += " Missing required: " + ", ".join(missing[:8]) + more + "."
    implied = [f"{s.label} (from {labels.get(j['implied_by'], j['implied_by'])})" for s, j in rows
               if j["status"] == "implied"]
    if implied:
        text += " Implied but not named in your CV — name them if you have them: " + ", ".join(implied[:6]) + "."
    short = [f"{s.years_asked:g} years of {s.label} asked, {j['years_shown']:.1f} shown"
             for s, j in rows if _named(j) and j["years_shown"] is not None and s.years_asked
             and j["years_shown"] < s.years_asked]
    if short:
        text += " Fewer years than asked: " + "; ".join(short[:4]) + "."
    return text


def match_for_cv(data: bytes, filename: str, ad: JobAd, *, taxonomy: Taxonomy, nlp: Any,
                 hours_per_week: float = 8.0, corrections: Mapping[str, str] | None = None,
                 progress: Any = None) -> tuple[Any, list[Any], MatchResult]:
    """Read a CV from bytes (in memory only), find its skills and match them with *ad* (corrections and progress
    as in ``match_cv_to_ad``).

    Returns (CVDocument, list[CVSkill], MatchResult). Raises CVError and JobAdError subclasses with clear messages.
    """
    from skillgap.cv import read_cv
    from skillgap.cv.skills import cv_skills as find_cv_skills

    doc = read_cv(data, filename=filename)
    skills = find_cv_skills(doc, nlp=nlp, taxonomy=taxonomy)
    return doc, skills, match_cv_to_ad(skills, ad, taxonomy=taxonomy, nlp=nlp, hours_per_week=hours_per_week,
                                       cv_doc=doc, corrections=corrections, progress=progress)
