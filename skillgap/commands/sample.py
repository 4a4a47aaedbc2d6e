"""CLI: `skillgap sample generate` (the bundled sample) and `skillgap sample synthetic` (benchmark exports)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import JsonOption, emit_json, err_console, progress

sample_app = typer.Typer(help="Generate synthetic job-posting exports (the bundled sample, benchmark files).",
                         no_args_is_help=True)


@sample_app.command("generate")
def generate(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder to write (default: data/sample)."),
    seed: int = typer.Option(2026, "--seed", help="Random seed: the same seed writes byte-identical files."),
    postings: int = typer.Option(2400, "--postings", help="Distinct postings (duplicates come on top)."),
    months: int = typer.Option(24, "--months", help="How many months the postings span."),
    end_month: str = typer.Option("2026-10", "--end-month", help="Last month, YYYY-MM."),
    as_json: bool = JsonOption,
) -> None:
    """Regenerate the bundled sample exports (JobSpy CSV, Greenhouse JSON, Lever JSONL, board XLSX)."""
    from skillgap.commands.common import settings_for
    from skillgap.sample.exports import generate_sample

    target = out or settings_for().sample_dir
    summary = generate_sample(target, seed=seed, postings=postings, months=months, end_month=end_month)
    summary["out"] = str(target)
    if as_json:
        emit_json(summary)
        return
    typer.echo(f"Wrote {len(summary['files'])} files and README.md to {target} "
               f"({summary['start_month']} – {summary['end_month']}, seed {seed}):")
    for name, info in summary["files"].items():
        typer.echo(f"  {name:36s} {info['layout']:10s} {info['rows']:6,d} rows  "
                   f"{info['first']} – {info['last']}  {info['bytes'] / 1024:7,.0f} KiB")


@sample_app.command("synthetic")
def synthetic(
    postings: int = typer.Option(100_000, "--postings", help="Rows to write."),
    out: Path = typer.Option(..., "--out", help="File to write, e.g. data/bench/postings_100k.csv."),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv, jsonl or parquet (default: from --out)."),
    seed: int = typer.Option(2026, "--seed", help="Random seed."),
    start_month: Optional[str] = typer.Option(
        None, "--start-month", help="First month, YYYY-MM (default: the window that ends 2026-10)."
    ),
    months: int = typer.Option(24, "--months", help="How many months the postings span."),
    chunk_size: int = typer.Option(5_000, "--chunk-size", help="Rows held in memory between writes."),
    as_json: bool = JsonOption,
) -> None:
    """Stream a large synthetic export (JobSpy columns) to disk in chunks, with bounded memory."""
    from skillgap.sample.exports import write_synthetic

    with progress(transient=False, disable=as_json) as bar:
        task = bar.add_task(f"writing {out.name}", total=postings)
        summary = write_synthetic(out, postings=postings, seed=seed, start_month=start_month, months=months,
                                  fmt=fmt, chunk_size=chunk_size, on_chunk=lambda n: bar.advance(task, n))
    if as_json:
        emit_json(summary)
        return
    err_console.print(f"Wrote {summary['rows']:,} rows ({summary['format']}, {summary['bytes'] / 2**20:,.1f} MiB) "
                      f"to {summary['path']}")


def register(app: typer.Typer) -> None:
    """Add `skillgap sample ...` to the app."""
    app.add_typer(sample_app, name="sample")
