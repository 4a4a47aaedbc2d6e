"""Alias normalisation: properties (hypothesis) and the plural rule on names that merely end in 's'."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skills_taxonomy import load_taxonomy
from skills_taxonomy.aliases import TermFinder, normalize_alias

# ASCII letters/digits/punctuation used in skill names, plus the unicode dashes and quotes we unify.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+#/&'-_ ")
    + ["\u2013", "\u2014", "\u2010", "\u2019", "\u00a0", "\t"]
)
ALIASES = st.text(ALPHABET, min_size=0, max_size=30)
WORDS = st.lists(st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.+#")), min_size=1, max_size=9),
                 min_size=1, max_size=4)
NO_DEADLINE = settings(deadline=None)  # pure functions, but CI machines are shared and noisy

SPACE = st.text(st.sampled_from([" ", "\t", "\n", "\u00a0"]), min_size=0, max_size=3)


@NO_DEADLINE
@given(ALIASES)
def test_idempotent(s: str) -> None:
    once = normalize_alias(s)
    assert normalize_alias(once) == once


@NO_DEADLINE
@given(ALIASES)
def test_case_insensitive(s: str) -> None:
    assert normalize_alias(s.upper()) == normalize_alias(s.lower()) == normalize_alias(s.swapcase())


@NO_DEADLINE
@given(WORDS, SPACE, SPACE, st.lists(st.sampled_from([" ", "  ", "\t", " \n "]), min_size=3, max_size=3))
def test_whitespace_insensitive(words: list[str], lead: str, trail: str, gaps: list[str]) -> None:
    single = " ".join(words)
    messy = lead + "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words)).rstrip() + trail
    assert normalize_alias(messy) == normalize_alias(single)


@NO_DEADLINE
@given(WORDS, st.lists(st.sampled_from(["-", " ", "\u2013", "\u2010", "_", " - "]), min_size=4, max_size=4))
def test_hyphen_space_stable(words: list[str], seps: list[str]) -> None:
    spaced = " ".join(words)
    mixed = "".join(w + (seps[i % len(seps)] if i < len(words) - 1 else "") for i, w in enumerate(words))
    assert normalize_alias(mixed) == normalize_alias(spaced)


@NO_DEADLINE
@given(WORDS)
def test_no_unicode_dash_or_double_space_survives(words: list[str]) -> None:
    out = normalize_alias("\u2014".join(words))
    assert "\u2014" not in out and "  " not in out and out == out.strip()


@pytest.mark.parametrize(
    "name",
    ["pandas", "Kubernetes", "Redis", "Jenkins", "SAS", "Analysis", "AWS", "CSS", "Keras", "Kinesis",
     "Prometheus", "DevOps", "MLOps", "Statistics", "Analytics", "FAISS", "Postgres", "Windows", "NATS", "HTTPS",
     "HDFS", "ReactJS", "Databricks"],
)
def test_names_ending_in_s_are_not_singularised(name: str) -> None:
    assert normalize_alias(name) == name.casefold()


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("LLMs", "LLM"), ("Vector Databases", "vector database"), ("embeddings", "embedding"), ("GPUs", "GPU"),
     ("data pipelines", "data pipeline"), ("policies", "policy"), ("Knowledge Bases", "knowledge base"),
     ("Bedrock Agents", "Bedrock Agent"), ("feature stores", "feature store"), ("NAT gateways", "NAT gateway"),
     ("APIs", "API"), ("boxes", "box")],
)
def test_plurals_meet_their_singular(plural: str, singular: str) -> None:
    assert normalize_alias(plural) == normalize_alias(singular)


def test_words_with_digits_or_symbols_are_untouched() -> None:
    assert normalize_alias("S3") == "s3"
    assert normalize_alias("Node.js") == "node.js"
    assert normalize_alias("C++") == "c++"
    assert normalize_alias("SAA\u2013C03") == "saa c03"


# --------------------------------------------------------------------------------------------------
# Every real alias maps to its skill under case / whitespace / hyphen variations.
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    tax = load_taxonomy()
    pairs = []
    owners: dict[str, set[str]] = {}
    for s in tax.skills.values():
        for form in s.surface_forms:
            owners.setdefault(normalize_alias(form), set()).add(s.id)
    for s in sorted(tax.skills.values(), key=lambda s: s.id):
        for form in s.surface_forms:
            if form in s.ambiguous_aliases or len(owners[normalize_alias(form)]) > 1:
                continue  # ambiguous forms need exact case; collisions are `taxonomy check`'s business
            pairs.append((form, s.id))
    if not pairs:
        pytest.skip("the taxonomy has no skills yet")
    return tax, TermFinder.from_taxonomy(tax), pairs


def _variants(form: str) -> list[str]:
    return [form, form.upper(), form.lower(), f"  {form} ", form.replace(" ", "-"), form.replace("-", " "),
            form.replace(" ", "  "), form.replace("-", "\u2013")]


def test_every_real_alias_is_stable_under_variations(real) -> None:
    _tax, finder, pairs = real
    wrong = []
    for form, sid in pairs:
        for variant in _variants(form):
            got = finder.lookup(variant)
            if got != sid:
                wrong.append(f"{variant!r} -> {got!r}, expected {sid!r}")
    assert not wrong, f"{len(wrong)} alias variants map elsewhere, e.g. {wrong[:10]}"


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_random_real_alias_variation_maps_to_its_skill(real, data) -> None:
    _tax, finder, pairs = real
    form, sid = data.draw(st.sampled_from(pairs))
    flips = data.draw(st.lists(st.booleans(), min_size=len(form), max_size=len(form)))
    cased = "".join(ch.upper() if f else ch.lower() for ch, f in zip(form, flips))
    sep = data.draw(st.sampled_from([" ", "-", "  ", "\u2010"]))
    variant = data.draw(SPACE) + cased.replace(" ", sep) + data.draw(SPACE)
    assert normalize_alias(variant) == normalize_alias(form)
    assert finder.lookup(variant) == sid


def test_alias_index_and_find_terms_on_tiny(tiny_data) -> None:
    from skills_taxonomy.aliases import alias_index, find_terms

    tax = load_taxonomy(tiny_data)
    by_key, exact = alias_index(tax)
    assert by_key["k8s"] == "kubernetes" and by_key["vector database"] == "vector-databases"
    assert exact == {"Go": "go"} and "go" not in by_key
    hits = find_terms("Ship k8s, Golang and go-live with Vector-Databases (RAG).", tax)
    assert [(h.skill_id, h.surface) for h in hits] == [("kubernetes", "k8s"), ("go", "Golang"),
                                                      ("vector-databases", "Vector-Databases"), ("rag", "RAG")]
    text = "Use CI/CD and S3/Blob."
    assert [text[h.start:h.end] for h in find_terms(text, tax)] == ["S3"]
