"""Prefect flow ``aggregate_market``: classify new postings and materialise the market tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from skillgap import store
from skillgap.aggregate import materialize
from skills_taxonomy.load import load_taxonomy


@task(name="materialize-market")
def materialize_task(db_path: str, taxonomy_dir: str | None = None) -> dict:
    """Rebuild the market tables in the (staged) store at ``db_path``."""
    taxonomy = load_taxonomy(taxonomy_dir)
    con = store.connect(db_path)
    try:
        return materialize(con, taxonomy=taxonomy).to_dict()
    finally:
        con.close()


@flow(name="aggregate_market", flow_run_name="aggregate market")
def aggregate_market(db_path: str, taxonomy_dir: str | None = None) -> dict:
    """Classify postings into role families and rebuild demand/trend tables; one atomic write."""
    log = get_run_logger()
    with store.staged_write(db_path) as work:
        summary = materialize_task(str(work), taxonomy_dir)
    log.info(
        "market: %s postings, %s posting-skill pairs, %s newly classified, %s unknown terms (taxonomy %s); "
        "%s run%s",
        summary["postings"], summary["posting_skills"], summary["classified"], summary["unknown_terms"],
        summary["taxonomy_version"], summary["mode"], f" ({summary['reason']})" if summary["reason"] else "",
    )
    create_markdown_artifact(
        key="market-aggregate",
        markdown=(
            "| postings | posting-skill pairs | newly classified | unknown terms | taxonomy | run |\n"
            "|---|---|---|---|---|---|\n"
            f"| {summary['postings']} | {summary['posting_skills']} | {summary['classified']} "
            f"| {summary['unknown_terms']} | {summary['taxonomy_version']} | {summary['mode']} "
            f"{'(' + summary['reason'] + ')' if summary['reason'] else ''} |"
        ),
        description="Market tables rebuilt",
    )
    return summary


def main() -> None:
    from skillgap.settings import Settings, configure_prefect_env

    parser = argparse.ArgumentParser(description="Materialise the market tables.")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    settings = Settings.from_env(db=args.db)
    configure_prefect_env(settings)
    print(aggregate_market(str(settings.db_path)))


if __name__ == "__main__":
    main()
