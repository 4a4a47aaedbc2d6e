"""Exports a coach can hand over (Markdown, CSV) and the progress file format."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from types import SimpleNamespace

import pytest

from skillgap.errors import ProgressFileError
from skillgap.plan import (
    PlanInput,
    PlanStep,
    Progress,
    ReportContext,
    make_plan,
    plan_to_csv,
    plan_to_markdown,
    progress_json,
    read_progress,
    read_progress_file,
    report_context,
)
from skillgap.plan.export import CSV_COLUMNS, prose
from skills_taxonomy.model import Resource

INPUTS = [PlanInput("pytorch", demand=0.46, centrality=1.0, coverage_weight=0.3),
          PlanInput("sagemaker", demand=0.2, coverage_weight=0.2), PlanInput("docker", demand=0.3, coverage_weight=0.1),
          PlanInput("sql", kind="prove", coverage_weight=0.05)]  # fmt: skip


def _plan(tiny, **kw):
    return make_plan(INPUTS, taxonomy=tiny, have={"python"}, listed={"sql"}, role_id="ml-engineer",
                     current_coverage=0.2, hours_per_week=8, postings=120, **kw)  # fmt: skip


def _context():
    return ReportContext(today=date(2026, 12, 6), coverage=0.2, postings=120, basis="blend",
                         filters={"role": "ml-engineer", "country": "DE", "remote": True},
                         freshness={"latest_month": "2026-05", "aggregated_at": "2026-06-01 06:00:00"},
                         have=[{"skill_id": "python", "label": "Python", "months": 24.0, "implied_by": None,
                                "evidence": "Built pipelines in Python at SECRET-CORP"},
                               {"skill_id": "sql", "label": "SQL", "months": None, "implied_by": "postgres"}],
                         weak=[{"skill_id": "sql", "label": "SQL"}], labels={"postgres": "PostgreSQL"})  # fmt: skip


def test_markdown_says_when_on_what_for_whom(tiny):
    plan = _plan(tiny)
    md = plan_to_markdown(plan, role_label="ML engineer", context=_context())
    head = md.split("## ", 1)[0]
    assert "Prepared 2026-12-06" in head and "120 postings" in head and "latest postings from 2026-05" in head
    assert "refreshed 2026-06-01" in head and "country DE" in head and "remote True" in head
    assert "Coverage now: 20%" in head
    assert "- **Python**: shown in use, about 24 months" in md and "**SQL**: implied by PostgreSQL" in md
    assert "SECRET-CORP" not in md  # the CV's own sentences stay out of a file that gets shared
    assert "| Job-ready | 70% |" in md.replace(" (not reached)", "")
    for m in plan.milestones:
        assert f"{m.until_week} |" in md
    assert "    - Brief: Train a small model and deploy it." in md and "\\." not in md
    assert "**Show it: Sql**" in md and "**Project: Train and serve a model**" in md
    assert "[The Python Tutorial](https://docs.python.org/3/)" not in md  # python is held, never planned


def test_markdown_prose_has_no_visible_escapes(tiny):
    steps = [PlanStep(order=1, kind="skill", skill_id="poc-delivery", label="Proof-of-concept delivery", phase="Core",
                      hours=20, start_week=1, end_week=1, why="Asked in 30% of postings; needed before X.",
                      certifications=("Microsoft Certified: Azure AI Engineer Associate",),
                      resources=(Resource("AWS Architecture Center", kind="docs", cost="free",
                                          url="https://aws.amazon.com/architecture/"),))]  # fmt: skip
    md = plan_to_markdown(steps, role_label="Solutions architect (AI/ML)")
    assert "Proof-of-concept delivery" in md and "Certified: Azure" in md and "needed before X." in md
    assert "(AI/ML)" in md and "\\-" not in md and "\\:" not in md and "\\(" not in md
    assert "weeks 1–1" not in md and "week 1" in md
    assert "[AWS Architecture Center](https://aws.amazon.com/architecture/) (docs, free)" in md
    # markup characters in a label are still escaped where Markdown would act on them
    assert prose("[x](javascript:alert(1)) <b>*hi*</b> a|b") == "\\[x\\](javascript:alert(1)) \\<b\\>\\*hi\\*\\</b\\> a\\|b"


def test_markdown_from_a_gap_result(tiny):
    plan = _plan(tiny)
    result = SimpleNamespace(coverage=0.2, postings=120, basis="market", filters={"role": "ml-engineer"},
                             have=[{"skill_id": "python", "label": "Python", "months": None, "implied_by": None}],
                             weak=[])  # fmt: skip
    ctx = report_context(result, freshness=None, today=date(2026, 1, 2), taxonomy=tiny)
    md = plan_to_markdown(plan, role_label="ML engineer", context=ctx)
    assert "Prepared 2026-01-02" in md and "Filters: none." in md and "**Python**: shown in use" in md


def test_csv_has_every_step_field(tiny):
    plan = _plan(tiny)
    rows = list(csv.DictReader(io.StringIO(plan_to_csv(plan))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(plan.steps)
    fields = set(plan.steps[0].to_dict()) - {"resources"}
    assert fields <= set(CSV_COLUMNS)
    for row, step in zip(rows, plan.steps):
        assert row["milestone"] == step.milestone and row["kind"] == step.kind
        assert float(row["hours"]) == step.hours and int(row["end_week"]) == step.end_week
        assert row["certifications"] == "; ".join(step.certifications)
    assert any(r["coverage_after"] for r in rows)


def test_progress_file_round_trip():
    p = Progress().marked(done=["python", "project:rag-app"], skipped=["aws-sagemaker"])
    text = progress_json(p, role="ml-engineer", today=date(2026, 12, 6))
    doc = json.loads(text)
    assert doc["format"] == "skillgap-progress" and doc["version"] == 1 and doc["updated"] == "2026-12-06"
    back = read_progress(text)
    assert back.done == {"python", "project:rag-app"} and back.skipped == {"aws-sagemaker"}
    assert back.role == "ml-engineer"
    assert back.marked(clear=["python"]).done == {"project:rag-app"}


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "is not valid JSON"),
    ("[1, 2]", "not an object"),
    ('{"format": "other", "version": 1}', "expected 'skillgap-progress'"),
    ('{"format": "skillgap-progress", "version": 9}', "reads version 1"),
    ('{"format": "skillgap-progress", "version": 1, "steps": []}', "expected an object"),
    ('{"format": "skillgap-progress", "version": 1, "steps": {"python": "finished"}}', "steps['python']"),
    ('{"format": "skillgap-progress", "version": 1, "steps": {"Not A Key!": "done"}}', "is not a step key"),
    ('{"format": "skillgap-progress", "version": 1, "role": 5}', "role"),
])  # fmt: skip
def test_bad_progress_files_get_clear_errors(text, message):
    with pytest.raises(ProgressFileError, match=re.escape(message)) as err:
        read_progress(text, source="mine.json")
    assert "'mine.json'" in str(err.value)


def test_progress_file_on_disk(tmp_path):
    with pytest.raises(ProgressFileError, match="No progress file at"):
        read_progress_file(tmp_path / "missing.json")
    f = tmp_path / "p.json"
    f.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ProgressFileError, match="not UTF-8"):
        read_progress_file(f)
    f.write_text(progress_json(Progress(steps={"docker": "done"})), encoding="utf-8")
    assert read_progress_file(f).done == {"docker"}
