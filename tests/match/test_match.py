"""The match score and what it reports: requirement levels, blurb and benefits left out, in use vs listed,
implications, years, the plan, and ads with nothing to match."""

from __future__ import annotations

import pytest

from skillgap.errors import JobAdNoSkills
from skillgap.jobad import job_ad_from_text
from skillgap.match import CREDITS, IMPLIED_FACTOR, highlight_segments, match_cv_to_ad
from tests.match.ads import AD_TEXT, CV_FULL, CV_POSTGRES, NO_SKILL_AD

AD = job_ad_from_text(AD_TEXT, source="ad.txt")


@pytest.fixture(scope="module")
def match(taxonomy, nlp, cv_skills_of):
    def _match(cv_text: str, ad=AD, **kw):
        doc, skills = cv_skills_of(cv_text)
        return match_cv_to_ad(skills, ad, taxonomy=taxonomy, nlp=nlp, cv_doc=doc, **kw)

    return _match


def _cv(experience: str, skills: str = "") -> str:
    listed = f"Skills\n{skills}\n\n" if skills else ""
    return (f"Jamie Example\n\n{listed}Experience\nAnalyst, Example Co — Jan 2016 - Present\n- {experience}\n\n"
            "Education\nBSc Economics, 2015\n")


def test_requirement_levels_and_blurb_and_benefits_left_out(match):
    result = match(CV_FULL).to_dict()
    asked = set(result["required"]["matched"] + result["required"]["missing"])
    nice = set(result["preferred"]["matched"] + result["preferred"]["missing"])
    assert {"python", "sql", "apache-airflow", "docker", "aws"} <= asked
    assert {"terraform", "snowflake"} <= nice and not asked & nice
    mentioned_only_in_blurb_or_benefits = {"kubernetes", "jira", "tableau"}
    assert not mentioned_only_in_blurb_or_benefits & (asked | nice)
    assert not mentioned_only_in_blurb_or_benefits & {m["skill_id"] for m in result["extra"]}


def test_a_cv_showing_everything_in_use_scores_near_one(match):
    result = match(CV_FULL)
    assert result.score >= 0.9, result.explanation
    python = next(m for m in result.matched if m["skill_id"] == "python")
    assert python["cv_status"] == "used" and "Python" in python["cv_evidence"] and python["years_asked"] == 5
    assert "Python" in python["job_evidence"]
    assert result.breakdown["score"] == pytest.approx(
        result.breakdown["weighted_credit"] / result.breakdown["weighted_total"], abs=1e-4)


def test_in_use_beats_listed_beats_absent(match):
    used = match(_cv("Built reports in Python and SQL."))
    listed = match(_cv("Built reports for the finance team.", skills="Python, SQL"))
    absent = match(_cv("Built reports for the finance team."))
    assert used.score > listed.score > absent.score
    by_id = {m["skill_id"]: m for m in listed.matched}
    assert by_id["python"]["cv_status"] == "listed" and by_id["python"]["credit"] == CREDITS["listed"]
    assert {"python", "sql"} <= {m["skill_id"] for m in absent.missing}


def test_required_weighs_more_than_nice_to_have(match):
    required = match(_cv("Automated deployments with Docker."))
    nice = match(_cv("Automated deployments with Terraform."))
    assert required.score > nice.score > 0


def test_postgresql_implies_sql_counts_but_is_reported_as_not_named(match):
    result = match(CV_POSTGRES)
    sql = next(m for m in result.missing if m["skill_id"] == "sql")
    assert sql["cv_status"] == "implied" and sql["implied_by"] == "postgresql" and sql["credit"] == IMPLIED_FACTOR
    assert "PostgreSQL" in sql["cv_evidence"]
    without = match(CV_POSTGRES.replace("PostgreSQL schemas", "database schemas"))
    assert result.score > without.score
    assert "SQL (from PostgreSQL)" in result.explanation
    assert "sql" not in {s["skill_id"] for s in result.plan}  # known already: name it, don't learn it


def test_fewer_years_than_asked_lowers_the_score_a_little(match):
    long = match(_cv("Wrote Python and SQL reports; 8 years of Python."))
    short = match(_cv("Wrote Python and SQL reports; 1 year of Python."))
    listed = match(_cv("Wrote SQL reports.", skills="Python"))
    assert long.score > short.score > listed.score
    python = next(m for m in short.matched if m["skill_id"] == "python")
    assert python["years_shown"] == 1 and python["credit"] < 1
    assert short.breakdown["years_penalty"] > 0 == long.breakdown["years_penalty"]
    assert "5 years of Python asked, 1.0 shown" in short.explanation


def test_plan_has_the_gap_step_shape_and_covers_what_is_missing(match):
    result = match(_cv("Built reports in SQL."), hours_per_week=5)
    steps = result.to_dict()["plan"]
    assert steps and [s["order"] for s in steps] == list(range(1, len(steps) + 1))
    for s in steps:
        assert {"order", "kind", "key", "skill_id", "label", "phase", "hours", "start_week", "end_week", "milestone",
                "why", "resources", "coverage_after", "pulled_in"} <= s.keys()
        assert s["kind"] in ("skill", "prove", "project")
        for r in s["resources"]:
            assert set(r) == {"title", "url", "kind", "cost"}
    planned = {s["skill_id"] for s in steps}
    assert {"python", "apache-airflow", "docker"} <= planned and "sql" not in planned
    python = next(s for s in steps if s["skill_id"] == "python")
    assert python["why"].startswith("Required by this ad (5+ years)")
    assert steps[-1]["coverage_after"] > result.score
    assert sum(any(r["url"] for r in s["resources"]) for s in steps) >= 0.9 * len(steps)


def test_job_ready_is_every_required_skill_then_the_nice_to_haves(match):
    result = match(_cv("Built reports in SQL."))
    first, *rest = result.milestones
    assert first["name"] == "job-ready" and first["reached"] and rest and rest[-1]["name"] == "the rest"
    by_milestone = {}
    for s in result.plan:
        by_milestone.setdefault(s["milestone"], set()).add(s["skill_id"])
    required_missing = {m["skill_id"] for m in result.missing if m["required"] and m["cv_status"] == "missing"}
    preferred_missing = {m["skill_id"] for m in result.missing if not m["required"]}
    assert required_missing and required_missing <= by_milestone["job-ready"]
    assert preferred_missing <= by_milestone["the rest"] and not preferred_missing & by_milestone["job-ready"]
    # the target is the score once every required skill is shown in use
    b = result.breakdown
    preferred_earned = b["preferred"]["credit"]
    expected = (b["required"]["weight"] + preferred_earned) / b["weighted_total"]
    assert first["target_coverage"] == pytest.approx(expected, abs=2e-4)
    assert first["coverage"] >= first["target_coverage"] - 1e-4
    # coverage in a match plan is the match score: it starts from the score and only grows
    after = [s["coverage_after"] for s in result.plan]
    assert after == sorted(after) and after[0] > result.score
    assert [m["hours"] for m in result.milestones] == sorted(m["hours"] for m in result.milestones)


def test_a_listed_required_skill_is_a_short_show_it_step(match):
    result = match(_cv("Built reports for the finance team.", skills="Python, SQL"))
    python = next(s for s in result.plan if s["skill_id"] == "python")
    assert python["kind"] == "prove" and python["hours"] <= 10 and python["milestone"] == "job-ready"
    assert python["why"].startswith("Listed on your CV but not shown in use; required by this ad")


def test_progress_leaves_done_and_skipped_steps_out(match):
    from skillgap.plan import Progress

    before = match(_cv("Built reports in SQL."))
    progress = Progress(steps={"apache-airflow": "done", "snowflake": "skipped"})
    after = match(_cv("Built reports in SQL."), progress=progress)
    assert {"apache-airflow", "snowflake"} <= {s["skill_id"] for s in before.plan}
    assert not {"apache-airflow", "snowflake"} & {s["skill_id"] for s in after.plan}
    assert after.plan_progress["done"] == ["apache-airflow"] and after.plan_progress["skipped"] == ["snowflake"]
    assert after.plan_progress["start_coverage"] > before.score == after.score  # the score is the CV's
    assert after.milestones[0]["hours"] < before.milestones[0]["hours"]


def test_corrections_override_the_cv_reading(match):
    plain = match(CV_FULL)
    fixed = match(CV_FULL, corrections={"python": "not_held", "terraform": "used", "snowflake": "not_held"})
    python = next(m for m in fixed.missing if m["skill_id"] == "python")
    assert python["cv_status"] == "not_held" and python["credit"] == 0
    assert "python" in {s["skill_id"] for s in fixed.plan}
    terraform = next(m for m in fixed.matched if m["skill_id"] == "terraform")
    assert terraform["cv_status"] == "used" and "correction" in terraform["cv_evidence"]
    assert fixed.score < plain.score and fixed.corrections["python"] == "not_held"
    added = match(_cv("Built reports in SQL."), corrections={"docker": "used"})
    docker = next(m for m in added.matched if m["skill_id"] == "docker")
    assert docker["cv_status"] == "used" and docker["credit"] == 1
    assert "docker" not in {s["skill_id"] for s in added.plan}


def test_implications_come_from_held_sets_in_use_and_listed(match, taxonomy, cv_skills_of):
    from skillgap.cv.status import held_sets

    used = match(CV_POSTGRES)
    listed = match(_cv("Built reports for the finance team.", skills="PostgreSQL"))
    sql_used = next(m for m in used.missing if m["skill_id"] == "sql")
    sql_listed = next(m for m in listed.missing if m["skill_id"] == "sql")
    assert sql_used["credit"] == IMPLIED_FACTOR * CREDITS["used"]
    assert sql_listed["cv_status"] == "implied" and sql_listed["implied_by"] == "postgresql"
    assert sql_listed["credit"] == IMPLIED_FACTOR * CREDITS["listed"]
    # the same implications as the gap analysis reads
    _, skills = cv_skills_of(CV_POSTGRES)
    implied = {m["skill_id"]: m["implied_by"] for m in used.missing if m["cv_status"] == "implied"}
    assert implied and implied.items() <= held_sets(skills, taxonomy=taxonomy).implied_by.items()
    # a correction is never implied away
    fixed = match(CV_POSTGRES, corrections={"sql": "not_held"})
    assert next(m for m in fixed.missing if m["skill_id"] == "sql")["credit"] == 0


def test_markdown_report_reads_as_plain_text(match, taxonomy):
    from skillgap.match_report import match_to_markdown

    result = match(_cv("Built reports in SQL; wrote proof-of-concept dashboards.", skills="Python"),
                   corrections={"docker": "used"})
    md = match_to_markdown(result, taxonomy=taxonomy)
    assert md.startswith("# Match: Senior Data Engineer — Acme Analytics")
    assert f"**Match score: {round(result.score * 100)}%.**" in md
    assert "## How the score is computed" in md and "## Plan for this job" in md and "### Job-ready" in md
    assert "| Python | required | only listed | 0.5 |" in md and "corrections to the CV reading: Docker: used." in md
    assert "Match score after this step" in md and "Role coverage" not in md
    assert "\\" not in md  # no visible escapes in prose


def test_json_contract(match):
    out = match(CV_FULL).to_dict()
    assert {"score", "title", "company", "required", "preferred", "matched", "missing", "extra", "plan",
            "explanation", "breakdown", "milestones", "plan_progress", "corrections"} <= out.keys()
    assert out["title"] == "Senior Data Engineer" and out["company"] == "Acme Analytics"
    for m in out["matched"]:
        assert {"skill_id", "label", "required", "cv_status", "cv_evidence", "job_evidence"} <= m.keys()
    for m in match(_cv("Built reports.")).to_dict()["missing"]:
        assert {"skill_id", "label", "required", "job_evidence", "years_asked"} <= m.keys()
    b = out["breakdown"]
    assert {"required", "preferred", "weighted_credit", "weighted_total", "years_penalty", "formula"} <= b.keys()
    assert 0 <= out["score"] <= 1


def test_highlights_cover_the_ad_and_reassemble_it(match):
    result = match(_cv("Built reports in Python."))
    pieces = highlight_segments(result.ad["text"], result.ad["highlights"])
    assert "".join(p for p, _ in pieces) == AD.text
    kinds = {p: k for p, k in pieces if k}
    assert kinds["Python"] == "have" and kinds["Docker"] == "missing_required" and kinds["Snowflake"] == "missing_preferred"
    assert "Kubernetes" not in kinds  # company blurb


def test_an_ad_without_skills_is_an_error_not_a_zero(taxonomy, nlp):
    with pytest.raises(JobAdNoSkills, match="No skills .* 'barista.txt'"):
        match_cv_to_ad([], job_ad_from_text(NO_SKILL_AD, source="barista.txt"), taxonomy=taxonomy, nlp=nlp)


def test_a_cv_with_too_few_skills_is_flagged(match):
    result = match("Pat Example\n\nI like hiking and reading novels about the sea.\n")
    assert result.verdict == "insufficient_cv" and result.score == 0


def test_with_every_requirement_shown_the_plan_is_the_nice_to_haves(match):
    result = match(CV_FULL.replace("- Loaded the warehouse into Snowflake and managed it with Terraform.\n", ""),
                   corrections={"time-series-forecasting": "used"})
    assert not [m for m in result.missing if m["required"] and m["cv_status"] == "missing"]
    assert [m["name"] for m in result.milestones] == ["the rest"]
    assert {s["skill_id"] for s in result.plan if s["kind"] != "project"} == {"snowflake", "terraform"}
