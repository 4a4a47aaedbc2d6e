"""CLI: `skillgap demo` — the README's main job: the whole pipeline on the bundled sample, then the dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, err_console, out_console, settings_for


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        db: Optional[Path] = DbOption,
        dashboard: bool = typer.Option(True, "--dashboard/--no-dashboard", help="Start the dashboard at the end."),
        port: int = typer.Option(8501, "--port", help="Dashboard port."),
    ) -> None:
        """Refresh the store from the bundled sample (ingest → extract → aggregate), show a summary, open the dashboard."""
        import subprocess

        from skillgap import market, store
        from skillgap.commands.dashboard import streamlit_command
        from skillgap.settings import PROJECT_ROOT

        settings = settings_for(db, prefect=True)
        err_console.print(f"[bold]1/3[/] Refreshing {settings.db_path} from the sample in {settings.sample_dir} …")
        from flows.refresh import refresh as refresh_flow

        summary = refresh_flow(str(settings.sample_dir), str(settings.db_path), model_dir=str(settings.model_dir),
                               mappings_dir=str(settings.data_dir / "mappings"))
        out_console.print(
            f"    {summary['files']} files, {summary['loaded']:,} postings loaded, {summary['duplicates']:,} duplicates, "
            f"{summary['rejected']:,} rejected, {summary['extracted']:,} postings extracted"
        )
        err_console.print("[bold]2/3[/] The market in the store:")
        con = store.connect(settings.db_path, read_only=True)
        try:
            for r in market.role_counts(con).head(8).iter_rows(named=True):
                out_console.print(f"    {r['label']:<28} {r['postings']:>6,} postings")
            top = market.demand(con, market.MarketFilter(months=12)).head(10)
            out_console.print(
                "    top skills (last 12 months): "
                + ", ".join(f"{r['label']} {r['share'] * 100:.0f}%" for r in top.iter_rows(named=True))
            )
        finally:
            con.close()
        out_console.print(
            "    try: skillgap gap YOUR_CV.pdf --role ml-engineer · skillgap trends --role data-engineer"
        )
        if not dashboard:
            return
        err_console.print(f"[bold]3/3[/] Dashboard at [bold]http://127.0.0.1:{port}[/] (Ctrl-C stops)")
        import os

        env = dict(os.environ, SKILLGAP_DB=str(settings.db_path))
        try:
            subprocess.run(streamlit_command(port=port, address="127.0.0.1"), env=env, cwd=PROJECT_ROOT, check=False)
        except KeyboardInterrupt:
            pass
