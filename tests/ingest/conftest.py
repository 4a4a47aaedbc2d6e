"""Helpers for ingest tests: write small exports in each real layout's shape (invented content)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from skillgap.ingest import ingest_paths

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


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"
