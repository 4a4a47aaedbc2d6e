"""skillgap.bytes_io: one decoder and one zip guard for exports and CVs."""

from __future__ import annotations

import io
import zipfile

import pytest

from skillgap import bytes_io
from skillgap.cv.word import check_zip
from skillgap.errors import CVCorrupt, IngestError
from skillgap.ingest.readers import expand

WESTERN = "Senior Data Engineer in Zürich – Python, SQL; café résumé naïve. " * 3
CYRILLIC = "Программист Python в Москве: разработка сервисов, SQL, Kubernetes и облачные платформы. " * 3


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (WESTERN.encode("utf-8"), WESTERN, "utf-8"),
        (b"\xef\xbb\xbf" + WESTERN.encode("utf-8"), WESTERN, "utf-8"),
        (WESTERN.encode("utf-16"), WESTERN, "utf-16"),
        (WESTERN.encode("cp1252"), WESTERN, "cp1252"),
        ("Naïve – ok".encode("cp1252"), "Naïve – ok", "cp1252"),
        (b"caf\xe9 \x81", "caf\xe9 \x81", "latin-1"),  # 0x81 has no CP-1252 character
    ],
)
def test_decode_keeps_western_exports_as_before(data, text, encoding):
    got = bytes_io.decode(data)
    assert (got.text, got.encoding) == (text, encoding)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (CYRILLIC, "cp1251"),
        ("Pythonエンジニア募集 東京都 リモート可 年収800万円 AWS Kubernetes 経験3年以上", "shift_jis"),
        ("Python开发工程师 北京 远程 月薪3万 熟悉 Kubernetes 和 AWS", "gbk"),
    ],
)
def test_decode_names_another_code_page_through_charset_normalizer(text, codec):
    got = bytes_io.decode(text.encode(codec))
    assert got.text == text
    assert got.encoding not in ("cp1252", "latin-1")


def test_utf16_without_bom_is_recognised_and_plain_text_is_not():
    assert bytes_io.utf16_without_bom(WESTERN.encode("utf-16-le")) == WESTERN
    assert bytes_io.utf16_without_bom(WESTERN.encode("utf-8")) is None


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_one_ratio_rule_for_exports_and_cvs():
    """A 6 MB member compressed over 200x is refused by ingest and by the DOCX reader alike."""
    bomb = b"\0" * 6_000_000
    with pytest.raises(IngestError, match="zip bomb guard"):
        expand("export.zip", _zip({"postings.csv": bomb}))
    with pytest.raises(CVCorrupt, match="not opened"):
        check_zip(_zip({"word/document.xml": bomb}), filename="cv.docx")
    assert bytes_io.EXPORT_LIMITS.max_ratio == bytes_io.DOCUMENT_LIMITS.max_ratio
    assert bytes_io.EXPORT_LIMITS.ratio_from == bytes_io.DOCUMENT_LIMITS.ratio_from


def test_member_count_is_capped():
    limits = bytes_io.ZipLimits(max_members=3)
    zf = zipfile.ZipFile(io.BytesIO(_zip({f"m{i}.csv": b"a" for i in range(4)})))
    with pytest.raises(bytes_io.ArchiveProblem) as err:
        bytes_io.check_zip_members(zf.infolist(), limits=limits)
    assert err.value.count == 4


def test_gunzip_says_damaged_truncated_or_too_big():
    import gzip

    packed = gzip.compress(b"a" * 10_000)
    assert bytes_io.gunzip(packed) == b"a" * 10_000
    for data, kind, cap in ((b"\x1f\x8bnot gzip", "damaged", 10**6), (packed[:-12], "truncated", 10**6),
                            (packed, "too_big", 1_000)):  # fmt: skip
        with pytest.raises(bytes_io.ArchiveProblem) as err:
            bytes_io.gunzip(data, max_bytes=cap)
        assert err.value.kind == kind
