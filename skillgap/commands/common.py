"""Helpers shared by CLI commands: settings, JSON output, progress bars."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from skillgap import store
from skillgap.errors import AnalyzerError
from skillgap.settings import Settings, configure_prefect_env

DbOption = typer.Option(None, "--db", help="DuckDB store file (default: $SKILLGAP_DB or data/skillgap.duckdb).")
JsonOption = typer.Option(False, "--json", help="Print one JSON object instead of a readable report.")

err_console = Console(stderr=True)
out_console = Console()


def settings_for(db: Optional[Path] = None, *, prefect: bool = False) -> Settings:
    """Settings from the environment, with ``--db`` applied; prepares Prefect's offline env if asked."""
    settings = Settings.from_env(db=db)
    store.set_memory_limit(settings.duckdb_memory_limit)
    if prefect:
        configure_prefect_env(settings)
    return settings


def settings_for_flows(db: Optional[Path] = None) -> Settings:
    """``settings_for(db, prefect=True)`` for a command that runs flows in this process; also starts Prefect's
    temporary server now (``flows.temporary_server``), so that it boots while the command imports and prepares
    its work. Call ``flows_ready()`` before the first flow."""
    from flows import temporary_server

    settings = settings_for(db, prefect=True)
    temporary_server.start()
    return settings


def flows_ready() -> None:
    """Wait for the server ``settings_for_flows`` started; its failure is one clear error."""
    from flows import temporary_server

    try:
        temporary_server.wait_until_ready()
    except RuntimeError as exc:
        raise AnalyzerError(f"{exc} Run the command again; if it keeps failing, start a Prefect server "
                            "('prefect server start') and set PREFECT_API_URL to it.") from exc


def emit_json(obj: Any) -> None:
    """Write one JSON document to stdout (machine-readable contract: keep keys stable)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str, indent=2) + "\n")
    sys.stdout.flush()


def progress(*, transient: bool = True, disable: bool = False) -> Progress:
    """A rich progress bar on stderr (stdout stays clean for --json)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=transient,
        disable=disable or not err_console.is_terminal,
    )
