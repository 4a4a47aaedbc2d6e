"""Invented vocabulary for synthetic job postings: roles, skills with time trends, companies, places, pay.

Everything here is made up for the project (company names, blurbs, salary bands). Skill *names* are ordinary
technology names that the curated taxonomy in ``skills_taxonomy/data/skills`` knows, written in several surface
forms (``k8s``/``Kubernetes``, ``Postgres``/``PostgreSQL``) so extraction has real aliasing work to do.

Trends are functions of the calendar date, not of the position in the generated window, so a synthetic export
for any window tells the same story: GenAI skills rise from near zero during 2025, SQL and Python stay flat,
Hadoop/MapReduce/jQuery fade.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

__all__ = [
    "COMPANIES",
    "COUNTRIES",
    "LOCATIONS",
    "ROLES",
    "SENIORITIES",
    "SKILLS",
    "Company",
    "Location",
    "Role",
    "Skill",
    "Trend",
    "year_fraction",
]


def year_fraction(day: dt.date) -> float:
    """The date as a decimal year (2025-07-02 -> ~2025.5)."""
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


@dataclass(frozen=True)
class Trend:
    """A multiplier on a skill's base probability as a function of the date.

    ``kind``: ``steady`` (1.0 with a gentle wobble), ``rise`` (logistic from ``floor`` to 1.0 centred on ``mid``,
    a decimal year, over ``scale`` years), ``decline`` (halves every ``scale`` years after ``mid``, never below
    ``floor``), ``growth`` (linear, ``slope`` per year around ``mid``).
    """

    kind: str = "steady"
    mid: float = 2025.5
    scale: float = 0.3
    floor: float = 0.02
    slope: float = 0.0

    def factor(self, day: dt.date) -> float:
        t = year_fraction(day)
        if self.kind == "rise":
            return self.floor + (1.0 - self.floor) / (1.0 + math.exp(-(t - self.mid) / self.scale))
        if self.kind == "decline":
            return max(self.floor, 0.5 ** ((t - self.mid) / self.scale))
        if self.kind == "growth":
            return max(0.05, 1.0 + self.slope * (t - self.mid))
        return 1.0 + 0.03 * math.sin(t * 2 * math.pi)  # steady: a small seasonal wobble


STEADY = Trend()
GENAI_RISE = Trend("rise", mid=2025.72, scale=0.22, floor=0.015)  # near zero in early 2025, common by mid-2026
AGENT_RISE = Trend("rise", mid=2026.05, scale=0.2, floor=0.01)  # agents / MCP arrive a little later
EARLY_RISE = Trend("rise", mid=2025.35, scale=0.35, floor=0.15)  # LLMs, prompt engineering: already present
SLOW_GROWTH = Trend("growth", mid=2025.5, slope=0.18)
SLOW_DECLINE = Trend("growth", mid=2025.5, slope=-0.15)
FADE = Trend("decline", mid=2024.8, scale=0.9, floor=0.05)


@dataclass(frozen=True)
class Skill:
    """A skill the generator can ask for.

    ``forms`` are surface forms with relative weights (the first is the canonical label). ``kind`` picks the
    sentence templates (``lang``, ``tool``, ``cloud``, ``concept``, ``practice``, ``soft``).
    """

    key: str
    forms: tuple[tuple[str, float], ...]
    kind: str = "tool"
    trend: Trend = STEADY

    @property
    def label(self) -> str:
        return self.forms[0][0]


def _s(key: str, forms, kind: str = "tool", trend: Trend = STEADY) -> Skill:
    norm = tuple((f, 1.0) if isinstance(f, str) else (f[0], float(f[1])) for f in forms)
    return Skill(key, norm, kind, trend)


_SKILL_LIST = [
    # languages
    _s("python", [("Python", 10)], "lang"),
    _s("sql", [("SQL", 10), ("T-SQL", 0.5)], "lang"),
    _s("java", ["Java"], "lang"),
    _s("scala", ["Scala"], "lang"),
    _s("go", [("Go", 3), ("Golang", 2)], "lang"),
    _s("typescript", [("TypeScript", 3), ("Typescript", 0.5)], "lang"),
    _s("javascript", [("JavaScript", 3), ("JS", 0.3)], "lang"),
    _s("rust", ["Rust"], "lang", SLOW_GROWTH),
    _s("r", [("R", 3), ("R (tidyverse)", 1)], "lang", SLOW_DECLINE),
    _s("bash", [("Bash", 2), ("shell scripting", 1)], "lang"),
    _s("cpp", [("C++", 1)], "lang"),
    # data engineering
    _s("spark", [("Apache Spark", 3), ("Spark", 3), ("PySpark", 2)]),
    _s("airflow", [("Apache Airflow", 2), ("Airflow", 3)]),
    _s("dbt", [("dbt", 3)], "tool", SLOW_GROWTH),
    _s("kafka", [("Apache Kafka", 2), ("Kafka", 3)]),
    _s("snowflake", [("Snowflake", 1)]),
    _s("databricks", [("Databricks", 1)], "tool", SLOW_GROWTH),
    _s("bigquery", [("BigQuery", 2), ("Google BigQuery", 1)]),
    _s("redshift", [("Amazon Redshift", 1), ("Redshift", 1)]),
    _s("hadoop", [("Hadoop", 3), ("Apache Hadoop", 1)], "tool", FADE),
    _s("mapreduce", [("MapReduce", 1)], "tool", FADE),
    _s("hive", [("Hive", 1), ("Apache Hive", 1)], "tool", FADE),
    _s("data_pipelines", [("data pipelines", 3), ("ETL pipelines", 2), ("ELT pipelines", 1)], "concept"),
    _s("data_modeling", [("data modeling", 3), ("dimensional modelling", 1)], "concept"),
    _s("data_warehousing", [("data warehousing", 2), ("data warehouses", 1)], "concept"),
    _s("postgresql", [("PostgreSQL", 3), ("Postgres", 3)]),
    _s("mysql", [("MySQL", 1)]),
    _s("mongodb", [("MongoDB", 1)]),
    _s("redis", [("Redis", 1)]),
    _s("elasticsearch", [("Elasticsearch", 2), ("OpenSearch", 1)]),
    _s("iceberg", [("Apache Iceberg", 1), ("Iceberg", 0.5)], "tool", SLOW_GROWTH),
    # ML / data science
    _s("machine_learning", [("machine learning", 5), ("ML", 1)], "concept"),
    _s("deep_learning", [("deep learning", 1)], "concept"),
    _s("statistics", [("statistics", 3), ("statistical modelling", 1)], "concept"),
    _s("ab_testing", [("A/B testing", 2), ("experimentation", 1)], "concept"),
    _s("pandas", [("pandas", 1)]),
    _s("numpy", [("NumPy", 1)]),
    _s("scikit_learn", [("scikit-learn", 3), ("sklearn", 1)]),
    _s("pytorch", [("PyTorch", 1)], "tool", SLOW_GROWTH),
    _s("tensorflow", [("TensorFlow", 1)], "tool", SLOW_DECLINE),
    _s("xgboost", [("XGBoost", 1)]),
    _s("nlp", [("NLP", 2), ("natural language processing", 1)], "concept"),
    _s("computer_vision", [("computer vision", 1)], "concept"),
    _s("mlops", [("MLOps", 2)], "practice", SLOW_GROWTH),
    _s("mlflow", [("MLflow", 1)]),
    _s("feature_engineering", [("feature engineering", 1)], "concept"),
    _s("tableau", [("Tableau", 1)]),
    _s("power_bi", [("Power BI", 1)]),
    _s("jupyter", [("Jupyter", 1), ("Jupyter notebooks", 1)]),
    _s("sagemaker", [("Amazon SageMaker", 2), ("SageMaker", 3), ("AWS SageMaker", 1)], "cloud"),
    _s("vertex_ai", [("Vertex AI", 2), ("Google Vertex AI", 1)], "cloud"),
    _s("azure_ml", [("Azure Machine Learning", 1), ("Azure ML", 1)], "cloud"),
    # GenAI (rising)
    _s("llm", [("LLMs", 4), ("large language models", 2), ("LLM", 2)], "concept", EARLY_RISE),
    _s("prompt_engineering", [("prompt engineering", 1)], "practice", EARLY_RISE),
    _s("generative_ai", [("generative AI", 2), ("GenAI", 2)], "concept", EARLY_RISE),
    _s("rag", [("RAG", 3), ("retrieval-augmented generation (RAG)", 2), ("retrieval-augmented generation", 1)],
       "concept", GENAI_RISE),
    _s("vector_db", [("vector databases", 3), ("vector DBs", 1), ("vector stores", 1)], "concept", GENAI_RISE),
    _s("pinecone", [("Pinecone", 1)], "tool", GENAI_RISE),
    _s("pgvector", [("pgvector", 1)], "tool", GENAI_RISE),
    _s("embeddings", [("embeddings", 2), ("text embeddings", 1)], "concept", GENAI_RISE),
    _s("langchain", [("LangChain", 3)], "tool", GENAI_RISE),
    _s("llamaindex", [("LlamaIndex", 1)], "tool", GENAI_RISE),
    _s("bedrock", [("Amazon Bedrock", 2), ("AWS Bedrock", 1), ("Bedrock", 0.5)], "cloud", GENAI_RISE),
    _s("azure_openai", [("Azure OpenAI", 1), ("Azure OpenAI Service", 1)], "cloud", GENAI_RISE),
    _s("hugging_face", [("Hugging Face", 2), ("Hugging Face Transformers", 1)], "tool", EARLY_RISE),
    _s("fine_tuning", [("fine-tuning", 2), ("LLM fine-tuning", 1)], "practice", GENAI_RISE),
    _s("ai_agents", [("AI agents", 3), ("agentic AI", 1), ("agentic workflows", 1)], "concept", AGENT_RISE),
    _s("mcp", [("MCP", 1), ("Model Context Protocol (MCP)", 1)], "tool", AGENT_RISE),
    _s("llm_evaluation", [("LLM evaluation", 1), ("LLM evals", 1)], "practice", AGENT_RISE),
    _s("responsible_ai", [("responsible AI", 1), ("AI governance", 1)], "practice", GENAI_RISE),
    # cloud & infrastructure
    _s("aws", [("AWS", 5), ("Amazon Web Services", 1)], "cloud"),
    _s("azure", [("Azure", 3), ("Microsoft Azure", 1)], "cloud"),
    _s("gcp", [("GCP", 2), ("Google Cloud", 2), ("Google Cloud Platform", 1)], "cloud"),
    _s("kubernetes", [("Kubernetes", 4), ("k8s", 1), ("K8s", 0.5)]),
    _s("docker", [("Docker", 3), ("containers", 1)]),
    _s("terraform", [("Terraform", 1)]),
    _s("cloudformation", [("CloudFormation", 1), ("AWS CloudFormation", 1)]),
    _s("ci_cd", [("CI/CD", 4), ("continuous integration and delivery", 1)], "practice"),
    _s("github_actions", [("GitHub Actions", 1)]),
    _s("jenkins", [("Jenkins", 1)], "tool", SLOW_DECLINE),
    _s("linux", [("Linux", 1)]),
    _s("microservices", [("microservices", 3), ("microservice architecture", 1)], "concept"),
    _s("rest_api", [("REST APIs", 3), ("RESTful APIs", 1)], "concept"),
    _s("graphql", [("GraphQL", 1)]),
    _s("grpc", [("gRPC", 1)]),
    _s("serverless", [("serverless", 1), ("AWS Lambda", 1)], "concept"),
    _s("solution_architecture", [("solution architecture", 2), ("solutions architecture", 1)], "concept"),
    _s("system_design", [("system design", 1), ("distributed systems", 1)], "concept"),
    _s("security", [("cloud security", 1), ("IAM", 1)], "concept"),
    _s("observability", [("observability", 1), ("Prometheus", 1), ("Grafana", 1)], "practice"),
    _s("networking", [("networking", 1), ("VPC design", 1)], "concept"),
    _s("finops", [("FinOps", 1), ("cloud cost optimisation", 1)], "practice", SLOW_GROWTH),
    # backend / web
    _s("fastapi", [("FastAPI", 1)], "tool", SLOW_GROWTH),
    _s("django", [("Django", 1)]),
    _s("flask", [("Flask", 1)], "tool", SLOW_DECLINE),
    _s("spring_boot", [("Spring Boot", 2), ("Spring", 1)]),
    _s("nodejs", [("Node.js", 3), ("NodeJS", 1)]),
    _s("react", [("React", 3), ("React.js", 1), ("ReactJS", 0.5)]),
    _s("jquery", [("jQuery", 1)], "tool", FADE),
    _s("git", [("Git", 1)]),
    _s("agile", [("Agile", 1), ("Scrum", 1)], "practice"),
    # soft skills
    _s("communication", [("communication", 1), ("stakeholder communication", 1)], "soft"),
    _s("stakeholder_management", [("stakeholder management", 1)], "soft"),
    _s("leadership", [("technical leadership", 1), ("mentoring", 1)], "soft"),
]

SKILLS: dict[str, Skill] = {s.key: s for s in _SKILL_LIST}


@dataclass(frozen=True)
class Role:
    """A role family: its titles, departments, skill pool and how its share of postings moves over time.

    ``skills`` maps skill key -> base probability that a posting of this family asks for it (before trends).
    ``pay`` is the US base salary band (min, max) in USD for a mid-level hire.
    """

    family: str
    titles: tuple[str, ...]
    departments: tuple[str, ...]
    skills: dict[str, float]
    pay: tuple[int, int]
    share: float
    share_trend: Trend = STEADY
    duties: tuple[str, ...] = field(default=())


ROLES: dict[str, Role] = {}


def _role(*args, **kwargs) -> None:
    role = Role(*args, **kwargs)
    ROLES[role.family] = role


_role(
    "ai_architect",
    ("AI Architect", "Generative AI Architect", "AI Solutions Architect", "Enterprise AI Architect",
     "Cloud AI Architect"),
    ("AI Platform", "Architecture", "Office of the CTO"),
    {"python": 0.7, "llm": 0.75, "generative_ai": 0.55, "rag": 0.85, "vector_db": 0.7, "embeddings": 0.35,
     "langchain": 0.45, "llamaindex": 0.15, "bedrock": 0.5, "azure_openai": 0.3, "sagemaker": 0.45,
     "vertex_ai": 0.2, "aws": 0.7, "azure": 0.35, "gcp": 0.25, "kubernetes": 0.35, "solution_architecture": 0.7,
     "system_design": 0.4, "mlops": 0.4, "ai_agents": 0.7, "mcp": 0.35, "prompt_engineering": 0.45,
     "responsible_ai": 0.35, "llm_evaluation": 0.3, "security": 0.3, "machine_learning": 0.6, "fine_tuning": 0.3,
     "stakeholder_management": 0.45, "communication": 0.4, "terraform": 0.15, "sql": 0.3, "hadoop": 0.05,
     "pinecone": 0.15, "pgvector": 0.12},
    (175_000, 235_000), 0.08, Trend("growth", mid=2025.6, slope=0.55),
    ("design reference architectures for {genai} workloads across the business",
     "turn ambiguous business problems into production-ready AI solutions",
     "lead architecture reviews for {cloud} deployments of machine-learning and {genai} systems",
     "define guardrails, evaluation and cost controls for models in production",
     "partner with security, data and platform teams on a secure AI platform",
     "coach engineering teams on patterns for {genai} and classical ML"),
)
_role(
    "ml_engineer",
    ("Machine Learning Engineer", "ML Engineer", "MLOps Engineer", "Applied ML Engineer", "AI Engineer",
     "GenAI Engineer"),
    ("Machine Learning", "AI", "Data Science & ML"),
    {"python": 0.95, "machine_learning": 0.75, "pytorch": 0.5, "tensorflow": 0.3, "scikit_learn": 0.4,
     "mlops": 0.5, "mlflow": 0.25, "docker": 0.5, "kubernetes": 0.45, "aws": 0.5, "gcp": 0.2, "sagemaker": 0.3,
     "vertex_ai": 0.15, "sql": 0.45, "spark": 0.25, "llm": 0.55, "rag": 0.6, "vector_db": 0.5, "langchain": 0.35,
     "hugging_face": 0.3, "fine_tuning": 0.35, "embeddings": 0.3, "ai_agents": 0.45, "mcp": 0.2,
     "llm_evaluation": 0.3, "ci_cd": 0.4, "feature_engineering": 0.2, "deep_learning": 0.35, "git": 0.2,
     "airflow": 0.15, "fastapi": 0.2, "pgvector": 0.15, "bedrock": 0.2, "hadoop": 0.06, "nlp": 0.2,
     "computer_vision": 0.1},
    (150_000, 200_000), 0.17, Trend("growth", mid=2025.5, slope=0.2),
    ("build and ship models from prototype to production",
     "own training and serving pipelines on {cloud}",
     "instrument models with monitoring for drift and quality",
     "work with product teams to frame problems that ML can actually solve",
     "build {genai} features that customers use every day",
     "improve latency and cost of inference services"),
)
_role(
    "data_engineer",
    ("Data Engineer", "Analytics Engineer", "Big Data Engineer", "Data Platform Engineer", "ETL Developer"),
    ("Data Engineering", "Data Platform", "Analytics"),
    {"python": 0.85, "sql": 0.92, "spark": 0.55, "airflow": 0.5, "dbt": 0.35, "kafka": 0.35, "snowflake": 0.3,
     "databricks": 0.3, "bigquery": 0.2, "redshift": 0.2, "hadoop": 0.35, "mapreduce": 0.12, "hive": 0.18,
     "data_pipelines": 0.8, "data_modeling": 0.5, "data_warehousing": 0.4, "aws": 0.6, "azure": 0.25, "gcp": 0.25,
     "postgresql": 0.3, "scala": 0.2, "java": 0.2, "docker": 0.25, "terraform": 0.15, "ci_cd": 0.3, "git": 0.25,
     "iceberg": 0.12, "vector_db": 0.15, "rag": 0.12, "embeddings": 0.05, "llm": 0.1, "agile": 0.15},
    (130_000, 175_000), 0.2,
    duties=("design, build and operate reliable {pipeline}",
            "model data for analytics and machine learning use cases",
            "own data quality checks, lineage and SLAs",
            "migrate legacy batch jobs to a modern lakehouse",
            "partner with analysts and data scientists on self-serve data",
            "keep cloud spend on the data platform under control"),
)
_role(
    "data_scientist",
    ("Data Scientist", "Senior Data Scientist", "Applied Scientist", "Decision Scientist",
     "Product Data Scientist"),
    ("Data Science", "Analytics", "Research"),
    {"python": 0.9, "sql": 0.85, "r": 0.35, "statistics": 0.7, "machine_learning": 0.7, "ab_testing": 0.45,
     "pandas": 0.45, "numpy": 0.2, "scikit_learn": 0.45, "xgboost": 0.2, "pytorch": 0.15, "tableau": 0.2,
     "power_bi": 0.12, "jupyter": 0.15, "spark": 0.2, "nlp": 0.2, "llm": 0.35, "rag": 0.25, "vector_db": 0.15,
     "generative_ai": 0.25, "prompt_engineering": 0.2, "communication": 0.45, "feature_engineering": 0.25,
     "deep_learning": 0.2, "hadoop": 0.08, "databricks": 0.15, "snowflake": 0.12, "embeddings": 0.1},
    (135_000, 180_000), 0.17, Trend("growth", mid=2025.5, slope=-0.08),
    ("design experiments and turn results into product decisions",
     "build predictive models for pricing, churn and demand",
     "explain findings to non-technical stakeholders",
     "define metrics and build dashboards that teams trust",
     "prototype {genai} use cases and measure whether they help"),
)
_role(
    "cloud_architect",
    ("Cloud Architect", "Solutions Architect", "AWS Solutions Architect", "Cloud Infrastructure Architect",
     "Principal Cloud Architect"),
    ("Cloud Platform", "Infrastructure", "Architecture"),
    {"aws": 0.8, "azure": 0.45, "gcp": 0.3, "terraform": 0.6, "cloudformation": 0.25, "kubernetes": 0.55,
     "docker": 0.35, "networking": 0.45, "security": 0.55, "serverless": 0.35, "solution_architecture": 0.75,
     "system_design": 0.3, "ci_cd": 0.45, "linux": 0.3, "python": 0.4, "bash": 0.2, "observability": 0.3,
     "finops": 0.25, "microservices": 0.3, "bedrock": 0.2, "sagemaker": 0.12, "generative_ai": 0.2,
     "rag": 0.12, "stakeholder_management": 0.35, "communication": 0.25, "jenkins": 0.12, "hadoop": 0.04},
    (160_000, 215_000), 0.14,
    duties=("design landing zones and multi-account {cloud} foundations",
            "lead migrations of legacy workloads to the cloud",
            "set standards for infrastructure as code and security",
            "review designs for resilience, cost and compliance",
            "help customers adopt managed AI services safely"),
)
_role(
    "backend_engineer",
    ("Backend Engineer", "Software Engineer, Backend", "Senior Software Engineer", "Platform Engineer",
     "Python Developer", "Java Developer"),
    ("Engineering", "Platform", "Product Engineering"),
    {"python": 0.5, "java": 0.4, "go": 0.3, "typescript": 0.25, "nodejs": 0.25, "rust": 0.08, "sql": 0.6,
     "postgresql": 0.5, "mysql": 0.15, "mongodb": 0.15, "redis": 0.3, "kafka": 0.25, "microservices": 0.5,
     "rest_api": 0.6, "graphql": 0.15, "grpc": 0.12, "docker": 0.5, "kubernetes": 0.45, "aws": 0.5, "gcp": 0.15,
     "ci_cd": 0.45, "git": 0.3, "fastapi": 0.15, "django": 0.15, "flask": 0.1, "spring_boot": 0.25,
     "system_design": 0.3, "observability": 0.2, "elasticsearch": 0.1, "llm": 0.15, "rag": 0.1, "agile": 0.2,
     "jquery": 0.08, "react": 0.12, "javascript": 0.15, "linux": 0.15},
    (140_000, 185_000), 0.18, Trend("growth", mid=2025.5, slope=-0.1),
    ("design and build APIs used by millions of requests a day",
     "own services end to end, from design doc to on-call",
     "improve reliability, latency and test coverage",
     "break a monolith into well-defined services",
     "work closely with product and design on new features"),
)
_role(
    "fullstack_engineer",
    ("Full Stack Engineer", "Full-Stack Developer", "Frontend Engineer", "Web Developer"),
    ("Engineering", "Web", "Product Engineering"),
    {"javascript": 0.6, "typescript": 0.55, "react": 0.6, "nodejs": 0.45, "jquery": 0.25, "python": 0.25,
     "sql": 0.35, "postgresql": 0.25, "rest_api": 0.4, "graphql": 0.2, "docker": 0.2, "aws": 0.3, "git": 0.35,
     "ci_cd": 0.25, "agile": 0.25, "llm": 0.08, "django": 0.1},
    (120_000, 165_000), 0.06, Trend("growth", mid=2025.5, slope=-0.12),
    ("build delightful, accessible user interfaces",
     "own features across the stack, from database to browser",
     "keep our design system consistent and fast",
     "work with designers to ship quickly and iterate"),
)

SENIORITIES: tuple[tuple[str, str, float, float], ...] = (
    # (key, title prefix, pay multiplier, weight)
    ("junior", "Junior", 0.72, 0.08),
    ("mid", "", 1.0, 0.42),
    ("senior", "Senior", 1.22, 0.33),
    ("staff", "Staff", 1.45, 0.08),
    ("lead", "Lead", 1.35, 0.06),
    ("principal", "Principal", 1.6, 0.03),
)


@dataclass(frozen=True)
class Location:
    city: str
    region: str
    country: str  # ISO 3166 alpha-2 (GB for the UK)
    weight: float


COUNTRIES: dict[str, dict[str, object]] = {
    # currency, symbol, multiplier from the USD band to local currency, label for remote roles
    "US": {"currency": "USD", "symbol": "$", "pay": 1.0, "name": "United States", "remote": "Remote - US"},
    "GB": {"currency": "GBP", "symbol": "£", "pay": 0.55, "name": "United Kingdom", "remote": "Remote (UK)"},
    "DE": {"currency": "EUR", "symbol": "€", "pay": 0.6, "name": "Germany", "remote": "Remote, Germany"},
    "IN": {"currency": "INR", "symbol": "₹", "pay": 17.0, "name": "India", "remote": "Remote - India"},
    "CA": {"currency": "CAD", "symbol": "CA$", "pay": 1.02, "name": "Canada", "remote": "Remote (Canada)"},
}

LOCATIONS: tuple[Location, ...] = (
    Location("San Francisco", "CA", "US", 5), Location("New York", "NY", "US", 5),
    Location("Seattle", "WA", "US", 3), Location("Austin", "TX", "US", 2.5), Location("Boston", "MA", "US", 2),
    Location("Chicago", "IL", "US", 2), Location("Atlanta", "GA", "US", 1.2), Location("Denver", "CO", "US", 1.2),
    Location("Raleigh", "NC", "US", 0.8), Location("Arlington", "VA", "US", 1),
    Location("London", "England", "GB", 4), Location("Manchester", "England", "GB", 1),
    Location("Edinburgh", "Scotland", "GB", 0.6),
    Location("Berlin", "Berlin", "DE", 2.2), Location("Munich", "Bavaria", "DE", 1.6),
    Location("Hamburg", "Hamburg", "DE", 0.7),
    Location("Bengaluru", "Karnataka", "IN", 3), Location("Hyderabad", "Telangana", "IN", 1.8),
    Location("Pune", "Maharashtra", "IN", 1),
    Location("Toronto", "ON", "CA", 2.2), Location("Vancouver", "BC", "CA", 1.1), Location("Montreal", "QC", "CA", 0.6),
)  # fmt: skip


@dataclass(frozen=True)
class Company:
    """An invented employer. ``ats`` says where it publishes jobs (``greenhouse``, ``lever`` or ``board``)."""

    name: str
    slug: str
    industry: str
    size: str
    revenue: str
    home: str  # home country
    ats: str
    blurb: str
    weight: float = 1.0


def _co(name, industry, size, revenue, home, ats, blurb, weight=1.0) -> Company:
    slug = "".join(ch for ch in name.lower().replace("&", "and").replace(" ", "") if ch.isalnum())
    return Company(name, slug, industry, size, revenue, home, ats, blurb, weight)


COMPANIES: tuple[Company, ...] = (
    # Greenhouse boards (one JSON file each in the bundled sample)
    _co("Lumenvale Analytics", "Software Development", "1,001-5,000", "$500M to $1B (USD)", "US", "greenhouse",
        "builds forecasting software that retailers use to plan what goes on the shelf", 3.0),
    _co("Corvane Health", "Hospitals and Health Care", "5,001-10,000", "$1B to $5B (USD)", "US", "greenhouse",
        "helps clinics spend less time on paperwork and more time with patients", 2.6),
    _co("Tidewell Energy", "Renewable Energy", "1,001-5,000", "$1B to $5B (USD)", "GB", "greenhouse",
        "runs software that balances wind and solar power across the grid", 2.2),
    _co("Ardent Ledger", "Financial Services", "501-1,000", "$100M to $500M (USD)", "US", "greenhouse",
        "makes accounting automation for mid-sized businesses", 2.0),
    # Lever sites (all in one JSON Lines file)
    _co("Pellucid Robotics", "Automation Machinery Manufacturing", "201-500", "$25M to $100M (USD)", "US", "lever",
        "builds warehouse robots that learn new picking tasks in an afternoon"),
    _co("Quillstone Insurance", "Insurance", "1,001-5,000", "$1B to $5B (USD)", "GB", "lever",
        "is rebuilding home and motor insurance around real-time data"),
    _co("Farrow & Lind", "Retail", "10,001+", "$5B to $10B (USD)", "DE", "lever",
        "is a family-owned retailer with three hundred stores and a fast-growing online shop"),
    _co("Norrick Mobility", "Transportation, Logistics, Supply Chain and Storage", "501-1,000",
        "$100M to $500M (USD)", "DE", "lever", "plans routes for electric delivery fleets across Europe"),
    _co("Sable Harbor Games", "Computer Games", "201-500", "$25M to $100M (USD)", "CA", "lever",
        "makes co-op strategy games played by millions"),
    _co("Kestrelwise", "Software Development", "51-200", "$5M to $25M (USD)", "US", "lever",
        "builds an AI copilot for procurement teams"),
    _co("Orbitra Telecom", "Telecommunications", "10,001+", "$5B to $10B (USD)", "IN", "lever",
        "connects forty million mobile subscribers across South Asia"),
    # companies seen only through job boards
    _co("Brightmoor Bank", "Banking", "10,001+", "$10B+ (USD)", "US", "board",
        "is a regional bank serving families and small businesses for over a century", 1.6),
    _co("Helixa Therapeutics", "Biotechnology Research", "201-500", "$25M to $100M (USD)", "US", "board",
        "uses machine learning to design antibodies"),
    _co("Granite Peak Logistics", "Transportation, Logistics, Supply Chain and Storage", "5,001-10,000",
        "$1B to $5B (USD)", "US", "board", "moves freight for a third of the Fortune 500"),
    _co("Cobaltline Systems", "IT Services and IT Consulting", "10,001+", "$5B to $10B (USD)", "IN", "board",
        "is a global IT services firm helping enterprises modernise", 2.0),
    _co("Veranda Foods", "Food and Beverage Services", "1,001-5,000", "$500M to $1B (USD)", "US", "board",
        "runs a fast-casual restaurant chain with a serious data habit"),
    _co("Marisol Media", "Online Audio and Video Media", "501-1,000", "$100M to $500M (USD)", "US", "board",
        "streams independent films and podcasts to subscribers in forty countries"),
    _co("Thistle & Crane Consulting", "Business Consulting and Services", "1,001-5,000", "$500M to $1B (USD)",
        "GB", "board", "advises public-sector clients on digital transformation", 1.4),
    _co("Northgate Public Cloud", "IT Services and IT Consulting", "5,001-10,000", "$1B to $5B (USD)", "DE",
        "board", "operates sovereign cloud regions for European customers", 1.4),
    _co("Polaris Ridge Capital", "Investment Management", "201-500", "$100M to $500M (USD)", "US", "board",
        "is a quantitative asset manager"),
    _co("Emberly", "Software Development", "51-200", "$5M to $25M (USD)", "GB", "board",
        "builds scheduling software for hospitals and care homes"),
    _co("Saffron Grid", "Utilities", "1,001-5,000", "$1B to $5B (USD)", "IN", "board",
        "is digitising electricity distribution in five Indian states"),
    _co("Maplecrest Financial", "Financial Services", "1,001-5,000", "$1B to $5B (USD)", "CA", "board",
        "offers wealth management and everyday banking to Canadians", 1.2),
    _co("Wrenfield Learning", "E-Learning Providers", "201-500", "$25M to $100M (USD)", "US", "board",
        "makes adaptive learning tools for community colleges"),
    _co("Glasshouse AI", "Technology, Information and Internet", "11-50", "$1M to $5M (USD)", "US", "board",
        "is a small team building document understanding for legal firms"),
    _co("Rookwood Insurance Group", "Insurance", "5,001-10,000", "$5B to $10B (USD)", "US", "board",
        "insures homes, cars and small businesses across the Midwest"),
    _co("Vesper Aerospace", "Aviation and Aerospace Component Manufacturing", "10,001+", "$10B+ (USD)", "US",
        "board", "designs avionics and satellite components"),
    _co("Pinecastle Retail", "Retail", "10,001+", "$10B+ (USD)", "CA", "board",
        "operates department stores and a large online marketplace"),
    _co("Ostara Genomics", "Biotechnology Research", "501-1,000", "$100M to $500M (USD)", "DE", "board",
        "sequences and analyses genomes for hospitals"),
    _co("Bluefern Software", "Software Development", "201-500", "$25M to $100M (USD)", "IN", "board",
        "builds HR and payroll software for fast-growing companies", 1.2),
    _co("Cinderway Travel", "Travel Arrangements", "1,001-5,000", "$500M to $1B (USD)", "GB", "board",
        "helps people book trains, ferries and hotels across Europe"),
    _co("Halberd Security", "Computer and Network Security", "501-1,000", "$100M to $500M (USD)", "US", "board",
        "detects attacks on cloud infrastructure in real time"),
)

GREENHOUSE_TOKENS: dict[str, str] = {c.name: c.slug for c in COMPANIES if c.ats == "greenhouse"}
