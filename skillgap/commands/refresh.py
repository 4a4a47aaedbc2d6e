"""CLI: `skillgap refresh` — run the refresh flow now."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, err_console, flows_ready, out_console
from skillgap.commands.common import settings_for_flows


def register(app: typer.Typer) -> None:
    @app.command()
    def refresh(
        exports: Optional[Path] = typer.Option(None, "--exports", help="Exports folder (default: data/exports/)."),
        db: Optional[Path] = DbOption,
        json_out: bool = JsonOption,
        runner: str = typer.Option(
            "local", "--runner", help="Where extraction runs: local (this process) or dask (a Dask cluster)."
        ),
        dask_address: Optional[str] = typer.Option(
            None, "--dask-address", help="Dask scheduler for --runner dask (tcp://host:8786); default: a LocalCluster."
        ),
        parquet_dir: Optional[Path] = typer.Option(
            None, "--parquet-dir",
            help="Also keep month-partitioned Parquet of postings and mentions here (changed months rewritten).",
        ),
        workers: Optional[int] = typer.Option(
            None, "--workers", min=1,
            help="Extraction processes (default: the usable cores, when there are enough new postings; 1: this process).",
        ),
    ) -> None:
        """Ingest new exports, extract skills and rebuild the market view, landing atomically."""
        if runner not in ("local", "dask"):
            raise typer.BadParameter(f"--runner must be local or dask, not {runner!r}")
        if dask_address and runner != "dask":
            raise typer.BadParameter("--dask-address needs --runner dask")
        settings = settings_for_flows(db)
        exports_dir = (exports or settings.exports_dir).resolve()
        if not exports_dir.is_dir():
            from skillgap.errors import IngestError

            raise IngestError(f"Exports folder {exports_dir} does not exist; create it and drop export files in it.")
        from flows.refresh import refresh as refresh_flow

        from skillgap.cores import resolve_workers

        most = resolve_workers(workers, postings=None) if runner == "local" else None
        extract_on = "" if most is None else (" (1 process)" if most == 1 else f" (up to {most} worker processes)")
        status = f"Refreshing: ingest → extract{extract_on} → aggregate…"
        with out_console.status(status, spinner="dots") if not json_out else nullcontext():
            if runner == "local":  # while Prefect's server boots: the pipeline, loaded here or by the workers' server
                _prepare_extraction(exports_dir, settings, workers=workers)
            flows_ready()
            summary = refresh_flow(str(exports_dir), str(settings.db_path), model_dir=str(settings.model_dir),
                                   runner=runner, dask_address=dask_address, workers=workers,
                                   mappings_dir=str(settings.data_dir / "mappings"),
                                   parquet_dir=str(parquet_dir.resolve()) if parquet_dir else None)
        if json_out:
            emit_json(summary)
            return
        out_console.print(
            f"[bold green]Refreshed[/] {settings.db_path}: {summary['files']} files "
            f"({summary['skipped_files']} skipped), {summary['loaded']} postings loaded, "
            f"{summary['duplicates']} duplicates, {summary['rejected']} rejected, "
            f"{summary['extracted']} postings extracted; months: {', '.join(summary['months']) or 'none new'}"
        )
        for warning in summary.get("warnings") or []:
            err_console.print(f"[yellow]warning:[/] {warning}", soft_wrap=True, highlight=False)
        for m in summary["top_movers"]:
            out_console.print(f"  mover: {m['label']} {m['change'] * 100:+.1f} pts")


def _prepare_extraction(exports_dir: Path, settings, *, workers: Optional[int]) -> None:
    from skillgap.workers import prepare_extraction
    from skills_taxonomy.load import load_taxonomy

    prepare_extraction(exports_dir, model_dir=settings.model_dir, taxonomy=load_taxonomy(settings.taxonomy_dir),
                       workers=workers)
