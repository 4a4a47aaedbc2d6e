"""Layouts: which export a table is, and how its columns map onto the canonical posting fields.

Built-in layouts are data (``BUILTIN_LAYOUTS``), in the same shape as a user mapping file. A table is matched
against user layouts first, then built-ins, then the generic mapper, which finds columns by name (synonyms,
case/space/underscore-insensitive) and by content (the longest-text column is the description).

Field specs are paths into a record: ``a.b`` (nested key), ``a[].b`` (every item's ``b``, joined with " / "),
``a[]`` (list items joined with ", "), ``a[0].b`` (first item). For tabular files a path is a column name.
A list of specs means "the first that has a value". ``name(path)`` is a derived value: ``DERIVED[name]`` applied to
the value at ``path`` (JSON records only), e.g. ``hn_location(text)`` reads the place from an HN post's header line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import polars as pl

from skillgap.errors import UnknownLayout
from skillgap.ingest.readers import RawTable
from skillgap.normalize.header_line import header_place
from skillgap.normalize.job_seeker import SEEKER_REASON, is_job_seeker_post

CANONICAL = (
    "source_id", "title", "company", "location", "remote", "posted", "description",
    "salary", "salary_min", "salary_max", "salary_currency", "salary_period", "url", "country",
)  # fmt: skip

# Values computed from a field rather than read: "name(path)" in a field spec. Each takes the value at path.
DERIVED: dict[str, Callable[[Any], Any]] = {
    # HN posts have no location fields; their header line ("Acme | Engineer | Berlin | REMOTE") names them.
    "hn_location": lambda v: header_place(v).location if isinstance(v, str) else None,
    "hn_country": lambda v: header_place(v).country if isinstance(v, str) else None,
    "hn_remote": lambda v: header_place(v).mode if isinstance(v, str) else None,
    # people looking for work post in hiring threads too ("SEEKING WORK | ...")
    "hn_job_seeker": is_job_seeker_post,
}
_DERIVED_SPEC = re.compile(r"^(\w+)\((.+)\)$")


@dataclass(frozen=True)
class Layout:
    name: str
    source: str | None = None
    kind: str = "postings"  # postings | labels
    columns_all: tuple[str, ...] = ()
    columns_none: tuple[str, ...] = ()
    value_contains: dict[str, str] = field(default_factory=dict)  # column -> text its first values contain
    fields: dict[str, Any] = field(default_factory=dict)  # canonical name -> spec or [specs]
    transforms: dict[str, str] = field(default_factory=dict)  # field -> html | html_escaped | python_list | first_line
    labels: dict[str, str] = field(default_factory=dict)  # label kind -> spec
    source_field: str | None = None  # a column whose value names the source (JobSpy 'site')
    date_format: str | None = None  # strptime format for the posted field
    reject_if: dict[str, str] = field(default_factory=dict)  # spec -> reason when truthy
    min_description_chars: int = 0
    user: bool = False


def _L(**kw: Any) -> Layout:
    for k in ("columns_all", "columns_none"):
        if k in kw:
            kw[k] = tuple(kw[k])
    return Layout(**kw)


BUILTIN_LAYOUTS: list[Layout] = [
    # Hacker News "Who is hiring" runs (gantryops/hn-jobs-data): raw.json posts and classified.json labels.
    _L(name="hn_raw", source="hn", columns_all=["id", "by", "time", "text"],
       fields={"source_id": "id", "description": "text", "posted": "time", "title": "text", "company": "text",
               "url": "url", "location": "hn_location(text)", "country": "hn_country(text)",
               "remote": "hn_remote(text)"},
       transforms={"description": "html", "title": "hn_title", "company": "hn_company"},
       reject_if={"hn_job_seeker(text)": SEEKER_REASON}),
    _L(name="hn_classified", source="hn", kind="labels",
       columns_all=["id", "technologies", "role", "experience_level"], columns_none=["text", "description"],
       fields={"source_id": "id"},
       labels={"technology": "technologies", "role": "role", "experience_level": "experience_level",
               "remote": "remote", "salary_band": "salary_band"}),
    # ruanyf/weekly "谁在招人" board (darknight/whoishiring-insight): parsed/ postings and raw/ comments.
    _L(name="cn_whoishiring_parsed", source="cn_whoishiring",
       columns_all=["commentId", "rawContent", "positions"],
       fields={"source_id": "commentId", "description": "rawContent", "company": "company",
               "title": "positions[].title", "location": "location[]", "remote": "isRemote",
               "salary": "salaryRange", "posted": ["createdAt", "yearMonth"]},
       labels={"technology": "techStack"}),
    _L(name="cn_whoishiring_raw", source="cn_whoishiring",
       columns_all=["id", "author", "body", "createdAt", "isMinimized"],
       fields={"source_id": "id", "description": "body", "posted": "createdAt", "title": "body"},
       transforms={"title": "first_line"},
       reject_if={"isMinimized": "minimized comment (hidden on GitHub as off-topic/spam)"},
       min_description_chars=80),
    # yanmsong/Skills-Extraction-from-Data-Science-Job-Postings: Glassdoor and LinkedIn share columns.
    _L(name="linkedin_scrape", source="linkedin",
       columns_all=["Name", "Company", "State", "City", "Salary", "Location", "Url", "Description"],
       value_contains={"Url": "linkedin."},
       fields={"title": "Name", "company": "Company", "location": "Location", "salary": "Salary",
               "url": "Url", "description": "Description"},
       transforms={"description": "python_list"}),
    _L(name="glassdoor_scrape", source="glassdoor",
       columns_all=["Name", "Company", "State", "City", "Salary", "Location", "Url", "Description"],
       fields={"title": "Name", "company": "Company", "location": "Location", "salary": "Salary",
               "url": "Url", "description": "Description"}),
    _L(name="indeed_scrape", source="indeed",
       columns_all=["Job Title", "Location", "Company", "Salary", "Description"],
       fields={"title": "Job Title", "company": "Company", "location": "Location", "salary": "Salary",
               "description": "Description"}),
    # JobSpy (speedyapply/JobSpy) CSV: one row per posting, 'site' names the board.
    _L(name="jobspy", source="jobspy", source_field="site",
       columns_all=["site", "job_url", "title", "company", "date_posted", "min_amount", "max_amount", "description"],
       fields={"source_id": "id", "url": ["job_url", "job_url_direct"], "title": "title", "company": "company",
               "location": "location", "posted": "date_posted", "salary_min": "min_amount",
               "salary_max": "max_amount", "salary_currency": "currency", "salary_period": "interval",
               "remote": "is_remote", "description": "description"}),
    # Google Jobs through SerpApi: {"jobs_results": [...]}.
    _L(name="serpapi_google_jobs", source="google_jobs",
       columns_all=["title", "company_name", "description", "job_id"],
       fields={"source_id": "job_id", "title": "title", "company": "company_name", "location": "location",
               "description": "description", "posted": "detected_extensions.posted_at",
               "salary": ["detected_extensions.salary", "detected_extensions.salary_range"],
               "remote": "detected_extensions.work_from_home",
               "url": ["share_link", "apply_options[0].link", "related_links[0].link"]}),
    # Greenhouse Job Board API: {"jobs": [...], "meta": {...}}; content is HTML-escaped HTML.
    _L(name="greenhouse", source="greenhouse",
       columns_all=["id", "title", "updated_at", "absolute_url", "content"],
       fields={"source_id": "id", "title": "title", "location": "location.name", "url": "absolute_url",
               "posted": ["first_published", "updated_at"], "description": "content",
               "company": ["company_name", "absolute_url"]},
       transforms={"description": "html_escaped", "company": "board_from_url"}),
    # Lever postings API: a JSON array.
    _L(name="lever", source="lever",
       columns_all=["id", "text", "categories", "hostedUrl"],
       fields={"source_id": "id", "title": "text", "location": ["categories.location", "categories.allLocations[]"],
               "url": "hostedUrl", "posted": "createdAt", "description": "__lever_description__",
               "salary_min": "salaryRange.min", "salary_max": "salaryRange.max",
               "salary_currency": "salaryRange.currency", "salary_period": "salaryRange.interval",
               "remote": "workplaceType", "company": "hostedUrl"},
       transforms={"company": "board_from_url"}),
    # LinkedIn job postings dataset export (job_postings.csv).
    _L(name="linkedin_export", source="linkedin",
       columns_all=["job_id", "company_name", "title", "description", "listed_time"],
       fields={"source_id": "job_id", "title": "title", "company": "company_name", "location": "location",
               "description": "description", "posted": ["original_listed_time", "listed_time"],
               "salary_min": "min_salary", "salary_max": "max_salary", "salary_period": "pay_period",
               "salary_currency": "currency", "remote": "remote_allowed",
               "url": ["job_posting_url", "application_url"]}),
    # Indeed exports (scrapers and the Indeed job-search dataset).
    _L(name="indeed_export", source="indeed",
       columns_all=["jobkey", "jobtitle", "company", "snippet"],
       fields={"source_id": "jobkey", "title": "jobtitle", "company": "company",
               "location": ["formattedLocation", "city"], "description": ["description", "snippet"],
               "posted": "date", "url": "url"}),
]


# ------------------------------------------------------------------------------------------ generic mapper
def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


SYNONYMS: dict[str, list[str]] = {
    "title": ["title", "jobtitle", "job", "jobname", "position", "positiontitle", "positionname", "role",
              "name", "posting_title", "vacancy", "designation"],
    "description": ["description", "jobdescription", "descriptiontext", "descriptionplain", "body", "content",
                    "text", "details", "jobdetails", "summary", "rawcontent", "posting", "fulltext", "jobtext"],
    "company": ["company", "companyname", "employer", "employername", "organization", "organisation", "org",
                "hiringorganization", "firm", "by"],
    "location": ["location", "joblocation", "locations", "city", "place", "candidaterequiredlocation",
                 "locationname", "region"],
    "posted": ["dateposted", "posted", "postedat", "posteddate", "postdate", "date", "createdat", "created",
               "publicationdate", "published", "publishedat", "listedtime", "time", "updatedat", "datecreated"],
    "url": ["url", "joburl", "link", "applyurl", "applylink", "absoluteurl", "hostedurl", "redirecturl",
            "sharelink", "joblink", "postingurl"],
    "salary": ["salary", "salaryrange", "compensation", "pay", "salarytext", "wage", "payrange"],
    "salary_min": ["minamount", "salarymin", "minsalary", "salaryfrom"],
    "salary_max": ["maxamount", "salarymax", "maxsalary", "salaryto"],
    "salary_currency": ["currency", "salarycurrency"],
    "salary_period": ["interval", "payperiod", "salaryperiod", "salaryinterval"],
    "remote": ["remote", "isremote", "workfromhome", "remoteallowed", "workplacetype", "remoteok"],
    "source_id": ["id", "jobid", "sourceid", "postingid", "jobkey", "key", "uuid", "guid", "reqid"],
}  # fmt: skip


def generic_layout(columns: list[str], sample: pl.DataFrame | list[dict[str, Any]] | None = None,
                   *, name: str = "file") -> Layout:
    """Find the canonical fields among *columns* by name, then the description by content.

    Raises ``UnknownLayout`` listing the columns when neither a title nor a description column is found.
    """
    by_norm: dict[str, str] = {}
    for c in columns:
        by_norm.setdefault(_norm(c), c)
        by_norm.setdefault(_norm(c.rsplit(".", 1)[-1]), c)
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for canon in ("description", "title", "company", "location", "posted", "url", "salary", "salary_min",
                  "salary_max", "salary_currency", "salary_period", "remote", "source_id"):
        for syn in SYNONYMS[canon]:
            col = by_norm.get(syn)
            if col is not None and col not in used:
                fields[canon] = col
                used.add(col)
                break
    lengths = _mean_lengths(columns, sample)
    desc = fields.get("description")
    if desc is not None and lengths and lengths.get(desc, 0) < 40:
        # a "text"/"summary" column of short strings is not the body; look for a longer one
        fields.pop("description")
        used.discard(desc)
    if "description" not in fields and lengths:
        best = max((c for c in lengths if c not in used), key=lambda c: lengths[c], default=None)
        if best is not None and lengths[best] >= 150:
            fields["description"] = best
            used.add(best)
    title = fields.get("title")
    if title is not None and lengths and lengths.get(title, 0) > 300:
        fields.pop("title")  # a "name"/"role" column holding paragraphs is not a title
    if "description" not in fields and "title" not in fields:
        shown = ", ".join(columns[:40]) + (" ..." if len(columns) > 40 else "")
        raise UnknownLayout(
            f"{name}: no title or description column found; columns seen: {shown}. "
            "Add a mapping file (see docs/ingest.md) with fields: {title: ..., description: ...}."
        )
    transforms = {}
    if "description" in fields:
        transforms["description"] = "auto"
    return Layout(name="generic", source=None, fields=fields, transforms=transforms)


def _mean_lengths(columns: list[str], sample: Any) -> dict[str, float]:
    if sample is None:
        return {}
    if isinstance(sample, pl.DataFrame):
        if sample.height == 0:
            return {}
        head = sample.head(500)
        means = head.select([pl.col(c).str.len_chars().mean().alias(c) for c in head.columns]).row(0)
        return {c: float(m or 0) for c, m in zip(head.columns, means)}
    out: dict[str, float] = {}
    recs = sample[:200]
    if not recs:
        return {}
    for c in columns:
        total = 0
        for r in recs:
            v = get_path(r, c)
            total += len(v) if isinstance(v, str) else 0
        out[c] = total / len(recs)
    return out


# ------------------------------------------------------------------------------------------ matching
def choose_layout(table: RawTable, layouts: list[Layout]) -> Layout:
    """The first user layout, then built-in layout, whose match rules fit; else the generic mapper."""
    columns = table.columns
    colset = set(columns)
    for layout in [lay for lay in layouts if lay.user] + BUILTIN_LAYOUTS + [lay for lay in layouts if not lay.user and lay not in BUILTIN_LAYOUTS]:
        if not layout.columns_all:
            continue
        if not set(layout.columns_all) <= colset:
            continue
        if set(layout.columns_none) & colset:
            continue
        if layout.value_contains and not _values_contain(table, layout.value_contains):
            continue
        return layout
    sample = table.frame if table.frame is not None else table.records
    return generic_layout(columns, sample, name=table.name)


def _values_contain(table: RawTable, rules: dict[str, str]) -> bool:
    for col, needle in rules.items():
        if table.frame is not None:
            vals = table.frame.get_column(col).drop_nulls().head(20).to_list()
        else:
            vals = [get_path(r, col) for r in (table.records or [])[:20]]
        vals = [str(v) for v in vals if v not in (None, "")]
        if not vals or not any(needle.lower() in v.lower() for v in vals):
            return False
    return True


# ------------------------------------------------------------------------------------------ path access
_SEG = re.compile(r"([^.\[\]]+)(\[(\d*)\])?")


def get_path(rec: Any, spec: str) -> Any:
    """Follow ``a.b``, ``a[].b`` and ``a[0].b`` into nested dicts/lists; None when absent. ``name(path)``: derived."""
    if isinstance(rec, dict) and spec in rec:
        return rec[spec]
    if spec.endswith(")"):
        m = _DERIVED_SPEC.match(spec)
        if m and m.group(1) in DERIVED:
            return DERIVED[m.group(1)](get_path(rec, m.group(2)))
    cur: Any = rec
    parts = _SEG.findall(spec)
    for i, (key, bracket, index) in enumerate(parts):
        if isinstance(cur, list):
            vals = [get_path(item, ".".join(p[0] + p[1] for p in parts[i:])) for item in cur]
            vals = [v for v in vals if v not in (None, "", [])]
            return vals or None
        if not isinstance(cur, dict):
            return None
        cur = cur.get(key)
        if bracket:
            if not isinstance(cur, list):
                return cur
            if index != "":
                k = int(index)
                cur = cur[k] if k < len(cur) else None
    return cur


def value_text(v: Any) -> str | None:
    """A record value as text: lists joined (" / " for titles, ", " otherwise), scalars str()'d."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        items = [value_text(x) for x in v]
        items = [x for x in items if x]
        return " / ".join(items) if items else None
    if isinstance(v, dict):
        import json

        return json.dumps(v, ensure_ascii=False)
    return str(v)
