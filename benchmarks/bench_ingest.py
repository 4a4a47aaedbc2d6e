"""Benchmark: `skillgap ingest` of a 100,000-posting JobSpy CSV against DuckDB's own read_csv of the same file.

    .venv/bin/python benchmarks/bench_ingest.py [--postings 100000] [--seed 7]

Generates (seeded) data/bench/jobspy_<n>.csv with skillgap.sample.write_synthetic (1-3 KB markdown descriptions in
quoted multi-line fields), then times, in the same run:
  baseline: CREATE TABLE t AS SELECT * FROM read_csv(file, all_varchar=true) in a fresh DuckDB file
  ingest:   skillgap.ingest.ingest_paths([file], fresh store) — read, map, normalise, dedup, insert, staged swap
and prints both times and the ratio (target <= 3x). The Prefect flow adds a constant ~1-10 s server start,
which is not part of the per-row cost and is left out here.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def generate(path: Path, *, postings: int, seed: int) -> Path:
    if path.exists():
        return path
    from skillgap.sample.exports import write_synthetic

    write_synthetic(path, postings=postings, seed=seed, fmt="csv")
    return path


def time_duckdb(path: Path, work: Path) -> float:
    import duckdb

    db = work / "baseline.duckdb"
    t = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', all_varchar=true)").fetchall()
    n = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    con.close()
    elapsed = time.perf_counter() - t
    print(f"duckdb read_csv: {n:,} rows in {elapsed:.2f} s")
    return elapsed


def time_ingest(path: Path, work: Path) -> float:
    from skillgap.ingest import ingest_paths

    db = work / "store.duckdb"
    t = time.perf_counter()
    summary = ingest_paths([str(path)], db)
    elapsed = time.perf_counter() - t
    print(
        f"skillgap ingest: {summary['rows']:,} rows ({summary['loaded']:,} loaded, {summary['duplicates']:,} "
        f"duplicates, {summary['rejected']:,} rejected) in {elapsed:.2f} s"
    )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="best of N for both sides")
    args = parser.parse_args()
    bench_dir = ROOT / "data" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = generate(bench_dir / f"jobspy_{args.postings}_s{args.seed}.csv", postings=args.postings, seed=args.seed)
    print(f"file: {path} ({path.stat().st_size / 1e6:,.1f} MB)")
    base, ours = [], []
    for _ in range(args.repeat):
        work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
        try:
            base.append(time_duckdb(path, work))
            ours.append(time_ingest(path, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    b, o = min(base), min(ours)
    print(f"ratio ingest / duckdb read_csv: {o / b:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
