"""The dashboard's formats for people, path hiding and the read-only switch (no Streamlit run needed)."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest
from typer.testing import CliRunner

from dashboard import components as c
from dashboard.state import project_root
from skillgap.commands.dashboard import ALLOW_REFRESH_ENV, dashboard_env
from skillgap.countries import country_code, country_name
from skillgap.settings import Settings
from skills_taxonomy.load import load_taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(Settings.from_env().taxonomy_dir)


def test_numbers_read_like_a_person_writes_them():
    assert c.pct(0.263) == "26%" and c.pct(None) == "—" and c.pct(0.5, digits=1) == "50.0%"
    assert c.pts_per_month(0.022) == "+2.2 pts a month"
    assert c.pts_per_month(-0.022) == "−2.2 pts a month"
    assert c.pts_per_month(None) == "—"
    assert c.pts_per_month(0.0004) == "+0.04 pts a month"  # a small tested trend never reads "+0.0"
    assert c.money(263750, "USD") == "$263,750"
    assert c.money(12000, "EUR", sign=True) == "+€12,000"
    assert c.money(-3500, "gbp", sign=True) == "−£3,500"
    assert c.money(1000, "CHF") == "1,000 CHF"
    assert c.hours(1240) == "1,240 h" and c.hours(2.5) == "2.5 h"
    assert c.month_label("2026-10") == "Oct 2026"
    assert c.timestamp(dt.datetime(2026, 12, 6, 13, 8, 5)) == "6 Dec 2026, 13:08 UTC"
    assert c.timestamp("2026-12-06 15:09:51.901271+02") == "6 Dec 2026, 13:09 UTC"
    assert c.timestamp(None) == "—"


def test_labels_instead_of_slugs(taxonomy):
    assert c.category_label("soft-skills", taxonomy=taxonomy) == "Soft skills"
    devops = c.category_label("devops/ci-cd", taxonomy=taxonomy)
    assert devops.startswith("DevOps / ") and "ci-cd" not in devops
    assert c.category_label("made-up/new-thing", taxonomy=taxonomy) == "Made up / New thing"
    assert c.seniority_label("senior") == "Senior" and c.seniority_label("mid") == "Mid-level"
    assert c.seniority_label(None) == "Any"


def test_countries_by_name_and_code():
    assert country_name("DE") == "Germany" and country_name("gb") == "United Kingdom"
    assert country_name("XQ") == "XQ" and country_name(None) == "Unknown"
    for typed in ("Germany", "germany", "DE", "de", "Deutschland"):
        assert country_code(typed) == "DE", typed
    assert country_code("United Kingdom") == "GB" and country_code("UK") == "GB"
    assert country_code("Narnia") is None and country_code("") is None
    assert c.country_label("de") == "Germany (DE)" and c.country_label("") == "Any country"


def test_no_server_path_reaches_a_page():
    assert c.shown_path(project_root() / "data" / "sample") == "data/sample"
    assert c.shown_path("/srv/skillgap/store.duckdb") == "store.duckdb"
    assert c.shown_path("data/exports") == "data/exports"
    message = f"Cannot read {project_root()}/data/exports/x.csv: bad row; see /var/tmp/run/log.txt."
    assert c.hide_paths(message) == "Cannot read data/exports/x.csv: bad row; see log.txt."
    url = "The Prefect server at http://127.0.0.1:4200/api does not answer"
    assert c.hide_paths(url) == url


def test_count_axes_have_whole_ticks():
    fig = c.count_axis(go.Figure(go.Bar(x=["a", "b"], y=[3, 7])), max_count=7)
    assert fig.layout.yaxis.tickformat == ",d" and fig.layout.yaxis.dtick == 1
    fig = c.count_axis(go.Figure(go.Bar(y=["a"], x=[300], orientation="h")), axis="x", max_count=300)
    assert fig.layout.xaxis.tickformat == ",d" and fig.layout.xaxis.dtick == 50  # 0, 50, … 300: round steps
    fig = c.count_axis(go.Figure(go.Bar(x=["a"], y=[119])), max_count=119)
    assert fig.layout.yaxis.dtick == 20 and fig.layout.yaxis.tick0 == 0


def test_help_texts_give_formulas():
    assert "÷" in c.COVERAGE_HELP and "half" in c.COVERAGE_HELP
    assert "÷" in c.POSTING_COVERAGE_HELP and "role coverage" in c.POSTING_COVERAGE_HELP
    assert "0.50 × demand" in c.PRIORITY_HELP


def test_refresh_is_allowed_only_by_the_flag(tmp_path):
    db = tmp_path / "s.duckdb"
    assert ALLOW_REFRESH_ENV not in dashboard_env(db, allow_refresh=False, base={ALLOW_REFRESH_ENV: "1"})
    env = dashboard_env(db, allow_refresh=True, base={})
    assert env[ALLOW_REFRESH_ENV] == "1" and env["SKILLGAP_DB"] == str(db)


def test_the_cli_documents_the_flag():
    from skillgap.cli import app

    out = CliRunner().invoke(app, ["dashboard", "--help"], env={"COLUMNS": "200"}).output
    assert "--allow-refresh" in out and "read-only" in out
