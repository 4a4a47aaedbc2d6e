"""CLI: `skillgap match CV JOB` — how well a CV fits one job ad, what it lacks, and a plan for that job."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, err_console, out_console, settings_for


def register(app: typer.Typer) -> None:
    @app.command()
    def match(
        cv: Path = typer.Argument(..., help="Your CV: PDF, DOCX, TXT or MD.", exists=False),
        job: Optional[str] = typer.Argument(
            None, help="The job ad: a .txt, .md, .html, .pdf or .docx file, or - to read it from stdin."
        ),
        posting: Optional[str] = typer.Option(None, "--posting", help="Match a stored posting by its id instead."),
        db: Optional[Path] = DbOption,
        hours_per_week: float = typer.Option(8.0, "--hours-per-week", min=1, max=80, help="Study hours per week."),
        json_out: bool = JsonOption,
    ) -> None:
        """Score a CV against one job ad: matched and missing skills, the score's parts, and a plan for the job."""
        from rich.markup import escape as rich_escape

        from skillgap.errors import CVError, JobAdUnreadable
        from skillgap.match import match_for_cv
        from skills_taxonomy.load import load_taxonomy
        from skills_taxonomy.pipeline import load_pipeline

        if (job is None) == (posting is None):
            raise JobAdUnreadable("Give the job ad either as JOB (a file, or - for stdin) or as --posting ID, not "
                                  + ("both." if job else "neither."))
        settings = settings_for(db)
        if not cv.is_file():
            raise CVError(f"No CV at '{cv}'. Pass the path of a PDF, DOCX, TXT or MD file.")
        ad = _read_ad(job, posting, db_path=settings.db_path)
        taxonomy = load_taxonomy(settings.taxonomy_dir)
        nlp = load_pipeline(settings.model_dir, taxonomy=taxonomy)
        doc, _, result = match_for_cv(cv.read_bytes(), cv.name, ad, taxonomy=taxonomy, nlp=nlp,
                                      hours_per_week=hours_per_week)
        for warning in [*doc.warnings, *ad.warnings]:
            err_console.print(f"[yellow]{rich_escape(warning)}[/]")
        if json_out:
            emit_json({**result.to_dict(), "cv_warnings": list(doc.warnings)})
            return
        _print_report(result)


def _read_ad(job: str | None, posting: str | None, *, db_path: Path):
    from skillgap import store
    from skillgap.jobad import job_ad_from_posting, read_job_ad, read_job_ad_file

    if posting is not None:
        con = store.connect(db_path, read_only=True)
        try:
            return job_ad_from_posting(con, posting)
        finally:
            con.close()
    if job == "-":
        return read_job_ad(sys.stdin.buffer.read(), filename="stdin")
    return read_job_ad_file(job)


def _print_report(result) -> None:
    from rich.markup import escape
    from rich.table import Table

    b = result.breakdown
    head = " — ".join(escape(x) for x in (result.title, result.company) if x) or escape(result.ad["source"])
    out_console.print(f"[bold]{head}[/]")
    out_console.print(f"Match score [bold]{result.score * 100:.0f}%[/]  ({escape(result.explanation)})")
    if result.verdict == "insufficient_cv":
        out_console.print(f"[yellow]Only {result.cv_skills} skill(s) from skillgap's cloud, data and AI taxonomy found "
                          "in the CV: it is from another field, or it was not read well (a scanned PDF, another "
                          "language). Read the score with that in mind.[/]")
    for name, label in (("required", "required"), ("preferred", "nice to have")):
        part = b[name]
        if part["skills"]:
            out_console.print(
                f"  {label}: {part['skills']} skills weighing {part['weight']:g} of {b['weighted_total']:g}; "
                f"earned {part['credit']:g} ({part['used']} in use, {part['listed']} only listed, "
                f"{part['implied']} implied, {part['missing']} missing)"
            )
    if b["years_penalty"]:
        out_console.print(f"  fewer years than asked: −{b['years_penalty'] * 100:.1f} points")
    table = Table(title="Skills the ad asks for")
    for col in ("skill", "asked as", "your CV", "where (your CV, or the ad when missing)"):
        table.add_column(col)
    for m in result.matched:
        status = {"used": "[green]in use[/]", "listed": "[yellow]only listed[/]", "implied": "[cyan]implied[/]"}
        table.add_row(escape(m["label"]), "required" if m["required"] else "nice to have",
                      status.get(m["cv_status"], m["cv_status"]), escape(m["cv_evidence"] or "")[:90])
    for m in result.missing:
        implied = m["cv_status"] == "implied"
        table.add_row(escape(m["label"]), "required" if m["required"] else "nice to have",
                      "[cyan]implied, not named[/]" if implied else "[red]missing[/]",
                      escape((m["cv_evidence"] if implied else m["job_evidence"]) or "")[:90])
    out_console.print(table)
    if result.plan:
        plan = Table(title="Plan for this job")
        for col in ("#", "phase", "step", "hours", "weeks", "score after", "why"):
            plan.add_column(col)
        for s in result.plan:
            after = "—" if s.get("coverage_after") is None else f"{s['coverage_after'] * 100:.0f}%"
            plan.add_row(str(s["order"]), str(s.get("phase") or ""), escape(s["label"]), str(s["hours"]),
                         f"{s['start_week']}–{s['end_week']}", after, escape(s.get("why") or ""))
        out_console.print(plan)
