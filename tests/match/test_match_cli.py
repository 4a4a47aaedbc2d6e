"""`skillgap match` end to end in a subprocess: a file, stdin, a stored posting, and bad input as one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.match.ads import AD_HTML, AD_TEXT, CV_FULL, GERMAN_AD, docx_bytes


@pytest.fixture
def run(nlp, model_dir, tmp_path):
    """Run the CLI with the session's pipeline (built by the ``nlp`` fixture) and a store path in tmp_path."""
    env = dict(os.environ, SKILLGAP_MODEL_DIR=str(model_dir), SKILLGAP_DB=str(tmp_path / "none.duckdb"))

    def _run(*args, stdin: bytes | None = None):
        return subprocess.run([sys.executable, "-m", "skillgap.cli", "match", *map(str, args)], env=env,
                              input=stdin, capture_output=True, timeout=300)

    return _run


@pytest.fixture
def cv(tmp_path):
    path = tmp_path / "riley.md"
    path.write_text(CV_FULL, encoding="utf-8")
    return path


def test_json_from_a_docx_ad(run, cv, tmp_path):
    ad = tmp_path / "ad.docx"
    ad.write_bytes(docx_bytes(AD_TEXT))
    done = run(cv, ad, "--json", "--hours-per-week", "4")
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    assert out["title"] == "Senior Data Engineer" and 0.9 <= out["score"] <= 1
    assert "python" in out["required"]["matched"] and out["breakdown"]["weighted_total"] > 0


def test_readable_report_from_stdin_html(run, cv):
    done = run(cv, "-", stdin=AD_HTML.encode())
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode()
    assert "Machine Learning Engineer — Nimbus Labs" in text and "Match score" in text and "PyTorch" in text


def test_stored_posting(run, cv, tmp_path):
    from skillgap import store

    db = tmp_path / "s.duckdb"
    con = store.connect(db)
    con.execute("""INSERT INTO postings (posting_id, source, title, company, description, loaded_at)
                   VALUES ('p1', 'test', 'Data Engineer', 'Acme', ?, now())""", [AD_TEXT])
    con.close()
    done = run(cv, "--posting", "p1", "--db", db, "--json")
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    assert out["ad"]["posting_id"] == "p1" and out["company"] == "Acme" and out["score"] > 0.9
    missing = run(cv, "--posting", "nope", "--db", db)
    assert missing.returncode == 1 and b"No stored posting has the id 'nope'" in missing.stderr


@pytest.mark.parametrize("content, words", [
    (b"", b"is empty"),
    (GERMAN_AD.encode(), b"written in German"),
    (CV_FULL.encode(), b"looks like a CV"),
    (b"Barista wanted. You will make great coffee; apply in store with a smile, requirements: none.", b"No skills"),
])
def test_bad_ads_are_one_clear_line_and_no_score(run, cv, tmp_path, content, words):
    ad = tmp_path / "ad.txt"
    ad.write_bytes(content)
    done = run(cv, ad, "--json")
    assert done.returncode == 1 and done.stdout == b""
    assert words in done.stderr and b"Traceback" not in done.stderr
    assert len(done.stderr.decode().strip().splitlines()) == 1


def test_job_and_posting_are_exclusive(run, cv):
    done = run(cv)
    assert done.returncode == 1 and b"neither" in done.stderr


def test_corrections_progress_and_exports_like_gap(run, cv, tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text(AD_TEXT, encoding="utf-8")
    profile = tmp_path / "me.yaml"
    profile.write_text("skillgap_profile: 1\nskills:\n  Python: not_held\n", encoding="utf-8")
    progress = tmp_path / "progress.json"
    progress.write_text(json.dumps({"format": "skillgap-progress", "version": 1, "steps": {"snowflake": "skipped"}}))
    md, csv_out = tmp_path / "match.md", tmp_path / "plan.csv"
    done = run(cv, ad, "--profile", profile, "--not", "apache-airflow", "--have", "Kubernetes", "--progress", progress,
               "--markdown", md, "--csv", csv_out, "--json")
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    assert out["corrections"] == {"apache-airflow": "not_held", "kubernetes": "used", "python": "not_held"}
    missing = {m["skill_id"]: m["cv_status"] for m in out["missing"]}
    assert missing["python"] == "not_held" and missing["apache-airflow"] == "not_held"
    planned = {s["skill_id"] for s in out["plan"]}
    assert {"python", "apache-airflow"} <= planned and "snowflake" not in planned
    assert out["plan_progress"]["skipped"] == ["snowflake"] and out["milestones"][0]["name"] == "job-ready"
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Match: Senior Data Engineer") and "## Plan for this job" in text
    rows = csv_out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("order,skill_id,label") and len(rows) == len(out["plan"]) + 1


def test_an_unknown_correction_is_one_clear_line(run, cv, tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text(AD_TEXT, encoding="utf-8")
    done = run(cv, ad, "--have", "Pythn")
    assert done.returncode == 1 and b"--have: unknown skill 'Pythn'" in done.stderr and b"Traceback" not in done.stderr
