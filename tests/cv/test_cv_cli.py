"""`skillgap extract --mode cv` and `skillgap gap` read a CV the same way; corrections; a CV of any size."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CV = """Sam Example
SUMMARY
Backend developer planning to learn Kubernetes next year; curious about Rust.

SKILLS
Java, Python, PostgreSQL, My SQL

EXPERIENCE
Backend Developer, Harbor Bank | Jan 2019 - Dec 2023
Built payment services in Java on PostgreSQL.
Worked with the data team that used TensorFlow (I did not).

Skill Details
LINUX- Exprience - 24 months
MongoDB- Exprience - 12 months
"""


def _run(*args, env_extra=None, tmp_path=None, timeout=300):
    env = dict(os.environ, SKILLGAP_DB=str(tmp_path / "none.duckdb"), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "skillgap.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def cv_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cvcli") / "sam.txt"
    path.write_text(CV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gap_json(cv_file, tmp_path_factory):
    run = _run("gap", str(cv_file), "--role", "backend-engineer", "--json", tmp_path=tmp_path_factory.mktemp("g"))
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_gap_json_lists_every_cv_skill_with_status(gap_json):
    assert {"role", "coverage", "have", "weak", "missing", "plan", "cv_warnings", "verdict"} <= gap_json.keys()
    rows = {r["skill_id"]: r for r in gap_json["cv"]["skills"]}
    for r in rows.values():
        assert {"skill_id", "label", "status", "years", "last_used", "implied_by", "evidence"} <= r.keys()
    assert rows["java"]["status"] == "used" and rows["java"]["years"] == 5.0 and rows["java"]["last_used"] == 2023
    assert rows["kubernetes"]["status"] == "learning" and rows["rust"]["status"] == "learning"
    assert rows["tensorflow"]["status"] == "not_held"
    assert rows["linux"]["status"] == "used" and rows["linux"]["years"] == 2.0
    assert rows["mysql"]["status"] == "listed" and rows["mongodb"]["status"] == "used"
    assert rows["sql"]["status"] == "used" and rows["sql"]["implied_by"] == "postgresql"
    assert "containers" not in rows or rows["containers"]["status"] not in ("used", "listed")
    held = {h["skill_id"] for h in gap_json["have"]} | {w["skill_id"] for w in gap_json["weak"]}
    assert not held & {"kubernetes", "rust", "tensorflow"}
    for m in gap_json["missing"]:
        assert m["in_progress"] == (m["skill_id"] in {"kubernetes", "rust"})


def test_extract_cv_mode_reads_like_gap(cv_file, gap_json, tmp_path):
    run = _run("extract", "--mode", "cv", str(cv_file), "--json", tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    gap_status = {r["skill_id"]: r["status"] for r in gap_json["cv"]["skills"] if not r["implied_by"]}
    found = {m["skill_id"]: m["status"] for m in out["mentions"]}
    assert found == gap_status
    assert all("status" in m and "years" in m for m in out["mentions"])
    assert next(m for m in out["mentions"] if m["skill_id"] == "mongodb")["years"] == 1.0


def test_extract_cv_jsonl_reads_each_text_as_one_cv(tmp_path):
    lines = tmp_path / "cvs.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": CV}) + "\n" + json.dumps({"id": "b", "text": ""}) + "\n")
    run = _run("extract", "--mode", "cv", "--jsonl", str(lines), tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr
    a, b = (json.loads(line) for line in run.stdout.splitlines())
    assert a["id"] == "a" and {"linux", "mongodb", "java"} <= {m["skill_id"] for m in a["mentions"]}
    assert next(s for s in a["skills"] if s["skill_id"] == "kubernetes")["status"] == "learning"
    assert b == {"id": "b", "mentions": [], "skills": [], "error": b["error"]} and "b.txt" in b["error"]


def test_corrections_from_the_command_line_and_a_profile(cv_file, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("skillgap_profile: 1\nskills:\n  java: not_held\n", encoding="utf-8")
    run = _run("gap", str(cv_file), "--role", "backend-engineer", "--json", "--have", "kubernetes,Docker",
               "--profile", str(profile), tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    rows = {r["skill_id"]: r for r in out["cv"]["skills"]}
    assert rows["kubernetes"]["status"] == "used" and rows["kubernetes"]["corrected"]
    assert rows["docker"]["status"] == "used" and rows["java"]["status"] == "not_held"
    assert out["cv"]["corrections"] == {"docker": "used", "java": "not_held", "kubernetes": "used"}
    assert "java" not in {h["skill_id"] for h in out["have"]}
    bad = tmp_path / "bad.yaml"
    bad.write_text("skills:\n  java: nope\n", encoding="utf-8")
    run = _run("gap", str(cv_file), "--profile", str(bad), tmp_path=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "bad.yaml" in run.stderr and "skills.java" in run.stderr


def test_a_cv_longer_than_the_pipeline_limit_is_read_in_parts(real_pipeline):
    from skillgap.cv import read_cv
    from skillgap.cv.skills import PART_CHARS, cv_skills

    taxonomy, nlp = real_pipeline
    filler = "Filler line about the weather and nothing else.\n" * (nlp.max_length // 48 + 10)
    text = CV + filler + "PROJECTS\nBuilt a Kafka consumer in Go.\n"
    assert len(text) > nlp.max_length > PART_CHARS
    doc = read_cv(text.encode(), filename="long.txt")
    skills = {s.skill_id: s for s in cv_skills(doc, nlp=nlp, taxonomy=taxonomy)}
    assert skills["kafka"].status == "used" and skills["go"].status == "used"  # found past the limit
    assert skills["java"].status == "used" and skills["kubernetes"].status == "learning"
    kafka = skills["kafka"].evidence[0]
    assert doc.text[kafka["start"] : kafka["end"]] == "Kafka"  # offsets into the whole text
