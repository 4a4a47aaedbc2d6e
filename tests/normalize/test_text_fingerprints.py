"""The column form of text_fingerprint (one function, two entry points) gives the same values."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.normalize.text import text_fingerprint, text_fingerprints

_PIECES = st.sampled_from(
    ["Python", "SQL", "data", "café", "don’t", "–", "•", "€50k", "<b>Go</b>", "&amp;", "R&D", "&#x2F;", "AT&T;", "&#39;",
     "北京", "\n\n", "  ", "ＡＢＣ", "ﬁle", "x" * 30, "A.B", "(m/w/d)", "", "™"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=40).map(" ".join), max_size=8), st.integers(min_value=1, max_value=40))
def test_column_fingerprints_equal_scalar(texts: list[str], words: int) -> None:
    expected = [text_fingerprint(t, words=words) if t else None for t in texts]
    assert text_fingerprints(pl.Series(texts, dtype=pl.String), words=words) == expected
    assert text_fingerprints(texts, words=words) == expected


def test_column_fingerprints_nulls_and_long_text() -> None:
    long_text = " ".join(f"Word{i}" for i in range(500))
    got = text_fingerprints(pl.Series([None, "", long_text, long_text + " tail"]))
    assert got[:2] == [None, None] and got[2] == got[3] == text_fingerprint(long_text)
