"""Bad inputs, duplicates, re-ingest and transactions."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import polars as pl
import pytest

from skillgap.errors import IngestError
from skillgap.ingest import load as load_mod
from skillgap.ingest.readers import expand, read_csv_bytes
from tests.helpers.ingest import body, query, run, table_count, write_csv

HEADER = ["title", "company", "description", "date_posted"]


def simple_csv(path: Path, n: int = 3, *, prefix: str = "p") -> Path:
    return write_csv(path, HEADER, [[f"Engineer {prefix}{i}", f"Co{prefix}{i}", body(f"{prefix}{i}"), "2026-02-0%d" % (i % 9 + 1)]
                                   for i in range(n)])


def reasons(db: Path) -> list[str]:
    return [r[0] for r in query(db, "SELECT reason FROM rejected_rows ORDER BY row_number")]


def test_rows_add_up_and_reingest_adds_nothing(tmp_path, store_path):
    f = simple_csv(tmp_path / "a.csv", 5)
    s1 = run([f], store_path)
    assert (s1["rows"], s1["loaded"]) == (5, 5)
    s2 = run([f], store_path)
    assert s2["loaded"] == 0 and s2["skipped_files"] == 1
    assert "already loaded" in s2["per_file"][0]["message"]
    assert table_count(store_path, "postings") == 5


def test_posting_id_is_stable(tmp_path):
    f = simple_csv(tmp_path / "a.csv", 2)
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    run([f], a)
    run([f], b)
    q = "SELECT posting_id FROM postings ORDER BY posting_id"
    assert query(a, q) == query(b, q) and len(query(a, q)[0][0]) == 16


def test_cp1252_bom_and_tsv(tmp_path, store_path):
    write_csv(tmp_path / "w.csv", HEADER, [["Caf\u00e9 Developer", "Cr\u00e8me", "Na\u00efve \u201cquotes\u201d " + body("w"), "2026-01-02"]],
              encoding="cp1252")
    (tmp_path / "b.tsv").write_bytes(b"\xef\xbb\xbftitle\tdescription\nTSV Dev\t" + body("tsv").encode() + b"\n")
    s = run([tmp_path], store_path)
    assert s["loaded"] == 2
    titles = {r[0]: r[1] for r in query(store_path, "SELECT title, description FROM postings")}
    assert "Caf\u00e9 Developer" in titles and titles["Caf\u00e9 Developer"].startswith("Na\u00efve \u201cquotes\u201d")
    assert "TSV Dev" in titles


def test_mojibake_fixed(tmp_path, store_path):
    text = "Caf\u00e9 \u2013 na\u00efve".encode("utf-8").decode("cp1252")
    write_csv(tmp_path / "m.csv", HEADER, [["Dev", "X", text + " " + body("m"), ""]])
    run([tmp_path], store_path)
    assert query(store_path, "SELECT description FROM postings")[0][0].startswith("Caf\u00e9 \u2013 na\u00efve")


def test_ragged_rows_and_unclosed_quote(tmp_path, store_path):
    good = body("r").replace(",", "")
    data = (f"title,company,description\nA,Co,{good}\nB,Co\nC,Co,{good},extra\nD,Co,\"never closed {good}\n").encode()
    (tmp_path / "r.csv").write_bytes(data)
    s = run([tmp_path], store_path)
    assert s["loaded"] == 1 and s["rejected"] == 3
    rs = reasons(store_path)
    assert rs[0].startswith("ragged row: 2 fields") and rs[1].startswith("ragged row: 4 fields")
    assert rs[2].startswith("unclosed quote")


def test_polars_fast_path_flags_short_rows():
    t = read_csv_bytes("x.csv", b"a,b,c\n1,2,3\n4,5\n6,7,\n")
    assert t.frame.height == 2 and [r.row_number for r in t.rejects] == [2]


def test_missing_title_and_description_rejected(tmp_path, store_path):
    write_csv(tmp_path / "e.csv", HEADER, [["", "Co", "", "2026-01-01"], ["Only title", "Co", "", ""],
                                           ["", "Co", body("no title"), ""]])
    s = run([tmp_path], store_path)
    assert (s["loaded"], s["rejected"]) == (1, 2)
    assert reasons(store_path) == ["missing title and description", "missing description"]
    # a file with no description column at all keeps title-only rows
    (tmp_path / "t").mkdir()
    write_csv(tmp_path / "t" / "titles.csv", ["title", "company"], [["Welder", "Co"]])
    assert run([tmp_path / "t"], tmp_path / "t.duckdb")["loaded"] == 1


def test_ten_mb_field_rejected_not_crash(tmp_path, store_path):
    big = "x" * (10 * 1024 * 1024)
    write_csv(tmp_path / "big.csv", HEADER, [["Huge", "Co", big, ""], ["Fine", "Co", body("f"), ""]])
    s = run([tmp_path], store_path)
    assert (s["loaded"], s["rejected"]) == (1, 1)
    assert reasons(store_path)[0].startswith("field too large: description is 10,485,760 bytes")
    jl = tmp_path / "j" / "big.jsonl"
    jl.parent.mkdir()
    jl.write_text(json.dumps({"title": "T", "description": big}) + "\n", encoding="utf-8")
    s = run([jl], tmp_path / "j.duckdb")
    assert s["rejected"] == 1 and "field too large" in reasons(tmp_path / "j.duckdb")[0]


def test_jsonl_syntax_error_names_line(tmp_path, store_path):
    lines = [json.dumps({"title": "A", "description": body("a")}), '{"title": "B", "descr', json.dumps([1, 2]),
             json.dumps({"title": "C", "description": body("c")})]
    (tmp_path / "x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = run([tmp_path], store_path)
    assert (s["loaded"], s["rejected"]) == (2, 2)
    rs = reasons(store_path)
    assert rs[0].startswith("JSON syntax error on line 2") and "line 3" in rs[1]


@pytest.mark.parametrize("name,data,expect", [
    ("empty.csv", b"", "empty"),
    ("blank.json", b"  \n", "empty"),
    ("bin.csv", b"\x00\x01\x02binary\x00" * 50, "binary"),
    ("trunc.json", b'{"jobs": [{"title": "a", "description": "b"', "not valid JSON"),
    ("trunc.csv.gz", gzip.compress(b"title,description\nA,B\n" * 100)[:40], "truncated"),
])
def test_unreadable_file_fails_and_others_load(tmp_path, store_path, name, data, expect):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = simple_csv(tmp_path / "good.csv", 2)
    s = run([bad, good], store_path)
    assert s["loaded"] == 2 and len(s["failed_files"]) == 1
    msg = s["failed_files"][0]["message"]
    assert name in msg and expect in msg and "\n" not in msg
    assert query(store_path, "SELECT status FROM load_runs WHERE file LIKE ?", [f"%{name}"])[0][0] == "failed"


def test_missing_path_fails_with_name(tmp_path, store_path):
    s = run([tmp_path / "nope.csv"], store_path)
    assert s["failed_files"][0]["message"].startswith(str(tmp_path / "nope.csv")) and s["loaded"] == 0


def test_header_only_csv(tmp_path, store_path):
    (tmp_path / "h.csv").write_text("title,description\n", encoding="utf-8")
    s = run([tmp_path], store_path)
    assert (s["rows"], s["loaded"], s["failed_files"]) == (0, 0, [])


def test_duplicates_within_file_and_near_duplicates_across_files(tmp_path, store_path):
    text = body("dup", 2)
    write_csv(tmp_path / "one.csv", ["id", "title", "company", "description"], [
        ["1", "Senior Data Engineer", "Acme", text],
        ["1", "Senior Data Engineer", "Acme", text],  # same id
        ["2", "Other", "Acme", body("other")],
    ])
    write_csv(tmp_path / "two.csv", ["id", "title", "company", "description"], [
        ["77", "Sr. Data Engineer", "ACME", "  " + text.replace(". ", ".\n\n") + "  "],  # near-duplicate
    ])
    s = run([tmp_path / "one.csv", tmp_path / "two.csv"], store_path)
    assert (s["rows"], s["loaded"], s["duplicates"]) == (4, 2, 2)


def test_gz_and_zip(tmp_path, store_path):
    raw = (tmp_path / "src.csv")
    simple_csv(raw, 2, prefix="g")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv.gz").write_bytes(gzip.compress(raw.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../escape/b.csv", simple_csv(tmp_path / "b.csv", 2, prefix="z").read_bytes())
        zf.writestr("notes.md", "not an export")
    (tmp_path / "in" / "c.zip").write_bytes(buf.getvalue())
    s = run([tmp_path / "in"], store_path)
    assert s["loaded"] == 4 and not s["failed_files"]
    files = {r[0] for r in query(store_path, "SELECT DISTINCT source_file FROM postings")}
    assert any(f.endswith("c.zip!escape/b.csv") for f in files)
    assert not (tmp_path / "escape").exists()


def test_zip_bomb_guard():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.csv", b"a" * 5_000_000)
    with pytest.raises(IngestError, match="zip bomb"):
        expand("bomb.zip", buf.getvalue(), max_bytes=1_000_000)
    with pytest.raises(IngestError, match="zip bomb"):
        expand("bomb.gz", gzip.compress(b"a" * 5_000_000), max_bytes=1_000_000)


def test_xlsx_and_parquet(tmp_path, store_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Job Title", "Company Name", "Job Description", "Date Posted"])
    ws.append(["Excel Analyst", "Sheets Ltd", body("xlsx"), "2026-01-20"])
    wb.save(tmp_path / "e.xlsx")
    pl.DataFrame({"title": ["Parquet Dev"], "description": [body("pq")], "min_amount": [100.0], "posted": [1767225600]}
                 ).write_parquet(tmp_path / "p.parquet")
    s = run([tmp_path], store_path)
    assert s["loaded"] == 2
    got = dict(query(store_path, "SELECT title, posted_date::VARCHAR FROM postings"))
    assert got == {"Excel Analyst": "2026-01-20", "Parquet Dev": "2026-01-01"}


def test_folder_with_non_postings_csv_is_skipped(tmp_path, store_path):
    simple_csv(tmp_path / "jobs.csv", 2)
    write_csv(tmp_path / "skills_dictionary.csv", ["Statistics", "Python", "Other"], [["regression", "pandas", "git"]])
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    s = run([tmp_path], store_path)
    assert (s["files"], s["skipped_files"], s["rejected"], s["loaded"]) == (2, 1, 0, 2)
    skipped = [p for p in s["per_file"] if p["status"] == "skipped"][0]
    assert skipped["message"] == "not postings: no title or description column found; columns seen: Statistics, Python, Other"
    # named explicitly, the same file fails with the columns listed
    s2 = run([tmp_path / "skills_dictionary.csv"], tmp_path / "x.duckdb")
    assert "columns seen: Statistics, Python, Other" in s2["failed_files"][0]["message"]


def test_failed_transaction_leaves_store_unchanged(tmp_path, store_path, monkeypatch):
    run([simple_csv(tmp_path / "first.csv", 2, prefix="f")], store_path)
    before = {t: table_count(store_path, t) for t in ("postings", "load_runs", "rejected_rows", "source_labels")}

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(load_mod, "_insert_rejects", boom)
    bad = write_csv(tmp_path / "second.csv", HEADER, [["New", "Co", body("n"), ""], ["", "", "", ""]])
    with pytest.raises(RuntimeError):
        run([bad], store_path)
    after = {t: table_count(store_path, t) for t in before}
    assert after == before


def test_unexpected_read_error_fails_only_that_file(tmp_path, store_path, monkeypatch):
    real = load_mod.map_table

    def flaky(table, layout, ctx):
        if table.name.endswith("bad.csv"):
            raise ValueError("weird cell")
        return real(table, layout, ctx)

    monkeypatch.setattr(load_mod, "map_table", flaky)
    simple_csv(tmp_path / "bad.csv", 2, prefix="b")
    simple_csv(tmp_path / "good.csv", 2, prefix="g")
    s = run([tmp_path], store_path)
    assert s["loaded"] == 2 and "ValueError: weird cell" in s["failed_files"][0]["message"]
