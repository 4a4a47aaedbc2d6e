"""What the skill components share: the span key, Doc extensions, JSON helpers for to_disk, and cheap
pre-screens (lowercase ``in`` checks) that let components skip case-insensitive regexes which cannot match.

The pre-screen words of every component are registered as named groups (``anchor_group``) and found in one
Aho-Corasick pass over each doc's lowercase text (``doc_anchors``), instead of a ``find``/``in`` scan of the
whole text per word: about a hundred words, most of them absent from any one posting."""

from __future__ import annotations

import bisect
import json
import re
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator

import ahocorasick
from spacy.tokens import Doc
from spacy.util import minibatch

from skills_taxonomy.tokenizer import doc_text

SPANS_KEY = "skills"


def ensure_extensions() -> None:
    """Register the Doc extensions the components use (idempotent).

    ``doc._.skill_candidates``: list of (skill_id, start, end, ambiguous) phrase matches, before context rules.
    ``doc._.skill_info``: {start: {skill_id, start_char, end_char, section, cv_section, required, sent_start,
    sent_end, negated, years, role, uncued}} for each span in ``doc.spans["skills"]``, keyed by its first token
    (plain values only: a processed Doc round-trips through ``to_bytes``/``from_bytes`` and ``DocBin``).
    """
    for name in ("skill_candidates", "skill_info"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class BatchedPipe:
    """``pipe`` for a component whose ``__call__`` takes one Doc: run it over a whole batch before passing any on.

    Without a ``pipe`` method ``nlp.pipe`` takes each doc through the tokenizer and every component in turn, so
    each step starts with the CPU caches full of the others' code and tables (the tokenizer's cache, the matcher's
    trie, the regexes, the Aho-Corasick automaton). With it, ``nlp.pipe`` tokenizes a batch, the first component
    runs over that batch, then the next: the same work, in the same order for each doc, with each step's working
    set still in the caches. Memory holds ``batch_size`` docs at a time, as spaCy's own trainable components do.
    """

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from [self(doc) for doc in batch]


def write_json(path: Path, name: str, data: Any) -> None:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_json(path: Path, name: str) -> Any:
    return json.loads((Path(path) / name).read_text(encoding="utf-8"))


# Characters that ``str.lower()`` lengthens (İ) or that re.IGNORECASE folds onto an ASCII letter while
# ``str.lower()`` leaves them alone (ı, ſ). In any other text, ``text.lower()`` keeps every offset and holds,
# lowercased, whatever a case-insensitive regex can match: cheap ``in``/``find`` checks on it can tell that
# a regex cannot match before running it. tests/extract/test_equivalence.py re-derives the list.
FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


def lower_view(text: str) -> str | None:
    """``text.lower()`` when it is a faithful pre-screen for case-insensitive regexes, else None."""
    if not text.isascii() and any(c in text for c in FOLD_EXCEPTIONS):
        return None
    return text.lower()


LOWER_KEY = "skillgap_lower"


def doc_lower(doc: Doc) -> str | None:
    """``lower_view`` of a Doc's text, computed once per Doc and shared by the components."""
    user_data = doc.user_data
    if LOWER_KEY not in user_data:
        user_data[LOWER_KEY] = lower_view(doc_text(doc))
    return user_data[LOWER_KEY]


class Cue:
    """A case-insensitive regex plus the lowercase words (``anchors``) every one of its matches contains.

    ``search(text, low)`` is ``regex.search(text)``, but skips the regex when ``low`` (the ``lower_view`` of
    ``text``, or None) holds none of the anchors: most sentences have no cue at all, and ``in`` is far
    cheaper than an alternation with ``\\b`` tried at every position.
    """

    __slots__ = ("regex", "anchors")

    def __init__(self, regex: re.Pattern, anchors: Iterable[str]):
        self.regex = regex
        self.anchors = tuple(anchors)

    def search(self, text: str, low: str | None = None) -> re.Match | None:
        if low is not None:
            for a in self.anchors:
                if a in low:
                    break
            else:
                return None
        return self.regex.search(text)

    def present(self, low: str | None) -> tuple[str, ...] | None:
        """The anchors a whole text's ``lower_view`` holds (None when there is no lowercase view), for
        ``search_part`` on the pieces of that text."""
        if low is None:
            return None
        return tuple(a for a in self.anchors if a in low)

    def search_part(self, text: str, low: str | None, present: tuple[str, ...] | None) -> re.Match | None:
        """``regex.search(text)`` for a piece of a text whose ``present`` anchors are known: a text with
        none of them skips every search; otherwise only those anchors are looked for in ``low``."""
        if present is not None:
            if not present:
                return None
            for a in present:
                if a in low:
                    break
            else:
                return None
        return self.regex.search(text)


def any_between(positions: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list of offsets has one in ``[lo, hi)``."""
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


# -- one pass for every component's pre-screen words -------------------------------------------------------
_GROUPS: dict[str, tuple[str, ...]] = {}
_scanner: "_Scanner | None" = None
_scanner_lock = threading.Lock()


def anchor_group(name: str, words: Iterable[str]) -> str:
    """Register the lowercase ``words`` a component looks for in every text, under ``name`` (at import time);
    returns ``name``. ``doc_anchors(doc).positions(name)`` and ``.present(name)`` then read them."""
    global _scanner
    words = tuple(words)
    if not words or any(not w or w != w.lower() for w in words):
        raise ValueError(f"anchor group {name!r} needs non-empty lowercase words, got {words!r}")
    if _GROUPS.get(name, words) != words:
        raise ValueError(f"anchor group {name!r} is already registered with other words")
    with _scanner_lock:
        _GROUPS[name] = words
        _scanner = None  # rebuilt on the next scan
    return name


class _Scanner:
    """An Aho-Corasick automaton over the words of every registered group (each distinct word once)."""

    __slots__ = ("automaton",)

    def __init__(self, groups: dict[str, tuple[str, ...]]):
        self.automaton = ahocorasick.Automaton()
        for w in {w for words in groups.values() for w in words}:
            self.automaton.add_word(w, (w, len(w) - 1))
        self.automaton.make_automaton()

    def scan(self, low: str) -> dict[str, list[int]]:
        """{word: ascending start offsets of its every occurrence} for the words ``low`` holds."""
        starts: dict[str, list[int]] = {}
        for end, (w, last) in self.automaton.iter(low):
            # the automaton reports occurrences by end offset, so each word's starts come out ascending
            hit = starts.get(w)
            if hit is None:
                starts[w] = [end - last]
            else:
                hit.append(end - last)
        return starts


def _current_scanner() -> _Scanner:
    global _scanner
    scanner = _scanner
    if scanner is None:
        with _scanner_lock:
            if _scanner is None:
                _scanner = _Scanner(_GROUPS)
            scanner = _scanner
    return scanner


class AnchorHits:
    """Where each registered word occurs in one lowercase text (every occurrence, overlapping ones too)."""

    __slots__ = ("starts",)

    def __init__(self, starts: dict[str, list[int]]):
        self.starts = starts

    @classmethod
    def of(cls, low: str) -> "AnchorHits":
        """Scan ``low`` (a ``lower_view``) for every registered word."""
        return cls(_current_scanner().scan(low))

    def positions(self, group: str) -> list[int]:
        """Sorted start offsets of every occurrence (overlapping ones too) of each word of ``group``."""
        starts = self.starts
        found = [starts[w] for w in _GROUPS[group] if w in starts]
        if not found:
            return []
        if len(found) == 1:
            return list(found[0])
        return sorted(p for hit in found for p in hit)

    def present(self, group: str) -> tuple[str, ...]:
        """The words of ``group`` the text holds, in the group's order: ``Cue.present`` for a cue's anchors."""
        starts = self.starts
        return tuple(w for w in _GROUPS[group] if w in starts)

    def has(self, group: str) -> bool:
        """Whether any word of ``group`` occurs."""
        starts = self.starts
        return any(w in starts for w in _GROUPS[group])


# kept in ``doc.user_data`` as a plain dict (a Doc still serializes): {word: starts}, or None without a lowercase view
ANCHORS_KEY = "skillgap_anchors"


def doc_anchors(doc: Doc) -> AnchorHits | None:
    """The registered words found in a Doc's ``doc_lower`` text, scanned once per Doc and shared by the
    components; None when the doc has no faithful lowercase view (the components then search without it)."""
    user_data = doc.user_data
    starts = user_data.get(ANCHORS_KEY, False)
    if starts is False:
        low = doc_lower(doc)
        starts = user_data[ANCHORS_KEY] = _current_scanner().scan(low) if low is not None else None
    return AnchorHits(starts) if starts is not None else None
