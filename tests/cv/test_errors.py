"""Every bad file gives a CVError whose message names the file and says what to do — never a traceback."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from skillgap.cv import read_cv, read_cv_file
from skillgap.errors import CVCorrupt, CVEncrypted, CVError, CVTextEmpty, CVTooLarge, CVUnsupported


def _pdf_bytes(draw) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    draw(pdf)
    return bytes(pdf.output())


def _scanned_pdf() -> bytes:
    """A page with only a drawn rectangle and an embedded image: what a scanner produces, minus the scan."""
    from PIL import Image

    img = Image.new("RGB", (60, 40), (200, 200, 200))

    def draw(pdf):
        pdf.rect(20, 20, 100, 60)
        pdf.image(img, x=30, y=100, w=60)

    return _pdf_bytes(draw)


def _text_pdf(text: str = "Skills: Python, SQL and Docker for data pipelines") -> bytes:
    def draw(pdf):
        pdf.set_font("Helvetica", size=11)
        pdf.text(20, 20, text)

    return _pdf_bytes(draw)


def _encrypt(data: bytes, *, user: str, owner: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _docx_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _bomb(total_mb: int) -> bytes:
    """A DOCX-looking zip whose document.xml inflates to *total_mb* MB of zeros (compressed: a few hundred KB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 1_000_000
            for _ in range(total_mb):
                member.write(chunk)
    return buf.getvalue()


def _expect(exc_type, data: bytes, filename: str, *words: str) -> CVError:
    with pytest.raises(exc_type) as info:
        read_cv(data, filename=filename)
    msg = str(info.value)
    assert f"'{filename}'" in msg
    for w in words:
        assert w.casefold() in msg.casefold(), msg
    assert "Traceback" not in msg
    return info.value


def test_scanned_pdf_has_no_text():
    _expect(CVTextEmpty, _scanned_pdf(), "cv.pdf", "scanned image", "Try a DOCX or a text-based PDF")


def test_rectangle_only_pdf_has_no_text():
    _expect(CVTextEmpty, _pdf_bytes(lambda pdf: pdf.rect(10, 10, 50, 50)), "cv.pdf", "scanned")


def test_encrypted_pdf():
    _expect(CVEncrypted, _encrypt(_text_pdf(), user="secret", owner="owner"), "cv.pdf", "password")


def test_owner_password_only_pdf_still_opens():
    doc = read_cv(_encrypt(_text_pdf(), user="", owner="owner"), filename="cv.pdf")
    assert "Python, SQL and Docker" in doc.text


def test_truncated_pdf_is_a_clean_error_or_partial_read():
    data = _text_pdf()
    for cut in (len(data) // 4, len(data) // 2, len(data) - 40):
        try:
            doc = read_cv(data[:cut], filename="cut.pdf")
        except CVError as exc:
            assert "'cut.pdf'" in str(exc)
        else:  # pypdf may rebuild a damaged file; then the text must be right
            assert "Python" in doc.text


def test_pdf_with_garbage_body():
    _expect(CVCorrupt, b"%PDF-1.7\n" + os.urandom(3000), "cv.pdf", "damaged")


def test_pdf_with_broken_xref_offsets():
    data = _text_pdf()
    start = data.rindex(b"startxref")
    broken = data[:start] + b"startxref\n999999\n%%EOF\n"
    xref = broken.index(b"xref")
    broken = broken[:xref] + broken[xref:].replace(b" n \n", b" x \n")
    try:
        doc = read_cv(broken, filename="xref.pdf")
    except CVError as exc:
        assert "'xref.pdf'" in str(exc)
    else:
        assert "Python" in doc.text


def test_zip_bomb_docx_by_ratio():
    data = _bomb(8)
    assert len(data) < 100_000
    _expect(CVCorrupt, data, "bomb.docx", "MB", "not opened")


def test_zip_bomb_docx_by_total_size():
    data = _bomb(70)
    assert len(data) < 1_000_000
    _expect(CVCorrupt, data, "bomb.docx", "70 MB")


def test_corrupt_docx_not_a_zip():
    _expect(CVCorrupt, b"this is not a zip at all, just words in a file", "cv.docx", "not a real .docx")


def test_corrupt_docx_damaged_zip():
    from tests.helpers.cv_samples import cv_docx

    data = cv_docx()
    _expect(CVCorrupt, data[: len(data) // 2], "cv.docx", "damaged")


def test_zip_without_word_document():
    _expect(CVCorrupt, _docx_zip({"hello.txt": b"hi"}), "cv.docx", "zip archive but not a Word document")
    _expect(CVUnsupported, _docx_zip({"hello.txt": b"hi"}), "cv.zip", "zip archive")
    _expect(CVCorrupt, _docx_zip({"[Content_Types].xml": b"<Types/>"}), "cv.docx", "not a Word document")


def test_docx_with_broken_xml():
    from tests.helpers.cv_samples import cv_docx

    src = zipfile.ZipFile(io.BytesIO(cv_docx()))
    members = {n: src.read(n) for n in src.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:200]
    _expect(CVCorrupt, _docx_zip(members), "cv.docx", "damaged")


@pytest.mark.parametrize("filename", ["cv.txt", "cv.pdf", "cv.docx", "cv.md"])
def test_empty_file(filename):
    _expect(CVTextEmpty, b"", filename, "empty")


def test_whitespace_only_text():
    _expect(CVTextEmpty, b"   \n\n\t  \n", "cv.txt", "empty")


def test_too_little_text():
    _expect(CVTextEmpty, b"- \n* \n1 2 3\n", "cv.txt", "Couldn't find any text")


def test_exe_is_unsupported():
    _expect(CVUnsupported, b"MZ\x90\x00\x03" + b"\x00" * 200, "setup.exe", "program", "PDF, DOCX or TXT")


def test_png_is_unsupported():
    _expect(CVUnsupported, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.png", "PNG image")


def test_png_named_pdf_is_corrupt():
    _expect(CVCorrupt, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "cv.pdf", "not a real .pdf", "PNG image")


def test_old_word_doc_is_unsupported():
    _expect(CVUnsupported, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "cv.doc", "save it as .docx")


def test_other_text_extension_is_unsupported():
    _expect(CVUnsupported, b"name,skill\nJo,Python\n", "cv.csv", ".csv files")


def test_pdf_named_docx_is_read_as_pdf():
    doc = read_cv(_text_pdf(), filename="cv.docx")
    assert doc.kind == "pdf" and "Python" in doc.text
    assert any("despite its .docx name" in w for w in doc.warnings)


def test_docx_named_pdf_is_read_as_docx():
    from tests.helpers.cv_samples import cv_docx

    doc = read_cv(cv_docx(), filename="cv.pdf")
    assert doc.kind == "docx" and "Riverbank" in doc.text


def test_over_the_size_limit():
    from skillgap.cv import MAX_BYTES

    data = b"a" * (MAX_BYTES + 1)
    _expect(CVTooLarge, data, "big.txt", "10.0 MB", "over 10 MB")
    # at the limit is fine (the size check is not off by one)
    assert read_cv(b"Python developer. " * 1000, filename="ok.txt", max_bytes=18_000).kind == "txt"


def test_file_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.pdf"
    with path.open("wb") as f:
        f.truncate(11 * 2**20)  # sparse: nothing is read
    with pytest.raises(CVTooLarge, match="'big.pdf' is 11.0 MB"):
        read_cv_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(CVError, match="does not exist"):
        read_cv_file(tmp_path / "nope.pdf")


def test_many_pages_are_capped():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for i in range(40):
        pdf.add_page()
        pdf.text(20, 20, f"Page {i + 1} mentions Python and SQL")
    doc = read_cv(bytes(pdf.output()), filename="long.pdf")
    assert "Page 30 mentions" in doc.text and "Page 31 mentions" not in doc.text
    assert any("only the first 30" in w for w in doc.warnings)


def test_slow_pdf_is_stopped_by_the_time_guard():
    from fpdf import FPDF

    from skillgap.cv.pdf import pdf_text

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for i in range(5):
        pdf.add_page()
        pdf.text(20, 20, f"Page {i + 1}")
    result = pdf_text(bytes(pdf.output()), filename="slow.pdf", time_limit_s=0.0)
    assert result.pages_read < 5
    assert any("unusually slow" in w for w in result.warnings)


def test_decompression_bomb_pdf():
    import zlib

    # a content stream that inflates to 80 MB of spaces (over pypdf's 75 MB limit) stored in ~80 KB
    payload = zlib.compress(b" " * 80_000_000, 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(payload) + payload + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    data = out.getvalue()
    assert len(data) < 200_000
    _expect(CVCorrupt, data, "bomb.pdf", "far more data than a CV")


def test_opendocument_is_unsupported_with_advice():
    data = _docx_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    _expect(CVUnsupported, data, "cv.odt", "OpenDocument", "save it as .docx")


def test_docx_detected_by_its_contents_whatever_the_name():
    from tests.helpers.cv_samples import cv_docx

    doc = read_cv(cv_docx(), filename="cv")  # no extension at all
    assert doc.kind == "docx" and "Riverbank" in doc.text


def test_pdf_with_one_scanned_page_warns():
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.text(20, 20, "Skills: Python, SQL and Docker for data pipelines")
    pdf.add_page()
    pdf.image(Image.new("RGB", (40, 40), (90, 90, 90)), x=20, y=20, w=40)
    doc = read_cv(bytes(pdf.output()), filename="mixed.pdf")
    assert "Python" in doc.text
    assert any("1 of 2 pages in 'mixed.pdf' are images without text" in w for w in doc.warnings)
