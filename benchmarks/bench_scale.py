"""Scale benchmark: ingest + extract + aggregate of N synthetic postings, then a monthly refresh of K more.

    .venv/bin/python benchmarks/bench_scale.py --postings 100000 [--incremental 10000]
    .venv/bin/python benchmarks/bench_scale.py --postings 1000000 --format parquet --incremental 10000

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

The stages call the core functions the Prefect flows wrap (Prefect's per-task overhead and server start are
not per-posting costs and are left out). Results go to stdout and data/bench/scale_<N>.json.
"""

from __future__ import annotations

import argparse
import json
import math
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
    at call time, so the wrappers are what it runs)."""
    spent: dict[str, float] = {}
    for name in names:
        fn = getattr(module, name, None)
        if fn is None or getattr(fn, "_bench_timed", False):
            continue

        def wrapper(*a, _fn=fn, _name=name, **kw):
            t = time.perf_counter()
            try:
                return _fn(*a, **kw)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - t

        wrapper._bench_timed = True
        setattr(module, name, wrapper)
    return spent


def _materialize(db: str, *, full: bool, spec: dict) -> dict:
    from skillgap import aggregate, store
    from skills_taxonomy.load import load_taxonomy

    spent = _timed_parts(aggregate, ("classify_new_postings", "_replace_lookups", "_rebuild_facts",
                                     "_rebuild_unknown_terms", "_incremental_scope"))
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
        con.execute("UPDATE posting_extractions SET taxonomy_version = ?", [version])
        con.execute("UPDATE skill_mentions SET taxonomy_version = ?", [version])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"seconds": time.perf_counter() - t, "version": version}


STAGES = {
    "restamp": stage_restamp,
    "baseline_ingest": stage_baseline_ingest, "ingest": stage_ingest,
    "baseline_extract": stage_baseline_extract, "extract": stage_extract,
    "baseline_aggregate": stage_baseline_aggregate, "aggregate": stage_aggregate,
    "copy": stage_copy, "refresh": stage_refresh, "parquet": stage_parquet,
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
                      if k not in ("seconds", "peak_mb", "wall_seconds", "parts") and not isinstance(v, dict)),
          flush=True)
    for key in ("parts", "aggregate_parts", "extract_parts"):
        if result.get(key):
            print(f"      {key}: " + ", ".join(f"{k} {v:.2f} s" for k, v in result[key].items()), flush=True)
    return result


def _fmt(v):
    return f"{v:,.2f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)


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
    files = generate(bench_dir, postings=args.postings, seed=args.seed, fmt=args.format, files=n_files)
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
