"""The store: migrations, version checks, atomic staged writes and the read-only follower."""

from __future__ import annotations

import threading

import duckdb
import pytest

from skillgap import store
from skillgap.errors import DatabaseBusy, SchemaOutdated, SchemaTooNew, StoreMissing


def _count(path, table):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_new_store_gets_every_migration(db_path):
    con = store.connect(db_path)
    applied = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    assert applied == [v for v, _, _ in store.migrations()]
    assert {"postings", "load_runs", "rejected_rows", "source_labels", "skill_mentions"} <= tables


def test_reopening_applies_nothing(db_path):
    store.connect(db_path).close()
    con = store.connect(db_path)
    assert store.migrate(con) == []
    con.close()


def test_store_from_newer_skillgap_is_refused(db_path):
    store.connect(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_migrations VALUES (999, '999_future.sql', now())")
    con.close()
    with pytest.raises(SchemaTooNew, match="999"):
        store.connect(db_path)
    with pytest.raises(SchemaTooNew):
        store.connect(db_path, read_only=True)


def test_older_store_is_migrated_on_write_and_flagged_on_read(db_path):
    store.connect(db_path).close()
    con = duckdb.connect(str(db_path))
    latest = store.latest_version()
    con.execute("DELETE FROM schema_migrations WHERE version = ?", [latest])
    con.close()
    if latest > 1:
        with pytest.raises(SchemaOutdated):
            store.connect(db_path, read_only=True)
    else:
        # re-applying 001 on top of its own tables must fail loudly, never silently
        with pytest.raises(Exception):
            store.connect(db_path)


def test_read_only_open_of_missing_store_explains(tmp_path):
    with pytest.raises(StoreMissing, match="skillgap ingest"):
        store.connect(tmp_path / "nope.duckdb", read_only=True)


def test_staged_write_swaps_in_on_success(db_path):
    with store.staged_write(db_path) as work:
        assert work != db_path and work.name.endswith(".new")
        con = store.connect(work)
        con.execute("INSERT INTO rejected_rows VALUES ('r', 'f.csv', 1, 'bad', '{}', now())")
        con.close()
        assert not db_path.exists() or _count(db_path, "rejected_rows") == 0
    assert _count(db_path, "rejected_rows") == 1
    assert not work.exists()


def test_staged_write_failure_leaves_live_store_untouched(db_path):
    with store.staged_write(db_path) as work:
        con = store.connect(work)
        con.execute("INSERT INTO rejected_rows VALUES ('r', 'f.csv', 1, 'bad', '{}', now())")
        con.close()
    with pytest.raises(RuntimeError):
        with store.staged_write(db_path) as work:
            con = store.connect(work)
            con.execute("INSERT INTO rejected_rows VALUES ('r2', 'g.csv', 2, 'bad', '{}', now())")
            con.close()
            raise RuntimeError("crash mid-write")
    assert _count(db_path, "rejected_rows") == 1
    assert not work.exists()


def test_staged_write_is_reentrant(db_path):
    with store.staged_write(db_path) as outer:
        with store.staged_write(db_path) as inner:
            assert inner == outer
        assert store.staging_path(db_path) == outer
    assert store.staging_path(db_path) is None


def test_second_writer_is_told_the_store_is_busy(db_path):
    entered, release = threading.Event(), threading.Event()

    def hold():
        with store.staged_write(db_path):
            entered.set()
            release.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    entered.wait(5)
    # the first writer is another thread here; the lock is per open file description
    try:
        with pytest.raises(DatabaseBusy, match="try again"):
            with store._writer_lock(db_path.resolve(), wait_seconds=0.3):
                pass
    finally:
        release.set()
        t.join()


def test_reader_follows_atomic_swaps(db_path):
    store.connect(db_path).close()
    reader = store.StoreReader(db_path)
    assert reader.cursor().execute("SELECT count(*) FROM rejected_rows").fetchone()[0] == 0
    before = reader.generation
    with store.staged_write(db_path) as work:
        con = store.connect(work)
        con.execute("INSERT INTO rejected_rows VALUES ('r', 'f.csv', 1, 'bad', '{}', now())")
        con.close()
        # while the writer works, the reader still sees the old store
        assert reader.cursor().execute("SELECT count(*) FROM rejected_rows").fetchone()[0] == 0
    assert reader.generation != before
    assert reader.cursor().execute("SELECT count(*) FROM rejected_rows").fetchone()[0] == 1
    reader.close()


def test_transaction_rolls_back_on_error(db_path):
    con = store.connect(db_path)
    with pytest.raises(ValueError):
        with store.transaction(con):
            con.execute("INSERT INTO rejected_rows VALUES ('r', 'f.csv', 1, 'bad', '{}', now())")
            raise ValueError("boom")
    assert con.execute("SELECT count(*) FROM rejected_rows").fetchone()[0] == 0
    con.close()


def test_a_migration_added_below_the_highest_is_still_applied(db_path):
    store.connect(db_path).close()
    versions = [v for v, _, _ in store.migrations()]
    if len(versions) < 2:
        pytest.skip("needs two migrations")
    gap = versions[-2]
    name, sql = next((n, q) for v, n, q in store.migrations() if v == gap)
    con = duckdb.connect(str(db_path))
    # simulate a store created before that migration existed: drop what it made, forget it
    con.execute("DELETE FROM schema_migrations WHERE version = ?", [gap])
    con.close()
    with pytest.raises(SchemaOutdated, match=str(gap)):
        store.connect(db_path, read_only=True)


def test_connections_to_the_staged_copy_share_one_open_store(db_path):
    """Inside staged_write every open of the copy is a cursor on the connection the block holds: a step's write
    is there for the next step without reopening, and a cursor a step forgot to close loses nothing."""
    with store.staged_write(db_path) as work:
        first = store.connect(work)
        first.execute("CREATE TABLE steps (n INTEGER)")
        first.execute("INSERT INTO steps VALUES (1)")
        second = store.connect(work, read_only=True)  # read-only opens of the copy get the same store
        assert second.execute("SELECT n FROM steps").fetchall() == [(1,)]
        second.close()
        leaked = store.connect(work)
        leaked.execute("INSERT INTO steps VALUES (2)")  # never closed
        first.close()
    con = store.connect(db_path, read_only=True)
    try:
        assert con.execute("SELECT n FROM steps ORDER BY n").fetchall() == [(1,), (2,)]
    finally:
        con.close()
    assert not db_path.with_name(db_path.name + ".new").exists()
