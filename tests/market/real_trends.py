"""Build a store of ~4,300 real postings from ../shared once, then redate them at random or plant trends in them.

Used by test_trend_error_rate.py, and runnable to measure the false-positive rate over many seeds:

    .venv/bin/python -m tests.market.real_trends --shared ../shared --seeds 20
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import numpy as np
import polars as pl

from skillgap import market, store
from skillgap.aggregate import materialize
from skillgap.extract import extract_batch
from skillgap.ingest import ingest_paths
from skillgap.market import MarketFilter
from skillgap.mentions import iter_posting_texts, write_batch
from skills_taxonomy.load import load_taxonomy
from skills_taxonomy.pipeline import load_pipeline

N_POSTINGS = 4300
MONTHS = [market._month_add("2024-06", i) for i in range(24)]  # two years
# one sentence per planted skill, appended under a "Requirements:" line (after a posting's benefits section a
# bare sentence is read as benefits, not as asked); none of the three is in more than a couple of real postings
PLANTED = {
    "ocaml": ("Hands-on OCaml experience.", lambda m: 0.02 + 0.28 * m / 23),  # 2 % -> 30 %
    "cobol": ("Hands-on COBOL experience.", lambda m: 0.30 - 0.28 * m / 23),  # 30 % -> 2 %
    "erlang": ("Hands-on Erlang experience.", lambda m: 0.15),  # flat
}


def extract(con, ids: list[str], *, nlp, version: str) -> None:
    for i in range(0, len(ids), 1000):
        batch = ids[i : i + 1000]
        write_batch(con, extract_batch(list(iter_posting_texts(con, batch)), nlp=nlp), taxonomy_version=version,
                    posting_ids=batch)


def build_store(shared: Path, db: Path, *, model_dir: Path):
    """Ingest every real export, extract a seeded sample of N_POSTINGS; returns (ids, nlp, taxonomy)."""
    ingest_paths([str(shared / "data" / "postings")], db)
    taxonomy = load_taxonomy(None)
    nlp = load_pipeline(model_dir, taxonomy=taxonomy)
    con = store.connect(db)
    try:
        all_ids = sorted(r[0] for r in con.execute("SELECT posting_id FROM postings").fetchall())
        rng = np.random.default_rng(2026)
        ids = sorted(all_ids[i] for i in rng.choice(len(all_ids), N_POSTINGS, replace=False))
        extract(con, ids, nlp=nlp, version=taxonomy.version)
        materialize(con, taxonomy=taxonomy)
    finally:
        con.close()
    return ids, nlp, taxonomy


def set_months(con, months: dict[str, str]) -> None:
    """Overwrite posting_facts.month (what every trend query reads) for the given postings."""
    con.register("_redate", pl.DataFrame({"posting_id": list(months), "month": list(months.values())}))
    try:
        con.execute("UPDATE posting_facts SET month = r.month FROM _redate r WHERE r.posting_id = posting_facts.posting_id")
    finally:
        con.unregister("_redate")


def random_months(ids: list[str], *, seed: int) -> dict[str, int]:
    """A random month index of the two years for every posting."""
    return dict(zip(ids, np.random.default_rng(seed).integers(0, len(MONTHS), len(ids)).tolist()))


def redate(con, ids: list[str], *, seed: int) -> None:
    set_months(con, {pid: MONTHS[m] for pid, m in random_months(ids, seed=seed).items()})


def plant(con, ids: list[str], *, seed: int, nlp, taxonomy) -> None:
    """Random months, then the planted sentences by month (re-extracted with the real pipeline)."""
    month_of = random_months(ids, seed=seed)
    rng = np.random.default_rng(seed + 1)
    extra: dict[str, list[str]] = {}
    for pid in ids:
        for sentence, rate in PLANTED.values():
            if rng.random() < rate(month_of[pid]):
                extra.setdefault(pid, []).append(sentence)
    con.register("_plant", pl.DataFrame({"posting_id": list(extra),
                                         "add": ["\n\nRequirements: " + " ".join(v) for v in extra.values()]}))
    try:
        con.execute("UPDATE postings SET description = coalesce(description, '') || p.add FROM _plant p "
                    "WHERE p.posting_id = postings.posting_id")
    finally:
        con.unregister("_plant")
    extract(con, sorted(extra), nlp=nlp, version=taxonomy.version)
    materialize(con, taxonomy=taxonomy, full=True)
    set_months(con, {pid: MONTHS[m] for pid, m in month_of.items()})


def movers(result: dict) -> list[str]:
    return [e["skill_id"] for e in result["rising"] + result["declining"]]


def main() -> None:
    parser = argparse.ArgumentParser(description="False positives of the trend test over seeds, on real postings.")
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--planted-seeds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trend-error-rate-"))
    base = work / "real.duckdb"
    ids, nlp, taxonomy = build_store(args.shared, base, model_dir=work / "models")
    con = store.connect(base)
    null_counts = []
    for seed in range(args.seeds):
        redate(con, ids, seed=seed)
        found = movers(market.trends(con, MarketFilter(), months=24, top=100))
        null_counts.append(len(found))
        print(f"null seed {seed}: {len(found)} mover(s) {found}")
    con.close()
    with_fp = sum(1 for n in null_counts if n)
    print(f"null: {with_fp} of {args.seeds} seeds called any skill a mover; {sum(null_counts)} movers in all; "
          f"at most {max(null_counts)} in one seed")
    for seed in range(args.planted_seeds):
        copy = work / f"planted{seed}.duckdb"
        shutil.copy(base, copy)
        con = store.connect(copy)
        plant(con, ids, seed=100 + seed, nlp=nlp, taxonomy=taxonomy)
        t = market.trends(con, MarketFilter(), months=24, top=100)
        con.close()
        found = movers(t)
        print(f"planted seed {100 + seed}: ocaml rising {'ocaml' in [e['skill_id'] for e in t['rising']]}, "
              f"cobol declining {'cobol' in [e['skill_id'] for e in t['declining']]}, erlang mover {'erlang' in found}, "
              f"others {[s for s in found if s not in PLANTED]}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
