"""sources.toml: what the schedule fetches, checked with errors that name the file and the field."""

from __future__ import annotations

import pytest

from skillgap.errors import SourcesConfigError
from skillgap.fetch.sources import load_sources

GOOD = """
[hn]
months = 3
api_url = "http://127.0.0.1:1/v0"

[[jobspy]]
site = "indeed"
search = "data engineer"
location = "Berlin"
results = 200

[[jobspy]]
site = "linkedin"
search = "ml engineer"
"""


def test_a_good_file(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD)
    s = load_sources(path)
    assert s.hn.enabled and s.hn.months == 3 and s.hn.since is None
    assert [(j.site, j.search, j.location, j.results) for j in s.jobspy] == [
        ("indeed", "data engineer", "Berlin", 200), ("linkedin", "ml engineer", None, 100)]
    assert s.describe() == ["hn: Ask HN: Who is hiring? (3 newest months)",
                            "jobspy:indeed:data engineer@Berlin: up to 200 postings",
                            "jobspy:linkedin:ml engineer: up to 100 postings"]


def test_no_file_means_no_fetches(tmp_path):
    s = load_sources(tmp_path / "missing.toml")
    assert not s.hn.enabled and s.jobspy == [] and s.describe() == []
    assert load_sources(None).describe() == []


@pytest.mark.parametrize("text, message", [
    ("[[jobspy]]\nsite = 'indeed'\nsearch = 'x'\nresults = 5000\n", r"jobspy\[0\]\.results: Input should be less"),
    ("[[jobspy]]\nsite = 'monster'\nsearch = 'x'\n", r"jobspy\[0\]\.site: .*must be one of indeed"),
    ("[hn]\nsince = '2026-1'\n", r"since must be a month as YYYY-MM"),
    ("[hn]\nmonths = 2\nsince = '2026-01'\n", r"hn: .*either months or since"),
    ("[hn]\nmonth = 2\n", r"hn\.month: Extra inputs are not permitted"),
    ("[hn\n", r"not valid TOML"),
])
def test_bad_files_name_the_file_and_field(tmp_path, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(SourcesConfigError, match=message) as info:
        load_sources(path)
    assert str(path) in str(info.value)
