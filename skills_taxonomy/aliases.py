"""Alias normalisation and a small, dependency-free term finder over the taxonomy's surface forms.

``normalize_alias`` is the one definition of "these two spellings are the same alias": the checker uses
it to detect alias collisions, the importers use it to link ESCO/O*NET labels to our skills, and the
term finder uses it to map a span of text to a skill id. The spaCy matcher (``skills_taxonomy.matcher``)
is the production extractor; ``TermFinder`` here only serves ``taxonomy build`` and tests, so the build
never depends on spaCy.

Plural rule (why it looks like this): a normalised alias must not depend on letter case, so "LLMs" and
"llms" have to normalise alike and we cannot use capitalisation to tell a product name from a plural.
Instead, only purely alphabetic words longer than three letters are singularised, never words that end
in an invariant suffix (-ss, -us, -is, -as, -os, -ics, -ops, -js) nor the explicit ``INVARIANT_WORDS``
(names that merely end in "s": Kubernetes, Jenkins, Postgres, ...); ``ACRONYM_PLURALS`` ("GPUs", "APIs")
are the listed exceptions the other way. Words with digits or symbols
("s3", "node.js", "c++") are never touched. Because the rule only ever removes a suffix that the
result cannot end with again, it is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from skills_taxonomy.model import Taxonomy

# Hyphens, unicode dashes and the minus sign all read as a space ("fine-tuning" == "fine tuning").
_DASHES = dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), " ")
_QUOTES = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\uff07`\u00b4"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\uff02"), '"'),
}
_TRANSLATE = {**_DASHES, **_QUOTES, ord("_"): " ", ord("\u00ad"): None}

INVARIANT_SUFFIXES = ("ss", "us", "is", "as", "os", "ics", "ops", "js")
INVARIANT_WORDS = frozenset(
    {
        "kubernetes", "jenkins", "postgres", "windows", "express", "news", "series", "species", "sales",
        "ads", "lens", "rds", "ecs", "eks", "aks", "gks", "iis", "ios", "macos", "aws", "css", "sas",
        "pandas", "redis", "analysis", "atlas", "keras", "kinesis", "prometheus", "numbers", "pages",
        "sheets", "teams", "slides", "forms", "docs", "rails", "hans", "mathematics", "dynamics", "gis",
        "jobs", "plus", "less", "sass", "chaos", "nats", "hdfs", "cqrs", "dbms", "rdbms", "ssms", "ssrs",
        "isms", "vsts", "https", "adls", "bayes", "emacs", "polars", "databricks", "hortonworks", "starrocks",
        "solarwinds", "vxworks", "highcharts", "echarts", "pants", "xcodes",
    }
)
# Plurals of acronyms that an invariant suffix would otherwise protect ("GPUs", "APIs", "KPIs").
ACRONYM_PLURALS = frozenset({"gpus", "cpus", "tpus", "npus", "apis", "kpis", "okrs", "slis", "ucis"})
_PLURAL_WORD = re.compile(r"[a-z]{4,}")


def _singular(word: str) -> str:
    if not _PLURAL_WORD.fullmatch(word) or not word.endswith("s"):
        return word
    if word in ACRONYM_PLURALS:
        return word[:-1]
    if word in INVARIANT_WORDS or word.endswith(INVARIANT_SUFFIXES):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("xes"):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=65536)
def normalize_alias(text: str) -> str:
    """Return the comparison key of an alias: casefolded, unicode dashes/quotes unified, hyphens and
    underscores read as spaces, whitespace collapsed, and plain-word plurals singularised.

    >>> normalize_alias("  Vector-Databases ")
    'vector database'
    >>> normalize_alias("Kubernetes") == normalize_alias("kubernetes")
    True
    """
    t = unicodedata.normalize("NFKC", text)
    t = unicodedata.normalize("NFKC", t.casefold())
    t = t.translate(_TRANSLATE)
    words = [_singular(w) for w in t.split()]
    return " ".join(words)


# --------------------------------------------------------------------------------------------------
# Term finder
# --------------------------------------------------------------------------------------------------

# A token: letters/digits, with "." inside ("Node.js", "ASP.NET") and "+"/"#" at the end ("C++", "C#").
_TOKEN = re.compile(r"(?:\.(?=[^\W_]))?[^\W_](?:[^\W_]|\.(?=[^\W_])|[+#])*")
# What may sit between the tokens of one alias: spaces, hyphens/dashes, "/", "&", ":" ("CI/CD", "AT&T",
# "Microsoft Certified: Azure ..."). Anything else (comma, bracket, full stop, newline) ends a candidate.
_GAP = re.compile(r"[ \t\u00a0_/&:\-\u2010-\u2015\u2212]{1,4}")
_WS = re.compile(r"\s+")
_MAX_TOKENS = 12


@dataclass(frozen=True)
class TermHit:
    """One mention of a skill in a text: ``text[start:end] == surface``."""

    skill_id: str
    surface: str
    start: int
    end: int


def _token_count(form: str) -> int:
    return max(1, len(_TOKEN.findall(form)))


class TermFinder:
    """Find taxonomy skills in plain text by their label and aliases.

    The text is split into tokens; at each token the longest run of up to N tokens (N = the longest alias)
    whose ``normalize_alias`` is a known alias wins (leftmost-longest, whole words only). That makes the
    match case-insensitive and tolerant of hyphen/space variants and plain plurals exactly as the taxonomy
    checker's notion of "the same alias". An alias the taxonomy flags as ambiguous ("Go", "R", "Ray")
    counts only when it is spelled exactly as listed. Build one per taxonomy and reuse it.
    """

    def __init__(self, forms: dict[str, str], ambiguous: dict[str, str]):
        """``forms``/``ambiguous``: surface form -> skill id (case-insensitive / case-exact)."""
        self._by_key: dict[str, str] = {}
        for form, sid in sorted(forms.items(), key=lambda kv: (kv[1], kv[0])):  # collisions: first id wins
            key = normalize_alias(form)
            if key:
                self._by_key.setdefault(key, sid)
        self._exact: dict[str, str] = {_WS.sub(" ", f.strip()): sid for f, sid in sorted(ambiguous.items())}
        longest = max((_token_count(f) for f in (*forms, *ambiguous)), default=1)
        self._max = min(longest, _MAX_TOKENS)

    @classmethod
    def from_taxonomy(cls, taxonomy: "Taxonomy") -> "TermFinder":
        forms, ambiguous = surface_index(taxonomy.skills.values())
        return cls(forms, ambiguous)

    def lookup(self, surface: str) -> str | None:
        """The skill id a surface form names (exact ambiguous forms first), or None."""
        exact = self._exact.get(_WS.sub(" ", surface.strip()))
        if exact:
            return exact
        return self._by_key.get(normalize_alias(surface))

    def find(self, text: str) -> list[TermHit]:
        """Every non-overlapping skill mention in ``text``, in order of appearance."""
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        # joinable[i]: token i and i+1 are separated only by characters an alias may contain
        joinable = [bool(_GAP.fullmatch(text, toks[i][1], toks[i + 1][0])) for i in range(len(toks) - 1)]
        hits: list[TermHit] = []
        i = 0
        while i < len(toks):
            last = i
            while last + 1 < len(toks) and last - i + 1 < self._max and joinable[last]:
                last += 1
            found = None
            for j in range(last, i - 1, -1):
                span = text[toks[i][0]: toks[j][1]]
                sid = self._exact.get(_WS.sub(" ", span)) or self._by_key.get(normalize_alias(span))
                if sid:
                    found = (j, sid, span)
                    break
            if found is None:
                i += 1
                continue
            j, sid, span = found
            hits.append(TermHit(skill_id=sid, surface=span, start=toks[i][0], end=toks[j][1]))
            i = j + 1
        return hits

    def skill_ids(self, text: str) -> list[str]:
        """Distinct skill ids mentioned in ``text``, in order of first appearance."""
        return list(dict.fromkeys(h.skill_id for h in self.find(text)))


def surface_index(skills: Iterable) -> tuple[dict[str, str], dict[str, str]]:
    """Split every skill's surface forms into case-insensitive forms and case-exact ambiguous forms.

    Returns ``(forms, ambiguous)``, each mapping a surface form to a skill id. When two skills claim the
    same normalised form (which ``taxonomy check`` reports), the first skill id in sorted order wins so
    results stay deterministic.
    """
    forms: dict[str, str] = {}
    ambiguous: dict[str, str] = {}
    for skill in sorted(skills, key=lambda s: s.id):
        amb = set(skill.ambiguous_aliases)
        for form in skill.surface_forms:
            if form in amb:
                ambiguous.setdefault(form, skill.id)
            else:
                forms.setdefault(form, skill.id)
        for form in amb - set(skill.surface_forms):  # tolerate an ambiguous alias not repeated in aliases
            ambiguous.setdefault(form, skill.id)
    return forms, ambiguous


def alias_index(taxonomy: "Taxonomy") -> tuple[dict[str, str], dict[str, str]]:
    """``(normalised alias -> skill id, exact ambiguous form -> skill id)`` for the whole taxonomy."""
    forms, ambiguous = surface_index(taxonomy.skills.values())
    by_key: dict[str, str] = {}
    for form, sid in sorted(forms.items(), key=lambda kv: (kv[1], kv[0])):
        by_key.setdefault(normalize_alias(form), sid)
    return by_key, dict(ambiguous)


def find_terms(text: str, taxonomy: "Taxonomy") -> list[TermHit]:
    """Convenience wrapper: ``TermFinder.from_taxonomy(taxonomy).find(text)`` (build the finder once for loops)."""
    return TermFinder.from_taxonomy(taxonomy).find(text)
