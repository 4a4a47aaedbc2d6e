"""All of ../shared/data/postings into a fresh store: every source present, counts match PROVENANCE.md."""

from __future__ import annotations

import pytest

from skillgap.normalize.job_seeker import SEEKER_REASON, is_job_seeker_post
from tests.helpers.ingest import query, run


@pytest.fixture(scope="module")
def shared_store(shared_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("shared") / "store.duckdb"
    summary = run([shared_dir / "data" / "postings"], db)
    return db, summary


def test_every_source_loaded_once(shared_store):
    db, s = shared_store
    per_source = dict(query(db, "SELECT source, count(*) FROM postings GROUP BY 1"))
    assert set(per_source) == {"hn", "glassdoor", "indeed", "linkedin", "cn_whoishiring"}
    assert not s["failed_files"]
    # HN: 2301 records over 7 runs, 1720 unique ids; the rest of the gap are the same post re-posted with a new id
    hn_rows = sum(p["rows"] for p in s["per_file"] if p["layout"] == "hn_raw")
    assert hn_rows == 2301
    assert query(db, "SELECT count(DISTINCT source_id) FROM postings WHERE source = 'hn'")[0][0] == per_source["hn"]
    assert 1500 <= per_source["hn"] <= 1720
    # Glassdoor/Indeed/LinkedIn: 5,729 rows, all read; the scrape repeats listings, so many are duplicates
    gil = [p for p in s["per_file"] if p["layout"] in ("glassdoor_scrape", "indeed_scrape", "linkedin_scrape")]
    assert sum(p["rows"] for p in gil) == 5729
    assert sum(p["loaded"] + p["duplicates"] + p["rejected"] for p in gil) == 5729
    # the Chinese board: 1700 parsed postings, raw/ skipped as the same comments
    cn = [p for p in s["per_file"] if p["layout"] == "cn_whoishiring_parsed"]
    assert sum(p["rows"] for p in cn) == 1700
    assert sum(1 for p in s["per_file"] if p["message"] == "comments already loaded from parsed/") == 73


def test_non_postings_skipped_not_rejected(shared_store):
    db, s = shared_store
    skipped = {p["file"].rsplit("/", 1)[-1] for p in s["per_file"] if p["status"] == "skipped"}
    assert "skills_dictionary.csv" in skipped
    labels = [p for p in s["per_file"] if p["layout"] == "hn_classified"]
    assert len(labels) == 7 and all(p["status"] == "labels" and p["rejected"] == 0 for p in labels)
    assert query(db, "SELECT count(*) FROM rejected_rows WHERE file LIKE '%skills_dictionary%' OR file LIKE '%classified%'")[0][0] == 0
    reasons = dict(query(db, "SELECT reason, count(*) FROM rejected_rows GROUP BY 1"))
    # PROVENANCE: 947/958 + 953/958 Glassdoor rows have a description; the empty ones are the only rejects besides
    # job seekers' posts in the HN hiring threads
    assert set(reasons) <= {"missing description", SEEKER_REASON}
    assert reasons.get("missing description", 0) == (958 - 947) + (958 - 953)


def test_hn_job_seekers_are_rejected_not_loaded(shared_store):
    import json

    db, _ = shared_store
    raws = [json.loads(r[0]) for r in query(db, "SELECT raw FROM rejected_rows WHERE reason = ?", [SEEKER_REASON])]
    # read by hand: six people looking for work (some posted in several monthly runs), no employer among them
    assert len({r["id"] for r in raws}) == 6
    assert all(is_job_seeker_post(r["text"]) for r in raws)
    loaded = query(db, "SELECT description FROM postings WHERE source = 'hn'")
    assert not any(is_job_seeker_post(d) for (d,) in loaded)


def test_labels_joinable_and_dates_parsed(shared_store):
    db, _ = shared_store
    def joined(kind: str) -> dict:
        return dict(query(db, "SELECT p.source, count(DISTINCT p.posting_id) FROM source_labels l "
                              "JOIN postings p USING (posting_id) WHERE l.kind = ? GROUP BY 1", [kind]))

    n = dict(query(db, "SELECT source, count(*) FROM postings GROUP BY 1"))
    # HN: every classified id has a role; only loaded postings join (near-duplicate reposts do not)
    assert joined("role")["hn"] >= n["hn"] - 5
    # the Chinese board: 1589 of 1700 parsed postings carry a techStack
    assert joined("technology")["cn_whoishiring"] >= 0.9 * n["cn_whoishiring"]
    months = dict(query(db, "SELECT source, count(DISTINCT posted_month) FROM postings GROUP BY 1"))
    assert months["hn"] == 5 and months["cn_whoishiring"] >= 60
    assert query(db, "SELECT count(*) FROM postings WHERE source = 'cn_whoishiring' AND posted_date IS NULL")[0][0] == 0
