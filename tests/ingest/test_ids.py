"""posting_id and dedup_key are stable ids other tables reference: pinned values for fixed records.

The expected values were produced by the ingest code before ids/fingerprints were vectorised (session 1); a change
here means existing stores would get duplicates on re-ingest.
"""

from __future__ import annotations

import polars as pl

from skillgap.ingest.records import _ids, dedup_key_for, posting_id_for
from tests.helpers.ingest import query, run, write_csv

ROWS = [
    # job_id, title, company, location, url, description
    ["A-1", "Sr. Data Engineer", "Acme GmbH", "Berlin, Germany", "https://jobs.example/a1",
     "We build pipelines in Python and SQL. " * 40],
    ["", "Data Analyst", "Beta Co", "Remote", "https://jobs.example/b2",
     "Analyse data with SQL, dbt and Looker; report to the head of data."],
    ["", "ML Engineer (m/w/d)", "Café Zürich AG", "Zürich", "",
     "Wir suchen – Sie können: Python, PyTorch & “MLOps” • Straße 5 • naïve résumé welcome"],
    ["", "Backend Developer", "Gamma", "", "", ""],
    ["", "Frontend Dev", "Delta", "Paris", "", "<p>React &amp; TypeScript</p><ul><li>CSS</li></ul>"],
    ["X9", "工程师", "北京科技", "北京", "", "负责数据平台开发，熟悉 Python 和 Spark。远程办公可选。"],
]
PINNED = [  # title, posting_id, dedup_key
    ("Data Analyst", "54748860d823f7d6", "0c69a2ba471279f7"),  # url id
    ("Frontend Dev", "8b2fa20d087e5108", "a66283d45bf9a77c"),  # dedup-key id, HTML description
    ("ML Engineer (m/w/d)", "e93064c9ee6b0f0e", "78dc43a8993595da"),  # dedup-key id, non-ASCII text
    ("Sr. Data Engineer", "5233fe7a3a13e24a", "5d5658bb8c38d33c"),  # source id, over 200 words
    ("工程师", "ac5f3e3828724acf", "989a13637fbd2129"),  # source id, CJK
]


def test_posting_ids_and_dedup_keys_are_pinned(tmp_path, store_path):
    f = write_csv(tmp_path / "pinboard.csv", ["job_id", "title", "company", "location", "url", "description"], ROWS)
    s = run([f], store_path)
    assert (s["loaded"], s["rejected"]) == (5, 1)
    assert query(store_path, "SELECT title, posting_id, dedup_key FROM postings ORDER BY title") == PINNED


def test_fallback_ids_are_pinned(tmp_path, store_path):
    (tmp_path / "titleboard.csv").write_text("title,company,location\nWelder,Acme,Leeds\nCook,,\n", encoding="utf-8")
    run([tmp_path / "titleboard.csv"], store_path)
    got = query(store_path, "SELECT title, posting_id, dedup_key FROM postings ORDER BY title")
    assert got == [("Cook", "2b02ffbb4b57d1ec", None), ("Welder", "979cce20b84202cc", None)]


def test_column_ids_match_the_scalar_definitions():
    df = pl.DataFrame(
        {
            "source": ["s", "s", "s", "s", "t"],
            "source_id": ["1", None, None, None, ""],
            "url": [None, "https://x.example/2", None, None, None],
            "company": ["Acme", "Beta", None, "Delta", "Eps"],
            "title": ["Sr. Dev", "Analyst", "Cook", None, "Dev II"],
            "location": ["Leeds", None, None, "Paris", None],
            "description": ["Python and SQL", "<b>Go</b> &amp; Rust", None, "café – naïve “x”", "a " * 300],
        }
    )
    out = _ids(df)
    for row in out.iter_rows(named=True):
        key = dedup_key_for(row["company"], row["title"], row["description"])
        assert row["dedup_key"] == key
        fallback = f"{row['company']}|{row['title']}|{row['location']}"
        assert row["posting_id"] == posting_id_for(row["source"], row["source_id"], row["url"], key, fallback)
