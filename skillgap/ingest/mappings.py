"""User mapping files: describe a new export layout in YAML or TOML, no code.

```yaml
name: my_board
source: myboard
match: {columns_all: ["Job Name", "Body"]}
fields: {title: "Job Name", description: "Body", posted: "Created", company: "Employer"}
date_format: "%d.%m.%Y"        # optional
transforms: {description: html} # optional: html | html_escaped | python_list | auto
labels: {technology: "Tags"}     # optional: columns holding another party's labels
```
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from skillgap.errors import IngestError
from skillgap.ingest.layouts import CANONICAL, Layout
from skillgap.yamlfile import parse_yaml

Transform = Literal["html", "html_escaped", "python_list", "auto", "first_line", "board_from_url", "none"]


def _none_is_empty(value: Any) -> Any:
    return {} if value is None else value


class MatchRule(BaseModel):
    """How to recognise the export: columns it must have, must not have, values its first rows contain."""

    model_config = ConfigDict(extra="forbid")
    columns_all: list[str] = []
    columns_none: list[str] = []
    value_contains: dict[str, str] = {}


class MappingFile(BaseModel):
    """A user mapping file (YAML or TOML): the export's columns for each canonical posting field."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    source: str | None = None
    kind: Literal["postings", "labels"] = "postings"
    match: Annotated[MatchRule, BeforeValidator(_none_is_empty)] = MatchRule()
    fields: dict[str, str | list[str]] = Field(default=None, validate_default=True)  # required: checked below
    date_format: str | None = None
    transforms: Annotated[dict[str, Transform], BeforeValidator(_none_is_empty)] = {}
    labels: Annotated[dict[str, str], BeforeValidator(_none_is_empty)] = {}
    reject_if: Annotated[dict[str, str], BeforeValidator(_none_is_empty)] = {}
    source_field: str | None = None
    min_description_chars: Annotated[int, BeforeValidator(lambda v: v or 0)] = 0

    @field_validator("fields", mode="before")
    @classmethod
    def _fields_map_columns(cls, value: Any) -> Any:
        if not isinstance(value, dict) or not value:
            raise ValueError("must map canonical names to columns, e.g. {title: 'Job Name'}")
        bad = sorted(set(value) - set(CANONICAL))
        if bad:
            raise ValueError(f"unknown field(s) {bad}; known: {', '.join(CANONICAL)}")
        return value

    @model_validator(mode="after")
    def _title_or_description(self) -> MappingFile:
        if "title" not in self.fields and "description" not in self.fields:
            raise ValueError("map at least a title or a description column")
        return self


def load_mapping(path: Path | str) -> Layout:
    """Read one mapping file into a Layout; errors name the file and the bad key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise IngestError(f"mapping {path}: cannot read ({exc.strerror}).") from exc
    try:
        doc = tomllib.loads(text) if path.suffix.lower() == ".toml" else parse_yaml(text)
    except Exception as exc:
        raise IngestError(f"mapping {path}: not valid {path.suffix.lstrip('.').upper() or 'YAML'} ({exc}).") from exc
    return layout_from_dict(doc, origin=str(path))


def layout_from_dict(doc: Any, *, origin: str = "mapping") -> Layout:
    """Validate a mapping (already parsed) and build its Layout; ``origin`` names it in errors."""
    if not isinstance(doc, dict):
        raise IngestError(f"mapping {origin}: expected a mapping with name, match and fields.")
    try:
        mapping = MappingFile.model_validate(doc)
    except ValidationError as exc:
        raise IngestError(f"mapping {origin}: {_describe(exc)}.") from exc
    return _layout(mapping, origin=origin)


def _describe(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors(include_url=False):
        path = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            allowed = MatchRule.model_fields if path.startswith("match.") else MappingFile.model_fields
            msg = f"unknown key; allowed: {sorted(allowed)}"
        elif err["type"] == "literal_error":
            msg = f"{err['input']!r} is not one of {err['ctx']['expected']}"
        else:
            msg = err["msg"].removeprefix("Value error, ")
        problems.append(f"{path}: {msg}" if path else msg)
    return "; ".join(problems)


def _layout(mapping: MappingFile, *, origin: str) -> Layout:
    fields = mapping.fields
    # default: every mapped column must be present
    columns_all = mapping.match.columns_all or sorted({v if isinstance(v, str) else v[0] for v in fields.values()})
    transforms = dict(mapping.transforms)
    if "description" in fields and "description" not in transforms:
        transforms["description"] = "auto"
    stem = Path(origin).stem
    return Layout(
        name=mapping.name or stem,
        source=mapping.source or mapping.name or stem,
        kind=mapping.kind,
        columns_all=tuple(columns_all),
        columns_none=tuple(mapping.match.columns_none),
        value_contains=dict(mapping.match.value_contains),
        fields=dict(fields),
        transforms=transforms,
        labels=dict(mapping.labels),
        source_field=mapping.source_field,
        date_format=mapping.date_format,
        reject_if=dict(mapping.reject_if),
        min_description_chars=mapping.min_description_chars,
        user=True,
    )


def discover_mappings(mappings_dir: Path | str | None) -> list[Path]:
    """Mapping files in a folder (``data/mappings/*.yaml|*.yml|*.toml``), sorted."""
    if mappings_dir is None:
        return []
    d = Path(mappings_dir)
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".toml") and p.is_file())


def load_mappings(paths: list[Path | str]) -> list[Layout]:
    return [load_mapping(p) for p in paths]
