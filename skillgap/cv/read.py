"""Read a CV file (PDF, DOCX, TXT, Markdown) into a ``CVDocument``: clean text, sections and jobs.

The type comes from the file's first bytes, not just its name: a ".pdf" that is really a DOCX is read as a DOCX
(with a warning), a ".docx" that is not a zip is refused as damaged. Every failure is a ``CVError`` subclass whose
message names the file and says what to do; nothing here writes the CV anywhere or logs its text.
"""

from __future__ import annotations

from pathlib import Path

from skillgap.cv.clean import clean_cv_text
from skillgap.cv.jobs import find_jobs
from skillgap.cv.model import CVDocument
from skillgap.cv.pdf import pdf_text
from skillgap.cv.plain import decode_text, looks_like_text, markdown_to_text, text_with_nuls
from skillgap.cv.sections import find_sections
from skillgap.errors import CVCorrupt, CVTextEmpty, CVTooLarge, CVUnsupported

__all__ = ["MAX_BYTES", "detect_kind", "read_cv", "read_cv_file"]

MAX_BYTES = 10 * 2**20  # 10 MB as Streamlit counts them (server.maxUploadSize = 10)
MIN_TEXT_CHARS = 20  # fewer letters than this is not a CV we can judge

_TEXT_EXTS = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md", "": "txt"}
_KNOWN_EXTS = {"pdf", "docx", *_TEXT_EXTS}
# First bytes of formats people upload by mistake, with the advice for each.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc (Office 97-2003) file — save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file — save it as .docx or PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image — upload the CV as a PDF, DOCX or TXT with real text"),
    (b"\xff\xd8\xff", "a JPEG image — upload the CV as a PDF, DOCX or TXT with real text"),
    (b"GIF8", "a GIF image — upload the CV as a PDF, DOCX or TXT with real text"),
    (b"II*\x00", "a TIFF image — upload the CV as a PDF, DOCX or TXT with real text"),
    (b"MM\x00*", "a TIFF image — upload the CV as a PDF, DOCX or TXT with real text"),
    (b"MZ", "a Windows program — upload the CV as a PDF, DOCX or TXT"),
    (b"\x7fELF", "a program — upload the CV as a PDF, DOCX or TXT"),
    (b"\x1f\x8b", "a gzip archive — unpack it and upload the CV itself"),
    (b"Rar!", "a RAR archive — unpack it and upload the CV itself"),
    (b"7z\xbc\xaf", "a 7-Zip archive — unpack it and upload the CV itself"),
]


def _ext(filename: str) -> str:
    name = Path(filename).name
    return name.rsplit(".", 1)[1].casefold() if "." in name else ""


def detect_kind(data: bytes, *, filename: str) -> str:
    """"pdf", "docx", "zip" (some other zip), "text", or a description of an unsupported format."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, ext=_ext(filename))
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    if looks_like_text(data):
        return "text"
    return "binary"


def _zip_kind(data: bytes, *, ext: str) -> str:
    if ext == "docx":
        return "docx"  # docx_text checks the inside and says what is wrong
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            small = "mimetype" in names and zf.getinfo("mimetype").file_size < 200
            mimetype = zf.read("mimetype")[:80] if small else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError, RuntimeError):
        return "zip"
    except Exception as exc:  # zlib.error from a damaged "mimetype" member
        if type(exc).__module__ != "zlib":
            raise
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "an OpenDocument file — save it as .docx or PDF"
    return "zip"


def read_cv(data: bytes, *, filename: str, max_bytes: int = MAX_BYTES) -> CVDocument:
    """Turn the bytes of an uploaded CV into a ``CVDocument``.

    Raises:
        CVTooLarge: over *max_bytes*.
        CVTextEmpty: an empty file, or no text (a scanned PDF).
        CVEncrypted: a password-protected PDF.
        CVUnsupported: an image, program, old .doc or other format we do not read.
        CVCorrupt: a damaged PDF/DOCX, a zip bomb, or an extension that lies (".docx" that is not a zip).
    """
    name = Path(filename).name or "CV"
    _check_size(data, name=name, max_bytes=max_bytes)
    kind, raw, warnings = _raw_text(data, name=name)
    text = _enough_text(clean_cv_text(raw), name=name, kind=kind)
    sections = find_sections(text)
    jobs = find_jobs(text, sections)
    if not any(s.name in ("skills", "experience", "projects", "education") for s in sections):
        warnings.append(
            f"No usual CV headings (Skills, Experience, Education) were found in '{name}'; skills are still read "
            "from the whole text, but where each one was used is less certain."
        )
    return CVDocument(filename=name, kind=kind, text=text, sections=sections, jobs=jobs, warnings=warnings)


def _check_size(data: bytes, *, name: str, max_bytes: int) -> None:
    """Refuse a file over *max_bytes* or with nothing but whitespace in it."""
    if len(data) > max_bytes:
        raise CVTooLarge(
            f"'{name}' is {len(data) / 2**20:.1f} MB; CVs over {max_bytes / 2**20:.0f} MB are not read. "
            "Export it without embedded images, or upload a DOCX or TXT version."
        )
    if not data.strip():
        raise CVTextEmpty(f"'{name}' is empty. Upload the CV as a PDF, DOCX or TXT file with its text in it.")


def _raw_text(data: bytes, *, name: str) -> tuple[str, str, list[str]]:
    """``(kind, raw text, warnings)`` read the way the file's first bytes (and then its name) say."""
    ext = _ext(name)
    found = detect_kind(data, filename=name)
    warnings: list[str] = []
    if found == "pdf":
        if ext not in ("pdf", ""):
            warnings.append(f"'{name}' is a PDF despite its .{ext} name; it was read as a PDF.")
        return "pdf", _read_pdf(data, name=name, warnings=warnings), warnings
    if found == "docx":
        if ext not in ("docx", ""):
            warnings.append(f"'{name}' is a Word document despite its .{ext} name; it was read as a DOCX.")
        from skillgap.cv.word import docx_text

        return "docx", docx_text(data, filename=name), warnings
    if ext in ("pdf", "docx"):
        what = {"zip": "another kind of zip archive", "text": "plain text", "binary": "unrecognised binary data"}
        raise CVCorrupt(
            f"'{name}' is not a real .{ext} file (its content is {what.get(found, found.split(' —')[0])}). "
            "Open the CV in your editor and save or export it again as PDF or DOCX."
        )
    if found == "zip":
        raise CVUnsupported(
            f"'{name}' is a zip archive, not a CV document. Upload the CV itself as a PDF, DOCX or TXT file."
        )
    return _read_plain(data, name=name, ext=ext, found=found)


def _read_plain(data: bytes, *, name: str, ext: str, found: str) -> tuple[str, str, list[str]]:
    """A TXT or Markdown CV (``found`` is "text", or "binary" with NUL bytes); anything else is refused."""
    warnings: list[str] = []
    if found == "text" and ext in _TEXT_EXTS:
        kind = _TEXT_EXTS[ext]
        raw = decode_text(data)
    elif found == "binary" and ext in _TEXT_EXTS and b"\x00" in data:
        # NUL bytes: UTF-16 without a BOM, or text with stray NULs; anything else is not a text file at all
        read = text_with_nuls(data)
        if read is None:
            raise CVCorrupt(
                f"'{name}' is not plain text: it holds NUL bytes and other binary data (a damaged file, or another "
                f"format renamed to .{ext}). Open it in an editor and save it as UTF-8 text, or upload a PDF or DOCX."
            )
        kind = _TEXT_EXTS[ext]
        raw, note = read
        warnings.append(f"'{name}': {note}.")
    elif found == "text":
        raise CVUnsupported(
            f"'{name}': .{ext} files are not read as CVs. Upload a PDF, DOCX, TXT or Markdown (.md) file."
        )
    else:
        what = found if found != "binary" else "not a format we read"
        raise CVUnsupported(f"'{name}' is {what}. We read PDF, DOCX, TXT and Markdown CVs.")
    if kind == "md":
        raw = markdown_to_text(raw)
    return kind, raw, warnings


def _enough_text(text: str, *, name: str, kind: str) -> str:
    """``text`` if it has enough letters to judge; a scanned PDF or an empty document is refused."""
    if sum(ch.isalpha() for ch in text) < MIN_TEXT_CHARS:
        if kind == "pdf":
            raise CVTextEmpty(
                f"Couldn't read any text from '{name}' — is it a scanned image? Try a DOCX or a text-based PDF."
            )
        raise CVTextEmpty(f"Couldn't find any text in '{name}'. Upload the CV as a PDF, DOCX or TXT with its text.")
    return text


def _read_pdf(data: bytes, *, name: str, warnings: list[str]) -> str:
    result = pdf_text(data, filename=name)
    warnings.extend(result.warnings)
    if result.image_pages and result.pages_read > result.image_pages:
        warnings.append(
            f"{result.image_pages} of {result.pages_read} pages in '{name}' are images without text (scans); "
            "their content could not be read."
        )
    return result.text


def read_cv_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> CVDocument:
    """Read a CV from disk (size checked before the file is loaded)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise CVUnsupported(f"'{p}' does not exist. Check the path and try again.") from None
    if p.is_dir():
        raise CVUnsupported(f"'{p}' is a folder, not a CV file.")
    if size > max_bytes:
        raise CVTooLarge(
            f"'{p.name}' is {size / 2**20:.1f} MB; CVs over {max_bytes / 2**20:.0f} MB are not read. "
            "Export it without embedded images, or upload a DOCX or TXT version."
        )
    return read_cv(p.read_bytes(), filename=p.name, max_bytes=max_bytes)
