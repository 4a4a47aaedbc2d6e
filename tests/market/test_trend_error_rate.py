"""The trend test's error rate on real postings from ../shared: randomly dated postings give (almost) no movers,
and planted trends are found while a planted flat skill is not called a mover.

The store is built once per module with the real ingest and extraction (about 4,300 postings); each test then
redates postings in SQL (``posting_facts.month``, what every trend query reads) instead of re-extracting.
"""

from __future__ import annotations

import shutil

import pytest

from skillgap import market, store
from skillgap.extract import extract_mentions
from skillgap.market import MarketFilter

from .real_trends import MONTHS, N_POSTINGS, PLANTED, build_store, movers, plant, redate


@pytest.fixture(scope="module")
def real_store(shared_dir, tmp_path_factory, model_dir):
    """About 4,300 real postings, ingested and extracted with the real pipeline; returns (path, ids, nlp, taxonomy)."""
    db = tmp_path_factory.mktemp("trend_error_rate") / "real.duckdb"
    ids, nlp, taxonomy = build_store(shared_dir, db, model_dir=model_dir)
    return db, ids, nlp, taxonomy


@pytest.fixture(scope="module")
def null_con(real_store, tmp_path_factory):
    db, ids, _, _ = real_store
    copy = tmp_path_factory.mktemp("trend_null") / "null.duckdb"
    shutil.copy(db, copy)
    con = store.connect(copy)
    yield con, ids
    con.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_randomly_dated_postings_have_at_most_one_mover(null_con, seed):
    con, ids = null_con
    redate(con, ids, seed=seed)
    result = market.trends(con, MarketFilter(), months=24, top=50)
    assert result["months"] == MONTHS and result["window_postings"] == N_POSTINGS
    tested = [s for s in result["skills"] if s["q_value"] is not None]
    assert len(tested) > 300  # the correction really runs over hundreds of skills
    assert len(movers(result)) <= 1, [(e["label"], e["trend"], e["q_value"]) for e in result["rising"] + result["declining"]]
    # the p-values of a true null are close to uniform: about 5 % below 0.05 (not the 30 movers of a naive slope)
    below = sum(s["p_value"] < 0.05 for s in tested) / len(tested)
    assert 0.01 < below < 0.10


@pytest.mark.parametrize("f", [MarketFilter(role="data-analyst"), MarketFilter(seniority="senior"),
                               MarketFilter(remote=False)], ids=["role", "seniority", "onsite"])
def test_the_same_test_holds_under_every_filter(null_con, f):
    con, ids = null_con
    redate(con, ids, seed=11)
    result = market.trends(con, f, months=24, top=50)
    assert result["window_postings"] >= 300
    assert len(movers(result)) <= 1


@pytest.fixture(scope="module")
def planted_con(real_store, tmp_path_factory):
    """A copy whose postings get random months and, by month, the planted sentences (re-extracted for real)."""
    db, ids, nlp, taxonomy = real_store
    copy = tmp_path_factory.mktemp("trend_planted") / "planted.duckdb"
    shutil.copy(db, copy)
    con = store.connect(copy)
    plant(con, ids, seed=7, nlp=nlp, taxonomy=taxonomy)
    yield con
    con.close()


def test_planted_sentences_name_only_their_skill(real_store):
    _, _, nlp, _ = real_store
    for skill_id, (sentence, _) in PLANTED.items():
        assert {m.skill_id for m in extract_mentions(sentence, nlp=nlp)} == {skill_id}


def test_planted_trends_are_found_and_the_flat_skill_is_not(planted_con):
    result = market.trends(planted_con, MarketFilter(), months=24, top=50)
    rising, declining = [e["skill_id"] for e in result["rising"]], [e["skill_id"] for e in result["declining"]]
    assert "ocaml" in rising and "cobol" in declining
    by_id = {s["skill_id"]: s for s in result["skills"]}
    assert by_id["erlang"]["verdict"] == "no clear trend"
    others = [s for s in rising + declining if s not in PLANTED]
    assert len(others) <= 1, others
    # the planted slope is 28 points over 23 months: each interval covers it (up to the ~1 % natural mentions)
    true_slope = 0.28 / 23
    lo, hi = by_id["ocaml"]["trend_ci"]
    assert lo < true_slope < hi
    lo, hi = by_id["cobol"]["trend_ci"]
    assert lo < -true_slope < hi
    assert by_id["erlang"]["trend_ci"][0] < 0 < by_id["erlang"]["trend_ci"][1]
    assert by_id["ocaml"]["q_value"] < 1e-6 and by_id["ocaml"]["support"] > 500


def test_emerging_needs_an_absent_start_and_a_passing_test(planted_con):
    # OCaml starts at 2 %, above the 0.5 % that counts as absent: rising, but not emerging
    result = market.trends(planted_con, MarketFilter(), months=24, top=50)
    assert "ocaml" not in [e["skill_id"] for e in result["emerging"]]
    assert all(e["skill_id"] in [r["skill_id"] for r in result["rising"]] for e in result["emerging"])
