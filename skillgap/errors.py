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


# --- job ads (skillgap match) ---------------------------------------------
class JobAdError(AnalyzerError):
    """A job ad cannot be matched: unreadable, empty, not an ad, in another language, or without skills."""


class JobAdEmpty(JobAdError):
    """The job ad has no text (an empty file or paste, a scanned PDF)."""


class JobAdUnreadable(JobAdError):
    """The job ad's file type is not one we read, or the file is damaged."""


class JobAdLanguage(JobAdError):
    """The job ad is not written in English (its sections and requirement levels cannot be read)."""


class NotAJobAd(JobAdError):
    """The text is not a job ad (a CV, an article, a list of words)."""


class JobAdNoSkills(JobAdError):
    """No taxonomy skill was found in the job ad, so there is nothing to match."""


class PostingNotFound(JobAdError):
    """No stored posting has the given id."""


class ProgressFileError(AnalyzerError):
    """A learning-plan progress file is not valid JSON or not in the progress format (the message names the entry)."""


# --- sample data -----------------------------------------------------------
class SampleOptionError(AnalyzerError):
    """An option of `skillgap sample` is out of range or malformed (month, format, counts)."""


# --- fetching exports --------------------------------------------------------
class FetchError(AnalyzerError):
    """A job-posting source (the Hacker News API, a job board) could not be fetched; nothing half-written."""


class FetchOptionError(FetchError):
    """An option of `skillgap fetch` is malformed or contradicts another (month, counts, URL)."""


class CollectExtraMissing(FetchError):
    """The optional 'collect' extra (python-jobspy) is not installed."""


class SourcesConfigError(FetchError):
    """The sources settings file (sources.toml) is not valid."""


class ProfileError(AnalyzerError):
    """A profile of CV corrections (``--profile``, the dashboard's upload) or a ``--have``/``--not`` list is invalid."""
