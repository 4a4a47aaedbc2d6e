"""Instructions, not seconds: skill extraction against spaCy's bare tokenizer, counted by valgrind's callgrind.

Wall-clock ratios on a shared machine move by +-15 % from one round to the next (bench_extract.py prints the
per-round spread). Instruction counts do not: the same code on the same texts counts the same whatever else
runs. This script runs itself twice under ``valgrind --tool=callgrind`` (the two runs in parallel), once for
``nlp.tokenizer.pipe`` and once for ``extract_batch`` with every component on, over the same texts after the
same warm-up, and prints both counts and their ratio. Only the measured pass is counted: it runs inside
``functools.reduce``, and callgrind collects only inside that C function (``--toggle-collect``).

An instruction ratio is not a throughput ratio: the tokenizer's regex loops retire more instructions per cycle
than the components' Python. Use it to tell whether a change to the components removed work; measure
throughput with bench_extract.py.

    python benchmarks/bench_extract_instructions.py --postings 100
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _worker(mode: str, texts_file: Path) -> None:
    """Under callgrind: load, warm up, then one counted pass of ``mode`` inside functools.reduce."""
    from bench_extract import extraction_runs
    from skills_taxonomy.pipeline import load_pipeline
    from skillgap.settings import Settings

    nlp = load_pipeline(Settings.from_env())
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    runs = extraction_runs(nlp)
    for run in runs.values():  # warm-up: the tokenizer's cache and the vocabulary's lexemes, for both runs alike
        run(texts)
    functools.reduce(lambda acc, _: acc + runs[mode](texts), [0], 0)


def _texts(shared: Path, n: int) -> tuple[str, list[str]]:
    from bench_extract import real_postings, spread, synthetic_postings

    if (shared / "data" / "postings").is_dir():
        return "real postings (shared/data/postings)", spread(real_postings(shared), n)
    return "generated postings (skillgap.sample)", synthetic_postings(n) or []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--postings", type=int, default=100, help="texts to count over (evenly spread)")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "TEXTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker[0], Path(args.worker[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    name, texts = _texts(args.shared, args.postings)
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        runs = {}
        for mode in ("tokenizer", "pipeline"):
            cmd = ["valgrind", "--tool=callgrind", "--toggle-collect=functools_reduce",
                   f"--callgrind-out-file={tmp}/callgrind.{mode}", sys.executable, __file__,
                   "--worker", mode, str(texts_file)]
            runs[mode] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        counts = {}
        for mode, proc in runs.items():
            _, err = proc.communicate()
            m = re.search(r"Collected : (\d+)", err)
            if proc.returncode or not m or not int(m.group(1)):
                sys.exit(f"callgrind run of {mode} failed or counted nothing (is functools_reduce a symbol of "
                         f"this Python?):\n{err[-2000:]}")
            counts[mode] = int(m.group(1))
    chars = sum(len(t) for t in texts) / max(1, len(texts))
    print(f"== {name}: {len(texts):,} postings, {chars:,.0f} chars each on average")
    for mode, n in counts.items():
        print(f"  {mode:<10} {n:>15,} instructions  ({n / max(1, len(texts)):,.0f} per posting)")
    ratio = counts["tokenizer"] / counts["pipeline"]
    print(f"  tokenizer / pipeline = {ratio:.3f} by instructions (components: "
          f"{(counts['pipeline'] - counts['tokenizer']) / max(1, len(texts)):,.0f} per posting)")


if __name__ == "__main__":
    main()
