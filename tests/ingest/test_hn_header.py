"""Place, country and work mode from HN "Who is hiring" header lines (all lines invented for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.ingest.layouts import DERIVED, get_path
from skillgap.normalize.header_line import HeaderPlace, header_line, header_place, parse_header, split_header
from tests.helpers.ingest import query, run, write_json

CASES = [
    # line, location, country, mode
    ("Acme Robotics | Backend Engineer | Berlin, Germany | ONSITE | Full-time | $120k", "Berlin, Germany", "DE", "onsite"),
    ("Acme | REMOTE (US) | Full-time | Staff Engineer", "US", "US", "remote"),
    ("Zeta Labs | NYC or SF | Hybrid", "NYC or SF", "US", "hybrid"),
    ("Zeta Labs | Platform Engineer | US/Canada remote", "US/Canada", "US", "remote"),
    ("Zeta Labs | Data Engineer | London, UK (Hybrid, 3 days/week) | £80k", "London, UK", "GB", "hybrid"),
    ("Zeta Labs | Senior Developer | Austin, TX | Remote or Onsite", "Austin, TX", "US", "remote"),
    ("Zeta Labs | Engineer | REMOTE (visa sponsorship available)", None, None, "remote"),
    ("Zeta Labs | Engineer | Remote (US) | US citizens only", "US", "US", "remote"),
    ("Zeta Labs | Engineer | Remote (Worldwide) | Full-time", None, None, "remote"),
    ("Zeta Labs | Remote Sensing Engineer | Onsite", None, None, "onsite"),
    ("Zeta Labs | Engineer | REMOTE (EU) | Full-time", "EU", None, "remote"),
    ("Zeta Labs | Toronto, ON / New York | Hybrid", "Toronto, ON / New York", "CA", "hybrid"),
    ("Zeta Labs | Cambridge, MA or London | ONSITE", "Cambridge, MA or London", "US", "onsite"),
    ("Zeta Labs | SF In-Person | Full Time", "SF", "US", "onsite"),
    ("Zeta Labs | Engineer | REMOTE (EU/Asia -- no US) or HYBRID Munich", "EU/Asia or Munich", "DE", "remote"),
    ("Zeta Labs | Founding Engineer | Full time in Denver, CO (ONSITE)", "Denver, CO", "US", "onsite"),
    ("Zeta Labs | ONSITE - Antananarivo | Full-time", "Antananarivo", None, "onsite"),
    ("Zeta Labs | Multiple positions in Canada - WORK FROM HOME", "Canada", "CA", "remote"),
    ("Zeta Labs | Chicago, IL (Hybrid 2x/week) | Contract", "Chicago, IL", "US", "hybrid"),
    ("Zeta Labs | Remote (US, Eastern Time overlap) | $90-120k", "US", "US", "remote"),
    ("Zeta Labs | Developer | Tulsa, OK (Remote US or Hybrid) | zeta.example", "Tulsa, OK (US)", "US", "remote"),
    ("Zeta Labs | Engineer | REMOTE (Canada or LATAM; must overlap with Eastern hours)", "Canada or LATAM", "CA", "remote"),
    ("Zeta Labs | Engineers | Remote but must be based in the UK | Equity", "UK", "GB", "remote"),
    ("Zeta Labs | Ireland (Remote, Ireland-only) | Contract", "Ireland", "IE", "remote"),
    ("Zeta Labs | Engineer | Fully Remote AUS/NZ", "AUS/NZ", "AU", "remote"),
    # all-caps state codes are not connectors: "Salem, OR" is Oregon, "NYC OR REMOTE" is a choice
    ("Zeta Labs | Engineer | Salem, OR | Onsite", "Salem, OR", "US", "onsite"),
    ("Zeta Labs | Engineer | Gary, IN", "Gary, IN", "US", None),
    ("Zeta Labs | Engineer | NYC OR REMOTE", "NYC", "US", "remote"),
    ("Zeta Labs | Engineer | Tulsa, OK | Hybrid OK", "Tulsa, OK", "US", "hybrid"),
    # the company part: a place in brackets, or the whole first part
    ("Zeta Labs (Lisbon) | Founding Engineer | Full-time", "Lisbon", "PT", None),
    ("Paris, France | Zeta Labs | Engineer", "Paris, France", "FR", None),
    # dash-separated header lines
    ("Zeta Labs - London (Hybrid) - Full-time", "London", "GB", "hybrid"),
    ("Zeta Labs — Staff Engineer — Remote (Canada) — Contract", "Canada", "CA", "remote"),
]


@pytest.mark.parametrize(("line", "location", "country", "mode"), CASES)
def test_header_cases(line, location, country, mode):
    assert parse_header(line) == HeaderPlace(location=location, country=country, mode=mode)


@pytest.mark.parametrize("line", [
    "Zeta Labs | Full-time | $150k-$190k + equity | https://zeta.example/jobs | Visa sponsorship",
    "Zeta Labs (YC W24) | Senior Engineer | Full-time",
    "Zeta Labs | Multiple roles | Go, Rust, Kubernetes | Series B",
    "Zeta Labs | zeta.io | Contract | US citizenship required",
    "We are hiring engineers in Berlin to build our platform.",  # prose, not a header line
    "Zeta Labs is hiring",
    "",
])
def test_lines_without_a_place(line):
    assert parse_header(line).location is None and parse_header(line).country is None


def test_split_header():
    assert split_header("A | B |  | C ") == ["A", "B", "C"]
    assert split_header("A - B - C") == ["A", "B", "C"]
    assert split_header("Full-stack engineer - Berlin") == []  # one dash: not a header line
    assert split_header("plain sentence") == []


PLACES = [("Berlin, Germany", "Berlin, Germany", "DE"), ("Austin, TX", "Austin, TX", "US"),
          ("Remote (UK)", "UK", "GB"), ("Toronto, Canada (Hybrid)", "Toronto, Canada", "CA"),
          ("Onsite in Oslo", "Oslo", "NO"), ("Bangalore, India", "Bangalore, India", "IN")]
NOISE = ["Full-time", "$140k-$180k + equity", "https://acme.example/jobs", "Visa sponsorship", "Senior Backend Engineer",
         "Multiple roles", "Series B", "acme.io", "Contract", "Python, Go, Postgres", "€70-90k", "Founding Engineer"]


@settings(max_examples=60, deadline=None)
@given(place=st.sampled_from(PLACES), noise=st.lists(st.sampled_from(NOISE), max_size=5, unique=True),
       at=st.integers(min_value=0, max_value=5))
def test_place_found_in_any_order(place, noise, at):
    part, location, country = place
    parts = list(noise)
    parts.insert(min(at, len(parts)), part)
    found = parse_header(" | ".join(["Acme Widgets", *parts]))
    assert (found.location, found.country) == (location, country)


@settings(max_examples=60, deadline=None)
@given(noise=st.lists(st.sampled_from(NOISE), min_size=1, max_size=6, unique=True))
def test_noise_parts_are_never_places(noise):
    assert parse_header(" | ".join(["Acme Widgets", *noise])).location is None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text):
    found = parse_header(text)
    assert isinstance(found, HeaderPlace)
    assert found.location is None or 0 < len(found.location) <= 200
    assert header_place(text) is not None


def test_header_line_from_hn_html():
    text = "Zeta Labs | Engineer | Berlin &amp; Hamburg | ONSITE<p>We also have an office in Munich.</p>"
    assert header_line(text) == "Zeta Labs | Engineer | Berlin & Hamburg | ONSITE"
    assert header_place(text) == HeaderPlace(location="Berlin & Hamburg", country="DE", mode="onsite")
    linked = 'Zeta (<a href="https:&#x2F;&#x2F;zeta.example">zeta.example</a>) | Remote (Canada)<p>More text.'
    assert header_place(linked).location == "Canada"


def test_location_line_when_the_header_has_no_place():
    text = "Zeta Labs is hiring engineers!<p>Location: Oslo, Norway Remote: no</p><p>Stack: Python.</p>"
    assert header_place(text) == HeaderPlace(location="Oslo, Norway", country="NO", mode=None)
    assert header_place("Zeta Labs | Engineer | REMOTE<p>Location: anywhere you like</p>").location is None


def test_derived_specs_in_layout_paths():
    rec = {"id": 1, "text": "Zeta Labs | Engineer | Austin, TX | Hybrid<p>Body.</p>"}
    assert get_path(rec, "hn_location(text)") == "Austin, TX"
    assert get_path(rec, "hn_country(text)") == "US"
    assert get_path(rec, "hn_remote(text)") == "hybrid"
    assert get_path(rec, "hn_location(missing)") is None
    assert get_path(rec, "nosuch(text)") is None  # not a derived name: read as a path, which is absent
    assert set(DERIVED) >= {"hn_location", "hn_country", "hn_remote"}


def test_hn_layout_loads_location_country_and_remote(tmp_path, store_path):
    headers = {
        1: "Zeta Labs | Backend Engineer | Berlin, Germany | ONSITE | Full-time",
        2: "Orbit Foods | REMOTE (Canada) | Staff Engineer | $150k",
        3: "Kite Data | Data Engineer | Lisbon, Portugal | Hybrid",
        4: "Plain Co | Engineer | Full-time",
    }
    body = "We build data pipelines in Python and SQL on Kubernetes for a small, friendly team of engineers."
    jobs = [{"id": i, "source": "who_is_hiring", "by": f"u{i}", "time": 1767400000 + i, "text": f"{h}<p>{body}</p>"}
            for i, h in headers.items()]
    run_dir = tmp_path / "runs" / "2026-01-01"
    run_dir.mkdir(parents=True)
    write_json(run_dir / "raw.json", {"schema_version": "1.0", "date": "2026-01-01", "jobs": jobs})
    s = run([tmp_path / "runs"], store_path)
    assert s["loaded"] == 4
    got = {r[0]: r[1:] for r in query(store_path, "SELECT source_id, location, country, remote FROM postings")}
    assert got["1"] == ("Berlin, Germany", "DE", False)
    assert got["2"] == ("Canada", "CA", True)
    assert got["3"] == ("Lisbon, Portugal", "PT", False)  # hybrid is not remote
    assert got["4"][:2] == (None, None)


def test_job_seekers_posts_are_rejected_with_the_reason(tmp_path, store_path):
    from skillgap.normalize.job_seeker import SEEKER_REASON, is_job_seeker_post

    body = "<p>We build data pipelines in Python and SQL on Kubernetes for a small, friendly team of engineers.</p>"
    texts = {
        1: "Zeta Labs | Backend Engineer | Berlin, Germany | ONSITE" + body,
        2: "SEEKING WORK | Full-Stack Developer (Django, Vue, AWS)<p>Location: Argentina. I build web apps.</p>",
        3: "Location: Lisbon, Portugal<p>Remote: Yes</p><p>Willing to relocate: No</p><p>Technologies: Python, SQL</p>"
           "<p>Résumé/CV: on request</p><p>Email: me@example.com</p>",
        # an employer reusing the seekers' template starts with its own header line: still a posting
        4: "Acme AI | Senior Fullstack Engineer | REMOTE (US)<p>Location: Remote (US) Remote: Yes Willing to "
           "relocate: No Technologies: Python, React</p>" + body,
        # "Seeking" as an employer's verb is no tag
        5: "Seeking senior data engineers | Kite Data | Lisbon | Hybrid" + body,
    }
    assert [is_job_seeker_post(t) for t in texts.values()] == [False, True, True, False, False]
    jobs = [{"id": i, "by": f"u{i}", "time": 1767400000 + i, "text": t} for i, t in texts.items()]
    run_dir = tmp_path / "runs" / "2026-01-01"
    run_dir.mkdir(parents=True)
    write_json(run_dir / "raw.json", {"schema_version": "1.0", "date": "2026-01-01", "jobs": jobs})
    s = run([tmp_path / "runs"], store_path)
    assert (s["rows"], s["loaded"], s["rejected"]) == (5, 3, 2)
    assert sorted(r[0] for r in query(store_path, "SELECT source_id FROM postings")) == ["1", "4", "5"]
    rejected = query(store_path, "SELECT reason, raw FROM rejected_rows ORDER BY row_number")
    assert [r[0] for r in rejected] == [SEEKER_REASON] * 2
    assert "SEEKING WORK" in rejected[0][1] and "Willing to relocate" in rejected[1][1]
