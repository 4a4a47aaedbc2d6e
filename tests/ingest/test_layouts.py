"""Each real export layout maps onto the postings schema (fixtures are invented, in the layouts' shapes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from skillgap.errors import UnknownLayout
from skillgap.ingest.layouts import generic_layout
from tests.helpers.ingest import body, query, run, write_csv, write_json

COLS = "source, source_id, title, company, location, remote, posted_date, salary_min, salary_max, salary_currency, salary_period, url, description"


def rows(db: Path, source: str) -> list[dict]:
    out = query(db, f"SELECT {COLS} FROM postings WHERE source = ? ORDER BY source_id, title", [source])
    names = [c.strip() for c in COLS.split(",")]
    return [dict(zip(names, r)) for r in out]


def hn_run(path: Path, date: str, ids: list[int], *, text_for=None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    jobs = [
        {"id": i, "source": "who_is_hiring", "by": f"user{i}", "time": 1767400000 + i,
         "text": (text_for(i) if text_for else f"Acme{i} | Backend Engineer | Berlin | REMOTE<p>{body(str(i))} &amp; more</p>")}
        for i in ids
    ]
    write_json(path / "raw.json", {"schema_version": "1.0", "date": date, "run_id": date, "jobs": jobs})
    cls = [{"id": i, "technologies": ["Python", "Kubernetes"], "role": "Backend", "experience_level": "Senior",
            "remote": "remote_ok", "salary_mentioned": False} for i in ids]
    write_json(path / "classified.json", {"schema_version": "1.0", "date": date, "jobs": cls})
    return path


def test_hn_raw_and_classified_labels_joinable(tmp_path, store_path):
    run_dir = hn_run(tmp_path / "runs" / "2026-01-01", "2026-01-01", [101, 102, 103])
    s = run([tmp_path / "runs"], store_path)
    assert s["loaded"] == 3 and s["labels"] == 3 * 5  # python, kubernetes, role, level, remote
    r = rows(store_path, "hn")[0]
    assert r["source_id"] == "101" and r["company"] == "Acme101"
    assert r["title"].startswith("Acme101 | Backend Engineer")
    assert "<p>" not in r["description"] and "& more" in r["description"]
    assert r["posted_date"] == dt.date(2026, 1, 3) and r["remote"] is True
    joined = query(store_path, "SELECT count(*) FROM source_labels l JOIN postings p USING (posting_id) "
                               "WHERE l.kind = 'technology' AND l.label = 'Python'")
    assert joined[0][0] == 3
    assert (run_dir / "classified.json").exists()
    assert s["rejected"] == 0 and s["skipped_files"] == 0


def test_hn_same_post_in_two_runs_loaded_once(tmp_path, store_path):
    hn_run(tmp_path / "runs" / "2026-04-17", "2026-04-17", [1, 2, 3])
    hn_run(tmp_path / "runs" / "2026-04-28", "2026-04-28", [2, 3, 4])
    s = run([tmp_path / "runs"], store_path)
    assert (s["rows"], s["loaded"], s["duplicates"]) == (6, 4, 2)
    # labels for the overlapping ids are not doubled
    assert query(store_path, "SELECT count(*) FROM source_labels WHERE kind = 'role'")[0][0] == 4


def test_glassdoor_and_linkedin_csv(tmp_path, store_path):
    header = ["", "Name", "Company", "State", "City", "Salary", "Location", "Url", "Description"]
    write_csv(tmp_path / "glassdoor_x.csv", header, [
        [0, "Data Analyst", "Foo Inc", "WI", "Madison", "$40k-$73k", "Madison, WI",
         "https://www.glassdoor.com/job?id=1", "\n\n" + body("glass") + "\n\nSecond paragraph."],
        [1, "Data Scientist", "Bar LLC", "NY", "Albany", "", "Albany, NY", "https://www.glassdoor.com/job?id=2", ""],
    ])
    write_csv(tmp_path / "linkedin_x.csv", header, [
        [0, "ML Engineer", "Baz", "CA", "Fresno", "", "Fresno, CA", "https://www.linkedin.com/jobs/view/1",
         str(["About Us", "We ship models.", "Requirements", "Python, SQL"])],
    ])
    s = run([tmp_path], store_path)
    assert s["loaded"] == 2 and s["rejected"] == 1  # the row with an empty Description
    assert s["rejection_reasons"] == {"missing description": 1}
    g = rows(store_path, "glassdoor")
    assert {r["title"] for r in g} == {"Data Analyst"}
    analyst = g[0]
    assert (analyst["salary_min"], analyst["salary_max"], analyst["salary_currency"]) == (40000, 73000, "USD")
    assert analyst["description"].endswith("Second paragraph.") and not analyst["description"].startswith("\n")
    li = rows(store_path, "linkedin")[0]
    assert li["description"] == "About Us\n\nWe ship models.\n\nRequirements\n\nPython, SQL"


def test_indeed_none_salary(tmp_path, store_path):
    write_csv(tmp_path / "indeed-da-0407.csv", ["Job Title", "Location", "Company", "Salary", "Description", "Source"], [
        ["Data Analyst", "Pittsburgh, PA 15289", "Qux", "None", body("indeed"), "Indeed"],
        ["BI Analyst", "Remote", "Quux", "$30 - $40 an hour", body("indeed2"), "Indeed"],
    ])
    run([tmp_path], store_path)
    r = {x["title"]: x for x in rows(store_path, "indeed")}
    assert r["Data Analyst"]["salary_min"] is None
    assert (r["BI Analyst"]["salary_min"], r["BI Analyst"]["salary_period"]) == (30, "hour")
    assert r["BI Analyst"]["remote"] is True


def cn_board(root: Path, issue: int, comments: list[dict], postings: list[dict], *, parsed: bool = True) -> None:
    (root / "raw").mkdir(parents=True, exist_ok=True)
    write_json(root / "raw" / f"{issue}.json", {"issueNumber": issue, "title": "谁在招人", "yearMonth": "2024-05",
                                                  "state": "closed", "body": "", "comments": comments})
    if parsed:
        (root / "parsed").mkdir(parents=True, exist_ok=True)
        write_json(root / "parsed" / f"{issue}.json", {"issueNumber": issue, "yearMonth": "2024-05",
                                                         "postings": postings})


def cn_fixture(root: Path, *, parsed: bool = True) -> None:
    text = "# 某科技公司招聘\n\n后端工程师，熟悉 Go 和 Kafka，远程办公，薪资 30-50k。" * 3
    comments = [
        {"id": 9001, "author": "a", "body": text, "createdAt": "2024-05-03T08:00:00Z", "updatedAt": "", "isMinimized": False},
        {"id": 9002, "author": "b", "body": "顶", "createdAt": "2024-05-04T08:00:00Z", "updatedAt": "", "isMinimized": False},
        {"id": 9003, "author": "c", "body": text + " spam", "createdAt": "2024-05-05T08:00:00Z", "updatedAt": "",
         "isMinimized": True},
    ]
    postings = [{"id": "77-9001", "issueNumber": 77, "commentId": 9001, "yearMonth": "2024-05", "author": "a",
                 "rawContent": text, "company": "某科技", "companyType": "创业",
                 "positions": [{"title": "后端工程师", "category": "后端"}], "location": ["远程"], "isRemote": True,
                 "isOverseas": False, "salaryRange": "30-50k", "techStack": ["Go", "Kafka"]}]
    cn_board(root, 77, comments, postings, parsed=parsed)


def test_cn_board_parsed_with_dates_from_raw(tmp_path, store_path):
    cn_fixture(tmp_path / "cn")
    s = run([tmp_path / "cn"], store_path)
    assert s["skipped_files"] == 1 and s["loaded"] == 1
    assert "comments already loaded from parsed/" in [p["message"] for p in s["per_file"] if p["status"] == "skipped"][0]
    r = rows(store_path, "cn_whoishiring")[0]
    assert r["source_id"] == "9001" and r["title"] == "后端工程师" and r["company"] == "某科技"
    assert r["posted_date"] == dt.date(2024, 5, 3) and r["remote"] is True
    assert r["salary_min"] == 30000
    labels = query(store_path, "SELECT label FROM source_labels WHERE source_id = '9001' ORDER BY label")
    assert [x[0] for x in labels] == ["Go", "Kafka"]


def test_cn_board_raw_alone_rejects_non_postings(tmp_path, store_path):
    cn_fixture(tmp_path / "cn", parsed=False)
    s = run([tmp_path / "cn"], store_path)
    assert (s["rows"], s["loaded"], s["rejected"]) == (3, 1, 2)
    reasons = sorted(r[0] for r in query(store_path, "SELECT reason FROM rejected_rows"))
    assert any("minimized" in r for r in reasons) and any("too short" in r for r in reasons)


def test_jobspy_csv(tmp_path, store_path):
    header = ["id", "site", "job_url", "job_url_direct", "title", "company", "location", "date_posted", "job_type",
              "salary_source", "interval", "min_amount", "max_amount", "currency", "is_remote", "job_level",
              "job_function", "listing_type", "emails", "description", "company_industry"]
    write_csv(tmp_path / "jobs.csv", header, [
        ["li-1", "linkedin", "https://linkedin.example/1", "", "Data Engineer", "Acme", "Austin, TX, US", "2026-03-02",
         "fulltime", "direct_data", "yearly", "120000", "150000", "USD", "True", "", "", "", "", body("spy"), ""],
        ["in-2", "indeed", "https://indeed.example/2", "", "Analyst", "Beta", "Leeds, UK", "2026-03-05",
         "fulltime", "", "hourly", "20", "25", "GBP", "False", "", "", "", "", body("spy2"), ""],
    ])
    run([tmp_path / "jobs.csv"], store_path)
    r = {x["title"]: x for x in query_rows(store_path)}
    de = r["Data Engineer"]
    assert de["source"] == "jobspy:linkedin" and de["remote"] is True and de["posted_date"] == dt.date(2026, 3, 2)
    assert (de["salary_min"], de["salary_max"], de["salary_period"]) == (120000, 150000, "year")
    assert r["Analyst"]["salary_period"] == "hour" and r["Analyst"]["remote"] is False


def query_rows(db: Path) -> list[dict]:
    names = [c.strip() for c in COLS.split(",")]
    return [dict(zip(names, r)) for r in query(db, f"SELECT {COLS} FROM postings")]


def test_serpapi_relative_dates_use_file_date(tmp_path, store_path):
    doc = {"search_metadata": {"id": "x"}, "jobs_results": [
        {"title": "Platform Engineer", "company_name": "Gamma", "location": "Anywhere", "via": "via LinkedIn",
         "description": body("serp"), "extensions": ["3 days ago", "Full-time"],
         "detected_extensions": {"posted_at": "3 days ago", "schedule_type": "Full-time", "work_from_home": True,
                                 "salary": "90K–120K a year"},
         "job_id": "eyJqb2IiOjF9", "share_link": "https://www.google.com/search?q=1"},
    ]}
    write_json(tmp_path / "google_jobs_2026-02-10.json", doc)
    run([tmp_path], store_path)
    r = query_rows(store_path)[0]
    assert r["source"] == "google_jobs" and r["posted_date"] == dt.date(2026, 2, 7)
    assert r["remote"] is True and r["salary_min"] == 90000 and r["url"].startswith("https://www.google.com")


def test_greenhouse_json(tmp_path, store_path):
    doc = {"jobs": [{"id": 4001, "title": "SRE", "updated_at": "2026-01-15T10:00:00-05:00",
                     "location": {"name": "Dublin, Ireland"}, "absolute_url": "https://boards.greenhouse.io/delta/jobs/4001",
                     "content": "&lt;p&gt;You will run &lt;strong&gt;Terraform&lt;/strong&gt; &amp;amp; AWS.&lt;/p&gt;"
                                "&lt;ul&gt;&lt;li&gt;Go&lt;/li&gt;&lt;li&gt;Linux&lt;/li&gt;&lt;/ul&gt;",
                     "departments": [], "offices": [], "metadata": None}], "meta": {"total": 1}}
    write_json(tmp_path / "gh.json", doc)
    run([tmp_path], store_path)
    r = query_rows(store_path)[0]
    assert r["source"] == "greenhouse" and r["company"] == "delta" and r["location"] == "Dublin, Ireland"
    assert r["description"] == "You will run Terraform & AWS.\n\n- Go\n- Linux"
    assert r["posted_date"] == dt.date(2026, 1, 15)


def test_lever_json(tmp_path, store_path):
    doc = [{"id": "abc-1", "text": "Frontend Developer", "categories": {"location": "Lisbon", "team": "Web",
            "commitment": "Full-time", "allLocations": ["Lisbon"]}, "createdAt": 1767225600000,
            "hostedUrl": "https://jobs.lever.co/epsilon/abc-1", "description": "<div>Build UIs.</div>",
            "descriptionPlain": "Build UIs.", "lists": [{"text": "Requirements", "content": "<li>React</li><li>TypeScript</li>"}],
            "additional": "", "additionalPlain": "Hybrid in Lisbon.", "workplaceType": "hybrid",
            "salaryRange": {"min": 50000, "max": 65000, "currency": "EUR", "interval": "per-year-salary"}}]
    write_json(tmp_path / "lever.json", doc)
    run([tmp_path], store_path)
    r = query_rows(store_path)[0]
    assert r["source"] == "lever" and r["company"] == "epsilon" and r["title"] == "Frontend Developer"
    assert "Requirements" in r["description"] and "- React" in r["description"]
    assert (r["salary_min"], r["salary_currency"], r["salary_period"]) == (50000, "EUR", "year")
    assert r["remote"] is False and r["posted_date"] == dt.date(2026, 1, 1)


def test_generic_mapper_by_name_and_content(tmp_path, store_path):
    write_csv(tmp_path / "board_2026-03.csv", ["Job Name", "Employer", "When", "Blob", "Pay"], [
        ["QA Engineer", "Zeta", "2026-03-01", body("generic", 3), "£40,000 - £50,000"],
    ], sep=";")
    s = run([tmp_path], store_path)
    r = query_rows(store_path)[0]
    assert s["loaded"] == 1 and r["source"] == "board"
    assert r["company"] == "Zeta" and r["description"].startswith("We build tools")
    assert r["salary_currency"] == "GBP"


def test_unknown_layout_lists_columns():
    with pytest.raises(UnknownLayout) as exc:
        generic_layout(["Statistics", "Python", "Other"], None, name="skills.csv")
    assert "Statistics, Python, Other" in str(exc.value)


def test_user_mapping_yaml_and_toml(tmp_path, store_path):
    from skillgap.ingest import resolve_layouts

    (tmp_path / "exp").mkdir()
    write_csv(tmp_path / "exp" / "x.csv", ["Kennung", "Stelle", "Text", "Datum"],
              [["k1", "Entwickler", body("de"), "05.03.2026"]])
    yml = tmp_path / "myboard.yaml"
    yml.write_text("name: myboard\nsource: myboard\nmatch: {columns_all: [Kennung, Stelle]}\n"
                   "fields: {source_id: Kennung, title: Stelle, description: Text, posted: Datum}\n"
                   "date_format: '%d.%m.%Y'\n", encoding="utf-8")
    run([tmp_path / "exp"], store_path, layouts=resolve_layouts([yml]))
    r = query_rows(store_path)[0]
    assert (r["source"], r["source_id"], r["title"]) == ("myboard", "k1", "Entwickler")
    assert r["posted_date"] == dt.date(2026, 3, 5)
    toml = tmp_path / "m.toml"
    toml.write_text('name = "t"\nsource = "tb"\n[fields]\ntitle = "Stelle"\ndescription = "Text"\n', encoding="utf-8")
    (lay,) = resolve_layouts([toml])
    assert lay.columns_all == ("Stelle", "Text") and lay.source == "tb"


def test_mapped_country_column_wins_over_the_country_read_from_location(tmp_path, store_path):
    from skillgap.ingest import resolve_layouts

    (tmp_path / "exp").mkdir()
    write_csv(tmp_path / "exp" / "x.csv", ["Kennung", "Stelle", "Text", "Ort", "Land"],
              [["k1", "Entwickler", body("de"), "Berlin or London", "de"],
               ["k2", "Analyst", body("de") + " Zwei.", "London", ""]])
    yml = tmp_path / "myboard.yaml"
    yml.write_text("name: myboard\nsource: myboard\nmatch: {columns_all: [Kennung, Stelle]}\n"
                   "fields: {source_id: Kennung, title: Stelle, description: Text, location: Ort, country: Land}\n",
                   encoding="utf-8")
    run([tmp_path / "exp"], store_path, layouts=resolve_layouts([yml]))
    countries = dict(query(store_path, "SELECT source_id, country FROM postings"))
    assert countries == {"k1": "DE", "k2": "GB"}
