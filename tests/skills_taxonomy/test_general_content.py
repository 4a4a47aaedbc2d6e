"""The general (part B) taxonomy content: ids other files rely on exist, efforts are sane, and the context
rules of ambiguous general-skill aliases keep the skill in tech sentences and drop it in everyday English.

Runs the real pipeline over hand-written sentences (no ../shared data); the pipeline is built once per session.
"""

from __future__ import annotations

import pytest
import yaml

from skills_taxonomy.aliases import normalize_alias
from skills_taxonomy.components.common import SPANS_KEY
from skills_taxonomy.load import DATA_DIR, load_taxonomy
from skills_taxonomy.pipeline import build_pipeline

GENERAL_FILES = (
    "languages", "databases", "data_engineering", "data_science", "analytics_bi", "web", "mobile", "devops",
    "observability", "security", "testing", "methods", "soft_skills", "systems",
)

# ids referenced by the AI/cloud half of the taxonomy, by roles and by guides
REQUIRED_IDS = (
    "python sql java javascript typescript go r scala bash linux git docker kubernetes terraform ansible ci-cd "
    "github-actions rest-api microservices postgresql mysql mongodb redis kafka apache-spark apache-airflow dbt "
    "snowflake databricks data-engineering etl data-modeling data-warehousing pandas numpy statistics tableau "
    "power-bi looker agile scrum stakeholder-communication prometheus grafana opentelemetry observability oauth "
    "networking security testing unit-testing"
).split()

# (sentence, skills that must be found, skills that must not be found)
CASES = [
    ("We use Python, Go and Rust for our backend.", {"python", "go", "rust"}, set()),
    ("We are ready to go live next month and go ahead with the plan.", set(), {"go"}),
    ("Experience with R or Python for statistical analysis.", {"r", "python"}, {"c"}),
    ("Our R&D team reports to the C-suite; we raised a Series C.", set(), {"r", "c"}),
    ("Proficient in C and assembly for firmware.", {"c"}, set()),
    ("Strong C/C++ skills.", {"cpp"}, set()),
    ("Build UIs in React and TypeScript.", {"react", "typescript"}, set()),
    ("You must react quickly to incidents.", set(), {"react"}),
    ("Advanced Excel skills (pivot tables, VLOOKUP) required.", {"excel"}, set()),
    ("You will excel at building relationships.", set(), {"excel"}),
    ("Spring Boot microservices in Java.", {"spring-boot", "java", "microservices"}, {"spring"}),
    ("Summer and Spring 2026 internships available.", set(), {"spring"}),
    ("Data pipelines with Spark, Kafka and Airflow.", {"apache-spark", "kafka", "apache-airflow"}, set()),
    ("Ideas that spark curiosity in our users.", set(), {"apache-spark"}),
    ("HVAC engineer to improve airflow in the building.", set(), {"apache-airflow"}),
    ("Configuration management with Chef, Puppet or Ansible.", {"chef", "puppet", "ansible"}, set()),
    ("Our head chef runs the kitchen.", set(), {"chef"}),
    ("Deploy with Helm charts on Kubernetes.", {"helm", "kubernetes"}, set()),
    ("She took the helm of the organization.", set(), {"helm"}),
    ("Partnered with Shell and BP on energy analytics.", set(), {"shell-scripting"}),
    ("Build web APIs with Flask or Django.", {"flask", "django"}, set()),
    ("Deep knowledge of networking, TCP/IP, DNS and load balancing.", {"networking", "tcp-ip", "dns"}, set()),
    ("Join our networking events and happy hours.", set(), {"networking"}),
    ("Secrets in HashiCorp Vault; service discovery with Consul.", {"hashicorp-vault", "hashicorp-consul"}, set()),
    ("Reporting to the VP of Engineering.", set(), {"reporting"}),
    ("Build dashboards and reporting in Tableau and Power BI.", {"dashboards", "reporting", "tableau", "power-bi"},
     set()),
    ("Pre-employment drug testing is required.", set(), {"testing"}),
    ("Node.js, Express and MongoDB backend.", {"nodejs", "express", "mongodb"}, set()),
    ("Each node in the graph has a weight.", set(), {"nodejs"}),
    ("Proficient in Word, Excel and PowerPoint.", {"microsoft-office", "excel", "powerpoint"}, set()),
    ("The outlook for the market is positive.", set(), {"microsoft-office"}),
    ("Oracle, SQL Server and PostgreSQL databases.", {"oracle-database", "sql-server", "postgresql"}, set()),
    ("Access to early-stage equity and data access policies.", set(), {"ms-access"}),
    ("Apply via Sarah Jenkins, our recruiter.", set(), {"jenkins"}),
    ("We use Jenkins and GitHub Actions for CI/CD.", {"jenkins", "github-actions", "ci-cd"}, set()),
    ("Maintenance windows are scheduled weekly.", set(), {"windows"}),
    ("Get some rest after on-call.", set(), {"rest-api"}),
    ("A swift response is expected.", set(), {"swift"}),
    ("Guard rails for safety.", set(), {"ruby-on-rails"}),
    ("Cut some slack for the new hires.", set(), {"slack"}),
    ("This is the tip of the iceberg.", set(), {"apache-iceberg"}),
    ("Tables in Apache Iceberg and Delta Lake.", {"apache-iceberg", "delta-lake"}, set()),
    ("Fluent in Mandarin and English.", {"chinese", "english"}, set()),
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def skills_in(taxonomy):
    nlp = build_pipeline(taxonomy)

    def _skills(text: str) -> set[str]:
        doc = nlp(text)
        return {span.label_ for span in doc.spans[SPANS_KEY]}

    return _skills


def test_required_general_ids_exist(taxonomy):
    missing = [sid for sid in REQUIRED_IDS if sid not in taxonomy.skills]
    assert missing == []


def test_general_skills_have_sane_effort_and_descriptions(taxonomy):
    bad = []
    for name in GENERAL_FILES:
        for raw in yaml.safe_load((DATA_DIR / "skills" / f"{name}.yaml").read_text(encoding="utf-8")):
            skill = taxonomy.skills[raw["id"]]
            if not (1 <= skill.hours <= 600) or not skill.description or not isinstance(skill.description, str):
                bad.append(skill.id)
            # YAML would turn an unquoted on/off/yes/no into a boolean: every list entry must stay a string
            for values in (skill.aliases, tuple(r.title for r in skill.resources), skill.context.not_after if skill.context else (),
                           skill.context.not_before if skill.context else ()):
                if any(not isinstance(v, str) for v in values):
                    bad.append(skill.id)
    assert bad == []


def test_every_ambiguous_alias_is_a_surface_form_with_a_rule(taxonomy):
    bad = []
    for skill in taxonomy.skills.values():
        forms = {normalize_alias(f) for f in skill.surface_forms}
        for alias in skill.ambiguous_aliases:
            if normalize_alias(alias) not in forms or skill.context is None:
                bad.append((skill.id, alias))
    assert bad == []


@pytest.mark.parametrize(("sentence", "wanted", "unwanted"), CASES, ids=[c[0][:40] for c in CASES])
def test_ambiguous_general_aliases(skills_in, sentence, wanted, unwanted):
    found = skills_in(sentence)
    assert wanted <= found, f"missing {wanted - found} in {found}"
    assert not (found & unwanted), f"false positives {found & unwanted}"
