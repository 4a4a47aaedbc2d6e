"""Trends on the bundled sample (the `skillgap demo` data, built by the real refresh flow): the ML-engineer view
reads sensibly, the CLI keeps its JSON contract, and the Market trends page runs in AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from skillgap import market, market_format, store
from skillgap.cli import app
from skillgap.market import MarketFilter
from skills_taxonomy.load import load_taxonomy

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
OLD_SKILL_KEYS = {"skill_id", "label", "postings", "share", "latest_share", "change", "yoy_change", "trend"}
OLD_MOVER_KEYS = {"skill_id", "label", "postings", "latest_share", "change", "yoy_change", "trend"}


@pytest.fixture(scope="module")
def sample_con(sample_store):
    con = store.connect(sample_store, read_only=True)
    yield con
    con.close()


def test_ml_engineer_trends_read_sensibly(sample_con):
    first, last = market.month_span(sample_con, MarketFilter(role="ml-engineer"))
    t = market.trends(sample_con, MarketFilter(role="ml-engineer"), months=36)
    # the window is the span holding postings: 24 months, not 36 with 12 empty ones in front
    assert t["months"][0] == first and t["months"][-1] == last and len(t["months"]) == 24
    assert t["postings"][t["months"][0]] > 0 and t["enough_postings"]
    rising = [e["skill_id"] for e in t["rising"]]
    # the generator plants these rises from near zero during 2025 (data/sample/README.md)
    assert {"rag", "ai-agents"} <= set(rising)
    assert "python" not in rising + [e["skill_id"] for e in t["declining"]]  # steady in the generator
    for e in t["rising"] + t["declining"]:
        assert e["q_value"] <= 0.05 and e["support"] >= 10
        assert not market_format.points_per_month(e["trend"]).startswith(("+0.0 ", "-0.0 "))
        lo, hi = e["trend_ci"]
        assert lo <= e["trend"] <= hi and (lo > 0 or hi < 0)


def test_a_small_role_says_so_with_its_count(sample_con):
    t = market.trends(sample_con, MarketFilter(role="frontend-engineer"), months=6)
    assert not t["enough_postings"] and t["rising"] == t["declining"] == []
    assert f"Only {t['window_postings']} dated postings" in t["note"] and "quarterly view" in t["note"]


def test_roles_without_postings_are_guides_only(sample_con):
    choices = market.role_choices(sample_con, load_taxonomy(None))
    guides_only = [c.role for c in choices if c.guides_only]
    assert "data-analyst" in guides_only and "ml-engineer" not in guides_only
    assert choices[-1].guides_only and "guides only" in choices[-1].display


def test_trends_json_keeps_its_keys_and_adds_the_test(sample_store):
    run = CliRunner().invoke(app, ["trends", "--db", str(sample_store), "--role", "ml-engineer", "--months", "24",
                                   "--json"])
    assert run.exit_code == 0, run.output
    out = json.loads(run.output)
    assert {"months", "postings", "low_support_months", "skills", "rising", "declining", "emerging"} <= out.keys()
    for s in out["skills"]:
        assert OLD_SKILL_KEYS | {"trend_ci", "q_value", "support"} <= s.keys()
    for mover in out["rising"] + out["declining"] + out["emerging"]:
        assert OLD_MOVER_KEYS | {"trend_ci", "q_value", "support"} <= mover.keys()
    readable = CliRunner().invoke(app, ["trends", "--db", str(sample_store), "--role", "ml-engineer", "--months", "24",
                                        "--period", "quarter"])
    assert readable.exit_code == 0 and "2026-Q3" in readable.output and "rising:" in readable.output
    bad = CliRunner().invoke(app, ["trends", "--db", str(sample_store), "--period", "week"])
    assert bad.exit_code != 0 and "--period" in bad.output


@pytest.fixture
def page_env(monkeypatch, sample_store, model_dir):
    monkeypatch.setenv("SKILLGAP_DB", str(sample_store))
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(model_dir))


def test_trends_page_bands_movers_small_roles_and_pay(page_env):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception, at.exception
    role = at.selectbox(key="trend_role")
    assert any("guides only" in o for o in role.options)  # data-analyst has no postings in the sample
    role.set_value("ml-engineer").run()
    assert not at.exception, at.exception
    assert at.select_slider(key="trend_months").value == 24  # the whole span, no empty months in front
    shown = "\n".join(t.value for t in at.text)
    assert "Retrieval-augmented generation" in shown and "95% CI" in shown and "+0.0 pts/mo" not in shown
    at.radio(key="trend_period").set_value("quarter").run()
    assert not at.exception
    at.radio(key="trend_period").set_value("month").run()
    at.checkbox(key="trend_rolling").check().run()
    assert not at.exception
    # a small role: its count and a way out instead of empty lists
    at.selectbox(key="trend_role").set_value("frontend-engineer").run()
    at.select_slider(key="trend_months").set_value(6).run()
    assert any("dated postings" in i.value for i in at.info)
    at.button(key="trend_use_quarters").click().run()
    assert at.radio(key="trend_period").value == "quarter" and not at.exception
    at.selectbox(key="trend_role").set_value("data-analyst").run()
    assert any("guides only" in i.value for i in at.info) and not at.exception
    at.selectbox(key="trend_role").set_value("all").run()
    pay = at.dataframe[-1].value
    median = pay["Median with"].iloc[0]
    assert median.startswith(("$", "£", "€", "₹", "CA$")) and "," in median


def test_trends_page_on_undated_postings_shows_demand_not_trends(monkeypatch, tmp_path, market_db, tiny_market_taxonomy,
                                                                  model_dir):
    from skillgap.aggregate import materialize
    from tests.helpers.market import add_posting

    con, path = market_db
    for i in range(12):
        add_posting(con, f"u{i}", title="ML Engineer", month="2020-04", skills=["python"] + (["sql"] if i % 2 else []),
                    salary=100_000 + 1_000 * i)
    con.execute("UPDATE postings SET posted_month = NULL, posted_date = NULL")  # like the 2020 exports: no dates
    materialize(con, taxonomy=tiny_market_taxonomy)
    con.close()
    monkeypatch.setenv("SKILLGAP_DB", str(path))
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(model_dir))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception, at.exception
    assert any("none of them dated" in c.value for c in at.caption)
    assert "Top skills" in [s.value for s in at.subheader] and "Demand over time" not in [s.value for s in at.subheader]
