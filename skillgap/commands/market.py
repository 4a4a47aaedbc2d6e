"""CLI: `skillgap roles` and `skillgap trends` (market analytics)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, out_console, settings_for


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _pts(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.1f} pts"


def register(app: typer.Typer) -> None:
    @app.command()
    def roles(db: Optional[Path] = DbOption, json_out: bool = JsonOption) -> None:
        """Role families in the store with their posting counts."""
        from rich.table import Table

        from skillgap import market, store

        settings = settings_for(db)
        con = store.connect(settings.db_path, read_only=True)
        try:
            frame = market.role_counts(con)
        finally:
            con.close()
        rows = frame.to_dicts()
        if json_out:
            emit_json({"roles": rows})
            return
        table = Table(title=f"Role families — {sum(r['postings'] for r in rows):,} postings")
        table.add_column("role")
        table.add_column("label")
        table.add_column("postings", justify="right")
        for r in rows:
            table.add_row(r["role"], r["label"], f"{r['postings']:,}")
        out_console.print(table)

    @app.command()
    def trends(
        db: Optional[Path] = DbOption,
        role: Optional[str] = typer.Option(None, "--role", help="Role family id (see `skillgap roles`)."),
        months: int = typer.Option(12, "--months", help="How many recent months to show."),
        skill: Optional[list[str]] = typer.Option(None, "--skill", help="Skill id(s) to follow (repeatable)."),
        country: Optional[str] = typer.Option(None, "--country", help="ISO country code, e.g. US."),
        remote: Optional[bool] = typer.Option(None, "--remote/--onsite", help="Only remote (or only on-site) postings."),
        min_support: int = typer.Option(10, "--min-support", help="Postings needed before a skill can be rising/declining."),
        top: int = typer.Option(15, "--top", help="Rows in the readable table and the lists."),
        json_out: bool = JsonOption,
    ) -> None:
        """Skill demand month by month: shares, changes, rising, declining and emerging skills."""
        from rich.table import Table

        from skillgap import market, store
        from skillgap.errors import UnknownRole

        settings = settings_for(db)
        con = store.connect(settings.db_path, read_only=True)
        try:
            if role:
                known = set(market.role_counts(con)["role"].to_list())
                if role not in known:
                    raise UnknownRole(f"Unknown role {role!r}. Known roles: {', '.join(sorted(known))}.")
            f = market.MarketFilter(role=role, country=country, remote=remote)
            result = market.trends(con, f, months=months, skills=skill or None, min_support=min_support, top=top)
        finally:
            con.close()
        if json_out:
            emit_json(result)
            return
        shown = result["months"][-6:]
        postings = result["postings"]
        table = Table(title=f"Skill share of postings{' — ' + role if role else ''}")
        table.add_column("skill")
        for m in shown:
            flag = "*" if m in result["low_support_months"] else ""
            table.add_column(f"{m}\n(n={postings[m]:,}){flag}", justify="right")
        table.add_column("MoM", justify="right")
        table.add_column("trend/mo", justify="right")
        for s in result["skills"][:top]:
            table.add_row(s["label"], *(_pct(s["share"][m]) for m in shown), _pts(s["change"]), _pts(s["trend"]))
        out_console.print(table)
        if result["low_support_months"]:
            out_console.print(f"* fewer than {market.LOW_SUPPORT_POSTINGS} postings that month: read with care")
        for name in ("rising", "declining", "emerging"):
            items = ", ".join(f"{e['label']} ({_pct(e['latest_share'])})" for e in result[name]) or "none with enough support"
            out_console.print(f"[bold]{name}[/bold]: {items}")
