"""Benchmark extraction on worker processes: a refresh with 1 worker and with the default, and the
`skillgap extract --jsonl --workers 1` path against spaCy's stock tokenizer, each in one run on the same texts.

    .venv/bin/python benchmarks/bench_workers.py [--shared ../shared] [--exports DIR] [--jsonl-postings 5500]

refresh: the real ``flows.refresh.refresh`` flow over ``--exports`` (default: the Glassdoor / Indeed / LinkedIn
2020 exports in ../shared, 4,491 postings after deduplication) into a new store, once with ``workers=1`` and once
with the default (one worker per usable core), in one process after a warm-up refresh of one small export (it
starts Prefect's temporary server and saves the pipeline) and what ``skillgap refresh`` prepares while that
server boots (the workers' fork server loading the pipeline): costs that are not per posting. Before each timed
refresh this process's pipeline is loaded afresh (untimed), the state the workers start from. Prints seconds and
postings/s of each whole refresh, the ratio, and whether both stores hold the same mentions. ``--rounds`` repeats
the pair, alternating which goes first.

cli: the same two refreshes as ``skillgap refresh --exports DIR --db NEW [--workers 1]``, each a fresh process
(Prefect's temporary server, imports and exit included), ``--cli-rounds`` pairs in alternating order.

start-up: how long a pool of the default size takes until every worker has loaded the pipeline and answered.

jsonl: ``skillgap extract --jsonl FILE --workers 1`` against a fresh ``python`` that reads the same file and runs
``spacy.blank("en")``'s tokenizer over every text (``tokenizer.pipe``), both in fresh processes; each command's
start-up is subtracted by running it on an empty file too. The four commands take turns within each round; the
ratio (tokenizer seconds / ours) is the median over ``--jsonl-rounds`` rounds, by wall time and by CPU time of
the child processes. Also prints the same command with the default worker count. The texts are
``--jsonl-postings`` real postings spread evenly over every source in ../shared.
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
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

STOCK_TOKENIZER = """
import json, sys
import spacy
nlp = spacy.blank("en")
texts = [str(json.loads(line).get("text") or "") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
print(sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=256)))
"""


def _mentions(db: Path) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT * FROM skill_mentions").fetchall(), key=repr)
    finally:
        con.close()


def _prepare_like_the_cli(exports: Path, model_dir: Path) -> None:
    """What ``skillgap refresh`` does while Prefect's server boots, before any timing: the workers' fork server
    loads the pipeline (``prepare_extraction``)."""
    from skillgap.workers import prepare_extraction
    from skills_taxonomy.load import load_taxonomy

    prepare_extraction(exports, model_dir=model_dir, taxonomy=load_taxonomy(), workers=None)


def _fresh_pipeline(model_dir: Path) -> None:
    """Before each timed refresh (untimed): this process's pipeline loaded afresh from disk, the state each worker
    starts from. Otherwise a ``workers=1`` refresh would reuse the pipeline of an earlier round, whose caches
    (vocabulary, tokenizer) already hold these very texts: no real refresh extracts texts it has seen."""
    from skills_taxonomy import pipeline

    pipeline.forget_loaded()
    pipeline.load_pipeline(model_dir)


def bench_refresh(exports: Path, *, rounds: int, work: Path, model_dir: Path) -> None:
    from flows.refresh import refresh
    from skillgap.cores import resolve_workers, usable_cores

    warm = work / "warm"
    warm.mkdir()
    first = min((p for p in exports.rglob("*") if p.is_file() and p.suffix == ".csv"), key=lambda p: p.stat().st_size,
                default=None)
    if first is not None:
        shutil.copy(first, warm / first.name)
    t0 = time.perf_counter()
    refresh(str(warm), str(work / "warm.duckdb"), model_dir=str(model_dir), workers=1)
    _prepare_like_the_cli(exports, model_dir)
    print(f"warm-up refresh ({first.name if first else 'empty'}) and extraction prepared: "
          f"{time.perf_counter() - t0:.1f} s")
    print(f"usable cores: {usable_cores()}; default workers for a large refresh: "
          f"{resolve_workers(None, postings=10**9)}")
    times: dict[str, list[float]] = {"1 worker": [], "default": []}
    extracted = 0
    for r in range(rounds):
        order = [("1 worker", 1), ("default", None)]
        if r % 2:
            order.reverse()
        stores = {}
        for label, workers in order:
            db = work / f"r{r}-{label.replace(' ', '_')}.duckdb"
            _fresh_pipeline(model_dir)
            t0 = time.perf_counter()
            summary = refresh(str(exports), str(db), model_dir=str(model_dir), workers=workers)
            times[label].append(time.perf_counter() - t0)
            extracted = summary["extracted"]
            stores[label] = db
            print(f"  round {r + 1}: refresh, {label:<8} {times[label][-1]:7.1f} s "
                  f"({extracted:,} postings extracted)")
        same = _mentions(stores["1 worker"]) == _mentions(stores["default"])
        print(f"  round {r + 1}: same mentions in both stores: {'yes' if same else 'NO'}")
    one, default = median(times["1 worker"]), median(times["default"])
    print(f"\n== refresh of {exports} ({extracted:,} postings), median of {rounds}")
    print(f"  1 worker  {one:7.1f} s  {extracted / one:7.0f} postings/s")
    print(f"  default   {default:7.1f} s  {extracted / default:7.0f} postings/s")
    print(f"  default / 1 worker = {one / default:.2f}x  (per round: "
          + ", ".join(f"{a / b:.2f}" for a, b in zip(times["1 worker"], times["default"])) + ")")


def bench_cli(exports: Path, *, rounds: int, work: Path, env: dict) -> None:
    skillgap = [sys.executable, "-m", "skillgap.cli", "refresh", "--exports", str(exports), "--json"]
    _run(skillgap + ["--db", str(work / "cli-warm.duckdb"), "--workers", "1"], env)  # the pipeline, saved once
    walls: dict[str, list[float]] = {"1 worker": [], "default": []}
    same = []
    for r in range(rounds):
        order = [("1 worker", ["--workers", "1"]), ("default", [])]
        if r % 2:
            order.reverse()
        stores = {}
        for label, extra in order:
            db = work / f"cli{r}-{label.replace(' ', '_')}.duckdb"
            wall, _ = _run(skillgap + ["--db", str(db), *extra], env)
            walls[label].append(wall)
            stores[label] = db
        same.append(_mentions(stores["1 worker"]) == _mentions(stores["default"]))
    one, default = median(walls["1 worker"]), median(walls["default"])
    print(f"\n== skillgap refresh in fresh processes (Prefect's temporary server included), median of {rounds}")
    print(f"  1 worker  {one:7.1f} s   default {default:7.1f} s   default / 1 worker = {one / default:.2f}x "
          "(per round: " + ", ".join(f"{a / b:.2f}" for a, b in zip(walls["1 worker"], walls["default"]))
          + f"); same mentions: {'yes' if all(same) else 'NO'}")


def bench_startup(model_dir: Path) -> None:
    from skillgap.cores import resolve_workers
    from skillgap.workers import ExtractionPool, extract_jsonl_lines
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import model_path

    n = resolve_workers(None, postings=None)
    path = model_path(model_dir, load_taxonomy().version)
    t0, c0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    with ExtractionPool(path, workers=n) as pool:
        # one tiny task per worker, sent together: each worker starts, loads the pipeline and answers
        list(pool.map_ordered(extract_jsonl_lines, [[("x", "Python")]] * n))
        wall = time.perf_counter() - t0
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - c0
    print(f"\n== pool start-up: {n} workers ready in {wall:.2f} s wall, {cpu / n:.2f} s CPU each")


def _run(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU of the child) of one command, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def bench_jsonl(shared: Path, *, postings: int, rounds: int, work: Path, env: dict) -> None:
    from bench_extract import real_postings, spread

    texts = spread(real_postings(shared), postings)
    full, empty = work / "texts.jsonl", work / "empty.jsonl"
    with full.open("w", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": f"p{i}", "text": text}, ensure_ascii=False) + "\n")
    empty.write_text("")
    skillgap = [sys.executable, "-m", "skillgap.cli", "extract", "--jsonl"]
    stock = [sys.executable, "-c", STOCK_TOKENIZER]
    commands = {
        "ours": lambda f: skillgap + [str(f), "--workers", "1"],
        "tokenizer": lambda f: stock + [str(f)],
        "ours default": lambda f: skillgap + [str(f)],
    }
    _run(commands["ours"](empty), env)  # builds and saves the pipeline once, if needed
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(rounds):
        for key, cmd in commands.items():  # taking turns: load on the machine hits all of them alike
            wall, cpu = _run(cmd(full), env)
            wall0, cpu0 = _run(cmd(empty), env)
            walls[key].append(wall - wall0)
            cpus[key].append(cpu - cpu0)
    print(f"\n== extract --jsonl over {len(texts):,} real postings, fresh processes, start-up subtracted, "
          f"median of {rounds}")
    for key in commands:
        print(f"  {key:<13} {len(texts) / median(walls[key]):7.0f} postings/s  "
              f"({median(walls[key]):.2f} s wall, {median(cpus[key]):.2f} s CPU)")
    wall_ratio = median(t / o for t, o in zip(walls["tokenizer"], walls["ours"]))
    cpu_ratio = median(t / o for t, o in zip(cpus["tokenizer"], cpus["ours"]))
    print(f"  extract --jsonl --workers 1 / stock tokenizer = {wall_ratio:.2f} wall, {cpu_ratio:.2f} CPU "
          f"(target >= 0.60; per round wall: "
          + ", ".join(f"{t / o:.2f}" for t, o in zip(walls["tokenizer"], walls["ours"])) + ")")
    print(f"  extract --jsonl default / --workers 1 = "
          f"{median(o / d for o, d in zip(walls['ours'], walls['ours default'])):.2f}x wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--exports", type=Path, default=None,
                        help="exports folder to refresh (default: <shared>/data/postings/glassdoor_indeed_linkedin_2020)")
    parser.add_argument("--rounds", type=int, default=1, help="refresh pairs (alternating order)")
    parser.add_argument("--jsonl-postings", type=int, default=5500)
    parser.add_argument("--jsonl-rounds", type=int, default=3)
    parser.add_argument("--cli-rounds", type=int, default=2, help="fresh-process refresh pairs (0: none)")
    parser.add_argument("--skip", choices=("refresh", "jsonl", "cli"), action="append", default=[])
    args = parser.parse_args()

    from skillgap.settings import Settings, configure_prefect_env

    with tempfile.TemporaryDirectory(prefix="bench_workers_") as tmp:
        work = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SKILLGAP_DATA_DIR": str(work / "data"),
               "SKILLGAP_MODEL_DIR": str(work / "models")}
        os.environ.update(env)
        settings = Settings.from_env()
        configure_prefect_env(settings)
        bench_startup_done = False
        if "refresh" not in args.skip:
            exports = args.exports or args.shared / "data" / "postings" / "glassdoor_indeed_linkedin_2020"
            bench_refresh(exports, rounds=args.rounds, work=work, model_dir=settings.model_dir)
            bench_startup(settings.model_dir)
            bench_startup_done = True
        if "cli" not in args.skip and args.cli_rounds:
            exports = args.exports or args.shared / "data" / "postings" / "glassdoor_indeed_linkedin_2020"
            bench_cli(exports, rounds=args.cli_rounds, work=work, env=env)
        if "jsonl" not in args.skip:
            bench_jsonl(args.shared, postings=args.jsonl_postings, rounds=args.jsonl_rounds, work=work, env=env)
            if not bench_startup_done:
                bench_startup(settings.model_dir)


if __name__ == "__main__":
    main()
