"""The bundled sample CVs (data/sample/cvs): which files there are, whom they portray, which role each aims at.

The dashboard's sample picker and `skillgap demo` read this index. The generator that writes the files
(``skillgap.sample.cvs``, a tool above the core) takes each persona's file name, description and role from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["CV_DIR_NAME", "DEMO_CV", "SAMPLE_CV_INDEX", "SampleCV", "SampleCVEntry", "sample_cvs"]

CV_DIR_NAME = "cvs"  # data/sample/cvs
DEMO_CV = "data_analyst_to_data_engineer"  # the CV `skillgap demo` analyses


@dataclass(frozen=True)
class SampleCVEntry:
    """One bundled CV: its file stem, format, who it portrays and the role id it aims at (roles.yaml)."""

    key: str
    fmt: str  # txt | md | docx | pdf
    persona: str
    role: str

    @property
    def filename(self) -> str:
        return f"{self.key}.{self.fmt}"


SAMPLE_CV_INDEX: tuple[SampleCVEntry, ...] = (
    SampleCVEntry("data_analyst_to_data_engineer", "txt", "Junior data analyst moving to data engineering",
                  "data-engineer"),
    SampleCVEntry("backend_engineer_to_ml_engineer", "docx", "Backend engineer moving to ML engineering",
                  "ml-engineer"),
    SampleCVEntry("data_scientist_to_ai_architect", "pdf", "Data scientist aiming at AI architect", "ai-architect"),
    SampleCVEntry("sysadmin_to_cloud_architect", "md", "Cloud systems administrator aiming at cloud architect",
                  "cloud-architect"),
    SampleCVEntry("fullstack_developer_to_ai_engineer", "txt", "Full-stack developer moving to AI / LLM engineering",
                  "ai-engineer"),
)


@dataclass(frozen=True)
class SampleCV:
    """A bundled sample CV on disk."""

    key: str
    path: Path
    persona: str
    role: str
    fmt: str

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


def sample_cvs(folder: Path) -> list[SampleCV]:
    """The bundled sample CVs present in ``folder`` (data/sample/cvs), in index order."""
    folder = Path(folder)
    return [SampleCV(e.key, folder / e.filename, e.persona, e.role, e.fmt)
            for e in SAMPLE_CV_INDEX if (folder / e.filename).is_file()]
