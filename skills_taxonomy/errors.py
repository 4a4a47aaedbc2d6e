"""The error base every package of the project shares, and the taxonomy's own error.

skills_taxonomy sits below skillgap (skillgap reads the taxonomy; the taxonomy never imports skillgap), so the base
class lives here and ``skillgap.errors`` re-exports both: ``except AnalyzerError`` catches a broken taxonomy file
like any other error we can explain to a user.
"""

from __future__ import annotations


class AnalyzerError(Exception):
    """Base for errors we expect and can explain to a user."""


class TaxonomyError(AnalyzerError):
    """The taxonomy data files are inconsistent."""
