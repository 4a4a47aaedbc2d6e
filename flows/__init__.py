"""Prefect flows: thin orchestration over the core in skillgap/ and skills_taxonomy/.

Importing this package points Prefect at a project-local, offline home (data/prefect, no
telemetry) before any flow module imports prefect; values a user already set are kept. It also applies
SKILLGAP_DUCKDB_MEMORY_LIMIT to the store connections the flows open.
"""

from skillgap.settings import Settings, configure_prefect_env
from skillgap.store import set_memory_limit

_settings = Settings.from_env()
configure_prefect_env(_settings)
set_memory_limit(_settings.duckdb_memory_limit)
