"""What reading a CV gives back: its clean text, the sections found in it, the jobs (date ranges) and skills."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

CVKind = Literal["pdf", "docx", "txt", "md"]

# Canonical section names. Headings we recognise but do not use ("Languages", "Hobbies") become "other";
# text before the first heading (name, contact lines) is "header".
SECTION_NAMES = ("summary", "skills", "experience", "projects", "education", "certifications", "other", "header")


@dataclass(frozen=True)
class CVSection:
    """A run of the CV's text under one heading: ``text[start:end]`` (the heading itself included)."""

    name: str  # one of SECTION_NAMES
    title: str  # the heading as written ("TECHNICAL SKILLS:", "Education Details")
    start: int
    end: int


@dataclass(frozen=True)
class JobSpan:
    """One job (or project) entry in an experience/projects section and its dates when stated."""

    title: str
    start_char: int
    end_char: int
    date_from: date | None = None
    date_to: date | None = None
    current: bool = False  # "- Present", "Till Date", "to date"

    def months(self, *, today: date) -> float | None:
        """Length in months (a same-month range counts as one), or None when a date is missing."""
        end = today if self.current else self.date_to
        if self.date_from is None or end is None or end < self.date_from:
            return None
        return float((end.year - self.date_from.year) * 12 + end.month - self.date_from.month + 1)


@dataclass(frozen=True)
class CVDocument:
    """A CV turned into clean text. Nothing in it is ever written to the store or to logs."""

    filename: str
    kind: CVKind
    text: str
    sections: list[CVSection] = field(default_factory=list)
    jobs: list[JobSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def section_at(self, pos: int) -> CVSection | None:
        """The section holding character *pos* (None before the first one or for an empty CV)."""
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.sections):
            starts = [s.start for s in self.sections]
            object.__setattr__(self, "_starts", starts)  # sections are in text order; bisect, not a scan
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and self.sections[i].start <= pos < self.sections[i].end:
            return self.sections[i]
        return None

    def section_text(self, name: str) -> str:
        """All text of the sections called *name*, joined by blank lines."""
        return "\n\n".join(self.text[s.start : s.end] for s in self.sections if s.name == name)

    def has_section(self, name: str) -> bool:
        return any(s.name == name for s in self.sections)


STATUS_ORDER = ("used", "listed", "learning", "not_held")  # strongest first


@dataclass(frozen=True)
class CVSkill:
    """One taxonomy skill found in a CV, with where and how long it was used.

    ``status``: ``used`` (applied in a job, project, thesis or course work, or certified), ``listed`` (named
    without use), ``learning`` (a plan, wish or course in progress) or ``not_held`` (negated, or someone else's
    tool); the strongest of its mentions. Held means used or listed. ``years`` and ``last_used`` come from held
    mentions only. ``implied_by`` names the found skill a taxonomy implication came from (None when found itself).
    """

    skill_id: str
    label: str
    evidence: list[dict] = field(default_factory=list)  # {text, sentence, section, start, end}
    in_skills_list: bool = False  # mentioned in a skills section
    used_in_experience: bool = False  # mentioned in an experience or projects section
    months: float | None = None  # explicit ("24 months", "5 years") else summed job durations
    last_used_year: int | None = None  # end year of the latest job that mentions it
    certified: bool = False
    status: str = ""  # "" = derived from the flags above (used when shown in use, certified or not only listed)
    years: float | None = None  # months / 12 when not given
    last_used: int | None = None  # last_used_year when not given
    implied_by: str | None = None

    def __post_init__(self) -> None:
        if not self.status:
            used = self.used_in_experience or self.certified or not self.in_skills_list
            object.__setattr__(self, "status", "used" if used else "listed")
        if self.status not in STATUS_ORDER:
            raise ValueError(f"CVSkill.status must be one of {STATUS_ORDER}, not {self.status!r}")
        if self.years is None and self.months is not None:
            object.__setattr__(self, "years", round(self.months / 12, 1))
        if self.last_used is None and self.last_used_year is not None:
            object.__setattr__(self, "last_used", self.last_used_year)

    @property
    def held(self) -> bool:
        return self.status in ("used", "listed")

    @property
    def sections(self) -> list[str]:
        return sorted({e["section"] for e in self.evidence})
