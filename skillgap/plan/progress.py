"""Progress through a plan: which steps are done or skipped, as a small JSON file to download and upload.

Format (``skillgap-progress`` version 1)::

    {"format": "skillgap-progress", "version": 1, "role": "ml-engineer", "updated": "2026-12-06",
     "steps": {"python": "done", "aws-sagemaker": "skipped", "project:serverless-ai-api": "done"}}

A step is named by its skill id (a skill or "prove" step) or ``project:<project id>``. ``role`` and ``updated``
are informative. A done skill counts as held when the plan is rebuilt (it satisfies prerequisites and adds its
coverage); a skipped one is left out without credit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from skillgap.errors import ProgressFileError

FORMAT = "skillgap-progress"
VERSION = 1
MARKS = ("done", "skipped")
MAX_BYTES = 1_000_000
MAX_STEPS = 5_000
_KEY = re.compile(r"(project:)?[a-z0-9][a-z0-9+#.\-_]{0,119}")


@dataclass(frozen=True)
class Progress:
    """Marks by step key: ``"done"`` or ``"skipped"``."""

    steps: Mapping[str, str] = field(default_factory=dict)
    role: str | None = None

    @property
    def done(self) -> frozenset[str]:
        return frozenset(k for k, v in self.steps.items() if v == "done")

    @property
    def skipped(self) -> frozenset[str]:
        return frozenset(k for k, v in self.steps.items() if v == "skipped")

    def marked(self, *, done: Iterable[str] = (), skipped: Iterable[str] = (), clear: Iterable[str] = ()) -> Progress:
        """A copy with these keys marked (a key in both lists counts as done) or cleared."""
        steps = {k: v for k, v in self.steps.items() if k not in set(clear)}
        steps.update({k: "skipped" for k in skipped})
        steps.update({k: "done" for k in done})
        return Progress(steps=dict(sorted(steps.items())), role=self.role)


def progress_json(progress: Progress, *, role: str | None = None, today: date | None = None) -> str:
    """The progress file's text."""
    doc = {"format": FORMAT, "version": VERSION, "role": role or progress.role,
           "updated": (today or date.today()).isoformat(), "steps": dict(sorted(progress.steps.items()))}  # fmt: skip
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _fail(source: str, where: str, message: str) -> ProgressFileError:
    at = f" ({where})" if where else ""
    return ProgressFileError(f"'{source}'{at}: {message}. A progress file is the JSON that `Download progress` "
                             f"saves: {{\"format\": \"{FORMAT}\", \"version\": 1, \"steps\": {{\"python\": \"done\"}}}}.")


def _document(data: bytes | str, source: str) -> dict:
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_BYTES:
        raise _fail(source, "", f"is {len(raw):,} bytes; a progress file is far smaller")
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise _fail(source, "", f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise _fail(source, f"line {exc.lineno}, column {exc.colno}", f"is not valid JSON ({exc.msg})") from exc
    if not isinstance(doc, dict):
        raise _fail(source, "", f"holds a JSON {type(doc).__name__}, not an object")
    if doc.get("format") != FORMAT:
        raise _fail(source, "format", f"is {doc.get('format')!r}, expected {FORMAT!r}")
    if doc.get("version") != VERSION:
        raise _fail(source, "version", f"is {doc.get('version')!r}; this skillgap reads version {VERSION}")
    return doc


def read_progress(data: bytes | str, *, source: str = "progress file") -> Progress:
    """Parse and validate a progress file.

    Raises:
        ProgressFileError: not JSON, not the format, or an entry that is not a step key marked done/skipped.
    """
    doc = _document(data, source)
    steps = doc.get("steps", {})
    if not isinstance(steps, dict):
        raise _fail(source, "steps", f"is a {type(steps).__name__}, expected an object of step key -> mark")
    if len(steps) > MAX_STEPS:
        raise _fail(source, "steps", f"has {len(steps):,} entries; at most {MAX_STEPS:,} are read")
    for key, mark in steps.items():
        if not _KEY.fullmatch(key):
            raise _fail(source, f"steps[{key!r}]", "is not a step key (a skill id such as 'python', or "
                        "'project:<id>')")  # fmt: skip
        if mark not in MARKS:
            raise _fail(source, f"steps[{key!r}]", f"is marked {mark!r}; use 'done' or 'skipped'")
    role = doc.get("role")
    if role is not None and not isinstance(role, str):
        raise _fail(source, "role", f"is {role!r}, expected a role id or null")
    return Progress(steps=dict(sorted(steps.items())), role=role)


def read_progress_file(path: Path | str) -> Progress:
    """``read_progress`` on a file; a missing file is a ``ProgressFileError`` naming it."""
    path = Path(path)
    if not path.is_file():
        raise ProgressFileError(f"No progress file at '{path}'. Pass the JSON file saved with `Download progress` "
                                "on the My gap page (or written by hand in that format; see docs/cv.md).")
    if path.stat().st_size > MAX_BYTES:
        raise _fail(path.name, "", f"is {path.stat().st_size:,} bytes; a progress file is far smaller")
    return read_progress(path.read_bytes(), source=path.name)
