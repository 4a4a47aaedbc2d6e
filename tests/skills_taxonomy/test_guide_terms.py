"""Every skill, tool, service, framework, practice and certification the five career guides name must map to
a taxonomy skill; and `taxonomy build` must find each real guide's phases with the right month ranges.

The (term, skill id) pairs are facts written down by reading the guides; this file does not read ../shared
(only the phase test does, through the ``shared_dir`` fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skills_taxonomy import load_taxonomy
from skills_taxonomy.aliases import TermFinder
from skills_taxonomy.build import build_provenance, parse_guide

PAIRS = [
    # --- languages, frameworks, libraries -------------------------------------------------------
    ("Python", "python"),
    ("Go", "go"),
    ("Java", "java"),
    ("TensorFlow", "tensorflow"),
    ("PyTorch", "pytorch"),
    ("Hugging Face", "hugging-face"),
    ("Ray", "ray"),
    ("Ray Serve", "ray-serve"),
    ("FastAPI", "fastapi"),
    ("LangGraph", "langgraph"),
    ("gRPC", "grpc"),
    ("REST", "rest-api"),
    # --- AWS services ---------------------------------------------------------------------------
    ("AWS", "aws"),
    ("Amazon Web Services", "aws"),
    ("SageMaker", "aws-sagemaker"),
    ("Amazon SageMaker", "aws-sagemaker"),
    ("Bedrock", "aws-bedrock"),
    ("Amazon Bedrock", "aws-bedrock"),
    ("Bedrock Agents", "aws-bedrock-agents"),
    ("Bedrock Knowledge Base", "aws-bedrock-knowledge-bases"),
    ("Knowledge Bases", "aws-bedrock-knowledge-bases"),
    ("Guardrails for Amazon Bedrock", "aws-bedrock-guardrails"),
    ("Converse API", "aws-bedrock-converse-api"),
    ("Amazon Titan", "aws-titan"),
    ("Kendra", "aws-kendra"),
    ("Comprehend", "aws-comprehend"),
    ("Rekognition", "aws-rekognition"),
    ("Textract", "aws-textract"),
    ("Kinesis", "aws-kinesis"),
    ("Amazon Kinesis", "aws-kinesis"),
    ("AWS Glue", "aws-glue"),
    ("Glue", "aws-glue"),
    ("S3", "aws-s3"),
    ("Amazon S3", "aws-s3"),
    ("Lambda", "aws-lambda"),
    ("AWS Lambda", "aws-lambda"),
    ("API Gateway", "aws-api-gateway"),
    ("ECS", "aws-ecs"),
    ("EKS", "aws-eks"),
    ("EC2", "aws-ec2"),
    ("VPC", "aws-vpc"),
    ("IAM policies", "aws-iam"),
    ("CloudWatch", "aws-cloudwatch"),
    ("RDS", "aws-rds"),
    ("DynamoDB", "aws-dynamodb"),
    ("Amazon DynamoDB", "aws-dynamodb"),
    ("ElastiCache", "aws-elasticache"),
    ("Amazon OpenSearch", "aws-opensearch"),
    ("AWS OpenSearch", "aws-opensearch"),
    ("OpenSearch", "aws-opensearch"),
    ("CloudFormation", "aws-cloudformation"),
    ("CDK", "aws-cdk"),
    ("AWS Cost Explorer", "aws-cost-explorer"),
    ("VPC endpoints", "aws-privatelink"),
    ("AWS Well-Architected Framework", "aws-well-architected"),
    ("savings plans", "cloud-cost-optimization"),
    ("right-sizing", "cloud-cost-optimization"),
    ("spot instances", "cloud-cost-optimization"),
    # --- Azure / GCP ----------------------------------------------------------------------------
    ("Azure", "azure"),
    ("Azure ML", "azure-machine-learning"),
    ("Cognitive Services", "azure-ai-services"),
    ("Azure AI", "azure-ai-services"),
    ("OpenAI Studio", "azure-openai"),
    ("Azure Functions", "azure-functions"),
    ("Azure Blob", "azure-blob-storage"),
    ("AKS", "azure-aks"),
    ("GCP", "gcp"),
    ("Google Cloud", "gcp"),
    ("Vertex AI", "gcp-vertex-ai"),
    ("Google Vertex AI", "gcp-vertex-ai"),
    ("Dialogflow", "gcp-dialogflow"),
    ("AI Platform", "gcp-vertex-ai"),
    ("GKE", "gcp-gke"),
    ("GCS", "gcp-cloud-storage"),
    ("Pub/Sub", "gcp-pubsub"),
    ("TPUs", "gcp-cloud-tpu"),
    # --- certifications -------------------------------------------------------------------------
    ("AWS Solutions Architect Associate", "aws-certified-solutions-architect-associate"),
    ("SAA-C03", "aws-certified-solutions-architect-associate"),
    ("AWS Solutions Architect Professional", "aws-certified-solutions-architect-professional"),
    ("SAP-C02", "aws-certified-solutions-architect-professional"),
    ("AWS Certified Machine Learning - Specialty", "aws-certified-machine-learning-specialty"),
    ("AWS Certified Machine Learning Specialty", "aws-certified-machine-learning-specialty"),
    ("MLS-C01", "aws-certified-machine-learning-specialty"),
    ("AWS ML Specialty", "aws-certified-machine-learning-specialty"),
    ("AWS Certified AI Practitioner", "aws-certified-ai-practitioner"),
    ("AIF-C01", "aws-certified-ai-practitioner"),
    ("Google Professional Machine Learning Engineer", "gcp-professional-ml-engineer"),
    ("Google ML Engineer", "gcp-professional-ml-engineer"),
    ("GCP Professional Cloud Architect", "gcp-professional-cloud-architect"),
    ("Microsoft Certified: Azure AI Engineer Associate", "ai-102"),
    ("Azure AI Engineer Associate", "ai-102"),
    ("Azure Solutions Architect Expert", "az-305"),
    ("Kubernetes and Cloud Native Associate", "kcna"),
    ("KCNA", "kcna"),
    ("HashiCorp Terraform Associate", "terraform-associate"),
    ("CCSP", "ccsp"),
    ("CCSK", "ccsk"),
    # --- containers, IaC, CI/CD, DevOps ---------------------------------------------------------
    ("Docker", "docker"),
    ("Kubernetes", "kubernetes"),
    ("containerization", "containers"),
    ("Terraform", "terraform"),
    ("Infrastructure as Code", "infrastructure-as-code"),
    ("IaC", "infrastructure-as-code"),
    ("CI/CD", "ci-cd"),
    ("GitHub", "github"),
    ("GitHub Actions", "github-actions"),
    ("DevOps", "devops"),
    ("DevSecOps", "devsecops"),
    ("Semgrep", "semgrep"),
    ("Trivy", "trivy"),
    ("Slack", "slack"),
    ("canary deployments", "deployment-strategies"),
    ("canary deploys", "deployment-strategies"),
    ("blue/green deployments", "deployment-strategies"),
    ("serverless", "serverless"),
    ("cloud-native", "cloud-native"),
    ("CNCF", "cloud-native"),
    # --- MLOps ----------------------------------------------------------------------------------
    ("MLOps", "mlops"),
    ("MLflow", "mlflow"),
    ("Kubeflow", "kubeflow"),
    ("KServe", "kserve"),
    ("Seldon Core", "seldon"),
    ("feature store", "feature-store"),
    ("model registry", "model-registry"),
    ("experiment tracking", "experiment-tracking"),
    ("model monitoring", "model-monitoring"),
    ("data drift", "drift-detection"),
    ("drift detection", "drift-detection"),
    ("model serving", "model-serving"),
    ("multi-model endpoints", "model-serving"),
    ("model inference", "model-inference"),
    ("batch inference", "batch-inference"),
    ("real-time inference", "real-time-inference"),
    ("distributed training", "distributed-training"),
    ("model training", "model-training"),
    ("model deployment", "model-deployment"),
    ("A/B testing", "ab-testing"),
    ("GPUs", "gpu-computing"),
    ("reproducibility", "ml-reproducibility"),
    ("WhyLabs", "whylabs"),
    ("Arize", "arize"),
    # --- AI / ML / LLM concepts -----------------------------------------------------------------
    ("machine learning", "machine-learning"),
    ("deep learning", "deep-learning"),
    ("supervised learning", "supervised-learning"),
    ("unsupervised learning", "unsupervised-learning"),
    ("reinforcement learning", "reinforcement-learning"),
    ("generative AI", "generative-ai"),
    ("LLMs", "llm"),
    ("large language models", "llm"),
    ("embeddings", "embeddings"),
    ("fine-tuning", "fine-tuning"),
    ("prompt engineering", "prompt-engineering"),
    ("hallucination", "hallucination-mitigation"),
    ("RAG", "rag"),
    ("Retrieval-Augmented Generation", "rag"),
    ("vector databases", "vector-databases"),
    ("vector DB", "vector-databases"),
    ("vector search", "vector-search"),
    ("semantic search", "semantic-search"),
    ("hybrid search", "hybrid-search"),
    ("k-NN", "k-nearest-neighbors"),
    ("Pinecone", "pinecone"),
    ("FAISS", "faiss"),
    ("pgvector", "pgvector"),
    ("Llama", "llama"),
    ("Mistral", "mistral"),
    ("OpenAI", "openai-api"),
    ("Anthropic", "anthropic-claude"),
    ("Claude", "anthropic-claude"),
    ("AI agents", "ai-agents"),
    ("tool use", "tool-use"),
    ("multi-agent orchestration", "multi-agent-systems"),
    ("model routing", "llm-gateway"),
    ("semantic caching", "semantic-caching"),
    ("guardrails", "llm-guardrails"),
    ("content moderation", "content-moderation"),
    ("PII redaction", "pii-redaction"),
    ("prompt injection", "prompt-injection"),
    ("model evaluation", "model-evaluation"),
    ("evaluation harness", "llm-evaluation"),
    ("open-weight models", "open-weight-models"),
    ("recommendation systems", "recommender-systems"),
    # --- data -----------------------------------------------------------------------------------
    ("data engineering", "data-engineering"),
    ("data pipelines", "data-pipelines"),
    ("ETL", "etl"),
    ("ELT", "elt"),
    ("data lakes", "data-lake"),
    ("lakehouse", "lakehouse"),
    ("Delta Lake", "delta-lake"),
    ("Iceberg", "apache-iceberg"),
    ("dbt", "dbt"),
    ("Kafka", "kafka"),
    ("stream processing", "stream-processing"),
    ("batch processing", "batch-processing"),
    ("data quality", "data-quality"),
    ("data lineage", "data-lineage"),
    ("data contracts", "data-contracts"),
    ("data modeling", "data-modeling"),
    ("object storage", "object-storage"),
    ("Airflow", "apache-airflow"),
    ("Prefect", "prefect"),
    ("Dagster", "dagster"),
    # --- architecture, reliability, observability -----------------------------------------------
    ("system design", "system-design"),
    ("architecture diagrams", "architecture-diagrams"),
    ("C4 model", "c4-model"),
    ("ADRs", "architecture-decision-records"),
    ("architecture decision records", "architecture-decision-records"),
    ("event-driven architecture", "event-driven-architecture"),
    ("loose coupling", "loose-coupling"),
    ("caching", "caching"),
    ("horizontal scaling", "scalability"),
    ("graceful degradation", "resilience-patterns"),
    ("circuit breakers", "resilience-patterns"),
    ("distributed tracing", "distributed-tracing"),
    ("observability", "observability"),
    ("Prometheus", "prometheus"),
    ("Grafana", "grafana"),
    ("SLOs", "service-level-objectives"),
    ("proof of concept", "poc-delivery"),
    ("technology selection", "technology-selection"),
    ("vendor lock-in", "vendor-lock-in"),
    ("cost optimization", "cloud-cost-optimization"),
    ("FinOps", "finops"),
    ("postmortems", "incident-management"),
    # --- security, governance, compliance -------------------------------------------------------
    ("IAM", "aws-iam"),
    ("least privilege", "identity-access-management"),
    ("security groups", "cloud-networking"),
    ("NAT gateways", "cloud-networking"),
    ("PrivateLink", "aws-privatelink"),
    ("encryption at rest", "cloud-security"),
    ("secrets management", "secrets-management"),
    ("network segmentation", "network-security"),
    ("supply chain security", "supply-chain-security"),
    ("data governance", "data-governance"),
    ("data residency", "data-residency"),
    ("AI governance", "ai-governance"),
    ("responsible AI", "responsible-ai"),
    ("bias testing", "ai-fairness"),
    ("human-in-the-loop", "human-in-the-loop"),
    ("OPA", "policy-as-code"),
    ("HIPAA", "hipaa"),
    ("GDPR", "gdpr"),
    ("NIST AI RMF", "nist-ai-rmf"),
    ("EU AI Act", "eu-ai-act"),
    # --- people skills --------------------------------------------------------------------------
    ("communication", "communication"),
    ("stakeholder communication", "stakeholder-communication"),
    ("executive communication", "executive-communication"),
    ("mentoring", "mentoring"),
    ("technical leadership", "technical-leadership"),
    ("technical roadmaps", "technical-roadmapping"),
    ("business acumen", "business-acumen"),
    ("software engineering", "software-engineering"),
    ("platform engineering", "platform-engineering"),
]


@pytest.fixture(scope="module")
def real_taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def finder(real_taxonomy) -> TermFinder:
    return TermFinder.from_taxonomy(real_taxonomy)


def test_list_is_big_enough() -> None:
    assert len(PAIRS) >= 150
    assert len(set(PAIRS)) == len(PAIRS)


@pytest.mark.parametrize(("term", "skill_id"), PAIRS, ids=[t for t, _ in PAIRS])
def test_guide_term_maps_to_skill(real_taxonomy, finder: TermFinder, term: str, skill_id: str) -> None:
    found = finder.skill_ids(f"We use {term} daily.")
    assert skill_id in real_taxonomy.skills, f"no skill {skill_id!r} in the taxonomy yet (needed for the guide term {term!r})"
    assert found == [skill_id], (
        f"{term!r} should name {skill_id!r} but the term finder found {found or 'nothing'}: "
        f"add {term!r} to the aliases of {skill_id!r} (or fix the colliding alias)"
    )


# --------------------------------------------------------------------------------------------------
# Phases of the real guides (reads ../shared)
# --------------------------------------------------------------------------------------------------

EXPECTED_PHASES = {
    "aws-ai-architect-roadmap.txt": [(1, 1, 3), (2, 3, 6), (3, 4, 8), (4, 6, 12), (5, None, None)],
    "cloud-ai-architect-upgrade.md": [(1, 1, 3), (2, 4, 8), (3, 9, 12), (4, 12, None)],
    "becoming-an-ai-architect.txt": [(1, 0, 2), (2, 3, 4), (3, 5, 6), (4, None, None)],
    # numbered steps with durations ("3-6 months", "1-2 years", "2-3 years", "Ongoing")
    "ai-engineering-architect-career-path.txt": [(1, 3, 6), (2, 12, 24), (3, 24, 36), (4, None, None)],
    # five competency areas as top-level headings, no months
    "ai-architect-roadmap-five-competencies.txt": [(1, None, None), (2, None, None), (3, None, None),
                                                   (4, None, None), (5, None, None)],
}


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(EXPECTED_PHASES))
def test_real_guide_phases(shared_dir: Path, name: str) -> None:
    path = shared_dir / "guides" / name
    phases = parse_guide(path, guide_id=path.stem).phases
    assert [(p.order, p.month_start, p.month_end) for p in phases] == EXPECTED_PHASES[name], [p.name for p in phases]


@pytest.mark.shared
def test_real_guide_phase_names(shared_dir: Path) -> None:
    aws = parse_guide(shared_dir / "guides" / "aws-ai-architect-roadmap.txt", guide_id="aws").phases
    assert [p.name for p in aws][:2] == ["Phase 1: The Foundation", "Phase 2: AWS AI Services Depth"]
    five = parse_guide(shared_dir / "guides" / "ai-architect-roadmap-five-competencies.txt", guide_id="five").phases
    assert five[0].name.startswith("Strengthening Technical") and five[-1].name.startswith("Governing AI")


@pytest.mark.shared
def test_real_build_attributes_skills_to_phases(shared_dir: Path) -> None:
    tax = load_taxonomy()
    result = build_provenance(shared_dir / "guides", taxonomy=tax)
    assert len(result.guides) == 5
    by_file = {g.file: g.id for g in tax.guides.values()}
    aws_id = by_file.get("aws-ai-architect-roadmap.txt", "aws-ai-architect-roadmap")
    semgrep = [r for r in result.provenance.get("semgrep", []) if r["guide"] == aws_id]
    assert semgrep and semgrep[0]["phase"].startswith("Phase 4")
    saa = result.provenance.get("aws-certified-solutions-architect-associate", [])
    assert any(r["guide"] == aws_id and r["phase"] and r["phase"].startswith("Phase 1") for r in saa)
    # every guide contributes mentions
    guides_seen = {r["guide"] for refs in result.provenance.values() for r in refs}
    assert guides_seen == set(result.guides)
