"""extract_mentions: tech tokens, inflections, overlaps, sections, requirement level, negation, years, modes."""

from __future__ import annotations

import pytest

from skillgap.extract import Mention, batch_posting_ids, extract_batch, extract_mentions


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Strong C++ skills", "cpp"),
        ("C# and .NET experience", "csharp"),
        ("C# and .NET experience", "dotnet"),
        ("APIs in Node.js/Express", "nodejs"),
        ("CI/CD with GitHub Actions", "ci-cd"),
        ("We run A/B testing at scale", "ab-testing"),
        ("Models in scikit-learn", "scikit-learn"),
        ("Storage on S3 buckets", "aws-s3"),
        ("We deploy to k8s", "kubernetes"),
        ("Python/SQL for analytics", "python"),
        ("Python/SQL for analytics", "sql"),
        ("AWS-certified engineers", "aws"),
        ("Build data pipelines", "data-pipelines"),
        ("Work with LLMs daily", "llm"),
        ("containerized services", "docker"),
        ("We ran A/B tests weekly", "ab-testing"),
        ("Use sklearn or scikit learn", "scikit-learn"),
        ("Node.js, CI CD and NodeJS", "ci-cd"),
        ("Linux kernel work in C.", "c"),
    ],
)
def test_tech_tokens_and_inflections(skills_of, text, skill_id):
    assert skill_id in skills_of(text)


def test_overlap_prefers_longest_and_most_specific(skills_of):
    assert skills_of("We use AWS Lambda and Spring Boot.") == ["aws-lambda", "spring-boot"]
    assert skills_of("Elastic Kubernetes Service clusters") == ["aws-eks"]


def test_mention_evidence(nlp):
    text = "Requirements:\n- 5+ years of Python\n"
    [m] = extract_mentions(text, nlp=nlp)
    assert isinstance(m, Mention)
    assert (m.skill_id, m.label, m.text) == ("python", "Python", "Python")
    assert text[m.start : m.end] == "Python"
    assert m.section == "requirements" and m.required is True and m.years == 5.0
    assert m.sentence == "- 5+ years of Python"
    assert set(m.to_dict()) == {"skill_id", "label", "start", "end", "text", "section", "required", "sentence", "years"}


POSTING = """Acme Corp | Backend Engineer | Remote

About us
We are a Java shop that loves Kubernetes.

What you'll do
- Build data pipelines in Python.

Requirements:
- 3+ years of experience with SQL and Python
- Rust is a plus but not required.

Nice to have
- AWS Lambda, Docker

Benefits
- Free Excel training and a swift response from HR.

Acme is an equal opportunity employer; we welcome Java and C++ people.
"""


def test_sections_and_requirement_levels(nlp):
    ms = extract_mentions(POSTING, nlp=nlp)
    by = {(m.skill_id, m.section, m.required) for m in ms}
    assert ("data-pipelines", "responsibilities", None) in by
    assert ("sql", "requirements", True) in by
    assert ("rust", "requirements", False) in by
    assert ("aws-lambda", "preferred", False) in by
    assert ("docker", "preferred", False) in by
    # company blurb, benefits and the EEO line produce no skills
    assert not {"java", "kubernetes", "excel", "cpp"} & {m.skill_id for m in ms}
    years = {m.skill_id: m.years for m in ms if m.section == "requirements"}
    assert years["sql"] == 3.0 and years["python"] == 3.0 and years["rust"] is None


def test_cv_mode_keeps_everything_and_names_cv_sections(nlp):
    cv = "Summary\nBackend engineer.\n\nSkills\nPython, Go, Kubernetes\n\nExperience\nBuilt APIs in Java.\n\nEducation\nBSc, thesis in R and Python.\n\nCertifications\nAWS\n"
    ms = extract_mentions(cv, nlp=nlp, mode="cv")
    sections = {m.skill_id: m.section for m in ms}
    assert sections["go"] == "skills" and sections["kubernetes"] == "skills"
    assert sections["java"] == "experience" and sections["r"] == "education" and sections["aws"] == "certifications"
    assert all(m.required is None for m in ms)
    about_cv = "About me\nI love Kubernetes.\nBenefits I bring: Python"
    assert {m.skill_id for m in extract_mentions(about_cv, nlp=nlp, mode="cv")} == {"kubernetes", "python"}
    assert extract_mentions("About us\nWe love Kubernetes.", nlp=nlp, mode="posting") == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("No Kubernetes experience needed.", False),
        ("Kubernetes experience is not required.", False),
        ("You don't need to know Kubernetes.", False),
        ("No prior Python or Kubernetes knowledge needed.", False),
        ("Kubernetes experience required.", True),
        ("No visa sponsorship, Kubernetes required.", True),
        ("Kubernetes is a plus but not required.", True),
    ],
)
def test_negation(skills_of, text, kept):
    assert ("kubernetes" in skills_of(text)) is kept


def test_plus_but_not_required_is_nice_to_have(nlp):
    [m] = extract_mentions("Kubernetes is a plus but not required.", nlp=nlp)
    assert m.required is False


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("5+ years of Python", 5.0),
        ("Python (3 yrs)", 3.0),
        ("Python: 2-4 years", 2.0),
        ("At least five years of experience with Python", 5.0),
        ("Python, founded 10 years ago", None),
        ("Python", None),
        # capitalised: the years regex ignores case, and so does the pre-screen in front of it
        ("5+ Years of Python", 5.0),
        ("Python: 3 YRS", 3.0),
        ("İstanbul office, 4 Years of Python", 4.0),  # a text without a faithful lowercase view
    ],
)
def test_years(nlp, text, years):
    [m] = extract_mentions(text, nlp=nlp)
    assert m.years == years


def test_empty_and_bad_mode(nlp):
    assert extract_mentions("", nlp=nlp) == []
    assert extract_mentions("nothing technical here at all", nlp=nlp) == []
    with pytest.raises(ValueError):
        extract_mentions("Python", nlp=nlp, mode="resume")


def test_extract_batch_is_a_table_in_input_order(nlp):
    rows = [("p2", "Go and Rust"), ("p1", "no skills"), ("p3", "Python")]
    table = extract_batch(rows, nlp=nlp)
    assert table.column("posting_id").to_pylist() == ["p2", "p2", "p3"]
    assert table.column("skill_id").to_pylist() == ["go", "rust", "python"]
    assert batch_posting_ids(table) == ["p2", "p1", "p3"]
    assert table.schema.field("years").type.bit_width == 64


def test_a_processed_doc_survives_serialization(nlp):
    # DocBin and to_bytes/from_bytes (also how nlp.pipe(n_process=2) hands docs back) keep every mention's evidence
    from spacy.tokens import Doc, DocBin

    from skillgap.extract import mentions_from_doc

    text = "Requirements:\n- 5+ Years of Python and Go\n- no Kubernetes experience needed\nNice to have: Rust"
    doc = nlp(text)
    expected = mentions_from_doc(doc)
    assert expected and any(m.years == 5.0 for m in expected)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert mentions_from_doc(again) == expected
    [from_bin] = DocBin(store_user_data=True, docs=[doc]).get_docs(nlp.vocab)
    assert mentions_from_doc(from_bin) == expected
    assert [s.label_ for s in from_bin.spans["skills"]] == [s.label_ for s in doc.spans["skills"]]


def test_nlp_pipe_runs_each_component_over_a_batch_with_the_same_mentions(nlp):
    # every component has a batch ``pipe``: nlp.pipe reads a whole batch of texts before the first doc comes out
    # (each step runs over the batch, see BatchedPipe), and each doc ends up with what nlp(text) gives it
    from skillgap.extract import mentions_from_doc
    from skills_taxonomy.components.common import BatchedPipe

    assert all(isinstance(proc, BatchedPipe) for _, proc in nlp.pipeline)
    texts = [
        "Requirements:\n- 5+ years of Python and Go\nNice to have: Rust",
        "We offer free lunch. No Kubernetes experience needed; Docker is a plus.",
        "",
        "Go live with React quickly",
        "Skills: Java, Spring Boot, AWS Lambda",
    ] * 3
    read = []

    def source():
        for t in texts:
            read.append(t)
            yield t

    docs = nlp.pipe(source(), batch_size=4)
    first = next(docs)
    assert len(read) == 4  # a batch was tokenized and went through every component before the first doc came out
    piped = [first, *docs]
    assert len(read) == len(texts) == len(piped)
    assert [mentions_from_doc(d) for d in piped] == [mentions_from_doc(nlp(t)) for t in texts]
    assert any(mentions_from_doc(d) for d in piped)
