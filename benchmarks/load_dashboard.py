"""Load test: N concurrent dashboard sessions doing gap analyses against the real app on 127.0.0.1.

Starts `streamlit run dashboard/app.py` on a free loopback port over the sample store (built with
`skillgap refresh --exports data/sample --db TMP` unless --db is given), warms it up with one session (the spaCy
pipeline is built/loaded then), measures one session alone (the baseline), then drives --sessions browser sessions
at once (headless Chromium via Playwright), each uploading a CV on "My gap" and waiting for "Role coverage".
Repeats for --rounds rounds. Bounded: every session has --session-timeout seconds, the whole run --deadline seconds.

    .venv/bin/python benchmarks/load_dashboard.py --sessions 20 --rounds 2
    .venv/bin/python benchmarks/load_dashboard.py --db data/skillgap.duckdb --json

Prints latency percentiles (p50/p90/p99/max) in seconds, errors, and the ratio of the concurrent p50 to the
single-session baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

CV_TEMPLATE = """Sam Loadtest {n}
Machine learning engineer

Experience
Example Analytics Ltd, 2020-2025
Built and deployed machine learning models in Python with scikit-learn and PyTorch; ran training pipelines on
AWS with Docker and Kubernetes; wrote SQL against PostgreSQL; tracked experiments with MLflow.

Skills
Python, SQL, pandas, NumPy, scikit-learn, PyTorch, Docker, Git, Linux, statistics (session {n})
"""


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def build_sample_store(folder: Path) -> Path:
    db = folder / "sample.duckdb"
    cmd = [str(ROOT / ".venv" / "bin" / "skillgap"), "refresh", "--exports", str(ROOT / "data" / "sample"),
           "--db", str(db), "--json"]
    if not Path(cmd[0]).exists():
        cmd = [sys.executable, "-m", "skillgap.cli", *cmd[1:]]
    print(f"building the sample store: {' '.join(cmd)}", file=sys.stderr)
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, timeout=1200)
    return db


def start_app(db: Path, model_dir: Path, log: Path) -> tuple[subprocess.Popen, str]:
    from skillgap.commands.dashboard import streamlit_command
    from skillgap.scheduling import free_port

    port = free_port()
    env = dict(os.environ, SKILLGAP_DB=str(db), SKILLGAP_MODEL_DIR=str(model_dir))
    cmd = streamlit_command(port=port, address="127.0.0.1")
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"streamlit did not start within 90 s (log: {log})")


async def one_session(browser, url: str, cv: Path, *, timeout_s: float) -> dict:
    """Open the app in a fresh context, upload the CV, wait for the result. Returns timings and any error."""
    from playwright.async_api import expect

    ctx = await browser.new_context(viewport={"width": 1280, "height": 1600})
    ctx.set_default_timeout(timeout_s * 1000)  # 20 pages on a small machine: actions wait on rendering too
    page = await ctx.new_page()
    out: dict = {"ok": False, "error": None, "page_load_s": None, "analysis_s": None}
    t0 = time.monotonic()
    try:
        await page.goto(url, timeout=timeout_s * 1000)
        await expect(page.get_by_role("heading", name="My gap")).to_be_visible(timeout=timeout_s * 1000)
        out["page_load_s"] = time.monotonic() - t0
        t1 = time.monotonic()
        remaining = max(1.0, timeout_s - (t1 - t0))
        await page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            str(cv), timeout=remaining * 1000)
        remaining = max(1.0, timeout_s - (time.monotonic() - t0))
        await expect(page.get_by_text("Role coverage")).to_be_visible(timeout=remaining * 1000)
        out["analysis_s"] = time.monotonic() - t1
        if await page.locator('[data-testid="stException"]').count():
            out["error"] = "exception shown on the page"
        elif await page.get_by_text("Couldn't analyse this CV").count():
            out["error"] = "analysis error shown on the page"
        else:
            out["ok"] = True
    except Exception as exc:  # noqa: BLE001 - a load test counts every failure
        out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        out["total_s"] = time.monotonic() - t0
        await ctx.close()
    return out


async def drive(url: str, cvs: list[Path], *, sessions: int, rounds: int, timeout_s: float, deadline_s: float) -> dict:
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    started = time.monotonic()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            warm = await one_session(browser, url, cvs[0], timeout_s=max(timeout_s, 300))
            if not warm["ok"]:
                raise SystemExit(f"warm-up session failed: {warm['error']}")
            baseline = [await one_session(browser, url, cvs[i % len(cvs)], timeout_s=timeout_s) for i in range(3)]
            results = []
            for r in range(rounds):
                if time.monotonic() - started > deadline_s:
                    break
                left = deadline_s - (time.monotonic() - started)
                batch = [one_session(browser, url, cvs[(r * sessions + i) % len(cvs)], timeout_s=min(timeout_s, left))
                         for i in range(sessions)]
                t = time.monotonic()
                got = await asyncio.gather(*batch)
                wall = time.monotonic() - t
                results.append({"round": r + 1, "wall_s": wall, "sessions": got})
        finally:
            await browser.close()
    return {"warmup": warm, "baseline": baseline, "rounds": results}


def summarise(run: dict, *, sessions: int) -> dict:
    all_sessions = [s for r in run["rounds"] for s in r["sessions"]]
    ok = [s for s in all_sessions if s["ok"]]
    lat = [s["analysis_s"] for s in ok]
    load = [s["page_load_s"] for s in ok]
    base = [s["analysis_s"] for s in run["baseline"] if s["ok"]]
    errors: dict[str, int] = {}
    for s in all_sessions:
        if not s["ok"]:
            errors[s["error"]] = errors.get(s["error"], 0) + 1
    p = {f"p{int(q * 100)}": round(percentile(lat, q), 2) for q in (0.5, 0.9, 0.99)}
    return {
        "sessions_per_round": sessions,
        "rounds": len(run["rounds"]),
        "analyses": len(all_sessions),
        "ok": len(ok),
        "errors": errors,
        "analysis_latency_s": {**p, "max": round(max(lat), 2) if lat else None,
                               "mean": round(statistics.fmean(lat), 2) if lat else None},
        "page_load_s": {"p50": round(percentile(load, 0.5), 2), "max": round(max(load), 2) if load else None},
        "baseline_single_session_s": round(statistics.median(base), 2) if base else None,
        "p50_vs_single_session": round(percentile(lat, 0.5) / statistics.median(base), 1) if base and lat else None,
        "round_wall_s": [round(r["wall_s"], 1) for r in run["rounds"]],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20, help="concurrent sessions per round (max 40)")
    ap.add_argument("--rounds", type=int, default=1, help="rounds of concurrent sessions (max 10)")
    ap.add_argument("--db", type=Path, help="store to serve (default: build the sample store in a temp folder)")
    ap.add_argument("--model-dir", type=Path, default=ROOT / "data" / "models")
    ap.add_argument("--session-timeout", type=float, default=300.0, help="seconds per session")
    ap.add_argument("--deadline", type=float, default=900.0, help="seconds for the whole measured run")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON only")
    args = ap.parse_args(argv)
    sessions, rounds = min(max(args.sessions, 1), 40), min(max(args.rounds, 1), 10)

    tmp = Path(tempfile.mkdtemp(prefix="skillgap-load-"))
    try:
        db = args.db.resolve() if args.db else build_sample_store(tmp)
        cvs = []
        for n in range(8):
            cv = tmp / f"cv_{n}.txt"
            cv.write_text(CV_TEMPLATE.format(n=n), encoding="utf-8")
            cvs.append(cv)
        log = tmp / "streamlit.log"
        proc, url = start_app(db, args.model_dir, log)
        try:
            run = asyncio.run(drive(url, cvs, sessions=sessions, rounds=rounds, timeout_s=args.session_timeout,
                                    deadline_s=args.deadline))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        summary = summarise(run, sessions=sessions)
        server_log = log.read_text(encoding="utf-8", errors="replace")
        summary["server_tracebacks"] = server_log.count("Traceback")
        summary["bound_to"] = url
        if args.json:
            print(json.dumps(summary, indent=2))
        else:
            lat = summary["analysis_latency_s"]
            print(f"{summary['analyses']} gap analyses in {summary['rounds']} round(s) of {sessions} concurrent "
                  f"sessions on {url}: {summary['ok']} ok, errors {summary['errors'] or 0}, "
                  f"server tracebacks {summary['server_tracebacks']}")
            print(f"analysis latency (upload -> 'Role coverage'), s: p50 {lat['p50']}  p90 {lat['p90']}  "
                  f"p99 {lat['p99']}  max {lat['max']}")
            print(f"single session alone (same run): {summary['baseline_single_session_s']} s; "
                  f"concurrent p50 / single = {summary['p50_vs_single_session']}x; page load p50 "
                  f"{summary['page_load_s']['p50']} s; round wall {summary['round_wall_s']} s")
        return 0 if summary["ok"] == summary["analyses"] and not summary["server_tracebacks"] else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
