"""Mapped tables -> rows of the ``postings`` schema: text cleaning, dates, salaries, remote, ids and dedup keys.

Work is vectorised with polars; per-row Python runs only on the rows that need it (HTML, mojibake, list reprs)
and date/salary/location parsing runs once per distinct value.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from skillgap.ingest.layouts import CANONICAL, Layout, get_path, value_text
from skillgap.ingest.readers import RawTable, Reject
from skillgap.normalize.dates import parse_date
from skillgap.normalize.location import country_of
from skillgap.normalize.remote import detect_remote
from skillgap.normalize.salary import parse_salary
from skillgap.normalize.text import (
    fix_mojibake,
    html_to_text,
    looks_like_html,
    normalize_title,
    python_list_repr_to_text,
    text_fingerprint,
    text_fingerprints,
)

POSTING_COLUMNS = (
    "posting_id", "source", "source_id", "source_file", "load_run_id", "title", "company", "location", "country",
    "remote", "posted_date", "posted_month", "description", "salary_min", "salary_max", "salary_currency",
    "salary_period", "salary_text", "url", "dedup_key", "raw", "loaded_at",
)  # fmt: skip
NULL_STRINGS = ["", "none", "null", "nan", "n/a", "na", "-", "[]", "None", "NULL", "NaN", "N/A"]
MAX_TITLE_CHARS = 300
_MOJIBAKE_HINT = (
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\ufeff]"


@dataclass
class FileContext:
    """What a file's rows need to know about the file."""

    file: str
    run_id: str
    reference_date: _dt.date | None = None  # for "3 days ago"
    comment_dates: dict[str, str] = field(default_factory=dict)  # cn board: commentId -> createdAt from raw/
    max_field_bytes: int = 1 << 20
    default_source: str = "generic"
    loaded_at: _dt.datetime | None = None


@dataclass
class Normalised:
    postings: pl.DataFrame  # POSTING_COLUMNS + row_number
    rejects: list[Reject]
    labels: pl.DataFrame  # source, source_id, posting_id, kind, label, source_file
    rows: int  # posting records read (postings + rejects)


def posting_id_for(source: str, source_id: str | None, url: str | None, dedup_key: str | None,
                   fallback: str | None = None) -> str:
    """Stable id: sha1 of source:source_id, else of the url, else of the dedup key; 16 hex chars."""
    if source_id:
        key = f"{source}:{source_id}"
    elif url:
        key = f"url:{url}"
    elif dedup_key:
        key = f"dedup:{source}:{dedup_key}"
    else:
        key = f"row:{source}:{fallback}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def dedup_key_for(company: str | None, title: str | None, description: str | None) -> str | None:
    """Near-duplicate key: normalised company + normalised title + description fingerprint (None without text)."""
    if not description:
        return None
    key = f"{normalize_title(company)}|{normalize_title(title)}|{text_fingerprint(description)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def source_from_name(file: str) -> str:
    """A source name for generic files: the file stem without dates/numbers ("myboard_2026-01.csv" -> "myboard")."""
    stem = Path(file.split("!")[-1]).name.split(".")[0].lower()
    stem = re.sub(r"[\d_\-\s.]+$", "", re.sub(r"\d{4}[-_]?\d{2}([-_]?\d{2})?", "", stem)).strip("_- ")
    return stem or "generic"


# ------------------------------------------------------------------------------------------ mapping
def map_table(table: RawTable, layout: Layout, ctx: FileContext) -> tuple[pl.DataFrame, pl.DataFrame, list[Reject]]:
    """Pick the layout's fields into canonical string columns (+ row_number, raw, source); also its labels."""
    if table.frame is not None:
        return _map_frame(table, layout, ctx)
    return _map_records(table, layout, ctx)


def _map_frame(table: RawTable, layout: Layout, ctx: FileContext) -> tuple[pl.DataFrame, pl.DataFrame, list[Reject]]:
    df = table.frame
    assert df is not None
    n = df.height
    rejects: list[Reject] = []
    first = table.first_row
    numbers = pl.Series("row_number", table.row_numbers if table.row_numbers is not None else range(first, first + n),
                        dtype=pl.Int64)
    df = df.with_columns(numbers)
    # Any field over the limit rejects the row, naming the field.
    # Only columns whose longest value is over the limit enter the chain: one when/then per column of a
    # 100,000-column file makes polars plan for minutes.
    longest = df.select(pl.col(table.frame.columns).str.len_bytes().max()).row(0) if n else ()
    big_cols = [c for c, v in zip(table.frame.columns, longest) if v is not None and v > ctx.max_field_bytes]
    too_big = pl.lit(None, dtype=pl.String)
    for c in reversed(big_cols):
        too_big = pl.when(pl.col(c).str.len_bytes() > ctx.max_field_bytes).then(pl.lit(c)).otherwise(too_big)
    flagged = df.select(too_big.alias("c"), pl.col("row_number")) if big_cols else None
    if flagged is not None and flagged.get_column("c").null_count() < n:
        bad = flagged.filter(pl.col("c").is_not_null())
        for col, rn in bad.iter_rows():
            size = df.filter(pl.col("row_number") == rn).get_column(col).str.len_bytes()[0]
            rejects.append(Reject(rn, f"field too large: {col} is {size:,} bytes (limit {ctx.max_field_bytes:,})"))
        df = df.filter(~pl.col("row_number").is_in(bad.get_column("row_number").implode()))
    cols = set(table.frame.columns)
    exprs = []
    mapped_cols: set[str] = set()
    for canon in CANONICAL:
        spec = layout.fields.get(canon)
        specs = [spec] if isinstance(spec, str) else list(spec or [])
        present = [s for s in specs if s in cols]
        mapped_cols.update(present)
        if not present:
            exprs.append(pl.lit(None, dtype=pl.String).alias(canon))
        else:
            parts = [pl.when(pl.col(s).str.strip_chars().is_in(NULL_STRINGS)).then(None).otherwise(pl.col(s)) for s in present]
            exprs.append(pl.coalesce(parts).alias(canon) if len(parts) > 1 else parts[0].alias(canon))
    desc_col = layout.fields.get("description")
    raw_cols = [c for c in table.frame.columns if c != desc_col]
    raw_expr = pl.struct(raw_cols).struct.json_encode() if raw_cols else pl.lit(None, dtype=pl.String)
    if layout.source_field and layout.source_field in cols:
        src = pl.concat_str([pl.lit((layout.source or "generic") + ":"), pl.col(layout.source_field).str.to_lowercase()])
        source_expr = pl.when(pl.col(layout.source_field).is_null() | (pl.col(layout.source_field) == "")).then(
            pl.lit(layout.source or "generic")).otherwise(src)
    else:
        source_expr = pl.lit(layout.source or ctx.default_source)
    out = df.select(pl.col("row_number"), *exprs, raw_expr.alias("raw"), source_expr.alias("source"))
    labels = _frame_labels(df, layout, out)
    reject_masks = []
    for spec, reason in layout.reject_if.items():
        if spec in cols:
            reject_masks.append((df.get_column(spec).str.to_lowercase().is_in(["true", "1", "yes"]), reason))
    for mask, reason in reject_masks:
        if mask.any():
            for rn in out.filter(mask).get_column("row_number").to_list():
                rejects.append(Reject(rn, reason))
            out = out.filter(~mask)
    return out, labels, rejects


def _frame_labels(df: pl.DataFrame, layout: Layout, out: pl.DataFrame) -> pl.DataFrame:
    frames = []
    for kind, col in layout.labels.items():
        if col not in df.columns:
            continue
        part = pl.DataFrame({"source": out["source"], "source_id": out["source_id"], "value": df.get_column(col)})
        part = part.filter(pl.col("value").is_not_null() & pl.col("source_id").is_not_null())
        part = part.with_columns(pl.col("value").str.split(by=";")).explode("value")
        part = part.with_columns(pl.col("value").str.strip_chars().alias("label"), pl.lit(kind).alias("kind"))
        frames.append(part.filter(pl.col("label") != "").select("source", "source_id", "kind", "label"))
    if not frames:
        return _empty_labels()
    return pl.concat(frames)


def _empty_labels() -> pl.DataFrame:
    return pl.DataFrame(schema={"source": pl.String, "source_id": pl.String, "kind": pl.String, "label": pl.String})


def _map_records(table: RawTable, layout: Layout, ctx: FileContext) -> tuple[pl.DataFrame, pl.DataFrame, list[Reject]]:
    records = table.records or []
    numbers = table.row_numbers or list(range(table.first_row, table.first_row + len(records)))
    rows: dict[str, list[Any]] = {c: [] for c in ("row_number", *CANONICAL, "raw", "source")}
    label_rows: list[tuple[str, str, str, str]] = []
    rejects: list[Reject] = []
    desc_spec = layout.fields.get("description")
    desc_top = desc_spec if isinstance(desc_spec, str) and "." not in desc_spec and "[" not in desc_spec else None
    base_source = layout.source or ctx.default_source
    for rn, rec in zip(numbers, records):
        values: dict[str, str | None] = {}
        for canon in CANONICAL:
            spec = layout.fields.get(canon)
            values[canon] = _first_value(rec, spec) if spec else None
        if desc_spec == "__lever_description__":
            values["description"] = _lever_description(rec)
        if layout.name == "cn_whoishiring_parsed":
            created = ctx.comment_dates.get(str(rec.get("commentId")))
            if created:
                values["posted"] = created
        source = base_source
        if layout.source_field:
            sv = value_text(get_path(rec, layout.source_field))
            if sv:
                source = f"{base_source}:{sv.lower()}"
        too_big = next((k for k, v in values.items() if v is not None and len(v) > ctx.max_field_bytes // 4
                        and len(v.encode("utf-8")) > ctx.max_field_bytes), None)
        if too_big:
            size = len(values[too_big].encode("utf-8"))  # type: ignore[union-attr]
            rejects.append(Reject(rn, f"field too large: {too_big} is {size:,} bytes (limit {ctx.max_field_bytes:,})"))
            continue
        reason = next((r for spec, r in layout.reject_if.items() if get_path(rec, spec) in (True, "true", 1)), None)
        if reason:
            rejects.append(Reject(rn, reason, _dump(rec)))
            continue
        raw_rec = {k: v for k, v in rec.items() if k != desc_top} if desc_top else rec
        raw = _dump(raw_rec)
        if len(raw) > ctx.max_field_bytes:
            rejects.append(Reject(rn, f"field too large: record is {len(raw):,} bytes (limit {ctx.max_field_bytes:,})"))
            continue
        rows["row_number"].append(rn)
        for canon in CANONICAL:
            rows[canon].append(values[canon])
        rows["raw"].append(raw)
        rows["source"].append(source)
        sid = values["source_id"]
        if sid:
            for kind, spec in layout.labels.items():
                v = get_path(rec, spec)
                items = v if isinstance(v, list) else [v]
                for item in items:
                    t = value_text(item)
                    if t and t.strip():
                        label_rows.append((source, sid, kind, t.strip()))
    schema = {c: pl.String for c in rows}
    schema["row_number"] = pl.Int64
    out = pl.DataFrame(rows, schema=schema)
    labels = (
        pl.DataFrame(label_rows, schema=["source", "source_id", "kind", "label"], orient="row")
        if label_rows else _empty_labels()
    )  # fmt: skip
    return out, labels, rejects


def _dump(rec: Any) -> str:
    return json.dumps(rec, ensure_ascii=False, default=str)


def _first_value(rec: dict[str, Any], spec: Any) -> str | None:
    specs = [spec] if isinstance(spec, str) else list(spec)
    for s in specs:
        v = value_text(get_path(rec, s))
        if v is not None and v.strip() not in NULL_STRINGS:
            return v
    return None


def _lever_description(rec: dict[str, Any]) -> str | None:
    parts = []
    body = rec.get("descriptionPlain") or (html_to_text(rec["description"]) if rec.get("description") else None)
    if body:
        parts.append(body)
    for item in rec.get("lists") or []:
        if isinstance(item, dict):
            heading = item.get("text") or ""
            content = html_to_text(item.get("content") or "")
            parts.append(f"{heading}\n{content}".strip())
    extra = rec.get("additionalPlain") or (html_to_text(rec["additional"]) if rec.get("additional") else None)
    if extra:
        parts.append(extra)
    return "\n\n".join(p for p in parts if p) or None


# ------------------------------------------------------------------------------------------ normalising
@dataclass
class CleanRows:
    """A chunk half-way through ``normalise``: rows cleaned and parsed (``clean_rows``), ids not yet built."""

    frame: pl.DataFrame
    labels: pl.DataFrame
    rejects: list[Reject]


def normalise(mapped: pl.DataFrame, labels: pl.DataFrame, rejects: list[Reject], layout: Layout,
              ctx: FileContext, *, read_rejects: list[Reject] | None = None) -> Normalised:
    """Turn mapped canonical columns into postings rows; rows with no title and no description are rejected."""
    return finish_rows(clean_rows(mapped, labels, rejects, layout, ctx, read_rejects=read_rejects), ctx)


def clean_rows(mapped: pl.DataFrame, labels: pl.DataFrame, rejects: list[Reject], layout: Layout,
               ctx: FileContext, *, read_rejects: list[Reject] | None = None) -> CleanRows:
    """The first part of ``normalise``: clean texts, reject empty rows, parse dates, salaries, remote, country.

    Mostly polars work, which releases the GIL: an ingest runs it in its reader thread, beside the per-row
    Python of ``finish_rows`` on the previous chunk.
    """
    rejects = list(read_rejects or []) + list(rejects)
    df = mapped
    desc_mode = layout.transforms.get("description", "auto")
    df = df.with_columns(clean_text_series(df.get_column("description"), desc_mode))
    df = df.with_columns(_title_expr(df, layout))
    df = df.with_columns(_company_expr(df, layout), _simple("location"), _simple("url"), _simple("source_id"))
    df = df.with_columns(_patch(_patch(df.get_column("title"), _MOJIBAKE_HINT, fix_mojibake), _HTML_HINT, _html_clean),
                         _patch(df.get_column("company"), _MOJIBAKE_HINT, fix_mojibake))
    empty = (pl.col("title").is_null() | (pl.col("title") == "")) & (
        pl.col("description").is_null() | (pl.col("description") == ""))
    missing = df.filter(empty)
    for rn, raw in missing.select("row_number", "raw").iter_rows():
        rejects.append(Reject(rn, "missing title and description", raw))
    df = df.filter(~empty)
    if layout.fields.get("description"):
        # The file has a description column but this row's is empty: a title alone gives extraction nothing and
        # would dilute every skill's share of postings, so the row is kept aside, not loaded.
        no_desc = pl.col("description").is_null()
        for rn, raw in df.filter(no_desc).select("row_number", "raw").iter_rows():
            rejects.append(Reject(rn, "missing description", raw))
        df = df.filter(~no_desc)
    if layout.min_description_chars:
        short = pl.col("description").fill_null("").str.len_chars() < layout.min_description_chars
        for rn, raw in df.filter(short).select("row_number", "raw").iter_rows():
            rejects.append(Reject(rn, f"description too short to be a posting (< {layout.min_description_chars} characters)", raw))
        df = df.filter(~short)
    df = _dates(df, layout, ctx)
    df = _salaries(df)
    df = _remote(df)
    df = _countries(df)
    return CleanRows(df, labels, rejects)


def finish_rows(rows: CleanRows, ctx: FileContext) -> Normalised:
    """The second part of ``normalise``: ids, dedup keys and the file's columns; posting ids for the labels."""
    df, labels, rejects = rows.frame, rows.labels, rows.rejects
    df = _ids(df)
    loaded_at = ctx.loaded_at or _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    df = df.with_columns(
        pl.lit(ctx.file).alias("source_file"),
        pl.lit(ctx.run_id).alias("load_run_id"),
        pl.lit(loaded_at).alias("loaded_at"),
    )
    postings = df.select(*POSTING_COLUMNS, "row_number")
    if labels.height:
        labels = labels.with_columns(
            pl.struct("source", "source_id").map_elements(
                lambda s: posting_id_for(s["source"], s["source_id"], None, None), return_dtype=pl.String
            ).alias("posting_id"),
            pl.lit(ctx.file).alias("source_file"),
        ).unique(maintain_order=True)
    else:
        labels = labels.with_columns(pl.lit(None, dtype=pl.String).alias("posting_id"), pl.lit(ctx.file).alias("source_file"))
    return Normalised(postings=postings, rejects=rejects, labels=labels, rows=postings.height + len(rejects))


def _patch(series: pl.Series, pattern: str | None, fn, mask: pl.Series | None = None) -> pl.Series:
    """Apply a Python function only to the rows matching *pattern* (or *mask*); the rest stay as they are."""
    if series.len() == 0:
        return series
    if mask is None:
        mask = series.str.contains(pattern).fill_null(False)
    idx = mask.arg_true()
    if idx.len() == 0:
        return series
    values = [None if v is None else fn(v) for v in series.gather(idx).to_list()]
    return series.scatter(idx, pl.Series(values, dtype=pl.String))


_HTML_HINT = r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?\s*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});"


def clean_text_series(s: pl.Series, mode: str = "auto") -> pl.Series:
    """``clean_text`` semantics over a column: Python runs only on rows with HTML, list reprs or mojibake."""
    name = s.name
    if s.len() == 0:
        return s
    # A row that matches none of the steps' patterns passes every step unchanged, so the steps run only on the
    # rows that match one: one regex scan of the column instead of one per step.
    pattern = "|".join(f"(?:{p})" for p in _clean_patterns(mode))
    mask = s.str.contains(pattern).fill_null(False)
    n = int(mask.sum())
    if n == s.len():
        s = _clean_steps(s, mode)
    elif n:
        idx = mask.arg_true()
        s = s.scatter(idx, _clean_steps(s.gather(idx), mode))
    s = s.str.strip_chars()
    return s.set(s == "", None).alias(name) if (s == "").any() else s.alias(name)


_LIST_REPR_HINT = r"^\s*\[\s*['\"]"
_LINE_END_HINT = "[\r\u2028\u2029]|" + _CONTROL
_BLANK_RUN_HINT = r"[ \t]\n|\n[ \t]*\n[ \t]*\n"


def _clean_patterns(mode: str) -> list[str]:
    """The patterns of the steps ``_clean_steps`` runs in *mode* (a row matching none is left as it is)."""
    pats = ["&"] if mode == "html_escaped" else []
    if mode in ("python_list", "auto"):
        pats.append(_LIST_REPR_HINT)
    pats += [_MOJIBAKE_HINT, _LINE_END_HINT]
    if mode != "none":
        pats.append(_HTML_HINT)
    return pats + [_BLANK_RUN_HINT]


def _clean_steps(s: pl.Series, mode: str) -> pl.Series:
    if mode == "html_escaped":
        s = _patch(s, "&", html.unescape)
    if mode in ("python_list", "auto"):
        s = _patch(s, _LIST_REPR_HINT, lambda v: python_list_repr_to_text(v) or v)
    s = _patch(s, _MOJIBAKE_HINT, fix_mojibake)
    s = _vec_patch(s, _LINE_END_HINT, _line_ends)
    if mode != "none":
        s = _patch(s, _HTML_HINT, _html_clean)
    return _vec_patch(s, _BLANK_RUN_HINT, _blank_runs)


def _line_ends(s: pl.Series) -> pl.Series:
    s = s.str.replace_all("\r\n", "\n", literal=True).str.replace_all("\r", "\n", literal=True)
    s = s.str.replace_all("\u2028", "\n", literal=True).str.replace_all("\u2029", "\n\n", literal=True)
    return s.str.replace_all(_CONTROL, "")


def _blank_runs(s: pl.Series) -> pl.Series:
    return s.str.replace_all(r"[ \t]+\n", "\n").str.replace_all(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n")


def _vec_patch(s: pl.Series, pattern: str, fn) -> pl.Series:
    """Run a vectorised fix only on the rows that match *pattern* (one scan instead of several rewrites)."""
    mask = s.str.contains(pattern).fill_null(False)
    n = int(mask.sum())
    if n == 0:
        return s
    if n == s.len():
        return fn(s)
    idx = mask.arg_true()
    return s.scatter(idx, fn(s.gather(idx)))


def _html_clean(s: str) -> str:
    if not looks_like_html(s):
        return s
    return re.sub(_CONTROL, "", html_to_text(s))


def _simple(name: str) -> pl.Expr:
    c = pl.col(name).str.replace_all(r"\s+", " ").str.strip_chars()
    return pl.when(c == "").then(None).otherwise(c).alias(name)


def _title_expr(df: pl.DataFrame, layout: Layout) -> pl.Expr:
    mode = layout.transforms.get("title")
    if mode == "hn_title":
        # HN posts have no title: the header line ("Company | Role | Place | ...") stands in for it.
        c = pl.col("description").str.split("\n").list.first()
    elif mode == "first_line":
        c = pl.col("title").str.replace_all("\r", "").str.split("\n").list.eval(
            pl.element().str.strip_chars().str.strip_chars("#*= ").filter(pl.element() != "")).list.first()
    else:
        c = pl.col("title")
    c = c.str.replace_all(r"\s+", " ").str.strip_chars().str.slice(0, MAX_TITLE_CHARS)
    return pl.when(c == "").then(None).otherwise(c).alias("title")


_BOARD = re.compile(r"(?:greenhouse\.io|lever\.co|ashbyhq\.com|workable\.com)/(?:embed/job_board\?for=)?([^/?#&]+)")


def _company_expr(df: pl.DataFrame, layout: Layout) -> pl.Expr:
    mode = layout.transforms.get("company")
    c = pl.col("company")
    if mode == "hn_company":
        c = pl.col("description").str.split("\n").list.first().str.split("|").list.first().str.strip_chars()
        c = pl.when(c.str.len_chars() <= 80).then(c).otherwise(None)
    elif mode == "board_from_url":
        board = c.str.extract(_BOARD.pattern, 1)
        c = pl.when(c.str.starts_with("http")).then(board).otherwise(c)
    c = c.str.replace_all(r"\s+", " ").str.strip_chars().str.slice(0, MAX_TITLE_CHARS)
    return pl.when(c == "").then(None).otherwise(c).alias("company")


def _map_unique(df: pl.DataFrame, col: str, fn, dtype: pl.DataType) -> pl.Series:
    uniq = df.get_column(col).drop_nulls().unique().to_list()
    mapping = {u: fn(u) for u in uniq}
    return df.get_column(col).replace_strict(mapping, default=None, return_dtype=dtype)


def _dates(df: pl.DataFrame, layout: Layout, ctx: FileContext) -> pl.DataFrame:
    ref = ctx.reference_date

    def parse(v: str) -> _dt.date | None:
        if layout.date_format:
            try:
                return _dt.datetime.strptime(v.strip(), layout.date_format).date()
            except ValueError:
                pass
        return parse_date(v, reference=ref)

    dates = _map_unique(df, "posted", parse, pl.Date).alias("posted_date")
    df = df.with_columns(dates)
    return df.with_columns(pl.col("posted_date").dt.strftime("%Y-%m").alias("posted_month"))


_PERIODS = {"yearly": "year", "annual": "year", "annually": "year", "year": "year", "per-year-salary": "year",
            "monthly": "month", "month": "month", "weekly": "week", "week": "week", "daily": "day", "day": "day",
            "hourly": "hour", "hour": "hour", "per-hour-wage": "hour"}  # fmt: skip


def _salaries(df: pl.DataFrame) -> pl.DataFrame:
    uniq = df.get_column("salary").drop_nulls().unique().to_list()
    parsed = {u: parse_salary(u) for u in uniq}

    def part(attr: str, dtype: pl.DataType) -> pl.Series:
        mapping = {u: getattr(s, attr) for u, s in parsed.items() if s is not None}
        return df.get_column("salary").replace_strict(mapping, default=None, return_dtype=dtype)

    num_min = pl.col("salary_min").str.replace_all(",", "").cast(pl.Float64, strict=False)
    num_max = pl.col("salary_max").str.replace_all(",", "").cast(pl.Float64, strict=False)
    period_in = pl.col("salary_period").str.to_lowercase().str.strip_chars()
    period_map = period_in.replace_strict(_PERIODS, default=None, return_dtype=pl.String)
    return df.with_columns(
        pl.coalesce(num_min, part("min", pl.Float64)).alias("salary_min"),
        pl.coalesce(num_max, part("max", pl.Float64)).alias("salary_max"),
        pl.coalesce(pl.col("salary_currency").str.to_uppercase().str.strip_chars(), part("currency", pl.String)).alias("salary_currency"),
        pl.coalesce(period_map, part("period", pl.String)).alias("salary_period"),
        pl.col("salary").alias("salary_text"),
    )


_TRUE = {"true", "1", "yes", "y", "remote", "fully remote", "t"}
_FALSE = {"false", "0", "no", "n", "onsite", "on-site", "on_site", "office", "f", "hybrid", "in-office"}


def _remote_value(v: str) -> bool | None:
    s = v.strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    return detect_remote(v)


# Words that can make a description say anything about remote work (rows without them stay unknown).
_REMOTE_HINT = r"(?i)remote|wfh|work from home|hybrid|on-?site|in-office|telecommut|anywhere|远程|在家办公|居家办公|混合办公|坐班|驻场"
_REMOTE_LINE = re.compile(_REMOTE_HINT[4:])


def _remote_lines(d: str) -> str:
    # Only the lines that can say anything about remote work go to detect_remote (it is slow on long texts).
    low = d.lower()
    out: list[str] = []
    last_end = -1
    for m in _REMOTE_LINE.finditer(low):
        if m.start() < last_end:
            continue
        a = low.rfind("\n", 0, m.start()) + 1
        b = low.find("\n", m.end())
        b = len(low) if b < 0 else b
        out.append(d[a:b])
        last_end = b
        if len(out) >= 8:
            break
    return "\n".join(out)[:2000]


def _remote(df: pl.DataFrame) -> pl.DataFrame:
    explicit = _map_unique(df, "remote", _remote_value, pl.Boolean)
    loc = _map_unique(df, "location", lambda v: detect_remote(v), pl.Boolean)
    title = _map_unique(df, "title", lambda v: detect_remote(v), pl.Boolean)
    descs = df.get_column("description")
    known = explicit.is_not_null() | loc.is_not_null() | title.is_not_null()
    from_desc = pl.Series([None] * df.height, dtype=pl.Boolean)
    unknown_idx = (~known).arg_true()
    if unknown_idx.len():
        sub = descs.gather(unknown_idx)
        idx = unknown_idx.filter(sub.str.contains(_REMOTE_HINT).fill_null(False))
    else:
        idx = unknown_idx
    if idx.len():
        lines = [_remote_lines(d) for d in descs.gather(idx).to_list()]
        cache: dict[str, bool | None] = {}
        vals = []
        for ln in lines:
            if ln not in cache:
                cache[ln] = detect_remote(ln) if ln else None
            vals.append(cache[ln])
        from_desc = from_desc.scatter(idx, pl.Series(vals, dtype=pl.Boolean))
    return df.with_columns(pl.coalesce(explicit, loc, title, from_desc).alias("remote"))


def _country_code(v: str) -> str | None:
    v = v.strip()
    return v.upper() if len(v) == 2 and v.isalpha() else country_of(v)


def _countries(df: pl.DataFrame) -> pl.DataFrame:
    from_location = _map_unique(df, "location", country_of, pl.String)
    if "country" not in df.columns:
        return df.with_columns(from_location.alias("country"))
    # A layout's own country (the HN header line, a mapped "country" column) wins over one read from location,
    # which takes the last place of a list.
    mapped = _map_unique(df, "country", _country_code, pl.String)
    return df.with_columns(pl.coalesce(mapped, from_location).alias("country"))


def _ids(df: pl.DataFrame) -> pl.DataFrame:
    """dedup_key and posting_id (see ``dedup_key_for`` / ``posting_id_for``: same values, built per column)."""
    fps = pl.Series("fp", text_fingerprints(df.get_column("description")), dtype=pl.String)
    ntitle = _map_unique(df, "title", normalize_title, pl.String).fill_null("")
    ncomp = _map_unique(df, "company", normalize_title, pl.String).fill_null("")
    key_text = pl.concat_str([ncomp, pl.lit("|"), ntitle, pl.lit("|"), fps]).alias("k")
    keys = _sha1_16(pl.select(key_text).get_column("k"))
    df = df.with_columns(pl.Series("dedup_key", keys, dtype=pl.String))
    # The id's key text: source:source_id, else url:url, else dedup:source:dedup_key, else row:source:fallback
    # (Python's f"{None}" gives "None" for a missing company/title/location in the fallback).
    src, sid, url, dk = (pl.col(c) for c in ("source", "source_id", "url", "dedup_key"))
    fallback = pl.concat_str([pl.col(c).fill_null("None") for c in ("company", "title", "location")], separator="|")
    id_text = (
        pl.when(sid.is_not_null() & (sid != "")).then(pl.concat_str([src, pl.lit(":"), sid]))
        .when(url.is_not_null() & (url != "")).then(pl.concat_str([pl.lit("url:"), url]))
        .when(dk.is_not_null() & (dk != "")).then(pl.concat_str([pl.lit("dedup:"), src, pl.lit(":"), dk]))
        .otherwise(pl.concat_str([pl.lit("row:"), src, pl.lit(":"), fallback]))
    )
    ids = _sha1_16(df.select(id_text.alias("k")).get_column("k"))
    return df.with_columns(pl.Series("posting_id", ids, dtype=pl.String))


def _sha1_16(texts: pl.Series) -> list[str | None]:
    sha1 = hashlib.sha1
    # read as UTF-8 bytes: no Python str per row to build and encode again
    return [None if t is None else sha1(t).hexdigest()[:16] for t in texts.cast(pl.Binary).to_list()]
