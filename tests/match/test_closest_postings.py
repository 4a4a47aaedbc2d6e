"""Closest postings carry what a person needs to read and match them: location, month, link, text."""

from __future__ import annotations

from skillgap import store
from skillgap.aggregate import materialize
from skillgap.gap import closest_postings
from skillgap.market import MarketFilter
from tests.market.conftest import add_posting, tiny_market_taxonomy  # noqa: F401  (fixture)


def test_closest_postings_have_location_link_and_text(tmp_path, tiny_market_taxonomy):
    con = store.connect(tmp_path / "c.duckdb")
    add_posting(con, "a", title="ML Engineer", month="2026-05", skills=["python", "sql", "rag"],
                description="Build RAG services in Python.")
    add_posting(con, "b", title="ML Engineer", month="2026-04", skills=["python", "hadoop", "tableau"],
                preferred=["sql"], description="Hadoop and Tableau.")
    con.execute("UPDATE postings SET location = 'Berlin, Germany', url = 'https://example.com/jobs/a' "
                "WHERE posting_id = 'a'")
    materialize(con, taxonomy=tiny_market_taxonomy)
    rows = closest_postings(con, f=MarketFilter(role="ml-engineer"), have={"python", "sql", "rag"},
                            labels={"hadoop": "Hadoop"})
    con.close()
    by_id = {r["posting_id"]: r for r in rows}
    a, b = by_id["a"], by_id["b"]
    assert [r["posting_id"] for r in rows] == ["a", "b"]
    assert (a["location"], a["url"], a["month"], a["text"]) == (
        "Berlin, Germany", "https://example.com/jobs/a", "2026-05", "Build RAG services in Python.")
    assert b["url"] is None and b["text"] == "Hadoop and Tableau."
    assert a["coverage"] == a["share_of_posting_skills"] == 1.0
    # b: python (required, have), hadoop and tableau (required, missing), sql (nice to have, have): 1.5 / 3.5
    assert b["share_of_posting_skills"] == round(1.5 / 3.5, 4) and b["n_skills"] == 4
    assert {"posting_id", "title", "company", "month", "url", "coverage", "missing"} <= a.keys()
