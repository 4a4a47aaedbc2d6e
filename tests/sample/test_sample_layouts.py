"""Each file follows its real-world layout exactly (column names, types, encodings)."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid

from tests.helpers.sample_readers import read_generic, read_greenhouse, read_jobspy, read_lever

from skillgap.sample.exports import GENERIC_COLUMNS, JOBSPY_COLUMNS


def test_jobspy_csv_has_jobspy_columns_and_value_shapes(generated):
    folder, _ = generated
    rows = read_jobspy(folder / "jobspy_scrape.csv")
    assert list(rows[0]) == list(JOBSPY_COLUMNS)
    assert {r["site"] for r in rows} >= {"indeed", "linkedin", "glassdoor", "zip_recruiter", "google"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date_posted"]) for r in rows)
    assert {r["is_remote"] for r in rows} == {"True", "False"}
    assert {r["interval"] for r in rows} == {"", "yearly", "hourly"}
    paid = [r for r in rows if r["min_amount"]]
    assert len(paid) > len(rows) * 0.3
    assert all(float(r["min_amount"]) <= float(r["max_amount"]) for r in paid)
    assert {r["currency"] for r in paid} == {"USD", "GBP", "EUR", "INR", "CAD"}
    multiline = [r for r in rows if "\n\n" in r["description"]]
    assert len(multiline) > len(rows) * 0.9  # markdown paragraphs inside quoted CSV fields
    assert any(r["description"].startswith("**") for r in rows)


def test_greenhouse_boards_follow_the_job_board_api(generated):
    folder, _ = generated
    import json

    for path in folder.glob("greenhouse_*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert set(doc) == {"jobs", "meta"} and doc["meta"]["total"] == len(doc["jobs"])
        token = path.stem.removeprefix("greenhouse_")
        for job in doc["jobs"]:
            assert isinstance(job["id"], int) and isinstance(job["internal_job_id"], int)
            assert job["absolute_url"] == f"https://example.org/job-boards.greenhouse.io/{token}/jobs/{job['id']}"
            assert job["language"] == "en" and job["metadata"] is None
            assert set(job["location"]) == {"name"}
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}", job["updated_at"])
            assert job["updated_at"][:7] == job["first_published"][:7]
            assert job["departments"][0]["name"] and job["offices"][0]["location"]
            if job["content"]:
                assert job["content"].startswith("&lt;p&gt;") and "<p>" not in job["content"]
                assert html.unescape(job["content"]).startswith("<p><strong>")


def test_lever_jsonl_follows_the_postings_api(generated):
    folder, _ = generated
    objs = read_lever(folder / "lever_postings.jsonl")
    assert len(objs) > 300
    for o in objs:
        assert str(uuid.UUID(o["id"])) == o["id"]
        assert o["hostedUrl"].startswith("https://example.org/jobs.lever.co/") and o["hostedUrl"].endswith(o["id"])
        assert o["applyUrl"] == o["hostedUrl"] + "/apply"
        assert set(o["categories"]) == {"commitment", "department", "location", "team", "allLocations"}
        assert o["workplaceType"] in {"remote", "hybrid", "onsite"}
        created = dt.datetime.fromtimestamp(o["createdAt"] / 1000, dt.timezone.utc)
        utc = dt.timezone.utc
        assert dt.datetime(2024, 11, 1, tzinfo=utc) <= created < dt.datetime(2026, 11, 1, tzinfo=utc)
        for item in o["lists"]:
            assert item["text"] and item["content"].startswith("<li>")
        if "salaryRange" in o:
            assert o["salaryRange"]["interval"] in {"per-year-salary", "per-hour-wage"}
            assert o["salaryRange"]["min"] <= o["salaryRange"]["max"]
    assert any(item["text"] in ("Requirements", "What you'll need") for o in objs for item in o["lists"])


def test_generic_board_has_human_columns_salary_styles_and_relative_dates(generated):
    folder, _ = generated
    (path,) = folder.glob("generic_board_*.xlsx")
    assert path.name == "generic_board_2026-10-28.xlsx"
    header, rows = read_generic(folder)
    assert tuple(header) == GENERIC_COLUMNS
    salaries = [r["Salary"] or "" for r in rows]
    assert any(re.fullmatch(r"\$[\d,]+ - \$[\d,]+ a year", s) for s in salaries)
    assert any(re.fullmatch(r"£\d+k–£\d+k", s) for s in salaries)
    assert any(re.fullmatch(r"€[\d,]+/yr", s) for s in salaries)
    assert any("hour" in s for s in salaries)
    remote_words = {r["Remote"] for r in rows}
    assert {"Yes", "No", "Hybrid"} <= remote_words and len(remote_words) >= 8
    dates = [r["Date Posted"] for r in rows]
    relative = [d for d in dates if "ago" in d or d in ("Today", "Just posted", "Yesterday")]
    assert len(relative) >= 10
    for d in relative:
        m = re.search(r"(\d+)\s*d(?:ays)? ago", d)
        assert m is None or int(m.group(1)) <= 30
    assert any(re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", d) for d in dates)  # "Mar 5, 2025"


def test_every_link_in_the_sample_leads_nowhere_real(generated):
    """Synthetic postings must not point at somebody's real job: every URL and address is at example.org."""
    folder, _ = generated
    text = "\n".join(p.read_text(encoding="utf-8") for p in folder.iterdir() if p.suffix in (".csv", ".json", ".jsonl"))
    text += "\n".join(str(r["Job URL"]) for r in read_generic(folder)[1])
    hosts = set(re.findall(r"https?://([^/\s\"',)]+)", text))
    assert hosts == {"example.org"}, hosts
    mail_domains = set(re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", text))
    assert mail_domains <= {"example.org"}, mail_domains
