"""CLI: `skillgap gap CV` — the gap between a CV and a target role, with a learning plan."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, err_console, out_console, settings_for
from skillgap.commands.plan_table import pct as _pct
from skillgap.commands.plan_table import print_milestones


def register(app: typer.Typer) -> None:
    @app.command()
    def gap(
        cv: Path = typer.Argument(..., help="Your CV: PDF, DOCX, TXT or MD.", exists=False),
        role: str = typer.Option("ml-engineer", "--role", help="Target role: a role id (see `skillgap roles`) or a job title."),
        db: Optional[Path] = DbOption,
        hours_per_week: float = typer.Option(8.0, "--hours-per-week", min=1, max=80, help="Study hours per week."),
        country: Optional[str] = typer.Option(None, "--country", help="Only postings in this country (ISO code)."),
        remote: Optional[bool] = typer.Option(None, "--remote/--onsite", help="Only remote (or on-site) postings."),
        seniority: Optional[str] = typer.Option(None, "--seniority", help="intern, junior, mid, senior, lead, principal, manager."),
        months: Optional[int] = typer.Option(None, "--months", help="Only the last N months of postings."),
        markdown: Optional[Path] = typer.Option(None, "--markdown", help="Also write the plan as Markdown here."),
        csv_out: Optional[Path] = typer.Option(None, "--csv", help="Also write the plan as CSV here."),
        have: Optional[list[str]] = typer.Option(None, "--have", help="Skills you do have although the CV reading missed them: ids or labels, comma-separated."),
        not_held: Optional[list[str]] = typer.Option(None, "--not", help="Skills the CV reading credited you with that you do not have: ids or labels, comma-separated."),
        profile: Optional[Path] = typer.Option(None, "--profile", help="A YAML/JSON file of corrections kept beside your CV (see docs/cv.md); --have/--not add to it."),
        progress_file: Optional[Path] = typer.Option(
            None, "--progress", help="A progress file (JSON) marking plan steps done or skipped: the plan is rebuilt without them."),
        target_coverage: float = typer.Option(
            0.7, "--target-coverage", min=0.05, max=1.0,
            help="Coverage (0-1) the job-ready milestone aims at; the next step up when the CV is already past it."),
        full_plan: bool = typer.Option(False, "--full-plan", help="Print every milestone's steps, not only the first."),
        json_out: bool = JsonOption,
    ) -> None:
        """Compare a CV with what the market asks for a role and print a learning plan, job-ready milestone first."""
        from rich.markup import escape as rich_escape

        from skillgap import market, store
        from skillgap.errors import CVError, StoreMissing
        from skillgap.gap import gap_for_cv
        from skillgap.market import MarketFilter
        from skillgap.plan import PlanOptions, plan_of, plan_to_csv, plan_to_markdown, read_progress_file, report_context
        from skills_taxonomy.load import load_taxonomy
        from skills_taxonomy.pipeline import load_pipeline

        settings = settings_for(db)
        if not cv.is_file():
            raise CVError(f"No CV at '{cv}'. Pass the path of a PDF, DOCX, TXT or MD file.")
        data = cv.read_bytes()
        options = PlanOptions(target_coverage=target_coverage,
                              progress=read_progress_file(progress_file) if progress_file else None)
        taxonomy = load_taxonomy(settings.taxonomy_dir)
        nlp = load_pipeline(settings.model_dir, taxonomy=taxonomy)
        corrections = _corrections(profile, have or [], not_held or [], taxonomy=taxonomy)
        try:
            con = store.connect(settings.db_path, read_only=True)
        except StoreMissing:
            con = None
            err_console.print(f"[yellow]No store at {settings.db_path}: using the guides' role profile only.[/]")
        try:
            f = MarketFilter(country=country, remote=remote, seniority=seniority, months=months)
            doc, _, result = gap_for_cv(
                data, cv.name, taxonomy=taxonomy, nlp=nlp, con=con, role=role, f=f, hours_per_week=hours_per_week,
                corrections=corrections, plan_options=options,
            )
            freshness = market.store_freshness(con)
        finally:
            if con is not None:
                con.close()
        if markdown:
            context = report_context(result, freshness=freshness, taxonomy=taxonomy)
            markdown.write_text(plan_to_markdown(plan_of(result), role_label=result.role_label, context=context),
                                encoding="utf-8")
        if csv_out:
            csv_out.write_text(plan_to_csv(result.plan_steps), encoding="utf-8")
        for warning in doc.warnings:  # how the file was read ("UTF-16 without a BOM", "only the first 30 pages")
            err_console.print(f"[yellow]{rich_escape(warning)}[/]")
        if json_out:
            emit_json({**result.to_dict(), "cv_warnings": list(doc.warnings)})
            return
        _print_report(result, full_plan=full_plan)


def _corrections(profile: Optional[Path], have: list[str], not_held: list[str], *, taxonomy) -> dict[str, str]:
    from skillgap.profile import corrections_from_options

    return corrections_from_options(profile, have=have, not_held=not_held, taxonomy=taxonomy)


def _print_report(result, *, full_plan: bool = False) -> None:
    from rich.table import Table

    basis = {"market": "market demand", "blend": "market demand blended with the guides", "guides": "the guides' role profile"}
    out_console.print(
        f"[bold]{result.role_label}[/] — coverage [bold]{_pct(result.coverage)}[/] "
        f"(demand from {result.postings:,} postings; {basis[result.basis]})"
    )
    if result.verdict == "insufficient_cv":
        out_console.print(
            f"[yellow]Only {result.cv_skills} skill(s) found in the CV: not enough to judge. "
            "Is it a scanned PDF, or in another language?[/]"
        )
    elif result.verdict == "no_gaps":
        out_console.print("[green]No gaps: the CV shows every skill this role's postings ask for.[/]")
    if result.milestones:
        first = result.milestones[0]
        out_console.print(f"[bold]{_MILESTONE_TITLES.get(first['name'], first['name'])} in {first['hours']:,} h[/] "
                          f"(by week {first['until_week']}): {first['steps']} step(s) lift the coverage to "
                          f"{_pct(first['coverage'])} — the plan is below.")
    have = ", ".join(h["label"] for h in result.have) or "none"
    out_console.print(f"[green]have[/]: {have}")
    if result.weak:
        out_console.print("[yellow]listed but not shown in use[/]: " + ", ".join(w["label"] for w in result.weak))
    learning = [m["label"] for m in result.missing if m.get("in_progress")]
    if learning:
        out_console.print("[cyan]learning (still counted as missing)[/]: " + ", ".join(learning))
    _print_cv_skills(result.cv.get("skills", []))
    table = Table(title="Missing skills (most valuable first)")
    for col in ("skill", "asked in", "trend/mo", "priority"):
        table.add_column(col, justify="left" if col == "skill" else "right")
    for m in result.missing[:15]:
        trend = "—" if m.get("trend") is None else f"{m['trend'] * 100:+.1f} pts"
        table.add_row(m["label"], _pct(m["demand"]), trend, "—" if m["priority"] is None else f"{m['priority']:.2f}")
    out_console.print(table)
    _print_plan(result, full_plan=full_plan)
    if result.closest_postings:
        close = Table(title="Closest postings")
        for col in ("title", "company", "coverage", "still needs"):
            close.add_column(col)
        for p in result.closest_postings:
            close.add_row(p["title"] or "", p["company"] or "", _pct(p["coverage"]), ", ".join(m["label"] for m in p["missing"][:5]))
        out_console.print(close)


_STATUS_WORDS = {"used": "used", "listed": "listed only", "learning": "learning", "not_held": "not held"}


def _print_cv_skills(rows: list[dict]) -> None:
    """One line per status: every skill read in the CV (ids to use with --have / --not in brackets)."""
    from rich.markup import escape as rich_escape

    out_console.print("[bold]Skills found in your CV[/] (correct them with --have / --not / --profile):")
    for status, words in _STATUS_WORDS.items():
        names = [
            f"{r['label']}" + (f" ({r['years']:g} y)" if r.get("years") else "") + (" *" if r.get("implied_by") else "")
            for r in rows if r["status"] == status
        ]
        if names:
            out_console.print(f"  [bold]{words}[/]: " + rich_escape(", ".join(names)))
    if any(r.get("implied_by") for r in rows):
        out_console.print("  [dim]* implied by a more specific skill you hold[/]")


_MILESTONE_TITLES = {"job-ready": "Job-ready", "strong candidate": "Strong candidate", "the rest": "The rest"}


def _print_plan(result, *, full_plan: bool) -> None:
    """The first milestone's steps in a table; later milestones as one line each unless ``full_plan``."""
    if not result.plan:
        return
    done = result.plan_progress.get("done") or []
    if done or result.plan_progress.get("skipped"):
        out_console.print(f"Progress: {len(done)} step(s) done, {len(result.plan_progress.get('skipped') or [])} "
                          f"skipped; the plan starts from {_pct(result.plan_progress.get('start_coverage'))} coverage.")

    def head(m: dict) -> str:
        target = f"{_pct(m['target_coverage'])} target" if m["target_coverage"] is not None else "everything else"
        reached = "" if m["reached"] else " [yellow](not reachable with the role's skills in reach)[/]"
        return f"[bold]{_MILESTONE_TITLES.get(m['name'], m['name'])}[/]: {_pct(m['coverage'])} coverage ({target}){reached}"

    print_milestones(result, full_plan=full_plan, head=head, after_column="coverage after")
