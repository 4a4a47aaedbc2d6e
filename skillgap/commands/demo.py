"""CLI: `skillgap demo` — the README's main job: the whole pipeline on the bundled sample, then the dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, err_console, flows_ready, out_console, settings_for_flows
from skillgap.cv.samples import CV_DIR_NAME, DEMO_CV


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

        settings = settings_for_flows(db)
        err_console.print(f"[bold]1/4[/] Refreshing {settings.db_path} from the sample in {settings.sample_dir} …")
        from flows.refresh import refresh as refresh_flow

        flows_ready()
        summary = refresh_flow(str(settings.sample_dir), str(settings.db_path), model_dir=str(settings.model_dir),
                               mappings_dir=str(settings.data_dir / "mappings"))
        out_console.print(
            f"    {summary['files']} files, {summary['loaded']:,} postings loaded, {summary['duplicates']:,} duplicates, "
            f"{summary['rejected']:,} rejected, {summary['extracted']:,} postings extracted"
        )
        err_console.print("[bold]2/4[/] The market in the store:")
        con = store.connect(settings.db_path, read_only=True)
        try:
            for r in market.role_counts(con).head(8).iter_rows(named=True):
                out_console.print(f"    {r['label']:<28} {r['postings']:>6,} postings")
            top = market.demand(con, market.MarketFilter(months=12)).head(10)
            out_console.print(
                "    top skills (last 12 months): "
                + ", ".join(f"{r['label']} {r['share'] * 100:.0f}%" for r in top.iter_rows(named=True))
            )
            err_console.print("[bold]3/4[/] A sample CV against that market:")
            _print_sample_gap(settings, con)
        finally:
            con.close()
        cv_dir = _shown(settings.sample_dir / CV_DIR_NAME)
        out_console.print(
            f"    try: skillgap gap {cv_dir}/{DEMO_CV}.txt --role data-engineer · skillgap gap YOUR_CV.pdf "
            "--role ml-engineer · skillgap trends --role data-engineer"
        )
        if not dashboard:
            return
        err_console.print(
            f"[bold]4/4[/] Dashboard at [bold]http://127.0.0.1:{port}[/] (Ctrl-C stops) — on [bold]My gap[/], upload "
            f"your CV or pick one under “Try a sample CV” (the files are in {cv_dir}/)"
        )
        from skillgap.commands.dashboard import dashboard_env

        env = dashboard_env(settings.db_path, allow_refresh=False)  # the demo's dashboard is read-only
        try:
            subprocess.run(streamlit_command(port=port, address="127.0.0.1"), env=env, cwd=PROJECT_ROOT, check=False)
        except KeyboardInterrupt:
            pass


def _shown(path: Path) -> str:
    """``path`` relative to the project when it is inside it (shorter, and what the README shows)."""
    from skillgap.settings import PROJECT_ROOT

    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def sample_gap_lines(cv, result, *, top: int = 5) -> list[str]:
    """What the demo prints for a sample CV's gap: file and persona, role and coverage, the first plan steps."""
    basis = {"market": "market demand", "blend": "market demand blended with the guides",
             "guides": "the guides' role profile"}  # fmt: skip
    lines = [
        f"    {_shown(cv.path)} — {cv.persona}",
        f"    target role [bold]{result.role_label}[/]: coverage [bold]{result.coverage * 100:.0f}%[/] "
        f"({result.cv_skills} skills found in the CV; demand from {result.postings:,} postings, "
        f"{basis[result.basis]})",
    ]
    if not result.plan:
        lines.append("    no plan: the CV already shows what this role asks for")
        return lines
    first = result.milestones[0] if result.milestones else None
    if first:
        lines.append(f"    {first['name']} in {first['hours']:,} h ({first['steps']} steps, by week {first['until_week']} "
                     f"at 8 h a week): coverage {first['coverage'] * 100:.0f}%")
    lines.append(f"    first {min(top, len(result.plan))} plan steps:")
    for step in result.plan[:top]:
        after = "" if step.get("coverage_after") is None else f" → {step['coverage_after'] * 100:.0f}%"
        lines.append(f"      {step['order']}. {step['label']} ({step['hours']} h{after})")
    return lines


def _print_sample_gap(settings, con) -> None:
    from skillgap.errors import AnalyzerError
    from skillgap.sample.cvs import sample_cv_gap
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    taxonomy = load_taxonomy(settings.taxonomy_dir)
    nlp = load_pipeline(settings.model_dir, taxonomy=taxonomy)
    try:
        cv, result = sample_cv_gap(settings.sample_dir / CV_DIR_NAME, taxonomy=taxonomy, nlp=nlp, con=con)
    except AnalyzerError as exc:  # a sample folder without CVs must not stop the demo
        out_console.print(f"    [yellow]{exc}[/]")
        return
    for line in sample_gap_lines(cv, result):
        out_console.print(line)
