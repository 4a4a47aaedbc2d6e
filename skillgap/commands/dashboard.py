"""CLI: `skillgap dashboard` — start the Streamlit app (read-only unless --allow-refresh)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer

from dashboard import ALLOW_REFRESH_ENV
from skillgap.commands.common import DbOption, err_console, settings_for


def streamlit_command(*, port: int, address: str) -> list[str]:
    from skillgap.settings import PROJECT_ROOT

    return [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "dashboard" / "app.py"),
        "--server.headless", "true", "--server.address", address, "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]


def dashboard_env(db_path: Path, *, allow_refresh: bool, base: dict[str, str] | None = None) -> dict[str, str]:
    """The app's environment: the store to read, and whether visitors may run a refresh (only with the flag)."""
    env = dict(os.environ if base is None else base, SKILLGAP_DB=str(db_path))
    env.pop(ALLOW_REFRESH_ENV, None)
    if allow_refresh:
        env[ALLOW_REFRESH_ENV] = "1"
    return env


def register(app: typer.Typer) -> None:
    @app.command()
    def dashboard(
        db: Optional[Path] = DbOption,
        port: int = typer.Option(8501, "--port", help="Port to serve on."),
        address: str = typer.Option(
            "127.0.0.1", "--address",
            help="Interface to bind. Keep 127.0.0.1 and put an authenticating reverse proxy in front to share it.",
        ),
        allow_refresh: bool = typer.Option(
            False, "--allow-refresh",
            help="Show 'Run refresh' on the Pipeline page (refreshes the configured exports folder only). "
            "Without it the dashboard is read-only.",
        ),
    ) -> None:
        """Start the dashboard (headless, read-only, on 127.0.0.1 by default) and print its URL."""
        from skillgap.settings import PROJECT_ROOT

        settings = settings_for(db, prefect=True)
        env = dashboard_env(settings.db_path, allow_refresh=allow_refresh)
        if address not in ("127.0.0.1", "localhost", "::1"):
            err_console.print(
                f"[yellow]Binding to {address}: anyone who can reach this port can use the dashboard and upload "
                "files. It has no login; put it behind an authenticating reverse proxy.[/]"
            )
        mode = "visitors may run a refresh" if allow_refresh else "read-only"
        err_console.print(
            f"skillgap dashboard: [bold]http://{address}:{port}[/]  (store {settings.db_path}; {mode}; Ctrl-C stops)"
        )
        try:
            subprocess.run(streamlit_command(port=port, address=address), env=env, cwd=PROJECT_ROOT, check=False)
        except KeyboardInterrupt:
            pass
