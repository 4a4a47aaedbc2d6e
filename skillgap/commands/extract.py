"""CLI: `skillgap extract` — skill mentions in one text, or in a JSONL stream of texts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import JsonOption, emit_json, err_console, out_console, settings_for


def _nlp(taxonomy: Optional[Path]):
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    settings = settings_for(None)
    tax = load_taxonomy(taxonomy or settings.taxonomy_dir)
    return load_pipeline(settings, taxonomy=tax)


def _read_text(file: Optional[Path], text: Optional[str]) -> str:
    from skillgap.errors import AnalyzerError

    if text is not None:
        return text
    if file is None or str(file) == "-":
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise AnalyzerError(f"Cannot read {file}: {exc.strerror}. Check the path, or pass --text.") from exc


def _stream_jsonl(path: Path, nlp, mode: str, workers: Optional[int] = None) -> int:
    from skillgap.errors import AnalyzerError
    from skillgap.workers import iter_jsonl_output
    from skills_taxonomy.pipeline import model_path, pipeline_info

    handle = sys.stdin if str(path) == "-" else None
    if handle is None:
        try:
            handle = open(path, encoding="utf-8")
        except OSError as exc:
            raise AnalyzerError(f"Cannot read {path}: {exc.strerror}.") from exc

    bad: list[AnalyzerError] = []

    def rows():
        # a bad line ends the input, but is raised only after every line before it is written: the pipeline reads a
        # whole batch ahead, and an error raised while reading would drop the answers of that batch's earlier lines
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                row = str(obj["id"]), str(obj.get("text") or "")
            except (ValueError, KeyError, TypeError) as exc:
                error = AnalyzerError(f"{path}, line {n}: expected a JSON object with \"id\" and \"text\" ({exc}).")
                error.__cause__ = exc
                bad.append(error)
                return
            yield row

    count = 0
    out = sys.stdout
    try:
        def announce(n: int) -> None:
            if n > 1:
                err_console.print(f"extracting on {n} worker processes", style="dim")

        import gc

        gc.freeze()  # the loaded pipeline stays to the end: keep its objects out of every later collection
        pipeline_path = model_path(settings_for(None).model_dir, pipeline_info(nlp)["taxonomy_version"])
        chunks = iter_jsonl_output(rows(), nlp=nlp, pipeline_path=pipeline_path, mode=mode, workers=workers,
                                   on_workers=announce)
        try:
            for chunk in chunks:
                out.write(chunk)
                out.flush()
                count += chunk.count("\n")
        finally:
            chunks.close()  # on Ctrl-C too: the worker pool stops here, not whenever the generator is collected
        if bad:
            raise bad[0]
    finally:
        out.flush()
        if handle is not sys.stdin:
            handle.close()
    return count


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        file: Optional[Path] = typer.Argument(None, help="Text file to read ('-' or nothing: stdin)."),
        text: Optional[str] = typer.Option(None, "--text", help="Extract from this text instead of a file."),
        jsonl: Optional[Path] = typer.Option(
            None, "--jsonl", help="Read lines {\"id\", \"text\"} ('-' = stdin); write one JSON line per input."
        ),
        mode: str = typer.Option("posting", "--mode", help="posting (drops company blurb/benefits) or cv (a whole CV, read as `gap` reads it: PDF/DOCX/TXT, statuses)."),
        taxonomy: Optional[Path] = typer.Option(None, "--taxonomy", help="Taxonomy data folder (default: packaged)."),
        as_json: bool = JsonOption,
        workers: Optional[int] = typer.Option(
            None, "--workers", min=1,
            help="With --jsonl: extraction processes (default: the usable cores, when the input has enough texts; "
                 "1: this process).",
        ),
    ) -> None:
        """Find the skills mentioned in a job posting or CV, with evidence."""
        from skillgap.errors import AnalyzerError

        if mode not in ("posting", "cv"):
            raise AnalyzerError(f"--mode must be 'posting' or 'cv', not {mode!r}.")
        if mode == "cv":  # the same CV reader as `skillgap gap`: file type, sections, statuses, one CV per text
            from skillgap.commands.extract_cv import extract_cv

            return extract_cv(file=file, text=text, jsonl=jsonl, taxonomy=taxonomy, as_json=as_json)
        nlp = _nlp(taxonomy)
        if jsonl is not None:
            n = _stream_jsonl(jsonl, nlp, mode, workers)
            err_console.print(f"{n} texts extracted", style="dim")
            return
        from skillgap.extract import extract_mentions

        mentions = extract_mentions(_read_text(file, text), nlp=nlp, mode=mode)
        if as_json:
            emit_json({"mentions": [m.to_dict() for m in mentions]})
            return
        if not mentions:
            out_console.print("No skills found.")
            return
        from rich.table import Table

        table = Table(title=f"{len(mentions)} skill mentions")
        for col in ("skill", "text", "chars", "section", "required", "years", "sentence"):
            table.add_column(col, overflow="fold")
        for m in mentions:
            req = "yes" if m.required else ("nice" if m.required is False else "")
            sentence = m.sentence if len(m.sentence) <= 80 else m.sentence[:77] + "..."
            table.add_row(f"{m.label} [dim]({m.skill_id})[/dim]", m.text, f"{m.start}-{m.end}", m.section, req,
                          "" if m.years is None else f"{m.years:g}", sentence)
        out_console.print(table)
