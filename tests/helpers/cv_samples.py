"""An invented CV, rendered as TXT, Markdown, DOCX (with a skills table) and PDF (one and two columns).

Every format carries the same content so tests can check that the same text, sections and skills come out.
"""

from __future__ import annotations

import io

NAME = "Jordan Sample"
CONTACT = "jordan.sample@example.org | +44 20 0000 0000"

# (heading, lines). The skills section is a table in the DOCX.
SUMMARY = (
    "Summary",
    [
        "Data engineer with 6 years of Python and a liking for tidy pipelines.",
        "I gained hands-on experi-",
        "ence with Naïve Bayes models and streaming data.",
    ],
)
SKILLS_TABLE = [
    ("Languages", "Python, SQL, Scala"),
    ("Cloud", "AWS, Terraform"),
    ("Tools", "Docker, Airflow, Git"),
]
EXPERIENCE = (
    "Work Experience",
    [
        "Senior Data Engineer, Riverbank Analytics | Jan 2019 - Present",
        "Built batch pipelines in Python and Airflow on AWS.",
        "Moved the warehouse to Snowflake with 5 years of AWS behind me.",
        "Data Engineer, Northwind Retail | 03/2016 - 12/2018",
        "Wrote SQL reports and Scala jobs; containerised services with Docker.",
    ],
)
PROJECTS = (
    "Projects",
    [
        "Open transit dashboard (2020-2021)",
        "A Kafka consumer feeding a small Postgres database.",
    ],
)
EDUCATION = (
    "Education",
    [
        "BSc Computer Science, University of Examples, 2012 - 2015",
    ],
)
CERTIFICATIONS = (
    "Certifications",
    [
        "AWS Certified Solutions Architect - Associate (2021)",
    ],
)

LEFT = [SUMMARY, ("Skills", None), EDUCATION, CERTIFICATIONS]  # None: the skills table
RIGHT = [EXPERIENCE, PROJECTS]
ORDER = [SUMMARY, ("Skills", None), EXPERIENCE, PROJECTS, EDUCATION, CERTIFICATIONS]

SECTION_NAMES = {"summary", "skills", "experience", "projects", "education", "certifications"}
# What the fake extractor (tests/cv/conftest.py) can find, and where each must be.
EXPECTED_SKILLS = {"python", "sql", "scala", "aws", "terraform", "docker", "airflow", "git", "kafka", "snowflake"}


def _skill_lines() -> list[str]:
    return [f"{k}: {v}" for k, v in SKILLS_TABLE]


def _blocks(order):
    for heading, lines in order:
        yield heading, (_skill_lines() if lines is None else lines)


def cv_txt() -> str:
    out = [NAME, CONTACT, ""]
    for heading, lines in _blocks(ORDER):
        out += [heading.upper(), *lines, ""]
    return "\n".join(out)


def cv_md() -> str:
    out = [f"# {NAME}", "", CONTACT, ""]
    for heading, lines in _blocks(ORDER):
        out += [f"## {heading}", ""]
        out += [f"- **{ln.split(':', 1)[0]}**:{ln.split(':', 1)[1]}" if lines is None else ln for ln in lines]
        out.append("")
    return "\n".join(out)


def cv_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(NAME, level=0)
    d.add_paragraph(CONTACT)
    for heading, lines in ORDER:
        d.add_heading(heading, level=1)
        if lines is None:
            table = d.add_table(rows=0, cols=2)
            for k, v in SKILLS_TABLE:
                cells = table.add_row().cells
                cells[0].text = k
                cells[1].text = v
        else:
            for ln in lines:
                d.add_paragraph(ln)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def cv_pdf_one_column() -> bytes:
    pdf = _pdf()
    y = 20.0
    pdf.set_font("Helvetica", "B", 16)
    pdf.text(20, y, NAME)
    y += 7
    pdf.set_font("Helvetica", "", 10)
    pdf.text(20, y, CONTACT)
    y += 10
    for heading, lines in _blocks(ORDER):
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(20, y, heading.upper())
        y += 6
        pdf.set_font("Helvetica", "", 10)
        for ln in lines:
            pdf.text(20, y, ln)
            y += 5
        y += 4
    return bytes(pdf.output())


def _column_rows(order) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for heading, lines in _blocks(order):
        rows.append(("B", heading.upper()))
        rows += [("", ln) for ln in lines]
        rows.append(("", ""))
    return rows


def cv_pdf_two_columns() -> bytes:
    """Left and right columns drawn row by row, interleaved, as word processors often do.

    A reader that follows the content stream would alternate between the columns line by line.
    """
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 16)
    pdf.text(12, 18, NAME)
    pdf.set_font("Helvetica", "", 9)
    pdf.text(12, 24, CONTACT)
    left, right = _column_rows(LEFT), _column_rows(RIGHT)
    y = 34.0
    for i in range(max(len(left), len(right))):
        for x, rows in ((12, left), (110, right)):
            if i < len(rows) and rows[i][1]:
                style, text = rows[i]
                pdf.set_font("Helvetica", style, 8 if not style else 9)
                pdf.text(x, y, text)
        y += 4.6
    return bytes(pdf.output())
