"""The three-thread load (reader cleans, main builds ids, writer inserts) and the fast checks beside it."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.ingest import load as load_mod
from skillgap.ingest import records
from skillgap.ingest.readers import _maybe_short, is_utf8
from tests.helpers.ingest import HEADER, body, chunk_rows, load_kept_open, query, table_count, write_csv


def _fail_on_call(real, n: int, message: str):
    calls = []

    def flaky(*a, **kw):
        calls.append(1)
        if len(calls) == n:
            raise ValueError(message)
        return real(*a, **kw)

    return flaky


@pytest.mark.parametrize("stage", ["clean_rows", "finish_rows"])  # reader thread, main thread
def test_failure_in_either_stage_of_a_later_chunk_fails_the_file(tmp_path, store_path, monkeypatch, stage):
    path = write_csv(tmp_path / "big.csv", HEADER, chunk_rows(200))
    monkeypatch.setattr(load_mod, stage, _fail_on_call(getattr(load_mod, stage), 3, f"broken in {stage}"))
    r = load_kept_open(path, store_path, chunk_bytes=5_000)
    assert r["status"] == "failed" and f"broken in {stage}" in r["message"] and str(path) in r["message"]
    assert table_count(store_path, "postings") == 0 and table_count(store_path, "rejected_rows") == 0
    assert query(store_path, "SELECT status FROM load_runs") == [("failed",)]


def test_failure_in_the_writer_thread_rolls_the_file_back_and_names_it(tmp_path, store_path, monkeypatch):
    first = write_csv(tmp_path / "first.csv", HEADER, [["a1", "Analyst", "Co", body("first file")]])
    assert load_kept_open(first, store_path)["loaded"] == 1
    path = write_csv(tmp_path / "big.csv", HEADER, chunk_rows(200))
    monkeypatch.setattr(load_mod, "_insert_rejects", _fail_on_call(load_mod._insert_rejects, 3, "disk on fire"))
    with pytest.raises(ValueError, match="disk on fire") as info:
        load_kept_open(path, store_path, chunk_bytes=5_000)
    assert any(str(path) in note and "rolled back" in note for note in info.value.__notes__)
    assert table_count(store_path, "postings") == 1 and table_count(store_path, "rejected_rows") == 0
    assert query(store_path, "SELECT file FROM load_runs") == [(str(first),)]


_UTF8_EDGES = [b"\xed\xa0\x80", b"\xed\x9f\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xc2\x80", b"\xe0\x80\x80", b"\xe0\xa0\x80",
               b"\xf0\x80\x80\x80", b"\xf0\x90\x80\x80", b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80",
               b"\xff", b"\xe2\x82", b"\xe2\x82\xac", b"\x80", b"\xef\xbf\xbe", b"\x00", b"a", "北’".encode()]


def _codec_ok(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_UTF8_EDGES) | st.binary(max_size=3), max_size=12).map(b"".join))
def test_is_utf8_agrees_with_pythons_codec(data: bytes) -> None:
    assert is_utf8(data) == _codec_ok(data)


def test_is_utf8_edges() -> None:
    for edge in _UTF8_EDGES:
        assert is_utf8(edge) == _codec_ok(edge), edge


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['"', '""', ",", ";", "\t", "\n", "a", "bc", "é"]), max_size=60).map("".join),
       st.sampled_from([",", ";", "\t"]), st.integers(0, 20), st.integers(1, 6))
def test_maybe_short_counts_separators_outside_quotes(text: str, sep: str, height: int, width: int) -> None:
    raw = text.encode("utf-8")
    outside = sum(p.count(sep.encode()) for p in raw.split(b'"')[::2])
    df = pl.DataFrame({f"c{i}": [None] * height for i in range(width)}, schema={f"c{i}": pl.String for i in range(width)})
    assert _maybe_short(raw, sep, df) == (outside != (height + 1) * (width - 1))


_TEXT = st.lists(st.sampled_from(
    ["Python", "<p>", "</p>", "<br>", "&amp;", "&", "R&D", "\r\n", "\r", "\u2028", "\x00", "\x1f", "\u200b", "CafÃ©",
     "â€™", "['a', 'b']", "[\"x\"]", " \n", "\n \n \n", "\t", "  ", "é", "北京", "", "<b>Go</b>"]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.none() | _TEXT, max_size=10), st.sampled_from(["auto", "html_escaped", "python_list", "none", "html"]))
def test_clean_text_series_equals_every_step_on_every_row(texts: list[str | None], mode: str) -> None:
    s = pl.Series("description", texts, dtype=pl.String)
    expected = records._clean_steps(s.clone(), mode).str.strip_chars()
    expected = expected.set(expected == "", None)
    assert records.clean_text_series(s, mode).to_list() == expected.to_list()
