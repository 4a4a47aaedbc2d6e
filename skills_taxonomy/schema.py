"""The taxonomy's file formats as pydantic models: one model per record kind, validated field by field.

Each model checks what a single record can check on its own (required fields, types, allowed values, unknown
keys); rules across records (unknown ids, cycles, alias collisions) live in ``skills_taxonomy.check``.
``describe_errors`` words a ``ValidationError`` as one located message per error, such as
``field 'context.near[2]': Input should be a valid string, found None``. docs/taxonomy.md describes the formats.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    field_validator,
)

from skills_taxonomy.model import KINDS, RESOURCE_COSTS, RESOURCE_KINDS

_HTTPS_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s@]*)?")


def _listify(value: Any) -> Any:
    """A single value where a list is expected counts as a one-item list (``near: rust``)."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    # YAML 1.1 reads unquoted on/off/yes/no as booleans: keep them as words instead of refusing the taxonomy
    return [str(v).lower() if isinstance(v, bool) else v for v in items]


def _none_is_empty(value: Any) -> Any:
    return [] if value is None else value


# a list that may be written as one scalar; its items become text (YAML reads `- 365` as a number)
Names = Annotated[list[str], BeforeValidator(_listify)]
# a list that must be written as a list (the skill records' list fields); `null` means empty
StrictNames = Annotated[list[str], BeforeValidator(_none_is_empty)]
Text = Annotated[str, Field(min_length=1)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class TaxonomyMeta(BaseModel):
    """``taxonomy.yaml``: the declared version (the loader appends a hash of every data file)."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)
    version: str = "0"


class CategoryRecord(_Record):
    """One entry of ``categories/*.yaml``: ``{id: cloud/aws, label: AWS, parent: cloud}``."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, frozen=True)
    id: Text
    label: Text
    parent: str | None = None


class ContextRecord(_Record):
    """When an ambiguous alias counts as the skill (see ``model.ContextRule``)."""

    case_sensitive: bool = False
    near: Names = []
    window: int = 8
    list_context: bool = True
    after: Names = []
    not_before: Names = []
    not_after: Names = []


class SkillRecord(_Record):
    """One skill of ``skills/*.yaml`` or ``imported/*.yaml``."""

    id: Text
    label: Text
    category: Text
    kind: Text
    parent: str | None = None
    aliases: StrictNames = []
    ambiguous_aliases: StrictNames = []
    context: ContextRecord | None = None
    prerequisites: StrictNames = []
    hours: StrictInt = Field(default=20, gt=0)
    certifications: StrictNames = []
    description: str = ""
    esco_uris: StrictNames = []
    onet_codes: StrictNames = []

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"{kind!r} is not one of {', '.join(KINDS)}")
        return kind


# Fields an extension record (``extend: true``) may add to an existing skill.
EXTEND_FIELDS = frozenset({"aliases", "esco_uris", "onet_codes"})


class ExtensionRecord(_Record):
    """``{id: existing-id, extend: true, aliases: [...], esco_uris: [...], onet_codes: [...]}`` in ``imported/``."""

    id: Text
    extend: Literal[True]
    aliases: Names = []
    esco_uris: Names = []
    onet_codes: Names = []


class ResourceRecord(_Record):
    """Something to learn from: ``{title, url, kind, cost}``; ``url`` is an https address or absent."""

    title: Annotated[str, Field(pattern=r"\S")]
    kind: str
    cost: str
    url: str | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in RESOURCE_KINDS:
            raise ValueError(f"{kind!r} is not one of {', '.join(RESOURCE_KINDS)}")
        return kind

    @field_validator("cost")
    @classmethod
    def _known_cost(cls, cost: str) -> str:
        if cost not in RESOURCE_COSTS:
            raise ValueError(f"{cost!r} is not one of {', '.join(RESOURCE_COSTS)}")
        return cost

    @field_validator("url")
    @classmethod
    def _https(cls, url: str | None) -> str | None:
        if url is not None and not _HTTPS_URL.fullmatch(url):
            raise ValueError(f"{url!r} is not an https:// address (no spaces, no credentials)")
        return url


class PhaseRecord(_Record):
    id: str
    name: str
    order: int
    month_start: StrictInt | None = None
    month_end: StrictInt | None = None
    skills: Names = []


class ProjectRecord(_Record):
    id: Text
    name: Text
    skills: Names = []
    hours: int = 8
    phase: str | None = None
    description: str = ""


class CertificationPathRecord(_Record):
    id: Text
    name: Text
    steps: Names = []


class GuideRecord(_Record):
    """One career guide of ``guides.yaml`` as structure: phases, portfolio projects, certification paths."""

    id: Text
    title: Text
    file: Text
    roles: Names = []
    phases: Annotated[list[PhaseRecord], BeforeValidator(_listify)] = []
    projects: Annotated[list[ProjectRecord], BeforeValidator(_listify)] = []
    certification_paths: Annotated[list[CertificationPathRecord], BeforeValidator(_listify)] = []


Weight = Annotated[float, BeforeValidator(lambda v: _weight(v))]


def _weight(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"weight must be between 0 and 1, found {value!r}")
    return value


class RoleRecord(_Record):
    """One role profile of ``roles.yaml``: which posting titles belong to it and which skills define it."""

    id: Text
    label: Text
    title_patterns: Annotated[Names, Field(min_length=1)]
    exclude_patterns: Names = []
    core_skills: Annotated[dict[str, Weight], BeforeValidator(lambda v: {} if v is None else v)] = {}
    guides: Names = []
    priority: int = 0  # higher wins when several roles match a title
    # title_patterns must compile as regexes: `taxonomy check` compiles them (compiling here would slow every load)


def describe_errors(exc: ValidationError, model: type[BaseModel]) -> list[str]:
    """One message per error of ``model``, located by path (``field 'phases[0].skills[2]': ...``), in our words."""
    allowed = sorted(model.model_fields)
    out = []
    for err in exc.errors(include_url=False):
        path = format_loc(err["loc"])
        if err["type"] == "extra_forbidden":
            out.append(_extra_message(path, model.__name__, allowed))
        else:
            out.append(_message(err, path))
    return out


def _extra_message(path: str, model: str, allowed: list[str]) -> str:
    if model == "SkillRecord" and path == "resources":
        return "field 'resources': resources live in resources.yaml (skills: {id: [{title, url, kind, cost}]})"
    if model == "ExtensionRecord":
        return f"field {path!r} cannot be set by an extension (allowed: {sorted(EXTEND_FIELDS)})"
    if "." in path or "[" in path:
        return f"field {path!r}: unknown field"
    return f"field {path!r}: unknown field (typo? allowed: {allowed})"


def format_loc(loc: tuple) -> str:
    """``("phases", 0, "skills", 2)`` -> ``phases[0].skills[2]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _message(err: dict, path: str) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return f"lacks the field {path!r}"
    if kind == "value_error":
        return f"field {path!r}: {err['msg'].removeprefix('Value error, ')}"
    if kind == "list_type":
        return f"field {path!r} must be a list, found {value!r}"
    if kind == "model_type" or kind == "dict_type":
        return f"field {path!r}: expected a mapping, found {value!r}"
    if kind == "too_short":
        return f"field {path!r}: needs at least one item"
    if kind in ("string_too_short", "string_pattern_mismatch"):
        return f"field {path!r}: a non-empty value is required, found {value!r}"
    if kind in ("greater_than", "int_type", "int_parsing", "int_from_float") and path == "hours":
        return f"field {path!r}: expected a positive whole number, found {value!r}"
    return f"field {path!r}: {err['msg']}, found {value!r}"
