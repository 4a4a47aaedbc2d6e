"""Writing mention batches to the store, re-extraction on a new taxonomy version, and the flow body."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from skillgap import store
from skillgap.extract import extract_batch
from skillgap.mentions import (
    extraction_counts,
    iter_posting_texts,
    pending_posting_ids,
    posting_text,
    read_mentions,
    write_batch,
)


def _add_postings(con, rows):
    for pid, title, desc in rows:
        con.execute(
            "INSERT INTO postings (posting_id, source, title, description, loaded_at) VALUES (?, 'test', ?, ?, ?)",
            [pid, title, desc, datetime(2026, 11, 1)],
        )


POSTINGS = [
    ("p1", "Backend Engineer", "Requirements:\n- 5+ years of Python\n- Go and Rust"),
    ("p2", "Chef", "Our head chef leads the kitchen."),
    ("p3", None, "Nice to have: Kubernetes, AWS Lambda"),
]


@pytest.fixture
def con(db_path):
    c = store.connect(db_path)
    _add_postings(c, POSTINGS)
    yield c
    c.close()


def test_posting_text_offsets_point_into_title_and_description():
    assert posting_text("Go Dev", "Body") == "Go Dev\n\nBody"
    assert posting_text(None, "Body") == "Body"


def test_write_batch_and_rerun_is_idempotent(con, nlp):
    version = "v1"
    pending = pending_posting_ids(con, taxonomy_version=version)
    assert pending == ["p1", "p2", "p3"]
    texts = list(iter_posting_texts(con, pending))
    assert texts[0][1].startswith("Backend Engineer\n\n")
    written = write_batch(con, extract_batch(texts, nlp=nlp), taxonomy_version=version)
    frame = read_mentions(con, taxonomy_version=version)
    assert written == frame.height
    assert set(frame["skill_id"]) == {"python", "go", "rust", "kubernetes", "aws-lambda"}
    py = frame.filter(frame["skill_id"] == "python").row(0, named=True)
    assert py["section"] == "requirements" and py["required"] is True and py["years"] == 5.0
    text = dict(texts)["p1"]
    assert text[py["start_char"] : py["end_char"]] == "Python"
    # every posting is marked extracted, also the one without mentions
    assert pending_posting_ids(con, taxonomy_version=version) == []
    counts = extraction_counts(con, taxonomy_version=version)
    assert counts == {"postings": 3, "extracted": 3, "pending": 0, "mentions": written}
    # writing the same batch again replaces, never duplicates
    write_batch(con, extract_batch(texts, nlp=nlp), taxonomy_version=version)
    assert read_mentions(con).height == written


def test_new_version_replaces_old_mentions(con, nlp):
    texts = list(iter_posting_texts(con, ["p1", "p3"]))
    write_batch(con, extract_batch(texts, nlp=nlp), taxonomy_version="v1")
    assert pending_posting_ids(con, taxonomy_version="v2") == ["p1", "p2", "p3"]
    write_batch(con, extract_batch(texts[:1], nlp=nlp), taxonomy_version="v2")
    versions = dict(con.execute(
        "SELECT posting_id, list(DISTINCT taxonomy_version) FROM skill_mentions GROUP BY posting_id"
    ).fetchall())
    assert versions == {"p1": ["v2"], "p3": ["v1"]}
    assert con.execute("SELECT count(*) FROM posting_extractions WHERE posting_id = 'p1'").fetchall()[0][0] == 1


def test_failed_batch_leaves_store_unchanged(con, nlp):
    import pyarrow as pa

    texts = list(iter_posting_texts(con, ["p1"]))
    good = extract_batch(texts, nlp=nlp)
    write_batch(con, good, taxonomy_version="v1")
    before = read_mentions(con).height
    bad = good.set_column(good.schema.get_field_index("start_char"), "start_char", pa.array([None] * good.num_rows, pa.int32()))
    with pytest.raises(Exception):
        write_batch(con, bad, taxonomy_version="v2")
    assert read_mentions(con).height == before
    assert pending_posting_ids(con, taxonomy_version="v1") == ["p2", "p3"]


@pytest.mark.slow
def test_flow_extracts_only_pending(db_path, tmp_path, tiny_taxonomy_dir, prefect_harness):
    """The one real flow run of this area (Prefect test harness)."""
    from flows.extract import extract_skills

    c = store.connect(db_path)
    _add_postings(c, POSTINGS)
    c.close()
    tax_dir = tmp_path / "tax"
    shutil.copytree(tiny_taxonomy_dir, tax_dir)
    kwargs = dict(db_path=str(db_path), batch_size=2, taxonomy_dir=str(tax_dir), model_dir=str(tmp_path / "models"))
    first = extract_skills(**kwargs)
    assert first["postings"] == 3 and first["batches"] == 2 and first["mentions"] > 0
    assert first["store_pending"] == 0
    again = extract_skills(**kwargs)
    assert again["postings"] == 0 and again["mentions"] == 0
    # a taxonomy edit is a new version: everything is re-extracted, old mentions replaced
    f = tax_dir / "skills" / "tech.yaml"
    f.write_text(f.read_text() + "- {id: kitchen, label: kitchen, category: ops, kind: concept}\n")
    third = extract_skills(**kwargs)
    assert third["postings"] == 3 and third["taxonomy_version"] != first["taxonomy_version"]
    c = store.connect(db_path, read_only=True)
    try:
        versions = {r[0] for r in c.execute("SELECT DISTINCT taxonomy_version FROM skill_mentions").fetchall()}
        assert versions == {third["taxonomy_version"]}
        assert c.execute("SELECT count(*) FROM skill_mentions WHERE skill_id = 'kitchen'").fetchall()[0][0] == 1
    finally:
        c.close()
