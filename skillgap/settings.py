"""One settings object, read from the environment once at the edges and passed in."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Where skillgap keeps its files. Core code receives this; it never reads os.environ."""

    data_dir: Path
    db_path: Path
    sample_dir: Path
    exports_dir: Path
    model_dir: Path
    prefect_home: Path
    taxonomy_dir: Path
    duckdb_memory_limit: str | None = None  # SKILLGAP_DUCKDB_MEMORY_LIMIT ("4GB", "50%"); None: DuckDB's 80 % of RAM

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, *, db: str | Path | None = None) -> "Settings":
        """Build settings from SKILLGAP_* variables with defaults under the project's data/."""
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("SKILLGAP_DATA_DIR") or PROJECT_ROOT / "data").resolve()
        db_path = Path(db or env.get("SKILLGAP_DB") or data_dir / "skillgap.duckdb").expanduser().resolve()
        return cls(
            data_dir=data_dir,
            db_path=db_path,
            sample_dir=Path(env.get("SKILLGAP_SAMPLE_DIR") or data_dir / "sample").resolve(),
            exports_dir=Path(env.get("SKILLGAP_EXPORTS_DIR") or data_dir / "exports").resolve(),
            model_dir=Path(env.get("SKILLGAP_MODEL_DIR") or data_dir / "models").resolve(),
            prefect_home=Path(env.get("PREFECT_HOME") or data_dir / "prefect").resolve(),
            taxonomy_dir=Path(env.get("SKILLGAP_TAXONOMY_DIR") or PROJECT_ROOT / "skills_taxonomy" / "data").resolve(),
            duckdb_memory_limit=env.get("SKILLGAP_DUCKDB_MEMORY_LIMIT") or None,
        )

    def with_db(self, db: str | Path | None) -> "Settings":
        """Return a copy pointing at another store file (``--db``)."""
        return self if db is None else replace(self, db_path=Path(db).expanduser().resolve())


def configure_prefect_env(settings: Settings) -> None:
    """Point Prefect at a project-local home, offline, before prefect is imported.

    Only the CLI and the flows' ``__main__`` call this; it keeps any value a user already set.
    """
    try:
        settings.prefect_home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from skillgap.errors import DataDirError

        raise DataDirError(
            f"Cannot create Prefect's folder {settings.prefect_home}: {exc.strerror or exc}. Make "
            f"{settings.prefect_home.parent} writable (or free some space), or point SKILLGAP_DATA_DIR "
            "(or PREFECT_HOME) at a writable folder."
        ) from exc
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # the temporary server can take longer than Prefect's 20 s default to start on a busy 2-core machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
