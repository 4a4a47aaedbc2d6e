"""Walk the paths given to ``skillgap ingest`` and decide what to do with each file.

Folders are walked recursively (sorted, hidden files and non-export extensions ignored). Files named explicitly are
always tried. The Chinese board's raw/<issue>.json comments are skipped when parsed/<issue>.json is in the same
ingest (the parsed postings are the same comments), and parsed/ files get their raw/ twin for posting dates.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EXPORT_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".parquet", ".xlsx", ".zip", ".gz")


@dataclass(frozen=True)
class FileJob:
    path: str
    explicit: bool  # named by the user (not found in a folder walk)
    action: str = "load"  # load | skip
    message: str | None = None
    comments_from: str | None = None  # cn board: raw/<issue>.json beside parsed/<issue>.json

    def to_dict(self) -> dict:
        return {"path": self.path, "explicit": self.explicit, "action": self.action, "message": self.message,
                "comments_from": self.comments_from}


def _is_export(p: Path) -> bool:
    name = p.name.lower()
    return not name.startswith(".") and name.endswith(EXPORT_SUFFIXES)


def discover(paths: list[str | Path]) -> list[FileJob]:
    """Expand folders into files and classify them; missing paths stay in the list (they fail at load)."""
    found: list[tuple[Path, bool]] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                for f in sorted(files):
                    fp = Path(root) / f
                    if _is_export(fp) and fp.resolve() not in seen:
                        seen.add(fp.resolve())
                        found.append((fp, False))
        else:
            key = p.resolve() if p.exists() else p
            if key not in seen:
                seen.add(key)
                found.append((p, True))
    resolved = {fp.resolve() for fp, _ in found if fp.exists()}
    jobs = []
    for fp, explicit in found:
        parent = fp.parent
        if parent.name == "raw" and (parent.parent / "parsed" / fp.name).resolve() in resolved:
            jobs.append(FileJob(str(fp), explicit, "skip", "comments already loaded from parsed/"))
            continue
        comments_from = None
        if parent.name == "parsed":
            twin = parent.parent / "raw" / fp.name
            if twin.exists():
                comments_from = str(twin)
        jobs.append(FileJob(str(fp), explicit, comments_from=comments_from))
    return jobs
