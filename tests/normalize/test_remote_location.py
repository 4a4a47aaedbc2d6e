"""detect_remote / remote_mode / country_of."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.normalize.location import country_of
from skillgap.normalize.remote import detect_remote, remote_mode

MODE_CASES = [
    ("Remote", "remote"),
    ("REMOTE (US)", "remote"),
    ("remote-friendly", "remote"),
    ("Fully remote", "remote"),
    ("Remote OK", "remote"),
    ("100% remote, anywhere in EU", "remote"),
    ("Work from home", "remote"),
    ("WFH", "remote"),
    ("远程", "remote"),
    ("可远程办公", "remote"),
    ("Onsite or remote", "remote"),
    ("Berlin or Remote", "remote"),
    ("ONSITE", "onsite"),
    ("on-site only", "onsite"),
    ("On site in Austin", "onsite"),
    ("No remote", "onsite"),
    ("not remote", "onsite"),
    ("This role is not remote.", "onsite"),
    ("In office 5 days", "onsite"),
    ("In-person", "onsite"),
    ("不支持远程", "onsite"),
    ("Hybrid (NYC)", "hybrid"),
    ("Hybrid - 3 days in office", "hybrid"),
    ("In office 3 days, remote 2 days", "hybrid"),
    ("混合办公", "hybrid"),
    ("Remote or Hybrid (Boston)", "remote"),
    ("Hybrid/Remote", "remote"),
    ("Hybrid (some on-site)", "hybrid"),
    ("Hybrid (some remote days)", "hybrid"),
    ("REMOTE (EU) or HYBRID (Stockholm)", "remote"),
    ("ONSITE (Hybrid OK), REMOTE (US)", "remote"),
    ("Remote | Senior developer | EU, or Hybrid - Lisbon", "remote"),
    ("NYC | 3x/week in office", "hybrid"),
    ("ONSITE (3 days/week in office)", "hybrid"),
    ("London | on-site (4 days)", "hybrid"),
    ("On-site in NYC; we use remote desktop tools", "onsite"),
    ("San Francisco, CA", None),
    ("We build remote sensing software", None),
    ("Remote monitoring of patients; Boston office", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "mode"), MODE_CASES)
def test_remote_mode(text: str | None, mode: str | None) -> None:
    assert remote_mode(text) == mode


@pytest.mark.parametrize(("text", "mode"), MODE_CASES)
def test_detect_remote_follows_mode(text: str | None, mode: str | None) -> None:
    expected = None if mode is None else mode == "remote"
    assert detect_remote(text) is expected


def test_hybrid_is_not_remote() -> None:
    assert detect_remote("Hybrid") is False
    assert remote_mode("Hybrid") == "hybrid"


def test_first_informative_text_wins() -> None:
    assert detect_remote(None, "", "Remote (US)", "Our office in NYC is on-site") is True
    assert detect_remote("New York, NY", "Data Engineer", "This is an onsite role") is False
    assert detect_remote("New York, NY", "Data Engineer", "Python, SQL") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text()), max_size=3))
def test_detect_remote_never_raises(texts: list[str | None]) -> None:
    assert detect_remote(*texts) in (True, False, None)
    assert remote_mode(*texts) in ("remote", "hybrid", "onsite", None)


COUNTRY_CASES = [
    ("San Francisco, CA", "US"),
    ("New York, NY", "US"),
    ("Santa Clara Valley, CA 95014", "US"),
    ("San Jose, CA 95131 (North San Jose area)", "US"),
    ("Washington, DC", "US"),
    ("Portland, OR", "US"),
    ("Austin, Texas", "US"),
    ("Atlanta, Georgia, United States", "US"),
    ("New York, New York, United States", "US"),
    ("Greater Boston", "US"),
    ("NYC", "US"),
    ("Remote (US)", "US"),
    ("Remote - USA", "US"),
    ("US Remote", "US"),
    ("London, UK", "GB"),
    ("London", "GB"),
    ("Manchester, England", "GB"),
    ("Berlin, Germany", "DE"),
    ("München", "DE"),
    ("Zürich, Switzerland", "CH"),
    ("Bengaluru, India", "IN"),
    ("Bangalore", "IN"),
    ("Toronto, ON", "CA"),
    ("Vancouver, BC, Canada", "CA"),
    ("Montreal, QC", "CA"),
    ("Sydney, Australia", "AU"),
    ("Amsterdam, NL", "NL"),  # "NL" is also Newfoundland: the known city decides
    ("Berlin, DE", "DE"),  # ... and "DE" Delaware
    ("London, ON", "CA"),  # a known city with a province code that is not its country: the code decides
    ("Paris, TX", "US"),
    ("Amsterdam", "NL"),
    ("Singapore", "SG"),
    ("Tokyo, Japan", "JP"),
    ("北京", "CN"),
    ("上海", "CN"),
    ("深圳", "CN"),
    ("杭州", "CN"),
    ("深圳南山", "CN"),
    ("南京市江宁区", "CN"),
    ("新加坡", "SG"),
    ("香港", "HK"),
    ("阿联酋迪拜", "AE"),
    ("西雅图", "US"),
    ("Remote", None),
    ("Anywhere", None),
    ("远程", None),
    ("", None),
    (None, None),
    ("Planet Mars", None),
    ("Ontario, CA", "US"),  # Ontario, California (CA after a comma is the state)
    ("Dallas-Fort Worth Metroplex", "US"),
    ("Greater St. Louis", "US"),
    ("Raleigh-Durham-Chapel Hill Area", "US"),
    ("Toronto", "CA"),
    ("江苏 南通", "CN"),
    ("海淀", "CN"),
    ("Acme (London or NYC)", "US"),
    ("Bristol, UK (Hybrid)", "GB"),
]


@pytest.mark.parametrize(("location", "cc"), COUNTRY_CASES)
def test_country_of(location: str | None, cc: str | None) -> None:
    assert country_of(location) == cc


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text()))
def test_country_of_never_raises(location: str | None) -> None:
    out = country_of(location)
    assert out is None or (len(out) == 2 and out.isupper())


def test_long_descriptions_use_the_same_rules() -> None:
    filler = "We build data pipelines with Python and SQL. " * 40
    assert remote_mode(filler + "This is a fully remote role." + filler) == "remote"
    assert remote_mode(filler + "Sorry, no remote candidates." + filler) == "onsite"
    assert remote_mode(filler + "Hybrid: two days in our office." + filler) == "hybrid"
    assert remote_mode(filler + "We sell remote sensing gear." + filler) is None
    assert remote_mode(filler * 3) is None
    # Mentions far apart are still both seen.
    assert remote_mode("Remote (EU). " + filler + " Our office is in Berlin, on-site visits twice a year.") == "remote"


@pytest.mark.shared
def test_remote_agrees_with_hn_classified_labels(shared_dir) -> None:
    """The HN export ships model-made labels (classified.json). Where they are clear-cut, we must agree."""
    import json

    from skillgap.normalize.text import html_to_text

    runs = sorted((shared_dir / "data" / "postings" / "hn_whoishiring_2026" / "runs").glob("*/raw.json"))
    assert runs
    remote_total = remote_ok = onsite_total = onsite_ok = 0
    misses: list[str] = []
    for raw_path in runs:
        jobs = {j["id"]: j for j in json.loads(raw_path.read_text(encoding="utf-8"))["jobs"]}
        labels = json.loads((raw_path.parent / "classified.json").read_text(encoding="utf-8"))
        items = labels if isinstance(labels, list) else next(v for v in labels.values() if isinstance(v, list))
        for item in items:
            job = jobs.get(item.get("id"))
            if not job or not job.get("text"):
                continue
            text = html_to_text(job["text"])
            got = detect_remote(text.split("\n", 1)[0], text)
            if item.get("remote") == "fully_remote":
                remote_total += 1
                remote_ok += got is True
                if got is not True:
                    misses.append(text[:120])
            elif item.get("remote") == "onsite_only":
                onsite_total += 1
                onsite_ok += got is not True
    print(f"fully_remote -> True: {remote_ok}/{remote_total}; onsite_only -> not True: {onsite_ok}/{onsite_total}")
    assert remote_total > 100 and onsite_total > 100
    assert remote_ok / remote_total >= 0.95, misses[:20]
    assert onsite_ok / onsite_total >= 0.95


@pytest.mark.shared
def test_country_of_real_us_board_locations(shared_dir) -> None:
    import csv

    csv.field_size_limit(1 << 30)
    folder = shared_dir / "data" / "postings" / "glassdoor_indeed_linkedin_2020"
    values: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8", errors="replace") as fh:
            values += [row["Location"] for row in csv.DictReader(fh) if row.get("Location")]
    placed = [v for v in values if v.strip().lower() != "remote"]
    not_us = [v for v in placed if country_of(v) != "US"]
    print(f"US boards: {len(placed)} locations, {len(not_us)} not resolved to US")
    assert len(placed) > 1000
    assert len(not_us) / len(placed) <= 0.02, sorted(set(not_us))[:50]


@pytest.mark.shared
def test_country_of_real_chinese_board_locations(shared_dir) -> None:
    import json

    folder = shared_dir / "data" / "postings" / "cn_whoishiring_ruanyf" / "parsed"
    values = [
        loc
        for path in sorted(folder.glob("*.json"))
        for posting in json.loads(path.read_text(encoding="utf-8")).get("postings", [])
        for loc in posting.get("location") or []
    ]
    resolved = [v for v in values if country_of(v)]
    print(f"CN board: {len(resolved)}/{len(values)} locations resolved")
    assert len(values) > 1000
    assert len(resolved) / len(values) >= 0.9
    assert sum(country_of(v) == "CN" for v in values) / len(values) >= 0.8
