"""A person's corrections to what skillgap read in their CV, kept beside the CV as a small YAML (or JSON) file.

```yaml
skillgap_profile: 1
skills:            # skill id (or label) -> used | listed | learning | not_held
  kubernetes: used
  java: not_held
have: [terraform]  # shorthand for "used"
not: [sap-erp]     # shorthand for "not_held"
```

Every key is optional except that the file must be a mapping. ``skillgap gap --profile FILE`` reads it, the
dashboard offers it for download and reads it back on upload; nothing is stored on the server.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from skillgap.cv.model import STATUS_ORDER
from skillgap.errors import ProfileError
from skillgap.yamlfile import YAMLError, parse_yaml

__all__ = ["PROFILE_VERSION", "corrections_from_lists", "corrections_from_options", "load_profile", "parse_profile",
           "profile_text"]

PROFILE_VERSION = 1
MAX_PROFILE_BYTES = 1_000_000
Status = Literal["used", "listed", "learning", "not_held"]


class Profile(BaseModel):
    """The file's schema (unknown keys are refused, so a typo is reported instead of ignored)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    skillgap_profile: Literal[1] = PROFILE_VERSION
    skills: dict[str, Status] = Field(default_factory=dict)
    have: list[str] = Field(default_factory=list)
    not_: list[str] = Field(default_factory=list, alias="not")


def _resolve(name: str, *, taxonomy, where: str) -> str:
    """A skill id from an id or a label (any case); unknown names raise with a suggestion."""
    key = name.strip()
    if key in taxonomy.skills:
        return key
    folded = key.casefold()
    for sid, skill in taxonomy.skills.items():
        if sid.casefold() == folded or skill.label.casefold() == folded:
            return sid
    close = difflib.get_close_matches(folded, list(taxonomy.skills), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else " Use a skill id from `skillgap taxonomy` or its label."
    raise ProfileError(f"{where}: unknown skill {name!r}.{hint}")


def _location(error: dict) -> str:
    parts = [str(p) for p in error.get("loc", ()) if p != "not_"]
    return ".".join("not" if p == "not_" else p for p in parts) or "(top level)"


def parse_profile(data: bytes | str, *, name: str, taxonomy) -> dict[str, str]:
    """``{skill_id: status}`` from the text of a profile file named *name* (YAML or JSON)."""
    if isinstance(data, bytes):
        if len(data) > MAX_PROFILE_BYTES:
            raise ProfileError(f"{name}: {len(data) / 1e6:.1f} MB is far more than a profile holds; is it the right file?")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ProfileError(f"{name}: not a text file (a profile is YAML or JSON in UTF-8).") from exc
    try:
        raw = json.loads(data) if name.lower().endswith(".json") else parse_yaml(data)
    except (ValueError, YAMLError) as exc:
        raise ProfileError(f"{name}: not valid {'JSON' if name.lower().endswith('.json') else 'YAML'} ({exc}).") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ProfileError(f"{name}: expected a mapping with 'skills', 'have' or 'not', got {type(raw).__name__}.")
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        allowed = ", ".join(STATUS_ORDER)
        msg = err["msg"] if "literal" not in err["type"] or "skills" not in err["loc"] else f"must be one of {allowed}"
        raise ProfileError(f"{name}: {_location(err)}: {msg} (got {err.get('input')!r}).") from exc
    out: dict[str, str] = {}
    for key, status in profile.skills.items():
        out[_resolve(key, taxonomy=taxonomy, where=f"{name}: skills.{key}")] = status
    for i, key in enumerate(profile.have):
        out[_resolve(key, taxonomy=taxonomy, where=f"{name}: have[{i}]")] = "used"
    for i, key in enumerate(profile.not_):
        out[_resolve(key, taxonomy=taxonomy, where=f"{name}: not[{i}]")] = "not_held"
    return out


def load_profile(path: str | Path, *, taxonomy) -> dict[str, str]:
    """``parse_profile`` of a file; a missing or unreadable file is a ``ProfileError`` naming it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"Cannot read the profile '{path}': {exc.strerror}. Check the path.") from exc
    return parse_profile(data, name=str(path), taxonomy=taxonomy)


def corrections_from_lists(*, have: Iterable[str] = (), not_held: Iterable[str] = (), taxonomy,
                           option: tuple[str, str] = ("--have", "--not")) -> dict[str, str]:
    """``{skill_id: status}`` from comma-separated ``--have`` / ``--not`` values (ids or labels)."""
    out: dict[str, str] = {}
    for values, status, opt in ((have, "used", option[0]), (not_held, "not_held", option[1])):
        for value in values:
            for name in (n for n in value.split(",") if n.strip()):
                out[_resolve(name, taxonomy=taxonomy, where=opt)] = status
    return out


def corrections_from_options(profile: str | Path | None, *, have: Iterable[str] = (), not_held: Iterable[str] = (),
                             taxonomy) -> dict[str, str]:
    """The corrections of the CLI's ``--profile FILE``, ``--have`` and ``--not`` (which add to the file's)."""
    out = load_profile(profile, taxonomy=taxonomy) if profile else {}
    out.update(corrections_from_lists(have=have, not_held=not_held, taxonomy=taxonomy))
    return out


def profile_text(corrections: Mapping[str, str], *, labels: Mapping[str, str] | None = None) -> str:
    """The YAML profile file for *corrections* (labels as comments), ready to save beside the CV."""
    lines = [
        "# skillgap profile: corrections to what skillgap read in your CV.",
        "# status: used | listed | learning | not_held. Load it with `skillgap gap CV --profile FILE`",
        "# or upload it on the My gap page.",
        f"skillgap_profile: {PROFILE_VERSION}",
        "skills:" + ("" if corrections else " {}"),
    ]
    for sid in sorted(corrections):
        comment = f"  # {labels[sid]}" if labels and sid in labels else ""
        lines.append(f"  {json.dumps(sid)}: {corrections[sid]}{comment}")
    return "\n".join(lines) + "\n"
