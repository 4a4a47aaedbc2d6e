"""Benchmark: `skillgap ingest` of a 100,000-posting JobSpy CSV against DuckDB's own read_csv of the same file.

    .venv/bin/python benchmarks/bench_ingest.py [--postings 100000] [--seed 7] [--repeat N] [--rss]

Generates (seeded) data/bench/jobspy_<n>.csv with skillgap.sample.write_synthetic (1-3 KB markdown descriptions in
quoted multi-line fields), then times, in the same run:
  baseline: CREATE TABLE t AS SELECT * FROM read_csv(file, all_varchar=true) in a fresh DuckDB file
  ingest:   skillgap.ingest.ingest_paths([file], fresh store) — read, map, normalise, dedup, insert, staged swap
and prints both times and the ratio (target <= 3x). The Prefect flow adds a constant ~1-10 s server start,
which is not part of the per-row cost and is left out here.

With --rss each side runs in its own child process and its peak resident memory (ru_maxrss) and CPU seconds
(user + system, all threads) are printed too (issue #9: ingest memory must stay bounded, not grow with the whole
file). The load average is printed before and after: on a shared machine compare ratios from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
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


def in_child(side: str, path: Path, work: Path) -> float:
    """Run one side in a fresh Python process; print its peak RSS; return its time."""
    out = subprocess.run([sys.executable, __file__, "--child", side, "--file", str(path), "--work", str(work)],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print("\n".join(out.stdout.strip().splitlines()[:-1]))
    print(f"  peak RSS ({side}): {result['rss_mb']:,} MB; CPU {result['cpu_seconds']:.2f} s")
    return result["seconds"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(side: str, path: Path, work: Path) -> None:
    if side == "ingest":
        import skillgap.ingest  # noqa: F401 - imports are not part of the timed CPU, as they are not of the time
    else:
        import duckdb  # noqa: F401
    cpu = _cpu()
    seconds = time_duckdb(path, work) if side == "duckdb" else time_ingest(path, work)
    cpu = _cpu() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "cpu_seconds": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="best of N for both sides")
    parser.add_argument("--rss", action="store_true", help="run each side in a child process; print peak RSS")
    parser.add_argument("--child", choices=["duckdb", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file, args.work)
        return
    bench_dir = ROOT / "data" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = generate(bench_dir / f"jobspy_{args.postings}_s{args.seed}.csv", postings=args.postings, seed=args.seed)
    print(f"file: {path} ({path.stat().st_size / 1e6:,.1f} MB); load average {os.getloadavg()[0]:.2f}")
    base, ours = [], []
    for _ in range(args.repeat):
        work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
        try:
            if args.rss:
                base.append(in_child("duckdb", path, work))
                ours.append(in_child("ingest", path, work))
            else:
                base.append(time_duckdb(path, work))
                ours.append(time_ingest(path, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    b, o = min(base), min(ours)
    print(f"ratio ingest / duckdb read_csv: {o / b:.2f}x (target <= 3x); load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
