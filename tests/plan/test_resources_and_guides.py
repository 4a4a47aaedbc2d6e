"""On the real taxonomy: resources for every step, the prerequisite audit, and the guides' path for an AI architect."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest
import yaml

from skillgap.cv.model import CVSkill
from skillgap.gap import analyze_gap
from skillgap.plan import PlanInput, make_plan
from skillgap.plan.graph import reachable
from skills_taxonomy.check import check_taxonomy
from skills_taxonomy.load import DATA_DIR, load_taxonomy

# The guides' core foundation → depth path for an AI architect (the AWS and cloud AI guides)
FOUNDATION = ["aws-iam", "aws-vpc", "aws-s3", "aws-ec2", "aws-lambda", "docker", "embeddings", "llm"]
DEPTH = ["aws-bedrock", "aws-sagemaker", "rag", "kubernetes", "terraform", "mlops",
         "aws-certified-solutions-architect-associate", "aws-certified-solutions-architect-professional",
         "aws-certified-machine-learning-specialty", "vector-databases"]  # fmt: skip


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def _linked(taxonomy, sid):
    return any(r.url for r in taxonomy.resources_for(sid))


def test_every_url_is_an_https_root_of_an_official_site(taxonomy):
    urls = {r.url for sid in taxonomy.skills for r in taxonomy.resources_for(sid) if r.url}
    assert len(urls) > 50
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.netloc and not parts.query and not parts.fragment, url
        assert len([p for p in parts.path.split("/") if p]) <= 3, f"{url} looks like a deep link"


@pytest.mark.parametrize("role_id", ["ai-architect", "cloud-ai-architect", "ml-engineer", "data-scientist",
                                     "data-engineer", "mlops-engineer", "devops-engineer", "backend-engineer"])
def test_nine_steps_in_ten_carry_a_linked_resource(taxonomy, role_id):
    role = taxonomy.roles[role_id]
    plan = make_plan([PlanInput(s, demand=0.3, coverage_weight=w) for s, w in role.core_skills.items()],
                     taxonomy=taxonomy, role_id=role_id)  # fmt: skip
    linked = sum(1 for s in plan.steps if any(getattr(r, "url", None) for r in s.resources))
    assert linked / len(plan.steps) >= 0.9, [s.label for s in plan.steps if not any(getattr(r, "url", None) for r in s.resources)]


def test_certifications_name_their_exam_and_page(taxonomy):
    saa = taxonomy.resources_for("aws-certified-solutions-architect-associate")
    assert any("SAA-C03" in r.title and r.kind == "certification" and r.url == "https://aws.amazon.com/certification/"
               for r in saa)  # fmt: skip
    assert any(r.kind == "certification" and "AI-102" in r.title for r in taxonomy.resources_for("ai-102"))


def test_taxonomy_check_validates_resources(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    doc = yaml.safe_load((data / "resources.yaml").read_text(encoding="utf-8"))
    doc["skills"]["python"].append({"title": "Old site", "url": "http://example.org/", "kind": "docs", "cost": "free"})
    doc["skills"]["docker"] = [{"title": "A video", "kind": "video", "cost": "cheap"}]
    doc["skills"]["no-such-skill"] = [{"title": "x", "kind": "book", "cost": "paid"}]
    (data / "resources.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    messages = [str(v) for v in check_taxonomy(data).violations]
    assert any("skills.python[" in m and "'http://example.org/' is not an https://" in m for m in messages), messages
    assert any("skills.docker[0]" in m and "'video' is not one of docs" in m for m in messages)
    assert any("skills.docker[0]" in m and "'cheap' is not one of free, paid" in m for m in messages)
    assert any("unknown skill 'no-such-skill'" in m for m in messages)
    assert all(m.startswith("resources.yaml") for m in messages)
    assert check_taxonomy(DATA_DIR).ok


def test_no_short_step_waits_on_an_architecture_course(taxonomy):
    skills = taxonomy.skills
    for sid, skill in skills.items():
        if skill.hours > 20:
            continue
        before = reachable(skill.prerequisites, lambda p: (q for q in skills[p].prerequisites if q in skills))
        arch = sum(skills[p].hours for p in before if p in skills and skills[p].category.startswith("architecture"))
        assert arch <= 80, (sid, sorted(before))
    assert set(skills["aws-certified-solutions-architect-associate"].prerequisites) == {"aws-iam", "aws-vpc", "aws-ec2",
                                                                                        "aws-s3"}
    assert skills["poc-delivery"].prerequisites == ()


def _cv(skill_id, *, used=True):
    section = "experience" if used else "skills"
    return CVSkill(skill_id=skill_id, label=skill_id, in_skills_list=True, used_in_experience=used,
                   evidence=[{"text": skill_id, "sentence": f"Used {skill_id}.", "section": section, "start": 0,
                              "end": 1}])  # fmt: skip


def test_a_junior_developer_follows_the_guides_to_ai_architect(taxonomy):
    junior = [_cv(s) for s in ("python", "javascript", "git", "flask", "postgresql", "rest-api")] + [_cv("html", used=False)]
    result = analyze_gap(junior, taxonomy=taxonomy, con=None, role="ai-architect")
    position = {s["skill_id"]: i for i, s in enumerate(result.plan) if s["skill_id"]}
    present = [s for s in FOUNDATION + DEPTH if s in position]
    assert len(present) >= 10, present
    pairs = [(f, d) for f in FOUNDATION for d in DEPTH if f in position and d in position]
    depth_first = [(f, d) for f, d in pairs if position[d] < position[f]]
    assert pairs and len(depth_first) / len(pairs) <= 0.15, depth_first
    assert result.milestones[0]["name"] == "job-ready" and result.milestones[0]["reached"]
    taught = {s["skill_id"] for s in result.plan if s["kind"] == "skill"}
    assert "python" in {h["skill_id"] for h in result.have}
    assert not taught & {"python", "javascript", "git", "flask", "postgresql", "sql", "rest-api"}  # PostgreSQL → SQL
