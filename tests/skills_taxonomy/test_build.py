"""`taxonomy build`: phases, sections and provenance on small synthetic guides (txt, md, html)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillgap.cli import app
from skills_taxonomy.build import build_provenance, parse_guide, write_build
from skills_taxonomy.load import load_taxonomy

runner = CliRunner()

TXT = """Intro: why this roadmap exists.
Phase 1: Cloud Basics (Months 1\u20133)
Learn AWS and Amazon S3 first. Then Python.
Phase 2: Machine Learning Platforms (Months 4-6)
Train a model with SageMaker and track it in MLflow. SageMaker again.
Frequently Asked Questions
Do I need Kubernetes? Only later.
"""

MD = """# Roadmap

Some words about Terraform.

## Stage 1 \u2014 Containers (months 1-3)

Start with Docker, then k8s.

### Practice

Ship a Docker image.

## Stage 2 \u2014 Retrieval (months 4-6)

Build RAG on a vector DB. We also like LangSmith and Weaviate, Qdrant, RAG, vector stores.

## Resources

Read the Golang docs.
"""

HTML = """<html><head><style>h2 {color: red}</style></head><body>
<h1>Architect path</h1>
<p>Overview mentions Python.</p>
<h2>Phase 1: Foundations (Months 1&ndash;2)</h2>
<p>Use <b>Terraform</b> and AWS daily.</p>
<h2>Phase 2: Serving (Months 3&ndash;5)</h2>
<ul><li>Deploy with Kubernetes</li><li>Monitor with MLflow</li></ul>
<script>var Kubernetes = 1;</script>
</body></html>
"""

GLUED = """Career Path
1Learn The Basics
3-6 months
Learn The Basics
- Master Python and Go/Java
2Get Experience
1-2 years
- Run Docker in production
Recommended Certifications
SAA-C03
"""

INLINE = ("Why it matters. Some intro about AWS. Phase 1: The Foundation (Months 1\u20133) Learn AWS well. "
          "Phase 2: Services Depth (Months 3\u20136) SageMaker is the tool. Phase 3: Landing the Job Roles to Target "
          "Solutions Architect roles with Kubernetes. " + "Padding sentence. " * 20)


@pytest.fixture
def guides(tmp_path: Path) -> Path:
    d = tmp_path / "guides"
    d.mkdir()
    (d / "tiny-guide.txt").write_text(TXT, encoding="utf-8")
    (d / "stages.md").write_text(MD, encoding="utf-8")
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "glued.txt").write_text(GLUED, encoding="utf-8")
    (d / "inline.txt").write_text(INLINE, encoding="utf-8")
    (d / "ignored.pdf").write_bytes(b"%PDF-1.4")
    return d


def _phases(path: Path):
    return [(p.order, p.name, p.month_start, p.month_end) for p in parse_guide(path, guide_id=path.stem).phases]


def test_txt_phases_with_unicode_dash(guides: Path) -> None:
    assert _phases(guides / "tiny-guide.txt") == [(1, "Phase 1: Cloud Basics", 1, 3),
                                                  (2, "Phase 2: Machine Learning Platforms", 4, 6)]


def test_markdown_stages(guides: Path) -> None:
    assert _phases(guides / "stages.md") == [(1, "Stage 1 \u2014 Containers", 1, 3), (2, "Stage 2 \u2014 Retrieval", 4, 6)]


def test_html_headings_and_entities(guides: Path) -> None:
    assert _phases(guides / "page.html") == [(1, "Phase 1: Foundations", 1, 2), (2, "Phase 2: Serving", 3, 5)]


def test_glued_numbered_steps_with_durations(guides: Path) -> None:
    phases = parse_guide(guides / "glued.txt", guide_id="glued").phases
    assert [(p.order, p.name, p.month_start, p.month_end, p.duration) for p in phases] == [
        (1, "Learn The Basics", 3, 6, True), (2, "Get Experience", 12, 24, True)]


def test_inline_phase_headings_in_one_long_line(guides: Path) -> None:
    assert _phases(guides / "inline.txt") == [(1, "Phase 1: The Foundation", 1, 3), (2, "Phase 2: Services Depth", 3, 6),
                                              (3, "Phase 3: Landing the Job", None, None)]


def test_provenance_attributes_guide_phase_section_and_count(tiny_data: Path, guides: Path) -> None:
    result = build_provenance(guides, taxonomy=load_taxonomy(tiny_data))
    prov = result.provenance
    # guides.yaml maps tiny-guide.txt -> "tiny-guide"; other files fall back to their stem.
    assert sorted(result.guides) == ["glued", "inline", "page", "stages", "tiny-guide"]
    assert {"guide": "tiny-guide", "phase": "Phase 2: Machine Learning Platforms",
            "section": "Phase 2: Machine Learning Platforms", "count": 2} in prov["aws-sagemaker"]
    assert {"guide": "tiny-guide", "phase": None, "section": "Frequently Asked Questions", "count": 1} in prov["kubernetes"]
    assert {"guide": "stages", "phase": "Stage 1 \u2014 Containers", "section": "Practice", "count": 1} in prov["docker"]
    assert {"guide": "stages", "phase": "Stage 1 \u2014 Containers", "section": "Stage 1 \u2014 Containers",
            "count": 1} in prov["kubernetes"]  # via the alias k8s
    assert {"guide": "stages", "phase": None, "section": "Resources", "count": 1} in prov["go"]  # Golang
    assert {"guide": "page", "phase": "Phase 2: Serving", "section": "Phase 2: Serving", "count": 1} in prov["kubernetes"]
    # the <script> body is not text
    assert sum(r["count"] for r in prov["kubernetes"] if r["guide"] == "page") == 1
    assert {"guide": "inline", "phase": "Phase 2: Services Depth", "section": "Phase 2: Services Depth",
            "count": 1} in prov["aws-sagemaker"]
    rag = [r for r in prov["rag"] if r["guide"] == "stages"]
    assert rag == [{"guide": "stages", "phase": "Stage 2 \u2014 Retrieval", "section": "Stage 2 \u2014 Retrieval", "count": 2}]
    assert {"guide": "glued", "phase": "Learn The Basics", "section": "Learn The Basics", "count": 1} in prov["python"]
    assert {"guide": "glued", "phase": None, "section": "Recommended Certifications", "count": 1} in prov["aws-saa"]


def test_ambiguous_alias_needs_exact_case(tiny_data: Path, tmp_path: Path) -> None:
    d = tmp_path / "g"
    d.mkdir()
    (d / "a.txt").write_text("We go live soon. GO team.\n", encoding="utf-8")
    (d / "b.txt").write_text("Master Python and Go.\n", encoding="utf-8")
    prov = build_provenance(d, taxonomy=load_taxonomy(tiny_data)).provenance
    assert [r["guide"] for r in prov["go"]] == ["b"]


def test_candidate_terms_lists_unknown_names_near_known_skills(tiny_data: Path, guides: Path) -> None:
    result = build_provenance(guides, taxonomy=load_taxonomy(tiny_data))
    terms = {c.term for c in result.candidates}
    assert {"LangSmith", "Weaviate", "Qdrant"} <= terms
    assert not terms & {"Docker", "RAG", "Terraform", "Python", "AWS"}  # known skills are not candidates
    assert all(c.count >= 1 and c.guides for c in result.candidates)


def test_write_is_deterministic_and_sorted(tiny_data: Path, guides: Path) -> None:
    tax = load_taxonomy(tiny_data)
    write_build(build_provenance(guides, taxonomy=tax), tiny_data)
    first = (tiny_data / "provenance.json").read_bytes()
    write_build(build_provenance(guides, taxonomy=load_taxonomy(tiny_data)), tiny_data)
    assert (tiny_data / "provenance.json").read_bytes() == first
    data = json.loads(first)
    assert list(data) == sorted(data)
    phases = json.loads((tiny_data / "guide_phases.json").read_text(encoding="utf-8"))
    assert phases["stages"][1]["month_start"] == 4 and phases["stages"][1]["month_end"] == 6
    # the loader attaches the provenance to skills
    refs = load_taxonomy(tiny_data).skills["aws-sagemaker"].guides
    assert any(r.guide == "tiny-guide" and r.count == 2 for r in refs)


def test_cli_build_writes_and_reports(tiny_data: Path, guides: Path) -> None:
    res = runner.invoke(app, ["taxonomy", "build", "--guides", str(guides), "--data-dir", str(tiny_data), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["mentions"] > 10 and len(out["guides"]) == 5
    assert [p["name"] for p in out["phases"]["tiny-guide"]] == ["Phase 1: Cloud Basics", "Phase 2: Machine Learning Platforms"]
    assert (tiny_data / "provenance.json").exists()
    check = runner.invoke(app, ["taxonomy", "check", "--data-dir", str(tiny_data)])
    assert check.exit_code == 0, check.output


def test_cli_build_dry_run_writes_nothing(tiny_data: Path, guides: Path) -> None:
    res = runner.invoke(app, ["taxonomy", "build", "--guides", str(guides), "--data-dir", str(tiny_data), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "tiny-guide: 2 phase(s)" in res.output
    assert not (tiny_data / "provenance.json").exists()


def test_numbered_competencies_become_phases_when_there_are_no_phase_headings(tmp_path: Path, tiny_data: Path) -> None:
    md = tmp_path / "g" / "competencies.md"
    md.parent.mkdir()
    md.write_text("Intro with AWS.\n\n**1. Data Foundations**\nLearn Python.\n\n**Detail**\nUse pandas.\n\n"
                  "**2. Platform Skills**\nRun Kubernetes.\n\n**3. Frequently asked questions**\nDocker?\n",
                  encoding="utf-8")
    assert _phases(md) == [(1, "1. Data Foundations", None, None), (2, "2. Platform Skills", None, None)]
    prov = build_provenance(md.parent, taxonomy=load_taxonomy(tiny_data)).provenance
    assert prov["pandas"] == [{"guide": "competencies", "phase": "1. Data Foundations", "section": "Detail", "count": 1}]
    assert prov["docker"][0]["phase"] is None and prov["aws"][0]["phase"] is None


def test_markdown_competency_headings_become_phases(tmp_path: Path) -> None:
    md = tmp_path / "five.md"
    md.write_text("# Introduction\nx\n# Data Foundations\ny\n## Exercise\nz\n# System Design\nw\n# Closing Thoughts\nv\n",
                  encoding="utf-8")
    assert _phases(md) == [(1, "Data Foundations", None, None), (2, "System Design", None, None)]
