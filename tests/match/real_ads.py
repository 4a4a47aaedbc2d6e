"""Job ads from the real postings in ../shared, and three CVs per ad written in code (all tools in use, half of
them, none: an HR generalist). Used by the shared-data test and by benchmarks/match_real_ads.py (more ads, two CV
styles)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

TOOL_KINDS = frozenset({"tool", "platform", "language", "framework", "library", "service"})
MIN_TOOLS = 4
# (file under data/postings, how many ads to take from it)
SOURCES = (
    ("glassdoor_indeed_linkedin_2020/indeed-ds-0407.csv", 4),
    ("glassdoor_indeed_linkedin_2020/indeed-da-0407.csv", 3),
    ("hn_whoishiring_2026/runs/2026-03-15/raw.json", 3),
)

HR_GENERALIST_CV = """Morgan Example
HR Generalist

Summary
HR generalist with nine years in people operations for retail and healthcare employers.

Experience
HR Generalist, Example Retail Group — Mar 2019 - Present
- Ran recruiting and onboarding for store teams of 400 people across twelve locations.
- Advised managers on employee relations, performance reviews and disciplinary meetings.
- Coordinated benefits enrolment and answered payroll questions from staff.

HR Assistant, Example Health Clinic — Jun 2015 - Feb 2019
- Organised training days, kept personnel files and scheduled interviews.
- Wrote the staff handbook and the leave policy with the HR manager.

Education
BA Psychology, 2015
"""

_SENTENCES = (
    "Built and maintained production services with {t} for the analytics team.",
    "Used {t} every day to deliver reports and pipelines for the business.",
    "Introduced {t} in the team and led its adoption across three projects.",
    "Designed and shipped data products with {t} that run in production.",
)


@dataclass(frozen=True)
class RealAd:
    source: str  # file and row/id
    text: str
    tools: list[tuple[str, str]]  # (skill id, the ad's own wording) of every tool the ad asks for


def grouped_cv(tools: list[tuple[str, str]]) -> str:
    """Another CV style: three tools per experience line, a year-only date range."""
    words = [w for _, w in tools]
    groups = [words[i:i + 3] for i in range(0, len(words), 3)]
    lines = "\n".join(
        f"- Shipped production features using {', '.join(g[:-1]) + (' and ' if len(g) > 1 else '') + g[-1]}."
        for g in groups
    )
    return ("Sam Example\nSoftware Engineer\n\nWork Experience\nSoftware Engineer, Example Corp, 2019 - 2024\n"
            f"{lines}\n\nEducation\nBSc, 2018\n")


def experience_cv(tools: list[tuple[str, str]]) -> str:
    """A CV that shows each tool in use: one experience sentence per tool."""
    lines = [_SENTENCES[i % len(_SENTENCES)].format(t=text) for i, (_, text) in enumerate(tools)]
    bullets = "\n".join(f"- {line}" for line in lines)
    return (
        "Sam Example\nData Professional\n\n"
        "Summary\nEngineer with eight years of hands-on work in analytics and software teams.\n\n"
        "Experience\nSenior Engineer, Example Corp — Jan 2018 - Present\n"
        f"{bullets}\n\n"
        "Education\nBSc Computer Science, 2017\n"
    )


def _texts(shared: Path, rel: str) -> list[tuple[str, str]]:
    path = shared / "data" / "postings" / rel
    if path.suffix == ".json":
        return [(f"{rel}#{j['id']}", j.get("text") or "") for j in json.loads(path.read_text())["jobs"]]
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        return [(f"{rel}:{i + 2}", f"{r.get('Job Title') or r.get('Name') or ''}\n\n{r['Description'] or ''}")
                for i, r in enumerate(rows)]


def real_ads(shared: Path, *, taxonomy, nlp, sources=SOURCES, skip: int = 0) -> list[RealAd]:
    """The first ads of each source (after *skip* rows) that read as English job ads and ask for at least MIN_TOOLS
    tools."""
    from skillgap.errors import JobAdError
    from skillgap.jobad import job_ad_from_text
    from skillgap.match import ad_skills

    out: list[RealAd] = []
    for rel, wanted in sources:
        taken = 0
        for source, raw in _texts(shared, rel)[skip:]:
            if taken == wanted:
                break
            try:
                ad = job_ad_from_text(raw, source=source)
                skills = ad_skills(ad, nlp=nlp, taxonomy=taxonomy)
            except JobAdError:
                continue
            tools = [(s.skill_id, ad.text[s.spans[0][0]:s.spans[0][1]]) for s in skills
                     if taxonomy.skills[s.skill_id].kind in TOOL_KINDS]
            if len(tools) >= MIN_TOOLS:
                out.append(RealAd(source=source, text=ad.text, tools=tools))
                taken += 1
    return out
