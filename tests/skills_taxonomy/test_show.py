"""`taxonomy show`: the JSON contract and the readable table."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from skillgap.cli import app

runner = CliRunner()

SKILL_KEYS = {"id", "label", "category", "kind", "aliases", "prerequisites", "hours", "guides"}


def test_show_json_contract(tiny_data: Path) -> None:
    res = runner.invoke(app, ["taxonomy", "show", "--json", "--data-dir", str(tiny_data)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) >= {"version", "skills", "roles"}
    assert out["version"].startswith("0.test+")
    assert len(out["skills"]) == 13
    for s in out["skills"]:
        assert SKILL_KEYS <= set(s), s
        assert isinstance(s["aliases"], list) and isinstance(s["prerequisites"], list) and isinstance(s["hours"], int)
    sm = next(s for s in out["skills"] if s["id"] == "aws-sagemaker")
    assert sm["label"] == "Amazon SageMaker" and sm["category"] == "cloud/aws" and sm["kind"] == "service"
    assert sm["prerequisites"] == ["aws", "python"] and sm["hours"] == 30 and sm["parent"] == "aws"
    go = next(s for s in out["skills"] if s["id"] == "go")
    assert go["ambiguous"] == ["Go"]
    assert out["roles"][0]["id"] == "ml-architect" and out["roles"][0]["core_skills"]["python"] == 0.8


def test_show_guides_come_from_provenance(tiny_data: Path) -> None:
    (tiny_data / "provenance.json").write_text(
        json.dumps({"python": [{"guide": "tiny-guide", "phase": None, "section": None, "count": 3}]}), encoding="utf-8")
    out = json.loads(runner.invoke(app, ["taxonomy", "show", "--json", "--data-dir", str(tiny_data)]).output)
    by_id = {s["id"]: s for s in out["skills"]}
    assert by_id["python"]["guides"] == ["tiny-guide"] and by_id["docker"]["guides"] == []


def test_show_filters(tiny_data: Path) -> None:
    res = runner.invoke(app, ["taxonomy", "show", "--json", "--data-dir", str(tiny_data), "--category", "cloud"])
    assert {s["id"] for s in json.loads(res.output)["skills"]} == {"aws", "aws-sagemaker", "aws-s3"}
    res = runner.invoke(app, ["taxonomy", "show", "--json", "--data-dir", str(tiny_data), "--search", "k8s"])
    assert [s["id"] for s in json.loads(res.output)["skills"]] == ["kubernetes"]


def test_show_table(tiny_data: Path) -> None:
    res = runner.invoke(app, ["taxonomy", "show", "--data-dir", str(tiny_data), "--search", "sagemaker"],
                        env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "aws-sagemaker" in res.output and "Amazon SageMaker" in res.output and "docker" not in res.output


def test_show_no_match_exits_one(tiny_data: Path) -> None:
    res = runner.invoke(app, ["taxonomy", "show", "--data-dir", str(tiny_data), "--search", "no-such-thing-zz"])
    assert res.exit_code == 1


def test_show_real_taxonomy_json() -> None:
    res = runner.invoke(app, ["taxonomy", "show", "--json"])
    assert res.exit_code == 0, res.output[-2000:]
    out = json.loads(res.output)
    assert len(out["skills"]) > 100
    assert all(SKILL_KEYS <= set(s) for s in out["skills"])
