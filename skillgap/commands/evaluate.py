"""CLI: `skillgap evaluate skillspan|decorte|labels` — measure the skill extractor (core: skillgap/evaluation.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from skillgap.commands.common import DbOption, JsonOption, emit_json, out_console, settings_for

evaluate_app = typer.Typer(help="Measure skill extraction against annotated data.", no_args_is_help=True)

TaxonomyOption = typer.Option(None, "--taxonomy", help="Taxonomy data folder (default: packaged).")
TopOption = typer.Option(15, "--top", help="How many missed spans / false positives to list.")


def _setup(taxonomy_dir: Optional[Path]):
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    settings = settings_for(None)
    taxonomy = load_taxonomy(taxonomy_dir or settings.taxonomy_dir)
    return load_pipeline(settings, taxonomy=taxonomy), taxonomy


def _fmt(x) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def _print_counter(title: str, items: list) -> None:
    if items:
        out_console.print(f"[bold]{title}[/bold]: " + ", ".join(f"{k} ({v})" for k, v in items))


@evaluate_app.command("skillspan")
def skillspan(
    path: Path = typer.Argument(..., help="SkillSpan JSON lines (train.json / dev.json)."),
    taxonomy: Optional[Path] = TaxonomyOption,
    top: int = TopOption,
    adjudications: Optional[Path] = typer.Option(
        None, "--adjudications",
        help="CSV of verdicts on ambiguous-name mentions SkillSpan left unannotated (default: the packaged one).",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Loose/strict precision, recall and F1 on SkillSpan spans, tech and house separately."""
    from rich.table import Table

    from skillgap.evaluation import ADJUDICATIONS, evaluate_skillspan

    nlp, tax = _setup(taxonomy)
    adj = adjudications or (ADJUDICATIONS if ADJUDICATIONS.exists() else None)
    report = evaluate_skillspan(path, nlp=nlp, taxonomy=tax, top=top, adjudications=adj)
    report["taxonomy_version"] = tax.version
    report["adjudications"] = str(adj) if adj else None
    if as_json:
        emit_json(report)
        return
    table = Table(title=f"SkillSpan {path.name} (taxonomy {tax.version})")
    cols = ("source", "sentences", "mentions", "loose P", "knowledge R", "union R", "strict K P/R/F1",
            "strict S∪K P/R/F1", "ambiguous P/R", "ambiguous P adjudicated")
    for c in cols:
        table.add_column(c)
    for source, r in report["by_source"].items():
        sk, su, amb = r["strict_knowledge"], r["strict_union"], r["ambiguous"]
        table.add_row(
            source, str(r["sentences"]), str(r["mentions"]), _fmt(r["loose_precision"]), _fmt(r["knowledge_recall"]),
            _fmt(r["union_recall"]), "/".join(_fmt(sk[k]) for k in ("precision", "recall", "f1")),
            "/".join(_fmt(su[k]) for k in ("precision", "recall", "f1")),
            f"{_fmt(amb['precision'])}/{_fmt(amb['recall'])}",
            f"{_fmt(amb['adjudicated_precision'])} ({amb['unadjudicated']} unjudged)",
        )
    out_console.print(table)
    for source in ("tech", "house"):
        if source in report["by_source"]:
            _print_counter(f"{source}: most missed knowledge spans", report["by_source"][source]["top_missed_knowledge"])
            _print_counter(f"{source}: most frequent false positives", report["by_source"][source]["top_false_positives"])


@evaluate_app.command("decorte")
def decorte(
    path: Path = typer.Argument(..., help="A Decorte *_annotations.csv file or the folder holding them."),
    labels: Optional[Path] = typer.Option(None, "--labels", help="ESCO label list (default: skills_en_label.txt next to the CSV)."),
    taxonomy: Optional[Path] = TaxonomyOption,
    as_json: bool = JsonOption,
) -> None:
    """Micro P/R/F1 of ESCO skills per sentence (our skills mapped to ESCO labels by name)."""
    from rich.table import Table

    from skillgap.evaluation import evaluate_decorte

    nlp, tax = _setup(taxonomy)
    report = evaluate_decorte(path, nlp=nlp, taxonomy=tax, labels_path=labels)
    report["taxonomy_version"] = tax.version
    if as_json:
        emit_json(report)
        return
    table = Table(title=f"Decorte ESCO sentences ({report['mapped_skills']} of our skills map to ESCO)")
    for c in ("subset", "sentences", "gold pairs", "predicted", "P", "R", "F1", "gold reachable"):
        table.add_column(c)
    for name, r in report["by_file"].items():
        table.add_row(name, str(r["sentences"]), str(r["gold_pairs"]), str(r["predicted_pairs"]), _fmt(r["precision"]),
                      _fmt(r["recall"]), _fmt(r["f1"]), _fmt(r["gold_reachable"]))
    out_console.print(table)


@evaluate_app.command("labels")
def labels_cmd(
    path: Optional[Path] = typer.Argument(None, help="Postings folder with hn_*/runs and cn_*/parsed (or use --db)."),
    db: Optional[Path] = DbOption,
    taxonomy: Optional[Path] = TaxonomyOption,
    top: int = TopOption,
    as_json: bool = JsonOption,
) -> None:
    """Compare our skills with other parties' posting labels (HN technologies, the Chinese board's techStack)."""
    from rich.table import Table

    from skillgap.errors import AnalyzerError
    from skillgap.evaluation import evaluate_labels, labels_from_store, score_labels

    nlp, tax = _setup(taxonomy)
    if path is not None:
        report = evaluate_labels(path, nlp=nlp, taxonomy=tax, top=top)
    else:
        from skillgap import store

        settings = settings_for(db)
        con = store.connect(settings.db_path, read_only=True)
        try:
            rows = labels_from_store(con)
        finally:
            con.close()
        if not rows:
            raise AnalyzerError(
                f"{settings.db_path} holds no technology labels (source_labels). Ingest the HN or Chinese-board "
                "exports first, or pass the postings folder: skillgap evaluate labels /path/to/postings"
            )
        report = {"folder": str(settings.db_path), "by_source": {"store": score_labels(rows, nlp=nlp, taxonomy=tax, top=top)}}
    report["taxonomy_version"] = tax.version
    if as_json:
        emit_json(report)
        return
    table = Table(title="Our skills vs source labels (LLM-made labels: a comparison, not truth)")
    for c in ("source", "postings", "P vs labels", "R of mapped labels", "plain-mention R", "ambiguous plain R"):
        table.add_column(c)
    for name, r in report["by_source"].items():
        table.add_row(name, str(r["postings"]), _fmt(r["precision_vs_labels"]), _fmt(r["recall_of_mapped_labels"]),
                      f"{_fmt(r['plain_mention_recall'])} (n={r['plain_mentions']})",
                      f"{_fmt(r['ambiguous_plain_recall'])} (n={r['ambiguous_plain_mentions']})")
    out_console.print(table)
    for name, r in report["by_source"].items():
        _print_counter(f"{name}: labels we cannot map to the taxonomy", r["top_unmapped_labels"])
        _print_counter(f"{name}: plain mentions we missed", r["top_missed_plain"])


PROBE_DIR = Path(__file__).resolve().parents[2] / "tests" / "cv" / "probe"


@evaluate_app.command("cv-status")
def cv_status(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="Probe YAML files (default: every tests/cv/probe/*.yaml)."
    ),
    taxonomy: Optional[Path] = TaxonomyOption,
    top: int = TopOption,
    as_json: bool = JsonOption,
) -> None:
    """Held/not-held and used-vs-listed accuracy of the CV status reading on passages with expected statuses."""
    from rich.table import Table

    from skillgap.cv.probe import evaluate_cv_status, load_probe
    from skillgap.errors import EvaluationDataError

    files = list(paths or sorted(PROBE_DIR.glob("*.yaml")))
    if not files:
        raise EvaluationDataError(f"No probe files given and none in {PROBE_DIR}.")
    nlp, tax = _setup(taxonomy)
    report = evaluate_cv_status(load_probe(files, taxonomy=tax), nlp=nlp, taxonomy=tax)
    report["taxonomy_version"] = tax.version
    if as_json:
        emit_json(report)
        return
    table = Table(title=f"CV status reading (taxonomy {tax.version})")
    for c in ("probe", "passages", "held vs not held", "used vs listed"):
        table.add_column(c)
    rows = [(name, f) for name, f in report["by_file"].items()]
    rows.append(("all", {"passages": report["passages"], "held_right": None, "held_accuracy": report["held_accuracy"],
                         "held_total": report["held_judgments"], "use_accuracy": report["use_accuracy"],
                         "use_total": report["use_judgments"]}))
    for name, f in rows:
        table.add_row(name, str(f["passages"]), f"{_fmt(f['held_accuracy'])} of {f['held_total']}",
                      f"{_fmt(f['use_accuracy'])} of {f['use_total']}")
    out_console.print(table)
    for e in report["errors"][:top]:
        out_console.print(f"  {e['passage']}: {e['skill_id']} expected {e['expected']}, read {e['got']}")


def register(app: typer.Typer) -> None:
    app.add_typer(evaluate_app, name="evaluate")
