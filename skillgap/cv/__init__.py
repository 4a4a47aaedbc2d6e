"""Reading CVs: PDF/DOCX/TXT/Markdown to clean text, sections and jobs (``read_cv``), and the skills in them
(``skillgap.cv.skills.cv_skills``). CVs are processed in memory only."""

from skillgap.cv.model import CVDocument, CVSection, CVSkill, JobSpan
from skillgap.cv.read import MAX_BYTES, read_cv, read_cv_file

__all__ = ["MAX_BYTES", "CVDocument", "CVSection", "CVSkill", "JobSpan", "read_cv", "read_cv_file"]
