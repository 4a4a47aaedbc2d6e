"""CLI: `skillgap sample generate` (the bundled sample), `skillgap sample cvs` (sample CVs) and
`skillgap sample synthetic` (benchmark exports)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import JsonOption, emit_json, err_console, progress

sample_app = typer.Typer(help="Generate synthetic data: job-posting exports (the bundled sample, benchmark files) "
                         "and sample CVs.",
                         no_args_is_help=True)


@sample_app.command("generate")
def generate(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder to write (default: data/sample)."),
    seed: int = typer.Option(2026, "--seed", help="Random seed: the same seed writes byte-identical files."),
    postings: int = typer.Option(2400, "--postings", help="Distinct postings (duplicates come on top)."),
    months: int = typer.Option(24, "--months", help="How many months the postings span."),
    end_month: str = typer.Option("2026-10", "--end-month", help="Last month, YYYY-MM."),
    cvs: bool = typer.Option(True, "--cvs/--no-cvs", help="Also write the sample CVs into <out>/cvs."),
    as_json: bool = JsonOption,
) -> None:
    """Regenerate the bundled sample exports (JobSpy CSV, Greenhouse JSON, Lever JSONL, board XLSX) and CVs."""
    from skillgap.commands.common import settings_for
    from skillgap.sample.cvs import CV_DIR_NAME, write_sample_cvs
    from skillgap.sample.exports import generate_sample

    target = out or settings_for().sample_dir
    summary = generate_sample(target, seed=seed, postings=postings, months=months, end_month=end_month)
    summary["out"] = str(target)
    if cvs:
        summary["cvs"] = write_sample_cvs(target / CV_DIR_NAME, seed=seed)
    if as_json:
        emit_json(summary)
        return
    typer.echo(f"Wrote {len(summary['files'])} files and README.md to {target} "
               f"({summary['start_month']} – {summary['end_month']}, seed {seed}):")
    for name, info in summary["files"].items():
        typer.echo(f"  {name:36s} {info['layout']:10s} {info['rows']:6,d} rows  "
                   f"{info['first']} – {info['last']}  {info['bytes'] / 1024:7,.0f} KiB")
    if cvs:
        _echo_cvs(summary["cvs"])


@sample_app.command("cvs")
def cvs_command(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder to write (default: data/sample/cvs)."),
    seed: int = typer.Option(2026, "--seed", help="Random seed: the same seed writes byte-identical files."),
    as_json: bool = JsonOption,
) -> None:
    """Write the synthetic sample CVs (TXT, Markdown, DOCX, PDF) for trying `skillgap gap` and the dashboard."""
    from skillgap.commands.common import settings_for
    from skillgap.sample.cvs import CV_DIR_NAME, write_sample_cvs

    summary = write_sample_cvs(out or settings_for().sample_dir / CV_DIR_NAME, seed=seed)
    if as_json:
        emit_json(summary)
        return
    _echo_cvs(summary)


def _echo_cvs(summary: dict) -> None:
    typer.echo(f"Wrote {len(summary['files']) - len(summary['skipped'])} sample CVs and README.md to "
               f"{summary['out']} (seed {summary['seed']}):")
    for name, info in summary["files"].items():
        note = "  (skipped: install fpdf2, the test extra, to rewrite it)" if name in summary["skipped"] else ""
        typer.echo(f"  {name:42s} {info['format']:5s} {info['role']:16s} {info['persona']}{note}")


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
