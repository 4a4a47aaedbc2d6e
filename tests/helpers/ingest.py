"""Small exports in each real layout's shape (invented content), and reads of the store they load into."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from skillgap.ingest import ingest_paths
from skillgap.ingest.load import load_file, release

LOREM = (
    "We build tools for {x}. You will design data pipelines in Python and SQL, run them on Kubernetes, "
    "and review code with a small team. Experience with Spark or dbt helps. Benefits include learning budget."
)


def body(x: str, n: int = 1) -> str:
    return " ".join(LOREM.format(x=f"{x} {i}") for i in range(n))


def write_csv(path: Path, header: list[str], rows: list[list[Any]], *, sep: str = ",", encoding: str = "utf-8") -> Path:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def table_count(db: Path, table: str, where: str = "") -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table} {where}").fetchall()[0][0]
    finally:
        con.close()


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def run(paths: list[Path | str], db: Path, **kw: Any) -> dict:
    summary = ingest_paths([str(p) for p in paths], db, **kw)
    assert summary["rows"] == summary["loaded"] + summary["duplicates"] + summary["rejected"]
    return summary


HEADER = ["id", "title", "company", "description"]


def chunk_rows(n: int) -> list[list[str]]:
    """``n`` rows under HEADER with rejected rows and near-duplicates spread across chunks."""
    rows = []
    for i in range(n):
        if i % 7 == 3:
            rows.append([f"r{i}", "", "Co", ""])  # rejected: no title, no description
        elif i % 11 == 5:
            rows.append([f"r{i}", "Repeat", "Same Co", body("same text")])  # near-duplicates across chunks
        else:
            rows.append([f"r{i}", f"Engineer {i}", f"Co {i}", body(f"row {i}") + '\n"quoted" line, with, commas'])
    return rows


def load_kept_open(path, db, **kw):
    """Load one file with the store kept open (as a refresh does), then release it."""
    try:
        return load_file(str(path), str(db), keep_open=True, **kw)
    finally:
        release(str(db))
