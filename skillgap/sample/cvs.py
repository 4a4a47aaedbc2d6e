"""Synthetic CVs to try the gap analysis with: invented people, employers and schools, one per career move.

Each :class:`Persona` is someone moving towards a role the sample market knows (a data analyst becoming a data
engineer, a backend engineer becoming an ML engineer, ...). Its text — summary, jobs with dates, skills, education,
certifications — was written for this project; the seed only picks the invented names, employers, schools and city
and shuffles bullet and skill order, so every seed shows the same skills. :func:`write_sample_cvs` renders each
persona in its format (TXT, Markdown, DOCX, PDF) with fixed document dates, so one seed writes identical bytes.
The PDF needs fpdf2 (a test extra): without it the PDF is skipped and the committed one stays, so reading the
bundled CVs at run time (:func:`sample_cvs`, :func:`sample_cv_gap`) never needs it.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillgap.cv.samples import CV_DIR_NAME, DEMO_CV, SAMPLE_CV_INDEX, SampleCV, SampleCVEntry, sample_cvs
from skillgap.errors import SampleOptionError

if TYPE_CHECKING:
    from skillgap.gap import GapResult

__all__ = [
    "CV_DIR_NAME",
    "DEFAULT_SEED",
    "DEMO_CV",
    "PERSONAS",
    "Persona",
    "SampleCV",
    "cv_readme_text",
    "render_cv",
    "sample_cv_gap",
    "sample_cvs",
    "write_sample_cvs",
]

DEFAULT_SEED = 2026
_ENTRIES = {e.key: e for e in SAMPLE_CV_INDEX}
# Document dates inside DOCX/PDF (and zip entry times) are fixed, so the bytes depend only on the content.
STAMP = dt.datetime(2026, 10, 28, 6, 0, 0, tzinfo=dt.timezone.utc)
FORMATS = ("txt", "md", "docx", "pdf")

_FIRST = ("Ayla", "Bram", "Caden", "Dara", "Elio", "Farah", "Gideon", "Hedda", "Idris", "Juno", "Kiran", "Lior",
          "Mireille", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Soren", "Talia", "Umar", "Vesna", "Wren",
          "Yusuf", "Zofia")  # fmt: skip
_LAST = ("Achterberg", "Bellweather", "Castellane", "Dunmore", "Eskildsen", "Fairbairn", "Halvorsen", "Jankowska",
         "Kettering", "Lindqvist", "Marchetti", "Okonkwo", "Pemberton", "Quayle", "Rasmussen", "Szabo", "Thorne",
         "Ubaldi", "Varga", "Whitcombe", "Yilmaz", "Zeller")  # fmt: skip
# Invented employers by industry; a persona's job names an industry and the seed picks one of them.
_COMPANIES: dict[str, tuple[str, ...]] = {
    "retail": ("Brindlewood Grocers", "Halloway & Finch Stores", "Copperleaf Markets"),
    "logistics": ("Quillfern Freight", "Ostrander Parcel Co.", "Bluegate Haulage"),
    "fintech": ("Paystream Kestrel", "Ledgerwick", "Tallow Bay Payments"),
    "marketplace": ("Nookly Homes", "Hatchway Rentals", "Roomfold"),
    "insurance": ("Greyhaven Mutual", "Alder Shield Insurance", "Northmere Assurance"),
    "consulting": ("Fennick Analytics Consulting", "Orchard Lane Advisory", "Saltmarsh Data Partners"),
    "telecom": ("Vantry Telecom", "Kilnworth Networks", "Ferrow Mobile"),
    "public": ("Eastmoor County Council", "Rivenshire Health Trust", "Lowfield City Services"),
    "agency": ("Studio Wrenfield", "Pixelmoor Digital", "Tangent & Tern"),
    "saas": ("Helpwick", "Tidyform", "Brightloop Software"),
}
_UNIVERSITIES = ("University of Eastmarch", "Harrowmere University", "Kestrel Polytechnic",
                 "Wyndle Institute of Technology", "Larkholt College", "Stonebeck University")  # fmt: skip
_BOOTCAMPS = ("Coldwater Code School", "Northlight Coding Academy")
_CITIES = ("Leeds, UK", "Bristol, UK", "Toronto, Canada", "Austin, TX, USA", "Pune, India", "Berlin, Germany",
           "Glasgow, UK", "Denver, CO, USA")  # fmt: skip


@dataclass(frozen=True)
class Job:
    """A job (or project) entry: ``company`` is an industry key of ``_COMPANIES`` ("" for a project)."""

    title: str
    company: str
    start: tuple[int, int]  # (year, month)
    end: tuple[int, int] | None  # None: "Present"
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Persona:
    """One sample CV: who it is, the role it aims at, and the skills any reader must find in it."""

    key: str  # file stem: data/sample/cvs/<key>.<fmt>; format, description and role: skillgap.cv.samples
    headline: str
    summary: str
    skills: tuple[tuple[str, tuple[str, ...]], ...]  # (group, items)
    experience: tuple[Job, ...]
    education: tuple[tuple[str, str, str], ...]  # (degree, "university" | "bootcamp", years)
    core: tuple[str, ...]  # taxonomy skill ids the CV clearly shows (tests assert they are found)
    projects: tuple[Job, ...] = ()
    certifications: tuple[str, ...] = ()
    languages: str | None = None
    style: str = "caps"  # txt only: "caps" (SKILLS) or "title" (Skills:, dates on their own line)

    @property
    def entry(self) -> SampleCVEntry:
        return _ENTRIES[self.key]

    @property
    def fmt(self) -> str:  # txt | md | docx | pdf
        return self.entry.fmt

    @property
    def persona(self) -> str:  # "Junior data analyst moving to data engineering"
        return self.entry.persona

    @property
    def role(self) -> str:  # target role id (skills_taxonomy roles.yaml)
        return self.entry.role

    @property
    def filename(self) -> str:
        return self.entry.filename


PERSONAS: tuple[Persona, ...] = (
    Persona(
        key="data_analyst_to_data_engineer",
        headline="Data Analyst (aiming at Data Engineering)",
        summary=(
            "Data analyst with three years of turning raw sales and delivery data into reports that people actually "
            "open. Most of my week now goes into the plumbing behind those reports: scheduled SQL jobs, small Python "
            "loaders and checks that catch a broken feed before the morning meeting. I want to do that work full "
            "time as a data engineer."
        ),
        skills=(
            ("Languages", ("SQL", "Python")),
            ("Analysis", ("pandas", "Excel", "Tableau", "Power BI")),
            ("Data", ("PostgreSQL", "dbt", "data quality checks", "Git")),
            ("Learning now", ("Apache Airflow", "Docker", "Amazon S3")),
        ),
        experience=(
            Job("Data Analyst", "retail", (2023, 3), None, (
                "Rebuilt the weekly margin report as a chain of SQL views in PostgreSQL; it now refreshes in four "
                "minutes instead of an hour.",
                "Wrote Python scripts with pandas that load supplier files into the reporting database every night "
                "and stop the load when a column goes missing.",
                "Look after twelve Tableau dashboards for regional managers and added data quality checks so a "
                "broken load is flagged before 8 am.",
                "Started moving one-off transformations into dbt models with tests, reviewed through Git pull "
                "requests.",
            )),
            Job("Junior Reporting Analyst", "logistics", (2021, 7), (2023, 2), (
                "Built the monthly KPI pack for the finance team in Excel and later in Power BI.",
                "Reconciled order records from three systems with SQL and documented every rule in a shared wiki.",
            )),
        ),
        projects=(
            Job("Bike-share trips pipeline (personal project)", "", (2024, 5), (2024, 11), (
                "Python job that pulls open trip data, lands it as Parquet files in Amazon S3 and runs daily under "
                "Apache Airflow in Docker.",
            )),
        ),
        education=(("BSc Economics with Statistics", "university", "2018 - 2021"),),
        certifications=("dbt Fundamentals course (2024)",),
        languages="English (native), Spanish (conversational)",
        core=("sql", "python", "pandas", "postgresql", "tableau", "dbt", "apache-airflow"),
    ),
    Persona(
        key="backend_engineer_to_ml_engineer",
        headline="Senior Backend Engineer, moving into Machine Learning Engineering",
        summary=(
            "Backend engineer with seven years of building payment and booking services in Java and Python. For the "
            "last two years I have worked next to our data scientists, putting their models into production, and "
            "I have taken courses in machine learning to do more of the modelling myself."
        ),
        skills=(
            ("Languages", ("Python", "Java", "Go", "SQL")),
            ("Backend", ("REST APIs", "gRPC", "Spring Boot", "FastAPI", "Redis", "Kafka")),
            ("Databases", ("PostgreSQL", "MySQL")),
            ("Infrastructure", ("Docker", "Kubernetes", "AWS", "Terraform", "GitHub Actions")),
            ("Machine learning", ("scikit-learn", "PyTorch", "pandas", "NumPy", "MLflow")),
        ),
        experience=(
            Job("Senior Backend Engineer", "fintech", (2022, 1), None, (
                "Own the payment-routing services, written in Java with Spring Boot and running on Kubernetes; "
                "they handle about 900 requests a second at peak.",
                "Moved settlement events onto Kafka so that reporting no longer reads the production database.",
                "Built the fraud-score service in Python with FastAPI that serves the data science team's gradient "
                "boosting model, with request logging for later retraining.",
                "Added service dashboards with Prometheus and Grafana and cut paging alerts by half.",
            )),
            Job("Backend Engineer", "marketplace", (2018, 6), (2021, 12), (
                "Wrote REST APIs in Python with Django on PostgreSQL for the booking flow.",
                "Introduced Redis caching for search results and CI pipelines in GitHub Actions.",
                "Packaged every service with Docker and moved them to AWS.",
            )),
        ),
        projects=(
            Job("Rental price predictor (side project)", "", (2024, 9), (2025, 3), (
                "Trained regression models with scikit-learn and a small neural network in PyTorch on open listing "
                "data; tracked experiments with MLflow and served the best model from FastAPI in Docker.",
            )),
        ),
        education=(("MEng Software Engineering", "university", "2013 - 2018"),),
        certifications=(
            "AWS Certified Developer - Associate (2021)",
            "Machine learning specialisation, online course (2024)",
        ),
        core=("python", "java", "docker", "kubernetes", "scikit-learn", "pytorch", "fastapi", "kafka"),
    ),
    Persona(
        key="data_scientist_to_ai_architect",
        headline="Lead Data Scientist - LLM applications and ML platforms",
        summary=(
            "Data scientist with eight years in insurance, the last three leading a team of five. I led our move "
            "from notebooks to a shared MLOps platform and now design LLM features such as retrieval over policy "
            "documents. I am looking for an AI architect role where I design systems end to end."
        ),
        skills=(
            ("Languages", ("Python", "SQL", "R")),
            ("Machine learning", ("scikit-learn", "XGBoost", "PyTorch", "statistics", "A/B testing")),
            ("LLM", ("RAG", "LangChain", "Azure OpenAI", "vector databases", "prompt engineering")),
            ("Platform", ("MLflow", "Docker", "Kubernetes", "Azure", "Databricks")),
        ),
        experience=(
            Job("Lead Data Scientist", "insurance", (2021, 9), None, (
                "Designed a retrieval-augmented generation assistant over 40,000 policy documents with Azure "
                "OpenAI, LangChain and a vector database; claims handlers use it for first answers.",
                "Wrote the architecture decision records for the assistant and set up an evaluation set of 600 "
                "questions that every release must pass.",
                "Led the move of twenty models from notebooks to MLflow and Docker images running on Kubernetes in "
                "Azure.",
                "Present model and cost reviews to the claims director every quarter.",
            )),
            Job("Data Scientist", "consulting", (2018, 2), (2021, 8), (
                "Built churn and fraud machine learning models with Python, scikit-learn and XGBoost for three "
                "insurance clients.",
                "Ran A/B tests on renewal letters and wrote feature engineering jobs in Apache Spark on Databricks.",
            )),
            Job("Statistical Analyst", "public", (2016, 1), (2018, 1), (
                "Produced survey estimates in R and SQL and taught colleagues basic statistics.",
            )),
        ),
        education=(
            ("MSc Applied Statistics", "university", "2014 - 2015"),
            ("BSc Mathematics", "university", "2011 - 2014"),
        ),
        certifications=("Microsoft Certified: Azure AI Engineer Associate (2023)",),
        core=("python", "machine-learning", "rag", "langchain", "mlflow", "kubernetes", "azure"),
    ),
    Persona(
        key="sysadmin_to_cloud_architect",
        headline="Cloud Systems Administrator (AWS) - next step: Cloud Architect",
        summary=(
            "Systems administrator with nine years of keeping Linux and Windows servers healthy, the last four "
            "mostly in AWS. I run day-to-day operations for about sixty AWS accounts and wrote most of the "
            "Terraform that builds them. Next I want to design the platforms rather than only run them."
        ),
        skills=(
            ("Operating systems", ("Linux", "Windows Server", "Bash", "PowerShell")),
            ("AWS", ("EC2", "Amazon S3", "IAM", "VPC", "CloudWatch", "AWS Lambda")),
            ("Automation", ("Terraform", "Ansible", "Python", "Docker")),
            ("Operations", ("monitoring", "backup and recovery", "Prometheus", "Grafana", "ITIL")),
        ),
        experience=(
            Job("Cloud Systems Administrator", "telecom", (2022, 4), None, (
                "Moved 140 on-premises virtual machines to AWS in eighteen months without an unplanned outage.",
                "Wrote Terraform modules for VPC networking, IAM roles and backups that every new account now uses.",
                "Automated patching for 400 Linux servers with Ansible and report compliance every month.",
                "Track the AWS bill per team with tags and CloudWatch and trimmed it by 18% in a year.",
            )),
            Job("Systems Administrator", "public", (2017, 9), (2022, 3), (
                "Ran VMware hosts, Linux file servers and Windows Server domain controllers for 2,000 staff.",
                "Scripted user onboarding in PowerShell and log rotation in Bash.",
            )),
            Job("IT Support Technician", "retail", (2015, 6), (2017, 8), (
                "First-line support for forty shops; set up networking kit and laptops.",
            )),
        ),
        education=(("BSc Computer Networks", "university", "2012 - 2015"),),
        certifications=(
            "AWS Certified SysOps Administrator - Associate (2022)",
            "HashiCorp Certified: Terraform Associate (2023)",
            "AWS Certified Solutions Architect - Associate (2024)",
        ),
        core=("linux", "aws", "terraform", "ansible", "bash", "powershell"),
    ),
    Persona(
        key="fullstack_developer_to_ai_engineer",
        headline="Full-Stack Developer building LLM features",
        summary=(
            "Full-stack developer with five years of TypeScript, React and Node.js. I came to software from graphic "
            "design through a coding bootcamp. Last year I shipped our support assistant on the OpenAI API and "
            "found that the work around language models is what I want to do next."
        ),
        skills=(
            ("Front end", ("TypeScript", "JavaScript", "React", "Next.js", "HTML", "CSS")),
            ("Back end", ("Node.js", "Python", "FastAPI", "GraphQL", "PostgreSQL", "MongoDB")),
            ("AI", ("OpenAI API", "prompt engineering", "embeddings", "LangChain")),
            ("Tools", ("Docker", "AWS", "Git")),
        ),
        experience=(
            Job("Full-Stack Developer", "saas", (2023, 2), None, (
                "Built the customer support assistant: a Next.js chat window, a Node.js service calling the OpenAI "
                "API, and embeddings of 3,000 help articles stored in PostgreSQL.",
                "Wrote prompt engineering guidelines and a small regression suite of 150 real questions.",
                "Moved the reporting API from REST to GraphQL and cut page load times by a third.",
            )),
            Job("Frontend Developer", "agency", (2020, 5), (2023, 1), (
                "Delivered React and TypeScript sites for twenty clients, with HTML and CSS built to the designs.",
                "Added a Python FastAPI service for form handling and deployed it on AWS with Docker.",
            )),
        ),
        education=(
            ("Full-stack web development bootcamp", "bootcamp", "2019 - 2020"),
            ("BA Graphic Design", "university", "2014 - 2017"),
        ),
        languages="English (fluent), Turkish (native)",
        core=("typescript", "react", "nodejs", "python", "openai-api", "prompt-engineering"),
        style="title",
    ),
)


@dataclass(frozen=True)
class _Identity:
    name: str
    email: str
    city: str
    companies: dict[str, str] = field(default_factory=dict)
    schools: dict[str, str] = field(default_factory=dict)


def _identities(seed: int) -> dict[str, _Identity]:
    """Names, employers, schools and city for every persona; distinct people across the set."""
    rng = random.Random(f"skillgap-sample-cvs:{seed}")
    firsts = rng.sample(_FIRST, len(PERSONAS))
    lasts = rng.sample(_LAST, len(PERSONAS))
    out = {}
    for p, first, last in zip(PERSONAS, firsts, lasts):
        industries = dict.fromkeys(j.company for j in p.experience if j.company)
        companies = {ind: rng.choice(_COMPANIES[ind]) for ind in industries}
        unis = rng.sample(_UNIVERSITIES, 2)
        schools = {"university": unis[0], "university2": unis[1], "bootcamp": rng.choice(_BOOTCAMPS)}
        email = re.sub(r"[^a-z.]", "", f"{first}.{last}".lower()) + "@example.com"
        out[p.key] = _Identity(f"{first} {last}", email, rng.choice(_CITIES), companies, schools)
    return out


@dataclass(frozen=True)
class _Entry:
    title: str
    dates: str
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class _Doc:
    """A persona with its identity filled in, ready for a renderer."""

    name: str
    headline: str
    contact: str
    summary: str
    skills: tuple[tuple[str, str], ...]
    experience: tuple[_Entry, ...]
    projects: tuple[_Entry, ...]
    education: tuple[_Entry, ...]
    certifications: tuple[str, ...]
    languages: str | None


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAME = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")  # fmt: skip


def _dates(job: Job, fmt: str) -> str:
    """The job's date range in the style its format's CV uses (all styles are ones the reader parses)."""

    def point(ym: tuple[int, int] | None) -> str:
        if ym is None:
            return {"md": "present", "docx": "Present"}.get(fmt, "Present")
        y, m = ym
        if fmt == "md":
            return f"{m:02d}/{y}"
        if fmt == "docx":
            return f"{_MONTH_NAME[m - 1]} {y}"
        return f"{_MONTH_ABBR[m - 1]} {y}"

    sep = {"md": " – ", "docx": " to "}.get(fmt, " - ")
    return point(job.start) + sep + point(job.end)


def _doc(p: Persona, ident: _Identity, rng: random.Random) -> _Doc:
    def entries(jobs: tuple[Job, ...]) -> tuple[_Entry, ...]:
        out = []
        for j in jobs:
            bullets = list(j.bullets)
            rng.shuffle(bullets)
            title = f"{j.title}, {ident.companies[j.company]}" if j.company else j.title
            out.append(_Entry(title, _dates(j, p.fmt), tuple(bullets)))
        return tuple(out)

    skills = []
    for group, items in p.skills:
        items = list(items)
        rng.shuffle(items)
        skills.append((group, ", ".join(items)))
    n_uni = 0
    education = []
    for degree, kind, years in p.education:
        if kind == "university":
            school = ident.schools["university" if n_uni == 0 else "university2"]
            n_uni += 1
        else:
            school = ident.schools["bootcamp"]
        education.append(_Entry(f"{degree}, {school}", years.replace(" - ", " – ") if p.fmt == "md" else years, ()))
    contact = f"{ident.city} | {ident.email}"
    return _Doc(ident.name, p.headline, contact, p.summary, tuple(skills), entries(p.experience),
                entries(p.projects), tuple(education), p.certifications, p.languages)


# ---------------------------------------------------------------------------------------------------------------
# Renderers


def _txt(d: _Doc, *, style: str) -> str:
    def head(title: str) -> str:
        return title.upper() if style == "caps" else f"{title}:"

    lines = [d.name, d.headline, d.contact, "", head("Summary" if style == "caps" else "Professional Summary"),
             d.summary, "", head("Skills" if style == "caps" else "Technical Skills")]
    lines += [f"{group}: {items}" for group, items in d.skills]
    for title, entries in (("Experience" if style == "caps" else "Work Experience", d.experience),
                           ("Projects", d.projects)):
        if not entries:
            continue
        lines += ["", head(title)]
        for e in entries:
            lines += [f"{e.title} | {e.dates}"] if style == "caps" else [e.title, e.dates]
            lines += [f"- {b}" for b in e.bullets]
            lines.append("")
        lines.pop()
    lines += ["", head("Education")]
    lines += [f"{e.title}, {e.dates}" for e in d.education]
    if d.certifications:
        lines += ["", head("Certifications")] + [f"- {c}" for c in d.certifications]
    if d.languages:
        lines += ["", head("Languages"), d.languages]
    return "\n".join(lines) + "\n"


def _md(d: _Doc) -> str:
    lines = [f"# {d.name}", "", f"**{d.headline}**", "", d.contact, "", "## Summary", "", d.summary, "",
             "## Skills", "", "| Area | Skills |", "|---|---|"]
    lines += [f"| {group} | {items} |" for group, items in d.skills]
    for title, entries in (("Experience", d.experience), ("Projects", d.projects)):
        if not entries:
            continue
        lines += ["", f"## {title}"]
        for e in entries:
            lines += ["", f"### {e.title}", "", f"*{e.dates}*", ""]
            lines += [f"- {b}" for b in e.bullets]
    lines += ["", "## Education", ""] + [f"- {e.title}, {e.dates}" for e in d.education]
    if d.certifications:
        lines += ["", "## Certifications", ""] + [f"- {c}" for c in d.certifications]
    if d.languages:
        lines += ["", "## Languages", "", d.languages]
    return "\n".join(lines) + "\n"


def _docx(d: _Doc) -> bytes:
    import docx

    doc = docx.Document()
    props = doc.core_properties
    props.author = props.last_modified_by = "skillgap sample generator"
    props.title = f"CV - {d.name} (synthetic sample)"
    props.created = props.modified = props.last_printed = STAMP.replace(tzinfo=None)
    props.revision = 1
    doc.add_heading(d.name, level=0)
    doc.add_paragraph(d.headline)
    doc.add_paragraph(d.contact)
    doc.add_heading("Summary", level=1)
    doc.add_paragraph(d.summary)
    doc.add_heading("Skills", level=1)
    table = doc.add_table(rows=0, cols=2)
    for group, items in d.skills:
        cells = table.add_row().cells
        cells[0].text = group
        cells[1].text = items
    for title, entries in (("Experience", d.experience), ("Projects", d.projects)):
        if not entries:
            continue
        doc.add_heading(title, level=1)
        for e in entries:
            para = doc.add_paragraph()
            para.add_run(e.title).bold = True
            para.add_run(f" | {e.dates}")
            for b in e.bullets:
                doc.add_paragraph(b, style="List Bullet")
    doc.add_heading("Education", level=1)
    for e in d.education:
        doc.add_paragraph(f"{e.title}, {e.dates}")
    if d.certifications:
        doc.add_heading("Certifications", level=1)
        for c in d.certifications:
            doc.add_paragraph(c, style="List Bullet")
    if d.languages:
        doc.add_heading("Languages", level=1)
        doc.add_paragraph(d.languages)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with sorted entries and fixed entry times (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        # [Content_Types].xml first, as Office writes it; the rest sorted
        for name in sorted(names, key=lambda n: (n != "[Content_Types].xml", n)):
            zi = zipfile.ZipInfo(name, date_time=STAMP.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(name))
    return out.getvalue()


def _pdf(d: _Doc) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(STAMP)
    pdf.set_creator("skillgap sample generator")
    pdf.set_title(f"CV - {d.name} (synthetic sample)")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()

    def line(text: str, *, size: float = 10, style: str = "", h: float = 5, indent: float = 0) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, h, text, new_x="LMARGIN", new_y="NEXT")

    def heading(text: str) -> None:
        pdf.ln(3)
        line(text.upper(), size=12, style="B", h=7)

    line(d.name, size=18, style="B", h=9)
    line(d.headline, size=11)
    line(d.contact, size=9)
    heading("Summary")
    line(d.summary)
    heading("Skills")
    for group, items in d.skills:
        line(f"{group}: {items}")
    for title, entries in (("Experience", d.experience), ("Projects", d.projects)):
        if not entries:
            continue
        heading(title)
        for e in entries:
            pdf.ln(1)
            line(f"{e.title} | {e.dates}", style="B")
            for b in e.bullets:
                line(f"- {b}", indent=3)
    heading("Education")
    for e in d.education:
        line(f"{e.title}, {e.dates}")
    if d.certifications:
        heading("Certifications")
        for c in d.certifications:
            line(f"- {c}", indent=3)
    if d.languages:
        heading("Languages")
        line(d.languages)
    return bytes(pdf.output())


def render_cv(persona: Persona, *, seed: int = DEFAULT_SEED) -> bytes:
    """The bytes of one persona's CV file for ``seed`` (the PDF needs fpdf2)."""
    ident = _identities(seed)[persona.key]
    d = _doc(persona, ident, random.Random(f"skillgap-sample-cv:{seed}:{persona.key}"))
    if persona.fmt == "txt":
        return _txt(d, style=persona.style).encode("utf-8")
    if persona.fmt == "md":
        return _md(d).encode("utf-8")
    if persona.fmt == "docx":
        return _docx(d)
    if persona.fmt == "pdf":
        return _pdf(d)
    raise SampleOptionError(f"Persona {persona.key!r} has format {persona.fmt!r}; use one of {', '.join(FORMATS)}.")


def _has_fpdf() -> bool:
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return False
    return True


def write_sample_cvs(out_dir: Path, *, seed: int = DEFAULT_SEED) -> dict:
    """Write every persona's CV and a README.md into ``out_dir``; return a summary.

    Without fpdf2 installed the PDF CVs are not rewritten (listed under ``skipped``): the committed ones stay.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_ok = _has_fpdf()
    files: dict[str, dict] = {}
    skipped: list[str] = []
    for p in PERSONAS:
        path = out_dir / p.filename
        if p.fmt == "pdf" and not pdf_ok:
            skipped.append(p.filename)
        else:
            path.write_bytes(render_cv(p, seed=seed))
        files[p.filename] = {"persona": p.persona, "role": p.role, "format": p.fmt,
                             "bytes": path.stat().st_size if path.exists() else 0}
    (out_dir / "README.md").write_text(cv_readme_text(seed=seed), encoding="utf-8")
    return {"seed": seed, "out": str(out_dir), "files": files, "skipped": skipped}


def cv_readme_text(*, seed: int = DEFAULT_SEED) -> str:
    """The data/sample/cvs/README.md text (no timestamps: it regenerates equal)."""
    rows = "\n".join(f"| `{p.filename}` | {p.persona} | `{p.role}` | {p.fmt.upper()} |" for p in PERSONAS)
    seed_opt = "" if seed == DEFAULT_SEED else f" --seed {seed}"
    return f"""# Sample CVs (synthetic)

Invented people, employers and schools: every CV here was generated by `skillgap sample cvs` from text written
for this project. None of it comes from a real CV. Use them to try the gap analysis:

```
skillgap gap data/sample/cvs/{DEMO_CV}.txt --role data-engineer
```

or pick one under "Try a sample CV" on the dashboard's **My gap** page. `skillgap demo` prints the gap for
`{DEMO_CV}.txt` after its refresh.

| File | Persona | Target role | Format |
|---|---|---|---|
{rows}

Do not edit these files by hand — a test regenerates them and fails when they differ. Regenerate with:

```
skillgap sample cvs --out data/sample/cvs{seed_opt}
```

The PDF is written only when fpdf2 is installed (`pip install -e '.[test]'`); reading the CVs never needs it.
"""


# ---------------------------------------------------------------------------------------------------------------
# Reading the bundled CVs


def sample_cv_gap(folder: Path, *, taxonomy: Any, nlp: Any, con: Any, key: str = DEMO_CV,
                  hours_per_week: float = 8.0) -> tuple[SampleCV, "GapResult"]:
    """Run the gap analysis (:func:`skillgap.gap.gap_for_cv`) for one bundled CV against its target role."""
    from skillgap.gap import gap_for_cv

    found = {cv.key: cv for cv in sample_cvs(folder)}
    if key not in found:
        known = ", ".join(p.key for p in PERSONAS)
        raise SampleOptionError(
            f"No sample CV {key!r} in {folder}. Known sample CVs: {known}; regenerate them with "
            f"`skillgap sample cvs --out {folder}`."
        )
    cv = found[key]
    _, _, result = gap_for_cv(cv.read_bytes(), cv.path.name, taxonomy=taxonomy, nlp=nlp, con=con, role=cv.role,
                              hours_per_week=hours_per_week)
    return cv, result
