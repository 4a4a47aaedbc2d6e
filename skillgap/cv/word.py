"""Text from DOCX CVs with python-docx: paragraphs and tables in document order, text boxes included.

A DOCX is a zip. Before python-docx reads it, the members' declared sizes are checked (``skillgap.bytes_io``, the
same guard ingest uses) so a zip bomb (a tiny file that inflates to gigabytes) is refused.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from skillgap import bytes_io
from skillgap.errors import CVCorrupt

__all__ = ["docx_text", "check_zip"]

LIMITS = bytes_io.DOCUMENT_LIMITS

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def check_zip(data: bytes, *, filename: str) -> zipfile.ZipFile:
    """Open *data* as a zip and refuse bombs (``bytes_io.DOCUMENT_LIMITS``); the caller closes it."""
    try:
        zf = bytes_io.open_zip(data)
    except bytes_io.ArchiveProblem as exc:
        raise CVCorrupt(
            f"'{filename}' is not a valid DOCX (the file is damaged: {exc.detail}). Open it in Word or LibreOffice, "
            "save it again as .docx, or upload a PDF."
        ) from None
    try:
        bytes_io.check_zip_members(zf.infolist(), limits=LIMITS)
    except bytes_io.ArchiveProblem as exc:
        zf.close()
        raise CVCorrupt(
            f"'{filename}' unpacks to {exc.size / 1_000_000:,.0f} MB in {exc.count} parts — far more than a CV holds, "
            "so it was not opened. Save the CV again as .docx (without embedded media) or upload a PDF."
        ) from None
    return zf


def _cells_text(row, seen: dict[int, object]) -> str:
    parts: list[str] = []
    for cell in row.cells:
        tc = cell._tc
        if id(tc) in seen:  # merged cells repeat the same cell element across the grid
            continue
        seen[id(tc)] = tc  # holding the element keeps its id from being reused
        text = _block_text(cell).strip()
        if text:
            parts.append(text.replace("\n", "; "))
    return " | ".join(parts)


def _paragraph_text(p) -> list[str]:
    from docx.text.paragraph import Paragraph

    lines = [p.text]
    # Text boxes live inside runs (w:drawing/.../w:txbxContent); python-docx's Paragraph.text skips them.
    for box in p._p.iter(_W + "txbxContent"):
        # Word stores each text box twice (mc:Choice for new readers, mc:Fallback for old ones): read it once
        if any(a.tag == _MC + "Fallback" for a in box.iterancestors()):
            continue
        for inner in box.iter(_W + "p"):
            lines.append(Paragraph(inner, p._parent).text)
    return lines


def _block_text(container) -> str:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in container._element.iterchildren() if hasattr(container, "_element") else []:
        if child.tag == _W + "p":
            lines.extend(_paragraph_text(Paragraph(child, container)))
        elif child.tag == _W + "tbl":
            table = Table(child, container)
            seen: dict[int, object] = {}
            for row in table.rows:
                text = _cells_text(row, seen)
                if text:
                    lines.append(text)
            lines.append("")
        elif child.tag == _W + "sdt":  # content controls (some templates wrap whole sections in them)
            content = child.find(_W + "sdtContent")
            if content is not None:
                for p in content.iter(_W + "p"):
                    lines.append(Paragraph(p, container).text)
    return "\n".join(lines)


def docx_text(data: bytes, *, filename: str) -> str:
    """Extract the text of a DOCX CV.

    Raises:
        CVCorrupt: not a zip, a zip bomb, or not a Word document inside.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    zf = check_zip(data, filename=filename)
    try:
        names = set(zf.namelist())
    finally:
        zf.close()
    if "word/document.xml" not in names:
        raise CVCorrupt(
            f"'{filename}' is a zip archive but not a Word document. Upload the CV as .docx, .pdf or .txt."
        )
    try:
        document = docx.Document(io.BytesIO(data))
        body = document._body
        # python-docx wraps the body element; iterate its children in order.
        return _block_text_body(body)
    except CVCorrupt:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, KeyError,
            ValueError, AttributeError, TypeError, OSError, EOFError) as exc:  # fmt: skip
        # zlib.error: a damaged deflate stream; NotImplementedError/RuntimeError: unknown method, encrypted member
        raise CVCorrupt(
            f"'{filename}' looks damaged: the DOCX could not be parsed ({type(exc).__name__}). Open it in Word "
            "or LibreOffice, save it again, or upload a PDF."
        ) from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends
        if type(exc).__module__.startswith("lxml"):
            raise CVCorrupt(
                f"'{filename}' looks damaged: its document XML is broken. Save it again from your editor, or "
                "upload a PDF."
            ) from None
        raise


def _block_text_body(body) -> str:
    return _block_text(body)
