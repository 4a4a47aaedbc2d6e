"""Exports a coach can hand over: Markdown (dated, with coverage, milestones, resources as links) and CSV.

Prose is written as plain text; only the characters that would make markup (links, images, HTML, emphasis, code,
table cells) are escaped, so "Proof-of-concept" stays as written while "[x](javascript:...)" cannot become a link.
CSV cells are made inert for spreadsheets (``textsafe.csv_safe``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from skillgap.plan.model import JOB_READY, REST, STRONG, Milestone, Plan, PlanStep, resource_dict
from skillgap.textsafe import csv_safe

# Characters that make inline Markdown/HTML (links, images, tags, emphasis, code, tables, strikethrough, math).
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~$])")
_TITLES = {JOB_READY: "Job-ready", STRONG: "Strong candidate", REST: "The rest of the plan"}


def prose(text) -> str:
    """One line of user-facing text with only the markup characters escaped."""
    return _INLINE_MARKUP.sub(r"\\\1", " ".join(str(text or "").split()))


def _url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def resource_markdown(resource) -> str:
    r = resource_dict(resource)
    title = prose(r["title"])
    text = f"[{title}]({_url(r['url'])})" if r.get("url") else title
    kind = r.get("kind") if r.get("kind") != "project" else None
    details = ", ".join(x for x in (kind, r.get("cost") if r.get("url") or kind else None) if x)
    return f"{text} ({details})" if details else text


def _weeks(start: int, end: int) -> str:
    return f"week {start}" if start == end else f"weeks {start}–{end}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{round(x * 100)}%"


def _hours(h: float) -> str:
    return f"{h:,.0f}" if float(h).is_integer() else f"{h:,.1f}"


@dataclass(frozen=True)
class ReportContext:
    """What the Markdown says around the plan: when, on what data, for whom, from where."""

    today: date
    coverage: float | None = None
    postings: int | None = None
    basis: str | None = None  # market | blend | guides
    filters: dict = field(default_factory=dict)
    freshness: dict | None = None  # skillgap.market.freshness(con)
    have: list = field(default_factory=list)  # gap "have" entries (label, months, implied_by)
    weak: list = field(default_factory=list)  # gap "weak" entries
    labels: dict = field(default_factory=dict)  # skill id -> label (for implied_by)


def report_context(result, *, freshness: dict | None = None, today: date | None = None, taxonomy=None) -> ReportContext:
    """The context of a ``GapResult`` (coverage, postings, filters, held skills)."""
    labels = {sid: s.label for sid, s in taxonomy.skills.items()} if taxonomy is not None else {}
    labels.update({h["skill_id"]: h["label"] for h in result.have})
    return ReportContext(today=today or date.today(), coverage=result.coverage, postings=result.postings,
                         basis=result.basis, filters=dict(result.filters), freshness=freshness,
                         have=list(result.have), weak=list(result.weak), labels=labels)  # fmt: skip


def plan_of(result) -> Plan:
    """The ``Plan`` of a ``GapResult`` (its steps and milestones), for the exports."""
    return Plan(steps=tuple(result.plan_steps), milestones=tuple(Milestone(**m) for m in result.milestones),
                start_coverage=(result.plan_progress or {}).get("start_coverage", result.coverage or 0.0))


def _header(ctx: ReportContext) -> list[str]:
    basis = {"market": "market demand", "blend": "market demand blended with the career guides",
             "guides": "the career guides' role profile"}.get(ctx.basis or "", "")  # fmt: skip
    lines = [f"Prepared {ctx.today.isoformat()}."]
    if ctx.postings is not None:
        lines.append(f"Demand from {ctx.postings:,} postings ({basis})." if basis else f"Demand from {ctx.postings:,} postings.")
    fresh = ctx.freshness or {}
    refreshed = str(fresh.get("aggregated_at") or fresh.get("last_load") or "")[:10]
    parts = ([f"latest postings from {fresh['latest_month']}"] if fresh.get("latest_month") else []) + (
        [f"refreshed {refreshed}"] if refreshed else [])
    if parts:
        lines.append("Store: " + ", ".join(parts) + ".")
    filters = {k: v for k, v in ctx.filters.items() if k != "role"}
    lines.append("Filters: " + (", ".join(f"{k} {prose(v)}" for k, v in sorted(filters.items())) or "none") + ".")
    if ctx.coverage is not None:
        lines.append(f"Coverage now: {_pct(ctx.coverage)} of the role's weighted demand.")
    return [" ".join(lines), ""]


def _held(ctx: ReportContext) -> list[str]:
    """The skills the CV shows, with what backs them (never the CV's own sentences: the file may be shared)."""
    if not ctx.have and not ctx.weak:
        return []
    lines = ["## Skills your CV shows", ""]
    for h in ctx.have:
        if h.get("implied_by"):
            backing = f"implied by {prose(ctx.labels.get(h['implied_by'], h['implied_by']))}"
        elif h.get("months"):
            backing = f"shown in use, about {round(h['months'])} months"
        else:
            backing = "shown in use"
        lines.append(f"- **{prose(h['label'])}**: {backing}")
    if ctx.weak:
        names = ", ".join(prose(w["label"]) for w in ctx.weak)
        lines.append(f"- Listed without evidence of use: {names} (each gets a short step that puts it on record)")
    return lines + [""]


def _milestone_table(plan: Plan) -> list[str]:
    if not plan.milestones:
        return []
    lines = ["| Milestone | Target | Coverage after | Hours | Until |", "|---|---|---|---|---|"]
    for m in plan.milestones:
        target = _pct(m.target_coverage) + ("" if m.reached else " (not reached)")
        lines.append(f"| {_TITLES.get(m.name, prose(m.name))} | {target} | {_pct(m.coverage)} | "
                     f"{_hours(m.hours)} | week {m.until_week} |")  # fmt: skip
    return lines + [""]


def _step_lines(s: PlanStep) -> list[str]:
    """A numbered item (its number is the plan's order) with the reason, resources and coverage as sub-items."""
    if s.kind == "project":
        title = f"**Project: {prose(s.label)}**"
    elif s.kind == "prove":
        title = f"**Show it: {prose(s.label)}**"
    else:
        title = f"**{prose(s.label)}**"
    lines = [f"{s.order}. {title} — {_hours(s.hours)} h, {_weeks(s.start_week, s.end_week)}",
             f"    - Why: {prose(s.why)}"]  # fmt: skip
    briefs = [r for r in s.resources if resource_dict(r)["kind"] == "project"]
    others = [r for r in s.resources if resource_dict(r)["kind"] != "project"]
    for brief in briefs if s.kind == "project" else ():
        text = resource_dict(brief)["title"]
        lines.append(f"    - Brief: {prose(text.removeprefix(f'{s.label}: '))}")
    shown = others if s.kind == "project" else list(s.resources)
    if shown:
        lines.append("    - Resources: " + "; ".join(resource_markdown(r) for r in shown))
    if s.certifications:
        lines.append("    - Certification: " + "; ".join(prose(c) for c in s.certifications))
    if s.coverage_after is not None and s.kind != "project":
        lines.append(f"    - Role coverage after this step: {_pct(s.coverage_after)}")
    return lines


def _sections(steps: list[PlanStep]) -> list[str]:
    lines: list[str] = []
    milestone, phase = None, None
    for s in steps:
        if s.milestone != milestone:
            milestone, phase = s.milestone, None
            mine = [x for x in steps if x.milestone == milestone]
            title = _TITLES.get(milestone, prose(milestone) if milestone else "Plan")
            lines += ["", f"## {title} ({_weeks(mine[0].start_week, max(x.end_week for x in mine))}, "
                      f"{_hours(sum(x.hours for x in mine))} h)"]  # fmt: skip
        if s.phase != phase:
            phase = s.phase
            lines += ["", f"### {phase}", ""]
        lines += _step_lines(s)
    return lines


def plan_to_markdown(plan: Plan | list[PlanStep], *, role_label: str, context: ReportContext | None = None) -> str:
    """The plan as Markdown: header (date, data, filters, coverage), held skills, milestones, steps by phase."""
    if not isinstance(plan, Plan):
        plan = Plan(steps=tuple(plan))
    lines = [f"# Learning plan: {prose(role_label)}", ""]
    if context is not None:
        lines += _header(context) + _held(context)
    if not plan.steps:
        return "\n".join(lines + ["Nothing to learn: no missing skills."]) + "\n"
    weeks = max(s.end_week for s in plan.steps)
    lines.append(f"{len(plan.steps)} steps, about {_hours(plan.hours)} hours ({weeks} weeks at the chosen pace).")
    lines.append("")
    lines += _milestone_table(plan)
    return "\n".join(lines + _sections(list(plan.steps))) + "\n"


# the first seven columns keep their places (older readers); every other step field follows
CSV_COLUMNS = ("order", "skill_id", "label", "phase", "hours", "why", "resources",
               "milestone", "kind", "key", "guide_phase", "start_week", "end_week", "coverage_after", "priority",
               "pulled_in", "prerequisites", "needed_for", "certifications", "certification_ids", "project_id",
               "project_skills", "resource_urls")  # fmt: skip


def _cell(value) -> str | float | int:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return csv_safe("" if value is None else str(value))


def plan_to_csv(plan: Plan | list[PlanStep]) -> str:
    """Every step field as CSV (lists joined by "; "), safe to open in a spreadsheet."""
    steps = plan.steps if isinstance(plan, Plan) else plan
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in steps:
        row = s.to_dict()
        resources = [resource_dict(r) for r in s.resources]
        row["resources"] = [r["title"] for r in resources]
        row["resource_urls"] = [r["url"] for r in resources if r.get("url")]
        writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
    return buf.getvalue()
