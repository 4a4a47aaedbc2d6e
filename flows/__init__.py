"""Prefect flows: thin orchestration over the core in skillgap/ and skills_taxonomy/.

Importing this package points Prefect at a project-local, offline home (data/prefect, no
telemetry) before any flow module imports prefect; values a user already set are kept.
"""

from skillgap.settings import Settings, configure_prefect_env

configure_prefect_env(Settings.from_env())
