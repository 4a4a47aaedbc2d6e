"""CLI: `skillgap match CV JOB` — how well a CV fits one job ad, what it lacks, and a plan for that job."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, err_console, out_console, settings_for
from skillgap.commands.plan_table import pct as _pct
from skillgap.commands.plan_table import print_milestones


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
        have: Optional[list[str]] = typer.Option(None, "--have", help="Skills you do have although the CV reading missed them: ids or labels, comma-separated."),
        not_held: Optional[list[str]] = typer.Option(None, "--not", help="Skills the CV reading credited you with that you do not have: ids or labels, comma-separated."),
        profile: Optional[Path] = typer.Option(None, "--profile", help="A YAML/JSON file of corrections kept beside your CV (see docs/cv.md); --have/--not add to it."),
        progress_file: Optional[Path] = typer.Option(
            None, "--progress", help="A progress file (JSON) marking plan steps done or skipped: the plan is rebuilt without them."),
        markdown: Optional[Path] = typer.Option(None, "--markdown", help="Also write the match report and its plan as Markdown here."),
        csv_out: Optional[Path] = typer.Option(None, "--csv", help="Also write the plan as CSV here."),
        full_plan: bool = typer.Option(False, "--full-plan", help="Print every milestone's steps, not only the first."),
        json_out: bool = JsonOption,
    ) -> None:
        """Score a CV against one job ad: matched and missing skills, the score's parts, and a plan for the job."""
        from rich.markup import escape as rich_escape

        from skillgap.errors import CVError, JobAdUnreadable
        from skillgap.match import match_for_cv
        from skillgap.match_report import match_to_markdown
        from skillgap.plan import plan_to_csv, read_progress_file
        from skillgap.profile import corrections_from_options
        from skills_taxonomy.load import load_taxonomy
        from skills_taxonomy.pipeline import load_pipeline

        if (job is None) == (posting is None):
            raise JobAdUnreadable("Give the job ad either as JOB (a file, or - for stdin) or as --posting ID, not "
                                  + ("both." if job else "neither."))
        settings = settings_for(db)
        if not cv.is_file():
            raise CVError(f"No CV at '{cv}'. Pass the path of a PDF, DOCX, TXT or MD file.")
        ad = _read_ad(job, posting, db_path=settings.db_path)
        progress = read_progress_file(progress_file) if progress_file else None
        taxonomy = load_taxonomy(settings.taxonomy_dir)
        corrections = corrections_from_options(profile, have=have or [], not_held=not_held or [], taxonomy=taxonomy)
        nlp = load_pipeline(settings.model_dir, taxonomy=taxonomy)
        doc, _, result = match_for_cv(cv.read_bytes(), cv.name, ad, taxonomy=taxonomy, nlp=nlp,
                                      hours_per_week=hours_per_week, corrections=corrections, progress=progress)
        if markdown:
            markdown.write_text(match_to_markdown(result, taxonomy=taxonomy), encoding="utf-8")
        if csv_out:
            csv_out.write_text(plan_to_csv(result.plan_steps), encoding="utf-8")
        for warning in [*doc.warnings, *ad.warnings]:
            err_console.print(f"[yellow]{rich_escape(warning)}[/]")
        if json_out:
            emit_json({**result.to_dict(), "cv_warnings": list(doc.warnings)})
            return
        _print_report(result, full_plan=full_plan)


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


def _print_report(result, *, full_plan: bool = False) -> None:
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
    if result.corrections:
        out_console.print("Your corrections: " + escape(", ".join(f"{k} {v.replace('_', ' ')}"
                                                                  for k, v in result.corrections.items())))
    _print_plan(result, full_plan=full_plan)


_MILESTONE_TITLES = {"job-ready": "Job-ready for this ad", "strong candidate": "Strong candidate",
                     "the rest": "The rest (nice-to-haves)"}


def _print_plan(result, *, full_plan: bool) -> None:
    """The job-ready milestone's steps in a table (the ad's required skills); later ones as a line unless asked."""
    done, skipped = result.plan_progress.get("done") or [], result.plan_progress.get("skipped") or []
    if done or skipped:
        out_console.print(f"Progress: {len(done)} step(s) done, {len(skipped)} skipped; the plan starts from a "
                          f"score of {_pct(result.plan_progress.get('start_coverage'))}.")

    def head(m: dict) -> str:
        target = f"target {_pct(m['target_coverage'])}" if m["target_coverage"] is not None else "everything else"
        reached = "" if m["reached"] else " [yellow](some required skills cannot be planned)[/]"
        return f"[bold]{_MILESTONE_TITLES.get(m['name'], m['name'])}[/]: score {_pct(m['coverage'])} ({target}){reached}"

    print_milestones(result, full_plan=full_plan, head=head, after_column="score after")


