"""Skill mentions from text: the pure core behind `skillgap extract`, the extract_skills flow and CV reading.

``extract_mentions(text, nlp=...)`` returns ``Mention`` evidence (skill id, label, offsets, matched text,
sentence, section, required, years). ``extract_batch(rows, nlp=...)`` does the same for many
``(id, text)`` pairs with ``nlp.pipe`` and returns one Arrow table of mentions (pure: no store access),
so a batch can run anywhere (Prefect task, Dask worker) and be merged into the store by
``skillgap.mentions.write_batch``.

``mode="posting"`` drops mentions in company blurbs, benefits and equal-opportunity statements;
``mode="cv"`` keeps them all and reports CV sections (skills, experience, projects, education,
certifications, summary, other). Negated mentions ("no Kubernetes needed") are always dropped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Iterable, Iterator, Literal

if TYPE_CHECKING:  # keep `import skillgap.extract` light: spaCy and pyarrow load on use
    import pyarrow as pa
    from spacy.language import Language
    from spacy.tokens import Doc

Mode = Literal["posting", "cv"]
MODES = ("posting", "cv")
DROPPED_POSTING_SECTIONS = frozenset({"about", "benefits"})
SPANS_KEY = "skills"
MENTION_KEYS = ("skill_id", "label", "start", "end", "text", "section", "required", "sentence", "years")


@dataclass(frozen=True)
class Mention:
    """One skill found in a text, with its evidence."""

    skill_id: str
    label: str
    start: int  # character offsets into the text
    end: int
    text: str  # the matched text as written
    section: str  # posting: requirements|preferred|responsibilities|about|benefits|other; cv: skills|experience|...
    required: bool | None  # True required, False nice-to-have, None unknown
    sentence: str
    years: float | None = None
    negated: bool = False

    def to_dict(self) -> dict:
        """JSON-ready dict with the stable keys of ``skillgap extract --json``."""
        d = asdict(self)
        d.pop("negated")
        return d


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


def _mention_rows(doc: "Doc", mode: Mode, labels: dict[str, str] | None, keep_negated: bool) -> list[tuple]:
    """The mentions a processed Doc carries, as tuples in ``Mention`` field order (no objects built)."""
    info = doc._.skill_info
    if not info:
        return []
    text = doc.user_data.get("skillgap_text") or doc.text  # kept by the tokenizer: Doc.text is slow
    labels = labels or {}
    cv = mode == "cv"
    out = []
    for meta in info.values():  # plain dicts in text order, written by the skill components
        sc, ec = meta["start_char"], meta["end_char"]
        if "sent_start" not in meta:  # a pipeline without the section component: evidence without context
            meta = {**meta, "section": "other", "cv_section": "other", "required": None, "negated": False,
                    "years": None, "sent_start": sc, "sent_end": ec}
        negated = meta["negated"]
        if negated and not keep_negated:
            continue
        if cv:
            section = meta["cv_section"]
        else:
            section = meta["section"]
            if section in DROPPED_POSTING_SECTIONS or meta.get("role") or meta.get("uncued"):
                continue  # company blurb, benefits, EEO text, job titles ("Java Developer"), soft skills without a cue
        sid = meta["skill_id"]
        out.append((
            sid,
            labels.get(sid, sid),
            sc,
            ec,
            text[sc:ec],
            section,
            None if cv else meta["required"],
            text[meta["sent_start"] : meta["sent_end"]].strip(),
            meta["years"],
            bool(negated),
        ))
    return out


def mentions_from_doc(doc: "Doc", *, mode: Mode = "posting", labels: dict[str, str] | None = None,
                      keep_negated: bool = False) -> list[Mention]:
    """Read the mentions a processed Doc carries."""
    return [Mention(*row) for row in _mention_rows(doc, mode, labels, keep_negated)]


def _labels(nlp: "Language") -> dict[str, str]:
    return (nlp.meta.get("skillgap") or {}).get("labels") or {}


def extract_mentions(text: str, *, nlp: "Language", mode: Mode = "posting") -> list[Mention]:
    """Every skill mention in ``text`` (one posting or one CV)."""
    _check_mode(mode)
    if not text or not text.strip():
        return []
    return mentions_from_doc(nlp(text), mode=mode, labels=_labels(nlp))


def iter_mentions(rows: Iterable[tuple[str, str]], *, nlp: "Language", mode: Mode = "posting",
                  batch_size: int = 256) -> Iterator[tuple[str, list[Mention]]]:
    """``(id, mentions)`` per input ``(id, text)``, in input order, streaming (``nlp.pipe``, one process)."""
    _check_mode(mode)
    labels = _labels(nlp)
    for doc, rid in _docs(rows, nlp=nlp, batch_size=batch_size):
        yield rid, mentions_from_doc(doc, mode=mode, labels=labels)


def iter_mention_rows(rows: Iterable[tuple[str, str]], *, nlp: "Language", mode: Mode = "posting",
                      batch_size: int = 256) -> Iterator[tuple[str, list[tuple]]]:
    """``(id, mention rows)`` per input ``(id, text)``, in input order: ``iter_mentions`` without ``Mention``
    objects, each row a tuple in ``Mention`` field order (``MENTION_KEYS``, then ``negated``)."""
    _check_mode(mode)
    labels = _labels(nlp)
    for doc, rid in _docs(rows, nlp=nlp, batch_size=batch_size):
        yield rid, _mention_rows(doc, mode, labels, False)


def _docs(rows: Iterable[tuple[str, str]], *, nlp: "Language", batch_size: int) -> Iterator[tuple["Doc", str]]:
    """``(doc, id)`` per input ``(id, text)``, in input order (``nlp.pipe``, one process)."""
    pairs = ((text or "", rid) for rid, text in rows)
    return nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=1)


MENTION_SCHEMA_FIELDS = (
    ("posting_id", "string"),
    ("skill_id", "string"),
    ("label", "string"),
    ("start_char", "int32"),
    ("end_char", "int32"),
    ("text", "string"),
    ("sentence", "string"),
    ("section", "string"),
    ("required", "bool_"),
    ("years", "float64"),
)


# where each column after ``posting_id`` sits in a ``_mention_rows`` row (``Mention`` field order)
_ROW_FIELDS = tuple(
    [f.name for f in fields(Mention)].index({"start_char": "start", "end_char": "end"}.get(name, name))
    for name, _ in MENTION_SCHEMA_FIELDS[1:]
)


def mention_schema() -> "pa.Schema":
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in MENTION_SCHEMA_FIELDS])


def extract_batch(texts_with_ids: Iterable[tuple[str, str]], *, nlp: "Language", mode: Mode = "posting",
                  batch_size: int = 256) -> "pa.Table":
    """Mentions of a batch of ``(posting_id, text)`` pairs as one Arrow table (columns of skill_mentions
    minus ``taxonomy_version``), plus the metadata ``posting_ids`` of every input, mentions or not.

    Same mentions as ``iter_mentions``, read straight from the Docs into rows (no ``Mention`` objects).
    """
    import pyarrow as pa

    _check_mode(mode)
    labels = _labels(nlp)
    # one list per column, filled straight from each doc's rows: no row tuple outlives its doc (thousands of
    # live tuples would also keep the garbage collector busy)
    columns: list[list] = [[] for _ in MENTION_SCHEMA_FIELDS]
    posting_col, targets = columns[0], [(columns[k + 1], i) for k, i in enumerate(_ROW_FIELDS)]
    ids: list[str] = []
    for doc, rid in _docs(texts_with_ids, nlp=nlp, batch_size=batch_size):
        ids.append(rid)
        rows = _mention_rows(doc, mode, labels, False)
        if rows:
            posting_col.extend([rid] * len(rows))
            by_field = list(zip(*rows))
            for col, i in targets:
                col.extend(by_field[i])
    table = pa.table({name: col for (name, _), col in zip(MENTION_SCHEMA_FIELDS, columns)}, schema=mention_schema())
    return table.replace_schema_metadata({"posting_ids": "\x1f".join(ids)})


def batch_posting_ids(table: "pa.Table") -> list[str]:
    """The ids of every posting an ``extract_batch`` table covers (also those without mentions)."""
    raw = (table.schema.metadata or {}).get(b"posting_ids", b"")
    return raw.decode().split("\x1f") if raw else []
