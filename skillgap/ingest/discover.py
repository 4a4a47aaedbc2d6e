"""Walk the paths given to ``skillgap ingest`` and decide what to do with each file.

Folders are walked recursively (sorted, hidden files and non-export extensions ignored), following symbolic links
to folders; a folder reached twice (a link loop, or two links to one folder) is walked once. Files named explicitly
are always tried. ``folder_warnings`` names the folders in which no export file was found. The Chinese board's
raw/<issue>.json comments are skipped when parsed/<issue>.json is in the same ingest (the parsed postings are the
same comments), and parsed/ files get their raw/ twin for posting dates.
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


def _unwalked(root: str, dirs: list[str], walked: set[str]) -> list[str]:
    keep = []
    for d in sorted(dirs):
        real = os.path.realpath(os.path.join(root, d))
        if not d.startswith((".", "__")) and real not in walked:
            walked.add(real)
            keep.append(d)
    return keep


def folder_warnings(paths: list[str | Path], jobs: list[FileJob]) -> list[str]:
    """One line per folder given in which no export file was found (an empty run must not look like success)."""
    warnings = []
    for raw in paths:
        p = Path(raw).expanduser()
        if not p.is_dir():
            continue
        prefix = str(p).rstrip(os.sep) + os.sep
        if not any(job.path.startswith(prefix) for job in jobs):
            warnings.append(
                f"No export files found under {p} (looked for {', '.join(EXPORT_SUFFIXES)} files, hidden ones "
                "ignored); nothing was loaded from it."
            )
    return warnings


def discover(paths: list[str | Path]) -> list[FileJob]:
    """Expand folders into files and classify them; missing paths stay in the list (they fail at load)."""
    found: list[tuple[Path, bool]] = []
    seen: set[Path] = set()
    walked: set[str] = set()  # real paths of folders already walked: symlink loops end here
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            if os.path.realpath(p) in walked:
                continue
            walked.add(os.path.realpath(p))
            for root, dirs, files in os.walk(p, followlinks=True):
                dirs[:] = _unwalked(root, dirs, walked)
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
