"""`skillgap gap CV` on the sample store: milestones in the JSON, --progress, --target-coverage and the exports."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

CV = """Robin Sample
Data analyst

Skills
Python, SQL, Excel, Tableau, Docker

Experience
Data Analyst, Example Retail, Mar 2020 - Present
- Built weekly sales reports in SQL and Tableau; automated data cleaning in Python with pandas.
"""


def _gap(tmp_path, sample_store, model_dir, *args):
    cv = tmp_path / "robin.md"
    cv.write_text(CV, encoding="utf-8")
    env = dict(os.environ, SKILLGAP_DB=str(sample_store), SKILLGAP_MODEL_DIR=str(model_dir), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "skillgap.cli", "gap", str(cv), "--role", "ml-engineer", *args],
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip


def test_milestones_progress_and_exports(tmp_path, sample_store, model_dir):
    md, csv_path = tmp_path / "plan.md", tmp_path / "plan.csv"
    run = _gap(tmp_path, sample_store, model_dir, "--json", "--markdown", str(md), "--csv", str(csv_path))
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    milestones = out["milestones"]
    assert milestones[0]["name"] == "job-ready" and milestones[0]["target_coverage"] == 0.7
    assert {"name", "target_coverage", "coverage", "hours", "until_week"} <= milestones[0].keys()
    assert all({"milestone", "kind", "key", "resources"} <= s.keys() for s in out["plan"])
    assert all(set(r) == {"title", "url", "kind", "cost"} for s in out["plan"] for r in s["resources"])
    assert out["plan_progress"] == {"done": [], "skipped": [], "start_coverage": out["coverage"]}
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Learning plan: ") and "Prepared " in text and "| Job-ready |" in text
    assert "Coverage now: " in text and "](https://" in text
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert len(rows) == len(out["plan"]) and {"milestone", "start_week", "coverage_after", "certifications"} <= set(rows[0])

    # mark the first two steps done and skipped: the plan is rebuilt without them
    first, second = out["plan"][0], out["plan"][1]
    progress = tmp_path / "progress.json"
    progress.write_text(json.dumps({"format": "skillgap-progress", "version": 1,
                                    "steps": {first["key"]: "done", second["key"]: "skipped"}}), encoding="utf-8")
    again = json.loads(_gap(tmp_path, sample_store, model_dir, "--json", "--progress", str(progress)).stdout)
    keys = {s["key"] for s in again["plan"]}
    assert first["key"] not in keys and second["key"] not in keys
    assert again["plan_progress"]["done"] == [first["key"]] and again["plan_progress"]["skipped"] == [second["key"]]
    assert again["plan_progress"]["start_coverage"] >= out["coverage"]

    # a lower target: a shorter road to job-ready
    low = json.loads(_gap(tmp_path, sample_store, model_dir, "--json", "--target-coverage", "0.5").stdout)
    assert low["milestones"][0]["target_coverage"] == 0.5
    assert low["milestones"][0]["hours"] < milestones[0]["hours"]


def test_readable_report_leads_with_job_ready_and_bad_progress_is_one_clear_line(tmp_path, sample_store, model_dir):
    run = _gap(tmp_path, sample_store, model_dir)
    assert run.returncode == 0, run.stderr
    assert "Job-ready:" in run.stdout
    job_ready = run.stdout.index("Job-ready:")
    assert "(--full-plan, --markdown or --json to see them)" in run.stdout[job_ready:]
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "skillgap-progress", "version": 1, "steps": {"python": "finished"}}', encoding="utf-8")
    run = _gap(tmp_path, sample_store, model_dir, "--progress", str(bad))
    assert run.returncode != 0
    assert "'bad.json' (steps['python']): is marked 'finished'; use 'done' or 'skipped'" in run.stderr
    assert "Traceback" not in run.stderr
