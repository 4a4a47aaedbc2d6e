"""Bytes -> tables: format and encoding detection, decompression, CSV/JSON/JSONL/Parquet/XLSX readers.

A reader returns a ``RawTable``: either a polars frame of strings (tabular formats) or a list of dict records
(JSON formats), plus the JSON envelope (``meta``) and the rows it could not read (``rejects``). Row-level problems
become rejects; a file that cannot be read at all raises ``IngestError`` naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Iterator

import polars as pl

from skillgap.errors import IngestError

POSTING_EXTENSIONS = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".parquet", ".xlsx"}
ARCHIVE_EXTENSIONS = {".gz", ".zip"}
# Keys under which JSON exports keep their records, most specific first.
RECORD_KEYS = ("jobs", "jobs_results", "postings", "results", "data", "items", "records", "comments", "hits")
MAX_UNCOMPRESSED = 1 << 30  # 1 GiB per archive member: a zip bomb stops here
MAX_RATIO = 200  # and at this compression ratio for anything over 10 MB
DEFAULT_MAX_FIELD_BYTES = 1 << 20


@dataclass
class Reject:
    row_number: int | None
    reason: str
    raw: str | None = None


@dataclass
class RawTable:
    """What a reader found in one file (or archive member)."""

    name: str
    format: str
    frame: pl.DataFrame | None = None  # tabular: every column Utf8
    records: list[dict[str, Any]] | None = None  # JSON: one dict per record
    meta: dict[str, Any] = field(default_factory=dict)  # JSON envelope without the records
    record_key: str | None = None
    rejects: list[Reject] = field(default_factory=list)
    row_numbers: list[int] | None = None  # 1-based record number per frame row / record

    @property
    def columns(self) -> list[str]:
        if self.frame is not None:
            return list(self.frame.columns)
        seen: dict[str, None] = {}
        for rec in (self.records or [])[:200]:
            for k in flatten_keys(rec):
                seen.setdefault(k, None)
        return list(seen)

    @property
    def n_records(self) -> int:
        if self.frame is not None:
            return self.frame.height
        return len(self.records or [])


def flatten_keys(rec: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """Dotted key paths of a record: nested dicts become ``a.b``; lists stay one key."""
    for k, v in rec.items():
        key = f"{prefix}{k}"
        yield key
        if isinstance(v, dict) and len(v) <= 50:
            yield from flatten_keys(v, key + ".")


# ------------------------------------------------------------------------------------------ containers
def expand(name: str, data: bytes, *, max_bytes: int = MAX_UNCOMPRESSED) -> list[tuple[str, bytes]]:
    """Unwrap .gz and .zip (in memory, size-capped) into (member name, bytes) pairs."""
    lower = name.lower()
    if lower.endswith(".gz") or data[:2] == b"\x1f\x8b":
        inner = name[:-3] if lower.endswith(".gz") else name
        return expand(inner, _gunzip(name, data, max_bytes=max_bytes), max_bytes=max_bytes)
    if lower.endswith(".zip") or data[:4] == b"PK\x03\x04":
        if lower.endswith(".xlsx"):
            return [(name, data)]
        return _unzip(name, data, max_bytes=max_bytes)
    return [(name, data)]


def _gunzip(name: str, data: bytes, *, max_bytes: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise IngestError(f"{name}: not a valid gzip file ({exc}); re-download or re-compress it.") from exc
    if len(out) > max_bytes:
        raise IngestError(f"{name}: decompresses to more than {max_bytes:,} bytes; refusing (zip bomb guard).")
    if not d.eof:
        raise IngestError(f"{name}: gzip data is truncated; re-download the file.")
    return out


def _unzip(name: str, data: bytes, *, max_bytes: int) -> list[tuple[str, bytes]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise IngestError(f"{name}: not a valid zip file ({exc}); re-download it.") from exc
    out = []
    total = 0
    for info in zf.infolist():
        if info.is_dir():
            continue
        # Members are only ever read into memory; the path is kept as a label, never used on disk.
        member = PurePosixPath(info.filename.replace("\\", "/"))
        parts = [p for p in member.parts if p not in ("", ".", "..", "/")]
        if not parts or parts[-1].startswith(".") or parts[0] == "__MACOSX":
            continue
        suffix = PurePosixPath(parts[-1]).suffix.lower()
        if suffix not in POSTING_EXTENSIONS | ARCHIVE_EXTENSIONS:
            continue
        if info.file_size > max_bytes or (
            info.file_size > 10_000_000 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO
        ):
            raise IngestError(
                f"{name}!{info.filename}: declares {info.file_size:,} bytes uncompressed; refusing (zip bomb guard)."
            )
        with zf.open(info) as fh:
            blob = fh.read(max_bytes + 1)
        total += len(blob)
        if len(blob) > max_bytes or total > max_bytes:
            raise IngestError(f"{name}: members decompress to more than {max_bytes:,} bytes; refusing (zip bomb guard).")
        label = f"{name}!{'/'.join(parts)}"
        out.extend(expand(label, blob, max_bytes=max_bytes))
    return out


# ------------------------------------------------------------------------------------------ detection
def detect_format(name: str, data: bytes) -> str:
    """csv | json | jsonl | parquet | xlsx, from the extension, checked against the first bytes."""
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    suffix = PurePosixPath(name.split("!")[-1]).suffix.lower()
    if suffix in (".parquet",):
        return "parquet"
    if suffix == ".xlsx":
        return "xlsx"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        if head[:1] == b"{" and _looks_like_jsonl(data):
            return "jsonl"
        return "json"
    if head[:1] in (b"{", b"[") and suffix not in (".csv", ".tsv"):
        return "jsonl" if head[:1] == b"{" and _looks_like_jsonl(data) else "json"
    return "csv"


def _looks_like_jsonl(data: bytes) -> bool:
    lines = [ln.strip() for ln in data[:65536].splitlines()[:3] if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(json.loads(ln), dict) for ln in lines[:2])
    except ValueError:
        return False


def check_not_binary(name: str, data: bytes) -> None:
    if not data.strip():
        raise IngestError(f"{name}: the file is empty; nothing to load.")
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(
            f"{name}: looks like a binary file, not a CSV/JSON/Parquet/XLSX export; check the file type."
        )


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM stripped), else CP-1252, else Latin-1. Returns (text, encoding)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def utf8_bytes(data: bytes) -> tuple[bytes, str]:
    """The file's bytes as UTF-8 without a BOM (re-encoding only when needed)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
        return data, "utf-8"
    except UnicodeDecodeError:
        text, enc = decode_text(data)
        return text.encode("utf-8"), enc


def sniff_delimiter(text_head: str) -> str:
    """The delimiter of the header line: the most frequent of , \\t ; | outside quotes."""
    first = text_head.split("\n", 1)[0]
    counts = {d: 0 for d in (",", "\t", ";", "|")}
    in_q = False
    for ch in first:
        if ch == '"':
            in_q = not in_q
        elif not in_q and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# ------------------------------------------------------------------------------------------ readers
def read_table(name: str, data: bytes, *, max_field_bytes: int = DEFAULT_MAX_FIELD_BYTES) -> RawTable:
    """Read one (already decompressed) export into a RawTable."""
    if data[:4] not in (b"PAR1", b"PK\x03\x04"):
        check_not_binary(name, data)
    fmt = detect_format(name, data)
    if fmt == "csv":
        return read_csv_bytes(name, data)
    if fmt == "json":
        return read_json_bytes(name, data)
    if fmt == "jsonl":
        return read_jsonl_bytes(name, data)
    if fmt == "parquet":
        return _frame_table(name, fmt, _read_parquet(name, data))
    if fmt == "xlsx":
        return _frame_table(name, fmt, _read_xlsx(name, data))
    raise IngestError(f"{name}: unknown format")  # pragma: no cover


def _frame_table(name: str, fmt: str, df: pl.DataFrame) -> RawTable:
    df = _strings_only(df)
    df = df.rename({c: _clean_header(c, i) for i, c in enumerate(df.columns)})
    return RawTable(name=name, format=fmt, frame=df, row_numbers=None)


def _strings_only(df: pl.DataFrame) -> pl.DataFrame:
    exprs = []
    for c, dt in df.schema.items():
        if dt == pl.String:
            exprs.append(pl.col(c))
        elif dt.is_nested():
            exprs.append(pl.col(c).map_elements(lambda v: json.dumps(_plain(v), default=str), return_dtype=pl.String))
        else:
            exprs.append(pl.col(c).cast(pl.String))
    return df.select(exprs)


def _plain(v: Any) -> Any:
    if isinstance(v, pl.Series):
        return v.to_list()
    return v


def _read_parquet(name: str, data: bytes) -> pl.DataFrame:
    try:
        return pl.read_parquet(io.BytesIO(data))
    except Exception as exc:  # polars raises several types for damaged files
        raise IngestError(f"{name}: cannot read as Parquet ({str(exc).splitlines()[0]}); is it truncated?") from exc


def _read_xlsx(name: str, data: bytes) -> pl.DataFrame:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise IngestError(f"{name}: cannot read as XLSX ({str(exc).splitlines()[0]}); is it truncated?") from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return pl.DataFrame()
    header = [_clean_header(h, i) for i, h in enumerate(header)]
    body = [["" if v is None else str(v) for v in r] for r in rows if any(v is not None for v in r)]
    wb.close()
    cols = {h: [r[i] if i < len(r) else None for r in body] for i, h in enumerate(header)}
    return pl.DataFrame(cols, schema={h: pl.String for h in header})


def _clean_header(h: Any, i: int) -> str:
    s = "" if h is None else str(h).strip().lstrip("\ufeff")
    return s or f"column_{i}"


def read_csv_bytes(name: str, data: bytes) -> RawTable:
    """CSV/TSV: a vectorised polars read; rows polars can't take go through the stdlib csv module."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text: str | None = data.decode("utf-8")
        raw, encoding = data, "utf-8"
    except UnicodeDecodeError:
        text, encoding = decode_text(data)
        raw = text.encode("utf-8")
    head = raw[:65536].decode("utf-8", "ignore")
    if not head.strip():
        raise IngestError(f"{name}: the file is empty; nothing to load.")
    sep = sniff_delimiter(head)
    try:
        header_line = next(csv.reader([head.split("\n", 1)[0]], delimiter=sep), [])
    except csv.Error:  # e.g. a bare "\r" inside the first line
        return _read_csv_slow(name, raw, sep=sep, encoding=encoding)
    if len(header_line) != len(set(header_line)) or "" in [h.strip() for h in header_line[1:]]:
        return _read_csv_slow(name, raw, sep=sep, encoding=encoding)
    try:
        df = pl.read_csv(
            raw,
            separator=sep,
            infer_schema=False,
            raise_if_empty=False,
            truncate_ragged_lines=False,
        )
    except Exception:
        return _read_csv_slow(name, raw, sep=sep, encoding=encoding)
    if df.width == 0:
        raise IngestError(f"{name}: no header row; nothing to load.")
    df = df.rename({c: _clean_header(c, i) for i, c in enumerate(df.columns)})
    table = RawTable(name=name, format="csv", frame=df, meta={"encoding": encoding, "delimiter": sep})
    if df.width > 1 and df.height and df.get_column(df.columns[-1]).null_count():
        # polars pads short rows with nulls, like empty trailing fields; count the fields of each record
        # (C-speed csv module, only when the last column has nulls) to tell them apart.
        csv.field_size_limit(2**31 - 1)
        try:
            lengths = [len(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if r][1:]
        except csv.Error:
            return _read_csv_slow(name, raw, sep=sep, encoding=encoding)
        if len(lengths) != df.height:
            return _read_csv_slow(name, raw, sep=sep, encoding=encoding)
        short = pl.Series(lengths) < df.width
        if short.any():
            for i in short.arg_true().to_list():
                table.rejects.append(
                    Reject(i + 1, f"ragged row: {lengths[i]} fields, header has {df.width}", _row_json(df.row(i), df.columns))
                )
            keep = ~short
            table.frame = df.filter(keep)
            table.row_numbers = pl.int_range(1, df.height + 1, eager=True).filter(keep).to_list()
    return table


def _row_json(values: tuple | list, columns: list[str]) -> str:
    return json.dumps({c: v for c, v in zip(columns, values) if v is not None}, ensure_ascii=False)[:100_000]


def _read_csv_slow(name: str, raw: bytes, *, sep: str, encoding: str) -> RawTable:
    text = raw.decode("utf-8")
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise IngestError(f"{name}: the file is empty; nothing to load.") from None
    except csv.Error as exc:
        raise IngestError(f"{name}: cannot read the header row ({exc}).") from exc
    header = _dedupe_headers([_clean_header(h, i) for i, h in enumerate(header)])
    width = len(header)
    good: list[list[str]] = []
    numbers: list[int] = []
    rejects: list[Reject] = []
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            n += 1
            rejects.append(Reject(n, f"unparseable CSV row: {exc}"))
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        n += 1
        if len(row) != width:
            quote_note = " (unclosed quote?)" if any(len(f) > 10_000 and "\n" in f for f in row) else ""
            rejects.append(
                Reject(n, f"ragged row: {len(row)} fields, header has {width}{quote_note}", json.dumps(row)[:100_000])
            )
            continue
        good.append(row)
        numbers.append(n)
    if text.count('"') % 2 == 1 and good and numbers[-1] == n:
        # An unclosed quote swallows the rest of the file into one field of the last row.
        last = good.pop()
        numbers.pop()
        rejects.append(Reject(n, "unclosed quote: a quoted field runs to the end of the file", json.dumps(last)[:100_000]))
    cols = {h: [r[i] for r in good] for i, h in enumerate(header)}
    df = pl.DataFrame(cols, schema={h: pl.String for h in header})
    return RawTable(
        name=name, format="csv", frame=df, rejects=rejects, row_numbers=numbers,
        meta={"encoding": encoding, "delimiter": sep, "reader": "stdlib"},
    )  # fmt: skip


def _dedupe_headers(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in header:
        if h in seen:
            seen[h] += 1
            out.append(f"{h}_{seen[h]}")
        else:
            seen[h] = 0
            out.append(h)
    return out


def read_json_bytes(name: str, data: bytes) -> RawTable:
    text, encoding = decode_text(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if _looks_like_jsonl(data):
            return read_jsonl_bytes(name, data)
        raise IngestError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); is the file truncated?"
        ) from exc
    meta: dict[str, Any] = {}
    key = None
    if isinstance(doc, dict):
        key = next((k for k in RECORD_KEYS if isinstance(doc.get(k), list)), None)
        if key is None:
            lists = [k for k, v in doc.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:5])]
            key = max(lists, key=lambda k: len(doc[k]), default=None)
        if key is None:
            records_in = [doc]
        else:
            records_in = doc[key]
            meta = {k: v for k, v in doc.items() if k != key}
    elif isinstance(doc, list):
        records_in = doc
    else:
        raise IngestError(f"{name}: JSON holds a single {type(doc).__name__}, not posting records.")
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    rejects: list[Reject] = []
    for i, rec in enumerate(records_in, start=1):
        if isinstance(rec, dict):
            records.append(rec)
            numbers.append(i)
        else:
            rejects.append(Reject(i, f"unparseable record: a JSON {type(rec).__name__}, not an object", json.dumps(rec)[:100_000]))
    meta["encoding"] = encoding
    return RawTable(name=name, format="json", records=records, meta=meta, record_key=key, rejects=rejects, row_numbers=numbers)


def read_jsonl_bytes(name: str, data: bytes) -> RawTable:
    text, encoding = decode_text(data)
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    rejects: list[Reject] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if not s:
            continue
        try:
            rec = json.loads(s)
        except json.JSONDecodeError as exc:
            rejects.append(Reject(lineno, f"JSON syntax error on line {lineno}, column {exc.colno}: {exc.msg}", s[:100_000]))
            continue
        if not isinstance(rec, dict):
            rejects.append(Reject(lineno, f"unparseable record on line {lineno}: a JSON {type(rec).__name__}, not an object", s[:100_000]))
            continue
        records.append(rec)
        numbers.append(lineno)
    return RawTable(name=name, format="jsonl", records=records, meta={"encoding": encoding}, rejects=rejects, row_numbers=numbers)


def read_file_bytes(path: str, *, max_bytes: int = MAX_UNCOMPRESSED) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file; check the path.") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder; pass it as a folder to walk.") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror}).") from exc
    if len(data) > max_bytes:
        raise IngestError(f"{path}: larger than {max_bytes:,} bytes; split the export.")
    return data


__all__ = [
    "RawTable", "Reject", "expand", "detect_format", "decode_text", "read_table", "read_file_bytes",
    "read_csv_bytes", "read_json_bytes", "read_jsonl_bytes", "sniff_delimiter",
]  # fmt: skip
