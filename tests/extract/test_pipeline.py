"""Build, save, reload and version-keyed caching of the skills pipeline; patterns and tokenizer."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from skillgap.errors import TaxonomyError
from skills_taxonomy import load_taxonomy
from skills_taxonomy.model import Skill
from skills_taxonomy.patterns import inflections, skill_patterns, spelling_variants
from skills_taxonomy.pipeline import COMPONENTS, load_pipeline, model_path, pipeline_info
from skills_taxonomy.tokenizer import customize_tokenizer


def test_tokenizer_splits_tech_tokens():
    nlp = customize_tokenizer(spacy.blank("en"))
    words = [t.text for t in nlp("C++, C# and .NET; Node.js/CI/CD, Python/SQL AWS-certified in C. https://x.io/a/b.js")]
    for w in ("C++", ".NET", "Node.js", "CI", "CD", "Python", "SQL", "AWS", "C", "https://x.io/a/b.js"):
        assert w in words
    assert "Node.js/CI/CD" not in words


def test_inflections_and_variants():
    assert "data pipelines" in inflections("data pipeline", kind="concept")
    assert "LLMs" in inflections("LLM", kind="concept")
    assert "containerized" in inflections("containerization", kind="practice")
    assert "A/B tests" in inflections("A/B testing", kind="practice")
    assert "Pythons" not in inflections("Python", kind="language")
    assert {"CI CD", "CICD"} <= set(spelling_variants("CI/CD"))
    assert "NodeJS" in spelling_variants("Node.js") or "Nodejs" in spelling_variants("Node.js")


def test_ambiguous_alias_is_not_inflected():
    skill = Skill(id="go", label="Go", category="x", kind="concept", ambiguous_aliases=("Go",))
    texts = {p.text for p in skill_patterns(skill)}
    assert texts == {"Go"}
    assert all(p.ambiguous for p in skill_patterns(skill))


def test_save_and_reload_by_version(tmp_path, tiny_taxonomy_dir):
    tax_dir = tmp_path / "tax"
    shutil.copytree(tiny_taxonomy_dir, tax_dir)
    models = tmp_path / "models"
    tax = load_taxonomy(tax_dir)
    nlp = load_pipeline(models, taxonomy=tax)
    path = model_path(models, tax.version)
    assert path.name == f"skills-{tax.version}" and (path / "meta.json").exists()
    assert nlp.pipe_names == list(COMPONENTS)
    assert pipeline_info(nlp)["taxonomy_version"] == tax.version
    # loading the saved folder directly gives the same behaviour
    again = load_pipeline(path)
    doc = again("Go and Rust, but we go live soon")
    assert [s.label_ for s in doc.spans["skills"]] == ["go", "rust"]
    # a taxonomy edit is a new version and a new folder
    skills_file = tax_dir / "skills" / "tech.yaml"
    skills_file.write_text(
        skills_file.read_text() + "- {id: zig, label: Zig, category: languages, kind: language}\n"
    )
    tax2 = load_taxonomy(tax_dir)
    assert tax2.version != tax.version
    nlp2 = load_pipeline(models, taxonomy=tax2)
    assert model_path(models, tax2.version).exists()
    doc2 = nlp2("Zig and C++")
    assert [s.label_ for s in doc2.spans["skills"]] == ["zig", "cpp"]


def test_spacy_load_in_a_fresh_process(tmp_path, tiny_taxonomy):
    from skills_taxonomy.pipeline import build_pipeline, save_pipeline

    path = save_pipeline(build_pipeline(tiny_taxonomy), tmp_path / "skills-x")
    code = (
        "import json, sys, spacy, skills_taxonomy.pipeline\n"
        f"nlp = spacy.load({str(path)!r})\n"
        "doc = nlp('Spring Boot, R and Python; no Kubernetes experience needed')\n"
        "print(json.dumps([s.label_ for s in doc.spans['skills']]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2])
    assert json.loads(out.stdout.strip().splitlines()[-1]) == ["spring-boot", "r", "python", "kubernetes"]


def test_yaml_booleans_in_rules_do_not_crash(tmp_path, tiny_taxonomy_dir):
    tax_dir = tmp_path / "tax"
    shutil.copytree(tiny_taxonomy_dir, tax_dir)
    (tax_dir / "skills" / "extra.yaml").write_text(
        "- id: ruby\n  label: Ruby\n  category: languages\n  kind: language\n  ambiguous_aliases: [Ruby]\n"
        "  context: {case_sensitive: true, near: [rails], not_before: [on, yes]}\n"
    )
    from skills_taxonomy.pipeline import build_pipeline

    nlp = build_pipeline(load_taxonomy(tax_dir))
    doc = nlp("Ruby on Rails")
    assert [s.label_ for s in doc.spans["skills"]] == ["ruby"]


def test_pipeline_saved_by_another_spacy_version_is_rebuilt(tmp_path, tiny_taxonomy_dir):
    """The tokenizer is rebuilt from code on load, so patterns tokenized by another spaCy must be rebuilt."""
    tax = load_taxonomy(tiny_taxonomy_dir)
    models = tmp_path / "models"
    stale = load_pipeline(models, taxonomy=tax)
    meta_file = model_path(models, tax.version) / "meta.json"
    meta = json.loads(meta_file.read_text())
    meta["skillgap"]["spacy"] = "3.0.0"
    meta_file.write_text(json.dumps(meta))
    with pytest.raises(TaxonomyError, match="another version"):
        load_pipeline(model_path(models, tax.version))
    nlp = load_pipeline(models, taxonomy=tax)  # rebuilt and saved again
    assert json.loads(meta_file.read_text())["skillgap"]["spacy"] == spacy.__version__
    assert nlp is not stale  # the pipeline loaded before the rebuild is not served from memory
    doc = nlp("Go and Rust")
    assert [s.label_ for s in doc.spans["skills"]] == ["go", "rust"]
