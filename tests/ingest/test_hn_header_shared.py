"""Header-line places on the team's real HN "Who is hiring" runs (../shared): coverage floors, and agreement of
the work mode with the labels another party made for the same posts (classified.json, an LLM's reading)."""

from __future__ import annotations

import json

import pytest

from skillgap.normalize.header_line import header_place

# The classified.json "remote" label -> our mode. Their "hybrid" for "Remote or hybrid" posts is our "remote"
# (docs/ingest.md: remote offered as an alternative counts as remote), so agreement is not expected to be total.
LABEL_MODE = {"fully_remote": "remote", "onsite_only": "onsite", "hybrid": "hybrid"}


@pytest.fixture(scope="module")
def hn_posts(shared_dir):
    runs = shared_dir / "data" / "postings" / "hn_whoishiring_2026" / "runs"
    posts: dict[int, dict] = {}
    labels: dict[int, dict] = {}
    for path in sorted(runs.glob("*/raw.json")):
        for job in json.loads(path.read_text(encoding="utf-8"))["jobs"]:
            posts[job["id"]] = job
    for path in sorted(runs.glob("*/classified.json")):
        for job in json.loads(path.read_text(encoding="utf-8"))["jobs"]:
            labels[job["id"]] = job
    hiring = {i: p for i, p in posts.items() if p.get("source") == "who_is_hiring"}
    assert len(hiring) > 1500
    return hiring, labels


def test_most_hn_posts_get_a_location(hn_posts):
    posts, _ = hn_posts
    found = {i: header_place(p.get("text")) for i, p in posts.items()}
    with_location = [f for f in found.values() if f.location]
    # measured 2026-11: 1,288 of 1,660 unique posts (78%); before the header parser: 0
    assert len(with_location) / len(posts) >= 0.70
    # most places name a country; the rest are regions ("EU", "LATAM") or unknown towns
    assert sum(1 for f in with_location if f.country) / len(with_location) >= 0.85
    assert sum(1 for f in found.values() if f.mode) / len(posts) >= 0.75
    # no location is a salary, a URL or a role
    for f in with_location:
        assert "$" not in f.location and "http" not in f.location.lower()
        assert "engineer" not in f.location.lower()


def test_mode_agrees_with_the_other_partys_labels(hn_posts):
    posts, labels = hn_posts
    pairs = []
    for i, p in posts.items():
        theirs = LABEL_MODE.get((labels.get(i) or {}).get("remote"))
        ours = header_place(p.get("text")).mode
        if theirs and ours:
            pairs.append((theirs, ours))
    assert len(pairs) > 1000
    agree = sum(1 for theirs, ours in pairs if theirs == ours) / len(pairs)
    assert agree >= 0.85  # measured 0.93
