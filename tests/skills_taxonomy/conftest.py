"""Fixtures for taxonomy tests: a tiny, clean taxonomy written in code, and a copy of the real data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from skills_taxonomy.load import DATA_DIR

TINY_CATEGORIES = [
    {"id": "cloud", "label": "Cloud"},
    {"id": "cloud/aws", "label": "AWS", "parent": "cloud"},
    {"id": "languages", "label": "Languages"},
    {"id": "devops", "label": "DevOps"},
    {"id": "ai", "label": "AI"},
    {"id": "certifications", "label": "Certifications"},
]

TINY_SKILLS = [
    {"id": "aws", "label": "Amazon Web Services", "category": "cloud/aws", "kind": "platform", "aliases": ["AWS"],
     "hours": 40, "certifications": ["aws-saa"]},
    {"id": "aws-sagemaker", "label": "Amazon SageMaker", "category": "cloud/aws", "kind": "service",
     "parent": "aws", "aliases": ["SageMaker", "AWS SageMaker"], "prerequisites": ["aws", "python"], "hours": 30},
    {"id": "aws-s3", "label": "Amazon S3", "category": "cloud/aws", "kind": "service", "parent": "aws",
     "aliases": ["S3", "Simple Storage Service"], "prerequisites": ["aws"]},
    {"id": "aws-saa", "label": "AWS Certified Solutions Architect - Associate", "category": "certifications",
     "kind": "certification", "aliases": ["SAA-C03", "AWS Solutions Architect Associate"], "prerequisites": ["aws"]},
    {"id": "python", "label": "Python", "category": "languages", "kind": "language", "aliases": ["Python 3"]},
    {"id": "go", "label": "Go", "category": "languages", "kind": "language", "aliases": ["Golang"],
     "ambiguous_aliases": ["Go"], "context": {"case_sensitive": True, "near": ["python", "java"]}},
    {"id": "docker", "label": "Docker", "category": "devops", "kind": "tool", "aliases": ["Docker containers"]},
    {"id": "kubernetes", "label": "Kubernetes", "category": "devops", "kind": "platform", "aliases": ["k8s"],
     "prerequisites": ["docker"]},
    {"id": "terraform", "label": "Terraform", "category": "devops", "kind": "tool",
     "aliases": ["HashiCorp Terraform"]},
    {"id": "mlflow", "label": "MLflow", "category": "ai", "kind": "tool"},
    {"id": "rag", "label": "Retrieval-Augmented Generation", "category": "ai", "kind": "practice",
     "aliases": ["RAG"], "prerequisites": ["vector-databases"]},
    {"id": "vector-databases", "label": "Vector databases", "category": "ai", "kind": "concept",
     "aliases": ["vector DB", "vector store"]},
    {"id": "pandas", "label": "pandas", "category": "languages", "kind": "library", "parent": "python"},
]

TINY_GUIDES = [
    {"id": "tiny-guide", "title": "Tiny guide", "file": "tiny-guide.txt", "roles": ["ml-architect"],
     "phases": [{"id": "p1", "name": "Phase 1: Cloud Basics", "order": 1, "month_start": 1, "month_end": 3,
                 "skills": ["aws", "python"]}],
     "projects": [{"id": "proj", "name": "Serverless API", "skills": ["aws-s3"], "hours": 4, "phase": "p1"}],
     "certification_paths": [{"id": "aws-path", "name": "AWS path", "steps": ["aws-saa"]}]},
]

TINY_ROLES = [
    {"id": "ml-architect", "label": "ML Architect", "title_patterns": [r"\b(ml|ai) architect\b"],
     "core_skills": {"aws-sagemaker": 0.9, "python": 0.8}, "guides": ["tiny-guide"]},
]


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_tiny_taxonomy(root: Path) -> Path:
    """Write the tiny taxonomy under ``root`` and return its data folder."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "taxonomy.yaml").write_text('version: "0.test"\n', encoding="utf-8")
    _dump(root / "categories" / "tiny.yaml", TINY_CATEGORIES)
    _dump(root / "skills" / "tiny.yaml", TINY_SKILLS)
    _dump(root / "guides.yaml", TINY_GUIDES)
    _dump(root / "roles.yaml", TINY_ROLES)
    return root


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """A clean, ~13-skill taxonomy data folder (independent of the curated content)."""
    return write_tiny_taxonomy(tmp_path / "tiny-data")


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A private copy of the real taxonomy data to break or extend."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst, ignore=shutil.ignore_patterns("*.tmp"))
    return dst


def append_records(path: Path, records: list[dict]) -> None:
    """Append records to a YAML list file (creating it)."""
    existing = (yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []) if path.exists() else []
    _dump(path, list(existing) + records)


@pytest.fixture
def append_yaml():
    """``append_yaml(path, records)``: append records to a YAML list file."""
    return append_records
