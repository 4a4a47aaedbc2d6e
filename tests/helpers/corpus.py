"""The nasty-file corpus, generated in code (nothing binary is committed).

``export_cases()`` yields hostile job-posting exports for every reader (CSV/TSV/JSON/JSONL/Parquet/XLSX, .gz/.zip);
``cv_cases()`` yields hostile CV files. Each case is ``Case(name, data, note, expect)`` where ``expect`` says what a
correct reader does with it:

- ``"any"``: loaded rows plus rejected rows with reasons, or a clean error - never a crash or a hang;
- ``"fail"``: a clean error (a ``failed``/``skipped`` ingest result, or a ``CVError``);
- ``"load"``: at least one row loads.

``long=True`` adds the big cases (a 1 GiB gzip bomb, a 50 MB CSV) used by ``run_corpus.py``, not by the unit tests.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import zipfile
from dataclasses import dataclass
from typing import Iterator

EXPORT_EXTS = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".parquet", ".xlsx", ".gz", ".zip")
CV_EXTS = ("pdf", "docx", "txt", "md", "doc", "odt", "png", "rtf", "")


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    note: str
    expect: str = "any"  # any | fail | load


def _rng(seed: int) -> random.Random:
    return random.Random(seed)


def random_bytes(n: int, seed: int) -> bytes:
    return _rng(seed).randbytes(n)


# ------------------------------------------------------------------------------------------ a valid export
DESCRIPTION = (
    "We are hiring a data engineer. You will build pipelines in Python and SQL, run them on AWS with Docker, "
    "and model data in PostgreSQL. Experience with Spark or Airflow is a plus."
)


def posting_rows(n: int = 5, *, title: str = "Data Engineer", description: str = DESCRIPTION) -> list[dict]:
    return [
        {
            "job_id": f"hx-{i}",
            "title": title if i else title,
            "company": f"Company {i}",
            "location": "Berlin, Germany",
            "date_posted": f"2026-10-{i % 27 + 1:02d}",
            "salary": "€60,000 - €70,000 a year",
            "description": f"{description} (posting {i})",
        }
        for i in range(n)
    ]


def csv_bytes(rows: list[dict], *, sep: str = ",") -> bytes:
    import csv

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=sep, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def json_bytes(rows: list[dict]) -> bytes:
    return json.dumps({"jobs": rows}).encode("utf-8")


def jsonl_bytes(rows: list[dict]) -> bytes:
    return b"\n".join(json.dumps(r).encode("utf-8") for r in rows) + b"\n"


def parquet_bytes(rows: list[dict]) -> bytes:
    import polars as pl

    buf = io.BytesIO()
    pl.DataFrame(rows).write_parquet(buf)
    return buf.getvalue()


def xlsx_bytes(rows: list[dict] | None = None, *, cells: list[list] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if cells is None:
        rows = rows or posting_rows()
        cells = [list(rows[0])] + [list(r.values()) for r in rows]
    for row in cells:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_bytes(members: list[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 10, 1, 0, 0, 0)), data, compress_type=compression)
    return buf.getvalue()


def valid_exports() -> dict[str, bytes]:
    rows = posting_rows()
    return {
        "board_2026-10-01.csv": csv_bytes(rows),
        "board_2026-10-01.tsv": csv_bytes(rows, sep="\t"),
        "board_2026-10-01.json": json_bytes(rows),
        "board_2026-10-01.jsonl": jsonl_bytes(rows),
        "board_2026-10-01.parquet": parquet_bytes(rows),
        "board_2026-10-01.xlsx": xlsx_bytes(rows),
    }


# ------------------------------------------------------------------------------------------ hostile exports
def _deep_json(depth: int) -> bytes:
    return b'{"jobs": [{"title": "Data Engineer", "description": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}]}"


def _corrupt_member_zip() -> bytes:
    good = zip_bytes([("jobs.csv", csv_bytes(posting_rows(50)))])
    # flip bytes in the deflate stream of the only member (after its 30-byte local header + name)
    data = bytearray(good)
    for i in range(60, 90):
        data[i] ^= 0x5A
    return bytes(data)


def _bad_crc_zip() -> bytes:
    """A stored (uncompressed) member whose CRC does not match its bytes."""
    data = bytearray(zip_bytes([("jobs.csv", csv_bytes(posting_rows(5)))], compression=zipfile.ZIP_STORED))
    i = data.index(b"hx-0")  # change a byte of the content: the recorded CRC-32 is now wrong
    data[i] = ord("X")
    return bytes(data)


def _encrypted_member_zip() -> bytes:
    data = bytearray(zip_bytes([("jobs.csv", csv_bytes(posting_rows(5)))], compression=zipfile.ZIP_STORED))
    # set the "encrypted" flag bit in the local header and the central directory entry
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.index(sig)
        data[i + off] |= 0x01
    return bytes(data)


def _unknown_method_zip() -> bytes:
    data = bytearray(zip_bytes([("jobs.csv", csv_bytes(posting_rows(5)))], compression=zipfile.ZIP_STORED))
    for sig, off in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        i = data.index(sig)
        data[i + off : i + off + 2] = (99).to_bytes(2, "little")  # AES method id
    return bytes(data)


def _nested_zip(levels: int) -> bytes:
    data = csv_bytes(posting_rows(3))
    name = "jobs.csv"
    for n in range(levels):
        data = zip_bytes([(name, data)])
        name = f"level{n}.zip"
    return data


def export_cases(*, long: bool = False) -> Iterator[Case]:
    rows = posting_rows()
    valid = valid_exports()

    # random bytes, under every extension (two sizes, two seeds)
    for i, ext in enumerate(EXPORT_EXTS):
        for seed, n in ((100 + i, 64), (200 + i, 50_000)):
            yield Case(f"random_{seed}{ext}", random_bytes(n, seed), f"{n} random bytes named {ext}")
    # random printable text and a JSON/ZIP/Parquet magic followed by junk
    yield Case("magic_par1.parquet", b"PAR1" + random_bytes(5000, 3), "Parquet magic then junk", "fail")
    yield Case("magic_pk.xlsx", b"PK\x03\x04" + random_bytes(5000, 4), "zip magic then junk", "fail")
    yield Case("magic_pk.csv", b"PK\x03\x04" + random_bytes(5000, 5), "zip magic named .csv", "fail")
    yield Case("magic_gz.csv.gz", b"\x1f\x8b" + random_bytes(5000, 6), "gzip magic then junk", "fail")

    # truncated files: every valid export cut at a quarter, half and all-but-7 bytes
    for name, data in valid.items():
        for cut in (len(data) // 4, len(data) // 2, len(data) - 7):
            yield Case(f"truncated_{cut}_{name}", data[:cut], f"{name} cut to {cut} of {len(data)} bytes")
    gz = gzip.compress(valid["board_2026-10-01.csv"])
    yield Case("truncated.csv.gz", gz[: len(gz) // 2], "gzip cut in half", "fail")
    zp = zip_bytes([("jobs.csv", valid["board_2026-10-01.csv"])])
    yield Case("truncated.zip", zp[: len(zp) // 2], "zip cut in half (no central directory)", "fail")

    # empty and near-empty
    yield Case("empty.csv", b"", "zero bytes", "fail")
    yield Case("bom_only.csv", b"\xef\xbb\xbf", "UTF-8 BOM only", "fail")
    yield Case("header_only.csv", b"title,company,description\n", "header, no rows")
    yield Case("empty.json", b"", "zero bytes", "fail")
    yield Case("empty_list.json", b"[]", "empty JSON list")
    yield Case("null.json", b"null", "JSON null", "fail")
    yield Case("scalar.json", b"42", "JSON number", "fail")
    yield Case("string.json", b'"jobs"', "JSON string", "fail")
    yield Case("whitespace.jsonl", b"\n\n  \n", "blank lines", "fail")
    yield Case("empty.zip", zip_bytes([]), "zip with no members", "fail")
    yield Case("empty_rows.parquet", _empty_parquet(), "Parquet with zero rows")

    # deep JSON nesting
    for depth in (500, 5_000, 100_000):
        yield Case(f"deep_{depth}.json", _deep_json(depth), f"description nested {depth} objects deep")
        yield Case(f"deep_list_{depth}.json", b"[" * depth + b"]" * depth, f"lists nested {depth} deep")
    line = json.dumps({"title": "Data Engineer", "company": "Acme", "description": DESCRIPTION}).encode()
    yield Case("deep_line.jsonl", line + b"\n" + b"[" * 50_000 + b"]" * 50_000 + b"\n" + line + b"\n",
               "JSON Lines with one line nested 50,000 deep")

    # a header with 100,000 columns
    header = ",".join(["title", "description", *[f"c{i}" for i in range(100_000)]]).encode()
    row = ("Data Engineer," + '"' + DESCRIPTION + '",' + ",".join("x" * 100_000)).encode()
    yield Case("wide_100k.csv", header + b"\n" + row + b"\n", "header with 100,002 columns")
    wide = [{"title": "Data Engineer", "description": DESCRIPTION, **{f"k{i}": i for i in range(20_000)}}]
    yield Case("wide_20k.json", json.dumps(wide).encode(), "JSON record with 20,002 keys")

    # encodings: invalid UTF-8, Latin-1, UTF-16, lone surrogates escaped in JSON
    bad = csv_bytes(rows).replace(b"Berlin", b"Berl\xff\xfe\x80n").replace(b"Company 1", b"Comp\xc3any 1")
    yield Case("invalid_utf8.csv", bad, "invalid UTF-8 sequences in fields", "load")
    yield Case("latin1.csv", csv_bytes(rows).decode().replace("Berlin", "Zürich").replace("€", "EUR ").encode("latin-1"), "Latin-1", "load")
    yield Case("utf16.csv", csv_bytes(rows).decode().encode("utf-16"), "UTF-16 with BOM", "load")
    yield Case("surrogates.json", json_bytes(rows).replace(b"Company 1", b"Company \\ud800 1"),
               "lone surrogate escape in JSON")
    yield Case("invalid_utf8.jsonl", jsonl_bytes(rows).replace(b"Berlin", b"Berl\xff\xc3n"), "invalid UTF-8", "load")

    # NUL bytes
    nul = csv_bytes(rows).replace(b"Python", b"Py\x00thon")
    yield Case("nul_in_field.csv", nul, "NUL bytes inside a field")
    yield Case("nul_late.csv", csv_bytes(posting_rows(200)) + b"x\x00y,z\x00\n", "NUL bytes after 8 KiB", "load")
    yield Case("nul_in_field.json", json_bytes(rows).replace(b"Python", b"Py\\u0000thon"), "escaped NUL in JSON",
               "load")

    # formula-looking cells and markup in every text field
    hostile = [
        '=HYPERLINK("http://evil.example/x","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
        "<script>alert(1)</script>", "![x](http://evil.example/img.png)", "[click](javascript:alert(1))",
    ]
    frows = [dict(r, title=hostile[i % len(hostile)], company=hostile[(i + 1) % len(hostile)],
                  description=hostile[(i + 2) % len(hostile)] + " " + DESCRIPTION) for i, r in enumerate(posting_rows(7))]
    yield Case("formulas.csv", csv_bytes(frows), "formula and markup cells", "load")
    yield Case("formulas.json", json_bytes(frows), "formula and markup values", "load")
    yield Case("formulas.xlsx", xlsx_bytes(cells=[["title", "company", "description"],
                                                  ['=HYPERLINK("http://evil.example","x")', "=1+1", DESCRIPTION],
                                                  ["Data Engineer", "Acme", '=HYPERLINK("http://evil.example")']]),
               "real XLSX formulas")

    # giant single fields
    big = "python " * 400_000  # 2.8 MB
    yield Case("giant_field.csv", csv_bytes([dict(rows[0], description=big), *rows[1:]]), "one 2.8 MB field")
    yield Case("giant_field.jsonl", jsonl_bytes([dict(rows[0], description=big), *rows[1:]]), "one 2.8 MB field")
    yield Case("giant_title.json", json_bytes([dict(rows[0], title="T" * 3_000_000), *rows[1:]]), "3 MB title")
    yield Case("unterminated_quote.csv", b'title,description\n"Data Engineer,' + b"x" * 2_000_000 + b"\n",
               "an opening quote never closed, 2 MB")
    n = 200_000 if long else 20_000
    yield Case(f"one_line_{n}.csv", b"title," * n, f"one {6 * n:,}-byte line of repeated names and no newline")

    # broken structure
    yield Case("ragged.csv", b"title,company,description\nA,B\nC,D,E,F,G\nData Engineer,Acme,\"" +
               DESCRIPTION.encode() + b"\"\n", "rows with too few / too many fields", "load")
    yield Case("jsonl_bad_line.jsonl", jsonl_bytes(rows[:2]) + b'{"title": "broken\n' + jsonl_bytes(rows[2:]),
               "a syntax error in the middle", "load")
    yield Case("json_mixed.json", json.dumps([rows[0], 1, "x", None, [1], rows[1]]).encode(),
               "records mixed with non-objects", "load")
    yield Case("json_inf.json", b'[{"title": "Data Engineer", "description": "x", "salary": 1e999, "n": NaN}]',
               "non-finite numbers")
    yield Case("json_dup_keys.json", b'[{"title": "A", "title": "B", "description": "' + DESCRIPTION.encode() + b'"}]',
               "duplicate keys", "load")
    nested_pq = _nested_parquet()
    yield Case("nested.parquet", nested_pq, "struct/list/binary columns")
    yield Case("xlsx_not_workbook.xlsx", zip_bytes([("hello.txt", b"hi")]), "a zip that is not a workbook", "fail")

    # archives: zip-slip member names, corrupt members, nesting
    member = csv_bytes(rows)
    yield Case("zipslip.zip", zip_bytes([("../../evil.csv", member), ("/etc/cron.d/evil.csv", member),
                                         ("..\\..\\win.csv", member), ("ok/../../x.csv", member)]),
               "member names with ../, absolute and backslash paths")
    yield Case("corrupt_member.zip", _corrupt_member_zip(), "a member whose deflate stream is damaged", "fail")
    yield Case("bad_crc.zip", _bad_crc_zip(), "a member whose CRC-32 does not match", "fail")
    yield Case("encrypted_member.zip", _encrypted_member_zip(), "a member flagged as encrypted", "fail")
    yield Case("unknown_method.zip", _unknown_method_zip(), "a member with an unknown compression method", "fail")
    yield Case("nested_5.zip", _nested_zip(5), "a zip in a zip ... 5 deep", "load")
    yield Case("nested_60.zip", _nested_zip(60), "a zip in a zip ... 60 deep")
    yield Case("gz_in_zip.zip", zip_bytes([("jobs.csv.gz", gzip.compress(member))]), "a .gz inside a .zip", "load")
    size = 50_000_000 if long else 10_000_000
    bomb = gzip.compress(b"0" * size, compresslevel=9)
    yield Case(f"bomb_{size // 1_000_000}mb.csv.gz", bomb, f"{len(bomb):,} bytes of gzip -> {size // 1_000_000} MB of zeros")
    yield Case("bomb_ratio.zip", zip_bytes([("jobs.csv", b"a," * 10_000_000)]), "zip member at a ~1000:1 ratio", "fail")
    if long:
        big_bomb = _gzip_zeros((1 << 30) + 1024)
        yield Case("bomb_1gib.csv.gz", big_bomb, f"{len(big_bomb):,} bytes of gzip -> 1 GiB + 1 KiB", "fail")
        many = csv_bytes(posting_rows(60_000))
        yield Case("big_60k_rows.csv", many, f"{len(many) / 1e6:.0f} MB CSV, 60,000 rows", "load")


def _gzip_zeros(n: int) -> bytes:
    buf = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        for _ in range(n // len(chunk)):
            gz.write(chunk)
        gz.write(b"\0" * (n % len(chunk)))
    return buf.getvalue()


def _empty_parquet() -> bytes:
    import polars as pl

    buf = io.BytesIO()
    pl.DataFrame(schema={"title": pl.String, "description": pl.String}).write_parquet(buf)
    return buf.getvalue()


def _nested_parquet() -> bytes:
    import polars as pl

    buf = io.BytesIO()
    pl.DataFrame({
        "title": ["Data Engineer", None],
        "description": [DESCRIPTION, "x"],
        "tags": [["a", "b"], []],
        "meta": [{"k": 1}, {"k": None}],
        "blob": [b"\x00\xff", b""],
        "when": [None, None],
    }).write_parquet(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------------------ hostile CVs
CV_TEXT = (
    "Jordan Example\nData engineer\n\nExperience\nAcme GmbH, 2021-2025\nBuilt pipelines in Python and SQL on AWS; "
    "Docker, PostgreSQL, Airflow.\n\nSkills\nPython, SQL, Docker, Kubernetes, Spark\n"
)


def pdf_text(text: str = CV_TEXT) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def png_bytes(w: int = 64, h: int = 64) -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes((x * 3 + y) % 256 for x in range(w * 3)) for y in range(h))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pdf_images_only(pages: int = 2) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    img = io.BytesIO(png_bytes())
    for _ in range(pages):
        pdf.add_page()
        img.seek(0)
        pdf.image(img, x=10, y=10, w=180)
    return bytes(pdf.output())


def docx_text(text: str = CV_TEXT) -> bytes:
    from docx import Document

    d = Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_images_only() -> bytes:
    from docx import Document

    d = Document()
    d.add_picture(io.BytesIO(png_bytes()))
    d.add_picture(io.BytesIO(png_bytes(32, 32)))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_corrupt_xref(data: bytes | None = None) -> bytes:
    """Every xref offset pointing at the wrong place, and startxref past the end."""
    data = data or pdf_text()
    xref = data.rindex(b"\nxref")
    head, tail = data[:xref], data[xref:]
    lines = tail.split(b"\n")
    out = []
    for ln in lines:
        if len(ln) >= 18 and ln[10:11] == b" " and ln.rstrip().endswith((b" n", b" f")):
            ln = b"%010d" % (int(ln[:10]) + 37) + ln[10:]
        out.append(ln)
    tail = b"\n".join(out)
    s = tail.rindex(b"startxref")
    tail = tail[:s] + b"startxref\n" + str(len(data) * 3).encode() + b"\n%%EOF\n"
    return head + tail


def cv_cases(*, long: bool = False) -> Iterator[Case]:
    for ext in CV_EXTS:
        for seed, n in ((11, 100), (12, 30_000)):
            yield Case(f"random_{seed}.{ext}" if ext else f"random_{seed}", random_bytes(n, seed),
                       f"{n} random bytes named .{ext or '(none)'}", "fail")
    yield Case("corrupt_xref.pdf", pdf_corrupt_xref(), "every xref offset wrong, startxref past EOF")
    yield Case("images_only.pdf", pdf_images_only(), "two pages of images, no text layer", "fail")
    yield Case("images_only.docx", docx_images_only(), "a DOCX holding only pictures", "fail")
    yield Case("huge_50mb.pdf", b"%PDF-1.7\n" + b"0" * 50_000_000, "a 50 MB file", "fail")
    yield Case("huge_50mb.txt", b"python " * 7_200_000, "a 50 MB text file", "fail")
    yield Case("nul_bytes.txt", CV_TEXT.encode().replace(b"Python", b"Py\x00thon"), "NUL bytes in text")
    yield Case("invalid_utf8.txt", CV_TEXT.encode() + b"\xff\xfe\xc3(", "invalid UTF-8 after the text")
    yield Case("markup.md", ("<script>alert(1)</script>\n![x](http://evil.example/i.png)\n" + CV_TEXT).encode(),
               "Markdown with HTML and a remote image", "load")
    pdf = pdf_text()
    for cut in (len(pdf) // 3, len(pdf) - 30):
        yield Case(f"truncated_{cut}.pdf", pdf[:cut], f"text PDF cut to {cut} of {len(pdf)} bytes")
    dx = docx_text()
    yield Case("truncated.docx", dx[: len(dx) // 2], "DOCX cut in half", "fail")
    if long:
        yield Case("huge_9mb.txt", (CV_TEXT * 40_000).encode()[:9_900_000], "9.9 MB of CV text (under the limit)")


def write_cases(cases: list[Case], folder: os.PathLike) -> list[str]:
    """Write cases as files under *folder*; return their paths."""
    from pathlib import Path

    out = []
    for c in cases:
        p = Path(folder) / c.name
        p.write_bytes(c.data)
        out.append(str(p))
    return out
