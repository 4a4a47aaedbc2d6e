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


def test_chunk_sizes_grow_from_the_first_to_the_most():
    from itertools import islice

    from skillgap.ingest.readers import chunk_sizes_from

    assert list(islice(chunk_sizes_from(1_000, 5_000), 5)) == [1_000, 2_000, 4_000, 5_000, 5_000]
    assert list(islice(chunk_sizes_from(None, 5_000), 2)) == [5_000, 5_000]
    assert list(islice(chunk_sizes_from(8_000, 5_000), 2)) == [5_000, 5_000]
    assert next(chunk_sizes_from(1_000, None)) is None  # no chunks at all


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_streamed_chunks_hand_on_each_stored_posting_once(tmp_path, monkeypatch, fmt):
    """While a listener is hungry, a file is read in growing chunks and each chunk's new postings reach the
    listener right after they are written, exactly as stored; the store is the one a plain load gives."""
    from skillgap.ingest import stream

    monkeypatch.setattr(stream, "STREAM_FIRST_CHUNK_BYTES", 3_000)
    monkeypatch.setattr(stream, "STREAM_CHUNK_BYTES", 12_000)
    rows = chunk_rows(300)
    path = tmp_path / f"board.{fmt}"
    if fmt == "csv":
        write_csv(path, HEADER, rows)
    else:
        path.write_text("".join(json.dumps(dict(zip(HEADER, r))) + "\n" for r in rows), encoding="utf-8")
    plain = load_kept_open(path, tmp_path / "plain.duckdb")
    handed: list[list[tuple]] = []
    with stream.streaming_postings(handed.append):
        streamed = load_kept_open(path, tmp_path / "streamed.duckdb")
    assert streamed["loaded"] == plain["loaded"] > 0 and streamed["duplicates"] == plain["duplicates"] > 0
    assert _state(tmp_path / "streamed.duckdb") == _state(tmp_path / "plain.duckdb")
    stored = query(tmp_path / "streamed.duckdb", "SELECT posting_id, title, description FROM postings")
    flat = [row for chunk in handed for row in chunk]
    assert sorted(flat) == sorted(stored) and len(flat) == len(set(flat))  # each posting once, as stored
    sizes = [len(chunk) for chunk in handed]
    assert len(sizes) >= 4 and sizes[0] < sizes[2]  # growing chunks: the first arrives early
    # a listener that is not hungry: the file is read in the usual chunks (here: one)
    calls: list[int] = []
    with stream.streaming_postings(lambda chunk: calls.append(len(chunk)), hungry=lambda: False):
        load_kept_open(path, tmp_path / "busy.duckdb")
    assert calls == [plain["loaded"]]


def test_postings_of_a_failed_file_are_handed_on_but_not_stored(tmp_path, store_path, monkeypatch):
    """Handed-on postings are candidates: a later chunk failing rolls the file back, as the stream's docs say."""
    from skillgap.ingest import stream

    monkeypatch.setattr(stream, "STREAM_FIRST_CHUNK_BYTES", 3_000)
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
        r = load_kept_open(path, store_path)
    assert r["status"] == "failed" and handed and table_count(store_path, "postings") == 0
