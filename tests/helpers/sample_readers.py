"""Readers for the sample files, written independently of the generator (plain csv/json/openpyxl)."""

from __future__ import annotations

import csv
import json
from pathlib import Path


def read_jobspy(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_greenhouse(folder: Path) -> list[dict]:
    jobs = []
    for p in sorted(folder.glob("greenhouse_*.json")):
        jobs += json.loads(p.read_text(encoding="utf-8"))["jobs"]
    return jobs


def read_lever(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_generic(folder: Path) -> tuple[list[str], list[dict]]:
    from openpyxl import load_workbook

    (path,) = folder.glob("generic_board_*.xlsx")
    wb = load_workbook(path, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    header = list(rows[0])
    return header, [dict(zip(header, r)) for r in rows[1:]]
