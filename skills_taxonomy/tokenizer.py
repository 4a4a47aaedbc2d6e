"""A blank-English tokenizer tuned for technology names.

spaCy's default English tokenizer already keeps "C++", ".NET", "Node.js", "k8s" and "S3" whole and
splits "Python/SQL" and "AWS-certified". What it gets wrong for skills:
  - it treats anything with a dot and a slash as a URL ("Node.js/CI/CD" stays one token), so URL
    detection is narrowed to real URLs (a scheme or "www.");
  - single letters with a full stop are initials ("C.") and stay one token: here they split, so "in C." is C;
  - Chinese/Japanese text has no spaces: each CJK character is split off ("熟悉JavaScript" -> 熟 悉 JavaScript);
  - "/" is split only between letters; here it is split between any word characters and tech
    punctuation ("C++/Go", "Python3/SQL"), and around "|" (HN posting headers: "Acme | Go | Remote").
Patterns are tokenized with this same tokenizer, so whatever it does, a pattern and the text agree.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Za-z]\.$")
_EXTRA_INFIXES = (
    r"(?<=[\w+#.])/(?=[\w.])",  # C++/Go, Node.js/React, CI/CD
    r"\|",  # Acme | Go | Remote
    r"(?<=[a-z0-9])[,;](?=[A-Za-z])",  # "Python,SQL" written without a space
    # CJK characters and full-width punctuation are tokens of their own, so "熟悉JavaScript、CSS" yields
    # "JavaScript" and "CSS" (Chinese has no spaces between words)
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]",
)


def tech_tokenizer_settings(defaults) -> dict:
    """The ``Tokenizer`` arguments for tech tokens, from a language's ``Defaults``.

    The registered tokenizer passes them all to one ``Tokenizer(...)``: each setter on a built tokenizer
    reloads every special case, which made four reloads of ~2,000 special cases per ``spacy.load``.
    """
    infixes = list(defaults.infixes or ()) + list(_EXTRA_INFIXES)
    suffixes = list(defaults.suffixes or ()) + [r"(?<=[A-Z+#])\."]
    return {
        # "C." / "R." are initials to English rules, but at the end of a sentence they are languages
        "rules": {k: v for k, v in (defaults.tokenizer_exceptions or {}).items() if not _INITIAL.match(k)},
        "prefix_search": spacy.util.compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
        "suffix_search": compile_suffix_regex(suffixes).search,
        "infix_finditer": compile_infix_regex(infixes).finditer,
        "token_match": defaults.token_match,
        "url_match": _URL.match,
    }


def customize_tokenizer(nlp: Language) -> Language:
    """Adjust ``nlp.tokenizer`` in place for tech tokens; returns ``nlp`` for chaining."""
    settings = tech_tokenizer_settings(nlp.Defaults)
    for name in ("infix_finditer", "url_match", "suffix_search", "rules"):
        setattr(nlp.tokenizer, name, settings[name])
    return nlp


TEXT_KEY = "skillgap_text"


class TextKeepingTokenizer:
    """The tokenizer, plus the raw text kept in ``doc.user_data`` for the components.

    ``Doc.text`` rebuilds the string from every token in Python (a Token object each): on a 450-token
    posting that costs several times the tokenization itself, so components read ``doc_text(doc)`` instead.
    """

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # rules, infix_finditer, ... of the wrapped tokenizer
        if name == "inner":  # not set yet (unpickling): no recursion through self.inner
            raise AttributeError(name)
        return getattr(self.inner, name)

    def __setattr__(self, name, value):
        if name == "inner":
            object.__setattr__(self, name, value)
        else:
            setattr(self.inner, name, value)

    def to_disk(self, path, **kwargs):
        return self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        # Nothing to read: the registered factory rebuilds this tokenizer from code (the saved copy would only
        # set the same rules again, reloading every special case). A pipeline saved by another spaCy version
        # is rebuilt (skills_taxonomy.pipeline), so its patterns always come from this tokenizer.
        return self

    def to_bytes(self, **kwargs):
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        return self  # as from_disk: the factory already built this tokenizer (Language.from_bytes)


def doc_text(doc: Doc) -> str:
    """The raw text of a Doc, without rebuilding it from tokens when the tokenizer kept it."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


@spacy.registry.tokenizers("skillgap.tech_tokenizer.v1")
def create_tech_tokenizer():
    def make(nlp: Language) -> TextKeepingTokenizer:
        from spacy.tokenizer import Tokenizer

        return TextKeepingTokenizer(Tokenizer(nlp.vocab, **tech_tokenizer_settings(nlp.Defaults)))

    return make


def blank_english() -> Language:
    """``spacy.blank("en")`` with the tech tokenizer (saved in the pipeline's config, so spacy.load rebuilds it)."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "skillgap.tech_tokenizer.v1"}}})
