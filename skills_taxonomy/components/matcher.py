"""``skill_matcher``: case-insensitive phrase matching of every label, alias and inflection variant.

Patterns are stored on disk as lowercased token lists and rebuilt with ``Doc(vocab, words=...)``
on load, which skips the tokenizer and keeps start-up fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from skills_taxonomy.components.common import ensure_extensions, read_json, write_json

ensure_extensions()


class SkillMatcher:
    """Find every phrase match; the result goes to ``doc._.skill_candidates``."""

    def __init__(self, nlp: Language, name: str = "skill_matcher"):
        self.name = name
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, tuple[str, bool]] = {}  # match key hash -> (skill_id, ambiguous)
        self.patterns: list[tuple[str, bool, list[str]]] = []

    def add(self, items: Iterable[tuple[str, bool, list[str]]]) -> None:
        """Add patterns as (skill_id, ambiguous, lowercased token texts)."""
        grouped: dict[str, list[Doc]] = {}
        for skill_id, ambiguous, words in items:
            if not words:
                continue
            key = f"{skill_id}|{int(ambiguous)}"
            self.keys[self.vocab.strings.add(key)] = (skill_id, ambiguous)
            grouped.setdefault(key, []).append(Doc(self.vocab, words=words))
            self.patterns.append((skill_id, ambiguous, words))
        for key, docs in grouped.items():
            self.matcher.add(key, docs)

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
