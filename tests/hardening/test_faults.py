"""Faults during a write: a crash or a kill mid-ingest leaves the store as it was and the next run completes; a full
disk or a read-only folder gives one clear StoreError (never a DuckDB traceback). Store schema versions are covered
in tests/store/test_store.py (older migrated, newer refused)."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from tests.helpers import corpus
from skillgap import store
from skillgap.errors import AnalyzerError, StoreError
from skillgap.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[2]


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _postings(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
    finally:
        con.close()


@pytest.fixture
def exports(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    for i in range(4):
        rows = corpus.posting_rows(6, title=f"Data Engineer {i}")
        rows = [dict(r, job_id=f"f{i}-{j}", company=f"Firm {i}-{j}") for j, r in enumerate(rows)]
        (folder / f"board{i}_2026-10-0{i + 1}.csv").write_bytes(corpus.csv_bytes(rows))
    return folder


@pytest.fixture
def live(tmp_path, exports) -> Path:
    """A store with the first export loaded."""
    db = tmp_path / "store.duckdb"
    summary = ingest_paths([str(exports / "board0_2026-10-01.csv")], db)
    assert summary["loaded"] == 6
    return db


def _assert_unchanged_then_rerun(db: Path, digest: str, exports: Path) -> None:
    assert _digest(db) == digest
    assert not db.with_name(db.name + ".new").exists()
    done = ingest_paths([str(exports)], db)
    assert done["loaded"] == 18 and not done["failed_files"], done  # the three new files, nothing twice
    assert _postings(db) == 24


@pytest.mark.parametrize("fail_on", [1, 2, 3])
def test_crash_on_any_file_leaves_store_unchanged(live, exports, monkeypatch, fail_on):
    import skillgap.ingest as ingest

    real = ingest.load_file
    calls = []

    def flaky(*a, **kw):
        calls.append(a[0])
        if len(calls) == fail_on:
            raise RuntimeError("injected crash")
        return real(*a, **kw)

    digest = _digest(live)
    monkeypatch.setattr(ingest, "load_file", flaky)
    with pytest.raises(RuntimeError, match="injected"):
        ingest_paths([str(exports)], live)
    monkeypatch.setattr(ingest, "load_file", real)
    _assert_unchanged_then_rerun(live, digest, exports)


_KILLED = textwrap.dedent("""
    import sys, time
    import skillgap.ingest as ingest
    real = ingest.load_file
    def slow(*a, **kw):
        r = real(*a, **kw)
        print("file", flush=True)
        time.sleep(30)
        return r
    ingest.load_file = slow
    ingest.ingest_paths([sys.argv[1]], sys.argv[2])
""")


def test_sigkill_mid_ingest_leaves_store_unchanged(live, exports):
    """A real kill -9 after the first file has been written to the staged copy."""
    digest = _digest(live)
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(exports), str(live)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "file", proc.stderr.read()
        assert live.with_name(live.name + ".new").exists()  # mid-write: the staged copy exists
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _digest(live) == digest
    done = ingest_paths([str(exports)], live)  # the next run clears the stale copy and completes
    assert done["loaded"] == 18 and _postings(live) == 24


# ------------------------------------------------------------------------------------------ disk errors (simulated)
def _assert_clear(exc: BaseException, db: Path, words: str) -> None:
    assert isinstance(exc, StoreError) and isinstance(exc, AnalyzerError)
    msg = str(exc)
    assert str(db) in msg and words in msg, msg
    assert "--db" in msg and "unchanged" in msg, msg


def test_full_disk_while_staging_the_copy(live, exports, monkeypatch):
    digest = _digest(live)

    def full(src, dst, *a, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(store.shutil, "copyfile", full)
    with pytest.raises(StoreError) as info:
        ingest_paths([str(exports)], live)
    assert "Free some disk space" in str(info.value)
    monkeypatch.undo()
    _assert_unchanged_then_rerun(live, digest, exports)


def test_full_disk_inside_duckdb_write(live, exports, monkeypatch):
    import skillgap.ingest as ingest

    digest = _digest(live)

    def full(*a, **kw):
        raise duckdb.TransactionException(
            f'TransactionContext Error: Failed to commit: Could not write file "{live}.new.wal": No space left on device')

    monkeypatch.setattr(ingest, "load_file", full)
    with pytest.raises(StoreError) as info:
        ingest_paths([str(exports)], live)
    _assert_clear(info.value, live.resolve(), "No space left on device")
    monkeypatch.undo()
    _assert_unchanged_then_rerun(live, digest, exports)


def test_read_only_folder_when_swapping_in(live, exports, monkeypatch):
    digest = _digest(live)

    def ro(src, dst):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))

    monkeypatch.setattr(store.os, "replace", ro)
    with pytest.raises(StoreError) as info:
        ingest_paths([str(exports)], live)
    _assert_clear(info.value, live.resolve(), "Read-only file system")
    monkeypatch.undo()
    _assert_unchanged_then_rerun(live, digest, exports)


def test_read_only_folder_for_the_lock(tmp_path, exports, monkeypatch):
    import builtins

    real_open = builtins.open

    def ro_open(file, mode="r", *a, **kw):
        if str(file).endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real_open(file, mode, *a, **kw)

    monkeypatch.setattr(builtins, "open", ro_open)
    with pytest.raises(StoreError, match="Read-only file system") as info:
        ingest_paths([str(exports)], tmp_path / "new.duckdb")
    assert "writable" in str(info.value) and "--db" in str(info.value)


def test_unrelated_errors_are_not_disguised(live, exports, monkeypatch):
    import skillgap.ingest as ingest

    def boom(*a, **kw):
        raise duckdb.ConstraintException("Constraint Error: duplicate key")

    monkeypatch.setattr(ingest, "load_file", boom)
    with pytest.raises(duckdb.ConstraintException):
        ingest_paths([str(exports)], live)


# ------------------------------------------------------------------------------------------ disk errors (real)
_IN_NAMESPACE = textwrap.dedent("""
    set -e
    M="$1"; MODE="$2"; shift 2
    mount -t tmpfs -o size=${SIZE:-1m} tmpfs "$M"
    if [ -n "$SEED" ]; then cp "$SEED" "$M/store.duckdb"; fi
    if [ "$MODE" = ro ]; then mount -o remount,ro "$M"; fi
    set +e
    "$@"
    rc=$?
    ls -A "$M" > "$LISTING"
    umount "$M"
    exit $rc
""")

_PROBE = textwrap.dedent("""
    import sys
    from skillgap.errors import AnalyzerError
    from skillgap.ingest import ingest_paths
    try:
        ingest_paths([sys.argv[1]], sys.argv[2])
    except AnalyzerError as exc:
        print("CLEAR:", exc)
        sys.exit(3)
""")


def _can_mount() -> bool:
    if sys.platform != "linux" or not shutil.which("unshare") or os.geteuid() != 0:
        return False
    try:
        r = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt && umount /mnt"],
                           capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces (unshare -m)")


def _run_in_namespace(tmp_path: Path, mode: str, exports: Path, *, size: str = "1m", seed: Path | None = None):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    listing = tmp_path / "listing.txt"
    env = dict(os.environ, SIZE=size, SEED=str(seed or ""), LISTING=str(listing))
    r = subprocess.run(
        ["unshare", "-m", "sh", "-c", _IN_NAMESPACE, "sh", str(mnt), mode, sys.executable, "-c", _PROBE,
         str(exports), str(mnt / "store.duckdb")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    return r, listing.read_text().split() if listing.exists() else None


@needs_mount
def test_real_full_disk_gives_a_clear_message(tmp_path):
    """A 1 MB tmpfs: DuckDB runs out of space mid-write; the user gets one line, and no staged copy is left."""
    exports = tmp_path / "exports"
    exports.mkdir()
    rows = corpus.posting_rows(3000)
    rows = [dict(r, job_id=f"big-{i}", company=f"Firm {i}", description=f"{r['description']} {i}" * 3)
            for i, r in enumerate(rows)]
    (exports / "big_2026-10-01.csv").write_bytes(corpus.csv_bytes(rows))
    r, left = _run_in_namespace(tmp_path, "rw", exports)
    assert r.returncode == 3, r.stdout + r.stderr[-3000:]
    assert "CLEAR:" in r.stdout and "No space left on device" in r.stdout and "--db" in r.stdout, r.stdout
    assert left is not None and not [n for n in left if n.startswith("store.duckdb.new")], left


@needs_mount
def test_real_read_only_folder_gives_a_clear_message(tmp_path, live, exports):
    """The store's folder is mounted read-only (root ignores chmod, so a real read-only mount is used)."""
    r, left = _run_in_namespace(tmp_path, "ro", exports, size="64m", seed=live)
    assert r.returncode == 3, r.stdout + r.stderr[-3000:]
    assert "CLEAR:" in r.stdout and "Read-only file system" in r.stdout, r.stdout
    assert left == ["store.duckdb"]


def test_unwritable_prefect_home_is_a_clear_error(tmp_path, monkeypatch):
    from skillgap.errors import DataDirError
    from skillgap.settings import Settings, configure_prefect_env

    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    settings = Settings.from_env({"SKILLGAP_DATA_DIR": str(blocker)})
    with pytest.raises(DataDirError) as info:
        configure_prefect_env(settings)
    msg = str(info.value)
    assert str(blocker / "prefect") in msg and "SKILLGAP_DATA_DIR" in msg


@needs_mount
def test_real_read_only_data_folder_through_the_cli(tmp_path):
    """`skillgap ingest` with the whole data folder on a read-only mount: one 'Error:' line, exit 1, no traceback."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = textwrap.dedent("""
        set -e
        mount -t tmpfs -o size=1m tmpfs "$1"; mount -o remount,ro "$1"
        set +e
        SKILLGAP_DATA_DIR="$1/data" "$2" -m skillgap.cli ingest "$3" --db "$1/data/store.duckdb"
        rc=$?
        umount "$1"
        exit $rc
    """)
    export = tmp_path / "board_2026-10-01.csv"
    export.write_bytes(corpus.csv_bytes(corpus.posting_rows(3)))
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_HOME"}
    r = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(mnt), sys.executable, str(export)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    err = " ".join(r.stderr.split())
    assert "Read-only file system" in err and "SKILLGAP_DATA_DIR" in err, r.stderr
    assert "Traceback" not in r.stderr
