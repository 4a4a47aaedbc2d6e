"""Extraction on worker processes writes the store one process writes, and Ctrl-C leaves the store as it was."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from skillgap import store
from skillgap.mentions import pending_posting_ids

from .conftest import file_digest, sample_files

MENTIONS_SQL = "SELECT * FROM skill_mentions"
EXTRACTIONS_SQL = "SELECT * EXCLUDE (extracted_at) FROM posting_extractions"


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    """The packaged taxonomy's pipeline (loaded here) and the folder it is saved in (loaded by the workers)."""
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline, model_path

    models = tmp_path_factory.mktemp("models")
    taxonomy = load_taxonomy()
    return load_pipeline(models, taxonomy=taxonomy), model_path(models, taxonomy.version), taxonomy.version


@pytest.fixture(scope="module")
def real_store(tmp_path_factory, shared_dir) -> Path:
    """Real Hacker News postings, ingested, not extracted."""
    from skillgap.ingest import ingest_paths

    db = tmp_path_factory.mktemp("real") / "hn.duckdb"
    summary = ingest_paths([str(shared_dir / "data" / "postings" / "hn_whoishiring_2026")], db)
    assert summary["loaded"] > 1000, summary
    return db


def _one_process(db: Path, ids: list[str], *, nlp, version: str, batch_size: int) -> int:
    """What flows.extract does in one process: read a batch, extract_batch, write_batch, in order."""
    from skillgap.extract import extract_batch
    from skillgap.mentions import iter_posting_texts, write_batch

    con = store.connect(db)
    try:
        written = 0
        for i in range(0, len(ids), batch_size):
            batch = ids[i : i + batch_size]
            written += write_batch(con, extract_batch(list(iter_posting_texts(con, batch)), nlp=nlp),
                                   taxonomy_version=version, posting_ids=batch)
        return written
    finally:
        con.close()


def _on_workers(db: Path, ids: list[str], *, path: Path, version: str, batch_size: int, on_batch=None) -> dict:
    from skillgap.extract_writer import extract_and_write
    from skillgap.workers import ExtractionPool

    con = store.connect(db)
    try:
        with ExtractionPool(path, workers=2) as pool:
            return extract_and_write(con, ids, pool=pool, taxonomy_version=version, batch_size=batch_size,
                                     on_batch=on_batch)
    finally:
        con.close()


def _two_copies(real_store: Path, tmp_path: Path, *, version: str, limit: int) -> tuple[Path, Path, list[str]]:
    """Two copies of the real store and the first ``limit`` postings pending in it."""
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    shutil.copyfile(real_store, one)
    shutil.copyfile(real_store, two)
    con = store.connect(one)
    try:
        return one, two, pending_posting_ids(con, taxonomy_version=version, limit=limit)
    finally:
        con.close()


def test_real_postings_on_two_workers_give_the_one_process_store(real_store, pipeline, tmp_path):
    nlp, path, version = pipeline
    one, two, ids = _two_copies(real_store, tmp_path, version=version, limit=700)
    written = _one_process(one, ids, nlp=nlp, version=version, batch_size=300)
    seen: list[dict] = []
    totals = _on_workers(two, ids, path=path, version=version, batch_size=300, on_batch=seen.append)
    assert [c["postings"] for c in seen] == [300, 300, 100]  # the same batches, in order (2 tasks, 2, 1)
    assert totals["postings"] == 700 and totals["mentions"] == written > 2000
    assert _rows(two, MENTIONS_SQL) == _rows(one, MENTIONS_SQL)
    assert _rows(two, EXTRACTIONS_SQL) == _rows(one, EXTRACTIONS_SQL)


def spawned_workers() -> list[int]:
    """The extraction workers of this process: the children of its fork server (not spawn's resource tracker)."""
    return [p for server in _children(os.getpid()) if b"multiprocessing.forkserver" in _cmdline(server)
            for p in _children(server)]


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_ctrl_c_during_extraction_leaves_the_store_as_it_was(real_store, pipeline, tmp_path):
    _, path, version = pipeline
    db = tmp_path / "live.duckdb"
    shutil.copyfile(real_store, db)
    before = file_digest(db)
    con = store.connect(db, read_only=True)
    try:
        ids = pending_posting_ids(con, taxonomy_version=version, limit=600)
    finally:
        con.close()
    workers: list[int] = []

    def interrupt(counts: dict) -> None:
        workers.extend(spawned_workers())
        assert counts["batch"] == 1  # one batch is written into the staged copy
        raise KeyboardInterrupt  # what Ctrl-C raises in the writer

    with pytest.raises(KeyboardInterrupt):
        with store.staged_write(db) as work:
            _on_workers(work, ids, path=path, version=version, batch_size=200, on_batch=interrupt)
    assert file_digest(db) == before
    assert not Path(str(db) + ".new").exists()
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if _alive(p)]


@pytest.mark.slow
def test_refresh_flow_with_two_workers_gives_the_one_process_store(prefect_harness, tmp_path, model_dir,
                                                                   monkeypatch):
    """The real refresh flow, ``workers=1`` and ``workers=2``, several batches of several worker tasks each; with 2
    the postings are sent to the workers as soon as ingest committed their file (tasks spanning two batches)."""
    from flows.refresh import refresh
    from skillgap.workers import ExtractionPool

    sent: list[int] = []
    real_prefetch = ExtractionPool.prefetch

    def counted(self, rows):
        sent.append(real_prefetch(self, rows))
        return sent[-1]

    monkeypatch.setattr(ExtractionPool, "prefetch", counted)

    lever = next(p for p in sample_files() if p.name.startswith("lever"))
    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(lever, exports / lever.name)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    a = refresh(str(exports), str(one), model_dir=str(model_dir), batch_size=300, workers=1)
    b = refresh(str(exports), str(two), model_dir=str(model_dir), batch_size=300, workers=2)
    assert a["extracted"] == b["extracted"] > 300
    assert sum(sent) == b["extracted"]  # all of them extracted ahead of the writer (under the prefetch cap)
    assert _rows(two, MENTIONS_SQL) == _rows(one, MENTIONS_SQL)
    assert _rows(two, EXTRACTIONS_SQL) == _rows(one, EXTRACTIONS_SQL)
    assert _rows(two, "SELECT count(*) FROM posting_facts") == [(b["extracted"],)]
    with pytest.raises(ValueError, match="at least 1"):
        refresh(str(exports), str(tmp_path / "bad.duckdb"), model_dir=str(model_dir), workers=0)
    assert not (tmp_path / "bad.duckdb").exists()


def test_postings_sent_ahead_are_written_first_and_only_when_pending(real_store, pipeline, tmp_path):
    """A refresh prefetches each loaded file's postings; the writer writes those first, in the order sent and
    in batches of whole tasks, then the rest. A posting sent ahead that the writer was not asked for is not
    written. The store holds what one process writes."""
    from skillgap.mentions import iter_posting_texts
    from skillgap.extract_writer import extract_and_write
    from skillgap.workers import ExtractionPool

    nlp, path, version = pipeline
    one, two, ids = _two_copies(real_store, tmp_path, version=version, limit=700)
    wanted, ahead = ids[:600], ids[300:700]  # ids[600:] are sent ahead but not asked for
    _one_process(one, wanted, nlp=nlp, version=version, batch_size=250)
    seen: list[dict] = []
    con = store.connect(two)
    try:
        with ExtractionPool(path, workers=2) as pool:
            pool.prefetch(list(iter_posting_texts(con, ahead)))
            totals = extract_and_write(con, wanted, pool=pool, taxonomy_version=version, batch_size=250,
                                       on_batch=seen.append)
        written = {r[0] for r in con.execute("SELECT posting_id FROM posting_extractions").fetchall()}
    finally:
        con.close()
    assert totals["postings"] == 600
    assert [c["postings"] for c in seen] == [250, 50, 250, 50]  # two whole tasks of 125, one more; then the rest
    assert written == set(wanted)
    assert _rows(two, MENTIONS_SQL) == _rows(one, MENTIONS_SQL)
    assert _rows(two, EXTRACTIONS_SQL) == _rows(one, EXTRACTIONS_SQL)


def test_small_chunks_are_gathered_into_whole_tasks_within_the_prefetch_room(pipeline, monkeypatch):
    """``Prefetcher``: chunks of a few postings (small files) wait for whole tasks while the workers have work,
    go at once when they are short of it, and stop at the pool's prefetch room (counted in postings)."""
    from skillgap import workers

    _, path, _ = pipeline
    monkeypatch.setattr(workers, "PREFETCH_POSTINGS_PER_WORKER", 200)
    rows = [(f"p{i:03d}", f"Analyst {i}\n\nPython and SQL with dbt, on AWS.") for i in range(600)]
    hungry = [False]
    with workers.ExtractionPool(path, workers=2) as pool:
        monkeypatch.setattr(pool, "short_of_work", lambda: hungry[0])
        ahead = workers.Prefetcher(pool)
        for start in (0, 50, 100):
            ahead.add(rows[start:start + 50])
        assert len(pool.prefetched) == 125  # one whole task; 25 wait
        hungry[0] = True
        ahead.add(rows[150:160] + rows[:10])  # short of work: all that waits goes; known postings are dropped
        assert len(pool.prefetched) == 160
        hungry[0] = False
        ahead.add(rows[160:460])
        assert len(pool.prefetched) == 400 and pool.prefetch_room() == 0  # 2 workers x 200, the last task cut
        ahead.add(rows[460:])
        ahead.flush()
        tasks = pool.take_prefetched()
        assert [len(ids) for ids, _ in tasks] == [125, 35, 125, 115]
        assert [i for ids, _ in tasks for i in ids] == [pid for pid, _ in rows[:400]]
        for ids, future in tasks:
            found = set(workers.table_from_ipc(future.result()).column("posting_id").to_pylist())
            assert found and found <= set(ids)
    assert ahead.error is None


def test_a_pool_broken_during_ingest_fails_the_writer_with_its_error(pipeline, tmp_path):
    """A worker dies (the OOM killer, say) while ingest sends postings ahead: the ``Prefetcher`` keeps the error
    and the extract step raises the pool's error, not a missing result."""
    import signal
    from concurrent.futures.process import BrokenProcessPool

    from skillgap.extract_writer import extract_and_write
    from skillgap.workers import ExtractionPool, Prefetcher

    _, path, version = pipeline
    rows = [(f"p{i}", f"Analyst {i}\n\nPython and SQL") for i in range(2000)]
    con = store.connect(tmp_path / "s.duckdb")
    try:
        with pytest.raises(BrokenProcessPool):
            with ExtractionPool(path, workers=2) as pool:
                pool.start().wait_started()
                os.kill(pool.pids()[0], signal.SIGKILL)
                ahead = Prefetcher(pool)
                for start in range(0, len(rows), 10):  # new postings until the pool has noticed the death
                    ahead.add(rows[start:start + 10])
                    ahead.flush()
                    if ahead.error is not None:
                        break
                    time.sleep(0.05)
                assert isinstance(ahead.error, BrokenProcessPool)
                assert all(future is not None for _, future in pool._ahead)  # the failed send holds the error
                extract_and_write(con, sorted(pool.prefetched), pool=pool, taxonomy_version=version,
                                  batch_size=2000)
    finally:
        con.close()
