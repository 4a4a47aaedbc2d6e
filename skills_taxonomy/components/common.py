"""What the skill components share: the span key, Doc extensions, JSON helpers for to_disk, and cheap
pre-screens (lowercase ``in`` checks) that let components skip case-insensitive regexes which cannot match."""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path
from typing import Any, Iterable

from spacy.tokens import Doc

SPANS_KEY = "skills"


def ensure_extensions() -> None:
    """Register the Doc extensions the components use (idempotent).

    ``doc._.skill_candidates``: list of (skill_id, start, end, ambiguous) phrase matches, before context rules.
    ``doc._.skill_info``: {(start, end): {section, cv_section, required, sent_start, sent_end, negated, years}}
    for each span in ``doc.spans["skills"]``.
    """
    for name in ("skill_candidates", "skill_info"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


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
        from skills_taxonomy.tokenizer import doc_text

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


def occurrences(low: str, words: Iterable[str]) -> list[int]:
    """Sorted start offsets of every occurrence (overlapping ones too) of each word in ``low``."""
    out: list[int] = []
    find = low.find
    for w in words:
        i = find(w)
        while i >= 0:
            out.append(i)
            i = find(w, i + 1)
    out.sort()
    return out


def any_between(positions: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list of offsets has one in ``[lo, hi)``."""
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi
