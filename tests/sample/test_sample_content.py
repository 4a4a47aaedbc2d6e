"""The bundled sample is big enough, spans enough months and roles, and the skill trends are really in it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from tests.helpers.sample_readers import read_generic, read_greenhouse, read_jobspy, read_lever

from skillgap.sample.writer import TRAPS


def _share(postings, pattern: str) -> float:
    rx = re.compile(pattern)
    return sum(bool(rx.search(p.plain())) for p in postings) / len(postings)


def _by_month(postings) -> list[list]:
    groups = defaultdict(list)
    for p in postings:
        groups[p.month].append(p)
    return [groups[m] for m in sorted(groups)]


def test_at_least_2000_postings_over_18_months_in_four_layouts(generated):
    folder, summary = generated
    files = summary["files"]
    assert summary["postings"] >= 2000
    assert sum(f["rows"] for f in files.values()) >= 2000
    assert {f["layout"] for f in files.values()} == {"jobspy", "greenhouse", "lever", "generic"}
    assert {p.suffix for p in folder.iterdir()} >= {".csv", ".json", ".jsonl", ".xlsx"}
    months = {r["date_posted"][:7] for r in read_jobspy(folder / "jobspy_scrape.csv")}
    months |= {j["first_published"][:7] for j in read_greenhouse(folder)}
    assert len(months) >= 18
    assert min(months) == summary["start_month"] and max(months) == summary["end_month"] == "2026-10"
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert total < 5.2 * 2**20, f"sample grew to {total / 2**20:.1f} MiB; keep the repo light"


def test_every_file_spans_the_whole_window(generated):
    _, summary = generated
    for name, info in summary["files"].items():
        assert (info["first"], info["last"]) == ("2024-11", "2026-10"), name
        assert info["rows"] >= 100, name


def test_role_families_and_countries_are_covered(default_postings):
    families = Counter(p.family for p in default_postings)
    assert len(families) >= 6
    for fam in ("ai_architect", "ml_engineer", "data_engineer", "data_scientist", "cloud_architect",
                "backend_engineer"):
        assert families[fam] >= 80, fam
    assert {p.country for p in default_postings} == {"US", "GB", "DE", "IN", "CA"}
    assert {p.workplace for p in default_postings} == {"remote", "hybrid", "onsite"}
    assert len({p.seniority for p in default_postings}) >= 5


def test_genai_demand_rises_clearly_while_sql_and_python_stay_steady(default_postings):
    months = _by_month(default_postings)
    first = [p for m in months[:6] for p in m]
    last = [p for m in months[-6:] for p in m]
    rag_first, rag_last = _share(first, r"RAG|[Vv]ector"), _share(last, r"RAG|[Vv]ector")
    assert rag_first < 0.06, rag_first
    assert rag_last > rag_first + 0.2 and rag_last > 4 * rag_first, (rag_first, rag_last)
    for pat in (r"\bSQL\b", r"\bPython\b"):
        a, b = _share(first, pat), _share(last, pat)
        assert abs(a - b) < 0.08, (pat, a, b)
    assert _share(last, r"Hadoop|MapReduce") < 0.5 * _share(first, r"Hadoop|MapReduce")
    assert _share(last, r"AI agents|agentic|MCP") > 4 * max(0.005, _share(first, r"AI agents|agentic|MCP"))


def test_trend_is_visible_in_the_jobspy_file_itself(generated):
    folder, _ = generated
    rows = read_jobspy(folder / "jobspy_scrape.csv")
    early = [r for r in rows if r["date_posted"] < "2025-05"]
    late = [r for r in rows if r["date_posted"] >= "2026-05"]
    share = lambda rs: sum(bool(re.search(r"RAG|[Vv]ector", r["description"])) for r in rs) / len(rs)  # noqa: E731
    assert len(early) > 100 and len(late) > 100
    assert share(late) > share(early) + 0.15


def test_precision_traps_and_surface_forms_appear(generated):
    folder, _ = generated
    text = "\n".join(r["description"] for r in read_jobspy(folder / "jobspy_scrape.csv"))
    text += "\n".join(j["content"] for j in read_greenhouse(folder))
    text += "\n".join(o["descriptionPlain"] + o["additionalPlain"] for o in read_lever(folder / "lever_postings.jsonl"))
    for trap, lines in TRAPS.items():
        assert any(line in text for line in lines), f"trap {trap!r} never appears"
    for form in ("k8s", "Kubernetes", "Postgres,", "PostgreSQL", "Amazon SageMaker", " SageMaker", "CI/CD",
                 "scikit-learn", "data pipelines", "LLMs", "5+ years of Python", "RAG", "Amazon Bedrock",
                 "LangChain", "vector databases", "MCP", "jQuery", "Hadoop"):
        assert form in text, form


def test_messiness_duplicates_near_duplicates_and_blank_rows(generated):
    folder, summary = generated
    jobspy = read_jobspy(folder / "jobspy_scrape.csv")
    gh = read_greenhouse(folder)
    lever = read_lever(folder / "lever_postings.jsonl")
    _, generic = read_generic(folder)
    urls = Counter([r["job_url"] for r in jobspy] + [j["absolute_url"] for j in gh] + [o["hostedUrl"] for o in lever]
                   + [r["Job URL"] for r in generic])
    cross = sum(n - 1 for n in urls.values() if n > 1)
    assert 0.015 * summary["postings"] <= cross <= 0.03 * summary["postings"], cross

    # near-duplicates: same company + title + text up to whitespace, different URL
    def squash(s):
        return "".join((s or "").split())

    keyed = defaultdict(set)
    for r in jobspy:
        keyed[(r["company"], r["title"], squash(r["description"]))].add(r["job_url"])
    for r in generic:
        keyed[(r["Company Name"], r["Job Title"], squash(r["Job Description"]))].add(r["Job URL"])
    for j in gh:
        keyed[(j["company_name"], j["title"], squash(j["content"]))].add(j["absolute_url"])
    for o in lever:
        keyed[(o["hostedUrl"].split("/")[3], o["text"], squash(o["descriptionPlain"]))].add(o["hostedUrl"])
    near = sum(len(v) - 1 for k, v in keyed.items() if k[2] and len(v) > 1)
    assert 0.008 * summary["postings"] <= near <= 0.03 * summary["postings"], near

    blank = sum(not r["description"] for r in jobspy) + sum(not r["Job Description"] for r in generic)
    blank += sum(not o["description"] and not o["lists"] for o in lever)
    assert blank == summary["blank_descriptions"] >= 4
