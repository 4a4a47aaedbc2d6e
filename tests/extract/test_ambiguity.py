"""Ambiguous aliases: each case says whether a skill must or must not be found in a sentence.

The context rules come from the tiny taxonomy's ``context`` entries (tests/extract/fixtures/tiny_taxonomy);
generic cues (lists, "experience with", hyphen compounds) are code. Both directions are covered.
"""

from __future__ import annotations

import pytest

# (sentence, skill id, expected to be found)
CASES = [
    # --- Go
    ("We will go live with the new checkout in March.", "go", False),
    ("Let's go over the onboarding plan together.", "go", False),
    ("You'll go ahead and own the roadmap.", "go", False),
    ("Go to our careers page to apply.", "go", False),
    ("Our backend is written in Go and Rust.", "go", True),
    ("Services in Go, Python and Kotlin.", "go", True),
    ("Experience with Go is a must.", "go", True),
    ("We write microservices in Go with gRPC.", "go", True),
    ("We use Golang for everything.", "go", True),
    ("Ready to go the extra mile for customers?", "go", False),
    # --- R
    ("Strong skills in R and Python for statistical analysis.", "r", True),
    ("Statistics with R, SAS or Stata.", "r", True),
    ("Join our R&D team in Berlin.", "r", False),
    ("The R-squared of the model was reported monthly.", "r", False),
    ("Proficiency in R is required.", "r", True),
    ("Section R of the handbook covers travel.", "r", False),
    # --- C
    ("You will present to the C-suite every quarter.", "c", False),
    ("Embedded firmware in C and C++.", "c", True),
    ("Grade C or above in maths.", "c", False),
    ("Linux kernel development in C.", "c", True),
    # --- React
    ("React quickly to customer escalations.", "react", False),
    ("You must react fast to incidents.", "react", False),
    ("Build UIs with React and TypeScript.", "react", True),
    ("Frontend: React, Redux, CSS.", "react", True),
    ("React-based dashboards for our clients.", "react", True),
    ("We need people who react calmly under pressure.", "react", False),
    # --- Spring
    ("Join us for our spring offsite in Lisbon.", "spring", False),
    ("Spring Boot microservices on Kubernetes.", "spring-boot", True),
    ("Spring Boot microservices on Kubernetes.", "spring", False),
    ("Java with Spring and Hibernate.", "spring", True),
    ("Start date: Spring 2027.", "spring", False),
    # --- Swift
    ("We value a swift response to every ticket.", "swift", False),
    ("Swift response times are key for support.", "swift", False),
    ("iOS development in Swift and Objective-C.", "swift", True),
    ("Mobile apps: Swift, Kotlin.", "swift", True),
    # --- Chef
    ("Our head chef runs the kitchen.", "chef", False),
    ("Configuration management with Chef or Puppet.", "chef", True),
    ("A private chef cooks lunch on Fridays.", "chef", False),
    ("Ansible, Chef and Terraform experience.", "chef", True),
    # --- Excel
    ("You will excel in a fast-paced environment.", "excel", False),
    ("Advanced Excel including pivot tables and VLOOKUP.", "excel", True),
    ("Candidates who excel at communication.", "excel", False),
    ("Microsoft Excel and PowerPoint.", "excel", True),
    ("Excel, SQL and Tableau for reporting.", "excel", True),
    # --- Lambda, Node, TS
    ("Serverless APIs on AWS with Lambda and DynamoDB.", "lambda", True),
    ("We deploy functions with AWS Lambda.", "aws-lambda", True),
    ("We deploy functions with AWS Lambda.", "lambda", False),
    ("The lambda calculus is a fun topic.", "lambda", False),
    ("Each node in the graph is a task.", "nodejs", False),
    ("Backend in Node and TypeScript with Express.", "nodejs", True),
    ("Rust", "rust", False),
    ("Rust removal on the ship's hull.", "rust", False),
    ("Systems programming in Rust.", "rust", True),
    # --- keyword runs written in lowercase: a run of at least two other skills, closed at both ends
    ("typescript javascript react go", "react", True),
    ("typescript javascript react go", "go", True),
    ("Technologies java docker spring Job description", "spring", True),
    ("Python, SQL and go to the office on Fridays.", "go", False),
    ("We run Docker and Kubernetes swift responses to incidents.", "swift", False),
    ("python docker react quickly to alerts", "react", False),
    # --- a separated list beats a not_before word; "X to build" is a tool used for something
    ("Python and React to render dashboards.", "react", True),
    ("We use React to build our dashboards with TypeScript.", "react", True),
    ("Teams react to feedback within a day.", "react", False),
    ("React to feedback from users within a day.", "react", False),
    # --- written otherwise than in the taxonomy: an ask plus a context word
    ("Experience with react and typescript on the frontend.", "react", True),
    ("Experience with go-live planning for Python teams.", "go", False),
    ("Our rust-proof bikes and python-shaped mugs.", "rust", False),
]


@pytest.mark.parametrize(("sentence", "skill_id", "expected"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_ambiguous_alias(skills_of, sentence, skill_id, expected):
    found = skill_id in skills_of(sentence)
    assert found is expected, f"{skill_id!r} {'missed' if expected else 'wrongly found'} in: {sentence}"


def test_cases_cover_both_directions():
    positives = sum(1 for c in CASES if c[2])
    negatives = len(CASES) - positives
    assert len(CASES) >= 40 and positives >= 15 and negatives >= 15


def test_ambiguity_precision_and_recall(skills_of):
    """The figures docs/quality.md reports for ambiguous words (precision >= 0.95, recall >= 0.9)."""
    tp = fp = fn = 0
    for sentence, skill_id, expected in CASES:
        found = skill_id in skills_of(sentence)
        tp += found and expected
        fp += found and not expected
        fn += expected and not found
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)
