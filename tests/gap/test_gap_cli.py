"""`skillgap gap CV --json` on the sample store: the JSON contract other tools rely on, and the exports."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

CV = """Alex Sample
Machine learning engineer

Skills
Python, SQL, PyTorch, scikit-learn, Docker, Git

Experience
ML Engineer, Example Labs, Mar 2021 - Present
- Trained PyTorch models in Python and served them with Docker on AWS.
- Built feature pipelines in SQL and Python.
"""


def test_gap_json_contract_and_plan_exports(sample_store, model_dir, tmp_path):
    cv = tmp_path / "alex.md"
    cv.write_text(CV, encoding="utf-8")
    md, csv_path = tmp_path / "plan.md", tmp_path / "plan.csv"
    env = dict(os.environ, SKILLGAP_DB=str(sample_store), SKILLGAP_MODEL_DIR=str(model_dir))
    run = subprocess.run(
        [sys.executable, "-m", "skillgap.cli", "gap", str(cv), "--role", "ml-engineer", "--hours-per-week", "6",
         "--json", "--markdown", str(md), "--csv", str(csv_path)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert {"role", "postings", "coverage", "have", "weak", "missing", "plan", "closest_postings"} <= out.keys()
    assert out["role"] == "ml-engineer" and out["postings"] > 50 and 0 < out["coverage"] < 1
    assert {"python", "pytorch"} <= {h["skill_id"] for h in out["have"]}
    for h in out["have"]:
        assert {"skill_id", "label", "demand", "evidence"} <= h.keys()
    for m in out["missing"]:
        assert {"skill_id", "label", "demand", "trend", "priority"} <= m.keys()
    held = {h["skill_id"] for h in out["have"]}
    steps = out["plan"]
    assert steps and not held & {s["skill_id"] for s in steps if s["kind"] == "skill"}
    for s in steps:
        assert {"order", "skill_id", "label", "phase", "hours", "start_week", "coverage_after", "why", "resources"} <= s.keys()
    assert [s["order"] for s in steps] == list(range(1, len(steps) + 1))
    assert all(a["start_week"] <= b["start_week"] for a, b in zip(steps, steps[1:]))
    for p in out["closest_postings"]:
        assert {"posting_id", "title", "company", "coverage", "missing"} <= p.keys()
    assert md.read_text().startswith("#")
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert len(rows) == len(steps)


def test_gap_reports_how_the_cv_was_read(sample_store, model_dir, tmp_path):
    """A text CV saved as UTF-16 without a BOM is read, and the CLI says so (stderr and ``cv_warnings``)."""
    cv = tmp_path / "alex.txt"
    cv.write_bytes(CV.encode("utf-16-le"))
    env = dict(os.environ, SKILLGAP_DB=str(sample_store), SKILLGAP_MODEL_DIR=str(model_dir))
    run = subprocess.run([sys.executable, "-m", "skillgap.cli", "gap", str(cv), "--role", "ml-engineer", "--json"],
                         env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert any("UTF-16" in w and "alex.txt" in w for w in out["cv_warnings"])
    assert "UTF-16" in run.stderr
    assert {"python", "pytorch"} <= {h["skill_id"] for h in out["have"]}
    # a clean CV has none
    clean = tmp_path / "clean.md"
    clean.write_text(CV, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "skillgap.cli", "gap", str(clean), "--role", "ml-engineer", "--json"],
                         env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert json.loads(run.stdout)["cv_warnings"] == []
