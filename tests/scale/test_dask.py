"""Extraction partitioned into Parquet batches (and over a Dask LocalCluster) gives the single-process store."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from skillgap import store
from skillgap.batches import extract_part, merge_part, read_pending, write_pending_batches
from skillgap.mentions import pending_posting_ids

from .conftest import EXTRACTIONS_SQL, MENTIONS_SQL, rows


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


def test_dask_local_cluster_store_is_identical_to_single_process(prefect_harness, store_copy, model_dir):
    """The real flow on a 2-worker Dask LocalCluster (processes), several batches, merged by the writer."""
    from flows.extract import extract_skills
    from flows.extract_dask import run_extract_dask

    local, dask_db = store_copy("local"), store_copy("dask")
    local_totals = extract_skills(db_path=str(local), model_dir=str(model_dir))
    totals = run_extract_dask(str(dask_db), n_workers=2, batch_size=120, model_dir=str(model_dir))
    assert totals["batches"] >= 3
    assert totals["postings"] == local_totals["postings"] > 300
    assert totals["mentions"] == local_totals["mentions"]
    assert totals["store_pending"] == 0
    assert rows(dask_db, MENTIONS_SQL) == rows(local, MENTIONS_SQL)
    assert rows(dask_db, EXTRACTIONS_SQL) == rows(local, EXTRACTIONS_SQL)
    leftovers = [p for p in dask_db.parent.iterdir() if p.name.endswith(".parts") or p.suffix == ".parquet"]
    assert leftovers == []
    # a second run finds nothing pending and changes nothing
    again = run_extract_dask(str(dask_db), n_workers=2, batch_size=120, model_dir=str(model_dir))
    assert again["postings"] == 0 and again["batches"] == 0
    assert rows(dask_db, MENTIONS_SQL) == rows(local, MENTIONS_SQL)
