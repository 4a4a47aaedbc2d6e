"""Month-partitioned Parquet: export from a small store, query in place, rewrite only touched months."""

from __future__ import annotations

import json

import duckdb
import pytest

from skillgap import store
from skillgap.errors import StoreError
from skillgap.partitioned import attach_parquet, connect_parquet, export_parquet, read_manifest

SHARE_SQL = """
    SELECT p.posted_month, m.skill_id, count(DISTINCT m.posting_id) AS n
    FROM skill_mentions m JOIN postings p USING (posting_id)
    GROUP BY ALL
"""


@pytest.fixture
def small_store(store_copy):
    """The Lever sample with two made-up mentions per posting (no spaCy needed)."""
    db = store_copy("parquet_src")
    con = store.connect(db)
    try:
        con.execute(
            """INSERT INTO skill_mentions
               SELECT posting_id, 't-1', CASE WHEN hash(posting_id) % 2 = 0 THEN 'python' ELSE 'sql' END,
                      NULL, 0, 3, 'x', 'sentence', 'requirements', true, NULL FROM postings"""
        )
        con.execute(
            "INSERT INTO skill_mentions SELECT posting_id, 't-1', 'docker', NULL, 10, 16, 'Docker', 's', 'other', "
            "NULL, 2.0 FROM postings WHERE hash(posting_id) % 3 = 0"
        )
        yield con
    finally:
        try:
            con.close()
        except Exception:
            pass


def _sorted(con, sql):
    return sorted(con.execute(sql).fetchall(), key=repr)


def test_export_layout_is_month_partitioned_and_queries_match_the_store(small_store, tmp_path):
    con = small_store
    root = tmp_path / "lake"
    summary = export_parquet(con, root)
    months = [r[0] for r in con.execute("SELECT DISTINCT posted_month FROM postings ORDER BY 1").fetchall()]
    assert summary.months == months and len(months) >= 6
    assert summary.rows["postings"] == con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
    for table in ("postings", "skill_mentions"):
        folders = sorted(p.name for p in (root / table).iterdir())
        assert folders == [f"month={m}" for m in months]
        assert all(list((root / table / f).glob("*.parquet")) for f in folders)
    manifest = read_manifest(root)
    assert manifest["tables"]["postings"]["months"] == months
    assert json.loads((root / "_manifest.json").read_text())["partition"] == "month"

    lake = connect_parquet(root)
    try:
        assert _sorted(lake, SHARE_SQL) == _sorted(con, SHARE_SQL)
        assert _sorted(lake, "SELECT posting_id, title, description FROM postings") == _sorted(
            con, "SELECT posting_id, title, description FROM postings")
        # the partition column comes from the folder names and filters on it
        n0 = lake.execute(f"SELECT count(*) FROM postings WHERE month = '{months[0]}'").fetchall()[0][0]
        assert n0 == con.execute("SELECT count(*) FROM postings WHERE posted_month = ?", [months[0]]).fetchall()[0][0]
    finally:
        lake.close()


def test_reexport_of_one_month_leaves_the_others_untouched(small_store, tmp_path):
    con = small_store
    root = tmp_path / "lake"
    export_parquet(con, root)
    months = read_manifest(root)["tables"]["postings"]["months"]
    first, last = months[0], months[-1]
    before = {p: p.stat().st_mtime_ns for p in (root / "postings" / f"month={first}").glob("*.parquet")}
    con.execute("DELETE FROM skill_mentions WHERE skill_id = 'docker' AND posting_id IN "
                "(SELECT posting_id FROM postings WHERE posted_month = ?)", [last])
    summary = export_parquet(con, root, months=[last])
    assert summary.months == [last]
    after = {p: p.stat().st_mtime_ns for p in (root / "postings" / f"month={first}").glob("*.parquet")}
    assert after == before
    lake = connect_parquet(root)
    try:
        assert _sorted(lake, SHARE_SQL) == _sorted(con, SHARE_SQL)
    finally:
        lake.close()
    assert not [p for p in root.rglob(".staging-*")] and not [p for p in root.rglob(".old-*")]


def test_views_beside_a_store_and_kind_errors(small_store, tmp_path):
    con = small_store
    with pytest.raises(StoreError, match="export-parquet"):
        connect_parquet(tmp_path / "nothing")
    with pytest.raises(StoreError, match="object storage"):
        export_parquet(con, "s3://bucket/lake")
    export_parquet(con, tmp_path / "lake")
    names = attach_parquet(con, tmp_path / "lake", prefix="lake_")
    assert names == ["lake_postings", "lake_skill_mentions"]
    assert con.execute("SELECT count(*) FROM lake_postings").fetchall() == con.execute(
        "SELECT count(*) FROM postings").fetchall()
    assert duckdb.__version__  # the views are plain DuckDB: no extension needed for local folders


def test_cli_export_then_query_in_place(small_store, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from skillgap.cli import app

    con = small_store
    db = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    expected = con.execute("SELECT count(*) FROM skill_mentions WHERE skill_id = 'docker'").fetchall()[0][0]
    con.close()  # the CLI opens the store itself
    runner = CliRunner()
    root = tmp_path / "lake"
    res = runner.invoke(app, ["export-parquet", "--out", str(root), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["rows"]["skill_mentions"] > expected > 0
    monkeypatch.setenv("SKILLGAP_PARQUET_ROOT", str(root))  # the read side finds the root in the environment
    res = runner.invoke(app, ["parquet-sql", "SELECT count(*) AS n FROM skill_mentions WHERE skill_id = 'docker'",
                              "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == {"columns": ["n"], "rows": [[expected]]}
