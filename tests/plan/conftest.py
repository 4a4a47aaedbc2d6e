"""Fixtures for the learning-plan tests: a tiny hand-made taxonomy with prerequisites, guides and projects."""

from __future__ import annotations

import pytest

from skills_taxonomy.model import Guide, Phase, Project, Resource, Role, Skill, Taxonomy


def _resource(r):
    return r if isinstance(r, Resource) else Resource(title=r, kind="book", cost="paid")


def skill(id_, *, prereq=(), hours=20, parent=None, category="misc", kind="tool", resources=(), certs=()):
    return Skill(id=id_, label=id_.replace("-", " ").title(), category=category, kind=kind, parent=parent,
                 prerequisites=tuple(prereq), hours=hours, resources=tuple(_resource(r) for r in resources),
                 certifications=tuple(certs))  # fmt: skip


@pytest.fixture
def tiny():
    """python -> ml -> deep-learning -> pytorch; aws -> sagemaker (needs ml too); two SQL-family skills."""
    skills = [
        skill("python", hours=40, category="languages", kind="language",
              resources=[Resource("The Python Tutorial", kind="docs", cost="free", url="https://docs.python.org/3/")]),
        skill("ml", prereq=["python"], hours=60, category="ml"),
        skill("deep-learning", prereq=["ml"], hours=40, category="ml"),
        skill("pytorch", prereq=["deep-learning", "python"], hours=30, category="ml", parent="deep-learning"),
        skill("aws", hours=30, category="cloud", certs=["aws-saa"]),
        skill("aws-saa", hours=20, category="cloud", kind="certification", parent="aws"),
        skill("sagemaker", prereq=["aws", "ml"], hours=15, category="cloud", parent="aws"),
        skill("sql", hours=20, category="data"),
        skill("postgres", prereq=["sql"], hours=10, category="data", parent="sql"),
        skill("duckdb", prereq=["sql"], hours=5, category="data", parent="sql"),
        skill("docker", hours=10, category="devops", resources=["=HYPERLINK(\"http://x\")", "*Docker* [docs](u)"]),
    ]
    guide = Guide(
        id="ml-guide",
        title="ML guide",
        file="ml.txt",
        roles=("ml-engineer",),
        phases=(
            Phase(id="f", name="Phase 1: Basics", order=1, skills=("python", "sql", "ml")),
            Phase(id="c", name="Phase 2: Models", order=2, skills=("deep-learning", "pytorch", "docker")),
            Phase(id="d", name="Phase 3: Production", order=3, skills=("aws", "sagemaker", "duckdb")),
        ),
        projects=(
            Project(id="train-serve", name="Train and serve a model", skills=("pytorch", "sagemaker", "docker"),
                    hours=16, description="Train a small model and deploy it."),  # fmt: skip
            Project(id="unreachable", name="Mostly other things", skills=("duckdb", "x1", "x2", "x3", "x4"), hours=8),
        ),
    )
    role = Role(id="ml-engineer", label="ML engineer", title_patterns=("ml engineer",),
                core_skills={"pytorch": 1.0, "ml": 0.9, "sagemaker": 0.6}, guides=("ml-guide",))  # fmt: skip
    return Taxonomy(version="tiny", skills={s.id: s for s in skills}, categories={}, guides={guide.id: guide},
                    roles={role.id: role})  # fmt: skip
