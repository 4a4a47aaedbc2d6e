"""CLI: `skillgap export-parquet` and `skillgap parquet-sql` — month-partitioned Parquet beside (or instead of) the store.

The Parquet root comes from ``--out``/``--root`` or ``$SKILLGAP_PARQUET_ROOT``. See docs/scaling.md for the layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, out_console, settings_for

PARQUET_ENV = "SKILLGAP_PARQUET_ROOT"


def register(app: typer.Typer) -> None:
    @app.command("export-parquet")
    def export_parquet_cmd(
        out: Path = typer.Option(..., "--out", envvar=PARQUET_ENV, help=f"Parquet root folder (or ${PARQUET_ENV})."),
        month: List[str] = typer.Option(
            [], "--month", help="Only rewrite this month (YYYY-MM, repeatable); default: every month."
        ),
        db: Optional[Path] = DbOption,
        json_out: bool = JsonOption,
    ) -> None:
        """Write postings and skill mentions as month-partitioned Parquet that DuckDB queries in place."""
        settings = settings_for(db)
        from skillgap import store
        from skillgap.partitioned import export_parquet

        con = store.connect(settings.db_path, read_only=True)
        try:
            summary = export_parquet(con, out, months=list(month) or None)
        finally:
            con.close()
        if json_out:
            emit_json(summary.to_dict())
            return
        mb = sum(summary.bytes.values()) / 1e6
        out_console.print(
            f"[bold green]Exported[/] {summary.rows.get('postings', 0):,} postings and "
            f"{summary.rows.get('skill_mentions', 0):,} mentions in {len(summary.months)} months "
            f"to {summary.root} ({mb:,.1f} MB)"
        )

    @app.command("parquet-sql")
    def parquet_sql_cmd(
        sql: str = typer.Argument(..., help="SQL over the views postings and skill_mentions."),
        root: Path = typer.Option(..., "--root", envvar=PARQUET_ENV, help=f"Parquet root folder (or ${PARQUET_ENV})."),
        limit: int = typer.Option(50, "--limit", help="Print at most this many rows."),
        json_out: bool = JsonOption,
    ) -> None:
        """Run read-only SQL against an exported Parquet root (no DuckDB store needed)."""
        from skillgap.partitioned import connect_parquet

        con = connect_parquet(root)
        try:
            rel = con.sql(sql)
            columns = list(rel.columns) if rel is not None else []
            rows = rel.limit(limit).fetchall() if rel is not None else []
        finally:
            con.close()
        if json_out:
            emit_json({"columns": columns, "rows": [list(r) for r in rows]})
            return
        from rich.table import Table

        table = Table(*columns)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        out_console.print(table)
