"""A tiny taxonomy and small stores with known counts for market tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
import yaml

from skillgap import store
from skills_taxonomy.load import load_taxonomy

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


def add_posting(con, pid, *, title, month, skills=(), preferred=(), country="US", remote=False,
                salary=None, currency="USD", period="year", version="test-1", description="text"):
    """Insert one posting, its extraction record and its mentions."""
    con.execute(
        """INSERT INTO postings (posting_id, source, title, posted_month, posted_date, country, remote,
                                 description, salary_min, salary_max, salary_currency, salary_period, loaded_at)
           VALUES (?, 'test', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())""",
        [pid, title, month, date(int(month[:4]), int(month[5:]), 1), country, remote, description,
         salary, salary, currency if salary else None, period if salary else None],
    )
    con.execute("INSERT INTO posting_extractions VALUES (?, ?, ?, now())", [pid, version, len(skills) + len(preferred)])
    for i, s in enumerate(skills):
        con.execute("INSERT INTO skill_mentions VALUES (?, ?, ?, ?, ?, ?, ?, '', 'requirements', true, NULL)",
                    [pid, version, s, s, i * 10, i * 10 + 3, s])
    for i, s in enumerate(preferred):
        con.execute("INSERT INTO skill_mentions VALUES (?, ?, ?, ?, ?, ?, ?, '', 'preferred', false, NULL)",
                    [pid, version, s, s, 500 + i * 10, 503 + i * 10, s])


@pytest.fixture
def market_db(tmp_path: Path, tiny_market_taxonomy):
    """A writable store plus the helper to fill it; the test materialises when done."""
    path = tmp_path / "m.duckdb"
    con = store.connect(path)
    yield con, path
    con.close()


def frame_dict(frame: pl.DataFrame, key: str, value: str) -> dict:
    return dict(zip(frame[key].to_list(), frame[value].to_list()))
