"""CLI: `skillgap taxonomy build | check | show | import-esco | import-onet`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import JsonOption, emit_json, err_console, out_console, settings_for

taxonomy_app = typer.Typer(
    name="taxonomy",
    help="Build, check, show and extend the skills taxonomy.",
    no_args_is_help=True,
)

DataDirOption = typer.Option(
    None, "--data-dir", help="Taxonomy data folder (default: $SKILLGAP_TAXONOMY_DIR or skills_taxonomy/data)."
)


def _data_dir(data_dir: Optional[Path]) -> Path:
    return Path(data_dir).resolve() if data_dir else settings_for().taxonomy_dir


@taxonomy_app.command()
def check(data_dir: Optional[Path] = DataDirOption, json_out: bool = JsonOption) -> None:
    """Validate the taxonomy files; list every violation (file, record, field) and exit 1 if any."""
    from skills_taxonomy.check import check_taxonomy

    result = check_taxonomy(_data_dir(data_dir))
    if json_out:
        emit_json({"ok": result.ok, "counts": result.counts, "violations": [str(v) for v in result.violations]})
    elif result.ok:
        typer.echo(result.summary())
    else:
        for v in result.violations:
            typer.echo(str(v), err=True)
        typer.secho(f"{len(result.violations)} taxonomy violation(s)", fg=typer.colors.RED, err=True)
    raise typer.Exit(0 if result.ok else 1)


@taxonomy_app.command()
def build(
    guides: Path = typer.Option(..., "--guides", exists=True, file_okay=False, help="Folder of guide files (txt, md, html)."),
    data_dir: Optional[Path] = DataDirOption,
    candidates: int = typer.Option(40, "--candidates", help="How many candidate terms to print (all with --json)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Parse and report, but write nothing."),
    json_out: bool = JsonOption,
) -> None:
    """Find which skills each guide names (and in which phase/section); write provenance.json."""
    from skills_taxonomy.build import build_provenance, guide_files, write_build
    from skills_taxonomy.load import load_taxonomy

    d = _data_dir(data_dir)
    tax = load_taxonomy(d)
    result = build_provenance(guides, taxonomy=tax)
    present = {p.name for p in guide_files(guides)}
    for g in sorted(tax.guides.values(), key=lambda g: g.id):
        if g.file not in present:
            err_console.print(f"[yellow]guides.yaml names {g.file!r} (guide {g.id!r}) but {guides} has no such file[/]")
    written = [] if dry_run else write_build(result, d)
    if json_out:
        emit_json(
            {
                "guides": result.guides,
                "mentions": result.mentions,
                "skills": len(result.provenance),
                "phases": result.phases_json(),
                "candidates": [{"term": c.term, "count": c.count, "guides": c.guides} for c in result.candidates],
                "written": [str(p) for p in written],
            }
        )
        return
    from rich.table import Table

    for gid in result.guides:
        phases = result.phases.get(gid, [])
        desc = "; ".join(
            f"{p.order}. {p.name}"
            + (f" (months {p.month_start}\u2013{p.month_end if p.month_end is not None else '+'})"
               if p.month_start is not None else "")
            for p in phases
        )
        out_console.print(f"[bold]{gid}[/]: {len(phases)} phase(s){': ' + desc if desc else ''}", highlight=False)
    out_console.print(f"{result.mentions} mentions of {len(result.provenance)} skills in {len(result.guides)} guides")
    if result.candidates and candidates > 0:
        table = Table(title="Candidate terms not in the taxonomy (curate into skills/*.yaml)")
        table.add_column("term")
        table.add_column("count", justify="right")
        table.add_column("guides")
        for c in result.candidates[:candidates]:
            table.add_row(c.term, str(c.count), ", ".join(c.guides))
        out_console.print(table)
    for p in written:
        err_console.print(f"wrote {p}")


def skill_record(skill, taxonomy=None) -> dict:
    """The JSON shape of one skill in `taxonomy show --json` (keys are a contract)."""
    return {
        "id": skill.id,
        "label": skill.label,
        "category": skill.category,
        "kind": skill.kind,
        "aliases": list(skill.aliases),
        "prerequisites": list(skill.prerequisites),
        "hours": skill.hours,
        "guides": sorted({g.guide for g in skill.guides}),
        "parent": skill.parent,
        "ambiguous": list(skill.ambiguous_aliases),
        "certifications": list(skill.certifications),
        "resources": [r.to_dict() for r in (taxonomy.resources_for(skill.id) if taxonomy else skill.resources)],
        "esco_uris": list(skill.esco_uris),
        "onet_codes": list(skill.onet_codes),
    }


@taxonomy_app.command()
def show(
    data_dir: Optional[Path] = DataDirOption,
    category: Optional[str] = typer.Option(None, "--category", help="Only this category (and its sub-categories)."),
    search: Optional[str] = typer.Option(None, "--search", help="Only skills whose id, label or alias contains this."),
    json_out: bool = JsonOption,
) -> None:
    """List the taxonomy's skills (and roles with --json)."""
    from skills_taxonomy.aliases import normalize_alias
    from skills_taxonomy.load import load_taxonomy

    tax = load_taxonomy(_data_dir(data_dir))
    skills = sorted(tax.skills.values(), key=lambda s: (s.category, s.id))
    if category:
        skills = [s for s in skills if s.category == category or s.category.startswith(category.rstrip("/") + "/")]
    if search:
        needle = normalize_alias(search)
        skills = [
            s for s in skills
            if needle in s.id.replace("-", " ") or any(needle in normalize_alias(f) for f in s.surface_forms)
        ]
    if json_out:
        emit_json(
            {
                "version": tax.version,
                "skills": [skill_record(s, tax) for s in skills],
                "roles": [
                    {
                        "id": r.id,
                        "label": r.label,
                        "title_patterns": list(r.title_patterns),
                        "core_skills": dict(sorted(r.core_skills.items())),
                        "guides": list(r.guides),
                    }
                    for r in sorted(tax.roles.values(), key=lambda r: r.id)
                ],
            }
        )
        return
    from rich.table import Table

    table = Table(title=f"Taxonomy {tax.version}: {len(skills)} of {len(tax.skills)} skills")
    for col in ("id", "label", "category", "kind", "aliases", "prerequisites", "hours", "guides"):
        table.add_column(col, overflow="fold", justify="right" if col == "hours" else "left")
    for s in skills:
        table.add_row(
            s.id, s.label, s.category, s.kind, ", ".join(s.aliases), ", ".join(s.prerequisites), str(s.hours),
            ", ".join(sorted({g.guide for g in s.guides})),
        )
    out_console.print(table)
    if not skills:
        err_console.print("No skill matches; try without --category/--search.")
        raise typer.Exit(1)


def _report_import(report, json_out: bool) -> None:
    if json_out:
        emit_json(report.as_dict())
        return
    typer.echo(report.summary())


@taxonomy_app.command("import-esco")
def import_esco_cmd(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="ESCO skills CSV (skills_en.csv or the Nesta formatted file)."),
    data_dir: Optional[Path] = DataDirOption,
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write (default: <data-dir>/imported/esco.yaml)."),
    add_new: bool = typer.Option(False, "--add-new", help="Also add labels matching --filter as new skills."),
    filter_: Optional[str] = typer.Option(
        None, "--filter", help="Regex over ESCO labels for --add-new (ESCO has no hot/in-demand flag, so --add-new needs one)."
    ),
    json_out: bool = JsonOption,
) -> None:
    """Link ESCO skills to ours (esco_uris, extra aliases); optionally add filtered ones as new skills."""
    from skills_taxonomy.importers import import_esco

    d = _data_dir(data_dir)
    report = import_esco(path, data_dir=d, out=out or d / "imported" / "esco.yaml", add_new=add_new, label_filter=filter_)
    _report_import(report, json_out)


@taxonomy_app.command("import-onet")
def import_onet_cmd(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="O*NET 'Technology Skills.txt' (tab-separated)."),
    data_dir: Optional[Path] = DataDirOption,
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write (default: <data-dir>/imported/onet.yaml)."),
    add_new: bool = typer.Option(False, "--add-new", help="Add unmatched Hot Technology / In Demand items as new skills."),
    filter_: Optional[str] = typer.Option(None, "--filter", help="Regex over names/commodity titles: only these are added."),
    min_occupations: int = typer.Option(1, "--min-occupations", help="With --add-new: listed for at least this many occupations."),
    json_out: bool = JsonOption,
) -> None:
    """Link O*NET technology names to our skills (onet_codes, aliases); optionally add hot/in-demand tools."""
    from skills_taxonomy.importers import import_onet

    d = _data_dir(data_dir)
    report = import_onet(
        path, data_dir=d, out=out or d / "imported" / "onet.yaml", add_new=add_new, label_filter=filter_,
        min_occupations=min_occupations,
    )
    _report_import(report, json_out)


def register(app: typer.Typer) -> None:
    """Add the `taxonomy` sub-app."""
    app.add_typer(taxonomy_app, name="taxonomy")
