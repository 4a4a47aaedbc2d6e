"""CLI: `skillgap schedule` — serve the monthly refresh, or report its status."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, err_console, out_console, settings_for


def register(app: typer.Typer) -> None:
    from skillgap.scheduling import DEFAULT_CRON

    @app.command()
    def schedule(
        cron: str = typer.Option(DEFAULT_CRON, "--cron", help="When to refresh (cron, default 06:00 on the 1st)."),
        timezone: str = typer.Option("UTC", "--timezone", help="IANA timezone for the cron, e.g. Europe/Berlin."),
        exports: Optional[Path] = typer.Option(None, "--exports", help="Exports folder (default: data/exports/)."),
        db: Optional[Path] = DbOption,
        status: bool = typer.Option(False, "--status", help="Report the served schedule instead of serving it."),
        port: int = typer.Option(0, "--port", help="Port for the local Prefect server (default: a free one)."),
        json_out: bool = JsonOption,
    ) -> None:
        """Serve the deployment fetch-and-refresh/monthly on a cron schedule (Ctrl-C stops it cleanly).

        Each run fetches the sources configured in data/sources.toml (if any), then refreshes.
        """
        settings = settings_for(db, prefect=True)
        server_home = settings.prefect_home / "server"
        if status:
            _status(settings, server_home, json_out=json_out)
            return
        _serve(settings, server_home, cron=cron, timezone=timezone, exports=exports, port=port)


def _status(settings, server_home: Path, *, json_out: bool) -> None:
    import json

    from skillgap import store
    from skillgap.scheduling import deployment_status, find_api_url

    from skillgap.errors import SourcesConfigError
    from skillgap.fetch.history import fetch_status_rows, latest_fetches
    from skillgap.fetch.sources import load_sources, sources_path

    api_url = find_api_url(prefect_home=server_home, env_api_url=os.environ.get("PREFECT_API_URL"))
    result = deployment_status(api_url)
    if result["last_run"] and settings.db_path.exists():
        run_ids = [result["last_run"]["id"], *result["last_run"].get("subflow_run_ids", [])]
        con = store.connect(settings.db_path, read_only=True)
        try:
            summary = store.scalar(
                con, "SELECT summary FROM refresh_runs WHERE list_contains(?, flow_run_id) "
                "ORDER BY finished_at DESC LIMIT 1", [run_ids]
            )
        finally:
            con.close()
        result["last_run"]["summary"] = json.loads(summary) if summary else None
    result["sources_file"] = str(sources_path(settings.data_dir))
    try:
        result["sources"] = load_sources(result["sources_file"]).describe()
    except SourcesConfigError as exc:  # the status must still show; the next run will fail on it the same way
        result["sources"], result["sources_error"] = [], str(exc)
    result["fetches"] = latest_fetches(settings.data_dir)
    if json_out:
        emit_json(result)
        return
    out_console.print(f"[bold]{result['deployment']}[/]  cron '{result['cron']}' ({result['timezone']}) via {api_url}")
    out_console.print("next runs: " + (", ".join(result["next_runs"]) or "none scheduled yet"))
    last = result["last_run"]
    out_console.print(f"last run: {last['state']} at {last['started']}" if last else "last run: none yet")
    if result.get("sources_error"):
        err_console.print(f"[red]sources:[/] {result['sources_error']}", highlight=False)
    out_console.print("fetches before each refresh: " + ("; ".join(result["sources"]) or
                      f"none configured ({result['sources_file']} missing; see docs/fetch.md)"), highlight=False)
    for row in fetch_status_rows(settings.data_dir):
        out_console.print(f"  last {row['source']}: {row['finished']}: {row['fetched']}", highlight=False)


def _serve(settings, server_home: Path, *, cron: str, timezone: str, exports: Optional[Path], port: int) -> None:
    from skillgap.fetch.sources import load_sources, sources_path
    from skillgap.scheduling import LocalPrefectServer

    fetches = load_sources(sources_path(settings.data_dir)).describe()  # a bad sources.toml fails here, early

    exports_dir = (exports or settings.exports_dir).resolve()
    exports_dir.mkdir(parents=True, exist_ok=True)
    server = None
    env = dict(os.environ)
    if not env.get("PREFECT_API_URL"):
        server = LocalPrefectServer(home=server_home, port=port)
        err_console.print("Starting a local Prefect server on 127.0.0.1 (SQLite under data/prefect/server)…")
        env["PREFECT_API_URL"] = server.start()
    child = None

    def stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        err_console.print(
            f"Serving fetch-and-refresh/monthly: cron '{cron}' ({timezone}), exports {exports_dir}, "
            f"store {settings.db_path}. "
            f"API {env['PREFECT_API_URL']}. Ctrl-C to stop."
        )
        err_console.print("Fetches before each refresh: " + ("; ".join(fetches) or
                          f"none ({sources_path(settings.data_dir)} not found; see docs/fetch.md)."), highlight=False)
        child = subprocess.Popen(
            [sys.executable, "-m", "flows.serve", "--exports", str(exports_dir), "--db", str(settings.db_path),
             "--model-dir", str(settings.model_dir), "--mappings-dir", str(settings.data_dir / "mappings"),
             "--data-dir", str(settings.data_dir), "--sources", str(sources_path(settings.data_dir)),
             "--cron", cron, "--timezone", timezone],
            env=env,
        )
        child.wait()
        if child.returncode:
            raise typer.Exit(child.returncode)
    except KeyboardInterrupt:
        err_console.print("Stopping…")
    finally:
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
        if server is not None:
            server.stop()
