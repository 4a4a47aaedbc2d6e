"""One settings object, read from the environment once at the edges and passed in.

Every field reads ``SKILLGAP_<FIELD>`` (``SKILLGAP_DATA_DIR``, ``SKILLGAP_DB``, ``SKILLGAP_DUCKDB_MEMORY_LIMIT``, ...),
except ``prefect_home`` which reads Prefect's own ``PREFECT_HOME``. An empty variable counts as unset. Folders left
unset sit under the data folder (``data/`` of the project by default).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

from skillgap.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "SKILLGAP_"
# what DuckDB accepts as memory_limit ("4GB", "512 MB", "50%"); skillgap.store checks the same at connect time
MEMORY_SIZE = re.compile(r"^\s*\d+(?:\.\d+)?\s*(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)\s*$", re.IGNORECASE)

# an explicit environment for ``Settings.from_env(env)``; None: the process environment
_explicit_env: ContextVar[Mapping[str, str] | None] = ContextVar("skillgap_settings_env", default=None)


class _MappingEnvSource(EnvSettingsSource):
    """Environment variables from a given mapping instead of ``os.environ``."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]):
        self._mapping = dict(env)
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(self._mapping, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str)


class Settings(BaseSettings):
    """Where skillgap keeps its files. Core code receives this; it never reads os.environ."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True, frozen=True, extra="ignore",
                                      populate_by_name=True)

    data_dir: Path = PROJECT_ROOT / "data"
    db_path: Path | None = Field(default=None, validation_alias="SKILLGAP_DB")  # default: data_dir/skillgap.duckdb
    sample_dir: Path | None = None  # default: data_dir/sample
    exports_dir: Path | None = None  # default: data_dir/exports
    model_dir: Path | None = None  # default: data_dir/models
    prefect_home: Path | None = Field(default=None, validation_alias="PREFECT_HOME")  # default: data_dir/prefect
    taxonomy_dir: Path = PROJECT_ROOT / "skills_taxonomy" / "data"
    duckdb_memory_limit: str | None = None  # SKILLGAP_DUCKDB_MEMORY_LIMIT ("4GB", "50%"); None: DuckDB's 80 % of RAM

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource) -> tuple:
        env = _explicit_env.get()
        return (init_settings, env_settings if env is None else _MappingEnvSource(settings_cls, env))

    @field_validator("duckdb_memory_limit")
    @classmethod
    def _memory_size(cls, value: str | None) -> str | None:
        if value is not None and not MEMORY_SIZE.match(value):
            raise ValueError(f"{value!r} is not a memory size; write it like 4GB, 512MB or 50%")
        return value

    @model_validator(mode="after")
    def _paths_under_data_dir(self) -> Settings:
        data_dir = self.data_dir.resolve()
        derived = {
            "data_dir": data_dir,
            "db_path": (self.db_path or data_dir / "skillgap.duckdb").expanduser().resolve(),
            "sample_dir": (self.sample_dir or data_dir / "sample").resolve(),
            "exports_dir": (self.exports_dir or data_dir / "exports").resolve(),
            "model_dir": (self.model_dir or data_dir / "models").resolve(),
            "prefect_home": (self.prefect_home or data_dir / "prefect").resolve(),
            "taxonomy_dir": self.taxonomy_dir.resolve(),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)  # frozen: fill the derived paths once, while validating
        return self

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, db: str | Path | None = None) -> Settings:
        """Build settings from SKILLGAP_* variables (``env``, default: the process environment).

        Raises:
            SettingsError: a variable holds a value skillgap cannot use; the message names the variable.
        """
        token = _explicit_env.set(None if env is None else dict(env))
        try:
            settings = cls(**({"db_path": db} if db else {}))
        except ValidationError as exc:
            raise SettingsError(_describe(exc)) from exc
        finally:
            _explicit_env.reset(token)
        return settings

    def with_db(self, db: str | Path | None) -> Settings:
        """Return a copy pointing at another store file (``--db``)."""
        return self if db is None else self.model_copy(update={"db_path": Path(db).expanduser().resolve()})


def _describe(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors(include_url=False):
        name = str(err["loc"][0]) if err["loc"] else "?"
        field = Settings.model_fields.get(name)
        alias = field.validation_alias if field is not None and isinstance(field.validation_alias, str) else None
        variable = alias or f"{ENV_PREFIX}{name.upper()}"
        problems.append(f"{variable}: {err['msg'].removeprefix('Value error, ')}")
    return "Invalid setting: " + "; ".join(problems) + ". Fix or unset the environment variable."


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
