"""Edge cases of the market measures found in review: title parts, seniority words, denominators, empty and
left-out months, year-over-year against a month that lacked the skill, and exact salary quantiles."""

from __future__ import annotations

import random

import pytest

from skillgap import market
from skillgap.aggregate import materialize
from skillgap.market import MarketFilter
from skillgap.roles import OTHER, RoleClassifier, seniority_of, title_seniority
from skills_taxonomy.model import Role
from tests.helpers.market import add_posting, frame_dict


@pytest.fixture(scope="module")
def classifier():
    roles = {
        "ml-engineer": Role("ml-engineer", "ML engineer", (r"(?<![a-z0-9])(ml|ai)(?![a-z0-9]).*engineer",), priority=60),
        "product-manager": Role("product-manager", "PM", (r"product manager", "产品经理"), priority=75),
        "frontend-engineer": Role("frontend-engineer", "FE", (r"frontend", "前端"), priority=35),
        "backend-engineer": Role("backend-engineer", "BE", (r"backend", "后端"), priority=35),
    }
    return RoleClassifier.from_roles(roles)


@pytest.mark.parametrize(
    "title, role",
    [
        ("Acme | Senior Backend Engineer | Remote", "backend-engineer"),
        # a pattern may not run from the company name in one part to "Engineer" in the next
        ("Scale AI | Backend Engineer | SF", "backend-engineer"),
        ("Scale AI | Data Engineer | SF", OTHER),
        # the first listed role wins, not the highest-priority role anywhere in the list
        ("前端工程师 / 后端工程师 / 产品经理", "frontend-engineer"),
        ("Frontend Engineer; Product Manager", "frontend-engineer"),
        ("Product Manager", "product-manager"),
        ("AI/ML Engineer", "ml-engineer"),  # a bare slash does not split
        ("", OTHER),
        (None, OTHER),
    ],
)
def test_titles_are_read_part_by_part(classifier, title, role):
    assert classifier.classify(title) == role


def test_match_returns_the_part_that_named_the_role(classifier):
    assert classifier.match("Acme | Senior Backend Engineer | Remote") == ("backend-engineer", "Senior Backend Engineer")
    assert classifier.match("Acme | Remote")[0] == OTHER


@pytest.mark.parametrize(
    "title, level",
    [
        ("Software Engineer I", "junior"),
        ("Data Scientist I (remote)", "junior"),
        ("Software Engineer 1", "junior"),
        ("Embedded Engineer, I/O drivers", None),  # "I/O" is not a level
        ("I am hiring a Backend Engineer", None),  # nor is the pronoun
        ("Engineer III", "senior"),
        ("Sr. Data Engineer", "senior"),
        ("招聘Senior工程师", "senior"),  # Latin word next to CJK: \b would not fire there
        ("高级Java开发工程师", "senior"),
        ("Senior Product Manager", "senior"),  # product manager is a role family, not a people-manager level
        ("Product Manager", None),
        ("产品经理", None),
        ("技术经理", "manager"),
        ("Engineering Manager", "manager"),
        ("Head of Data", "manager"),
        ("Staff Engineer", "principal"),
        ("Internal Tools Engineer", None),  # "intern" only as a word
        ("Leading fintech | Backend", None),  # "lead" only as a word
        ("Intern - ML", "intern"),
    ],
)
def test_title_seniority(title, level):
    assert title_seniority(title) == level


def test_seniority_falls_back_to_years_asked():
    assert seniority_of("Backend Engineer", "You have 10+ years of experience") == "senior"
    assert seniority_of("Backend Engineer", "At least 1 yrs of Python") == "junior"
    assert seniority_of("Backend Engineer", "3 years of Go") == "mid"


def test_materialize_takes_level_from_the_role_part(market_db, tiny_market_taxonomy):
    con, _ = market_db
    add_posting(con, "hn1", title="Acme | Senior ML Engineer | Remote", month="2026-01", skills=["python"])
    add_posting(con, "cn1", title="ML Engineer / Data Analyst / 产品经理", month="2026-01", skills=["python"])
    materialize(con, taxonomy=tiny_market_taxonomy)
    rows = dict(con.execute("SELECT posting_id, role_id || ':' || seniority FROM posting_roles").fetchall())
    assert rows == {"hn1": "ml-engineer:senior", "cn1": "ml-engineer:mid"}


def test_postings_not_yet_extracted_are_not_in_the_denominator(market_db, tiny_market_taxonomy):
    con, _ = market_db
    for i in range(4):
        add_posting(con, f"e{i}", title="ML Engineer", month="2026-01", skills=["python"] if i < 2 else [])
    # a posting loaded after the extraction ran: no posting_extractions row for this version
    con.execute(
        """INSERT INTO postings (posting_id, source, title, posted_month, loaded_at)
           VALUES ('late', 'test', 'ML Engineer', '2026-01', now())"""
    )
    materialize(con, taxonomy=tiny_market_taxonomy)
    d = market.demand(con)
    assert frame_dict(d, "skill_id", "total")["python"] == 4  # the 2 postings with no skills count, 'late' not
    assert frame_dict(d, "skill_id", "share")["python"] == pytest.approx(0.5)


def test_window_lists_empty_months_and_their_shares_are_unknown(market_db, tiny_market_taxonomy):
    con, _ = market_db
    for i in range(3):
        add_posting(con, f"a{i}", title="ML Engineer", month="2026-01", skills=["python"])
        add_posting(con, f"c{i}", title="ML Engineer", month="2026-03", skills=["python", "rag"] if i else ["python"])
    materialize(con, taxonomy=tiny_market_taxonomy)
    # the window opens on the first month with postings, not on the empty month before it
    per_month = market.postings_per_month(con, MarketFilter(months=4), low_support=2)
    assert per_month["month"].to_list() == ["2026-01", "2026-02", "2026-03"]
    assert per_month["postings"].to_list() == [3, 0, 3]
    assert per_month["low_support"].to_list() == [False, True, False]
    assert market.month_span(con) == ("2026-01", "2026-03")
    t = market.trends(con, MarketFilter(), months=4, min_support=1, low_support=2)
    rag = next(s for s in t["skills"] if s["skill_id"] == "rag")
    assert rag["share"] == {"2026-01": 0.0, "2026-02": None, "2026-03": pytest.approx(2 / 3)}
    assert rag["share_ci"]["2026-02"] is None and rag["share_ci"]["2026-03"][0] < 2 / 3 < rag["share_ci"]["2026-03"][1]
    assert rag["change"] is None  # February had no postings: no month-on-month change to report
    assert rag["trend"] is None  # only two months with postings (January, March): too few for a slope


def test_yoy_against_a_month_that_lacked_the_skill(market_db, tiny_market_taxonomy):
    con, _ = market_db
    for i in range(4):
        add_posting(con, f"old{i}", title="ML Engineer", month="2025-03", skills=["python"])
        add_posting(con, f"new{i}", title="ML Engineer", month="2026-03", skills=["python", "rag"] if i < 3 else ["python"])
    materialize(con, taxonomy=tiny_market_taxonomy)
    t = market.trends(con, MarketFilter(), months=1, min_support=1, low_support=1)
    by = {s["skill_id"]: s for s in t["skills"]}
    assert by["rag"]["yoy_change"] == pytest.approx(0.75)  # 3/4 now, 0 of the 4 postings a year ago
    assert by["python"]["yoy_change"] == pytest.approx(0.0)


def test_yoy_is_unknown_when_the_month_a_year_ago_had_no_postings(market_db, tiny_market_taxonomy):
    con, _ = market_db
    for i in range(4):
        add_posting(con, f"new{i}", title="ML Engineer", month="2026-03", skills=["python"])
    materialize(con, taxonomy=tiny_market_taxonomy)
    t = market.trends(con, MarketFilter(), months=1, min_support=1, low_support=1)
    assert t["skills"][0]["yoy_change"] is None


@pytest.mark.parametrize("months", [1, 13])  # the month a year ago outside, and inside, the window
def test_yoy_is_unknown_against_a_low_support_month(market_db, tiny_market_taxonomy, months):
    con, _ = market_db
    add_posting(con, "old", title="ML Engineer", month="2025-03", skills=["sql"])  # 1 posting: low support
    for i in range(4):
        add_posting(con, f"new{i}", title="ML Engineer", month="2026-03", skills=["python"])
    materialize(con, taxonomy=tiny_market_taxonomy)
    t = market.trends(con, MarketFilter(), months=months, min_support=1, low_support=2)
    assert all(s["yoy_change"] is None for s in t["skills"])
    t = market.trends(con, MarketFilter(), months=months, min_support=1, low_support=1)
    expected = {"python": 1.0} if months == 1 else {"python": 1.0, "sql": -1.0}  # only skills in the window
    assert {s["skill_id"]: s["yoy_change"] for s in t["skills"]} == expected


def _quantile_cont(values: list[float], q: float) -> float:
    values = sorted(values)
    pos = q * (len(values) - 1)
    lo, hi = int(pos // 1), int(-(-pos // 1))
    return values[lo] + (pos - lo) * (values[hi] - values[lo])


def test_pay_quantiles_are_exact_with_ties_and_per_currency(market_db, tiny_market_taxonomy):
    con, _ = market_db
    rng = random.Random(5)
    has_sql, without_sql = [], []
    for i in range(60):
        salary = rng.choice([80_000, 90_000, 100_000, 100_000, 120_000, 150_000]) + rng.choice([0, 5_000])
        sql = rng.random() < 0.5
        (has_sql if sql else without_sql).append(float(salary))
        add_posting(con, f"s{i}", title="Data Analyst", month="2026-01", skills=["python"] + (["sql"] if sql else []),
                    salary=salary)
    # other currencies and unpaid postings are left out of the USD figures
    add_posting(con, "eur", title="Data Analyst", month="2026-01", skills=["sql"], salary=1_000_000, currency="EUR")
    add_posting(con, "none", title="Data Analyst", month="2026-01", skills=["sql"])
    materialize(con, taxonomy=tiny_market_taxonomy)
    row = next(r for r in market.pay(con, currency="USD", min_postings=5).iter_rows(named=True) if r["skill_id"] == "sql")
    assert row["currency"] == "USD"
    assert row["with_postings"] == len(has_sql) and row["without_postings"] == len(without_sql)
    for side, values in (("with", has_sql), ("without", without_sql)):
        assert row[f"{side}_median"] == pytest.approx(_quantile_cont(values, 0.5))
        assert row[f"{side}_q1"] == pytest.approx(_quantile_cont(values, 0.25))
        assert row[f"{side}_q3"] == pytest.approx(_quantile_cont(values, 0.75))
    eur = market.pay(con, currency="EUR", min_postings=1)
    assert eur.is_empty()  # one EUR posting: no side to compare against


def test_pay_hourly_is_made_yearly(market_db, tiny_market_taxonomy):
    con, _ = market_db
    for i in range(4):
        add_posting(con, f"h{i}", title="Data Analyst", month="2026-01", skills=["sql"] if i < 2 else ["python"],
                    salary=50, period="hour")
    materialize(con, taxonomy=tiny_market_taxonomy)
    row = market.pay(con, min_postings=2).row(0, named=True)
    assert row["with_median"] == pytest.approx(50 * 2080)


def test_cooccurrence_unknown_skill_is_empty(market_db, tiny_market_taxonomy):
    con, _ = market_db
    add_posting(con, "x", title="ML Engineer", month="2026-01", skills=["python", "sql"])
    materialize(con, taxonomy=tiny_market_taxonomy)
    assert market.cooccurrence(con, "no-such-skill", min_both=1).is_empty()
    co = market.cooccurrence(con, "python", min_both=1)
    assert co["skill_id"].to_list() == ["sql"] and co["lift"].to_list() == [pytest.approx(1.0)]


def test_classifications_are_redone_when_the_classifier_changes(market_db, tiny_market_taxonomy, monkeypatch):
    from skillgap import roles

    con, _ = market_db
    add_posting(con, "p1", title="ML Engineer", month="2026-01", skills=["python"])
    assert materialize(con, taxonomy=tiny_market_taxonomy).classified == 1
    assert materialize(con, taxonomy=tiny_market_taxonomy).classified == 0
    monkeypatch.setattr(roles, "CLASSIFIER_REVISION", roles.CLASSIFIER_REVISION + 1)
    assert materialize(con, taxonomy=tiny_market_taxonomy).classified == 1
    stamp = con.execute("SELECT DISTINCT rules_version FROM posting_roles").fetchall()
    assert stamp == [(roles.rules_version(tiny_market_taxonomy.version),)]


def test_unknown_terms_skip_codes_jargon_and_shouted_words(market_db, tiny_market_taxonomy):
    con, _ = market_db
    text = "ONLY apply via the JD link. YC W21, pay in USD, based in NY. We build QuxDB pipelines with ZetaFlow."
    for i in range(4):
        add_posting(con, f"t{i}", title="ML Engineer", month="2026-03", skills=["python"], description=text)
    materialize(con, taxonomy=tiny_market_taxonomy)
    terms = set(market.unknown_terms(con, months=2, min_postings=2, top=50)["term"].to_list())
    assert {"QuxDB", "ZetaFlow"} <= terms
    assert not terms & {"ONLY", "JD", "YC", "W21", "USD", "NY"}


def test_emerging_ignores_low_support_months(market_db, tiny_market_taxonomy):
    con, _ = market_db
    n = 0
    # one posting in December asks for RAG (share 100 %, but low support); then none, then many
    for month, count, with_rag in [("2025-12", 1, 1), ("2026-01", 10, 0), ("2026-02", 10, 0), ("2026-03", 10, 0),
                                   ("2026-04", 10, 5), ("2026-05", 10, 6)]:
        for i in range(count):
            n += 1
            add_posting(con, f"e{n}", title="ML Engineer", month=month, skills=["python"] + (["rag"] if i < with_rag else []))
    materialize(con, taxonomy=tiny_market_taxonomy)
    t = market.trends(con, MarketFilter(), months=6, min_support=5, low_support=5, rule=market.TrendRule(min_postings=50))
    assert t["low_support_months"] == ["2025-12"]
    assert [e["skill_id"] for e in t["emerging"]] == ["rag"]
