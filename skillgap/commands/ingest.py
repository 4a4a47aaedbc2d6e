"""CLI: `skillgap ingest PATH... [--db DB] [--json]` — load job-posting exports with the ingest_exports flow."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from skillgap.commands.common import (DbOption, JsonOption, emit_json, err_console, flows_ready, out_console,
                                     progress, settings_for_flows)


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: List[Path] = typer.Argument(..., help="Export files and/or folders (walked recursively)."),
        db: Optional[Path] = DbOption,
        json_out: bool = JsonOption,
        mapping: List[Path] = typer.Option(
            [], "--mapping", help="A YAML/TOML mapping file for an export layout (repeatable); "
            "data/mappings/*.yaml are used too."
        ),
        max_field_mb: float = typer.Option(1.0, "--max-field-mb", help="Reject rows with a field larger than this."),
    ) -> None:
        """Load job-posting exports (CSV/TSV, JSON, JSON Lines, Parquet, XLSX, .gz/.zip) into the store.

        Exit code: 0 when anything loaded (failed files are listed as "failed_files" with a warning);
        1 when files failed and nothing loaded.
        """
        from rich.markup import escape

        settings = settings_for_flows(db)
        from flows.ingest import add_file_listener, ingest_exports, remove_file_listener
        from skillgap.ingest import discover

        n_files = sum(1 for _ in discover(list(paths)))
        with progress(disable=False) as bar:
            task_id = bar.add_task("ingest", total=n_files)

            def on_file(result: dict) -> None:
                bar.update(task_id, advance=1, description=f"ingest {Path(result['file']).name}")
                if result["status"] == "skipped":
                    err_console.print(f"[yellow]skipped[/] {escape(result['file'])}: {escape(_one_line(result['message']))}",
                                      soft_wrap=True, highlight=False)
                elif result["status"] == "failed":
                    err_console.print(f"[red]failed[/] {escape(_one_line(result['message']))}", soft_wrap=True,
                                      highlight=False)

            add_file_listener(on_file)
            try:
                flows_ready()
                summary = ingest_exports(
                    [str(p) for p in paths], str(settings.db_path), mappings=[str(m) for m in mapping],
                    mappings_dir=str(settings.data_dir / "mappings"), max_field_bytes=int(max_field_mb * (1 << 20)),
                )
            finally:
                remove_file_listener(on_file)
        failed = summary["failed_files"]
        if json_out:
            emit_json(summary)
        else:
            out_console.print(
                f"{summary['files']} files ({summary['skipped_files']} skipped, {len(failed)} failed): "
                f"{summary['rows']:,} rows → {summary['loaded']:,} loaded, {summary['duplicates']:,} duplicates, "
                f"{summary['rejected']:,} rejected; {summary['labels']:,} source labels kept → {settings.db_path}"
            )
            for reason, n in sorted(summary["rejection_reasons"].items(), key=lambda kv: -kv[1]):
                out_console.print(f"  rejected {n:>6,}  {reason}")
        for warning in summary.get("warnings") or []:
            err_console.print(f"[yellow]warning:[/] {escape(warning)}", soft_wrap=True, highlight=False)
        if failed:
            err_console.print(f"[yellow]warning:[/] {len(failed)} file(s) failed to load (see above).")
            if not summary["loaded"] and not summary["labels"]:
                raise typer.Exit(1)


def _one_line(message: str | None) -> str:
    text = " ".join((message or "").split())
    return text if len(text) <= 300 else text[:297] + "..."
