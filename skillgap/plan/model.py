"""The learning plan's data: what the caller passes in, the steps, the milestones and the whole plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PHASES = ("Foundation", "Core", "Depth", "Specialisation")
DEFAULT_HOURS = 20  # the taxonomy's default effort for a skill
PROVE_HOURS = 10  # at most this long to put a listed-only skill on record
JOB_READY, STRONG, REST = "job-ready", "strong candidate", "the rest"

StepKind = Literal["skill", "prove", "project"]


@dataclass(frozen=True)
class PlanInput:
    """One skill to plan and what makes it worth learning (all computed by the caller).

    ``kind="prove"``: the CV lists the skill without showing it in use; the step is a small piece of work that puts
    it on record (at most ``PROVE_HOURS``), not a course.
    """

    skill_id: str
    demand: float = 0.0  # share of the role's postings asking for it, 0..1
    trend: float | None = None  # slope of that share per month (+0.01 = +1 point a month); None unknown
    centrality: float = 0.0  # its weight in the role's core_skills (from the guides), 0..1
    coverage_weight: float = 0.0  # how much doing this step adds to the role coverage measure
    kind: Literal["skill", "prove"] = "skill"
    note: str | None = None  # a remark for the reason line ("you are learning it already")


@dataclass(frozen=True)
class PlanStep:
    """One step of the plan: a skill to learn, a listed skill to prove, or a portfolio project to build."""

    order: int  # 1-based position
    kind: StepKind
    skill_id: str | None  # None for a project
    label: str
    phase: str  # one of PHASES
    hours: float
    start_week: int  # 1-based, at the plan's hours per week
    end_week: int
    why: str
    resources: tuple = ()  # skills_taxonomy.model.Resource (plain titles are accepted too)
    certifications: tuple[str, ...] = ()  # labels of certifications for this skill
    certification_ids: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()  # the skill's prerequisites (ids) that are in the plan
    needed_for: tuple[str, ...] = ()  # plan skills (ids) that need this one
    priority: float = 0.0  # own priority (project: 0)
    coverage_after: float | None = None  # role coverage once this step is done
    guide_phase: str | None = None  # the guide's own phase name, when a role guide places the skill
    project_id: str | None = None
    project_skills: tuple[str, ...] = ()
    pulled_in: bool = False  # a prerequisite added to the plan, not one of the skills asked for
    milestone: str = ""  # JOB_READY, STRONG or REST

    @property
    def key(self) -> str:
        """How a progress file names this step: the skill id, or ``project:<id>``."""
        return f"project:{self.project_id}" if self.kind == "project" else str(self.skill_id)

    def to_dict(self) -> dict:
        return {
            "order": self.order, "kind": self.kind, "key": self.key, "skill_id": self.skill_id, "label": self.label,
            "phase": self.phase, "hours": _number(self.hours), "start_week": self.start_week,
            "end_week": self.end_week, "milestone": self.milestone, "why": self.why,
            "resources": [resource_dict(r) for r in self.resources], "certifications": list(self.certifications),
            "certification_ids": list(self.certification_ids),
            "prerequisites": list(self.prerequisites), "needed_for": list(self.needed_for),
            "priority": round(self.priority, 4), "coverage_after": self.coverage_after,
            "guide_phase": self.guide_phase, "project_id": self.project_id,
            "project_skills": list(self.project_skills), "pulled_in": self.pulled_in,
        }  # fmt: skip


@dataclass(frozen=True)
class Milestone:
    """A cut of the plan: the steps up to it reach ``coverage`` (aiming at ``target_coverage``) in ``hours``."""

    name: str
    target_coverage: float | None  # None for the rest of the plan
    coverage: float  # role coverage once every step up to here is done
    hours: float  # hours from the start of the plan to the end of this milestone
    until_week: int
    steps: int  # steps in this milestone
    reached: bool  # the target is met (False when the role's skills in reach cannot get there)

    def to_dict(self) -> dict:
        return {"name": self.name, "target_coverage": self.target_coverage, "coverage": self.coverage,
                "hours": _number(self.hours), "until_week": self.until_week, "steps": self.steps,
                "reached": self.reached}  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """The ordered steps, cut into milestones, with what the plan started from."""

    steps: tuple[PlanStep, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    start_coverage: float = 0.0  # coverage the plan starts from (the CV's, plus steps marked done)
    priorities: dict[str, float] = field(default_factory=dict)  # skill id -> priority, for every missing skill
    out_of_scope: tuple[str, ...] = ()  # missing skills left out: outside the role's guides and rarely asked
    done: tuple[str, ...] = ()  # step keys the progress file marks done (left out of the plan)
    skipped: tuple[str, ...] = ()  # step keys the progress file marks skipped (left out of the plan)

    @property
    def hours(self) -> float:
        return sum(s.hours for s in self.steps)

    def progress_dict(self) -> dict:
        return {"done": list(self.done), "skipped": list(self.skipped), "start_coverage": self.start_coverage}


def resource_dict(resource) -> dict:
    """A resource as JSON; a plain title (older callers, projects' briefs) becomes a resource without a URL."""
    if hasattr(resource, "to_dict"):
        return resource.to_dict()
    return {"title": str(resource), "url": None, "kind": "project", "cost": "free"}


def _number(h: float) -> float | int:
    return int(h) if float(h).is_integer() else round(h, 1)
