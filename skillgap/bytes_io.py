"""Bytes before text: decoding, binary sniffing and size-capped unpacking, shared by ingest and CV reading.

Nothing here knows about postings or CVs. Problems come back as ``ArchiveProblem`` (an archive that is damaged
or too big to unpack); each caller turns them into its own user-facing error (``IngestError``, ``CVCorrupt``).
"""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from dataclasses import dataclass

__all__ = [
    "DOCUMENT_LIMITS",
    "EXPORT_LIMITS",
    "MAX_UNCOMPRESSED",
    "ArchiveProblem",
    "Decoded",
    "ZipLimits",
    "check_zip_member",
    "check_zip_members",
    "control_count",
    "decode",
    "gunzip",
    "has_bom",
    "looks_binary",
    "looks_like_text",
    "open_zip",
    "read_zip_member",
    "utf16_without_bom",
]

MAX_UNCOMPRESSED = 1 << 30  # 1 GiB: no single export or archive unpacks to more
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


# ------------------------------------------------------------------------------------------ decoding
@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def has_bom(data: bytes) -> bool:
    """True when *data* starts with a UTF-8 or UTF-16 byte-order mark."""
    return data.startswith((codecs.BOM_UTF8, *_UTF16_BOMS))


def decode(data: bytes) -> Decoded:
    """Text from bytes: a byte-order mark decides; else UTF-8; else a legacy single-byte code page.

    Bytes that are not UTF-8 are read as CP-1252 (Latin-1 where CP-1252 has no character), the code page of
    most Western exports, unless the result is mostly accented letters, the sign of another code page
    (Cyrillic CP-1251, Shift-JIS ...): then charset-normalizer names the encoding.
    """
    if data.startswith(_UTF16_BOMS):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        legacy = Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        legacy = Decoded(data.decode("latin-1"), "latin-1")
    if _mostly_high_letters(legacy.text):
        return _guessed(data) or legacy
    return legacy


# Code pages that exports and CVs are really saved in, besides UTF-8 and CP-1252; charset-normalizer picks among
# these only (left free, it prefers rarities such as mac_cyrillic over CP-1251 on short texts).
_LEGACY_CODE_PAGES = (
    "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r", "cp932", "euc_jp",
    "gb18030", "big5", "cp949", "cp874", "cp1258",
)  # fmt: skip


def _mostly_high_letters(text: str, *, sample: int = 20_000) -> bool:
    """True when over a quarter of the sample's visible characters lie above ASCII: Western text has a few accents
    among many plain letters; another code page read as CP-1252 is mostly accented letters and symbols."""
    head = text[:sample]
    visible = len(head) - sum(head.count(c) for c in " \t\r\n")
    high = len(head) - len(head.encode("ascii", "ignore"))
    return high >= 8 and high * 4 > visible


def _guessed(data: bytes) -> Decoded | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:1_000_000], cp_isolation=list(_LEGACY_CODE_PAGES)).best()
    if best is None:
        return None
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NUL in every other byte (ASCII-range text), else None."""
    head = data[: 8192 - 8192 % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.4 * len(zeros) and other.count(0) <= 0.02 * len(other):
            try:
                return data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
    return None


# ------------------------------------------------------------------------------------------ sniffing
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"
_TEXT_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(sample: bytes) -> bool:
    """True for binary data: many NULs, or control bytes that text never has. A stray NUL in a CSV is text."""
    nuls = sample.count(b"\x00")
    if nuls * 100 > len(sample):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES)) - nuls
    return controls * 20 > len(sample)


def looks_like_text(data: bytes) -> bool:
    """True when *data* is text in a common encoding rather than a binary format (no NUL, few control bytes)."""
    head = data[:8192]
    if has_bom(head):
        return True
    if b"\x00" in head:
        return False
    return control_count(head) <= max(2, len(head) // 200)


def control_count(data: bytes) -> int:
    """Bytes below 32 other than tab, newline, form feed and carriage return."""
    return len(data) - len(data.translate(None, _TEXT_CONTROLS))


# ------------------------------------------------------------------------------------------ archives
class ArchiveProblem(Exception):
    """An archive that cannot be unpacked safely; ``kind`` says why, the caller words the message."""

    def __init__(self, kind: str, detail: str = "", *, member: str = "", size: int = 0, count: int = 0) -> None:
        super().__init__(detail or kind)
        self.kind = kind  # "damaged" | "truncated" | "too_big"
        self.detail = detail
        self.member = member
        self.size = size
        self.count = count


@dataclass(frozen=True)
class ZipLimits:
    """How far an archive may unpack. Every caller shares the ratio rule and the member count; the size cap is
    what the content can hold at most (``EXPORT_LIMITS`` for posting exports, ``DOCUMENT_LIMITS`` for a CV)."""

    max_bytes: int = MAX_UNCOMPRESSED
    max_ratio: int = 200  # a member compressed more than this ...
    ratio_from: int = 5_000_000  # ... and larger than this is a bomb, not a document or an export
    max_members: int = 10_000


EXPORT_LIMITS = ZipLimits()
DOCUMENT_LIMITS = ZipLimits(max_bytes=60_000_000)  # a text-heavy 10-page CV is well under 5 MB


def gunzip(data: bytes, *, max_bytes: int = MAX_UNCOMPRESSED) -> bytes:
    """Decompress gzip data, stopping at *max_bytes*."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise ArchiveProblem("damaged", str(exc)) from exc
    if len(out) > max_bytes:
        raise ArchiveProblem("too_big", size=len(out))
    if not d.eof:
        raise ArchiveProblem("truncated")
    return out


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The zip archive in *data* with its member list read; ``ArchiveProblem("damaged")`` when it is not one."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveProblem("damaged", str(exc)) from None
    return zf


def check_zip_member(info: zipfile.ZipInfo, *, limits: ZipLimits = EXPORT_LIMITS) -> None:
    """Refuse one member whose declared size is over the cap, or compressed far beyond any real file.

    zipfile stops at, and CRC-checks, the declared size, so a member cannot lie its way past this.
    """
    size = info.file_size
    if size > limits.max_bytes or (size > limits.ratio_from and size > limits.max_ratio * max(info.compress_size, 1)):
        raise ArchiveProblem("too_big", member=info.filename, size=size, count=1)


def check_zip_members(infos: list[zipfile.ZipInfo], *, limits: ZipLimits = EXPORT_LIMITS) -> None:
    """Refuse an archive that is a bomb by its declared sizes: too many members, too big in total, or one member
    refused by ``check_zip_member``. ``size`` on the problem is the declared total."""
    total = sum(i.file_size for i in infos)
    try:
        for info in infos:
            check_zip_member(info, limits=limits)
    except ArchiveProblem as exc:
        raise ArchiveProblem("too_big", member=exc.member, size=total, count=len(infos)) from None
    if len(infos) > limits.max_members or total > limits.max_bytes:
        raise ArchiveProblem("too_big", size=total, count=len(infos))


def read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, max_bytes: int = MAX_UNCOMPRESSED) -> bytes:
    """One member's bytes, never more than *max_bytes*."""
    with zf.open(info) as fh:
        blob = fh.read(max_bytes + 1)
    if len(blob) > max_bytes:
        raise ArchiveProblem("too_big", member=info.filename, size=len(blob))
    return blob
