"""Hostile CVs: every file ends in a CVDocument or a CVError naming the file, within a time limit.

tests/cv already covers encrypted, scanned, bomb and wrong-extension files one by one; this adds random bytes under
every extension, a 50 MB file, a corrupt xref table, images-only PDF/DOCX, and hypothesis over arbitrary and
mutated bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import corpus
from tests.helpers.guards import HYPOTHESIS, time_limit
from skillgap.cv import CVDocument, read_cv, read_cv_file
from skillgap.errors import CVError, CVTextEmpty, CVTooLarge

CASES = {c.name: c for c in corpus.cv_cases()}


def _read(data: bytes, name: str, *, seconds: float = 30) -> CVDocument | CVError:
    with time_limit(seconds):
        try:
            return read_cv(data, filename=name)
        except CVError as exc:
            assert f"'{name}'" in str(exc), exc  # the message names the file
            return exc


@pytest.mark.parametrize("name", sorted(CASES))
def test_cv_corpus_case(name):
    case = CASES[name]
    got = _read(case.data, case.name)
    if case.expect == "fail":
        assert isinstance(got, CVError), f"{name}: read {len(got.text)} chars from {case.note}"
    elif case.expect == "load":
        assert isinstance(got, CVDocument) and got.text.strip()
    if isinstance(got, CVDocument):
        assert "\x00" not in got.text


def test_images_only_files_say_there_is_no_text():
    for name in ("images_only.pdf", "images_only.docx"):
        got = _read(CASES[name].data, name)
        assert isinstance(got, CVTextEmpty), got


def test_50_mb_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50_000_000)

    def no_reading(self, *args, **kwargs):
        raise AssertionError(f"{self} was read before its size was checked")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    # sizes in MB as Streamlit counts them (2**20 bytes), like the 10 MB limit itself
    with pytest.raises(CVTooLarge, match=r"47\.7 MB; CVs over 10 MB"):
        read_cv_file(path)
    monkeypatch.undo()
    with pytest.raises(CVTooLarge):
        read_cv(CASES["huge_50mb.pdf"].data, filename="huge_50mb.pdf")


def test_corrupt_xref_is_rebuilt_or_refused():
    got = _read(CASES["corrupt_xref.pdf"].data, "corrupt_xref.pdf")
    if isinstance(got, CVDocument):  # pypdf rebuilds the table by scanning; then the text must be the real one
        assert "Python" in got.text and "Kubernetes" in got.text


@HYPOTHESIS
@given(data=st.binary(max_size=20_000), ext=st.sampled_from(corpus.CV_EXTS))
def test_arbitrary_bytes_with_any_extension(data, ext):
    name = f"fuzz.{ext}" if ext else "fuzz"
    got = _read(data, name)
    assert isinstance(got, (CVDocument, CVError))


_VALID = {"cv.pdf": corpus.pdf_text(), "cv.docx": corpus.docx_text(), "cv.txt": corpus.CV_TEXT.encode()}


@HYPOTHESIS
@given(
    name=st.sampled_from(sorted(_VALID)),
    flips=st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), max_size=16),
    cut=st.none() | st.integers(0, 1 << 14),
)
def test_mutated_valid_cvs(name, flips, cut):
    b = bytearray(_VALID[name])
    for pos, val in flips:
        b[pos % len(b)] = val
    data = bytes(b[:cut] if cut is not None else b)
    got = _read(data, name)
    assert isinstance(got, (CVDocument, CVError))


@HYPOTHESIS
@given(text=st.text(min_size=0, max_size=3000))
def test_any_unicode_text_cv(text):
    got = _read(text.encode("utf-8", "surrogatepass"), "cv.txt")
    assert isinstance(got, (CVDocument, CVError))


def test_docx_with_a_damaged_deflate_stream_is_corrupt_not_a_crash():
    """Found by the mutation property: one zeroed byte inside a member's deflate data raised zlib.error."""
    from skillgap.errors import CVCorrupt

    data = bytearray(_VALID["cv.docx"])
    data[495] = 0
    got = _read(bytes(data), "cv.docx")
    assert isinstance(got, (CVCorrupt, CVDocument)), got


def test_pdf_with_an_unknown_stream_filter_is_corrupt_not_a_crash():
    """Found by the mutation property: a damaged /Filter name made pypdf raise NotImplementedError."""
    from skillgap.errors import CVCorrupt

    data = corpus.pdf_text()
    assert b"/FlateDecode" in data
    got = _read(data.replace(b"/FlateDecode", b"/FlateDecodX"), "cv.pdf")
    assert isinstance(got, (CVCorrupt, CVDocument)), got
    if isinstance(got, CVCorrupt):
        assert "damaged" in str(got)
