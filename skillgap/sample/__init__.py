"""Synthetic job postings: the bundled sample (data/sample) and large benchmark exports.

``vocab`` holds the invented vocabulary (roles, skills with time trends, companies, places, pay), ``writer`` turns
it into postings with varied text, ``exports`` writes them in real-world layouts (JobSpy CSV, Greenhouse JSON,
Lever JSON Lines, a job board's XLSX) and streams large single-layout exports in chunks.
"""

from __future__ import annotations

__all__ = ["generate_sample", "write_synthetic"]


def __getattr__(name: str):
    if name in __all__:
        from skillgap.sample import exports

        return getattr(exports, name)
    raise AttributeError(name)
