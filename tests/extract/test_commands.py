"""`skillgap extract` and `skillgap evaluate` through the real CLI app (typer's runner)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from skillgap.cli import app


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("models")  # one saved pipeline for the module: built once, then loaded


@pytest.fixture
def env(tmp_path, tiny_taxonomy_dir, monkeypatch, models_dir):
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(models_dir))
    monkeypatch.setenv("SKILLGAP_TAXONOMY_DIR", str(tiny_taxonomy_dir))
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_extract_text_json(env):
    result = CliRunner().invoke(app, ["extract", "--text", "Requirements:\n- 3+ years of Go and Rust\n- No Java needed", "--json"])
    assert result.exit_code == 0, result.output
    mentions = json.loads(result.stdout)["mentions"]
    assert [m["skill_id"] for m in mentions] == ["go", "rust"]
    assert set(mentions[0]) == {"skill_id", "label", "start", "end", "text", "section", "required", "sentence", "years"}
    assert mentions[0]["section"] == "requirements" and mentions[0]["years"] == 3.0


def test_extract_file_table_and_cv_mode(env):
    cv = env / "cv.txt"
    cv.write_text("Skills\nPython, Kubernetes\n\nAbout me\nI love Go and Rust.\n")
    result = CliRunner().invoke(app, ["extract", str(cv), "--mode", "cv"])
    assert result.exit_code == 0, result.output
    assert "Kubernetes" in result.stdout and "skills" in result.stdout and "Rust" in result.stdout


def test_extract_jsonl_streams_in_order(env):
    lines = [{"id": "b", "text": "Go and Rust"}, {"id": "a", "text": "nothing here"}, {"id": "c", "text": "C++ and SQL"}]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    result = CliRunner().invoke(app, ["extract", "--jsonl", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in out] == ["b", "a", "c"]
    assert [m["skill_id"] for m in out[2]["mentions"]] == ["cpp", "sql"] and out[1]["mentions"] == []


def test_extract_jsonl_bad_line_names_the_line(env, tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "Go and Rust"}\nnot json\n{"id": "c", "text": "SQL"}\n')
    result = CliRunner().invoke(app, ["extract", "--jsonl", str(f)])
    assert result.exit_code != 0
    assert "line 2" in str(result.exception)
    # the lines before the bad one are answered (the pipeline reads a batch ahead), none after it
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in out] == ["a"] and [m["skill_id"] for m in out[0]["mentions"]] == ["go", "rust"]


def test_evaluate_skillspan_json(env, tmp_path):
    rows = [
        {"tokens": ["Experience", "with", "Python", "and", "Kubernetes"], "tags_skill": ["O"] * 5,
         "tags_knowledge": ["O", "O", "B", "O", "B"], "source": "tech"},
        {"tokens": ["We", "go", "live", "soon", "with", "Terraform"], "tags_skill": ["O"] * 6,
         "tags_knowledge": ["O", "O", "O", "O", "O", "B"], "source": "house"},
    ]
    f = tmp_path / "dev.json"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(app, ["evaluate", "skillspan", str(f), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    tech = report["by_source"]["tech"]
    assert tech["loose_precision"] == 1.0 and tech["knowledge_recall"] == 1.0
    assert report["by_source"]["house"]["knowledge_recall"] == 0.0
    assert report["by_source"]["house"]["top_missed_knowledge"] == [["terraform", 1]]
