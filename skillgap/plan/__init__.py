"""The learning plan: milestones first (the fewest hours to job-ready), ordered the way the guides teach.

Pure functions over the taxonomy and numbers the caller has computed (market demand, trend, guide centrality,
coverage weight): no store access, deterministic for the same inputs. See docs/cv.md, "Learning plan".

Modules: ``model`` (inputs, steps, milestones, the plan), ``priority`` (value per hour, reasons), ``graph``
(prerequisites, one ``graphlib`` topological order), ``phases`` (the guides' tiers, the role's scope),
``milestones`` (fewest hours to each target), ``projects`` (the guides' portfolio projects), ``build``
(``make_plan``), ``for_gap`` (``plan_for_gap``, called by the gap analysis), ``progress`` (done/skipped steps),
``export`` (Markdown and CSV).
"""

from skillgap.plan.build import DEFAULT_TARGET, build_plan, make_plan
from skillgap.plan.export import ReportContext, plan_of, plan_to_csv, plan_to_markdown, report_context
from skillgap.plan.for_gap import PlanOptions, plan_for_gap
from skillgap.plan.graph import met_prerequisites
from skillgap.plan.model import JOB_READY, PHASES, REST, STRONG, Milestone, Plan, PlanInput, PlanStep
from skillgap.plan.priority import priority
from skillgap.plan.progress import Progress, progress_json, read_progress, read_progress_file

__all__ = [
    "DEFAULT_TARGET",
    "JOB_READY",
    "PHASES",
    "REST",
    "STRONG",
    "Milestone",
    "Plan",
    "PlanInput",
    "PlanOptions",
    "PlanStep",
    "Progress",
    "ReportContext",
    "build_plan",
    "make_plan",
    "met_prerequisites",
    "plan_for_gap",
    "plan_of",
    "plan_to_csv",
    "plan_to_markdown",
    "priority",
    "progress_json",
    "read_progress",
    "read_progress_file",
    "report_context",
]
