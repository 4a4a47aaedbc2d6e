"""Every error we expect and can explain to a user. Messages name the thing and the next step."""

from __future__ import annotations


class AnalyzerError(Exception):
    """Base for errors we expect and can explain to a user."""


# --- store -----------------------------------------------------------------
class StoreError(AnalyzerError):
    """The DuckDB store cannot be used as asked."""


class SchemaTooNew(StoreError):
    """The store was written by a newer skillgap than this one."""


class SchemaOutdated(StoreError):
    """A read-only open found a store that needs migrations applied first."""


class DatabaseBusy(StoreError):
    """Another process holds the store's write lock."""


class StoreMissing(StoreError):
    """No store file exists where one was expected."""


class DataDirError(AnalyzerError):
    """A folder skillgap must write to (the data folder, Prefect's home) is read-only, full or not a folder."""


# --- ingestion -------------------------------------------------------------
class IngestError(AnalyzerError):
    """An export file cannot be read at all (the file, not a row, is at fault)."""


class UnknownLayout(IngestError):
    """No title or description column could be found in an export."""


# --- taxonomy and extraction ----------------------------------------------
class TaxonomyError(AnalyzerError):
    """The taxonomy data files are inconsistent."""


class EvaluationDataError(AnalyzerError):
    """An evaluation file (SkillSpan, Decorte, posting labels) cannot be read in the expected format."""


# --- CVs -------------------------------------------------------------------
class CVError(AnalyzerError):
    """A CV file cannot be turned into text."""


class CVTextEmpty(CVError):
    """No text could be extracted from the CV (often a scanned PDF)."""


class CVEncrypted(CVError):
    """The CV PDF is password-protected."""


class CVTooLarge(CVError):
    """The CV file is over the size limit."""


class CVUnsupported(CVError):
    """The CV's file type is not one we read."""


class CVCorrupt(CVError):
    """The CV file is damaged or not what its extension says."""


# --- market / gap ----------------------------------------------------------
class UnknownRole(AnalyzerError):
    """A target role matches no role family and no posting title."""


class UnknownSkill(AnalyzerError):
    """A skill id is not in the taxonomy."""


class ProgressFileError(AnalyzerError):
    """A learning-plan progress file is not valid JSON or not in the progress format (the message names the entry)."""


# --- sample data -----------------------------------------------------------
class SampleOptionError(AnalyzerError):
    """An option of `skillgap sample` is out of range or malformed (month, format, counts)."""
