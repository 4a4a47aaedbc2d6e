"""Extraction on worker processes: the same output lines as one process, worker counts, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillgap.cores import resolve_workers, usable_cores
from skillgap.workers import ExtractionPool, extract_jsonl_lines

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def saved_real(tmp_path_factory):
    """The packaged taxonomy's pipeline, saved where workers load it from, and loaded here."""
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline, model_path

    models = tmp_path_factory.mktemp("worker_models")
    taxonomy = load_taxonomy()
    nlp = load_pipeline(models, taxonomy=taxonomy)
    return nlp, model_path(models, taxonomy.version)


def _generated_rows(n: int) -> list[tuple[str, str]]:
    from skillgap.sample.writer import iter_postings

    return [(f"g{i}", f"{p.title}\n\n{p.text}")
            for i, p in enumerate(iter_postings(seed=11, start_month="2025-01", months=3, postings=n, detail="full"))]


def _real_rows(shared_dir: Path, n: int) -> list[tuple[str, str]]:
    from skillgap.evaluation import load_cn, load_hn

    base = shared_dir / "data" / "postings"
    rows = [(rid, text) for rid, text, _ in load_hn(base / "hn_whoishiring_2026")][: n // 2]
    rows += [(rid, text) for rid, text, _ in load_cn(base / "cn_whoishiring_ruanyf")][: n - len(rows)]
    return rows


def _reference_lines(rows, nlp, mode: str) -> str:
    """What `extract --jsonl` wrote before the lines were built from rows: json.dumps of Mention.to_dict()."""
    from skillgap.extract import iter_mentions

    return "".join(json.dumps({"id": rid, "mentions": [m.to_dict() for m in ms]}, ensure_ascii=False) + "\n"
                   for rid, ms in iter_mentions(rows, nlp=nlp, mode=mode))


def _output(rows, nlp, path, *, workers, mode="posting") -> str:
    from skillgap.workers import iter_jsonl_output

    return "".join(iter_jsonl_output(iter(rows), nlp=nlp, pipeline_path=path, mode=mode, workers=workers))


def test_lines_are_byte_identical_to_json_dumps_of_mentions_and_to_one_process(saved_real):
    nlp, path = saved_real
    rows = _generated_rows(300)
    rows += [("odd \"id\" \u00e9", 'Requirements:\n- 5+ YRS of "Python" \u2014 na\u00efve\tSQL\x01, K8s'), ("empty", "")]
    for mode in ("posting", "cv"):
        one = _output(rows, nlp, path, workers=1, mode=mode)
        assert one == _reference_lines(rows, nlp, mode)
        assert _output(rows, nlp, path, workers=2, mode=mode) == one
    lines = one.split("\n")[:-1]
    assert len(lines) == len(rows) and sum(len(json.loads(x)["mentions"]) for x in lines) > 3 * 300
    assert any(m["years"] for x in lines for m in json.loads(x)["mentions"])


def test_real_postings_give_the_same_lines_on_two_workers(saved_real, shared_dir):
    nlp, path = saved_real
    rows = _real_rows(shared_dir, 700)
    one = _output(rows, nlp, path, workers=1)
    assert one == _reference_lines(rows, nlp, "posting")
    two = _output(rows, nlp, path, workers=2)
    assert two == one
    assert [json.loads(x)["id"] for x in two.split("\n")[:-1]] == [rid for rid, _ in rows]


def test_default_extracts_a_short_input_in_this_process(saved_real):
    from skillgap.workers import iter_jsonl_output

    nlp, path = saved_real
    told: list[int] = []
    rows = _generated_rows(20)
    out = "".join(iter_jsonl_output(iter(rows), nlp=nlp, pipeline_path=path, on_workers=told.append))
    assert told == [1]  # 20 texts never pay for starting a worker
    assert out == _reference_lines(rows, nlp, "posting")


def test_usable_cores_respects_the_cgroup_quota(tmp_path):
    affinity = len(os.sched_getaffinity(0))
    proc = tmp_path / "cgroup"
    proc.write_text("0::/job\n")
    (tmp_path / "job").mkdir()
    quota = tmp_path / "job" / "cpu.max"
    quota.write_text("max 100000\n")
    assert usable_cores(cgroup_root=tmp_path, proc_cgroup=proc) == affinity
    quota.write_text("50000 100000\n")  # half a CPU still gets one worker
    assert usable_cores(cgroup_root=tmp_path, proc_cgroup=proc) == 1
    quota.write_text(f"{affinity * 100000 + 50000} 100000\n")  # a quota above the affinity: the affinity
    assert usable_cores(cgroup_root=tmp_path, proc_cgroup=proc) == affinity
    quota.unlink()
    v1 = tmp_path / "cpu"
    v1.mkdir()
    (v1 / "cpu.cfs_quota_us").write_text("100000\n")
    (v1 / "cpu.cfs_period_us").write_text("100000\n")
    proc.write_text("3:cpu,cpuacct:/\n")
    assert usable_cores(cgroup_root=tmp_path, proc_cgroup=proc) == 1
    (v1 / "cpu.cfs_quota_us").write_text("-1\n")
    assert usable_cores(cgroup_root=tmp_path, proc_cgroup=proc) == affinity
    assert usable_cores(cgroup_root=tmp_path / "none", proc_cgroup=tmp_path / "none") == affinity


def test_resolve_workers():
    assert resolve_workers(3, postings=10) == 3  # asked for: as asked
    assert resolve_workers(1, postings=10**6) == 1
    plenty = 64 * 1024**3
    assert resolve_workers(None, postings=10**6, cores=8, memory=plenty) == 8
    assert resolve_workers(None, postings=2500, cores=8, min_postings_per_worker=1000, memory=plenty) == 2
    assert resolve_workers(None, postings=999, cores=8, min_postings_per_worker=1000, memory=plenty) == 1
    assert resolve_workers(None, postings=None, cores=4, memory=plenty) == 4
    assert resolve_workers(None, postings=10**6, memory=plenty) == usable_cores()
    with pytest.raises(ValueError, match="at least 1"):
        resolve_workers(0, postings=10)
    gib = 1024**3
    assert resolve_workers(None, postings=10**6, cores=8, memory=2 * gib) == 4  # 512 MiB per worker
    assert resolve_workers(None, postings=10**6, cores=8, memory=gib // 4) == 1
    assert resolve_workers(3, postings=10**6, cores=8, memory=gib // 4) == 3  # asked for: as asked


def test_available_memory(tmp_path):
    from skillgap.cores import available_memory

    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemFree:  100 kB\nMemAvailable:   2000000 kB\n")
    assert available_memory(meminfo) == 2000000 * 1024
    assert available_memory(tmp_path / "absent") is None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting to be reaped has stopped running
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _wait_gone(pids, seconds: float = 10.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def test_keyboard_interrupt_in_the_pool_stops_every_worker(saved_real):
    _, path = saved_real
    rows = _generated_rows(200)
    tasks = [rows[i : i + 10] for i in range(0, len(rows), 10)]
    pids: list[int] = []
    got = 0
    with pytest.raises(KeyboardInterrupt):
        with ExtractionPool(path, workers=2) as pool:
            for lines in pool.map_ordered(extract_jsonl_lines, tasks):
                got += 1
                pids = pool.pids()
                assert lines.count("\n") == 10
                raise KeyboardInterrupt  # what Ctrl-C raises in the parent while it waits or writes
    assert got == 1 and len(pids) == 2
    assert _wait_gone(pids) == []


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _descendants(pid: int) -> list[int]:
    found = []
    for child in _children(pid):
        found += [child, *_descendants(child)]
    return found


@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_stopping_extract_jsonl_stops_the_workers(tmp_path, saved_real, how):
    """ctrl-c: a real SIGINT to the whole process group, as a terminal sends it; the parent stops its workers.
    kill: SIGKILL to the parent alone; the orphaned workers notice and exit."""
    _, path = saved_real
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i, (_, text) in enumerate(_generated_rows(400) * 10):
            f.write(json.dumps({"id": str(i), "text": text}) + "\n")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "SKILLGAP_MODEL_DIR": str(path.parent),
           "SKILLGAP_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen([sys.executable, "-m", "skillgap.cli", "extract", "--jsonl", str(src), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    children: list[int] = []
    try:
        first = proc.stdout.readline()  # the workers are running once output arrives
        assert json.loads(first)["id"] == "0"
        children = _descendants(proc.pid)  # the fork server, its two workers, spawn's resource tracker
        workers = [p for p in children if _children(p) == [] and b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()]
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        assert proc.returncode != 0
        assert len(workers) == 2
        assert _wait_gone(children) == []
    finally:
        for pid in [proc.pid] + [p for p in children if _alive(p)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait()


@pytest.fixture
def cli_env(tmp_path, tiny_taxonomy_dir, monkeypatch):
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("SKILLGAP_TAXONOMY_DIR", str(tiny_taxonomy_dir))
    monkeypatch.setenv("SKILLGAP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_cli_workers_option(cli_env):
    from skillgap.cli import app

    lines = [{"id": str(i), "text": t} for i, t in enumerate(["Go and Rust", "nothing", "C++ and SQL"] * 200)]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    one = CliRunner().invoke(app, ["extract", "--jsonl", "-", "--workers", "1"], input=stdin)
    two = CliRunner().invoke(app, ["extract", "--jsonl", "-", "--workers", "2"], input=stdin)
    assert one.exit_code == 0 and two.exit_code == 0, (one.output, two.output)
    assert two.stdout == one.stdout and one.stdout.count("\n") == 600
    assert "2 worker processes" in two.stderr
    bad = CliRunner().invoke(app, ["extract", "--jsonl", "-", "--workers", "0"], input=stdin)
    assert bad.exit_code != 0 and "--workers" in bad.output


def test_workers_do_not_run_the_parents_main_module(tmp_path, saved_real):
    """A script without a ``__name__ == "__main__"`` guard: spawned workers would import it again and start
    another pool each; ours skip the parent's main module."""
    _, path = saved_real
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from skillgap.workers import ExtractionPool, extract_jsonl_lines\n"
        "print('top level ran', flush=True)\n"
        f"with ExtractionPool({str(path)!r}, workers=2) as pool:\n"
        "    print(''.join(pool.map_ordered(extract_jsonl_lines, [[('a', 'Python and SQL')], [('b', 'Go')]])))\n"
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("top level ran") == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()[1:] if x]
    assert [x["id"] for x in lines] == ["a", "b"] and [m["skill_id"] for m in lines[0]["mentions"]] == ["python", "sql"]


def test_the_fork_server_preloads_the_pipeline(saved_real, tmp_path):
    """skillgap.worker_preload, as the fork server imports it: the named pipeline loaded (the workers forked
    afterwards find it in skills_taxonomy.pipeline's cache); a bad path leaves the workers to load their own."""
    _, path = saved_real
    probe = ("import os, sys; os.environ['SKILLGAP_PRELOAD_PIPELINE'] = sys.argv[1]\n"
             "import skillgap.worker_preload as w\n"
             "from skills_taxonomy import pipeline\n"
             "print(w.PRELOADED == sys.argv[1], len(pipeline._cache))\n")
    for target, expected in ((str(path), "True 1"), (str(tmp_path / "missing"), "False 0")):
        done = subprocess.run([sys.executable, "-c", probe, target], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == expected.split()
