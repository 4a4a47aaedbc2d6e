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
    # --- everyday words that look like product names, and the products in a tech sentence
    ("Own our go-to-market plan for EMEA.", "go", False),
    ("We go to market twice a year.", "go", False),
    ("Our R&D budget doubled this year.", "r", False),
    ("SQL, Python and R&D experience.", "r", False),
    ("Join us for the spring offsite in the mountains.", "spring", False),
    ("Backend services in Java and Spring to handle payments.", "spring", True),
    ("A swift response to customer tickets matters.", "swift", False),
    ("You react quickly when alerts fire.", "react", False),
    ("Django and React to ship features quickly.", "react", True),
    ("We use React to build our dashboards.", "react", True),
    ("Our team will react to your application within a week.", "react", False),
    ("Our head chef prepares lunch daily.", "chef", False),
    ("Offices in the Rust belt and on the coast.", "rust", False),
    ("Team dinners at Ruby Tuesday every month.", "ruby", False),
    ("Backend in Ruby and PostgreSQL.", "ruby", True),
    ("Julia from HR will schedule your interviews.", "julia", False),
    ("Numerical computing in Julia and Python.", "julia", True),
    ("There is a Dart board in the lounge.", "dart", False),
    ("Cross-platform apps in Dart and Flutter.", "dart", True),
    ("Tickets for La Scala in Milan.", "scala", False),
    ("A night at the Scala opera house.", "scala", False),
    ("Data pipelines in Scala and Spark.", "scala", True),
    ("We write Scala every day.", "scala", True),
    ("Scala", "scala", False),
    ("You excel at building relationships.", "excel", False),
    ("Candidates who Excel at communication.", "excel", False),
    ("Access to a gym and free lunch.", "ms-access", False),
    ("Being a leader in Mobile Access Technology.", "ms-access", False),
    ("Small databases in Access and Excel.", "ms-access", True),
    ("Most of our hires come by word of mouth.", "microsoft-office", False),
    ("Word of mouth brings most of our clients.", "microsoft-office", False),
    ("Documents in Word and PowerPoint.", "microsoft-office", True),
    ("Outlook for the quarter is positive.", "microsoft-office", False),
    ("He left a shell company in 2019.", "shell-scripting", False),
    ("Shell company registrations are public.", "shell-scripting", False),
    ("Scripting in Bash and Shell.", "shell-scripting", True),
    ("Dashboards in Power BI.", "power-bi", True),
    ("We give people power to decide.", "power-bi", False),
    ("Ask Mr Jenkins at the front desk.", "jenkins", False),
    ("The oracle of Delphi is a myth.", "oracle-database", False),
    ("Take the helm of our product strategy.", "helm", False),
    ("Helm charts for Kubernetes deployments.", "helm", True),
    ("Cypress trees line the campus.", "cypress", False),
    ("A flask of coffee on the house.", "flask", False),
    ("Experience with Apache Camel and ActiveMQ.", "nginx", False),
    ("Web servers: Apache, Nginx.", "nginx", True),
    # --- a length of experience asked for the name after it
    ("2+ years of professional Go development.", "go", True),
    ("3+ years of Spark in production.", "apache-spark", True),
    ("5 years with Swift and SwiftUI.", "swift", True),
    ("Two years of R for clinical statistics.", "r", True),
    ("We have grown for years of go-to-market work.", "go", False),
    ("After years of swift growth we are hiring.", "swift", False),
    ("Years of experience in a fast-paced role; you react quickly.", "react", False),
    # --- lowercase keyword runs (Chinese boards, tag lines), and what is not one
    ("typescript javascript node.js react go", "go", True),
    ("typescript javascript node.js react go", "react", True),
    ("熟悉 java、kotlin、swift 中的一种", "swift", True),
    # --- Chinese context words (the tokenizer splits CJK into characters; near cues are read in the text)
    ("招聘 Scala 后端工程师", "scala", True),
    ("数据平台组 Scala 方向，欢迎投递", "scala", True),
    ("Have familiarity with windows, mac and linux.", "windows", True),
    ("Clean windows and bright offices.", "windows", False),
    ("iOS and Android development accelerate your career.", "hugging-face", False),
    ("Solid Linux and networking fundamentals.", "design-patterns", False),
    ("solid Kubernetes and Terraform experience", "design-patterns", False),
    ("Technologies spring java angular microservices rest", "rest-api", True),
    # --- the category word before named languages is not one more skill
    ("Proficient in programming languages such as Java and Go.", "software-engineering", False),
    ("Kotlin or similar programming languages.", "software-engineering", False),
    ("Strong programming skills in Python.", "software-engineering", True),
    ("Experience in one or more modern programming languages.", "software-engineering", True),
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
