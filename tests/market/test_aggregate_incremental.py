"""The incremental aggregate ends with exactly the tables a full rebuild gives, through real loads and extractions.

Each step loads exports with the real ingest (its dedup included), extracts with a pipeline built from the tiny
taxonomy through the real ``write_batch``, runs ``materialize`` incrementally, and compares every market table,
ordered, with a full rebuild of a copy of the same store.
"""

from __future__ import annotations

import csv
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from skillgap import store
from skillgap.aggregate import materialize
from skillgap.extract import extract_batch, mention_schema
from skillgap.ingest import ingest_paths
from skillgap.mentions import iter_posting_texts, pending_posting_ids, write_batch
from skillgap.sample.exports import write_synthetic

MARKET_TABLES = ("posting_facts", "posting_skills", "market_unknown_terms", "skills", "roles", "posting_roles")


@pytest.fixture(scope="module")
def nlp(tiny_market_taxonomy):
    from skills_taxonomy.pipeline import build_pipeline

    return build_pipeline(tiny_market_taxonomy)


def tables(con) -> dict[str, list[tuple]]:
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in MARKET_TABLES}


def meta(con, key: str):
    return store.scalar(con, "SELECT value FROM market_meta WHERE key = ?", [key])


def full_rebuild_of_copy(db: Path, taxonomy) -> dict[str, list[tuple]]:
    """Every market table after a forced full rebuild of a copy of ``db`` (the store itself is left alone)."""
    copy = db.with_name("full-" + db.name)
    for p in (copy, copy.with_name(copy.name + ".wal")):
        p.unlink(missing_ok=True)
    shutil.copyfile(db, copy)
    con = store.connect(copy)
    try:
        materialize(con, taxonomy=taxonomy, full=True)
        assert meta(con, "aggregate_mode") == "full"
        return tables(con)
    finally:
        con.close()


def aggregate_and_compare(db: Path, taxonomy, *, mode: str = "incremental") -> dict[str, list[tuple]]:
    con = store.connect(db)
    try:
        materialize(con, taxonomy=taxonomy)
        assert meta(con, "aggregate_mode") == mode, meta(con, "aggregate_reason")
        got = tables(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    want = full_rebuild_of_copy(db, taxonomy)
    for name in MARKET_TABLES:
        assert got[name] == want[name], name
    return got


def extract_pending(db: Path, nlp, version: str, *, limit: int | None = None, at: datetime | None = None) -> list[str]:
    con = store.connect(db)
    try:
        ids = pending_posting_ids(con, taxonomy_version=version, limit=limit)
        if ids:
            write_batch(con, extract_batch(iter_posting_texts(con, ids), nlp=nlp), taxonomy_version=version,
                        posting_ids=ids, extracted_at=at)
        return ids
    finally:
        con.close()


def reextract(db: Path, posting_id: str, skills: list[tuple[str, bool]], version: str) -> None:
    """Extract one posting again with a different result (as a changed pipeline would), through write_batch."""
    con = store.connect(db)
    try:
        hand_extract(con, posting_id, skills, version)
    finally:
        con.close()


def hand_extract(con, posting_id: str, skills: list[tuple[str, bool]], version: str,
                 when: datetime | None = None) -> None:
    """Write hand-made mentions (skill, required) for one posting with the real write_batch."""
    import pyarrow as pa

    rows = [{"posting_id": posting_id, "skill_id": s, "label": s, "start_char": 10 * i, "end_char": 10 * i + 3,
             "text": s, "sentence": "", "section": "requirements" if req else "preferred", "required": req,
             "years": None} for i, (s, req) in enumerate(skills)]
    write_batch(con, pa.Table.from_pylist(rows, schema=mention_schema()), taxonomy_version=version,
                posting_ids=[posting_id], extracted_at=when)


def export(folder: Path, name: str, *, postings: int, seed: int, month: str, months: int = 1,
           extra_rows: list[dict] = ()) -> Path:
    out = folder / name
    write_synthetic(out, postings=postings, seed=seed, start_month=month, months=months, fmt="csv")
    if extra_rows:
        with out.open("a", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=list(extra_rows[0]))
            writer.writerows(extra_rows)
    return out


def first_rows(path: Path, n: int) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return [row for _, row in zip(range(n), csv.DictReader(f))]


def posting_ids(db: Path, where: str = "TRUE") -> list[str]:
    con = store.connect(db, read_only=True)
    try:
        return [r[0] for r in con.execute(f"SELECT posting_id FROM postings WHERE {where} ORDER BY 1").fetchall()]
    finally:
        con.close()


def test_two_monthly_increments_equal_a_full_rebuild(tmp_path, tiny_market_taxonomy, nlp):
    tax, version = tiny_market_taxonomy, tiny_market_taxonomy.version
    db = tmp_path / "store.duckdb"
    base = export(tmp_path, "base.csv", postings=90, seed=11, month="2026-01", months=3)
    ingest_paths([base], db)
    extract_pending(db, nlp, version)
    first = aggregate_and_compare(db, tax, mode="full")
    assert len(first["posting_facts"]) == 90

    # month 4: new postings, a duplicate of an old one (same row again) and two late postings for an old month
    old = posting_ids(db)
    inc1 = export(tmp_path, "inc1.csv", postings=30, seed=12, month="2026-04", extra_rows=first_rows(base, 1))
    late = export(tmp_path, "late.csv", postings=2, seed=13, month="2026-02")
    summary = ingest_paths([inc1, late], db)
    assert summary["loaded"] == 32 and summary["duplicates"] == 1
    extract_pending(db, nlp, version)
    reextract(db, old[0], [("tableau", True), ("hadoop", False)], version)
    second = aggregate_and_compare(db, tax)
    assert len(second["posting_facts"]) == 122
    assert sorted(r[1:] for r in second["posting_skills"] if r[0] == old[0]) == [("hadoop", False, True),
                                                                               ("tableau", True, False)]
    assert {r[1] for r in second["market_unknown_terms"]} >= {"2026-04"}

    # month 5: part of it is extracted before the aggregate runs and the rest after; a posting of month 4 and
    # one of month 1 are extracted again in between
    new4 = sorted(set(posting_ids(db, "posted_month = '2026-04'")) - set(old))
    inc2 = export(tmp_path, "inc2.csv", postings=25, seed=14, month="2026-05")
    ingest_paths([inc2], db)
    assert len(extract_pending(db, nlp, version, limit=10)) == 10
    third = aggregate_and_compare(db, tax)
    assert len(third["posting_facts"]) == 132
    reextract(db, new4[0], [("python", True)], version)
    reextract(db, old[1], [], version)
    assert len(extract_pending(db, nlp, version)) == 15
    fourth = aggregate_and_compare(db, tax)
    assert len(fourth["posting_facts"]) == 147
    assert [r[1:] for r in fourth["posting_skills"] if r[0] == new4[0]] == [("python", True, False)]
    assert not [r for r in fourth["posting_skills"] if r[0] == old[1]]

    # nothing new: still incremental, nothing changes
    assert aggregate_and_compare(db, tax) == fourth


@pytest.fixture(scope="module")
def aggregated_store(tmp_path_factory, tiny_market_taxonomy, nlp) -> Path:
    """30 postings loaded, extracted and aggregated, then 8 more of a new month loaded (not extracted)."""
    folder = tmp_path_factory.mktemp("one_increment")
    db = folder / "store.duckdb"
    ingest_paths([export(folder, "base.csv", postings=30, seed=31, month="2026-01", months=2)], db)
    extract_pending(db, nlp, tiny_market_taxonomy.version)
    con = store.connect(db)
    try:
        materialize(con, taxonomy=tiny_market_taxonomy)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    ingest_paths([export(folder, "inc.csv", postings=8, seed=32, month="2026-03")], db)
    return db


def _store_with_one_increment(tmp_path, aggregated_store) -> Path:
    db = tmp_path / "store.duckdb"
    shutil.copyfile(aggregated_store, db)
    return db


def test_new_postings_do_not_delete_and_old_rows_stay_untouched(tmp_path, tiny_market_taxonomy, nlp,
                                                                aggregated_store):
    """A marker in an old fact row survives an incremental run that only adds postings, so it never rewrote it."""
    db = _store_with_one_increment(tmp_path, aggregated_store)
    con = store.connect(db)
    try:
        marked = con.execute("SELECT posting_id FROM posting_facts ORDER BY 1 LIMIT 1").fetchall()[0][0]
        con.execute("UPDATE posting_facts SET country = 'ZZ' WHERE posting_id = ?", [marked])
    finally:
        con.close()
    extract_pending(db, nlp, tiny_market_taxonomy.version)
    con = store.connect(db)
    try:
        summary = materialize(con, taxonomy=tiny_market_taxonomy)
        assert (summary.mode, summary.reason, meta(con, "aggregate_mode")) == ("incremental", None, "incremental")
        assert summary.classified == 8 and summary.postings == 38
        assert store.scalar(con, "SELECT country FROM posting_facts WHERE posting_id = ?", [marked]) == "ZZ"
    finally:
        con.close()


def test_an_extraction_stamped_before_the_mark_falls_back_to_a_full_rebuild(tmp_path, tiny_market_taxonomy, nlp,
                                                                            aggregated_store):
    """A clock that ran behind hides an extraction from the range predicate; the count check catches it."""
    db = _store_with_one_increment(tmp_path, aggregated_store)
    extract_pending(db, nlp, tiny_market_taxonomy.version, at=datetime(2000, 1, 1))
    got = aggregate_and_compare(db, tiny_market_taxonomy, mode="full")
    assert len(got["posting_facts"]) == 38
    con = store.connect(db, read_only=True)
    try:
        assert meta(con, "aggregate_reason") == "facts disagreed with extractions"
    finally:
        con.close()


def test_a_posting_loaded_with_an_old_timestamp_falls_back_to_a_full_rebuild(tmp_path, tiny_market_taxonomy, nlp,
                                                                             aggregated_store):
    db = _store_with_one_increment(tmp_path, aggregated_store)
    con = store.connect(db)
    try:
        con.execute("UPDATE postings SET loaded_at = loaded_at - INTERVAL 400 DAY WHERE posted_month = '2026-03'")
    finally:
        con.close()
    extract_pending(db, nlp, tiny_market_taxonomy.version)
    aggregate_and_compare(db, tiny_market_taxonomy, mode="full")
    con = store.connect(db, read_only=True)
    try:
        assert meta(con, "aggregate_reason") == "postings or roles changed outside the aggregate"
    finally:
        con.close()


def test_mentions_moved_below_the_rowid_mark_are_found_by_a_scan(tmp_path, tiny_market_taxonomy, nlp, aggregated_store):
    """If the rowid range misses mentions (a compacted table), the counts disagree and the run scans instead."""
    db = _store_with_one_increment(tmp_path, aggregated_store)
    extract_pending(db, nlp, tiny_market_taxonomy.version)
    con = store.connect(db)
    try:
        con.execute("UPDATE market_meta SET value = '999999999' WHERE key = 'mentions_next_rowid'")
    finally:
        con.close()
    got = aggregate_and_compare(db, tiny_market_taxonomy)
    assert len({r[0] for r in got["posting_skills"]}) > 30


def test_changed_skill_list_and_forced_runs_are_full_with_a_reason(tmp_path, tiny_market_taxonomy, nlp,
                                                                    aggregated_store):
    db = _store_with_one_increment(tmp_path, aggregated_store)
    extract_pending(db, nlp, tiny_market_taxonomy.version)
    con = store.connect(db)
    try:
        materialize(con, taxonomy=tiny_market_taxonomy, full=True)
        assert (meta(con, "aggregate_mode"), meta(con, "aggregate_reason")) == ("full", "forced")
        materialize(con, taxonomy=tiny_market_taxonomy)
        assert (meta(con, "aggregate_mode"), meta(con, "aggregate_reason")) == ("incremental", None)
        con.execute("UPDATE market_meta SET value = 'x' WHERE key = 'lookups_digest'")
        materialize(con, taxonomy=tiny_market_taxonomy)
        assert (meta(con, "aggregate_mode"), meta(con, "aggregate_reason")) == ("full", "skill or role list changed")
    finally:
        con.close()


# ------------------------------------------------------------------------------------------------------------
# random increments


def _random_steps():
    from hypothesis import strategies as st

    step = st.one_of(
        st.tuples(st.just("load"), st.integers(1, 6), st.sampled_from(["2026-01", "2026-02", "2026-03"])),
        st.tuples(st.just("reextract"), st.integers(0, 10_000), st.lists(st.sampled_from(
            ["python", "sql", "rag", "tableau", "hadoop"]), max_size=3, unique=True)),
        st.tuples(st.just("extract"), st.integers(0, 4), st.just("")),
    )
    return st.lists(step, min_size=1, max_size=4)


def test_random_increments_equal_a_full_rebuild(tmp_path_factory, tiny_market_taxonomy):
    """Random loads, partial extractions and re-extractions between incremental runs (hand-made mentions)."""
    from hypothesis import HealthCheck, given, settings

    from tests.helpers.market import add_posting

    tax, version = tiny_market_taxonomy, tiny_market_taxonomy.version
    clock = [datetime(2100, 1, 1)]  # after the real now() the base postings were stamped with

    def tick() -> datetime:
        clock[0] += timedelta(seconds=1)
        return clock[0]

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_random_steps())
    def check(steps):
        folder = tmp_path_factory.mktemp("random")
        db = folder / "r.duckdb"
        con = store.connect(db)
        try:
            n = 0
            for i in range(6):
                n += 1
                add_posting(con, f"p{n:03d}", title=["ML Engineer", "Data Analyst", "Chef"][i % 3], month="2026-01",
                            skills=["python"], version=version, description=f"We use LangGraph and DuckDB {i}.")
            materialize(con, taxonomy=tax)
            for kind, a, b in steps:
                if kind == "load":
                    for _ in range(a):
                        n += 1
                        con.execute(
                            """INSERT INTO postings (posting_id, source, title, posted_month, description, loaded_at)
                               VALUES (?, 'test', 'Data Analyst', ?, 'LangGraph with DuckDB', ?)""",
                            [f"p{n:03d}", b, tick()],
                        )
                elif kind == "extract":
                    ids = pending_posting_ids(con, taxonomy_version=version, limit=a or None)
                    for pid in ids:
                        hand_extract(con, pid, [("sql", True)], version, tick())
                else:
                    ids = [r[0] for r in con.execute(
                        "SELECT posting_id FROM posting_extractions ORDER BY 1").fetchall()]
                    hand_extract(con, ids[a % len(ids)], [(x, i % 2 == 0) for i, x in enumerate(b)], version, tick())
                materialize(con, taxonomy=tax)
                assert meta(con, "aggregate_mode") == "incremental", meta(con, "aggregate_reason")
            got = tables(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        assert full_rebuild_of_copy(db, tax) == got

    check()

