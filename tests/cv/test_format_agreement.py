"""The TXT, DOCX (python-docx) and PDF (fpdf2) of one CV agree on their skills and statuses."""

from __future__ import annotations

import csv
import io

import pytest

from skillgap.cv import read_cv
from skillgap.cv.skills import cv_skills

CV = """Robin Example
robin@example.org

PROFESSIONAL SUMMARY
Data engineer with 6 years of Python; curious about Rust and interested in Kubernetes.

TECHNICAL SKILLS
Languages: Python, SQL, Scala
Tools: Airflow DAGs, Docker, Git, Terraform

WORK EXPERIENCE
Senior Data Engineer, Riverbank Analytics | Jan 2019 - Present
Built batch pipelines with PySpark and Airflow on AWS.
Migrated the warehouse from PostgreSQL to Snowflake.
Data Engineer, Northwind Retail | 03/2016 - 12/2018
Wrote Kafka consumers in Scala; the BI team that used Tableau took the reports (I did not).

PROJECTS
Open transit dashboard (2020 - 2021): FastAPI backend, Redis cache, deployed with GitHub Actions.

EDUCATION
MSc Computer Science, 2014 - 2016. Thesis: anomaly detection with scikit-learn.

CERTIFICATIONS
AWS Certified Solutions Architect - Associate (2021)
Certified Kubernetes Administrator (CKA) - in progress
"""


def _docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    for line in text.splitlines():
        safe = line.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, safe or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _read(data: bytes, name: str, taxonomy, nlp) -> dict[str, str]:
    return {s.skill_id: s.status for s in cv_skills(read_cv(data, filename=name), nlp=nlp, taxonomy=taxonomy)}


def _agreement(a: dict[str, str], b: dict[str, str]) -> tuple[float, float]:
    """(share of the skills found in either that both found, share of the common skills with the same status)."""
    union, common = set(a) | set(b), set(a) & set(b)
    same = sum(a[s] == b[s] for s in common)
    return (len(common) / len(union) if union else 1.0), (same / len(common) if common else 1.0)


def _check(text: str, name: str, taxonomy, nlp) -> list[tuple[str, float, float]]:
    txt = _read(text.encode("utf-8"), f"{name}.txt", taxonomy, nlp)
    out = []
    for kind, data in (("docx", _docx(text)), ("pdf", _pdf(text))):
        other = _read(data, f"{name}.{kind}", taxonomy, nlp)
        out.append((kind, *_agreement(txt, other)))
    return out


def test_txt_docx_pdf_agree_on_an_invented_cv(real_pipeline):
    taxonomy, nlp = real_pipeline
    for kind, skills, statuses in _check(CV, "robin", taxonomy, nlp):
        assert skills >= 0.95 and statuses >= 0.95, (kind, skills, statuses)


@pytest.mark.shared
def test_txt_docx_pdf_agree_on_real_cvs(real_pipeline, shared_dir):
    path = shared_dir / "data/cvs/resume-dataset/resumes_dev.csv"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    taxonomy, nlp = real_pipeline
    results = []
    for i in range(0, len(rows), 6):  # ten CVs of different kinds
        text = read_cv(rows[i]["Resume"].encode("utf-8"), filename="r.txt").text  # repaired text, as a person has
        results += [(i, *r) for r in _check(text, f"resume-{i}", taxonomy, nlp)]
    skills = sum(r[2] for r in results) / len(results)
    statuses = sum(r[3] for r in results) / len(results)
    print(f"format agreement on {len(results) // 2} real CVs: skills {skills:.3f}, statuses {statuses:.3f}")
    assert skills >= 0.95 and statuses >= 0.90, results
