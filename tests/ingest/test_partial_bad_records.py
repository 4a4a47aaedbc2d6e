"""One bad record rejects that record, not the file (issue #10): deep JSON, lone surrogates, invalid UTF-8 in
Parquet, stray NUL bytes in a CSV. Files that truly can't be read still fail with one line naming the file."""

from __future__ import annotations

import io
import json
import os

import pytest

from skillgap.ingest.load import load_file, release
from skillgap.ingest.readers import check_not_binary
from tests.helpers.ingest import body, query, table_count

GOOD = [{"id": f"g{i}", "title": f"Data Engineer {i}", "company": f"Co {i}", "description": body(f"good {i}")}
        for i in range(3)]


def _load(path, db):
    try:
        return load_file(str(path), str(db), keep_open=True)
    finally:
        release(str(db))


def _rejects(db):
    return query(db, "SELECT row_number, reason FROM rejected_rows ORDER BY row_number")


def _deep(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


def test_json_record_nested_too_deep_is_rejected_alone(tmp_path, store_path):
    recs = [json.dumps(GOOD[0]), json.dumps({**GOOD[1], "description": "__DEEP__"}), json.dumps(GOOD[2])]
    text = '{"jobs": [' + ", ".join(recs) + "]}"
    (tmp_path / "deep.json").write_text(text.replace('"__DEEP__"', _deep(50_000)), encoding="utf-8")
    r = _load(tmp_path / "deep.json", store_path)
    assert (r["status"], r["loaded"], r["rejected"]) == ("loaded", 2, 1)
    [(row, reason)] = _rejects(store_path)
    assert row == 2 and "nested too deeply" in reason


def test_jsonl_line_nested_too_deep_is_rejected_alone(tmp_path, store_path):
    lines = [json.dumps(GOOD[0]), "[" * 50_000 + "]" * 50_000, json.dumps(GOOD[1])]
    (tmp_path / "deep.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = _load(tmp_path / "deep.jsonl", store_path)
    assert (r["loaded"], r["rejected"]) == (2, 1)
    [(row, reason)] = _rejects(store_path)
    assert row == 2 and "nested too deeply" in reason and "line 2" in reason


def test_json_that_is_only_a_deep_value_fails_with_the_file_name(tmp_path, store_path):
    (tmp_path / "only_deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    r = _load(tmp_path / "only_deep.json", store_path)
    assert r["loaded"] == 0
    if r["status"] == "failed":
        assert "only_deep.json" in r["message"] and "\n" not in r["message"]
    else:
        assert r["rejected"] == 1 and "nested too deeply" in _rejects(store_path)[0][1]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_lone_surrogate_rejects_only_its_record(tmp_path, store_path, fmt):
    recs = [GOOD[0], {**GOOD[1], "company": "BAD_COMPANY"}, GOOD[2]]
    if fmt == "json":
        text = json.dumps({"jobs": recs})
    else:
        text = "".join(json.dumps(r) + "\n" for r in recs)
    path = tmp_path / f"sur.{fmt}"
    path.write_text(text.replace("BAD_COMPANY", "Comp\\ud800any"), encoding="utf-8")
    r = _load(path, store_path)
    assert (r["status"], r["loaded"], r["rejected"]) == ("loaded", 2, 1)
    [(row, reason)] = _rejects(store_path)
    assert row == 2 and "company" in reason and "surrogate" in reason
    # a proper surrogate pair is a real character and loads
    pair = tmp_path / f"pair.{fmt}"
    pair.write_text(text.replace("BAD_COMPANY", "Smile \\ud83d\\ude00 Co"), encoding="utf-8")
    r2 = _load(pair, tmp_path / "pair.duckdb")
    assert (r2["loaded"], r2["rejected"]) == (3, 0)
    assert ("Smile \U0001f600 Co",) in query(tmp_path / "pair.duckdb", "SELECT company FROM postings")


def test_parquet_invalid_utf8_rejects_only_its_row(tmp_path, store_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    desc = pa.array([GOOD[0]["description"].encode(), b"Broken \xff\xfe text " + GOOD[1]["description"].encode(),
                     GOOD[2]["description"].encode()], type=pa.binary()).view(pa.string())
    table = pa.table({"title": [g["title"] for g in GOOD], "company": [g["company"] for g in GOOD],
                      "description": desc})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    (tmp_path / "bad.parquet").write_bytes(buf.getvalue())
    r = _load(tmp_path / "bad.parquet", store_path)
    assert (r["status"], r["loaded"], r["rejected"]) == ("loaded", 2, 1)
    assert _rejects(store_path) == [(2, "invalid UTF-8 in field description")]
    assert {t for (t,) in query(store_path, "SELECT title FROM postings")} == {"Data Engineer 0", "Data Engineer 2"}


def test_nul_byte_early_in_csv_is_not_binary(tmp_path, store_path):
    lines = ["title,company,description"] + [f'{g["title"]},{g["company"]},"{g["description"]}"' for g in GOOD]
    data = "\n".join(lines).encode().replace(b"Co 1", b"Co\x00 1") + b"\n"
    assert data.index(b"\x00") < 8192
    (tmp_path / "nul.csv").write_bytes(data)
    r = _load(tmp_path / "nul.csv", store_path)
    assert r["status"] == "loaded" and r["loaded"] + r["rejected"] == 3 and r["loaded"] >= 2
    assert table_count(store_path, "postings") == r["loaded"]


def test_real_binary_still_fails_as_binary(tmp_path):
    from skillgap.errors import IngestError

    with pytest.raises(IngestError, match="looks like a binary file"):
        check_not_binary("x.csv", os.urandom(8192))
    with pytest.raises(IngestError, match="looks like a binary file"):
        check_not_binary("x.csv", b"title\x00\x00\x00\x00,desc\x00\x00\x00\x00\n" * 50)
