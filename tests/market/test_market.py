"""Market measures on small stores with known counts: exact shares, changes, slopes and lifts."""

from __future__ import annotations

import pytest

from skillgap import market
from skillgap.aggregate import materialize
from skillgap.market import MarketFilter
from tests.helpers.market import add_posting, frame_dict


@pytest.fixture
def filled(market_db, tiny_market_taxonomy):
    con, path = market_db
    n = 0

    def ml(month, count, *, rag=0, rag_pref=0, sql=0, bedrock=0, salary=None):
        nonlocal n
        for i in range(count):
            skills = ["python"]
            pref = []
            if i < rag:
                skills.append("rag")
            elif i < rag + rag_pref:
                pref.append("rag")
            if i < sql:
                skills.append("sql")
            if i < bedrock:
                skills.append("aws-bedrock")
            n += 1
            add_posting(con, f"p{n}", title="Senior ML Engineer", month=month, skills=skills, preferred=pref,
                        salary=(salary + (10_000 if "rag" in skills + pref else 0)) if salary else None)

    ml("2026-01", 10, rag=1, rag_pref=1, sql=5, salary=100_000)
    ml("2026-02", 10, rag=6, sql=5, salary=100_000)
    ml("2026-03", 10, rag=8, bedrock=4, salary=100_000)
    for i in range(5):
        add_posting(con, f"a{i}", title="Data Analyst II", month="2026-01", skills=["sql"] + (["tableau"] if i < 3 else []),
                    remote=True, country="GB")
    materialize(con, taxonomy=tiny_market_taxonomy)
    return con


def test_roles_are_classified_and_counted(filled):
    roles = market.role_counts(filled)
    counts = frame_dict(roles, "role", "postings")
    assert counts["ml-engineer"] == 30
    assert counts["data-analyst"] == 5
    assert counts["other"] == 0
    assert roles["role"].to_list()[-1] == "other"


def test_demand_shares_carry_denominators_and_split(filled):
    d = market.demand(filled, MarketFilter(role="ml-engineer"))
    row = {r["skill_id"]: r for r in d.iter_rows(named=True)}
    assert row["python"]["postings"] == 30 and row["python"]["total"] == 30 and row["python"]["share"] == 1.0
    assert row["rag"]["postings"] == 16
    assert row["rag"]["share"] == pytest.approx(16 / 30)
    assert row["rag"]["required"] == 15 and row["rag"]["preferred"] == 1
    assert row["rag"]["required_share"] == pytest.approx(15 / 16)
    assert "tableau" not in row


def test_demand_filters_location_remote_and_window(filled):
    assert market.total_postings(filled, MarketFilter(country="GB")) == 5
    assert market.total_postings(filled, MarketFilter(remote=True)) == 5
    last_month = market.demand(filled, MarketFilter(role="ml-engineer", months=1))
    assert frame_dict(last_month, "skill_id", "total")["python"] == 10
    assert frame_dict(last_month, "skill_id", "share")["aws-bedrock"] == pytest.approx(0.4)


def test_trends_changes_and_robust_slope(filled):
    t = market.trends(filled, MarketFilter(role="ml-engineer"), months=3, min_support=1, low_support=5,
                      rule=market.TrendRule(min_postings=30))
    assert t["months"] == ["2026-01", "2026-02", "2026-03"]
    assert t["postings"] == {"2026-01": 10, "2026-02": 10, "2026-03": 10}
    rag = next(s for s in t["skills"] if s["skill_id"] == "rag")
    # only required+preferred mentions count; Jan has 2 of 10, Feb 6, Mar 8
    assert rag["share"] == {"2026-01": pytest.approx(0.2), "2026-02": pytest.approx(0.6), "2026-03": pytest.approx(0.8)}
    assert rag["change"] == pytest.approx(0.2)
    # least-squares slope over the 30 postings: (0.8 - 0.2) / 2 = 0.3 per month
    assert rag["trend"] == pytest.approx(0.3)
    # Cochran-Armitage: T = 8 - 2 = 6, p(1-p) = (16/30)(14/30), sum n(t - mean t)^2 = 20 -> z = 2.689
    assert rag["p_value"] == pytest.approx(0.00716, abs=1e-4)
    assert rag["trend_ci"][0] < 0.3 < rag["trend_ci"][1]
    assert rag["support"] == 16 and rag["verdict"] == "rising"
    assert [r["skill_id"] for r in t["rising"]] == ["rag", "aws-bedrock"]
    # SQL in 5, 5, 0 of 10: z = -5 / sqrt((1/3)(2/3) 20) = -2.37, p = 0.018, q = 0.024 (3 skills tested)
    sql = next(s for s in t["skills"] if s["skill_id"] == "sql")
    assert sql["p_value"] == pytest.approx(0.0177, abs=1e-3) and sql["q_value"] < 0.05
    assert [d["skill_id"] for d in t["declining"]] == ["sql"]
    python = next(s for s in t["skills"] if s["skill_id"] == "python")
    assert python["p_value"] == 1.0 and python["verdict"] == "no clear trend"  # asked by every posting


def test_low_support_months_are_flagged_not_hidden(filled):
    t = market.trends(filled, MarketFilter(role="ml-engineer"), months=3, min_support=1, low_support=30)
    assert t["months"] == ["2026-01", "2026-02", "2026-03"]
    assert t["low_support_months"] == t["months"]
    # 30 postings are too few to call a mover: the result says so with the count instead of empty lists alone
    assert not t["enough_postings"] and t["window_postings"] == 30
    assert "Only 30 dated postings (3 months with postings)" in t["note"]
    assert "span 2026-01 to 2026-03 (3 months)" in t["note"]
    assert t["rising"] == t["declining"] == t["emerging"] == []
    rag = next(s for s in t["skills"] if s["skill_id"] == "rag")
    assert rag["verdict"] == "no clear trend" and rag["trend"] == pytest.approx(0.3)


def test_cooccurrence_share_and_lift(filled):
    co = market.cooccurrence(filled, "aws-bedrock", MarketFilter(role="ml-engineer"), min_both=1)
    rows = {r["skill_id"]: r for r in co.iter_rows(named=True)}
    # the 4 bedrock postings (March, i<4) all have python and rag
    assert rows["python"]["both_postings"] == 4 and rows["python"]["share"] == 1.0
    assert rows["python"]["lift"] == pytest.approx(4 * 30 / (4 * 30))
    assert rows["rag"]["lift"] == pytest.approx(4 * 30 / (4 * 16))


def test_pay_with_and_without_skill(filled):
    p = market.pay(filled, MarketFilter(role="ml-engineer"), currency="USD", min_postings=5)
    row = {r["skill_id"]: r for r in p.iter_rows(named=True)}
    assert row["rag"]["with_postings"] == 16 and row["rag"]["without_postings"] == 14
    assert row["rag"]["with_median"] == 110_000 and row["rag"]["without_median"] == 100_000
    assert "python" not in row  # no posting lacks python: nothing to compare against


def test_role_demand_has_trend_column(filled):
    rd = market.role_demand(filled, MarketFilter(role="ml-engineer"), trend_months=3, low_support=5)
    assert set(rd.columns) >= {"skill_id", "label", "share", "required_share", "trend", "trend_q", "trend_verdict", "total"}
    assert frame_dict(rd, "skill_id", "trend")["rag"] == pytest.approx(0.3)


def test_materialize_is_idempotent(filled, tiny_market_taxonomy):
    before = market.demand(filled).sort("skill_id")
    summary = materialize(filled, taxonomy=tiny_market_taxonomy)
    assert summary.classified == 0
    assert market.demand(filled).sort("skill_id").equals(before)


def test_unknown_terms_rise(market_db, tiny_market_taxonomy):
    con, _ = market_db
    for i in range(6):
        month = "2026-01" if i < 1 else "2026-03"
        add_posting(con, f"u{i}", title="ML Engineer", month=month, skills=["python"],
                    description="We build agents with LangGraph and Python.")
    materialize(con, taxonomy=tiny_market_taxonomy)
    terms = market.unknown_terms(con, months=4, min_postings=2)
    assert "LangGraph" in terms["term"].to_list()
    assert "Python" not in terms["term"].to_list()
