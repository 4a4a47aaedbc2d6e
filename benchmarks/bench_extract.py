"""Benchmark skill extraction against spaCy's bare tokenizer and a pure Aho-Corasick matcher, same texts, same run.

    .venv/bin/python benchmarks/bench_extract.py [--shared ../shared] [--synthetic 100000] [--repeat 3]

Prints postings/s for:
  - tokenizer: ``nlp.tokenizer.pipe`` of the skills pipeline (the ceiling any spaCy pipeline can reach),
  - pipeline:  ``skillgap.extract.extract_batch`` = every component on, mentions built into an Arrow table,
               exactly what the extract_skills flow runs per batch,
  - aho-corasick: pyahocorasick over the same lowercased surface forms with a word-boundary check (the floor),
and the ratios pipeline/tokenizer (target >= 0.6) and pipeline/aho-corasick: the median over ``--repeat``
rounds of the ratio within each round, by wall time and by this process's CPU time. Within a round the three
runs take turns chunk by chunk (``--chunk`` postings each, a few hundredths of a second), so a slowdown of the
machine that lasts longer than that hits all three alike instead of whichever ran during it.
Also prints how long ``spacy.load`` of the saved pipeline takes.
For a count that no other load moves, see bench_extract_instructions.py (instructions, by callgrind).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def real_postings_by_source(shared: Path) -> dict[str, list[str]]:
    """Every posting text under shared/data/postings, by source (HN, the Chinese board, each 2020 CSV)."""
    from skillgap.evaluation import load_cn, load_hn
    from skillgap.normalize.text import python_list_repr_to_text

    base = shared / "data" / "postings"
    out = {"hn_whoishiring_2026": [t for _, t, _ in load_hn(base / "hn_whoishiring_2026")],
           "cn_whoishiring_ruanyf": [t for _, t, _ in load_cn(base / "cn_whoishiring_ruanyf")]}
    csv.field_size_limit(10**8)
    for f in sorted((base / "glassdoor_indeed_linkedin_2020").glob("*.csv")):
        if f.name == "skills_dictionary.csv":
            continue
        with f.open(encoding="utf-8", errors="replace", newline="") as h:
            for row in csv.DictReader(h):
                desc = row.get("Description") or ""
                if desc.startswith("["):
                    desc = python_list_repr_to_text(desc) or desc
                out.setdefault(f.stem, []).append(desc)
    return {k: [t for t in v if t.strip()] for k, v in out.items()}


def real_postings(shared: Path) -> list[str]:
    """Every posting text under shared/data/postings (HN, the Chinese board, Glassdoor/Indeed/LinkedIn CSVs)."""
    return [t for texts in real_postings_by_source(shared).values() for t in texts]


def spread(texts: list[str], limit: int) -> list[str]:
    """At most ``limit`` texts, evenly spread over the list (0: all)."""
    if not limit or len(texts) <= limit:
        return texts
    step = len(texts) / limit
    return [texts[int(i * step)] for i in range(limit)]


def synthetic_postings(n: int) -> list[str] | None:
    try:
        from skillgap.sample.writer import iter_postings
    except ImportError:
        return None
    out = []
    for p in iter_postings(seed=7, start_month="2025-01", months=12, postings=n, detail="full"):
        out.append(f"{p.title}\n\n{p.text}")
    return out


def aho_matcher(nlp):
    import ahocorasick

    from skills_taxonomy.components import SkillMatcher

    matcher: SkillMatcher = nlp.get_pipe("skill_matcher")
    auto = ahocorasick.Automaton()
    for skill_id, _, words in matcher.patterns:
        # the pattern's surface text: tokens joined the way they are usually written
        auto.add_word(" ".join(words), skill_id)
        auto.add_word("".join(words), skill_id)
    auto.make_automaton()

    def run(texts: list[str]) -> int:
        found = 0
        for text in texts:
            low = text.lower()
            n = len(low)
            for end, _sid in auto.iter(low):
                # word boundaries on both sides (the automaton gives the end index and the value)
                if end + 1 < n and low[end + 1].isalnum():
                    continue
                found += 1
        return found

    return run


def timed(fn, texts) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one run."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn(texts)
    return time.perf_counter() - t0, time.process_time() - c0


def extraction_runs(nlp) -> dict:
    """The two measured runs, each texts -> a count: the bare tokenizer and ``extract_batch`` (every component)."""
    from skillgap.extract import extract_batch

    return {
        "tokenizer": lambda ts: sum(len(d) for d in nlp.tokenizer.pipe(ts, batch_size=256)),
        "pipeline": lambda ts: extract_batch([(str(i), t) for i, t in enumerate(ts)], nlp=nlp).num_rows,
    }


def bench(name: str, texts: list[str], nlp, *, repeat: int, chunk: int = 50) -> dict:
    from statistics import median

    runs = {**extraction_runs(nlp), "aho-corasick": aho_matcher(nlp)}
    for fn in runs.values():  # warm-up, untimed: the tokenizer's cache starts empty and would favour what runs second
        fn(texts)
    chunks = [texts[i : i + chunk] for i in range(0, len(texts), max(1, chunk))]
    walls: dict[str, list[float]] = {k: [] for k in runs}
    cpus: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeat):
        wall_sum = dict.fromkeys(runs, 0.0)
        cpu_sum = dict.fromkeys(runs, 0.0)
        for part in chunks:
            for key, fn in runs.items():  # taking turns chunk by chunk: background load hits all three alike
                wall, cpu = timed(fn, part)
                wall_sum[key] += wall
                cpu_sum[key] += cpu
        for key in runs:
            walls[key].append(wall_sum[key])
            cpus[key].append(cpu_sum[key])
    rate = {k: len(texts) / median(v) for k, v in walls.items()}
    # per-round ratios (within a round the three runs alternate chunk by chunk), then the median over rounds
    ratio_tok = median(t / p for t, p in zip(walls["tokenizer"], walls["pipeline"]))
    ratio_aho = median(a / p for a, p in zip(walls["aho-corasick"], walls["pipeline"]))
    cpu_tok = median(t / p for t, p in zip(cpus["tokenizer"], cpus["pipeline"]))
    cpu_aho = median(a / p for a, p in zip(cpus["aho-corasick"], cpus["pipeline"]))
    mentions = runs["pipeline"](texts)
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"\n== {name}: {len(texts):,} postings, {chars:,.0f} chars each on average, {mentions:,} mentions")
    for k in runs:
        print(f"  {k:<13} {rate[k]:>10,.0f} postings/s (median of {repeat})")
    print(f"  pipeline / tokenizer    = {ratio_tok:.2f} wall, {cpu_tok:.2f} CPU time  (target >= 0.60)")
    print(f"  pipeline / aho-corasick = {ratio_aho:.2f} wall, {cpu_aho:.2f} CPU time")
    print(f"  per-round wall ratios vs tokenizer: "
          + ", ".join(f"{t / p:.2f}" for t, p in zip(walls["tokenizer"], walls["pipeline"])))
    return {"set": name, "postings": len(texts), "rates": rate, "pipeline_vs_tokenizer": ratio_tok,
            "pipeline_vs_aho": ratio_aho, "pipeline_vs_tokenizer_cpu": cpu_tok, "pipeline_vs_aho_cpu": cpu_aho,
            "mentions": mentions}


def reload_seconds(nlp, *, repeat: int = 3) -> float:
    """Median time to ``spacy.load`` the saved pipeline from disk (what a new process pays)."""
    import tempfile
    from statistics import median

    import spacy

    from skills_taxonomy.pipeline import save_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        path = save_pipeline(nlp, Path(tmp) / "skills")
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            spacy.load(path)
            times.append(time.perf_counter() - t0)
    return median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--synthetic", type=int, default=100_000, help="generated postings (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=50,
                        help="postings per turn: the three runs alternate chunk by chunk within each round")
    parser.add_argument("--limit", type=int, default=0, help="use at most N real postings (evenly spread; 0: all)")
    parser.add_argument("--by-source", type=int, default=0, metavar="N",
                        help="also bench each real source on its own, N postings of each (0: skip)")
    parser.add_argument("--json", action="store_true", help="also print the results as one JSON line")
    args = parser.parse_args()

    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline, pipeline_info
    from skillgap.settings import Settings

    settings = Settings.from_env()
    taxonomy = load_taxonomy(settings.taxonomy_dir)
    t0 = time.perf_counter()
    nlp = load_pipeline(settings, taxonomy=taxonomy)
    info = pipeline_info(nlp)
    print(f"pipeline {nlp.pipe_names} for taxonomy {taxonomy.version}: {len(taxonomy.skills)} skills, "
          f"{info.get('n_patterns')} patterns, loaded in {time.perf_counter() - t0:.2f} s")
    print(f"reload of the saved pipeline (spacy.load): {reload_seconds(nlp):.2f} s (median of 3)")
    results = []
    if (args.shared / "data" / "postings").is_dir():
        texts = spread(real_postings(args.shared), args.limit)
        results.append(bench("real postings (shared/data/postings)", texts, nlp, repeat=args.repeat,
                             chunk=args.chunk))
        if args.by_source:
            for source, source_texts in real_postings_by_source(args.shared).items():
                results.append(bench(f"{source} (real)", spread(source_texts, args.by_source), nlp,
                                     repeat=args.repeat, chunk=args.chunk))
    else:
        print(f"no real postings at {args.shared}/data/postings: skipped")
    if args.synthetic:
        texts = synthetic_postings(args.synthetic)
        if texts is None:
            print("skillgap.sample is not available: synthetic set skipped")
        else:
            results.append(bench(f"synthetic postings (skillgap.sample, {args.synthetic:,})", texts, nlp,
                                 repeat=args.repeat, chunk=args.chunk))
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
