"""The match as Markdown a person can keep or hand to a coach: the score and its parts, the ad's skills, the plan.

Prose is written as plain text (``skillgap.plan.export.prose`` escapes only what would make markup). Like the plan
export, it never quotes the CV's own sentences: the file gets shared.
"""

from __future__ import annotations

from datetime import date

from skillgap.plan import Milestone, Plan, plan_to_markdown
from skillgap.plan.export import prose

__all__ = ["match_to_markdown"]

_CV_WORDS = {"used": "in use", "listed": "only listed", "implied": "implied", "missing": "missing",
             "learning": "learning (missing)", "not_held": "not held (missing)"}  # fmt: skip


def _code(text) -> str:
    """A file name or id as a code span (no escapes needed inside; a backtick in it widens the fence)."""
    text = " ".join(str(text or "").split())
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if text else ""


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{round(x * 100)}%"


def _header(result, *, today: date, labels: dict) -> list[str]:
    ad = result.ad
    what = " — ".join(prose(x) for x in (result.title, result.company) if x) or _code(ad.get("source"))
    where = ", ".join(prose(x) for x in (ad.get("location"), ad.get("month")) if x)
    link = ad.get("url") if str(ad.get("url") or "").startswith(("https://", "http://")) else None
    lines = [f"# Match: {what}", "",
             f"Prepared {today.isoformat()}. The ad: {_code(ad.get('source'))}" + (f", {where}" if where else "")
             + (f", <{link}>" if link else "") + ".", "",
             f"**Match score: {_pct(result.score)}.** {prose(result.explanation)}", ""]  # fmt: skip
    if result.verdict == "insufficient_cv":
        note = f"Only {result.cv_skills} skill(s) from skillgap's taxonomy were found in the CV: read the score with that in mind."
        lines += [note, ""]
    if result.corrections:
        fixed = ", ".join(f"{prose(labels[sid]) if sid in labels else _code(sid)}: {status.replace('_', ' ')}"
                          for sid, status in result.corrections.items())
        lines += [f"Your corrections to the CV reading: {fixed}.", ""]
    return lines


def _score_parts(result) -> list[str]:
    b = result.breakdown
    lines = ["## How the score is computed", "", prose(b["formula"]) + ".", "",
             "| Part | Skills | Weight | Earned | In use | Only listed | Implied | Missing |",
             "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for key, name in (("required", "Required"), ("preferred", "Nice to have")):
        p = b[key]
        lines.append(f"| {name} | {p['skills']} | {p['weight']:g} | {p['credit']:g} | {p['used']} | {p['listed']} | "
                     f"{p['implied']} | {p['missing']} |")
    lines += ["", f"Score = {b['weighted_credit']:g} earned ÷ {b['weighted_total']:g} possible = {_pct(result.score)}"
              + (f"; fewer years than asked cost {b['years_penalty'] * 100:.1f} points." if b["years_penalty"] else ".")]
    return lines + [""]


def _skills(result, *, labels: dict) -> list[str]:
    lines = ["## The skills the ad asks for", "", "| Skill | Asked as | Your CV | Credit |", "|---|---|---|---|"]
    for m in [*result.matched, *result.missing]:
        status = _CV_WORDS.get(m["cv_status"], prose(m["cv_status"]))
        if m["cv_status"] == "implied" and m.get("implied_by"):
            status = f"implied by {prose(labels.get(m['implied_by'], m['implied_by']))}, not named"
        if m.get("years_asked") and m.get("years_shown") is not None and m["years_shown"] < m["years_asked"]:
            status += f", {m['years_shown']:g} of {m['years_asked']:g} years asked"
        asked = "required" if m["required"] else "nice to have"
        lines.append(f"| {prose(m['label'])} | {asked} | {status} | {m['credit']:g} |")
    if result.extra:
        lines += ["", "Also on your CV, not asked by this ad: " + ", ".join(prose(e["label"]) for e in result.extra)
                  + "."]
    return lines + [""]


def _plan(result) -> list[str]:
    plan = Plan(steps=tuple(result.plan_steps), milestones=tuple(Milestone(**m) for m in result.milestones),
                start_coverage=(result.plan_progress or {}).get("start_coverage", result.score))
    if not plan.steps:
        return ["## Plan for this job", "", "Nothing to plan: your CV shows every skill this ad asks for.", ""]
    text = plan_to_markdown(plan, role_label="this job")
    # one level down under the match's title; coverage in a match plan is the match score
    text = text.replace("| Coverage after |", "| Score after |").replace(
        "- Role coverage after this step:", "- Match score after this step:")
    out = [("#" + line) if line.startswith("#") else line for line in text.splitlines()]
    out[0] = "## Plan for this job"
    return out


def match_to_markdown(result, *, taxonomy=None, today: date | None = None) -> str:
    """A ``MatchResult`` as Markdown: title, date, the ad, the score with its parts, the skills, the plan
    (*taxonomy* names the skills an implied one comes from)."""
    labels = {sid: s.label for sid, s in taxonomy.skills.items()} if taxonomy is not None else {}
    lines = (_header(result, today=today or date.today(), labels=labels) + _score_parts(result) + _skills(result, labels=labels)
             + _plan(result))
    return "\n".join(lines).rstrip() + "\n"
