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
from typing import Any

from skillgap.errors import IngestError
from skillgap.ingest.layouts import CANONICAL, Layout

_ALLOWED_KEYS = {"name", "source", "match", "fields", "date_format", "transforms", "labels", "kind", "reject_if",
                 "source_field", "min_description_chars"}
_TRANSFORMS = {"html", "html_escaped", "python_list", "auto", "first_line", "board_from_url", "none"}


def load_mapping(path: Path | str) -> Layout:
    """Read one mapping file into a Layout; errors name the file and the bad key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise IngestError(f"mapping {path}: cannot read ({exc.strerror}).") from exc
    try:
        if path.suffix.lower() == ".toml":
            doc = tomllib.loads(text)
        else:
            import yaml

            doc = yaml.safe_load(text)
    except Exception as exc:
        raise IngestError(f"mapping {path}: not valid {path.suffix.lstrip('.').upper() or 'YAML'} ({exc}).") from exc
    return layout_from_dict(doc, origin=str(path))


def layout_from_dict(doc: Any, *, origin: str = "mapping") -> Layout:
    if not isinstance(doc, dict):
        raise IngestError(f"mapping {origin}: expected a mapping with name, match and fields.")
    unknown = set(doc) - _ALLOWED_KEYS
    if unknown:
        raise IngestError(f"mapping {origin}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_ALLOWED_KEYS)}.")
    fields = doc.get("fields") or {}
    if not isinstance(fields, dict) or not fields:
        raise IngestError(f"mapping {origin}: 'fields' must map canonical names to columns, e.g. {{title: 'Job Name'}}.")
    bad = set(fields) - set(CANONICAL)
    if bad:
        raise IngestError(f"mapping {origin}: unknown field(s) {sorted(bad)}; known: {', '.join(CANONICAL)}.")
    if "title" not in fields and "description" not in fields:
        raise IngestError(f"mapping {origin}: map at least a title or a description column.")
    match = doc.get("match") or {}
    columns_all = match.get("columns_all")
    if not columns_all:
        # default: every mapped column must be present
        columns_all = sorted({v if isinstance(v, str) else v[0] for v in fields.values()})
    transforms = doc.get("transforms") or {}
    for k, v in transforms.items():
        if v not in _TRANSFORMS:
            raise IngestError(f"mapping {origin}: transform {k}: {v!r} is not one of {sorted(_TRANSFORMS)}.")
    if "description" in fields and "description" not in transforms:
        transforms = {**transforms, "description": "auto"}
    return Layout(
        name=str(doc.get("name") or Path(origin).stem),
        source=str(doc.get("source") or doc.get("name") or Path(origin).stem),
        kind=str(doc.get("kind") or "postings"),
        columns_all=tuple(columns_all),
        columns_none=tuple(match.get("columns_none") or ()),
        value_contains=dict(match.get("value_contains") or {}),
        fields=dict(fields),
        transforms=dict(transforms),
        labels=dict(doc.get("labels") or {}),
        source_field=doc.get("source_field"),
        date_format=doc.get("date_format"),
        reject_if=dict(doc.get("reject_if") or {}),
        min_description_chars=int(doc.get("min_description_chars") or 0),
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
