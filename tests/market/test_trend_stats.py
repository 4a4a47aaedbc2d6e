"""The statistics behind trends (Wilson intervals, Cochran–Armitage by source, Benjamini–Hochberg), the display
series (quarters, rolling months), role choices for pickers and the money / trend formatting."""

from __future__ import annotations

import math

import numpy as np
import pytest

from skillgap import market, market_format, trend_stats
from skillgap.aggregate import materialize
from skillgap.market import MarketFilter
from tests.helpers.market import add_posting


def test_wilson_interval_known_values():
    lo, hi = trend_stats.wilson_interval([5, 0, 10], [10, 10, 0])
    # 5 of 10: 0.2366 - 0.7634 (Wilson 1927; also R's prop.test without continuity correction)
    assert lo[0] == pytest.approx(0.23659, abs=1e-5) and hi[0] == pytest.approx(0.76341, abs=1e-5)
    # 0 of 10: the interval starts at 0 and is not empty
    assert lo[1] == 0.0 and hi[1] == pytest.approx(0.27753, abs=1e-5)
    assert math.isnan(lo[2]) and math.isnan(hi[2])  # no postings: unknown, not 0


def test_benjamini_hochberg_q_values():
    q = trend_stats.bh_q_values([0.01, 0.04, 0.03, 0.2])
    # sorted p 0.01, 0.03, 0.04, 0.2 -> 0.04, 0.06, 0.0533, 0.2 -> running minimum from the top
    assert q.tolist() == pytest.approx([0.04, 0.0533333, 0.0533333, 0.2])
    assert trend_stats.bh_q_values([]).size == 0


def test_cochran_armitage_matches_the_textbook_statistic():
    test = trend_stats.trend_test(np.array([[2, 6, 8]]), np.array([10, 10, 10]), np.array([0, 1, 2]))
    # T = sum x (t - mean t) = 6; var = p(1-p) sum n (t - mean t)^2 = (16/30)(14/30) 20
    assert test.z[0] == pytest.approx(6 / math.sqrt(16 / 30 * 14 / 30 * 20))
    assert test.slope[0] == pytest.approx(0.3)
    assert test.p_value[0] == pytest.approx(math.erfc(test.z[0] / math.sqrt(2)))
    assert test.dispersion == 1.0  # one skill cannot estimate a common dispersion


def test_a_change_in_the_mix_of_sources_is_not_a_trend():
    # source A (months 0-1) asks for the skill in half its postings, source B (months 2-3) in a tenth
    asked = np.array([[[5, 5, 0, 0], [0, 0, 1, 1]]])
    totals = np.array([[10, 10, 0, 0], [0, 0, 10, 10]])
    stratified = trend_stats.trend_test(asked, totals, np.arange(4))
    pooled = trend_stats.trend_test(asked.sum(axis=1), totals.sum(axis=0), np.arange(4))
    assert stratified.slope[0] == 0 and stratified.p_value[0] == 1.0
    assert pooled.slope[0] < 0 and pooled.p_value[0] < 0.05  # what a pooled test would have claimed


def test_common_dispersion_is_a_floored_median():
    assert trend_stats.common_dispersion(np.array([0.5] * 20)) == 1.0
    assert trend_stats.common_dispersion(np.array([2.0] * 15 + [50.0] * 5)) == 2.0  # a few curved trends don't move it
    assert trend_stats.common_dispersion(np.array([3.0] * 5)) == 1.0  # too few skills to estimate it


def test_overdispersion_widens_the_interval_and_weakens_the_test():
    rng = np.random.default_rng(3)
    totals = np.full(12, 200)
    # 30 skills whose monthly share jumps around (month effects) with no trend, and one with a modest trend
    base = rng.uniform(0.1, 0.4, size=(30, 1)) * rng.uniform(0.6, 1.4, size=(30, 12))
    asked = rng.binomial(200, np.clip(base, 0, 1))
    test = trend_stats.trend_test(asked, totals, np.arange(12))
    binomial = trend_stats.trend_test(asked[:1], totals, np.arange(12))
    assert test.dispersion > 2
    width = test.ci_high[0] - test.ci_low[0]
    assert width == pytest.approx((binomial.ci_high[0] - binomial.ci_low[0]) * math.sqrt(test.dispersion))
    assert test.p_value[0] >= binomial.p_value[0]


@pytest.fixture
def small_store(market_db, tiny_market_taxonomy):
    con, _ = market_db
    n = 0
    for month, count, with_rag in [("2025-11", 4, 0), ("2025-12", 6, 1), ("2026-01", 10, 2), ("2026-02", 10, 5),
                                   ("2026-03", 10, 6), ("2026-04", 10, 8)]:
        for i in range(count):
            n += 1
            add_posting(con, f"p{n}", title="ML Engineer", month=month, skills=["python"] + (["rag"] if i < with_rag else []),
                        salary=120_000 + 1_000 * n, currency="GBP")
    materialize(con, taxonomy=tiny_market_taxonomy)
    return con


def test_share_series_by_month_quarter_and_rolling(small_store):
    monthly = market.share_series(small_store, skills=["rag"], period="month", low_support=10)
    assert monthly["period"].to_list() == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]
    assert monthly["low_support"].to_list() == [True, True, False, False, False, False]
    quarterly = market.share_series(small_store, skills=["rag"], period="quarter", low_support=10)
    rows = {r["period"]: r for r in quarterly.iter_rows(named=True)}
    assert set(rows) == {"2025-Q4", "2026-Q1", "2026-Q2"}
    assert (rows["2026-Q1"]["postings"], rows["2026-Q1"]["period_postings"]) == (13, 30)
    assert rows["2026-Q1"]["ci_low"] < 13 / 30 < rows["2026-Q1"]["ci_high"]
    rolling = {r["period"]: r for r in market.share_series(small_store, skills=["rag"], period="rolling").iter_rows(named=True)}
    # March pools January to March: 2 + 5 + 6 of 30; November has only itself
    assert (rolling["2026-03"]["postings"], rolling["2026-03"]["period_postings"]) == (13, 30)
    assert (rolling["2025-11"]["postings"], rolling["2025-11"]["period_postings"]) == (0, 4)
    with pytest.raises(ValueError, match="period"):
        market.share_series(small_store, period="week")


def test_role_choices_mark_roles_without_postings(small_store, tiny_market_taxonomy):
    choices = market.role_choices(small_store, tiny_market_taxonomy)
    assert [(c.role, c.postings) for c in choices] == [("ml-engineer", 50), ("data-analyst", 0)]
    assert choices[0].display == "ML engineer (50 postings)"
    assert choices[1].guides_only and choices[1].display == "Data analyst — guides only (no postings)"
    assert all(c.guides_only for c in market.role_choices(None, tiny_market_taxonomy))


def test_pay_currencies_and_formatting(small_store):
    assert market.pay_currencies(small_store) == [("GBP", 50)]
    assert market.pay_currencies(small_store, MarketFilter(role="data-analyst")) == []
    assert market_format.money(126000.4, "USD") == "$126,000"
    assert market_format.money(45500, "GBP") == "£45,500"
    assert market_format.money(98000, "CHF") == "98,000 CHF"
    assert market_format.money(None, "USD") == "—"
    assert market_format.pay_summary(126000, 105500, 143000, 29, "USD") == "$126,000 (IQR $105,500–$143,000; 29 postings)"


@pytest.mark.parametrize("slope, text", [(0.0106, "+1.1 pts/mo"), (-0.0118, "-1.2 pts/mo"), (0.0005, "+0.05 pts/mo"),
                                         (-0.0007, "-0.07 pts/mo"), (0.001, "+0.1 pts/mo"), (None, "—")])
def test_points_per_month_never_round_a_mover_to_zero(slope, text):
    assert market_format.points_per_month(slope) == text


def test_no_mover_has_a_rounded_zero_effect(small_store):
    t = market.trends(small_store, MarketFilter(), months=6, min_support=5, rule=market.TrendRule(min_postings=20))
    assert [e["skill_id"] for e in t["rising"]] == ["rag"]
    for e in t["rising"] + t["declining"]:
        assert market_format.points_per_month(e["trend"]) not in ("+0.0 pts/mo", "-0.0 pts/mo", "+0.00 pts/mo")
        assert e["trend_ci"][0] > 0 and e["q_value"] <= 0.05 and e["support"] >= 5
