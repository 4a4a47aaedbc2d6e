"""Which fetches the monthly schedule runs before it refreshes: ``sources.toml`` in the data folder.

```toml
[hn]                       # the HN "Who is hiring?" threads (skillgap fetch hn)
enabled = true
months = 12                # or: since = "2026-01"
# api_url = "https://hacker-news.firebaseio.com/v0"

[[jobspy]]                 # one table per search (skillgap fetch jobspy; needs the 'collect' extra)
site = "indeed"
search = "data engineer"
location = "Berlin"
results = 200
```

No file means no fetches: the schedule then only refreshes what is already in the exports folder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from skillgap.errors import SourcesConfigError
from skillgap.fetch.history import jobspy_key
from skillgap.fetch.hn import HN_API
from skillgap.fetch.hn_threads import parse_month
from skillgap.fetch.jobspy import MAX_RESULTS, SITES

SOURCES_FILE = "sources.toml"


class HNSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    months: int | None = Field(default=None, ge=1, le=240)
    since: str | None = None
    api_url: str = HN_API

    @field_validator("since")
    @classmethod
    def _month(cls, v: str | None) -> str | None:
        return None if v is None else parse_month(v, option="since")

    @model_validator(mode="after")
    def _one_window(self) -> "HNSource":
        if self.months is not None and self.since is not None:
            raise ValueError("give either months or since, not both")
        return self


class JobSpySearch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site: str
    search: str = Field(min_length=1)
    location: str | None = None
    results: int = Field(default=100, ge=1, le=MAX_RESULTS)
    country: str | None = None
    hours_old: int | None = Field(default=None, ge=1)

    @field_validator("site")
    @classmethod
    def _site(cls, v: str) -> str:
        if v not in SITES:
            raise ValueError(f"must be one of {', '.join(SITES)}")
        return v

    @property
    def key(self) -> str:
        return jobspy_key(self.site, self.search, self.location)


class Sources(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hn: HNSource = Field(default_factory=lambda: HNSource(enabled=False))
    jobspy: list[JobSpySearch] = Field(default_factory=list)

    def describe(self) -> list[str]:
        """One line per configured fetch, for status displays."""
        lines = []
        if self.hn.enabled:
            window = f"since {self.hn.since}" if self.hn.since else f"{self.hn.months or 12} newest months"
            lines.append(f"hn: Ask HN: Who is hiring? ({window})")
        lines += [f"{s.key}: up to {s.results} postings" for s in self.jobspy]
        return lines


def sources_path(data_dir: Path) -> Path:
    return Path(data_dir) / SOURCES_FILE


def load_sources(path: Path | str | None) -> Sources:
    """Read and check a sources file; a missing file (or None) means no fetches.

    Raises:
        SourcesConfigError: naming the file and the field (``jobspy[0].results: ...``) or the TOML line.
    """
    if path is None or not Path(path).exists():
        return Sources()
    path = Path(path)
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourcesConfigError(f"{path}: not valid TOML ({exc}). See docs/fetch.md for an example.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesConfigError(f"{path}: cannot be read ({exc}).") from None
    try:
        return Sources.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{_loc(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SourcesConfigError(f"{path}: {problems}. See docs/fetch.md for the fields.") from None
    except Exception as exc:  # a FetchOptionError raised inside a validator
        raise SourcesConfigError(f"{path}: {exc}") from None


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
