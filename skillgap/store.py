"""The DuckDB store: schema migrations, connections, and the single-writer pattern.

Writers never touch the live file. ``staged_write`` copies it to ``<db>.new``, lets the
caller write there (one transaction per unit of work), then ``os.replace``s the copy over
the live file. Readers open the live file read-only and never see a half-written store;
a crash leaves the live file as it was. See docs/architecture.md.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import shutil
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

from skillgap.errors import DatabaseBusy, SchemaOutdated, SchemaTooNew, StoreError, StoreMissing
from skillgap.settings import MEMORY_SIZE

STAGING_SUFFIX = ".new"
_active_stagings: dict[Path, Path] = {}
# staged copy -> the connection ``staged_write`` holds open on it for the whole block: every ``connect`` to the
# copy meanwhile is a cursor on it (no file open, migration check or checkpoint per step)
_staged_connections: dict[Path, duckdb.DuckDBPyConnection] = {}
_staging_guard = threading.Lock()
# DuckDB settings every connection gets (``set_memory_limit``); empty: DuckDB's defaults (80 % of RAM)
_connection_config: dict[str, str] = {}


def set_memory_limit(limit: str | None) -> None:
    """Cap DuckDB's buffer pool on every connection opened from now on ("4GB", "50%"; None: DuckDB's default).

    DuckDB caches the pages it reads and the data it sorts or partitions up to its ``memory_limit`` (80 % of RAM by
    default), then spills to disk: a store far larger than memory still works, only slower.
    """
    if limit is None or not str(limit).strip():
        _connection_config.pop("memory_limit", None)
        return
    if not MEMORY_SIZE.match(str(limit)):
        raise StoreError(
            f"SKILLGAP_DUCKDB_MEMORY_LIMIT={limit!r} is not a memory size; write it like 4GB, 512MB or 50%."
        )
    _connection_config["memory_limit"] = str(limit).strip()


def fetch_one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first row of a query, reading the result to the end.

    DuckDB 2.0 keeps a half-read result open and blocks the connection until it is consumed,
    so never call ``.fetchone()`` on a query that could return more than one row.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value of a one-row, one-column query (None when there is no row)."""
    row = fetch_one(con, sql, params)
    return row[0] if row else None


def posting_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many postings the store holds (0 in a store no refresh has filled yet)."""
    return scalar(con, "SELECT count(*) FROM postings") or 0


def migrations() -> list[tuple[int, str, str]]:
    """Return the packaged migrations as (version, name, sql), in order."""
    found = []
    for entry in resources.files("skillgap.schema").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(versions) != len(set(versions)):
        raise StoreError(f"two migrations share a number: {[n for _, n, _ in found]}")
    return found


def latest_version() -> int:
    return migrations()[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to this store (0 for a new file)."""
    exists = scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'")
    if not exists:
        return 0
    return scalar(con, "SELECT coalesce(max(version), 0) FROM schema_migrations")


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Every migration number recorded in this store."""
    if not scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"):
        return set()
    return {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection, *, path: Path | str = "store") -> list[int]:
    """Apply every migration the store lacks, each in its own transaction; return those applied.

    Gaps are filled too: a migration numbered below the store's highest (added later in a
    lower range) is applied as well, so version numbers never have to be globally ordered.
    """
    current = schema_version(con)
    known = latest_version()
    if current > known:
        raise SchemaTooNew(
            f"{path} has schema version {current}, but this skillgap only knows up to {known}. "
            "Upgrade skillgap (pip install -U skillgap) or point --db at another store."
        )
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = applied_versions(con)
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, now_utc()]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def connect(path: Path | str, *, read_only: bool = False, retries: int = 8) -> duckdb.DuckDBPyConnection:
    """Open a store. Read-write opens apply migrations; read-only opens check the schema.

    Lock conflicts are retried with jittered backoff, then raised as ``DatabaseBusy``. Inside ``staged_write``
    an open of the staged copy is a cursor on the connection the block holds (already migrated, read-write).
    """
    path = Path(path)
    held = _staged_connection(path)
    if held is not None:
        return held
    if path.suffix != ".duckdb" and path.name != ":memory:" and not path.name.endswith(STAGING_SUFFIX):
        # a plain name is fine, but warn early on an obvious mistake like passing a CSV
        if path.exists() and path.suffix in {".csv", ".json", ".jsonl", ".parquet", ".xlsx"}:
            raise StoreError(f"{path} looks like an export, not a DuckDB store; pass it to 'skillgap ingest'.")
    if read_only and not path.exists():
        raise StoreMissing(
            f"No store at {path}. Load some postings first: 'skillgap ingest data/sample' "
            "or 'skillgap refresh --exports DIR'."
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _open_with_retry(path, read_only=read_only, retries=retries)
    try:
        if read_only:
            current = schema_version(con)
            if current > latest_version():
                raise SchemaTooNew(
                    f"{path} has schema version {current}, newer than this skillgap knows "
                    f"({latest_version()}). Upgrade skillgap."
                )
            missing = {v for v, _, _ in migrations()} - applied_versions(con)
            if missing:
                raise SchemaOutdated(
                    f"{path} lacks schema migrations {sorted(missing)}; this skillgap needs them. "
                    "Run any writing command (e.g. 'skillgap refresh') once to migrate it."
                )
        else:
            migrate(con, path=path)
    except Exception:
        con.close()
        raise
    return con


def _staged_connection(path: Path) -> duckdb.DuckDBPyConnection | None:
    """A new cursor on the connection a running ``staged_write`` holds on ``path``, if it is a staged copy."""
    if not path.name.endswith(STAGING_SUFFIX):
        return None
    with _staging_guard:
        con = _staged_connections.get(path.resolve())
        return con.cursor() if con is not None else None


def _open_with_retry(path: Path, *, read_only: bool, retries: int) -> duckdb.DuckDBPyConnection:
    delay = 0.05
    for attempt in range(retries + 1):
        try:
            return duckdb.connect(str(path), read_only=read_only, config=dict(_connection_config))
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower() or attempt == retries:
                if "lock" in message.lower():
                    raise DatabaseBusy(
                        f"The store {path} is busy: another skillgap process is writing to it "
                        "(the monthly refresh may be running); try again in a minute."
                    ) from exc
                raise StoreError(f"Cannot open the store {path}: {message}") from exc
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)
    raise AssertionError("unreachable")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run a block in one transaction: all of it lands or none of it does."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")


@contextmanager
def staged_write(db_path: Path | str, *, wait_seconds: float = 30.0) -> Iterator[Path]:
    """Yield a private copy of the store to write to, and swap it in atomically on success.

    Re-entrant: a flow that stages the store can call others that stage it too; they share
    the outer copy and only the outermost block swaps. On an exception the copy is discarded
    and the live store is untouched. Only one writer per store at a time (a lock file).
    """
    live = Path(db_path).resolve()
    with _staging_guard:
        outer = _active_stagings.get(live)
    if outer is not None or live.name.endswith(STAGING_SUFFIX):
        yield outer or live
        return
    work = live.with_name(live.name + STAGING_SUFFIX)
    with _disk_errors(live, work):
        live.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(live, wait_seconds=wait_seconds):
        with _disk_errors(live, work):
            _remove_store_files(work)
            if live.exists():
                _copy_store(live, work)
            held = connect(work)
        with _staging_guard:
            _active_stagings[live] = work
            _staged_connections[work] = held
        try:
            with _disk_errors(live, work):
                yield work
        except BaseException:
            try:
                _release_staged(work, discard=True)
            finally:
                _remove_store_files(work)
            raise
        else:
            with _disk_errors(live, work):
                try:
                    held.execute("CHECKPOINT")
                finally:
                    _release_staged(work)
                _check_no_wal(work)
                os.replace(work, live)
                _fsync_dir(live.parent)
        finally:
            with _staging_guard:
                _active_stagings.pop(live, None)
                _staged_connections.pop(work, None)


def _check_no_wal(work: Path) -> None:
    """Refuse to swap in a copy whose write-ahead log was not merged (a connection on it is still open)."""
    wal = work.with_name(work.name + ".wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(f"{work}: its write-ahead log was not merged (a connection is still open); the store "
                         "is unchanged.")


def _release_staged(work: Path, *, discard: bool = False) -> None:
    """Close the connection ``staged_write`` held on its copy; with ``discard`` (the copy is deleted next) without
    DuckDB's checkpoint on close, which would write the whole log into a file about to go."""
    with _staging_guard:
        con = _staged_connections.pop(work, None)
    if con is None:
        return
    try:
        if discard:
            con.execute("PRAGMA disable_checkpoint_on_shutdown")
    finally:
        con.close()


_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}
_DISK_MESSAGES = ("no space left on device", "disk quota exceeded", "read-only file system", "permission denied")


def disk_problem(exc: BaseException) -> str | None:
    """'No space left on device' etc. when *exc* (an OSError or a DuckDB error) is the disk refusing a write."""
    if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS:
        return exc.strerror or os.strerror(exc.errno)
    if isinstance(exc, (OSError, duckdb.Error)):
        low = str(exc).lower()
        for m in _DISK_MESSAGES:
            if m in low:
                return m[0].upper() + m[1:]
    return None


@contextmanager
def _disk_errors(live: Path, work: Path) -> Iterator[None]:
    """Turn a full disk or a read-only folder during a staged write into one clear ``StoreError``."""
    try:
        yield
    except StoreError:
        raise
    except (OSError, duckdb.Error) as exc:
        problem = disk_problem(exc)
        if problem is None:
            raise
        _remove_store_files(work)
        raise StoreError(
            f"Cannot write the store {live}: {problem}. The store is unchanged. Free some disk space in "
            f"{live.parent} (or make it writable), or pass --db to put the store somewhere else."
        ) from exc


def staging_path(db_path: Path | str) -> Path | None:
    """The copy a running ``staged_write`` in this process writes to, if any."""
    with _staging_guard:
        return _active_stagings.get(Path(db_path).resolve())


@contextmanager
def _writer_lock(live: Path, *, wait_seconds: float) -> Iterator[None]:
    lock_path = live.with_name(live.name + ".lock")
    try:
        handle = open(lock_path, "a+")
    except OSError as exc:
        raise StoreError(
            f"Cannot write next to {live}: {exc.strerror}. Check that {live.parent} exists, "
            "is writable and has free space, or pass --db to use another location."
        ) from exc
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DatabaseBusy(
                        f"Another skillgap process is writing to {live} (the monthly refresh may be "
                        "running); try again in a minute."
                    ) from None
                time.sleep(0.2)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _copy_store(src: Path, dst: Path) -> None:
    try:
        shutil.copyfile(src, dst)
    except OSError as exc:
        _remove_store_files(dst)
        raise StoreError(
            f"Cannot copy {src} to stage a write: {exc.strerror}. Free some disk space or pass --db "
            "to use another location."
        ) from exc
    wal = src.with_name(src.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, dst.with_name(dst.name + ".wal"))  # an OSError here is reported by _disk_errors


def _remove_store_files(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class StoreReader:
    """A read-only connection that follows the live file across atomic swaps.

    Each ``cursor()`` checks whether the store file was replaced (inode/mtime) and reopens
    if so, so a long-lived reader (the dashboard) sees a refresh as soon as it lands and
    never a half-written one. One cursor per thread.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path).resolve()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def _current_stamp(self) -> tuple[int, int]:
        st = self.path.stat()
        return (st.st_ino, st.st_mtime_ns)

    @property
    def generation(self) -> tuple[int, int] | None:
        """Changes whenever the live file is replaced; use it as a cache key."""
        try:
            return self._current_stamp()
        except FileNotFoundError:
            return None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if not self.path.exists():
                raise StoreMissing(
                    f"No store at {self.path}. Load some postings first: 'skillgap ingest data/sample'."
                )
            stamp = self._current_stamp()
            if self._con is None or stamp != self._stamp:
                if self._con is not None:
                    self._con.close()
                self._con = connect(self.path, read_only=True)
                self._stamp = stamp
            return self._con.cursor()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def now_utc() -> datetime:
    """The current UTC time as a naive timestamp (what DuckDB TIMESTAMP columns hold)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)

