"""CLI: `skillgap roles` and `skillgap trends` (market analytics)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, out_console, settings_for


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
        months: int = typer.Option(12, "--months", help="How many recent months (the window starts no earlier "
                                   "than the first month with postings)."),
        skill: Optional[list[str]] = typer.Option(None, "--skill", help="Skill id(s) to show in the table (repeatable); "
                                                  "rising/declining are always tested over every skill."),
        country: Optional[str] = typer.Option(None, "--country", help="ISO country code, e.g. US."),
        remote: Optional[bool] = typer.Option(None, "--remote/--onsite", help="Only remote (or only on-site) postings."),
        seniority: Optional[str] = typer.Option(None, "--seniority", help="intern, junior, mid, senior, lead, "
                                                "principal or manager."),
        period: str = typer.Option("month", "--period", help="Table columns: month, quarter or rolling "
                                   "(each month with the two before it)."),
        min_support: int = typer.Option(10, "--min-support", help="Postings asking for a skill before it is tested."),
        top: int = typer.Option(15, "--top", help="Rows in the readable table and the lists."),
        json_out: bool = JsonOption,
    ) -> None:
        """Skill demand over time with 95 % intervals; rising / declining only where a corrected test says so."""
        from skillgap import market, store
        from skillgap.errors import UnknownRole

        if period not in market.PERIODS:
            raise typer.BadParameter(f"use one of {', '.join(market.PERIODS)}", param_hint="--period")
        settings = settings_for(db)
        con = store.connect(settings.db_path, read_only=True)
        try:
            if role:
                known = set(market.role_counts(con)["role"].to_list())
                if role not in known:
                    raise UnknownRole(f"Unknown role {role!r}. Known roles: {', '.join(sorted(known))}.")
            f = market.MarketFilter(role=role, country=country, remote=remote, seniority=seniority)
            result = market.trends(con, f, months=months, skills=skill or None, min_support=min_support, top=top)
            shown_skills = [s["skill_id"] for s in result["skills"][:top]]
            window = market.resolve_window(con, replace(f, months=months))
            series = market.share_series(con, window, skills=shown_skills or None, period=period)
        finally:
            con.close()
        if json_out:
            emit_json(result)
            return
        _print_trends(result, series, role=role, top=top)


def _print_trends(result: dict, series, *, role: str | None, top: int) -> None:
    """The readable table of skill shares per period, then the rising, declining and emerging lists."""
    from rich.table import Table

    from skillgap import market
    from skillgap.market_format import percent, points_per_month

    periods = sorted(series["period"].unique().to_list())[-4:] if not series.is_empty() else []
    cells = {(r["period"], r["skill_id"]): r for r in series.iter_rows(named=True)}
    sizes = {r["period"]: (r["period_postings"], r["low_support"]) for r in series.iter_rows(named=True)}
    table = Table(title=f"Skill share of postings{' — ' + role if role else ''} "
                        f"({result['window_postings']:,} dated postings, {len(result['months'])} months)")
    table.add_column("skill")
    for p in periods:
        n, low = sizes[p]
        table.add_column(f"{p}\n(n={n:,}){'*' if low else ''}", justify="right")
    table.add_column("pts/mo", justify="right")
    table.add_column("95% CI", justify="right")
    table.add_column("q", justify="right")
    for s in result["skills"][:top]:
        shares = [percent(cells[(p, s["skill_id"])]["share"]) if (p, s["skill_id"]) in cells else "—" for p in periods]
        table.add_row(s["label"], *shares, _points(s["trend"]), _interval(s["trend_ci"]), _q(s["q_value"]))
    out_console.print(table)
    if any(sizes[p][1] for p in periods):
        out_console.print(f"* fewer than {market.LOW_SUPPORT_POSTINGS} postings in that period: read with care")
    if result["note"]:
        out_console.print(f"[yellow]{result['note']}[/yellow]")
        return
    for name in ("rising", "declining", "emerging"):
        items = "; ".join(
            f"{e['label']} {points_per_month(e['trend'])} (95% CI {_interval(e['trend_ci'])}, q {_q(e['q_value'])}, "
            f"{e['support']:,} postings"
            + (f", {percent(e['early_share'])} → {percent(e['recent_share'])}" if "early_share" in e else "") + ")"
            for e in result[name]
        ) or "none passes the test"
        out_console.print(f"[bold]{name}[/bold]: {items}")
    rule = result["method"]
    out_console.print(
        f"[dim]A mover has q ≤ {rule['alpha']} (Benjamini–Hochberg over the skills with ≥ {rule['min_support']} "
        f"postings) and changes by ≥ {rule['min_slope'] * 100:g} pts/mo or ≥ {rule['min_relative_per_year']:.0%} "
        "of its share a year. See docs/market.md.[/dim]"
    )


def _points(slope: float | None) -> str:
    from skillgap.market_format import points_per_month

    return points_per_month(slope).removesuffix(" pts/mo")


def _interval(ci: list[float] | None) -> str:
    return "—" if not ci else f"{_points(ci[0])}…{_points(ci[1])}"


def _q(q: float | None) -> str:
    return "—" if q is None else ("<0.001" if q < 0.001 else f"{q:.3f}")
