"""Extraction partitioned into Parquet batches (and over a Dask LocalCluster) gives the single-process store."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from skillgap import store
from skillgap.batches import extract_part, merge_part, read_pending, write_pending_batches
from skillgap.mentions import pending_posting_ids
from tests.helpers.scale import EXTRACTIONS_SQL, MENTIONS_SQL, rows


@pytest.fixture(scope="module")
def nlp_and_version(model_dir):
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    taxonomy = load_taxonomy()
    return load_pipeline(Path(model_dir), taxonomy=taxonomy), taxonomy.version


def _core_extract(db: Path, nlp, version: str, batch_size: int) -> int:
    """What flows.extract's batch task does, without Prefect: read texts, extract_batch, write_batch."""
    from skillgap.extract import extract_batch
    from skillgap.mentions import iter_posting_texts, write_batch

    con = store.connect(db)
    try:
        pending = pending_posting_ids(con, taxonomy_version=version)
        written = 0
        for i in range(0, len(pending), batch_size):
            ids = pending[i : i + batch_size]
            table = extract_batch(list(iter_posting_texts(con, ids)), nlp=nlp)
            written += write_batch(con, table, taxonomy_version=version, posting_ids=ids)
        return written
    finally:
        con.close()


def test_pending_batches_cover_every_pending_posting_once(store_copy, tmp_path, nlp_and_version):
    _, version = nlp_and_version
    db = store_copy("batches")
    con = store.connect(db)
    try:
        expected = pending_posting_ids(con, taxonomy_version=version)
        files = write_pending_batches(con, taxonomy_version=version, out_dir=tmp_path / "parts", batch_size=97)
    finally:
        con.close()
    assert len(files) == (len(expected) + 96) // 97
    assert [f.postings for f in files[:-1]] == [97] * (len(files) - 1)
    seen = [pid for f in files for pid, _ in read_pending(f.path)]
    assert seen == expected  # same selection and order as the single-process flow
    texts = [text for f in files for _, text in read_pending(f.path)]
    assert all(t.strip() for t in texts)
    assert all(Path(f.part_path()).name.startswith("mentions-") for f in files)


def test_parquet_parts_merged_by_the_writer_equal_single_process_extraction(store_copy, tmp_path, model_dir,
                                                                           nlp_and_version):
    nlp, version = nlp_and_version
    local, parts = store_copy("local"), store_copy("parts")
    _core_extract(local, nlp, version, batch_size=2000)

    con = store.connect(parts)
    try:
        files = write_pending_batches(con, taxonomy_version=version, out_dir=tmp_path / "p", batch_size=64)
        assert len(files) > 3
        results = [extract_part(f.path, f.part_path(), nlp=nlp) for f in reversed(files)]  # any order
        assert all(pq.read_table(r["path"]).num_rows == r["mentions"] for r in results)
        written = sum(merge_part(con, f.part_path(), taxonomy_version=version) for f in files)
        assert not pending_posting_ids(con, taxonomy_version=version)
    finally:
        con.close()
    local_mentions = rows(local, MENTIONS_SQL)
    assert written == len(local_mentions) > 500
    assert rows(parts, MENTIONS_SQL) == local_mentions
    assert rows(parts, EXTRACTIONS_SQL) == rows(local, EXTRACTIONS_SQL)


@pytest.mark.slow
def test_refresh_on_dask_local_cluster_gives_the_single_process_store(prefect_harness, store_copy, tmp_path,
                                                                      model_dir):
    """``refresh(runner="dask")`` on a 2-worker LocalCluster (processes), several batches merged by the writer,
    against the single-process extract_skills flow on the same postings."""
    import shutil

    from flows.extract import extract_skills
    from flows.refresh import refresh
    from tests.helpers.scale import lever_export

    local = store_copy("local")
    local_totals = extract_skills(db_path=str(local), model_dir=str(model_dir))
    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(lever_export(), exports / lever_export().name)
    dask_db = tmp_path / "dask.duckdb"
    summary = refresh(str(exports), str(dask_db), model_dir=str(model_dir), runner="dask", batch_size=120)
    assert summary["extracted"] == local_totals["postings"] > 300
    assert rows(dask_db, MENTIONS_SQL) == rows(local, MENTIONS_SQL)
    assert rows(dask_db, EXTRACTIONS_SQL) == rows(local, EXTRACTIONS_SQL)
    assert rows(dask_db, "SELECT count(*) FROM posting_facts") == [(summary["extracted"],)]
    leftovers = [p.name for p in tmp_path.iterdir() if ".parts" in p.name or p.suffix == ".parquet"]
    assert leftovers == []
