"""The guides' portfolio projects: which milestone each one closes, and the project step itself."""

from __future__ import annotations

from skills_taxonomy.model import Resource

from skillgap.plan.model import DEFAULT_HOURS, PlanStep

PROJECT_MIN_SHARE = 0.6  # a project fits once this share of its skills is held or planned
MAX_PROJECT_DOCS = 3


def _role_projects(taxonomy, role_id: str | None) -> list:
    if role_id is None or role_id not in taxonomy.roles:
        return []
    seen: dict[str, object] = {}
    for gid in taxonomy.roles[role_id].guides:
        guide = taxonomy.guides.get(gid)
        for project in guide.projects if guide else ():
            if project.skills and project.id not in seen:
                seen[project.id] = project
    return list(seen.values())


def place_projects(taxonomy, *, role_id: str | None, groups: list[set[str]], held: set[str],
                   exclude: set[str]) -> dict[int, list]:  # fmt: skip
    """milestone index -> the projects that close it.

    A project fits a milestone when all of its planned skills are learned by then, at least one of them in that
    milestone, and at least ``PROJECT_MIN_SHARE`` of its skills are held or planned. Each milestone is closed by
    the one project that fits it best (most of its skills learned in that milestone, then the shorter); the last
    milestone takes every project that still fits.
    """
    planned = {n: i for i, g in enumerate(groups) for n in g}
    left = [p for p in _role_projects(taxonomy, role_id) if p.id not in exclude]
    out: dict[int, list] = {}
    last = len(groups) - 1
    for m in range(len(groups)):
        fitting = []
        for project in left:
            mine = [s for s in project.skills if s in planned]
            if not mine or max(planned[s] for s in mine) != m:
                continue
            covered = sum(1 for s in project.skills if s in held or s in planned)
            if covered / len(project.skills) >= PROJECT_MIN_SHARE:
                fitting.append((-sum(1 for s in mine if planned[s] == m) / len(project.skills), project.hours,
                                project.id, project))  # fmt: skip
        fitting.sort(key=lambda f: f[:3])
        chosen = [f[3] for f in fitting] if m == last else [f[3] for f in fitting[:1]]
        if chosen:
            out[m] = chosen
            left = [p for p in left if p not in chosen]
    return out


def _project_resources(project, *, taxonomy) -> tuple:
    brief = Resource(title=f"{project.name}: {project.description}" if project.description else project.name,
                     kind="project", cost="free")  # fmt: skip
    docs: list[Resource] = []
    for sid in project.skills:
        if sid not in taxonomy.skills:
            continue
        for r in taxonomy.resources_for(sid):
            if r.url and r.kind == "docs" and all(d.url != r.url for d in docs) and len(docs) < MAX_PROJECT_DOCS:
                docs.append(r)
    return (brief, *docs)


def project_hours(project) -> float:
    return float(project.hours) if project.hours and project.hours > 0 else float(DEFAULT_HOURS)


def project_step(project, *, taxonomy, phase: str, coverage: float, weeks: tuple[int, int],
                 milestone: str) -> PlanStep:  # fmt: skip
    hours = project_hours(project)
    names = ", ".join(taxonomy.skills[s].label if s in taxonomy.skills else s for s in project.skills)
    return PlanStep(
        order=0, kind="project", skill_id=None, label=project.name, phase=phase, hours=hours,
        start_week=weeks[0], end_week=weeks[1],
        why=f"Portfolio project from the career guides: shows {names} working together",
        resources=_project_resources(project, taxonomy=taxonomy), coverage_after=round(coverage, 4),
        project_id=project.id, project_skills=tuple(project.skills), milestone=milestone,
    )  # fmt: skip

