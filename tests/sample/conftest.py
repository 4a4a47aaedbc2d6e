"""Fixtures for the sample-data tests: one default sample generated per session, and its postings."""

from __future__ import annotations

from pathlib import Path

import pytest


from skillgap.sample.exports import (
    DEFAULT_END_MONTH,
    DEFAULT_MONTHS,
    DEFAULT_POSTINGS,
    DEFAULT_SEED,
    EXPORT_DAY,
    generate_sample,
    start_month_for,
)
from skillgap.sample.writer import iter_postings


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> tuple[Path, dict]:
    """The default sample, freshly generated into a temp dir: (folder, summary)."""
    out = tmp_path_factory.mktemp("sample")
    return out, generate_sample(out)


@pytest.fixture(scope="session")
def default_postings() -> list:
    """The structured postings behind the default sample."""
    start = start_month_for(DEFAULT_END_MONTH, DEFAULT_MONTHS)
    return list(iter_postings(seed=DEFAULT_SEED, start_month=start, months=DEFAULT_MONTHS,
                              postings=DEFAULT_POSTINGS, max_day=EXPORT_DAY))
