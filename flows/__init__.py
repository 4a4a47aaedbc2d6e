"""Prefect flows: thin orchestration over the core in skillgap/ and skills_taxonomy/.

Importing this package changes nothing. The edges that run flows call ``configure_environment`` (or the CLI's
``settings_for(prefect=True)``) before Prefect is imported: it points Prefect at a project-local, offline home
(data/prefect, no telemetry), keeping values a user already set, and applies SKILLGAP_DUCKDB_MEMORY_LIMIT to the
store connections the flows open.
"""


def configure_environment() -> None:
    """Prepare this process to run flows: Prefect's offline settings (before ``import prefect``) and the store's
    memory limit, from the ``SKILLGAP_*`` settings."""
    from skillgap.settings import Settings, configure_prefect_env
    from skillgap.store import set_memory_limit

    settings = Settings.from_env()
    configure_prefect_env(settings)
    set_memory_limit(settings.duckdb_memory_limit)
