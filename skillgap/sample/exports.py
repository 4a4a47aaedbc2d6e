"""Write synthetic postings in the layouts real sources publish.

* ``jobspy_scrape.csv`` — the CSV that the JobSpy scraper writes (``jobs.to_csv``), markdown descriptions.
* ``greenhouse_<board>.json`` — one Greenhouse Job Board API response per board (``?content=true``), HTML-escaped.
* ``lever_postings.jsonl`` — Lever postings API objects (``?mode=json``), one JSON object per line.
* ``generic_board_<export date>.xlsx`` — a job board's spreadsheet export with human column names, salary
  strings and relative dates ("3 days ago") counted back from the export date in the file name.

:func:`generate_sample` writes the bundled sample; :func:`write_synthetic` streams a large single-layout export
(JobSpy columns as CSV, JSON Lines or Parquet) in chunks so memory stays flat at any size.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import random
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from skillgap.errors import SampleOptionError
from skillgap.sample.vocab import COUNTRIES
from skillgap.sample.writer import Posting, fmt_money, iter_postings, make_posting, month_range

__all__ = [
    "DEFAULT_END_MONTH",
    "DEFAULT_MONTHS",
    "DEFAULT_POSTINGS",
    "DEFAULT_SEED",
    "GENERIC_COLUMNS",
    "JOBSPY_COLUMNS",
    "check_options",
    "generate_sample",
    "start_month_for",
    "write_synthetic",
]

DEFAULT_SEED = 2026
DEFAULT_POSTINGS = 2400
DEFAULT_MONTHS = 24
DEFAULT_END_MONTH = "2026-10"
EXPORT_DAY = 28  # the generic board's export date is the 28th of the last month; no posting is later

JOBSPY_COLUMNS = (
    "id", "site", "job_url", "job_url_direct", "title", "company", "location", "date_posted", "job_type",
    "salary_source", "interval", "min_amount", "max_amount", "currency", "is_remote", "job_level",
    "job_function", "listing_type", "emails", "description", "company_industry", "company_url",
    "company_num_employees", "company_revenue", "company_description",
)  # fmt: skip
GENERIC_COLUMNS = (
    "Job Title", "Company Name", "Location", "Date Posted", "Salary", "Job Description", "Remote",
    "Employment Type", "Job URL",
)  # fmt: skip

_SITES = (("indeed", 0.4), ("linkedin", 0.35), ("glassdoor", 0.15), ("zip_recruiter", 0.1))
_INDEED_HOST = {"US": "www.indeed.com", "GB": "uk.indeed.com", "DE": "de.indeed.com", "IN": "in.indeed.com",
                "CA": "ca.indeed.com"}  # fmt: skip
_JOB_LEVEL = {"junior": "entry level", "mid": "associate", "senior": "mid-senior level", "staff": "mid-senior level",
              "lead": "mid-senior level", "principal": "director"}  # fmt: skip
_COMMITMENT = {"fulltime": "Full-time", "contract": "Contract", "parttime": "Part-time", "internship": "Intern"}
_EMPLOYMENT = {"fulltime": "Full-time", "contract": "Contract", "parttime": "Part-time", "internship": "Internship"}


STAND_IN_HOST = "example.org"  # RFC 2606: reserved for examples, so no link in the sample leads to a real posting


def stand_in_url(board_path: str) -> str:
    """A synthetic posting's link: the board's URL shape under example.org ('jobs.lever.co/acme/1' ->
    'https://example.org/jobs.lever.co/acme/1'), so layouts that read the board from the URL still work."""
    return f"https://{STAND_IN_HOST}/{board_path}"


def check_options(*, postings: int, months: int, month: str, month_flag: str) -> None:
    """Raise :class:`SampleOptionError` for a malformed month or a count out of range."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month or ""):
        raise SampleOptionError(f"{month_flag} {month!r} is not a month: write it as YYYY-MM, e.g. 2026-10.")
    if postings < 1:
        raise SampleOptionError(f"--postings {postings}: ask for at least one posting.")
    if not 1 <= months <= 240:
        raise SampleOptionError(f"--months {months}: choose between 1 and 240 months.")


def start_month_for(end_month: str, months: int) -> str:
    """The first month of a ``months``-long window ending with ``end_month``."""
    y, m = (int(x) for x in end_month.split("-"))
    idx = y * 12 + (m - 1) - (months - 1)
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


# ---------------------------------------------------------------------------------------------------------------
# JobSpy CSV


def _site_for(rng: random.Random, p: Posting) -> str:
    sites = [(s, w) for s, w in _SITES if s != "zip_recruiter" or p.country in ("US", "CA")]
    return rng.choices([s for s, _ in sites], weights=[w for _, w in sites], k=1)[0]


def _jobspy_ids(rng: random.Random, site: str, p: Posting) -> tuple[str, str]:
    if site == "indeed":
        jk = f"{rng.getrandbits(64):016x}"
        return f"in-{jk}", stand_in_url(f"{_INDEED_HOST[p.country]}/viewjob?jk={jk}")
    if site == "linkedin":
        n = rng.randint(3_900_000_000, 4_400_000_000)
        return f"li-{n}", stand_in_url(f"www.linkedin.com/jobs/view/{n}")
    if site == "glassdoor":
        n = rng.randint(1_009_000_000_000, 1_009_999_999_999)
        return f"gd-{n}", stand_in_url(f"www.glassdoor.com/job-listing/j?jl={n}")
    n = f"{rng.getrandbits(48):012x}"
    return f"zr-{n}", stand_in_url(f"www.ziprecruiter.com/c/{p.company.slug}/Job/{p.title.replace(' ', '-')}/-in-"
                                   f"{(p.city or 'Remote').replace(' ', '-')}?jid={n}")


def _fmt_amount(x: float | None) -> str | float:
    return "" if x is None else float(x)


def jobspy_row(rng: random.Random, p: Posting, *, site: str | None = None, url: str | None = None,
               description: str | None = None) -> dict:
    """One JobSpy record for ``p``; ``url`` forces job_url/job_url_direct (a cross-posted ATS job)."""
    direct = ""
    if url:  # found through Google's job search, which links straight to the employer's posting
        site = "google"
        job_url = direct = url
        jid = f"go-{uuid.UUID(int=rng.getrandbits(128)).hex[:20]}"
    else:
        site = site or _site_for(rng, p)
        jid, job_url = _jobspy_ids(rng, site, p)
    if not url and rng.random() < 0.35:
        direct = stand_in_url(f"careers.{p.company.slug}.com/jobs/{rng.randint(10_000, 99_999)}")
    remote = p.workplace == "remote"
    location = str(COUNTRIES[p.country]["name"]) if remote else f"{p.city}, {p.region}, {p.country}"
    has_pay = p.salary_min is not None and rng.random() < 0.85
    linkedin = site == "linkedin"
    return {
        "id": jid,
        "site": site,
        "job_url": job_url,
        "job_url_direct": direct,
        "title": p.title,
        "company": p.company.name,
        "location": location,
        "date_posted": p.posted.isoformat(),
        "job_type": p.job_type,
        "salary_source": ("direct_data" if rng.random() < 0.7 else "description") if has_pay else "",
        "interval": p.interval if has_pay else "",
        "min_amount": _fmt_amount(p.salary_min if has_pay else None),
        "max_amount": _fmt_amount(p.salary_max if has_pay else None),
        "currency": p.currency if has_pay else "",
        "is_remote": remote,
        "job_level": _JOB_LEVEL[p.seniority] if linkedin else "",
        "job_function": "Engineering and Information Technology" if linkedin else "",
        "listing_type": "sponsored" if site in ("indeed", "glassdoor") and rng.random() < 0.1 else "",
        "emails": f"careers.{p.company.slug}@{STAND_IN_HOST}" if rng.random() < 0.03 else "",
        "description": p.markdown() if description is None else description,
        "company_industry": p.company.industry,
        "company_url": stand_in_url(f"www.linkedin.com/company/{p.company.slug}") if linkedin
        else "" if site == "google" else stand_in_url(f"www.{site}.com/cmp/{p.company.slug}"),
        "company_num_employees": p.company.size if site in ("linkedin", "indeed", "glassdoor") else "",
        "company_revenue": p.company.revenue if site in ("indeed", "glassdoor") else "",
        "company_description": f"{p.company.name} {p.company.blurb}." if site != "zip_recruiter" else "",
    }


def _write_jobspy_csv(path: Path, rows: Iterable[dict]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(JOBSPY_COLUMNS)
        for row in rows:
            w.writerow([_csv_cell(row[c]) for c in JOBSPY_COLUMNS])
            n += 1
    return n


def _csv_cell(v) -> str:
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, float):
        return repr(v)
    return "" if v is None else str(v)


# ---------------------------------------------------------------------------------------------------------------
# Greenhouse and Lever


def _utc_offset(country: str, day: dt.date) -> str:
    summer = 3 < day.month < 11  # roughly daylight-saving time
    offsets = {"US": ("-05:00", "-04:00"), "GB": ("+00:00", "+01:00"), "DE": ("+01:00", "+02:00"),
               "IN": ("+05:30", "+05:30"), "CA": ("-05:00", "-04:00")}
    return offsets[country][summer]


def _clock(rng: random.Random) -> str:
    return f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def greenhouse_job(rng: random.Random, p: Posting, *, token: str, job_id: int, content: str | None = None) -> dict:
    """One job as ``GET boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true`` returns it."""
    off = _utc_offset(p.company.home, p.posted)
    first = f"{p.posted.isoformat()}T{_clock(rng)}{off}"
    # updated later in the same month (ingestion should date postings by first_published)
    upd_day = min(p.posted.day + rng.randint(0, 6), 28)
    updated = f"{p.posted.replace(day=upd_day).isoformat()}T{_clock(rng)}{off}"
    loc_name = str(COUNTRIES[p.country]["remote"]) if p.workplace == "remote" else (
        f"Hybrid - {p.city}" if p.workplace == "hybrid" and rng.random() < 0.5 else f"{p.city}, {p.region}")
    body = p.html()
    if p.salary_min is not None:
        body += ('<div class="content-pay-transparency"><div class="pay-input"><div class="title">'
                 f'<p>{"Hourly rate" if p.interval == "hourly" else "Base salary range"}</p></div>'
                 f'<div class="pay-range"><span>{fmt_money(p.salary_min, p.currency)}</span>'
                 f'<span class="divider">&mdash;</span><span>{fmt_money(p.salary_max, p.currency)} '
                 f'{p.currency}</span></div></div></div>')
    dept_id = 4_000_000 + (sum(map(ord, p.department)) * 7919) % 99_991
    office_id = 4_100_000 + (sum(map(ord, p.city or "")) * 104_729) % 99_991
    return {
        "absolute_url": stand_in_url(f"job-boards.greenhouse.io/{token}/jobs/{job_id}"),
        "data_compliance": [{"type": "gdpr", "requires_consent": False, "requires_processing_consent": False,
                             "requires_retention_consent": False, "retention_period": None}],
        "internal_job_id": job_id - 1_234_567,
        "location": {"name": loc_name},
        "metadata": None,
        "id": job_id,
        "updated_at": updated,
        "requisition_id": f"REQ-{rng.randint(1000, 9999)}",
        "title": p.title,
        "company_name": p.company.name,
        "first_published": first,
        "language": "en",
        "content": html.escape(body, quote=False) if content is None else content,
        "departments": [{"id": dept_id, "name": p.department, "child_ids": [], "parent_id": None}],
        "offices": [{"id": office_id, "name": p.city, "location": f"{p.city}, {p.region}, "
                     f"{COUNTRIES[p.country]['name']}", "child_ids": [], "parent_id": None}],
    }


def lever_posting(rng: random.Random, p: Posting, *, blank: bool = False) -> dict:
    """One posting as ``GET api.lever.co/v0/postings/{site}?mode=json`` returns it."""
    pid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    hosted = stand_in_url(f"jobs.lever.co/{p.company.slug}/{pid}")
    created = dt.datetime.combine(p.posted, dt.time(rng.randint(7, 19), rng.randint(0, 59)), dt.timezone.utc)
    loc = str(COUNTRIES[p.country]["remote"]) if p.workplace == "remote" else p.city
    def esc(x: str) -> str:
        return html.escape(x, quote=False)

    intro_html = (f"<div><b>{esc(p.about_head)}</b></div><div>{esc(p.about)}</div><div><br></div>"
                  f"<div><b>{esc(p.role_head)}</b></div><div>{esc(p.role)}</div>")
    intro_plain = f"{p.about_head}\n{p.about}\n\n{p.role_head}\n{p.role}\n"
    lists = [{"text": p.duty_head, "content": "".join(f"<li>{esc(x)}</li>" for x in p.duties)},
             {"text": p.req_head, "content": "".join(f"<li>{esc(x)}</li>" for x in p.requirements)}]
    if p.nice:
        lists.append({"text": p.nice_head, "content": "".join(f"<li>{esc(x)}</li>" for x in p.nice)})
    tail = [p.pay_note, p.eeo] if p.pay_note else [p.eeo]
    add_html = (f"<div><b>{esc(p.ben_head)}</b></div><ul>" + "".join(f"<li>{esc(b)}</li>" for b in p.benefits)
                + "</ul>" + "".join(f"<div>{esc(t)}</div>" for t in tail))
    add_plain = f"{p.ben_head}\n" + "\n".join(p.benefits) + "\n\n" + "\n".join(tail) + "\n"
    if blank:
        intro_html = intro_plain = add_html = add_plain = ""
        lists = []
    obj = {
        "additional": add_html,
        "additionalPlain": add_plain,
        "categories": {"commitment": _COMMITMENT[p.job_type], "department": p.department, "location": loc,
                       "team": p.family.replace("_", " ").title().replace("Ai ", "AI ").replace("Ml ", "ML "),
                       "allLocations": [loc]},
        "createdAt": int(created.timestamp() * 1000),
        "descriptionPlain": intro_plain,
        "description": intro_html,
        "id": pid,
        "lists": lists,
        "text": p.title,
        "country": "GB" if p.country == "GB" else p.country,
        "workplaceType": "onsite" if p.workplace == "onsite" else p.workplace,
        "hostedUrl": hosted,
        "applyUrl": f"{hosted}/apply",
    }
    if p.salary_min is not None:
        obj["salaryRange"] = {"min": p.salary_min, "max": p.salary_max, "currency": p.currency,
                              "interval": "per-year-salary" if p.interval == "yearly" else "per-hour-wage"}
    return obj


# ---------------------------------------------------------------------------------------------------------------
# Generic board spreadsheet


def _salary_text(rng: random.Random, p: Posting) -> str:
    if p.salary_min is None:
        return rng.choice(["", "", "", "Competitive", "Not disclosed", "DOE"])
    lo, hi, cur = p.salary_min, p.salary_max, p.currency
    a, b = fmt_money(lo, cur), fmt_money(hi, cur)
    if p.interval == "hourly":
        return rng.choice([f"{a} - {b} an hour", f"{a}/hr - {b}/hr", f"{a}–{b} per hour"])
    styles = {
        "USD": [f"{a} - {b} a year", f"${lo // 1000:.0f}K - ${hi // 1000:.0f}K", f"{a}.00 - {b}.00 per year",
                f"Up to {b} a year", f"From {a} a year"],
        "GBP": [f"£{lo // 1000:.0f}k–£{hi // 1000:.0f}k", f"{a} - {b} per annum", f"{a} a year"],
        "EUR": [f"{a}/yr", f"{a} – {b} per year", f"{a} - {b} a year"],
        "INR": [f"{a} - {b} per annum", f"{a} - {b} a year"],
        "CAD": [f"{a} - {b} a year", f"${lo:,.0f}–${hi:,.0f} CAD per year"],
    }[cur]
    return rng.choice(styles)


_REMOTE_WORDS = {
    "remote": ("Yes", "Remote", "Fully remote", "Remote-first", "TRUE"),
    "hybrid": ("Hybrid", "Hybrid (3 days in office)", "Partially remote"),
    "onsite": ("No", "On-site", "In office", "FALSE", ""),
}


def _posted_text(rng: random.Random, day: dt.date, export: dt.date) -> str:
    delta = (export - day).days
    if delta <= 30:
        if delta == 0:
            return rng.choice(["Today", "Just posted"])
        if delta == 1:
            return rng.choice(["1 day ago", "Yesterday"])
        return rng.choice([f"{delta} days ago", f"{delta}d ago", f"Posted {delta} days ago"])
    month = _MONTH_NAMES[day.month - 1]  # not strftime: its month names follow the process locale
    return rng.choice([f"{month[:3]} {day.day}, {day.year}", day.isoformat(), f"{day.day} {month} {day.year}"])


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def generic_row(rng: random.Random, p: Posting, *, export: dt.date, url: str | None = None,
                description: str | None | bool = False) -> list:
    loc = str(COUNTRIES[p.country]["remote"]) if p.workplace == "remote" else (
        f"{p.city}, {p.region}" if p.country in ("US", "CA") else f"{p.city}, {COUNTRIES[p.country]['name']}")
    url = url or stand_in_url(f"www.hireboard.example/jobs/{rng.randint(10_000_000, 99_999_999)}")
    desc = p.plain() if description is False else description
    return [p.title, p.company.name, loc, _posted_text(rng, p.posted, export), _salary_text(rng, p), desc,
            rng.choice(_REMOTE_WORDS[p.workplace]), _EMPLOYMENT[p.job_type], url]


def _write_xlsx(path: Path, header: tuple[str, ...], rows: list[list], *, stamp: dt.datetime) -> None:
    """Write an XLSX whose bytes depend only on its content (fixed zip times and document dates)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Jobs")
    ws.append(list(header))
    for r in rows:
        ws.append(r)
    wb.properties.creator = "skillgap sample generator"
    wb.properties.created = stamp
    buf = io.BytesIO()
    wb.save(buf)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + iso.encode() + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)


# ---------------------------------------------------------------------------------------------------------------
# The bundled sample


def _whitespace_variant(rng: random.Random, text: str) -> str:
    """The same text with whitespace changes only (a repost through another pipeline)."""
    choice = rng.randrange(3)
    if choice == 0:
        return text.replace("\n\n", "\n\n\n").replace(". ", ".  ")
    if choice == 1:
        return "\n".join(line + "  " for line in text.split("\n")) + "\n"
    return "  " + text.replace("\n", "\r\n")


@dataclass
class _Rows:
    """The rows of the bundled sample, by file layout, before they are written."""

    jobspy: list[dict] = field(default_factory=list)
    greenhouse: dict[str, list[dict]] = field(default_factory=dict)  # board token -> jobs
    lever: list[dict] = field(default_factory=list)
    generic: list[tuple[list, dt.date]] = field(default_factory=list)  # (row, posting date)


def _place_postings(rng: random.Random, posts: list[Posting], rows: _Rows, *, gh_ids: Iterator[int],
                    export: dt.date) -> list[tuple[str, Posting, object]]:
    """Put each posting in the file its company publishes to; return (layout, posting, record) per posting."""
    placed: list[tuple[str, Posting, object]] = []
    for p in posts:
        if p.company.ats == "greenhouse":
            rec = greenhouse_job(rng, p, token=p.company.slug, job_id=next(gh_ids) + rng.randrange(7))
            rows.greenhouse.setdefault(p.company.slug, []).append(rec)
            placed.append(("greenhouse", p, rec))
        elif p.company.ats == "lever":
            rec = lever_posting(rng, p)
            rows.lever.append(rec)
            placed.append(("lever", p, rec))
        elif rng.random() < 0.6:
            rec = jobspy_row(rng, p)
            rows.jobspy.append(rec)
            placed.append(("jobspy", p, rec))
        else:
            row = generic_row(rng, p, export=export)
            rows.generic.append((row, p.posted))
            placed.append(("generic", p, row))
    return placed


def _add_exact_duplicates(rng: random.Random, picked: list[tuple[str, Posting, object]], rows: _Rows, *,
                          export: dt.date) -> None:
    """The same jobs cross-posted to another file under the same URL."""
    for layout, p, rec in picked:
        if layout == "jobspy":
            rows.generic.append((generic_row(rng, p, export=export, url=rec["job_url"]), p.posted))
        elif layout == "generic":
            rows.jobspy.append(jobspy_row(rng, p, url=rec[-1], description=p.markdown()))
        elif layout == "greenhouse":
            rows.jobspy.append(jobspy_row(rng, p, url=rec["absolute_url"]))
        else:
            rows.jobspy.append(jobspy_row(rng, p, url=rec["hostedUrl"]))


def _add_near_duplicates(rng: random.Random, picked: list[tuple[str, Posting, object]], rows: _Rows, *,
                         gh_ids: Iterator[int], export: dt.date) -> None:
    """The same company, title and text (whitespace changed) reposted under a new URL."""
    for layout, p, rec in picked:
        if layout == "jobspy":
            rows.jobspy.append(jobspy_row(rng, p, description=_whitespace_variant(rng, p.markdown())))
        elif layout == "greenhouse":
            body = html.unescape(rec["content"]).replace("</p><p>", "</p>\n<p>").replace("<li>", "\n  <li>")
            rows.greenhouse[p.company.slug].append(greenhouse_job(rng, p, token=p.company.slug, job_id=next(gh_ids),
                                                                  content=html.escape(body, quote=False)))
        elif layout == "generic":
            rows.generic.append((generic_row(rng, p, export=export, description=_whitespace_variant(rng, p.plain())),
                                 p.posted))
        else:
            obj = lever_posting(rng, p)
            obj["descriptionPlain"] = _whitespace_variant(rng, obj["descriptionPlain"])
            obj["description"] = obj["description"].replace("</div><div>", "</div>\n<div>")
            rows.lever.append(obj)


def _add_blank_rows(rng: random.Random, rows: _Rows, *, seed: int, postings: int, start: str, months: int,
                    export: dt.date) -> int:
    """Rows without a description (ingestion must reject them, not load empty postings); return their count."""
    extra = random.Random(f"skillgap-sample-blank:{seed}")
    months_list = month_range(start, months)
    n_blank = max(4, round(postings * 0.004))
    for k in range(n_blank):
        ym = months_list[extra.randrange(months)]
        day = dt.date(int(ym[:4]), int(ym[5:]), extra.randint(1, EXPORT_DAY))
        p = make_posting(extra, seq=postings + k, day=day)
        target = ("jobspy", "generic", "lever", "jobspy")[k % 4]
        if target == "jobspy":
            rows.jobspy.append(jobspy_row(rng, p, description=""))
        elif target == "generic":
            rows.generic.append((generic_row(rng, p, export=export, description=None), p.posted))
        else:
            rows.lever.append(lever_posting(rng, p, blank=True))
    return n_blank


def _write_sample_files(out_dir: Path, rows: _Rows, *, export: dt.date) -> dict[str, dict]:
    """Write the files, rows in a stable order (scrapes newest first, ATS feeds by id / creation time).

    Returns per file name its layout, row count and the posting dates (ISO strings) of its rows.
    """
    for old in list(out_dir.glob("greenhouse_*.json")) + list(out_dir.glob("generic_board_*.xlsx")):
        old.unlink()
    jobspy, lever, generic = rows.jobspy, rows.lever, rows.generic
    jobspy.sort(key=lambda r: (r["date_posted"], r["id"]), reverse=True)
    files: dict[str, dict] = {}
    n = _write_jobspy_csv(out_dir / "jobspy_scrape.csv", jobspy)
    files["jobspy_scrape.csv"] = {"layout": "jobspy", "rows": n, "dates": [r["date_posted"] for r in jobspy]}
    for token, jobs in sorted(rows.greenhouse.items()):
        jobs.sort(key=lambda j: j["id"])
        name = f"greenhouse_{token}.json"
        (out_dir / name).write_text(json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}, ensure_ascii=False,
                                               separators=(",", ":")) + "\n", encoding="utf-8")
        files[name] = {"layout": "greenhouse", "rows": len(jobs), "dates": [j["first_published"][:10] for j in jobs]}
    lever.sort(key=lambda o: (o["createdAt"], o["id"]))
    with (out_dir / "lever_postings.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for obj in lever:
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    files["lever_postings.jsonl"] = {
        "layout": "lever", "rows": len(lever),
        "dates": [dt.datetime.fromtimestamp(o["createdAt"] / 1000, dt.timezone.utc).date().isoformat() for o in lever],
    }
    name = f"generic_board_{export.isoformat()}.xlsx"
    generic.sort(key=lambda rd: rd[0][-1])
    _write_xlsx(out_dir / name, GENERIC_COLUMNS, [r for r, _ in generic],
                stamp=dt.datetime(export.year, export.month, export.day, 6, 0, 0))
    files[name] = {"layout": "generic", "rows": len(generic), "dates": [d.isoformat() for _, d in generic]}
    return files


def generate_sample(out_dir: Path, *, seed: int = DEFAULT_SEED, postings: int = DEFAULT_POSTINGS,
                    months: int = DEFAULT_MONTHS, end_month: str = DEFAULT_END_MONTH) -> dict:
    """Write the bundled sample into ``out_dir`` and return a summary (files, rows, months).

    ``postings`` distinct jobs are spread over the files by where each company publishes; on top come
    cross-posted exact duplicates (~2%, same URL), near-duplicates (~1%, whitespace-only changes, new URL)
    and a few rows without a description.
    """
    check_options(postings=postings, months=months, month=end_month, month_flag="--end-month")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start = start_month_for(end_month, months)
    ey, em = (int(x) for x in end_month.split("-"))
    export = dt.date(ey, em, EXPORT_DAY)
    rng = random.Random(f"skillgap-sample-layout:{seed}")
    all_posts = list(iter_postings(seed=seed, start_month=start, months=months, postings=postings,
                                   max_day=EXPORT_DAY))

    rows = _Rows()
    gh_ids = iter(range(4_100_000, 10**9, 7))
    placed = _place_postings(rng, all_posts, rows, gh_ids=gh_ids, export=export)
    n_dup = round(postings * 0.02)
    pick = rng.sample(range(len(placed)), n_dup + round(postings * 0.01))
    dup_idx, near_idx = pick[:n_dup], pick[n_dup:]
    _add_exact_duplicates(rng, [placed[i] for i in dup_idx], rows, export=export)
    _add_near_duplicates(rng, [placed[i] for i in near_idx], rows, gh_ids=gh_ids, export=export)
    n_blank = _add_blank_rows(rng, rows, seed=seed, postings=postings, start=start, months=months, export=export)
    files = _write_sample_files(out_dir, rows, export=export)

    summary = {"seed": seed, "postings": postings, "months": months, "start_month": start, "end_month": end_month,
               "export_date": export.isoformat(), "duplicates": n_dup, "near_duplicates": len(near_idx),
               "blank_descriptions": n_blank, "files": {}}
    for name, info in files.items():
        path = out_dir / name
        dates = info.pop("dates")
        summary["files"][name] = {**info, "bytes": path.stat().st_size, "first": min(dates)[:7],
                                  "last": max(dates)[:7]}
    (out_dir / "README.md").write_text(readme_text(summary), encoding="utf-8")
    return summary


# ---------------------------------------------------------------------------------------------------------------
# Large synthetic exports (benchmarks)


def _chunks(it: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for x in it:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_synthetic(out: Path, *, postings: int, seed: int = DEFAULT_SEED, start_month: str | None = None,
                    months: int = DEFAULT_MONTHS, fmt: str | None = None, chunk_size: int = 5_000,
                    on_chunk: Callable[[int], None] | None = None) -> dict:
    """Stream ``postings`` JobSpy-layout rows to ``out`` (csv, jsonl or parquet) ``chunk_size`` rows at a time.

    Only one chunk of rows is ever held in memory, so a million-row export needs no more memory than a small one.
    ``on_chunk(n)`` is called after each chunk is written with the number of rows in it.
    """
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".") or "csv").lower()
    if fmt not in ("csv", "jsonl", "parquet"):
        raise SampleOptionError(f"{out.name}: unknown format {fmt!r}; use --format csv, jsonl or parquet.")
    start_month = start_month or start_month_for(DEFAULT_END_MONTH, months)
    check_options(postings=postings, months=months, month=start_month, month_flag="--start-month")
    if chunk_size < 1:
        raise SampleOptionError(f"chunk size {chunk_size}: use at least 1 row per chunk.")
    out.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"skillgap-synthetic-rows:{seed}")
    stream = iter_postings(seed=seed, start_month=start_month, months=months, postings=postings, detail="full")
    rows = (jobspy_row(rng, p) for p in stream)
    tmp = out.with_name(out.name + ".part")
    written = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.float64() if c in ("min_amount", "max_amount") else
                             pa.bool_() if c == "is_remote" else pa.string()) for c in JOBSPY_COLUMNS])
        with pq.ParquetWriter(tmp, schema, compression="zstd") as pw:
            for chunk in _chunks(rows, chunk_size):
                cols = {c: [(None if r[c] == "" and c in ("min_amount", "max_amount") else r[c]) for r in chunk]
                        for c in JOBSPY_COLUMNS}
                pw.write_table(pa.table(cols, schema=schema))
                written += len(chunk)
                del cols
                if on_chunk:
                    on_chunk(len(chunk))
    else:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n") if fmt == "csv" else None
            if w:
                w.writerow(JOBSPY_COLUMNS)
            for chunk in _chunks(rows, chunk_size):
                if w:
                    w.writerows([_csv_cell(r[c]) for c in JOBSPY_COLUMNS] for r in chunk)
                else:
                    fh.writelines(json.dumps({c: (None if r[c] == "" and c in ("min_amount", "max_amount")
                                                  else r[c]) for c in JOBSPY_COLUMNS}, ensure_ascii=False) + "\n"
                                  for r in chunk)
                written += len(chunk)
                if on_chunk:
                    on_chunk(len(chunk))
    tmp.replace(out)
    return {"path": str(out), "format": fmt, "rows": written, "bytes": out.stat().st_size, "seed": seed,
            "start_month": start_month, "months": months}


# ---------------------------------------------------------------------------------------------------------------
# README for the bundled sample

_LAYOUT_NOTES = {
    "jobspy": "JobSpy scraper CSV (`jobs.to_csv`): one row per posting, `site` names the board "
              "(indeed, linkedin, glassdoor, zip_recruiter, google); `description` is markdown in multi-line "
              "quoted fields; pay in `min_amount`/`max_amount`/`currency`/`interval` (yearly or hourly); "
              "`is_remote` is True/False; `date_posted` is YYYY-MM-DD.",
    "greenhouse": "Greenhouse Job Board API response (`GET /v1/boards/{board}/jobs?content=true`): "
                  '`{"jobs": [...], "meta": {"total": n}}`; `content` is HTML-escaped HTML (`&lt;p&gt;`); '
                  "`first_published`/`updated_at` are ISO times with a UTC offset; pay only inside the text.",
    "lever": "Lever postings API objects (`GET /v0/postings/{site}?mode=json`) written as JSON Lines, one "
             "posting per line; the full text is `description` + `lists` (section title + `<li>` items) + "
             "`additional`; `createdAt` is epoch milliseconds; `salaryRange` and `workplaceType` when known.",
    "generic": "A job board's spreadsheet export with human column names (Job Title, Company Name, Location, "
               "Date Posted, Salary, Job Description, Remote, Employment Type, Job URL). Salary is free text in "
               "several styles; Remote is Yes/No/Hybrid/On-site/... ; Date Posted is relative (\"3 days ago\", "
               "\"Today\") for the last 30 days before the export date in the file name, otherwise a date in "
               "one of several styles.",
}


def readme_text(summary: dict) -> str:
    """The data/sample/README.md text for a :func:`generate_sample` summary (no timestamps: regenerates equal)."""
    rows = "\n".join(
        f"| `{name}` | {info['layout']} | {info['rows']:,} | {info['first']} – {info['last']} | "
        f"{info['bytes'] / 1024:,.0f} KiB |"
        for name, info in summary["files"].items()
    )
    layouts = "\n".join(f"- **{k}** — {v}" for k, v in _LAYOUT_NOTES.items())
    total = sum(i["rows"] for i in summary["files"].values())
    return f"""# Bundled sample postings (synthetic)

Everything in this folder is **synthetic**: generated by `skillgap sample generate` from templates and invented
company names written for this project. No text comes from real postings. Do not edit these files by hand — a
test regenerates them and fails when they differ.

Regenerate with:

```
skillgap sample generate --out data/sample --seed {summary['seed']} --postings {summary['postings']} \\
    --months {summary['months']} --end-month {summary['end_month']}
```

{summary['postings']:,} distinct postings from {summary['start_month']} to {summary['end_month']} \
({summary['months']} months), {total:,} rows in all:

| File | Layout | Rows | Months | Size |
|---|---|---:|---|---:|
{rows}

## Layouts

{layouts}

## What the data contains

- Role families: AI architect, ML engineer, data engineer, data scientist, cloud architect, backend engineer and
  full-stack engineer, with seniority variants (Junior … Principal) in the titles.
- Locations in the US, UK, Germany, India and Canada, on-site, hybrid or remote; pay bands by role, seniority
  and country, in USD, GBP, EUR, INR and CAD (hourly for contracts).
- Skill demand that changes over time: RAG, vector databases, LangChain, Amazon Bedrock, AI agents and MCP rise
  from near zero during 2025; LLMs and prompt engineering grow; Python and SQL stay steady; Hadoop, MapReduce,
  Hive and jQuery fade. Skills appear in several surface forms (k8s/Kubernetes, Postgres/PostgreSQL,
  SageMaker/Amazon SageMaker, LLM/LLMs).
- Precision traps: everyday phrases that contain skill-like words ("go live", "R&D", "C-suite",
  "react quickly", "our head chef", "spring offsite", "excel at", "go-to-market").
- Messiness on purpose: {summary['duplicates']} exact duplicates (the same job cross-posted to another file under
  the same URL), {summary['near_duplicates']} near-duplicates (same company, title and text with only whitespace
  changed, under a new URL) and {summary['blank_descriptions']} rows with no description, which ingestion should
  reject.
- Links lead nowhere real: every URL keeps its board's shape under `https://example.org/` (e.g.
  `https://example.org/jobs.lever.co/<company>/<id>`), and e-mail addresses are at example.org.

Large exports for benchmarks come from the same generator:
`skillgap sample synthetic --postings 100000 --out data/bench/postings_100k.csv` (JobSpy columns; `--format`
csv, jsonl or parquet; rows are streamed to disk in chunks).
"""
