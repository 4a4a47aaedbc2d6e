"""Large synthetic exports stream to disk in chunks: right row counts, any format, memory that does not grow."""

from __future__ import annotations

import csv
import json
import tracemalloc

import polars as pl
import pytest

from skillgap.errors import SampleOptionError
from skillgap.sample.exports import JOBSPY_COLUMNS, write_synthetic


def test_csv_export_has_n_rows_in_jobspy_columns(tmp_path):
    seen = []
    out = tmp_path / "bench" / "p.csv"
    summary = write_synthetic(out, postings=2_000, chunk_size=500, on_chunk=seen.append)
    assert summary["rows"] == 2_000 and seen == [500, 500, 500, 500]
    df = pl.read_csv(out, infer_schema=False)
    assert df.height == 2_000 and tuple(df.columns) == JOBSPY_COLUMNS
    months = df.get_column("date_posted").str.slice(0, 7).unique()
    assert months.len() == 24
    assert not (tmp_path / "bench" / "p.csv.part").exists()


def test_realistic_length_and_skill_mix(tmp_path):
    out = tmp_path / "p.csv"
    write_synthetic(out, postings=600, chunk_size=200)
    with out.open(encoding="utf-8", newline="") as fh:
        descs = [r["description"] for r in csv.DictReader(fh)]
    lengths = sorted(len(d) for d in descs)
    assert 1_200 < lengths[len(lengths) // 2] < 4_000
    assert sum("Python" in d for d in descs) > 0.4 * len(descs)
    assert sum("SQL" in d for d in descs) > 0.3 * len(descs)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_other_formats_hold_the_same_rows(tmp_path, fmt):
    base = tmp_path / "p.csv"
    write_synthetic(base, postings=300, chunk_size=120, seed=5)
    other = tmp_path / f"p.{fmt}"
    summary = write_synthetic(other, postings=300, chunk_size=70, seed=5)
    assert summary["format"] == fmt and summary["rows"] == 300
    df = pl.read_ndjson(other) if fmt == "jsonl" else pl.read_parquet(other)
    ref = pl.read_csv(base, infer_schema=False)
    assert df.height == 300 and tuple(df.columns) == JOBSPY_COLUMNS
    assert df.get_column("description").to_list() == ref.get_column("description").to_list()
    assert df.get_column("is_remote").dtype == pl.Boolean
    if fmt == "jsonl":
        first = json.loads(other.read_text(encoding="utf-8").splitlines()[0])
        assert first["min_amount"] is None or isinstance(first["min_amount"], float)


def test_chunk_size_does_not_change_the_output(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_synthetic(a, postings=400, chunk_size=400, seed=3)
    write_synthetic(b, postings=400, chunk_size=37, seed=3)
    assert a.read_bytes() == b.read_bytes()
    c = tmp_path / "c.csv"
    write_synthetic(c, postings=400, chunk_size=400, seed=4)
    assert a.read_bytes() != c.read_bytes()


def _peak(tmp_path, n: int, chunk: int) -> int:
    tracemalloc.start()
    try:
        write_synthetic(tmp_path / f"m{n}.csv", postings=n, chunk_size=chunk)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_bounded_as_rows_grow(tmp_path):
    # tracemalloc slows allocation-heavy code ~6x: keep the row counts small, the ratio is what matters
    small = _peak(tmp_path, 200, 50)
    large = _peak(tmp_path, 1_000, 50)
    size = (tmp_path / "m1000.csv").stat().st_size
    # five times the rows, about the same peak: memory depends on the chunk, not on the export
    assert large < small * 1.5 + 500_000, (small, large)
    assert large < size / 2, (large, size)


def test_bad_options_are_explained(tmp_path):
    with pytest.raises(SampleOptionError, match="csv, jsonl or parquet"):
        write_synthetic(tmp_path / "x.xml", postings=10)
    with pytest.raises(SampleOptionError, match="YYYY-MM"):
        write_synthetic(tmp_path / "x.csv", postings=10, start_month="2025-13")
    with pytest.raises(SampleOptionError, match="--postings"):
        write_synthetic(tmp_path / "x.csv", postings=0)
