"""Text from PDF CVs with pypdf, reading two-column layouts column by column.

pypdf's "plain" mode follows the content stream, which for many two-column CVs alternates between the columns line by
line. Its "layout" mode keeps each glyph's horizontal position instead, so a column gutter shows up as a band of
blank character cells running down the page; when one is found the page is read left column first, then right
(full-width lines such as a name banner stay where they are). Pages without a gutter use the plain text.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zlib
from dataclasses import dataclass

from skillgap.errors import CVCorrupt, CVEncrypted

__all__ = ["PdfText", "pdf_text", "split_columns"]

MAX_PAGES = 30  # a CV longer than this is not a CV; later pages are ignored with a warning
TIME_LIMIT_S = 20.0  # whole-file budget; checked between pages
MAX_PAGE_CHARS = 200_000  # a page with more text than this is pathological (e.g. a data dump)

_MIN_GUTTER = 3  # blank character cells between columns in layout text
_INLINE_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True)
class PdfText:
    text: str
    pages: int
    pages_read: int
    image_pages: int  # pages that carry images but no text (scans)
    columns_pages: int  # pages read as two columns
    warnings: tuple[str, ...] = ()


def _gutter(lines: list[str]) -> tuple[int, int] | None:
    """The [start, end) character band that separates two columns, or None for a single-column page."""
    body = [ln for ln in lines if ln.strip()]
    if len(body) < 6:
        return None
    width = max(len(ln) for ln in body)
    if width < 40:
        return None
    occupied = [0] * width
    for ln in body:
        for i, ch in enumerate(ln):
            if not ch.isspace():
                occupied[i] += 1
    allowed = max(1, len(body) // 8)  # full-width lines (banner, footer) may cross the gutter
    lo, hi = int(width * 0.2), int(width * 0.8)
    best: tuple[int, int] | None = None
    for limit in range(allowed + 1):  # the cleanest band wins: first look for one no line crosses
        c = lo
        while c < hi:
            if occupied[c] <= limit:
                start = c
                while c < hi and occupied[c] <= limit:
                    c += 1
                if c - start >= _MIN_GUTTER and (best is None or c - start > best[1] - best[0]):
                    best = (start, c)
            c += 1
        if best is not None:
            break
    if best is None:
        return None
    start, end = best
    both = sum(1 for ln in body if ln[:start].strip() and ln[end:].strip() and not ln[start:end].strip())
    right_only = sum(1 for ln in body if ln[end:].strip() and not ln[: end].strip())
    if both + right_only < 3 or both < 2:
        return None
    # A single column with right-aligned dates ("Data Engineer ...... Jan 2019 - Present") also shows a blank band;
    # a real second column holds prose, not mostly short tags with digits.
    rights = [ln[end:].strip() for ln in body if ln[end:].strip() and not ln[start:end].strip()]
    tags = sum(1 for r in rights if len(r.split()) <= 4 and any(ch.isdigit() for ch in r) or len(r) < 6)
    right_words = sum(len(r.split()) for r in rights)
    all_words = sum(len(ln.split()) for ln in body)
    if tags * 2 >= len(rights) or right_words * 5 < all_words:
        return None
    return best


def split_columns(layout: str) -> str | None:
    """Reorder layout-mode text of one page as left column then right column; None when there are no columns."""
    lines = layout.split("\n")
    gutter = _gutter(lines)
    if gutter is None:
        return None
    start, end = gutter
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush() -> None:
        out.extend(left)
        if left and right:
            out.append("")
        out.extend(right)
        left.clear()
        right.clear()

    for ln in lines:
        if ln[start:end].strip():  # a full-width line: the columns before it are done
            flush()
            out.append(_INLINE_SPACES.sub(" ", ln.strip()))
            continue
        lpart, rpart = ln[:start].strip(), ln[end:].strip()
        left.append(_INLINE_SPACES.sub(" ", lpart))
        right.append(_INLINE_SPACES.sub(" ", rpart))
    flush()
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _page_has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        if xobjects:
            xobjects = xobjects.get_object()
            return any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)
        return False
    except Exception:
        return False


def _page_text(page) -> tuple[str, bool]:
    from pypdf.errors import LimitReachedError

    try:
        layout = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
    except LimitReachedError:
        raise  # a decompression bomb; plain mode would swallow it and report a "scanned" PDF
    except Exception:  # layout mode is fussier than plain mode about odd fonts; plain mode is the fallback
        layout = ""
    if layout and len(layout) <= MAX_PAGE_CHARS * 4:
        columns = split_columns(layout)
        if columns is not None:
            return columns, True
    plain = page.extract_text() or ""
    return plain, False


def pdf_text(
    data: bytes,
    *,
    filename: str,
    max_pages: int = MAX_PAGES,
    time_limit_s: float = TIME_LIMIT_S,
) -> PdfText:
    """Extract the text of a PDF CV.

    Raises:
        CVEncrypted: the PDF needs a password to open.
        CVCorrupt: pypdf cannot parse it, or a stream inflates past pypdf's safety limits.
    """
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError

    started = time.monotonic()
    try:
        reader = _open_pdf(data, filename=filename)
        return _read_pages(reader, filename=filename, max_pages=max_pages, time_limit_s=time_limit_s, started=started)
    except (CVEncrypted, CVCorrupt):
        raise
    except FileNotDecryptedError:
        raise CVEncrypted(
            f"'{filename}' is password-protected. Remove the password and upload the unprotected copy."
        ) from None
    except LimitReachedError:
        raise CVCorrupt(
            f"'{filename}' expands to far more data than a CV holds when unpacked (a damaged or hostile PDF). "
            "Export the CV again from your editor, or upload a DOCX."
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError,
            AssertionError, ZeroDivisionError, OverflowError, NotImplementedError, zlib.error,
            struct.error) as exc:  # fmt: skip  (NotImplementedError: a damaged /Filter name)
        # pypdf surfaces damaged files through many exception types; none of them is the user's bug to debug.
        raise CVCorrupt(
            f"'{filename}' looks damaged: the PDF could not be parsed ({type(exc).__name__}). "
            "Export it again from your editor, or upload a DOCX or TXT version."
        ) from None


def _open_pdf(data: bytes, *, filename: str):
    """A ``pypdf.PdfReader`` over ``data``, decrypted when an empty password opens it."""
    import pypdf
    from pypdf.errors import DependencyError, PyPdfError

    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError, PyPdfError) as exc:
            raise CVEncrypted(
                f"'{filename}' is an encrypted PDF we cannot open ({exc}). "
                "Save an unprotected copy (Print → Save as PDF) and upload that."
            ) from None
        if not opened:
            raise CVEncrypted(
                f"'{filename}' is password-protected. Remove the password (or Print → Save as PDF) and upload "
                "the unprotected copy."
            )
    return reader


def _read_pages(reader, *, filename: str, max_pages: int, time_limit_s: float, started: float) -> PdfText:
    """The text of the first ``max_pages`` pages, stopping once ``time_limit_s`` has passed since ``started``."""
    warnings: list[str] = []
    n_pages = len(reader.pages)
    texts: list[str] = []
    image_pages = columns_pages = pages_read = 0
    for i in range(min(n_pages, max_pages)):
        if time.monotonic() - started > time_limit_s:
            warnings.append(
                f"Stopped reading '{filename}' after {i} of {n_pages} pages: the PDF is unusually slow to read."
            )
            break
        page = reader.pages[i]
        text, columns = _page_text(page)
        pages_read += 1
        if len(text) > MAX_PAGE_CHARS:
            warnings.append(f"Page {i + 1} of '{filename}' holds unusually much text; only its start was read.")
            text = text[:MAX_PAGE_CHARS]
        if columns:
            columns_pages += 1
        if not text.strip() and _page_has_images(page):
            image_pages += 1
        texts.append(text)
    if n_pages > max_pages:
        warnings.append(f"'{filename}' has {n_pages} pages; only the first {max_pages} were read.")
    return PdfText(
        text="\n\n".join(t.strip("\n") for t in texts),
        pages=n_pages,
        pages_read=pages_read,
        image_pages=image_pages,
        columns_pages=columns_pages,
        warnings=tuple(warnings),
    )
