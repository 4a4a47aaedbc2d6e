"""Prefect flow ``aggregate_market``: classify new postings and materialise the market tables.

Run alone over the settings' store with ``python -m flows.aggregate`` (``SKILLGAP_DB`` picks another store).
"""

from __future__ import annotations

if __name__ == "__main__":  # Prefect reads its settings at import: point it at data/prefect, offline
    from flows import configure_environment

    configure_environment()

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from flows.local_flow import local_flow
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


@local_flow(name="aggregate_market", flow_run_name="aggregate market")
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


if __name__ == "__main__":  # over the settings' store (SKILLGAP_DB or data/skillgap.duckdb)
    from skillgap.settings import Settings

    print(aggregate_market(str(Settings.from_env().db_path)))
