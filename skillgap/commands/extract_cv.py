"""`skillgap extract --mode cv`: a CV read by the same reader as `skillgap gap` (file type, sections, statuses)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

from skillgap.commands.common import emit_json, err_console, out_console, settings_for


def _setup(taxonomy_dir: Optional[Path]):
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    settings = settings_for(None)
    tax = load_taxonomy(taxonomy_dir or settings.taxonomy_dir)
    return load_pipeline(settings, taxonomy=tax), tax


def _document(file: Optional[Path], text: Optional[str]):
    """The CV as ``read_cv`` reads it: a file by its bytes (PDF, DOCX, TXT, MD), or text from --text / stdin."""
    from skillgap.cv import read_cv, read_cv_file
    from skillgap.errors import CVError

    if text is not None:
        return read_cv(text.encode("utf-8"), filename="text.txt")
    if file is None or str(file) == "-":
        return read_cv(sys.stdin.buffer.read(), filename="stdin.txt")
    if not file.is_file():
        raise CVError(f"No CV at '{file}'. Pass the path of a PDF, DOCX, TXT or MD file.")
    return read_cv_file(file)


def _skill_rows(skills, taxonomy) -> list[dict]:
    from skillgap.cv.status import cv_skill_rows

    return cv_skill_rows(skills, taxonomy=taxonomy)


def extract_cv(*, file: Optional[Path], text: Optional[str], jsonl: Optional[Path], taxonomy: Optional[Path],
               as_json: bool) -> None:
    """Print the mentions of one CV (or of each CV in a JSONL stream), each with its skill's status and years."""
    from skillgap.cv.skills import cv_reading

    nlp, tax = _setup(taxonomy)
    if jsonl is not None:
        n = _stream_cvs(jsonl, nlp=nlp, taxonomy=tax)
        err_console.print(f"{n} CVs extracted", style="dim")
        return
    doc = _document(file, text)
    skills, rows = cv_reading(doc, nlp=nlp, taxonomy=tax)
    for warning in doc.warnings:
        err_console.print(f"[yellow]{warning}[/]", highlight=False)
    if as_json:
        emit_json({"mentions": rows, "skills": _skill_rows(skills, tax)})
        return
    if not rows:
        out_console.print("No skills found.")
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(rows)} skill mentions in {escape(doc.filename)}")
    for col in ("skill", "status", "this mention", "years", "section", "sentence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        sentence = r["sentence"] if len(r["sentence"]) <= 80 else r["sentence"][:77] + "..."
        table.add_row(escape(f"{r['label']} ({r['skill_id']})"), r["status"], r["mention_status"],
                      "" if r["years"] is None else f"{r['years']:g}", r["section"], escape(sentence))
    out_console.print(table)


def _stream_cvs(path: Path, *, nlp, taxonomy) -> int:
    """One JSON line per input line {"id", "text"}: each text is one whole CV."""
    from skillgap.cv import read_cv
    from skillgap.cv.skills import cv_reading
    from skillgap.errors import AnalyzerError, CVError

    try:
        handle = sys.stdin if str(path) == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise AnalyzerError(f"Cannot read {path}: {exc.strerror}.") from exc
    count = 0
    try:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                rid, text = str(obj["id"]), str(obj.get("text") or "")
            except (ValueError, KeyError, TypeError) as exc:
                raise AnalyzerError(f"{path}, line {n}: expected a JSON object with \"id\" and \"text\" ({exc}).") from exc
            try:
                doc = read_cv(text.encode("utf-8"), filename=f"{rid}.txt")
                skills, rows = cv_reading(doc, nlp=nlp, taxonomy=taxonomy)
                out = {"id": rid, "mentions": rows, "skills": _skill_rows(skills, taxonomy)}
            except CVError as exc:  # an empty or unreadable text is that line's answer, not the end of the stream
                out = {"id": rid, "mentions": [], "skills": [], "error": str(exc)}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            count += 1
    finally:
        sys.stdout.flush()
        if handle is not sys.stdin:
            handle.close()
    return count
