"""``skill_matcher``: case-insensitive phrase matching of every label, alias and inflection variant.

Patterns are stored on disk as lowercased token lists. On load they go into the ``PhraseMatcher`` as
sequences of ``LOWER`` hashes (what ``PhraseMatcher.add`` makes of a pattern ``Doc``): building 14,000
pattern Docs was two thirds of ``spacy.load``, and hashing the words gives the matcher the same keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from skills_taxonomy.components.common import BatchedPipe, ensure_extensions, read_json, write_json

ensure_extensions()


def lower_hashes(words: list[str]) -> list[int]:
    """The ``LOWER`` attribute of each word as a token: the hash of its lowercase form (a lexeme's ``lower``)."""
    return [get_string_id(w.lower()) for w in words]


class SkillMatcher(BatchedPipe):
    """Find every phrase match; the result goes to ``doc._.skill_candidates``."""

    def __init__(self, nlp: Language, name: str = "skill_matcher"):
        self.name = name
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, tuple[str, bool]] = {}  # match key hash -> (skill_id, ambiguous)
        self.patterns: list[tuple[str, bool, list[str]]] = []

    def add(self, items: Iterable[tuple[str, bool, list[str]]]) -> None:
        """Add patterns as (skill_id, ambiguous, lowercased token texts)."""
        grouped: dict[str, list[list[int]]] = {}
        for skill_id, ambiguous, words in items:
            if not words:
                continue
            key = f"{skill_id}|{int(ambiguous)}"
            self.keys[self.vocab.strings.add(key)] = (skill_id, ambiguous)
            grouped.setdefault(key, []).append(lower_hashes(words))
            self.patterns.append((skill_id, ambiguous, words))
        for key, keywords in grouped.items():
            self.matcher.add(key, keywords)

    def __call__(self, doc: Doc) -> Doc:
        keys = self.keys
        doc._.skill_candidates = [(*keys[k], s, e) for k, s, e in self.matcher(doc)]
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        write_json(path, "patterns.json", self.patterns)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "SkillMatcher":
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        self.keys, self.patterns = {}, []
        self.add((sid, bool(amb), words) for sid, amb, words in read_json(path, "patterns.json"))
        return self


@Language.factory("skill_matcher")
def make_skill_matcher(nlp: Language, name: str) -> SkillMatcher:
    return SkillMatcher(nlp, name)
