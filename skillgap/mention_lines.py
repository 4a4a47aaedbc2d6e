"""The JSON lines of `skillgap extract --jsonl`, built straight from the Docs' mention rows.

One line per input text: ``{"id": ..., "mentions": [{skill_id, label, start, end, text, section, required,
sentence, years}, ...]}``, byte for byte what ``json.dumps({"id": ..., "mentions": [m.to_dict() ...]},
ensure_ascii=False)`` gives, without building ``Mention`` objects (``dataclasses.asdict`` deep-copies every
field: it cost about as much as the NLP). Lines are joined into chunks, so the writer makes one call per chunk.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable, Iterator

from skillgap.extract import Mode, iter_mention_rows

if TYPE_CHECKING:
    from spacy.language import Language

LINES_PER_CHUNK = 256

# the string encoder json.dumps(..., ensure_ascii=False) uses (the C one when available)
_string = json.encoder.encode_basestring
_value = json.JSONEncoder(ensure_ascii=False).encode
_LITERALS = {None: "null", True: "true", False: "false"}
_MENTION = '%d, "end": %d, "text": %s, "section": %s, "required": %s, "sentence": %s, "years": %s}'


def _literal(value) -> str:
    # `is` checks first: 1 == True, and json writes an int 1 as 1
    if value is None or value is True or value is False:
        return _LITERALS[value]
    return _value(value)


def mention_line(rid: str, rows: list[tuple], *, heads: dict[str, str] | None = None) -> str:
    """One output line (no newline) for a text's mention rows (``skillgap.extract.iter_mention_rows``).

    The line is assembled from pre-encoded pieces: the skill id and label part once per skill (``heads``, kept
    by the caller across lines), each sentence once per text (mentions in one sentence share it).
    """
    heads = {} if heads is None else heads
    sentences: dict[str, str] = {}
    parts = []
    for sid, label, start, end, text, section, required, sentence, years, _negated in rows:
        head = heads.get(sid)
        if head is None:
            head = heads[sid] = '{"skill_id": %s, "label": %s, "start": ' % (_string(sid), _string(label))
        encoded = sentences.get(sentence)
        if encoded is None:
            encoded = sentences[sentence] = _string(sentence)
        parts.append(head + _MENTION % (
            start, end, _string(text), _string(section), _literal(required), encoded, _literal(years)))
    return '{"id": %s, "mentions": [%s]}' % (_string(rid), ", ".join(parts))


def iter_line_chunks(rows: Iterable[tuple[str, str]], *, nlp: "Language", mode: Mode = "posting",
                     lines_per_chunk: int = LINES_PER_CHUNK) -> Iterator[str]:
    """The output for ``(id, text)`` rows, in input order, as strings of up to ``lines_per_chunk`` lines,
    each line ending in a newline."""
    lines: list[str] = []
    heads: dict[str, str] = {}
    for rid, mention_rows in iter_mention_rows(rows, nlp=nlp, mode=mode):
        lines.append(mention_line(rid, mention_rows, heads=heads))
        if len(lines) >= lines_per_chunk:
            lines.append("")
            yield "\n".join(lines)
            lines = []
    if lines:
        lines.append("")
        yield "\n".join(lines)


def batch_lines(rows: list[tuple[str, str]], *, nlp: "Language", mode: Mode = "posting") -> str:
    """The output lines of one whole batch as one string (what an extraction worker hands back)."""
    return "".join(iter_line_chunks(rows, nlp=nlp, mode=mode, lines_per_chunk=max(1, len(rows))))
