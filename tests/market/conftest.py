"""A tiny taxonomy and small stores with known counts for market tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from skillgap import store
from skills_taxonomy.load import load_taxonomy
from tests.helpers.market import add_posting  # noqa: F401  (re-exported)

SKILLS = [
    ("python", "Python"), ("sql", "SQL"), ("rag", "RAG"), ("aws-bedrock", "Amazon Bedrock"),
    ("aws-lambda", "AWS Lambda"), ("hadoop", "Hadoop"), ("tableau", "Tableau"),
]
ROLES = [
    {"id": "ml-engineer", "label": "ML engineer", "title_patterns": [r"\b(ml|machine learning) engineer"], "priority": 10},
    {"id": "data-analyst", "label": "Data analyst", "title_patterns": [r"\bdata analyst"], "priority": 5},
]


@pytest.fixture(scope="session")
def tiny_market_taxonomy(tmp_path_factory):
    root = tmp_path_factory.mktemp("market_tax")
    (root / "skills").mkdir()
    (root / "categories").mkdir()
    (root / "taxonomy.yaml").write_text("version: 'test-1'\n")
    (root / "categories" / "c.yaml").write_text(yaml.safe_dump([{"id": "tech", "label": "Tech"}]))
    (root / "skills" / "s.yaml").write_text(
        yaml.safe_dump([{"id": i, "label": l, "category": "tech", "kind": "tool"} for i, l in SKILLS])
    )
    (root / "roles.yaml").write_text(yaml.safe_dump(ROLES))
    return load_taxonomy(root)


@pytest.fixture
def market_db(tmp_path: Path, tiny_market_taxonomy):
    """A writable store plus the helper to fill it; the test materialises when done."""
    path = tmp_path / "m.duckdb"
    con = store.connect(path)
    yield con, path
    con.close()


