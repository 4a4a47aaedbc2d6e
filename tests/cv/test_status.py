"""Statuses of CV skills: the cue rules on single mentions, held_sets with implications, corrections profiles."""

from __future__ import annotations

import pytest

from skillgap.cv.cues import read_mention
from skillgap.cv.model import CVSkill
from skillgap.cv.status import held_sets, implications
from skillgap.errors import ProfileError
from skillgap.profile import corrections_from_lists, parse_profile, profile_text


def _status(text: str, skill: str, *, section: str = "summary", nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(skill, start + 1)
    return read_mention(text, start, start + len(skill), section=section).status


@pytest.mark.parametrize(
    ("text", "skill", "section", "want"),
    [
        ("Used Python daily; interested in Rust", "Python", "summary", "used"),
        ("Used Python daily; interested in Rust", "Rust", "summary", "learning"),
        ("Backend developer planning to learn Kubernetes next year", "Kubernetes", "summary", "learning"),
        ("Curious about cloud and machine learning", "machine learning", "summary", "learning"),
        ("Currently taking a course on Terraform", "Terraform", "summary", "learning"),
        ("AWS Certified Developer (in progress)", "AWS Certified Developer", "certifications", "learning"),
        ("The data science team that used TensorFlow (I did not)", "TensorFlow", "experience", "not_held"),
        ("Hired Java and .NET developers", "Java", "experience", "not_held"),
        ("Hired Java and .NET developers", ".NET", "experience", "not_held"),
        ("Account manager for an AWS reseller", "AWS", "experience", "not_held"),
        ("Managed engineers who used Scala", "Scala", "experience", "not_held"),
        ("Receiving weekly Tableau reports", "Tableau", "experience", "not_held"),
        ("Documented Kubernetes runbooks from interviews with SREs", "Kubernetes", "experience", "not_held"),
        ("No hands-on experience with Kubernetes", "Kubernetes", "summary", "not_held"),
        ("Never used Java, built everything in Python", "Java", "summary", "not_held"),
        ("Never used Java, built everything in Python", "Python", "summary", "used"),
        ("Developing programs in Python", "Python", "summary", "used"),
        ("Classified tickets using the SKLearn classifier", "SKLearn", "summary", "used"),
        ("5 years of Python", "Python", "summary", "used"),
        ("LINUX - Exprience - 6 monthsCompany Details", "LINUX", "skills", "used"),
        ("Keras TensorFlow framework for image tagging", "Keras", "experience", "used"),
        ("Python, SQL, Docker", "SQL", "skills", "listed"),
        ("Programming Languages: Python, Go", "Python", "skills", "listed"),  # "-ing" labels are not use
        ("Worked in an agile team using Jira", "Jira", "experience", "used"),  # a team the author is in
        ("Wrote SQL reports and Scala jobs", "Scala", "experience", "used"),
        ("Hired as a Python developer in 2019", "Python", "experience", "used"),
        # a skills list names the author's own skills: list items are not someone-else cues
        ("Tools: CA Clarity, Recruitment and workforce management, Confluence", "Confluence", "skills", "listed"),
        ("Skills MIS Reporting & Documentation Training & Development Sales Support", "Reporting", "header", "listed"),
        ("Enthusiastic to learn new technologies AWS, Docker", "Docker", "skills", "listed"),
        ("Presented Tableau reports prepared by the analytics team", "Tableau", "experience", "not_held"),
        ("Used Jenkins pipelines maintained by the platform team", "Jenkins", "experience", "used"),
        ("A Snowflake platform built by contractors", "Snowflake", "experience", "not_held"),
        ("Kubernetes (CKA certified)", "Kubernetes", "skills", "used"),
        ("AWS (certification in progress)", "AWS", "skills", "learning"),
        ("Kafka (ongoing project)", "Kafka", "projects", "used"),
        ("Udemy: Docker course (ongoing)", "Docker", "certifications", "learning"),
        ("Python developer since 2015", "Python", "summary", "used"),
        ("Git (daily use), Docker", "Git", "skills", "used"),
        ("I will study Helm over the summer", "Helm", "summary", "learning"),
        ("Our DBA handled PostgreSQL backups", "PostgreSQL", "experience", "not_held"),
        ("Led the team using Scrum", "Scrum", "experience", "used"),
    ],
)
def test_cue_rules(text, skill, section, want):
    assert _status(text, skill, section=section) == want


def test_section_decides_without_a_cue():
    assert _status("Kafka, Spark", "Kafka", section="experience") == "used"
    assert _status("Kafka, Spark", "Kafka", section="skills") == "listed"
    assert _status("Kafka, Spark", "Kafka", section="summary") == "listed"
    text = "BSc thesis on stream processing with Kafka"
    assert _status(text, "Kafka", section="education") == "used"


@pytest.fixture(scope="module")
def tax():
    from skills_taxonomy import load_taxonomy

    return load_taxonomy()


def _skill(sid: str, status: str) -> CVSkill:
    return CVSkill(skill_id=sid, label=sid, status=status)


def test_implications_are_drawn_only_from_held_skills(tax):
    assert "sql" in implications("mysql", taxonomy=tax)
    assert "apache-spark" in implications("pyspark", taxonomy=tax)
    assert "deep-learning" in implications("keras", taxonomy=tax)
    sets = held_sets([_skill("postgresql", "used"), _skill("pyspark", "listed"), _skill("keras", "learning"),
                      _skill("aws-eks", "not_held")], taxonomy=tax)
    assert {"postgresql", "sql"} <= sets.used and sets.implied_by["sql"] == "postgresql"
    assert {"pyspark", "apache-spark"} <= sets.listed and not sets.listed & sets.used
    assert sets.learning == {"keras"} and "deep-learning" not in sets.held
    assert sets.not_held == {"aws-eks"} and "kubernetes" not in sets.held


def test_the_strongest_status_wins_and_corrections_override(tax):
    sets = held_sets([_skill("sql", "listed"), _skill("mysql", "used")], taxonomy=tax)
    assert "sql" in sets.used  # implied by a used skill beats a bare listing
    fixed = held_sets([_skill("python", "used"), _skill("java", "listed")], taxonomy=tax,
                      corrections={"python": "not_held", "kubernetes": "used"})
    assert "python" in fixed.not_held and "kubernetes" in fixed.used and "containers" in fixed.used


def test_profile_round_trip_and_errors(tax):
    text = profile_text({"kubernetes": "used", "java": "not_held"}, labels={"kubernetes": "Kubernetes"})
    assert parse_profile(text, name="me.yaml", taxonomy=tax) == {"kubernetes": "used", "java": "not_held"}
    both = parse_profile('{"have": ["Terraform"], "not": ["sap"]}', name="me.json", taxonomy=tax)
    assert both == {"terraform": "used", "sap": "not_held"}
    with pytest.raises(ProfileError, match=r"me\.yaml: skills\.kubernetes: must be one of used, listed"):
        parse_profile("skills:\n  kubernetes: usd\n", name="me.yaml", taxonomy=tax)
    with pytest.raises(ProfileError, match=r"me\.yaml: skills\.kubernets: unknown skill .*'kubernetes'"):
        parse_profile("skills:\n  kubernets: used\n", name="me.yaml", taxonomy=tax)
    with pytest.raises(ProfileError, match=r"me\.yaml: hve: Extra inputs"):
        parse_profile("hve: [python]\n", name="me.yaml", taxonomy=tax)
    with pytest.raises(ProfileError, match=r"me\.yaml: not valid YAML"):
        parse_profile("skills: [unclosed\n", name="me.yaml", taxonomy=tax)
    with pytest.raises(ProfileError, match="--not: unknown skill"):
        corrections_from_lists(not_held=["python,nosuchskill"], taxonomy=tax)
