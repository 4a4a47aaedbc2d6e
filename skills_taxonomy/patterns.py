"""Turn a taxonomy's labels and aliases into match patterns, inflection variants included.

Variants are generated here, at build time, so the matcher never needs a lemmatizer at run time:
plurals ("data pipelines", "LLMs"), -ize/-ized/-izing forms of "-ization" nouns ("containerized"),
British/American spellings of those, "A/B tests" for "A/B testing", and spacing variants of
punctuated names ("CI/CD" -> "CI CD", "CICD"; "scikit-learn" -> "scikit learn"; "Node.js" -> "NodeJS").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skills_taxonomy.model import Skill, Taxonomy

# Kinds whose names are common nouns that inflect ("a data pipeline" / "data pipelines").
_INFLECTING_KINDS = {"concept", "practice", "tool", "service"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")
_PLAIN_WORD = re.compile(r"^[a-z]{3,}$")
_NO_SINGULAR = ("ss", "us", "is", "ous", "ics", "ies")


@dataclass(frozen=True)
class Pattern:
    """One surface form to match for one skill."""

    skill_id: str
    text: str  # the variant as it will be matched (case-insensitively)
    source: str  # the label/alias it came from, as written in the taxonomy
    ambiguous: bool  # the source alias needs context to count


def _pluralize(word: str) -> str | None:
    if _ACRONYM.match(word):
        return word + "s"  # LLM -> LLMs, API -> APIs
    low = word.lower()
    if not _PLAIN_WORD.match(low) or low.endswith(("s", "x", "z", "ch", "sh")):
        if low.endswith(("ch", "sh", "x")) and _PLAIN_WORD.match(low):
            return word + "es"
        return None
    if low.endswith("y") and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _singularize(word: str) -> str | None:
    low = word.lower()
    if not _PLAIN_WORD.match(low) or len(low) < 5 or not low.endswith("s") or low.endswith(_NO_SINGULAR):
        return None
    return word[:-1]


def inflections(form: str, *, kind: str) -> list[str]:
    """Variants of one surface form (not including the form itself)."""
    out: list[str] = []
    words = form.split(" ")
    last = words[-1]
    low = last.lower()
    for ending in ("ization", "isation"):
        if low.endswith(ending):
            stem = last[: -len(ending)]
            for suffix in ("ize", "ized", "izing", "ise", "ised", "ising", "ization", "isation"):
                out.append(" ".join([*words[:-1], stem + suffix]))
    if low == "testing" and len(words) > 1:
        out += [" ".join([*words[:-1], w]) for w in ("test", "tests")]
    if kind in _INFLECTING_KINDS or _ACRONYM.match(last):
        plural = _pluralize(last)
        if plural:
            out.append(" ".join([*words[:-1], plural]))
        if kind in _INFLECTING_KINDS:
            single = _singularize(last)
            if single:
                out.append(" ".join([*words[:-1], single]))
    return out


def spelling_variants(form: str) -> list[str]:
    """Spacing/punctuation variants: 'CI/CD' -> 'CI CD', 'CICD'; 'Node.js' -> 'NodeJS', 'Node js'."""
    out: list[str] = []
    if "/" in form and " " not in form:
        out += [form.replace("/", " "), form.replace("/", "")]
    if "-" in form and not form.startswith("-") and not form.endswith("-"):
        out += [form.replace("-", " "), form.replace("-", "")]
    if " " in form and form.count(" ") <= 3 and "-" not in form:
        out.append(form.replace(" ", "-"))  # "Amazon Web Services" -> "amazon-web-services"
    m = re.fullmatch(r"(\w+)\.js", form, flags=re.IGNORECASE)
    if m:
        out += [m.group(1) + "js", m.group(1) + " js"]
    return out


def skill_patterns(skill: Skill) -> list[Pattern]:
    """Every pattern for one skill: its label and aliases plus their variants (deduplicated, case-insensitive)."""
    ambiguous = {a.casefold() for a in skill.ambiguous_aliases}
    seen: set[str] = set()
    out: list[Pattern] = []
    for form in skill.surface_forms:
        is_ambiguous = form.casefold() in ambiguous
        variants = [form]
        for v in (form, *spelling_variants(form)):
            if v not in variants:
                variants.append(v)
            variants += inflections(v, kind=skill.kind)
        for v in variants:
            key = v.casefold().strip()
            if not key or key in seen:
                continue
            seen.add(key)
            # an inflected ambiguous alias ("Gos", "Rs") is not worth the risk: keep only the alias itself
            if is_ambiguous and key != form.casefold():
                continue
            out.append(Pattern(skill_id=skill.id, text=v, source=form, ambiguous=is_ambiguous))
    return out


def taxonomy_patterns(taxonomy: Taxonomy) -> list[Pattern]:
    """Patterns for every skill of a taxonomy, in a stable order.

    A variant that is exactly another skill's own label or alias is left to that skill
    (so "Containers" generated from one skill never shadows a skill named "Containers").
    """
    own: dict[str, set[str]] = {}
    for skill in taxonomy.skills.values():
        for form in skill.surface_forms:
            own.setdefault(form.casefold(), set()).add(skill.id)
    out: list[Pattern] = []
    for sid in sorted(taxonomy.skills):
        for p in skill_patterns(taxonomy.skills[sid]):
            owners = own.get(p.text.casefold())
            if owners and sid not in owners:
                continue
            out.append(p)
    return out
