"""Ambiguous words with the PACKAGED taxonomy: homonym product names (Go, Spark, Glue ...) and the generic
words this taxonomy reads only with context (security, monitoring, mobile, messaging, Apache, Yarn, E2E).

Sentences are written for this test; each says whether the skill must or must not be found (posting mode).
"""

from __future__ import annotations

import pytest

CASES = [
    # --- homonym names from the issue
    ("Backend services in Go, PostgreSQL and Kafka.", "go", True),
    ("We go the extra mile for our customers.", "go", False),
    ("Statistical modelling in R and Python.", "r", True),
    ("Our R&D lab is in Munich.", "r", False),
    ("Firmware in C for ARM microcontrollers.", "c", True),
    ("Present results to the C-suite.", "c", False),
    ("Systems programming in Rust.", "rust", True),
    ("Rust and corrosion inspections of the hull.", "rust", False),
    ("iOS apps in Swift and SwiftUI.", "swift", True),
    ("We expect a swift response to incidents.", "swift", False),
    ("Batch pipelines with Spark and Airflow on AWS.", "apache-spark", True),
    ("Batch pipelines with Spark and Airflow on AWS.", "apache-airflow", True),
    ("Ideas that spark joy in our users.", "apache-spark", False),
    ("Fresh airflow and natural light in every office.", "apache-airflow", False),
    ("Java 17 with Spring and Hibernate.", "spring", True),
    ("Our spring offsite is in Lisbon.", "spring", False),
    ("Build UIs with React and TypeScript.", "react", True),
    ("You react calmly when production breaks.", "react", False),
    ("Reporting in Excel and Power BI.", "excel", True),
    ("You will excel in a fast-paced team.", "excel", False),
    ("Configuration management with Chef or Ansible.", "chef", True),
    ("Our chef cooks lunch every day.", "chef", False),
    ("Infrastructure as code with Puppet and Terraform.", "puppet", True),
    ("No puppet shows at the company party.", "puppet", False),
    ("ETL jobs in AWS Glue and Athena.", "aws-glue", True),
    ("You are the glue between product and engineering.", "aws-glue", False),
    ("Serverless APIs with Lambda and DynamoDB.", "aws-lambda", True),
    ("Models served on Bedrock with Claude.", "aws-bedrock", True),
    ("Trust is the bedrock of our culture.", "aws-bedrock", False),
    # --- generic words read only with context
    ("Security, privacy and compliance are part of every design review.", "security", True),
    ("You will need a security clearance to start.", "security", False),
    ("Job security and social security benefits.", "security", False),
    ("Monitoring and alerting with Prometheus and Grafana.", "monitoring", True),
    ("Mobile phone allowance and a laptop.", "mobile-development", False),
    ("Apps for iOS, Android and mobile web.", "mobile-development", True),
    ("Messaging with Kafka and RabbitMQ.", "message-queues", True),
    ("Apache, Nginx and Tomcat administration.", "nginx", True),
    ("Released under the Apache 2.0 license.", "nginx", False),
    ("Frontend tooling: Webpack, Yarn, Babel.", "npm", True),
    ("Cypress for E2E tests.", "e2e-testing", True),
    ("We take E2E ownership of our services.", "e2e-testing", False),
    # --- keyword lines that start or end with the ambiguous word
    ("spring java cloud", "spring", True),
    ("docker agile selenium circleci jenkins", "jenkins", True),
    # --- industry domains count as an ask, not as company self-description
    ("Experience in financial services is a plus.", "financial-services", True),
    ("We are a global leader in financial services.", "financial-services", False),
]


@pytest.fixture(scope="module")
def real_skills_of():
    from skillgap.extract import extract_mentions
    from skills_taxonomy import load_taxonomy
    from skills_taxonomy.pipeline import build_pipeline

    nlp = build_pipeline(load_taxonomy())
    return lambda text: {m.skill_id for m in extract_mentions(text, nlp=nlp, mode="posting")}


@pytest.mark.parametrize(("sentence", "skill_id", "expected"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_packaged_ambiguous_word(real_skills_of, sentence, skill_id, expected):
    found = skill_id in real_skills_of(sentence)
    assert found is expected, f"{skill_id!r} {'missed' if expected else 'wrongly found'} in: {sentence}"
