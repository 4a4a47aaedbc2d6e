"""Scale benchmark: ingest + extract + aggregate of N synthetic postings, then a monthly refresh of K more.

    .venv/bin/python benchmarks/bench_scale.py --postings 100000 [--incremental 10000]
    .venv/bin/python benchmarks/bench_scale.py --postings 1000000 --format parquet --incremental 10000
    .venv/bin/python benchmarks/bench_scale.py --proportional 10000 100000 --incremental 10000

Generates (seeded, cached in data/bench/) a JobSpy-layout export with skillgap.sample.write_synthetic,
split into ``--files`` parts (default: one per 100,000 postings; ingest holds one file in memory at a time),
plus a next-month export of K postings. Each stage runs in its own subprocess, so every stage reports its
own peak RSS (getrusage ru_maxrss), and each is compared with a bare baseline measured in the same run:

  ingest     skillgap.ingest.ingest_paths(files)          vs  DuckDB CREATE TABLE AS read_csv/read_parquet
  extract    the extract_skills loop (pending ids, texts,  vs  the pipeline's bare tokenizer (nlp.tokenizer.pipe)
             extract_batch, write_batch per 2,000)             over the same texts streamed from the store
  aggregate  skillgap.aggregate.materialize (full)         vs  a bare GROUP BY: postings per skill per month
  refresh    staged copy + ingest + extract + incremental  -   (each part timed; plus a forced full
             materialize + swap for the K new postings          materialize for comparison)

--proportional N [N ...] shows that the monthly refresh's aggregate costs what it adds, without a 1M build: it
adds the same K new postings (ingested for real; their extraction, made once, is copied in) to stores of each
size N (built once and cached in data/bench/store_<N>_s<seed>.duckdb) and times the incremental aggregate, its
parts, and a forced full one, then checks that both leave identical market tables. --replicate R adds a store R
times the largest, made by copying its rows under new ids (no extraction); --repeat runs the incremental
aggregate that many times on fresh copies (the best counts). Results go to data/bench/scale_proportional.json.

The stages call the core functions the Prefect flows wrap (Prefect's per-task overhead and server start are
not per-posting costs and are left out). Results go to stdout and data/bench/scale_<N>.json.
"""

from __future__ import annotations

import argparse
import json
import math
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

BATCH = 2000


# ----------------------------------------------------------------------------------------------------------
# data


def generate(bench_dir: Path, *, postings: int, seed: int, fmt: str, files: int) -> list[Path]:
    """The export split into ``files`` parts (cached by size, seed and format)."""
    from skillgap.sample.exports import write_synthetic

    single = bench_dir / f"jobspy_{postings}_s{seed}.{fmt}"
    if not single.exists():
        t = time.perf_counter()
        write_synthetic(single, postings=postings, seed=seed, fmt=fmt)
        print(f"generated {single.name} ({single.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - t:.0f} s",
              flush=True)
    if files <= 1:
        return [single]
    if fmt != "parquet":
        raise SystemExit("--files > 1 needs --format parquet (the split streams Parquet row groups)")
    folder = bench_dir / f"jobspy_{postings}_s{seed}_parts{files}"
    parts = [folder / f"jobspy_part{i:03d}.parquet" for i in range(files)]
    if all(p.exists() for p in parts):
        return parts
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    source = pq.ParquetFile(single)
    per_file = math.ceil(postings / files)
    writer, index, in_file = None, 0, 0
    for batch in source.iter_batches(batch_size=5000):
        offset = 0
        while offset < batch.num_rows:
            if writer is None:
                writer = pq.ParquetWriter(parts[index], source.schema_arrow, compression="zstd")
            take = min(per_file - in_file, batch.num_rows - offset)
            writer.write_batch(batch.slice(offset, take))
            offset += take
            in_file += take
            if in_file == per_file:
                writer.close()
                writer, index, in_file = None, index + 1, 0
    if writer is not None:
        writer.close()
    return [p for p in parts if p.exists()]


def generate_increment(bench_dir: Path, *, postings: int, seed: int, fmt: str) -> Path:
    """A next-month export (2026-11) from another seed: the monthly refresh's new postings."""
    from skillgap.sample.exports import write_synthetic

    path = bench_dir / f"jobspy_increment_{postings}_s{seed + 1}_2026-11.{fmt}"
    if not path.exists():
        write_synthetic(path, postings=postings, seed=seed + 1, fmt=fmt, start_month="2026-11", months=1)
    return path


# ----------------------------------------------------------------------------------------------------------
# stages (each runs in its own process)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _size_mb(db: Path) -> float:
    wal = db.with_name(db.name + ".wal")
    return (db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6


def stage_baseline_ingest(spec: dict) -> dict:
    import duckdb

    db = Path(spec["work"]) / "baseline_ingest.duckdb"
    con = duckdb.connect(str(db))
    t = time.perf_counter()
    for i, f in enumerate(spec["files"]):
        src = f"read_parquet('{f}')" if f.endswith(".parquet") else f"read_csv('{f}', all_varchar=true)"
        con.execute(f"CREATE TABLE t AS SELECT * FROM {src}" if i == 0 else f"INSERT INTO t SELECT * FROM {src}")
    rows = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    con.close()
    seconds = time.perf_counter() - t
    out = {"seconds": seconds, "rows": rows, "db_mb": _size_mb(db)}
    db.unlink()
    return out


def stage_ingest(spec: dict) -> dict:
    from skillgap.ingest import ingest_paths

    t = time.perf_counter()
    summary = ingest_paths(spec["files"], Path(spec["db"]))
    return {"seconds": time.perf_counter() - t, "rows": summary["rows"], "loaded": summary["loaded"],
            "duplicates": summary["duplicates"], "rejected": summary["rejected"], "db_mb": _size_mb(Path(spec["db"]))}


def _pipeline(spec: dict):
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    taxonomy = load_taxonomy(spec["taxonomy_dir"])
    return load_pipeline(Path(spec["model_dir"]), taxonomy=taxonomy), taxonomy


def stage_baseline_extract(spec: dict) -> dict:
    """The pipeline's bare tokenizer over the same texts, streamed from the store in batches."""
    import duckdb

    from skillgap.mentions import posting_text

    nlp, _ = _pipeline(spec)
    con = duckdb.connect(spec["db"], read_only=True)
    n = 0
    t = time.perf_counter()
    reader = con.sql("SELECT title, description FROM postings").to_arrow_reader(BATCH)
    for rb in reader:
        texts = [posting_text(a, b) for a, b in zip(rb.column(0).to_pylist(), rb.column(1).to_pylist())]
        for _ in nlp.tokenizer.pipe(texts, batch_size=256):
            n += 1
    seconds = time.perf_counter() - t
    con.close()
    return {"seconds": seconds, "postings": n}


def _extract_all(db: str, nlp, version: str) -> dict:
    """What flows.extract.extract_skills runs, minus Prefect: one transaction per batch of 2,000."""
    from skillgap import store
    from skillgap.extract import extract_batch
    from skillgap.mentions import iter_posting_texts, pending_posting_ids, write_batch

    con = store.connect(db)
    try:
        t = time.perf_counter()
        pending = pending_posting_ids(con, taxonomy_version=version)
        find = time.perf_counter() - t
        mentions, read_s, nlp_s, write_s = 0, 0.0, 0.0, 0.0
        for i in range(0, len(pending), BATCH):
            ids = pending[i : i + BATCH]
            t0 = time.perf_counter()
            texts = list(iter_posting_texts(con, ids))
            t1 = time.perf_counter()
            table = extract_batch(texts, nlp=nlp)
            t2 = time.perf_counter()
            mentions += write_batch(con, table, taxonomy_version=version, posting_ids=ids)
            t3 = time.perf_counter()
            read_s, nlp_s, write_s = read_s + t1 - t0, nlp_s + t2 - t1, write_s + t3 - t2
    finally:
        con.close()
    return {"postings": len(pending), "mentions": mentions, "find_pending_seconds": find,
            "read_texts_seconds": read_s, "extract_batch_seconds": nlp_s, "write_batch_seconds": write_s}


def stage_extract(spec: dict) -> dict:
    nlp, taxonomy = _pipeline(spec)
    t = time.perf_counter()
    out = _extract_all(spec["db"], nlp, taxonomy.version)
    out["seconds"] = time.perf_counter() - t
    out["db_mb"] = _size_mb(Path(spec["db"]))
    return out


def stage_baseline_aggregate(spec: dict) -> dict:
    import duckdb

    con = duckdb.connect(spec["db"], read_only=True)
    t = time.perf_counter()
    rows = con.execute(
        """SELECT p.posted_month, m.skill_id, count(DISTINCT m.posting_id) AS postings
           FROM skill_mentions m JOIN postings p USING (posting_id) GROUP BY ALL"""
    ).fetchall()
    seconds = time.perf_counter() - t
    con.close()
    return {"seconds": seconds, "rows": len(rows)}


def _timed_parts(module, names: tuple[str, ...]) -> dict[str, float]:
    """Wrap module functions so each call adds its duration to the returned dict (materialize looks them up
    at call time, so the wrappers are what it runs). Calling it again re-wraps the originals with a new dict."""
    spent: dict[str, float] = {}
    for name in names:
        fn = getattr(module, name, None)
        if fn is None:
            continue
        fn = getattr(fn, "_bench_original", fn)

        def wrapper(*a, _fn=fn, _name=name, **kw):
            t = time.perf_counter()
            try:
                return _fn(*a, **kw)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - t

        wrapper._bench_original = fn
        setattr(module, name, wrapper)
    return spent


# materialize's parts, each timed on its own (names missing from a version of aggregate.py are skipped)
AGGREGATE_PARTS = ("_incremental_scope", "classify_new_postings", "_classify_loaded_after", "_apply_increment",
                   "_replace_lookups", "_rebuild_facts", "_rebuild_unknown_terms", "_new_marks")


def _materialize(db: str, *, full: bool, spec: dict) -> dict:
    from skillgap import aggregate, store
    from skills_taxonomy.load import load_taxonomy

    spent = _timed_parts(aggregate, AGGREGATE_PARTS)
    materialize = aggregate.materialize
    taxonomy = load_taxonomy(spec["taxonomy_dir"])
    con = store.connect(db)
    try:
        t = time.perf_counter()
        summary = materialize(con, taxonomy=taxonomy, full=full).to_dict()
        seconds = time.perf_counter() - t
        mode = con.execute("SELECT value FROM market_meta WHERE key = 'aggregate_mode'").fetchall()[0][0]
    finally:
        con.close()
    return {"seconds": seconds, "mode": mode, **summary, "parts": dict(spent)}


def stage_aggregate(spec: dict) -> dict:
    out = _materialize(spec["db"], full=spec.get("full", False), spec=spec)
    out["db_mb"] = _size_mb(Path(spec["db"]))
    return out


def stage_copy(spec: dict) -> dict:
    """What store.staged_write pays before a refresh writes anything: a copy of the whole store file."""
    src = Path(spec["db"])
    dst = src.with_name(src.name + ".copytest")
    t = time.perf_counter()
    shutil.copyfile(src, dst)
    seconds = time.perf_counter() - t
    dst.unlink()
    return {"seconds": seconds, "db_mb": _size_mb(src)}


def stage_refresh(spec: dict) -> dict:
    """The monthly refresh: one staged copy, ingest the increment, extract it, aggregate incrementally, swap."""
    from skillgap import store
    from skillgap.ingest import ingest_paths

    nlp, taxonomy = _pipeline(spec)
    db = Path(spec["db"])
    parts: dict[str, float] = {}
    t0 = time.perf_counter()
    with store.staged_write(db) as work:
        t1 = time.perf_counter()
        parts["staged_copy"] = t1 - t0
        ingested = ingest_paths([spec["increment"]], work)
        t2 = time.perf_counter()
        parts["ingest"] = t2 - t1
        extracted = _extract_all(str(work), nlp, taxonomy.version)
        t3 = time.perf_counter()
        parts["extract"] = t3 - t2
        aggregated = _materialize(str(work), full=False, spec=spec)
        t4 = time.perf_counter()
        parts["aggregate"] = t4 - t3
    parts["checkpoint_and_swap"] = time.perf_counter() - t4
    return {"seconds": time.perf_counter() - t0, "parts": parts, "loaded": ingested["loaded"],
            "duplicates": ingested["duplicates"], "extracted": extracted["postings"],
            "find_pending_seconds": extracted["find_pending_seconds"], "mode": aggregated["mode"],
            "aggregate_parts": aggregated["parts"],
            "extract_parts": {k: v for k, v in extracted.items() if k.endswith("_seconds")},
            "db_mb": _size_mb(db)}


def stage_parquet(spec: dict) -> dict:
    """Export to month-partitioned Parquet and run the baseline GROUP BY on the files in place."""
    from skillgap import store
    from skillgap.partitioned import connect_parquet, export_parquet

    root = Path(spec["work"]) / "lake"
    con = store.connect(spec["db"], read_only=True)
    try:
        t = time.perf_counter()
        summary = export_parquet(con, root)
        export_s = time.perf_counter() - t
    finally:
        con.close()
    lake = connect_parquet(root)
    try:
        t = time.perf_counter()
        n = len(lake.execute(
            """SELECT p.month, m.skill_id, count(DISTINCT m.posting_id) FROM skill_mentions m
               JOIN postings p USING (posting_id) GROUP BY ALL""").fetchall())
        query_s = time.perf_counter() - t
    finally:
        lake.close()
    mb = sum(summary.bytes.values()) / 1e6
    shutil.rmtree(root, ignore_errors=True)
    return {"seconds": export_s, "query_seconds": query_s, "rows": n, "parquet_mb": mb, "months": len(summary.months)}


def stage_restamp(spec: dict) -> dict:
    """Label a reused store's extractions with the pinned taxonomy's version (timing runs only: the mentions
    stay those of the version they were made with), so the refresh extracts only the new postings."""
    from skillgap import store
    from skills_taxonomy.load import load_taxonomy

    version = load_taxonomy(spec["taxonomy_dir"]).version
    con = store.connect(spec["db"])
    t = time.perf_counter()
    try:
        con.execute("UPDATE posting_extractions SET taxonomy_version = ? WHERE taxonomy_version <> ?", [version, version])
        con.execute("UPDATE skill_mentions SET taxonomy_version = ? WHERE taxonomy_version <> ?", [version, version])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"seconds": time.perf_counter() - t, "version": version}


MARKET_TABLES = ("posting_facts", "posting_skills", "market_unknown_terms", "skills", "roles", "posting_roles")


def _table_digests(db: str) -> dict[str, list]:
    """Row count and an order-independent hash sum of every market table (equal tables give equal digests)."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return {t: list(con.execute(f"SELECT count(*), CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) FROM {t} t")
                        .fetchall()[0]) for t in MARKET_TABLES}
    finally:
        con.close()


def _graft_extraction(db: str, *, increment_store: str, version: str) -> dict:
    """Copy the increment's extraction (made once, in a store of its own) into ``db``, as write_batch would
    have written it: mentions appended, one posting_extractions row per posting stamped now."""
    from skillgap import store

    con = store.connect(db)
    try:
        con.execute(f"ATTACH '{increment_store}' AS inc (READ_ONLY)")
        with store.transaction(con):
            missing = store.scalar(con, "SELECT count(*) FROM inc.posting_extractions e ANTI JOIN postings p "
                                        "USING (posting_id)")
            if missing:
                raise SystemExit(f"{missing} extracted postings of the increment store are not in {db}")
            mentions = con.execute(
                "INSERT INTO skill_mentions SELECT * REPLACE (CAST(? AS VARCHAR) AS taxonomy_version) "
                "FROM inc.skill_mentions", [version]).fetchall()[0][0]
            postings = con.execute(
                "INSERT INTO posting_extractions SELECT posting_id, ?, n_mentions, ? FROM inc.posting_extractions",
                [version, store.now_utc()]).fetchall()[0][0]
        con.execute("DETACH inc")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"postings": postings, "mentions": mentions}


def stage_proportional(spec: dict) -> dict:
    """One store size: the same K new postings, aggregated incrementally, then a forced full aggregate."""
    from skillgap.ingest import ingest_paths

    db = spec["db"]
    shutil.copyfile(spec["base"], db)
    version = stage_restamp(spec)["version"]
    before = _materialize(db, full=True, spec=spec)
    t = time.perf_counter()
    ingested = ingest_paths([spec["increment"]], Path(db))
    ingest_s = time.perf_counter() - t
    grafted = _graft_extraction(db, increment_store=spec["increment_store"], version=version)
    # the machine is shared: the incremental run is repeated on fresh copies of the same store, best one counts
    pristine = Path(db + ".pristine")
    shutil.copyfile(db, pristine)
    runs = []
    for i in range(spec.get("repeat", 3)):
        if i:
            Path(db + ".wal").unlink(missing_ok=True)
            shutil.copyfile(pristine, db)
        runs.append(_materialize(db, full=False, spec=spec))
    pristine.unlink()
    incremental = min(runs, key=lambda r: r["seconds"])
    after_incremental = _table_digests(db)
    full = _materialize(db, full=True, spec=spec)
    after_full = _table_digests(db)
    return {"seconds": incremental["seconds"], "store_postings": before["postings"], "loaded": ingested["loaded"],
            "duplicates": ingested["duplicates"], "extracted": grafted["postings"], "mode": incremental["mode"],
            "full_seconds": full["seconds"], "ratio_incremental_to_full": incremental["seconds"] / full["seconds"],
            "identical": after_incremental == after_full, "ingest_seconds": ingest_s,
            "incremental_runs": [r["seconds"] for r in runs],
            "full_before_seconds": before["seconds"], "parts": incremental["parts"], "full_parts": full["parts"],
            "digests": after_full, "db_mb": _size_mb(Path(db))}


def stage_replicate(spec: dict) -> dict:
    """A store ``copies`` times the size of an extracted one: every posting, extraction and mention copied with a
    suffixed id (``~k``), mentions already labelled with the pinned taxonomy version. Only for timing the parts
    of the aggregate that could grow with the store, without extracting the copies' texts again."""
    from skillgap import store
    from skills_taxonomy.load import load_taxonomy

    version = load_taxonomy(spec["taxonomy_dir"]).version
    t = time.perf_counter()
    con = store.connect(spec["db"])
    try:
        con.execute(f"ATTACH '{spec['base']}' AS base (READ_ONLY)")
        con.execute("INSERT INTO load_runs SELECT * FROM base.load_runs")
        for k in range(spec["copies"]):
            suffix = f"~{k}" if k else ""
            with store.transaction(con):
                con.execute("INSERT INTO postings SELECT * REPLACE (posting_id || ? AS posting_id, "
                            "source_id || ? AS source_id) FROM base.postings", [suffix, suffix])
                con.execute("INSERT INTO posting_extractions SELECT posting_id || ?, ?, n_mentions, extracted_at "
                            "FROM base.posting_extractions", [suffix, version])
                con.execute("INSERT INTO skill_mentions SELECT * REPLACE (posting_id || ? AS posting_id, "
                            "CAST(? AS VARCHAR) AS taxonomy_version) FROM base.skill_mentions", [suffix, version])
        con.execute("DETACH base")
        con.execute("CHECKPOINT")
        postings = store.scalar(con, "SELECT count(*) FROM postings")
    finally:
        con.close()
    return {"seconds": time.perf_counter() - t, "postings": postings, "db_mb": _size_mb(Path(spec["db"]))}


STAGES = {
    "restamp": stage_restamp,
    "baseline_ingest": stage_baseline_ingest, "ingest": stage_ingest,
    "baseline_extract": stage_baseline_extract, "extract": stage_extract,
    "baseline_aggregate": stage_baseline_aggregate, "aggregate": stage_aggregate,
    "copy": stage_copy, "refresh": stage_refresh, "parquet": stage_parquet, "proportional": stage_proportional,
    "replicate": stage_replicate,
}


def run_stage(name: str, spec: dict) -> dict:
    """Run one stage in a fresh interpreter; return its result plus its own peak RSS."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--stage", name, "--spec", json.dumps(spec)],
        capture_output=True, text=True, cwd=ROOT,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"stage {name} failed")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = time.perf_counter() - t
    print(f"  {name:<18} {result['seconds']:8.2f} s   peak {result['peak_mb']:7,.0f} MB   "
          + ", ".join(f"{k}={_fmt(v)}" for k, v in result.items()
                      if k not in ("seconds", "peak_mb", "wall_seconds") and not isinstance(v, dict)),
          flush=True)
    for key in ("parts", "aggregate_parts", "extract_parts", "full_parts"):
        if result.get(key):
            print(f"      {key}: " + ", ".join(f"{k} {v:.2f} s" for k, v in result[key].items()), flush=True)
    return result


def _fmt(v):
    return str(v) if isinstance(v, bool) else f"{v:,.2f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) \
        else str(v)


# ----------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv")
    parser.add_argument("--files", type=int, default=None, help="split the export into this many files")
    parser.add_argument("--incremental", type=int, default=10_000, help="postings in the monthly refresh (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="folder for the stores (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the built store")
    parser.add_argument("--no-parquet", action="store_true", help="skip the Parquet export stage")
    parser.add_argument("--taxonomy-dir", type=Path, default=None,
                        help="taxonomy data folder (default: a snapshot of the packaged one taken at the start, so "
                             "edits during the run cannot change the taxonomy version half-way)")
    parser.add_argument("--reuse-store", type=Path, default=None,
                        help="a store built by an earlier run (copied): only time the refresh stages")
    parser.add_argument("--proportional", type=int, nargs="+", default=None, metavar="N",
                        help="store sizes: time the incremental aggregate of the same --incremental postings into "
                             "a store of each size (stores are built once and cached in data/bench)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="with --proportional: incremental runs per store (on fresh copies; the best counts)")
    parser.add_argument("--replicate", type=int, default=1, metavar="R",
                        help="with --proportional: also a store R times the largest size, made by copying its "
                             "postings, extractions and mentions under new ids (cached; no extraction needed)")
    parser.add_argument("--stage", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--spec", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        result = STAGES[args.stage](json.loads(args.spec))
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return

    bench_dir = ROOT / "data" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    n_files = args.files or max(1, math.ceil(args.postings / 100_000))
    files = [] if args.proportional else generate(bench_dir, postings=args.postings, seed=args.seed, fmt=args.format,
                                                  files=n_files)
    increment = generate_increment(bench_dir, postings=args.incremental, seed=args.seed, fmt=args.format) \
        if args.incremental else None
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-scale-", dir=bench_dir))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "store.duckdb"
    for p in (db, db.with_name(db.name + ".wal")):
        p.unlink(missing_ok=True)
    model_dir = str(ROOT / "data" / "models")
    taxonomy_dir = args.taxonomy_dir
    if taxonomy_dir is None:
        taxonomy_dir = work / "taxonomy"
        shutil.copytree(ROOT / "skills_taxonomy" / "data", taxonomy_dir, dirs_exist_ok=True)
    spec = {"files": [str(f) for f in files], "db": str(db), "work": str(work), "model_dir": model_dir,
            "taxonomy_dir": str(taxonomy_dir)}
    if args.proportional:
        try:
            proportional(args, spec=spec, bench_dir=bench_dir, increment=increment)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return
    if files:
        print(f"{args.postings:,} postings in {len(files)} {args.format} file(s) "
              f"({sum(f.stat().st_size for f in files) / 1e6:,.0f} MB); work dir {work}", flush=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    r: dict[str, dict] = {}
    try:
        if args.reuse_store:
            shutil.copyfile(args.reuse_store, db)
            r["restamp"] = run_stage("restamp", spec)
            r["aggregate_before"] = run_stage("aggregate", {**spec, "full": True})
            r["copy"] = run_stage("copy", spec)
            r["refresh"] = run_stage("refresh", {**spec, "increment": str(increment)})
            r["aggregate_full_after"] = run_stage("aggregate", {**spec, "full": True})
            out = bench_dir / f"scale_{args.postings}_refresh.json"
            out.write_text(json.dumps({"stages": r, "started": started}, indent=2), encoding="utf-8")
            print(f"(raw figures: {out})")
            return
        r["baseline_ingest"] = run_stage("baseline_ingest", spec)
        r["ingest"] = run_stage("ingest", spec)
        r["baseline_extract"] = run_stage("baseline_extract", spec)
        r["extract"] = run_stage("extract", spec)
        r["baseline_aggregate"] = run_stage("baseline_aggregate", spec)
        r["aggregate"] = run_stage("aggregate", spec)
        r["store"] = {"db_mb": _size_mb(db)}
        if not args.no_parquet:
            r["parquet"] = run_stage("parquet", spec)
        if increment:
            r["copy"] = run_stage("copy", spec)
            r["refresh"] = run_stage("refresh", {**spec, "increment": str(increment)})
            r["aggregate_full_after"] = run_stage("aggregate", {**spec, "full": True})
            r["baseline_aggregate_after"] = run_stage("baseline_aggregate", spec)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report = summarise(r, postings=args.postings, increment=args.incremental, fmt=args.format, files=len(files))
    report["started"] = started
    report["command"] = " ".join([Path(sys.executable).name, *sys.argv])
    out = bench_dir / f"scale_{args.postings}.json"
    out.write_text(json.dumps({"report": report, "stages": r}, indent=2), encoding="utf-8")
    print()
    print(markdown(report))
    print(f"\n(raw figures: {out})")


def cached_store(bench_dir: Path, export: list[Path], name: str, spec: dict) -> Path:
    """An ingested and extracted store of ``export``, built once (ingest and extract stages) and kept."""
    path = bench_dir / name
    if path.exists():
        return path
    tmp = path.with_name(path.name + ".building")
    for p in (tmp, tmp.with_name(tmp.name + ".wal")):
        p.unlink(missing_ok=True)
    print(f"building {name} (ingest and extract; kept for later runs)", flush=True)
    build = {**spec, "files": [str(f) for f in export], "db": str(tmp)}
    run_stage("ingest", build)
    run_stage("extract", build)
    import duckdb

    con = duckdb.connect(str(tmp))
    con.execute("CHECKPOINT")
    con.close()
    tmp.replace(path)
    return path


def proportional(args, *, spec: dict, bench_dir: Path, increment: Path | None) -> None:
    if increment is None:
        raise SystemExit("--proportional needs --incremental K > 0")
    sizes = sorted(set(args.proportional))
    inc_store = cached_store(bench_dir, [increment], f"store_increment_{args.incremental}_s{args.seed + 1}.duckdb",
                             spec)
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    load = [round(x, 1) for x in os.getloadavg()]
    bases = {}
    for n in sizes:
        files = generate(bench_dir, postings=n, seed=args.seed, fmt=args.format,
                         files=args.files or max(1, math.ceil(n / 100_000)))
        bases[str(n)] = cached_store(bench_dir, files, f"store_{n}_s{args.seed}.duckdb", spec)
    if args.replicate > 1:
        n = sizes[-1]
        name = f"{n}x{args.replicate}"
        path = bench_dir / f"store_{name}_s{args.seed}.duckdb"
        if not path.exists():
            tmp = path.with_name(path.name + ".building")
            for p in (tmp, tmp.with_name(tmp.name + ".wal")):
                p.unlink(missing_ok=True)
            print(f"building {path.name} ({args.replicate} copies of the {n:,}-posting store)", flush=True)
            run_stage("replicate", {**spec, "base": str(bases[str(n)]), "copies": args.replicate, "db": str(tmp)})
            tmp.replace(path)
        bases[name] = path
    rows = {}
    for name, base in bases.items():
        print(f"store {base.name} + {args.incremental:,} new postings:", flush=True)
        rows[name] = run_stage("proportional", {**spec, "base": str(base), "increment": str(increment),
                                                "increment_store": str(inc_store), "repeat": args.repeat,
                                                "db": str(Path(spec["work"]) / f"proportional_{name}.duckdb")})
        Path(spec["work"], f"proportional_{name}.duckdb").unlink(missing_ok=True)
    load_after = [round(x, 1) for x in os.getloadavg()]
    report = {"started": started, "load_before": load, "load_after": load_after, "increment": args.incremental,
              "command": " ".join([Path(sys.executable).name, *sys.argv]),
              "sizes": rows}
    out = bench_dir / "scale_proportional.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print()
    print(proportional_markdown(report))
    print(f"\n(raw figures: {out})")


PART_LABELS = {
    "_incremental_scope": "find new work", "_classify_loaded_after": "classify new", "_apply_increment": "facts+skills",
    "classify_new_postings": "classify", "_rebuild_facts": "facts+skills", "_replace_lookups": "lookups",
    "_rebuild_unknown_terms": "unknown terms", "_new_marks": "marks",
}


def proportional_markdown(rep: dict) -> str:
    sizes = rep["sizes"]
    parts = [p for p in AGGREGATE_PARTS if any(p in r["parts"] for r in sizes.values())]
    lines = [
        f"### The same {rep['increment']:,} new postings aggregated into stores of different sizes "
        f"(load {rep['load_before']} -> {rep['load_after']})",
        "",
        "| store | incremental (s) | " + " | ".join(PART_LABELS.get(p, p) for p in parts)
        + " | full, roles kept (s) | incremental / full | identical |",
        "|---:|---:|" + "---:|" * len(parts) + "---:|---:|---|",
    ]
    for n, r in sizes.items():
        lines.append(
            f"| {r['store_postings']:,} + {r['loaded']:,} | {r['seconds']:.2f} | "
            + " | ".join(f"{r['parts'].get(p, 0.0):.2f}" for p in parts)
            + f" | {r['full_seconds']:.2f} | {r['ratio_incremental_to_full']:.3f} | {r['identical']} |"
        )
    keys = list(sizes)
    if len(keys) > 1:
        a, b = sizes[keys[0]], sizes[keys[-1]]
        grow = (b["store_postings"] + b["loaded"]) / (a["store_postings"] + a["loaded"])
        lines += ["", f"Store {grow:.1f}x larger: the incremental aggregate took {b['seconds'] / a['seconds']:.2f}x as "
                      f"long, the full one {b['full_seconds'] / a['full_seconds']:.2f}x."]
    return "\n".join(lines)


def summarise(r: dict, *, postings: int, increment: int, fmt: str, files: int) -> dict:
    loaded = r["ingest"]["loaded"]
    rep = {"postings": postings, "loaded": loaded, "format": fmt, "files": files, "rows": []}
    for stage, base in (("ingest", "baseline_ingest"), ("extract", "baseline_extract"),
                        ("aggregate", "baseline_aggregate")):
        ours, bare = r[stage], r[base]
        rep["rows"].append({
            "stage": stage, "seconds": ours["seconds"], "baseline_seconds": bare["seconds"],
            "ratio": ours["seconds"] / bare["seconds"] if bare["seconds"] else None,
            "postings_per_s": loaded / ours["seconds"] if ours["seconds"] else None,
            "peak_mb": ours["peak_mb"], "baseline_peak_mb": bare["peak_mb"],
        })
    rep["db_mb"] = r["store"]["db_mb"]
    rep["total_seconds"] = sum(r[s]["seconds"] for s in ("ingest", "extract", "aggregate"))
    rep["peak_mb"] = max(r[s]["peak_mb"] for s in ("ingest", "extract", "aggregate"))
    if "parquet" in r:
        rep["parquet"] = {k: r["parquet"][k] for k in ("seconds", "query_seconds", "parquet_mb", "months")}
        rep["parquet"]["store_query_seconds"] = r["baseline_aggregate"]["seconds"]
    if "refresh" in r:
        ref = r["refresh"]
        full_pp = rep["total_seconds"] / loaded if loaded else None
        rep["refresh"] = {
            "added": increment, "loaded": ref["loaded"], "extracted": ref["extracted"], "seconds": ref["seconds"],
            "parts": ref["parts"], "mode": ref["mode"], "peak_mb": ref["peak_mb"], "db_mb_after": ref["db_mb"],
            "copy_seconds_separately": r["copy"]["seconds"],
            "aggregate_full_seconds": r["aggregate_full_after"]["seconds"],
            "per_posting_ms": 1000 * ref["seconds"] / max(ref["loaded"], 1),
            "full_build_per_posting_ms": 1000 * full_pp if full_pp else None,
            "find_pending_seconds": ref["find_pending_seconds"],
        }
    return rep


def markdown(rep: dict) -> str:
    lines = [
        f"### {rep['postings']:,} postings ({rep['loaded']:,} loaded) from {rep['files']} {rep['format']} file(s)",
        "",
        "| stage | ours (s) | baseline (s) | ratio | postings/s | peak RSS ours (MB) | peak RSS baseline (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {"ingest": "ingest vs DuckDB read_*", "extract": "extract vs spaCy tokenizer",
             "aggregate": "aggregate vs bare GROUP BY"}
    for row in rep["rows"]:
        lines.append(
            f"| {names[row['stage']]} | {row['seconds']:.1f} | {row['baseline_seconds']:.2f} | "
            f"{row['ratio']:.1f}x | {row['postings_per_s']:,.0f} | {row['peak_mb']:,.0f} | {row['baseline_peak_mb']:,.0f} |"
        )
    lines += ["", f"Total {rep['total_seconds']:.0f} s; peak RSS {rep['peak_mb']:,.0f} MB; DuckDB file {rep['db_mb']:,.0f} MB."]
    if "parquet" in rep:
        p = rep["parquet"]
        lines.append(f"Parquet export {p['seconds']:.1f} s, {p['parquet_mb']:,.0f} MB in {p['months']} months; the "
                     f"GROUP BY on the files in place {p['query_seconds']:.2f} s (on the store {p['store_query_seconds']:.2f} s).")
    if "refresh" in rep:
        f = rep["refresh"]
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in f["parts"].items())
        lines += [
            "",
            f"Monthly refresh of {f['added']:,} postings ({f['loaded']:,} loaded) into the {rep['loaded']:,}-posting "
            f"store: {f['seconds']:.1f} s ({parts}); aggregation mode {f['mode']}; peak RSS {f['peak_mb']:,.0f} MB.",
            f"Per posting: {f['per_posting_ms']:.2f} ms in the refresh vs {f['full_build_per_posting_ms']:.2f} ms in the "
            f"full build. A forced full re-aggregation would take {f['aggregate_full_seconds']:.1f} s; copying the store "
            f"alone takes {f['copy_seconds_separately']:.1f} s; finding pending postings {f['find_pending_seconds']:.2f} s.",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
