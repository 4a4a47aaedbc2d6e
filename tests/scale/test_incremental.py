"""Incremental aggregation: a refresh that adds a few postings redoes only those, and ends equal to a full rebuild."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import yaml

from skillgap import store
from skillgap.aggregate import materialize
from skills_taxonomy.load import load_taxonomy

SKILLS = [("python", "Python"), ("sql", "SQL"), ("rag", "RAG"), ("tableau", "Tableau")]
ROLES = [
    {"id": "ml-engineer", "label": "ML engineer", "title_patterns": [r"\b(ml|machine learning) engineer"], "priority": 10},
    {"id": "data-analyst", "label": "Data analyst", "title_patterns": [r"\bdata analyst"], "priority": 5},
]
TABLES = {
    "posting_facts": "SELECT * FROM posting_facts",
    "posting_skills": "SELECT * FROM posting_skills",
    "market_unknown_terms": "SELECT * FROM market_unknown_terms",
    "skills": "SELECT * FROM skills",
    "roles": "SELECT * FROM roles",
    "posting_roles": "SELECT * FROM posting_roles",
}


def _taxonomy(root, version="inc-1", extra=()):
    (root / "skills").mkdir(parents=True)
    (root / "categories").mkdir()
    (root / "taxonomy.yaml").write_text(f"version: '{version}'\n")
    (root / "categories" / "c.yaml").write_text(yaml.safe_dump([{"id": "tech", "label": "Tech"}]))
    skills = [{"id": i, "label": lab, "category": "tech", "kind": "tool"} for i, lab in [*SKILLS, *extra]]
    (root / "skills" / "s.yaml").write_text(yaml.safe_dump(skills))
    (root / "roles.yaml").write_text(yaml.safe_dump(ROLES))
    return load_taxonomy(root)


@pytest.fixture(scope="module")
def taxonomy(tmp_path_factory):
    return _taxonomy(tmp_path_factory.mktemp("inc_tax"))


_clock = [datetime(2026, 1, 1)]


def _tick() -> datetime:
    """A strictly increasing timestamp (extractions and loads happen in order, as in real refreshes)."""
    _clock[0] += timedelta(seconds=1)
    return _clock[0]


def add_posting(con, pid, *, title, month, skills=(), preferred=(), description="text", version="inc-1"):
    con.execute(
        """INSERT INTO postings (posting_id, source, title, posted_month, posted_date, country, description,
                                 salary_min, salary_max, salary_currency, salary_period, loaded_at)
           VALUES (?, 'test', ?, ?, ?, 'US', ?, 100000, 120000, 'USD', 'year', ?)""",
        [pid, title, month, date(int(month[:4]), int(month[5:]), 1), description, _tick()],
    )
    extract(con, pid, skills=skills, preferred=preferred, version=version)


def extract(con, pid, *, skills=(), preferred=(), version="inc-1"):
    """(Re-)extract one posting the way skillgap.mentions.write_batch does: replace its rows, new timestamp."""
    con.execute("DELETE FROM skill_mentions WHERE posting_id = ?", [pid])
    con.execute("DELETE FROM posting_extractions WHERE posting_id = ?", [pid])
    con.execute("INSERT INTO posting_extractions VALUES (?, ?, ?, ?)", [pid, version, len(skills) + len(preferred), _tick()])
    for i, s in enumerate(skills):
        con.execute("INSERT INTO skill_mentions VALUES (?, ?, ?, ?, ?, ?, ?, '', 'requirements', true, NULL)",
                    [pid, version, s, s, i * 10, i * 10 + 3, s])
    for i, s in enumerate(preferred):
        con.execute("INSERT INTO skill_mentions VALUES (?, ?, ?, ?, ?, ?, ?, '', 'preferred', false, NULL)",
                    [pid, version, s, s, 500 + i * 10, 503 + i * 10, s])


def snapshot(con) -> dict:
    return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in TABLES.items()}


def mode(con) -> str:
    return con.execute("SELECT value FROM market_meta WHERE key = 'aggregate_mode'").fetchall()[0][0]


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "inc.duckdb")
    yield c
    c.close()


def _first_months(con):
    for i in range(30):
        month = ["2026-01", "2026-02", "2026-03"][i % 3]
        title = "ML Engineer" if i % 2 else "Data Analyst"
        add_posting(con, f"a{i:03d}", title=title, month=month, skills=["python"] + (["sql"] if i % 3 else []),
                    preferred=["rag"] if i % 5 == 0 else [],
                    description="We use LangGraph with Python." if i % 4 == 0 else "Plain text.")


def test_refresh_adding_postings_is_incremental_and_equals_a_full_rebuild(con, taxonomy):
    _first_months(con)
    first = materialize(con, taxonomy=taxonomy)
    assert mode(con) == "full" and first.postings == 30

    # a month later: new postings (a new month and a late one for an old month), one posting re-extracted
    for i in range(8):
        add_posting(con, f"b{i:03d}", title="ML Engineer", month="2026-04" if i < 6 else "2026-03",
                    skills=["tableau", "python"], description="Agents on LangGraph and CrewAI.")
    extract(con, "a001", skills=["tableau"], preferred=["sql"])
    second = materialize(con, taxonomy=taxonomy)
    assert mode(con) == "incremental"
    assert second.postings == 38 and second.classified == 8
    incremental = snapshot(con)
    assert ("a001", "tableau", True, False) in incremental["posting_skills"]
    assert not any(r[0] == "a001" and r[1] == "python" for r in incremental["posting_skills"])
    assert any(r[0] == "CrewAI" and r[1] == "2026-04" for r in incremental["market_unknown_terms"])

    materialize(con, taxonomy=taxonomy, full=True)
    assert mode(con) == "full"
    assert snapshot(con) == incremental


def test_incremental_run_leaves_untouched_postings_alone(con, taxonomy):
    """Proof that old rows are not rebuilt: a marker in an old fact row survives an incremental run only."""
    _first_months(con)
    materialize(con, taxonomy=taxonomy)
    con.execute("UPDATE posting_facts SET country = 'ZZ' WHERE posting_id = 'a000'")
    con.execute("UPDATE market_unknown_terms SET postings = 99 WHERE month = '2026-01'")
    assert con.execute("SELECT count(*) FROM market_unknown_terms WHERE postings = 99").fetchall()[0][0] > 0
    add_posting(con, "c000", title="Data Analyst", month="2026-04", skills=["sql"],
                description="We use LangGraph and LangGraph.")
    add_posting(con, "c001", title="Data Analyst", month="2026-04", skills=["sql"], description="LangGraph here.")
    materialize(con, taxonomy=taxonomy)
    assert mode(con) == "incremental"
    facts = dict(con.execute("SELECT posting_id, country FROM posting_facts").fetchall())
    assert facts["a000"] == "ZZ" and facts["c000"] == "US"
    terms = {(t, m): n for t, m, n in con.execute("SELECT * FROM market_unknown_terms").fetchall()}
    assert terms[("LangGraph", "2026-01")] == 99  # an old month is not recounted
    assert terms[("LangGraph", "2026-04")] == 2  # the new month is
    materialize(con, taxonomy=taxonomy, full=True)
    assert con.execute("SELECT country FROM posting_facts WHERE posting_id = 'a000'").fetchall() == [("US",)]
    assert con.execute("SELECT count(*) FROM market_unknown_terms WHERE postings = 99").fetchall()[0][0] == 0


def test_changed_taxonomy_forces_a_full_rebuild(con, taxonomy, tmp_path):
    _first_months(con)
    materialize(con, taxonomy=taxonomy)
    materialize(con, taxonomy=taxonomy)
    assert mode(con) == "incremental"
    same_version_more_skills = _taxonomy(tmp_path / "tax2", extra=[("mcp", "MCP")])
    materialize(con, taxonomy=same_version_more_skills)
    assert mode(con) == "full"  # lookups changed although the version string did not
    labels = dict(con.execute("SELECT skill_id, label FROM skills").fetchall())
    assert labels["mcp"] == "MCP"


def test_unknown_terms_off_then_on_recomputes_every_month(con, taxonomy):
    _first_months(con)
    materialize(con, taxonomy=taxonomy, unknown_terms=False)
    assert con.execute("SELECT count(*) FROM market_unknown_terms").fetchall()[0][0] == 0
    materialize(con, taxonomy=taxonomy)
    months = {r[0] for r in con.execute("SELECT month FROM market_unknown_terms WHERE term = 'LangGraph'").fetchall()}
    assert months == {"2026-01", "2026-02", "2026-03"}


def test_role_classification_in_small_chunks_equals_one_pass(tmp_path, taxonomy):
    from skillgap.aggregate import classify_new_postings

    results = []
    for name, chunk in (("one", 10_000), ("chunked", 7)):
        c = store.connect(tmp_path / f"{name}.duckdb")
        try:
            _first_months(c)
            assert classify_new_postings(c, taxonomy=taxonomy, chunk_size=chunk) == 30
            assert classify_new_postings(c, taxonomy=taxonomy, chunk_size=chunk) == 0
            results.append(sorted(c.execute("SELECT * FROM posting_roles").fetchall()))
        finally:
            c.close()
    assert results[0] == results[1] and len(results[0]) == 30
