"""Job ads and CVs written for the match tests (text, HTML, DOCX and PDF built in code)."""

from __future__ import annotations

import io

AD_TEXT = """Senior Data Engineer at Acme Analytics

About us
Acme Analytics helps retailers plan stock. Our own platform team runs Kubernetes and Jira everywhere.

What you'll do
- Build and run batch pipelines for our forecasting models.

Requirements
- 5+ years of experience with Python and SQL
- Hands-on experience with Apache Airflow, Docker and AWS
- You have shipped data pipelines to production

Nice to have
- Terraform
- Snowflake

Benefits
- A Tableau licence and a learning budget
- Remote-friendly, flexible hours
"""

AD_HTML = """<!doctype html><html><head><title>Machine Learning Engineer at Nimbus Labs</title>
<style>p { color: red }</style><script>var tracking = "Kafka";</script></head>
<body><h1>Machine Learning Engineer</h1>
<p>We are looking for an ML engineer to join our team.</p>
<h2>Requirements</h2>
<ul><li>Strong Python and PyTorch &amp; experience with Docker</li><li>You have deployed models on Kubernetes</li></ul>
<h2>Nice to have</h2><ul><li>MLflow</li></ul>
</body></html>
"""

CV_FULL = """Riley Example
Data Engineer

Summary
Data engineer with seven years of experience.

Skills
Python, SQL, Terraform

Experience
Senior Data Engineer, Northwind — Jan 2019 - Present
- Built batch pipelines in Python and SQL, orchestrated with Apache Airflow.
- Packaged services with Docker and deployed them on AWS.
- Loaded the warehouse into Snowflake and managed it with Terraform.

Education
BSc Computer Science, 2018
"""

CV_POSTGRES = """Casey Example

Experience
Backend Developer, Example Shop — Mar 2020 - Present
- Designed PostgreSQL schemas and wrote Python services running in Docker.

Education
BSc Mathematics, 2019
"""

GERMAN_AD = """Senior Data Engineer (m/w/d)

Wir suchen eine erfahrene Person für unser Datenteam in Berlin. Du arbeitest mit Python, SQL und Apache Airflow
und bist für die Datenplattform verantwortlich. Wir bieten dir ein flexibles Arbeitsumfeld und ein tolles Team.

Dein Profil
- Mehrjährige Erfahrung mit Python und SQL
- Kenntnisse in Docker und Kubernetes sind von Vorteil
"""

NOT_AN_AD = """Sourdough bread at home

Mix the flour and the water and let them rest for an hour before the salt goes in. Fold the dough four times over
the next two hours, then shape it into a round loaf and leave it in the fridge overnight. Bake it in a hot pot with
the lid on for twenty minutes, then take the lid off and bake it for another twenty-five minutes until the crust is
dark brown. Let the loaf cool for an hour before cutting it.
"""

_GUIDE_STEPS = ("Python", "SQL", "Docker", "Kubernetes", "Terraform", "Apache Airflow", "AWS", "PyTorch", "MLflow",
                "Apache Kafka")
GUIDE_TEXT = "Becoming a data platform engineer: a twelve-month roadmap\n\n" + "\n\n".join(
    f"Month {i + 1}: {skill}\nIn this step you will learn {skill} from the ground up. Start with the official tutorial "
    f"and work through its examples one section at a time. Then follow a short course and repeat each command on "
    f"your own machine until it feels natural. By the end of the month, build the small example project described "
    f"in this guide, write down what you learned, and read the next chapter before the next phase begins. Readers "
    f"who already know {skill} can skip this step and move on to the next one."
    for i, skill in enumerate(_GUIDE_STEPS)
)

NO_SKILL_AD = """Barista at Corner Coffee

We are looking for a friendly barista to join our team in the mornings. You will greet guests, prepare espresso
drinks and keep the counter clean. Requirements: weekend availability and a smile. Apply in store.
"""


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line.replace("—", "-").replace("’", "'") or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
