"""Serve the ``fetch-and-refresh`` flow (configured fetches, then ``refresh``) as ``fetch-and-refresh/monthly``
on a cron schedule.

We use ``flow.serve`` rather than ``prefect.yaml`` + a worker: one long-running process both
registers the schedule and runs the flow, with no work pool to set up — the right size for a
single machine. ``skillgap schedule`` starts this in a child process pointed at a real Prefect
API (the ephemeral server cannot create scheduled runs); its command line is that process's entry point, not a
command for people (they run ``skillgap schedule``).
"""

from __future__ import annotations

import argparse

if __name__ == "__main__":  # Prefect reads its settings at import: offline, project-local (the API URL is kept)
    from flows import configure_environment

    configure_environment()

from prefect.schedules import Cron

from flows.monthly import fetch_and_refresh
from skillgap.scheduling import DEFAULT_CRON, DEPLOYMENT_NAME


def serve_monthly(
    *, exports_dir: str, db_path: str, model_dir: str | None, cron: str, timezone: str, mappings_dir: str | None = None,
    data_dir: str | None = None, sources_file: str | None = None,
) -> None:
    """Register the schedule and run each scheduled fetch + refresh as it comes due (blocks)."""
    fetch_and_refresh.serve(
        name=DEPLOYMENT_NAME,
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"exports_dir": exports_dir, "db_path": db_path, "model_dir": model_dir,
                    "mappings_dir": mappings_dir, "data_dir": data_dir, "sources_file": sources_file},
        description="Monthly skills-market refresh: fetch the configured sources (sources.toml), ingest new "
        "exports, extract skills, rebuild the market view.",
        tags=["skillgap", "refresh"],
        pause_on_shutdown=False,
        print_starting_message=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve fetch-and-refresh/monthly.")
    parser.add_argument("--exports", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--model-dir", default=None)
    parser.add_argument("--mappings-dir", default=None)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--sources", default=None)
    parser.add_argument("--cron", default=DEFAULT_CRON)
    parser.add_argument("--timezone", default="UTC")
    args = parser.parse_args()
    serve_monthly(exports_dir=args.exports, db_path=args.db, model_dir=args.model_dir, cron=args.cron,
                  timezone=args.timezone, mappings_dir=args.mappings_dir, data_dir=args.data_dir,
                  sources_file=args.sources)


if __name__ == "__main__":
    main()
