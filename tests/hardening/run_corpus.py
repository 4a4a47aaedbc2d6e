"""Run the whole nasty-file corpus, each case in its own child process with a time and memory limit.

    .venv/bin/python tests/hardening/run_corpus.py            # the unit-test corpus
    .venv/bin/python tests/hardening/run_corpus.py --long     # + 1 GiB gzip bomb, 27 MB CSV, 9.9 MB CV
    .venv/bin/python tests/hardening/run_corpus.py --markdown # a table for docs/reliability.md

A case passes when the child exits normally within --timeout seconds under an address-space limit of --mem-gb,
with a result that honours the contract: loaded rows + rejected rows with reasons, or a clean failed/skipped
result naming the file (exports); a CVDocument or a CVError naming the file (CVs). Prints one line per case and a
summary; exits 1 if any case crashed, hung or broke the limit.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make the repository's `tests` importable

from tests.helpers import corpus  # noqa: E402

CHILD = r"""
import json, sys
kind, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == "export":
    from skillgap.ingest.load import load_file
    r = load_file(path, db)
    print(json.dumps({"status": r["status"], "rows": r["rows"], "loaded": r["loaded"], "duplicates": r["duplicates"],
                      "rejected": r["rejected"], "reasons": r["reasons"], "message": r["message"]}))
else:
    from pathlib import Path
    from skillgap.cv import read_cv
    from skillgap.errors import CVError
    name = Path(path).name
    try:
        doc = read_cv(Path(path).read_bytes(), filename=name)
        print(json.dumps({"status": "read", "chars": len(doc.text), "named": True}))
    except CVError as exc:
        print(json.dumps({"status": type(exc).__name__, "message": str(exc), "named": f"'{name}'" in str(exc)}))
"""


def _limit(mem_bytes: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
    return apply


def run_case(kind: str, case: corpus.Case, folder: Path, *, timeout: float, mem_gb: float) -> dict:
    path = folder / case.name
    path.write_bytes(case.data)
    db = folder / f"{kind}.duckdb"
    t = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, kind, str(path), str(db)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_limit(int(mem_gb * (1 << 30))))
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    out, err = proc.communicate()
    timer.cancel()
    seconds = time.monotonic() - t
    path.unlink(missing_ok=True)
    row = {"kind": kind, "case": case.name, "note": case.note, "expect": case.expect, "seconds": round(seconds, 2),
           "bytes": len(case.data)}
    if seconds >= timeout:
        return {**row, "verdict": "HANG", "detail": f"killed after {timeout:.0f} s"}
    if proc.returncode != 0:
        last = (err.strip().splitlines() or ["?"])[-1]
        verdict = "MEMORY" if "MemoryError" in err or "memory allocation" in err.lower() else "CRASH"
        return {**row, "verdict": verdict, "detail": last[:200]}
    res = json.loads(out.strip().splitlines()[-1])
    return {**row, **_judge(kind, case, res, path.name)}


def _judge(kind: str, case: corpus.Case, r: dict, name: str) -> dict:
    if kind == "cv":
        ok = r["named"] and not (case.expect == "fail" and r["status"] == "read") and not (
            case.expect == "load" and r["status"] != "read")
        detail = f"read {r['chars']} chars" if r["status"] == "read" else f"{r['status']}: {r['message'][:90]}"
        return {"verdict": "ok" if ok else "WRONG", "outcome": r["status"], "detail": detail}
    status = r["status"]
    if status in ("failed", "skipped"):
        ok = bool(r["message"]) and (status == "skipped" or name in r["message"]) and case.expect != "load"
        detail = (r["message"] or "").replace(str(Path(tempfile.gettempdir())), "")[:110]
    else:
        ok = (r["rows"] == r["loaded"] + r["duplicates"] + r["rejected"] and sum(r["reasons"].values()) == r["rejected"]
              and case.expect != "fail" and (case.expect != "load" or r["loaded"] + r["duplicates"] > 0))
        detail = f"{r['rows']} rows: {r['loaded']} loaded, {r['duplicates']} dup, {r['rejected']} rejected " + (
            f"({', '.join(list(r['reasons'])[:2])})" if r["reasons"] else "")
    return {"verdict": "ok" if ok else "WRONG", "outcome": status, "detail": detail}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--long", action="store_true", help="add the big cases")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--mem-gb", type=float, default=4.0, help="address-space limit per case (GiB)")
    ap.add_argument("--only", default="", help="run cases whose name contains this")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--json", type=Path, help="also write every row to this JSON file")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="skillgap-corpus-") as tmp:
        folder = Path(tmp)
        for kind, cases in (("export", corpus.export_cases(long=args.long)), ("cv", corpus.cv_cases(long=args.long))):
            for case in cases:
                if args.only and args.only not in case.name:
                    continue
                row = run_case(kind, case, folder, timeout=args.timeout, mem_gb=args.mem_gb)
                rows.append(row)
                if not args.markdown:
                    print(f"{row['verdict']:6} {kind:6} {row['case']:42} {row['seconds']:7.2f}s  {row['detail']}",
                          flush=True)
    bad = [r for r in rows if r["verdict"] != "ok"]
    if args.markdown:
        print("| kind | case | what | outcome | seconds | verdict |\n|---|---|---|---|---:|---|")
        for r in rows:
            print(f"| {r['kind']} | `{r['case']}` | {r['note']} | {r.get('outcome', '-')}: {r['detail']} | "
                  f"{r['seconds']} | {r['verdict']} |")
    print(f"\n{len(rows)} cases, {len(rows) - len(bad)} ok, {len(bad)} not ok"
          + (": " + ", ".join(f"{r['case']} ({r['verdict']})" for r in bad) if bad else ""))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
