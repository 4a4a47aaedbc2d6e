"""Big files load in chunks inside one transaction: same rows, row numbers and duplicates as one read."""

from __future__ import annotations

import json

import pytest

from skillgap.ingest import load as load_mod
from skillgap.ingest.readers import iter_tables
from tests.helpers.ingest import HEADER, chunk_rows, load_kept_open, query, table_count, write_csv


def _state(db):
    return (
        query(db, "SELECT posting_id, title, description, dedup_key FROM postings ORDER BY posting_id"),
        query(db, "SELECT row_number, reason FROM rejected_rows ORDER BY row_number"),
    )


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "json"])
def test_chunked_load_equals_single_read(tmp_path, fmt):
    rows = chunk_rows(300)
    path = tmp_path / f"board.{fmt}"
    if fmt == "csv":
        write_csv(path, HEADER, rows)
    else:
        recs = [dict(zip(HEADER, r)) for r in rows]
        if fmt == "jsonl":
            path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        elif fmt == "json":
            path.write_text(json.dumps({"jobs": recs}), encoding="utf-8")
        else:
            import polars as pl

            pl.DataFrame(recs).write_parquet(path, row_group_size=40)
    whole = load_kept_open(path, tmp_path / "whole.duckdb")
    chunked = load_kept_open(path, tmp_path / "chunked.duckdb", chunk_bytes=4_000, chunk_rows=37)
    for k in ("rows", "loaded", "duplicates", "rejected", "reasons"):
        assert whole[k] == chunked[k], k
    assert whole["duplicates"] > 0 and whole["rejected"] > 0
    assert _state(tmp_path / "whole.duckdb") == _state(tmp_path / "chunked.duckdb")
    # the rejected rows keep their place in the file (1-based records)
    assert [r[0] for r in _state(tmp_path / "chunked.duckdb")[1]] == [i + 1 for i in range(300) if i % 7 == 3]


def test_csv_chunks_cut_outside_quotes(tmp_path):
    rows = chunk_rows(120)
    data = write_csv(tmp_path / "q.csv", HEADER, rows).read_bytes()
    tables = list(iter_tables("q.csv", data, chunk_bytes=2_000))
    assert len(tables) > 5
    assert sum(t.n_records for t in tables) == 120
    firsts = [t.first_row for t in tables]
    assert firsts[0] == 1 and firsts == sorted(firsts)
    assert all(t.frame.columns == HEADER for t in tables)


def test_failure_in_a_later_chunk_leaves_store_unchanged(tmp_path, store_path, monkeypatch):
    path = write_csv(tmp_path / "big.csv", HEADER, chunk_rows(200))
    real = load_mod.map_table
    calls = []

    def fail_third(table, layout, ctx):
        calls.append(table.first_row)
        if len(calls) == 3:
            raise ValueError("bad cell in chunk 3")
        return real(table, layout, ctx)

    monkeypatch.setattr(load_mod, "map_table", fail_third)
    r = load_kept_open(path, store_path, chunk_bytes=5_000)
    assert r["status"] == "failed" and "bad cell in chunk 3" in r["message"]
    assert table_count(store_path, "postings") == 0 and table_count(store_path, "rejected_rows") == 0
    assert query(store_path, "SELECT status FROM load_runs") == [("failed",)]
    monkeypatch.setattr(load_mod, "map_table", real)
    ok = load_kept_open(path, store_path, chunk_bytes=5_000)
    assert ok["status"] == "loaded" and ok["loaded"] == table_count(store_path, "postings") > 0
    again = load_kept_open(path, store_path, chunk_bytes=5_000)
    assert again["status"] == "skipped" and table_count(store_path, "postings") == ok["loaded"]



@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_committed_file_hands_on_its_new_postings_as_stored(tmp_path, fmt):
    """``streaming_postings``: after a file's transaction commits, its new postings (every chunk, duplicates and
    rejects left out) reach the listener once, in file order, exactly as stored; the store is the plain load's.
    ``room`` bounds how many a file keeps for it."""
    from skillgap.ingest import stream

    rows = chunk_rows(300)
    path = tmp_path / f"board.{fmt}"
    if fmt == "csv":
        write_csv(path, HEADER, rows)
    else:
        path.write_text("".join(json.dumps(dict(zip(HEADER, r))) + "\n" for r in rows), encoding="utf-8")
    plain = load_kept_open(path, tmp_path / "plain.duckdb", chunk_bytes=4_000)
    handed: list[list[tuple]] = []
    with stream.streaming_postings(handed.append):
        streamed = load_kept_open(path, tmp_path / "streamed.duckdb", chunk_bytes=4_000)
        again = load_kept_open(path, tmp_path / "streamed.duckdb", chunk_bytes=4_000)
    assert again["status"] == "skipped" and len(handed) == 1  # one call for the file; none for a skipped one
    assert streamed["loaded"] == plain["loaded"] == len(handed[0]) > 0 and plain["duplicates"] > 0
    assert _state(tmp_path / "streamed.duckdb") == _state(tmp_path / "plain.duckdb")
    stored = query(tmp_path / "streamed.duckdb", "SELECT posting_id, title, description FROM postings")
    assert sorted(handed[0]) == sorted(stored) and len(set(handed[0])) == len(handed[0])
    source_ids = dict(query(tmp_path / "streamed.duckdb", "SELECT posting_id, source_id FROM postings"))
    place = {r[0]: i for i, r in enumerate(rows)}  # file order of the source ids
    positions = [place[source_ids[pid]] for pid, _, _ in handed[0]]
    assert positions == sorted(positions)
    few: list[list[tuple]] = []
    with stream.streaming_postings(few.append, room=lambda: 40):
        load_kept_open(path, tmp_path / "few.duckdb", chunk_bytes=4_000)
    assert few == [handed[0][:40]]


def test_a_file_that_fails_hands_on_nothing(tmp_path, store_path, monkeypatch):
    """A later chunk failing rolls the file back: its earlier chunks' postings never reach the listener."""
    from skillgap.ingest import stream

    path = write_csv(tmp_path / "big.csv", HEADER, chunk_rows(200))
    real = load_mod.map_table

    def fail_third(table, layout, ctx, calls=[]):
        calls.append(1)
        if len(calls) == 3:
            raise ValueError("bad cell in chunk 3")
        return real(table, layout, ctx)

    monkeypatch.setattr(load_mod, "map_table", fail_third)
    handed: list[list[tuple]] = []
    with stream.streaming_postings(handed.append):
        r = load_kept_open(path, store_path, chunk_bytes=5_000)
    assert r["status"] == "failed" and table_count(store_path, "postings") == 0
    assert handed == []


def test_where_chunks_are_cut_does_not_change_which_duplicates_survive(tmp_path):
    """A (id 1), then B (id 1, url u) and C (id 2, url u): read whole, B repeats A's id and goes, and C stays (B
    is gone, so nothing earlier that stays has url u). Cut between A and B, the same: the store check comes first
    (B goes against A), then the chunk's own repeats (C has none left)."""
    from tests.helpers.ingest import body

    rows = []
    for i in range(60):
        if i == 0:
            rows.append(["job-1", "Data engineer", "Acme", body("first", 3), "https://jobs.example/a"])
        elif i == 40:
            rows.append(["job-1", "Data engineer", "Acme", body("repost", 3), "https://jobs.example/b"])
        elif i == 41:
            rows.append(["job-2", "ML engineer", "Acme", body("other", 3), "https://jobs.example/b"])
        else:
            rows.append([f"x{i}", f"Engineer {i}", f"Co {i}", body(f"row {i}", 3), f"https://jobs.example/x{i}"])
    path = write_csv(tmp_path / "board.csv", ["id", "title", "company", "description", "url"], rows)
    whole = load_kept_open(path, tmp_path / "whole.duckdb")
    cut = load_kept_open(path, tmp_path / "cut.duckdb", chunk_bytes=3_000)
    assert (cut["loaded"], cut["duplicates"]) == (whole["loaded"], whole["duplicates"]) == (59, 1)
    sql = "SELECT source_id, url FROM postings WHERE source_id IN ('job-1', 'job-2') ORDER BY 1"
    assert query(tmp_path / "cut.duckdb", sql) == query(tmp_path / "whole.duckdb", sql)
