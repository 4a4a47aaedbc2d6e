"""Gap analysis: what a target role asks for that a CV does not show, and how far the CV goes.

The role's skill weights blend market demand (share of the role's postings asking for each
skill) with the guides' role profile (``Role.core_skills``). With many postings the market
decides; with few, the guides carry the weight — and the result says how many postings the
demand rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import duckdb
import polars as pl

from skillgap import market
from skillgap.cv.model import CVSkill
from skillgap.cv.read import read_cv
from skillgap.cv.skills import cv_skills as find_cv_skills
from skillgap.cv.status import cv_skill_rows, held_sets
from skillgap.errors import UnknownRole
from skillgap.market import MarketFilter
from skillgap.plan import plan_for_gap
from skillgap.roles import RoleClassifier
from skills_taxonomy.model import Taxonomy

# With this many postings, market demand and the guides' profile weigh the same.
BLEND_POSTINGS = 30
MIN_SHARE = 0.03  # market skills asked by fewer postings are left out of the role profile
TOP_SKILLS = 40
WEAK_CREDIT = 0.5  # a skill listed without evidence of use counts half towards coverage
# Months with fewer postings are flagged as low-support in the role's demand (the market pages flag months under
# LOW_SUPPORT_POSTINGS); the trend itself comes from the corrected trend test (docs/market.md).
TREND_MIN_MONTH_POSTINGS = 10
MOVING = ("rising", "declining")  # a trend counts only where the trend test passed
MIN_CV_SKILLS = 3  # with fewer skills found, we say we could not read enough of the CV to judge


@dataclass(frozen=True)
class RoleSkill:
    skill_id: str
    label: str
    weight: float  # blended importance, 0..1
    demand: float | None  # market share of the role's postings (None without market data)
    required_share: float | None
    trend: float | None  # tested slope of the share per month; None unless the trend test passed
    centrality: float  # weight in the guides' role profile, 0..1
    trend_verdict: str | None = None  # rising | declining | no clear trend | too little support


@dataclass
class GapResult:
    role: str
    role_label: str
    postings: int
    basis: str  # market | blend | guides
    coverage: float
    have: list[dict] = field(default_factory=list)
    weak: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    plan: list[dict] = field(default_factory=list)
    closest_postings: list[dict] = field(default_factory=list)
    plan_steps: list = field(default_factory=list, repr=False)  # PlanStep objects, for exports
    milestones: list[dict] = field(default_factory=list)  # skillgap.plan.Milestone.to_dict()
    plan_progress: dict = field(default_factory=dict)  # steps the progress file marks done/skipped
    filters: dict = field(default_factory=dict)
    cv_skills: int = 0  # held skills found in the CV (or added by a correction)
    cv: dict = field(default_factory=dict)  # {"skills": every CV skill with status and evidence, "corrections": ...}

    @property
    def verdict(self) -> str:
        """'insufficient_cv' (too little found to judge), 'no_gaps', or 'gaps' — different results, different UI."""
        if self.cv_skills < MIN_CV_SKILLS:
            return "insufficient_cv"
        return "no_gaps" if not self.missing and not self.weak else "gaps"

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "role_label": self.role_label,
            "postings": self.postings,
            "basis": self.basis,
            "coverage": self.coverage,
            "have": self.have,
            "weak": self.weak,
            "missing": self.missing,
            "plan": self.plan,
            "milestones": self.milestones,
            "plan_progress": self.plan_progress,
            "closest_postings": self.closest_postings,
            "filters": self.filters,
            "cv_skills": self.cv_skills,
            "verdict": self.verdict,
            "cv": self.cv,
        }


def resolve_role(text: str, *, taxonomy: Taxonomy) -> str:
    """A role id from an id, a label, or a free-text job title ("Senior MLOps Engineer")."""
    wanted = text.strip()
    if wanted in taxonomy.roles:
        return wanted
    folded = wanted.casefold()
    for role in taxonomy.roles.values():
        if role.label.casefold() == folded or role.id.replace("-", " ") == folded:
            return role.id
    role_id = RoleClassifier.from_roles(taxonomy.roles).classify(wanted)
    if role_id != "other":
        return role_id
    known = ", ".join(sorted(taxonomy.roles))
    raise UnknownRole(f"No role family matches {text!r}. Pick one of: {known}.")


def _market_available(con: duckdb.DuckDBPyConnection | None) -> bool:
    if con is None:
        return False
    try:
        return bool(con.execute("SELECT count(*) FROM posting_facts").fetchall()[0][0])
    except duckdb.Error:
        return False


def role_profile(
    con: duckdb.DuckDBPyConnection | None,
    *,
    taxonomy: Taxonomy,
    f: MarketFilter,
    top: int = TOP_SKILLS,
) -> tuple[list[RoleSkill], int]:
    """The role's weighted skills and the number of postings the market part rests on."""
    role = taxonomy.roles[f.role] if f.role in taxonomy.roles else None
    core = dict(role.core_skills) if role else {}
    demand_rows: dict[str, dict] = {}
    n = 0
    if _market_available(con):
        frame = market.role_demand(con, f, trend_months=12, low_support=TREND_MIN_MONTH_POSTINGS)
        if not frame.is_empty():
            n = int(frame["total"][0])
            demand_rows = {r["skill_id"]: r for r in frame.iter_rows(named=True)}
    alpha = n / (n + BLEND_POSTINGS) if core else (1.0 if n else 0.0)
    candidates = set(core) | {sid for sid, r in demand_rows.items() if r["share"] >= MIN_SHARE}
    out: list[RoleSkill] = []
    for sid in candidates:
        if sid not in taxonomy.skills:
            continue
        r = demand_rows.get(sid)
        share = float(r["share"]) if r else 0.0
        weight = alpha * share + (1 - alpha) * core.get(sid, 0.0)
        if weight <= 0:
            continue
        out.append(
            RoleSkill(
                skill_id=sid,
                label=taxonomy.skills[sid].label,
                weight=weight,
                demand=share if n else None,
                required_share=(float(r["required_share"]) if r else None),
                trend=(r.get("trend") if r and r.get("trend_verdict") in MOVING else None),
                centrality=core.get(sid, 0.0),
                trend_verdict=(r.get("trend_verdict") if r else None),
            )
        )
    out.sort(key=lambda s: (-s.weight, s.skill_id))
    return out[:top], n


def _evidence_line(skill: CVSkill) -> str | None:
    for ev in skill.evidence:
        if ev.get("section") in ("experience", "projects"):
            return ev.get("sentence") or ev.get("text")
    return (skill.evidence[0].get("sentence") or skill.evidence[0].get("text")) if skill.evidence else None


def closest_postings(
    con: duckdb.DuckDBPyConnection,
    *,
    f: MarketFilter,
    have: set[str],
    labels: dict[str, str],
    limit: int = 10,
    min_skills: int = 3,
) -> list[dict]:
    """The role's postings the CV already matches best, each with what it still needs.

    ``coverage`` (also ``share_of_posting_skills``) is the share of the posting's own skills the CV has, required ones
    weighing double — not the role coverage. Each posting comes with its location, link (``url``, None when the
    posting has none) and text, so it can be read and matched (``skillgap match CV --posting ID``).
    """
    frame = market.posting_skill_rows(con, f)
    if frame.is_empty():
        return []
    held = pl.Series("skill_id", sorted(have), dtype=pl.Utf8)
    scored = (
        frame.with_columns(
            pl.col("skill_id").is_in(held.implode()).alias("has"),
            pl.when(pl.col("required")).then(1.0).otherwise(0.5).alias("w"),
        )
        .group_by("posting_id")
        .agg(
            pl.col("title").first(),
            pl.col("company").first(),
            pl.col("url").first(),
            pl.col("posted_month").first(),
            pl.col("location").first(),
            pl.col("description").first(),
            pl.len().alias("n_skills"),
            ((pl.col("w") * pl.col("has")).sum() / pl.col("w").sum()).alias("coverage"),
            pl.col("skill_id").filter(~pl.col("has") & pl.col("required")).sort().alias("missing_required"),
            pl.col("skill_id").filter(~pl.col("has") & ~pl.col("required")).sort().alias("missing_preferred"),
        )
        .filter(pl.col("n_skills") >= min_skills)
        .sort(["coverage", "n_skills", "posted_month", "posting_id"], descending=[True, True, True, False])
        .head(limit)
    )
    out = []
    for r in scored.iter_rows(named=True):
        missing = list(r["missing_required"]) + list(r["missing_preferred"])
        out.append(
            {
                "posting_id": r["posting_id"],
                "title": r["title"],
                "company": r["company"],
                "month": r["posted_month"],
                "url": r["url"],
                "coverage": round(float(r["coverage"]), 4),
                "share_of_posting_skills": round(float(r["coverage"]), 4),
                "n_skills": int(r["n_skills"]),
                "location": r["location"],
                "text": r["description"] or "",
                "missing": [{"skill_id": m, "label": labels.get(m, m)} for m in missing[:8]],
            }
        )
    return out


def analyze_gap(
    cv_skills: list[CVSkill],
    *,
    taxonomy: Taxonomy,
    con: duckdb.DuckDBPyConnection | None,
    role: str,
    f: MarketFilter | None = None,
    hours_per_week: float = 8.0,
    corrections: Mapping[str, str] | None = None,
    plan_options=None,
) -> GapResult:
    """Compare a CV's skills with a role's profile and lay out what to learn first.

    have = used (or implied by a used skill), weak = listed only, missing = the rest; a skill being learned stays
    missing with ``in_progress``; *corrections* (``{skill_id: status}``, see ``skillgap.profile``) override the CV.
    """
    role_id = resolve_role(role, taxonomy=taxonomy)
    f = MarketFilter(role=role_id) if f is None else MarketFilter(**{**f.__dict__, "role": role_id})
    profile, n = role_profile(con, taxonomy=taxonomy, f=f)
    sets = held_sets(cv_skills, taxonomy=taxonomy, corrections=corrections)
    strong_implied = sets.used
    all_implied = sets.used | sets.listed
    by_id = {s.skill_id: s for s in cv_skills}

    total = sum(s.weight for s in profile) or 1.0
    covered = 0.0
    have, weak, missing = [], [], []
    for rs in profile:
        entry = {"skill_id": rs.skill_id, "label": rs.label, "demand": rs.demand, "weight": round(rs.weight, 4)}
        if rs.skill_id in strong_implied:
            covered += rs.weight
            cv = by_id.get(rs.skill_id)
            entry["evidence"] = _evidence_line(cv) if cv else None
            entry["implied_by"] = sets.implied_by.get(rs.skill_id)
            entry["months"] = cv.months if cv and rs.skill_id not in sets.implied_by else None
            have.append(entry)
        elif rs.skill_id in all_implied:
            covered += WEAK_CREDIT * rs.weight
            cv = by_id.get(rs.skill_id)
            entry["evidence"] = _evidence_line(cv) if cv else None
            entry["implied_by"] = sets.implied_by.get(rs.skill_id)
            weak.append(entry)
        else:
            entry.update({"trend": rs.trend, "trend_verdict": rs.trend_verdict, "centrality": rs.centrality,
                          "required_share": rs.required_share,
                          "in_progress": rs.skill_id in sets.learning})
            missing.append(entry)
    coverage = covered / total
    basis = "guides" if n == 0 else ("market" if not taxonomy.roles[role_id].core_skills else "blend")

    plan = plan_for_gap(
        missing, weak, have=strong_implied, listed=all_implied - strong_implied, learning=sets.learning,
        taxonomy=taxonomy, role_id=role_id,
        weights={rs.skill_id: rs.weight / total for rs in profile}, hours_per_week=hours_per_week,
        current_coverage=coverage, postings=n, listed_credit=WEAK_CREDIT, options=plan_options,
    )
    missing = _by_priority(missing, priorities=plan.priorities)
    closest = _closest(con, f=f, postings=n, have=strong_implied | all_implied, taxonomy=taxonomy)
    return GapResult(
        role=role_id,
        role_label=taxonomy.roles[role_id].label,
        postings=n,
        basis=basis,
        coverage=round(coverage, 4),
        have=have,
        weak=weak,
        missing=missing,
        plan=[s.to_dict() for s in plan.steps],
        plan_steps=list(plan.steps),
        milestones=[m.to_dict() for m in plan.milestones],
        plan_progress=plan.progress_dict(),
        closest_postings=closest,
        filters={k: v for k, v in f.__dict__.items() if v is not None},
        cv_skills=len(sets.held & {s.skill_id for s in cv_skills}) + len(set(corrections or {}) - {s.skill_id for s in cv_skills}),
        cv={"skills": cv_skill_rows(cv_skills, taxonomy=taxonomy, corrections=corrections),
            "corrections": dict(sorted((corrections or {}).items()))},
    )


def _by_priority(missing: list[dict], *, priorities: Mapping[str, float]) -> list[dict]:
    """The missing rows with their plan priority set, highest priority first (then weight, then id)."""
    for m in missing:
        m["priority"] = priorities.get(m["skill_id"])
    missing.sort(key=lambda m: (-(m["priority"] or 0.0), -m["weight"], m["skill_id"]))
    return missing


def _closest(con: duckdb.DuckDBPyConnection | None, *, f: MarketFilter, postings: int, have: set[str],
             taxonomy: Taxonomy) -> list[dict]:
    """The postings closest to the CV's skills; none when the market part rests on no postings."""
    if not postings:
        return []
    labels = {sid: s.label for sid, s in taxonomy.skills.items()}
    return closest_postings(con, f=f, have=have, labels=labels)


def gap_for_cv(
    data: bytes,
    filename: str,
    *,
    taxonomy: Taxonomy,
    nlp,
    con: duckdb.DuckDBPyConnection | None,
    role: str,
    f: MarketFilter | None = None,
    hours_per_week: float = 8.0,
    corrections: Mapping[str, str] | None = None,
    plan_options=None,
):
    """Read a CV from bytes (in memory only), find its skills, and analyse the gap to ``role``.

    Returns (CVDocument, list[CVSkill], GapResult). Raises CVError subclasses with clear messages.
    """
    doc = read_cv(data, filename=filename)
    skills = find_cv_skills(doc, nlp=nlp, taxonomy=taxonomy)
    result = analyze_gap(skills, taxonomy=taxonomy, con=con, role=role, f=f, hours_per_week=hours_per_week,
                         corrections=corrections, plan_options=plan_options)
    return doc, skills, result
