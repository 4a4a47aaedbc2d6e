"""The sample CVs: data/sample/cvs is what the generator writes, the reader understands every one, and the demo's
gap summary for one of them (`skillgap demo`, the dashboard's "Try a sample CV")."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillgap.cli import app
from skillgap.cv import read_cv, read_cv_file
from skillgap.errors import SampleOptionError
from skillgap.sample import cvs
from skillgap.sample.cvs import CV_DIR_NAME, DEMO_CV, PERSONAS, sample_cv_gap, sample_cvs, write_sample_cvs
from skillgap.settings import PROJECT_ROOT

COMMITTED = PROJECT_ROOT / "data" / "sample" / CV_DIR_NAME
runner = CliRunner()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("cvs")
    return out, write_sample_cvs(out)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_committed_cvs_equal_what_the_generator_writes_now(fresh):
    """data/sample/cvs must be exactly `skillgap sample cvs` output: nobody edits it by hand."""
    fresh_dir, summary = fresh
    assert not summary["skipped"], "fpdf2 (a test extra) is needed to check the PDF"
    ours, new = _files(COMMITTED), _files(fresh_dir)
    assert set(ours) == set(new), "data/sample/cvs has extra or missing files; run `skillgap sample cvs`"
    for name in new:
        if name.endswith((".docx", ".pdf")):
            # zip compression and PDF streams may differ between library builds: compare what a reader sees
            assert read_cv(ours[name], filename=name).text == read_cv(new[name], filename=name).text, (
                f"data/sample/{CV_DIR_NAME}/{name} is stale; run `skillgap sample cvs`"
            )
        else:
            assert ours[name] == new[name], f"data/sample/{CV_DIR_NAME}/{name} is stale; run `skillgap sample cvs`"


def test_same_seed_same_bytes_other_seed_other_people(tmp_path, fresh):
    fresh_dir, _ = fresh
    again = tmp_path / "again"
    write_sample_cvs(again)
    assert _files(again) == _files(fresh_dir)  # DOCX/PDF dates and zip times are fixed
    other = tmp_path / "other"
    write_sample_cvs(other, seed=7)
    for p in PERSONAS:
        a, b = read_cv_file(fresh_dir / p.filename), read_cv_file(other / p.filename)
        assert a.text.splitlines()[0] != b.text.splitlines()[0], f"{p.filename}: the seed did not change the name"
        assert len(a.jobs) == len(b.jobs) and [s.name for s in a.sections] == [s.name for s in b.sections]


def test_every_format_the_reader_supports_is_bundled_and_listed_in_the_readme():
    assert {p.fmt for p in PERSONAS} >= {"txt", "md", "docx", "pdf"}
    assert 4 <= len(PERSONAS) <= 6 and len({p.key for p in PERSONAS}) == len(PERSONAS)
    readme = (COMMITTED / "README.md").read_text(encoding="utf-8")
    for p in PERSONAS:
        assert f"| `{p.filename}` | {p.persona} | `{p.role}` | {p.fmt.upper()} |" in readme


def test_the_reader_finds_each_cvs_sections_and_job_dates():
    for p in PERSONAS:
        doc = read_cv_file(COMMITTED / p.filename)
        assert doc.kind == p.fmt and not doc.warnings, (p.filename, doc.warnings)
        names = [s.name for s in doc.sections]
        assert {"summary", "skills", "experience", "education"} <= set(names), (p.filename, names)
        assert ("certifications" in names) == bool(p.certifications), p.filename
        jobs = [*p.experience, *p.projects]
        assert [(j.date_from.year, j.date_from.month) for j in doc.jobs] == [j.start for j in jobs], p.filename
        assert [j.current for j in doc.jobs] == [j.end is None for j in jobs], p.filename
        for job, span in zip(jobs, doc.jobs):
            if job.end is not None:
                assert (span.date_to.year, span.date_to.month) == job.end, (p.filename, span)


def test_without_fpdf2_the_pdf_is_skipped_and_the_committed_one_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(cvs, "_has_fpdf", lambda: False)
    (pdf,) = [p for p in PERSONAS if p.fmt == "pdf"]
    (tmp_path / pdf.filename).write_bytes(b"%PDF-1.4 committed")
    summary = write_sample_cvs(tmp_path)
    assert summary["skipped"] == [pdf.filename]
    assert (tmp_path / pdf.filename).read_bytes() == b"%PDF-1.4 committed"
    assert all((tmp_path / p.filename).exists() for p in PERSONAS)


def test_sample_cvs_lists_what_is_on_disk(tmp_path):
    assert [cv.key for cv in sample_cvs(COMMITTED)] == [p.key for p in PERSONAS]
    assert sample_cvs(tmp_path / "nowhere") == []
    (tmp_path / f"{DEMO_CV}.txt").write_text("x", encoding="utf-8")
    (only,) = sample_cvs(tmp_path)
    assert only.key == DEMO_CV and only.role == "data-engineer" and only.read_bytes() == b"x"


def test_ingest_does_not_take_the_cvs_for_exports():
    from skillgap.ingest.discover import discover

    found = [Path(j.path) for j in discover([PROJECT_ROOT / "data" / "sample"])]
    assert found and not [p for p in found if CV_DIR_NAME in p.parts]


def test_cli_writes_the_cvs(tmp_path):
    res = runner.invoke(app, ["sample", "cvs", "--out", str(tmp_path / "c"), "--seed", "5", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["seed"] == 5 and set(summary["files"]) == {p.filename for p in PERSONAS}
    assert "--seed 5" in (tmp_path / "c" / "README.md").read_text(encoding="utf-8")
    res = runner.invoke(app, ["sample", "cvs", "--out", str(tmp_path / "d")])
    assert res.exit_code == 0 and f"{DEMO_CV}.txt" in res.stdout


def test_generate_writes_cvs_unless_told_not_to(tmp_path):
    args = ["sample", "generate", "--postings", "60", "--months", "2", "--json"]
    res = runner.invoke(app, [*args, "--out", str(tmp_path / "a")])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["cvs"]["files"] and (tmp_path / "a" / CV_DIR_NAME / f"{DEMO_CV}.txt").exists()
    res = runner.invoke(app, [*args, "--out", str(tmp_path / "b"), "--no-cvs"])
    assert res.exit_code == 0, res.output
    assert "cvs" not in json.loads(res.stdout) and not (tmp_path / "b" / CV_DIR_NAME).exists()


@pytest.mark.shared
def test_no_sentence_comes_from_the_real_cvs(shared_dir):
    """The sample CVs are written for this project: no run of 8 words is shared with the real CVs in ../shared."""
    path = shared_dir / "data/cvs/resume-dataset/resumes_dev.csv"
    if not path.exists():
        pytest.skip(f"{path} is not present")

    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9]+", text.casefold())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    with path.open(encoding="utf-8", newline="") as fh:
        real = set().union(*(grams(row["Resume"]) for row in csv.DictReader(fh)))
    for p in PERSONAS:
        shared = grams(read_cv_file(COMMITTED / p.filename).text) & real
        assert not shared, f"{p.filename} shares text with a real CV: {sorted(shared)[:3]}"


# ---------------------------------------------------------------------------------------------------------------
# The gap for a sample CV (what `skillgap demo` prints)


@pytest.fixture(scope="module")
def real(model_dir):
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    taxonomy = load_taxonomy()
    return taxonomy, load_pipeline(model_dir, taxonomy=taxonomy)


def test_sample_cv_gap_without_a_store_uses_the_guides(real):
    taxonomy, nlp = real
    cv, result = sample_cv_gap(COMMITTED, taxonomy=taxonomy, nlp=nlp, con=None)
    assert cv.key == DEMO_CV and result.role == "data-engineer" and result.basis == "guides"
    assert 0.2 < result.coverage < 0.95 and result.verdict == "gaps"
    have = {h["skill_id"] for h in result.have}
    assert {"sql", "python"} <= have
    assert len(result.plan) >= 5 and not {s["skill_id"] for s in result.plan} & have


def test_sample_cv_gap_for_every_persona_reaches_its_role(real):
    taxonomy, nlp = real
    for p in PERSONAS:
        cv, result = sample_cv_gap(COMMITTED, taxonomy=taxonomy, nlp=nlp, con=None, key=p.key)
        assert result.role == p.role and result.verdict == "gaps", (p.key, result.verdict)
        assert result.cv_skills >= 10 and result.plan, p.key


def test_unknown_sample_cv_is_one_clear_error(real, tmp_path):
    taxonomy, nlp = real
    with pytest.raises(SampleOptionError, match="skillgap sample cvs"):
        sample_cv_gap(tmp_path, taxonomy=taxonomy, nlp=nlp, con=None)


def test_demo_lines_show_role_coverage_and_five_plan_steps(real):
    from skillgap.commands.demo import sample_gap_lines

    taxonomy, nlp = real
    cv, result = sample_cv_gap(COMMITTED, taxonomy=taxonomy, nlp=nlp, con=None)
    lines = sample_gap_lines(cv, result)
    assert lines[0].strip().startswith(f"data/sample/{CV_DIR_NAME}/{DEMO_CV}.txt")
    assert f"{result.coverage * 100:.0f}%" in lines[1] and result.role_label in lines[1]
    first = result.milestones[0]
    assert lines[2].strip().startswith(f"{first['name']} in {first['hours']:,} h")
    assert lines[3].strip() == "first 5 plan steps:"
    steps = [ln.strip() for ln in lines[4:]]
    assert [s.split(".")[0] for s in steps] == ["1", "2", "3", "4", "5"]
    assert steps[0].startswith(f"1. {result.plan[0]['label']} (")
