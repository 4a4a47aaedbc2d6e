"""What the skill components share: the span key, Doc extensions, JSON helpers for to_disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

SPANS_KEY = "skills"


def ensure_extensions() -> None:
    """Register the Doc extensions the components use (idempotent).

    ``doc._.skill_candidates``: list of (skill_id, start, end, ambiguous) phrase matches, before context rules.
    ``doc._.skill_info``: {(start, end): {section, cv_section, required, sent_start, sent_end, negated, years}}
    for each span in ``doc.spans["skills"]``.
    """
    for name in ("skill_candidates", "skill_info"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def write_json(path: Path, name: str, data: Any) -> None:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_json(path: Path, name: str) -> Any:
    return json.loads((Path(path) / name).read_text(encoding="utf-8"))
