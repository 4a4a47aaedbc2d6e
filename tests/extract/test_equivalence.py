"""The speed-ups of the skill components give exactly what the plain regexes give.

Each fast path (lowercase pre-screens, anchored scans, per-text indexes) is checked against the slow
formulation it replaces, on generated texts full of the words the regexes look for; and a pipeline saved
and reloaded from disk gives the same mentions, field by field, as a freshly built one.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skills_taxonomy.components import negation, sections
from skills_taxonomy.components.common import _GROUPS, FOLD_EXCEPTIONS, AnchorHits, lower_view

# fragments the regexes care about, in several casings, plus the characters that make lowercasing unsafe
WORDS = [
    "Requirements", "requirements:", "REQUIREMENTS", "Nice to have", "nice-to-have", "Plus", "a plus", "bonus",
    "preferred", "Preferably", "ideally", "desired", "would be great", "is helpful", "optional", "not required",
    "not a requirement", "must", "Mandatory", "essential", "at least", "minimum", "need to have", "you have",
    "you'll have", "strong experience", "strong knowledge", "proficient", "5+ years", "3 years", "skills",
    "ability", "able to", "excellent", "good", "great", "effective", "proven", "written", "verbal", "fluent",
    "knowledge", "background", "degree", "Bachelor's", "MSc", "PhD", "exposure", "expertise", "we", "our",
    "Java Developer", "engineer", "Engineers", "Lead", "admin", "Administrator", "QA engineer", "team lead",
    "Software Engineer - Java", "Engineer (Python, Go)", "data group", "department", "guild", "chapter",
    "no", "not", "No", "NOT", "without", "zero", "nor", "never", "unnecessary", "don't", "isn't", "know", "now",
    "nothing", "e.g.", "i.e.", "etc.", "vs.", "(vs", "Equal Opportunity", "equal employment opportunity",
    "without regard to race", "regardless of background", "EEO", "affirmative action", "protected veteran",
    "reasonable accommodation", "About us", "Benefits", "What we offer", "Job benefits:", "Company description:",
    "Your profile:", "qualifications", "Skills needed", "## Tech stack", "**Nice to have**", "- Requirements:",
    "Python", "SQL", "Go", "Kubernetes", "C++", "熟悉", "JavaScript", "İ", "ı", "ſ", "K", "Σ", "ß", "_no",
    "x", "1", "(", ")", "-", "–", "|", ":", ";", ".", "!", "?", "•", "。", ",", "：", "**", "## ", "- ", "🚀",
    # lines that start like a heading and run on ("Experience creating data models and ..."), with and without a
    # colon further on
    "Experience creating data models and mapping business processes to technology solutions",
    "Requirements and qualifications for this role include a lot of things we will list here:",
    "Skills" + " x" * 29, "Skills" + " x" * 28 + " :", "Benefits __", "Benefits" + "_" * 60,
]
def occurrences(low: str, words) -> list[int]:
    """The plain scan the anchor pass replaces: every start offset (overlapping ones too) of each word, sorted."""
    out = []
    for w in words:
        i = low.find(w)
        while i >= 0:
            out.append(i)
            i = low.find(w, i + 1)
    return sorted(out)


SEPARATORS = [" ", "  ", "\n", "\n\n", "\t", ". ", "; ", ", ", "\n- ", "\n• ", " \n", ""]


def _texts(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 60)):
            parts.append(rnd.choice(WORDS))
            parts.append(rnd.choice(SEPARATORS))
        out.append("".join(parts))
    return out


texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=50
).map(lambda parts: "".join(a + b for a, b in parts))


def test_fold_exceptions_are_the_characters_that_break_lowercase_screens():
    # every character whose lowercase changes length, or which re.IGNORECASE matches to an ASCII letter while
    # str.lower() leaves it non-ASCII
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = set()
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        low = c.lower()
        if len(low) != 1 or (not c.isascii() and not low.isascii() and letter.fullmatch(c)):
            found.add(c)
    assert found == set(FOLD_EXCEPTIONS)
    assert lower_view("Straße İstanbul") is None and lower_view("Straße") == "straße"


@settings(max_examples=300, deadline=None)
@given(texts)
def test_cue_prescreens_agree_with_the_regexes(text):
    low = lower_view(text)
    for cue in (sections.PREFERRED_CUE, sections.REQUIRED_CUE, sections.SOFT_CUE, sections.DOMAIN_CUE):
        expected = bool(cue.regex.search(text))
        assert bool(cue.search(text, low)) == expected
        assert bool(cue.search_part(text, low, cue.present(low))) == expected
    for section in ("other", "requirements", "preferred"):
        slow = _slow_requirement_level(section, text)
        assert sections.requirement_level(section, text) == slow


def _slow_requirement_level(section, sentence):
    if sections._PREFERRED_CUE.search(sentence):
        return False
    if section == "preferred":
        return False
    if section == "requirements" or sections._REQUIRED_CUE.search(sentence):
        return True
    return None


def _slow_sentence_bounds(text, start, end):
    cuts = [m for m in sections._SENT_END.finditer(text) if text[m.start() - 3 : m.start()] not in sections._NOT_AN_END]
    ends = [m.end() for m in cuts if m.end() <= start]
    s = ends[-1] if ends else 0
    after = [m for m in cuts if m.start() >= end]
    if after:
        e = after[0].start() if text[after[0].start()] in "\n•" else after[0].end()
    else:
        e = len(text)
    while s < start and text[s].isspace():
        s += 1
    return s, max(e, end)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(0, 10_000), st.integers(1, 20))
def test_text_indexes_agree_with_the_plain_scans(text, at, width):
    low = lower_view(text)
    # headings: line starts, inline labels, the whole list
    starts = [m.start() for m in sections._HEADING_START.finditer(text)]
    assert sections._heading_starts(text) == starts
    plain = [(m.start(), m.group(1)) for m in sections._INLINE_HEADING.finditer(text)]
    assert [(m.start(), m.group(1)) for m in sections._inline_matches(text, low)] == plain
    assert sections.find_headings(text, low=low) == sections.find_headings(text, low=None)
    # spans anywhere: sentence bounds, role titles, EEO paragraphs, negators
    start = at % (len(text) + 1)
    end = min(len(text), start + width)
    if start < end:
        assert sections.SentenceIndex(text).bounds(start, end) == _slow_sentence_bounds(text, start, end)
        assert sections.RoleFinder(text, low)(start, end) == sections.role_in_text(text, start, end)
        in_eeo = any(a <= start < b for a, b in sections.eeo_regions(text))
        assert any(a <= start < b for a, b in sections._eeo_lines(text, low)) == in_eeo
        if low is not None:
            offsets = negation.negator_offsets(text, low)
            if negation._ANY_CUE.search(text, start, end):
                assert negation.any_between(offsets, start, end)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_one_anchor_scan_finds_what_the_word_by_word_scans_find(text):
    low = lower_view(text)
    if low is None:
        return
    hits = AnchorHits.of(low)
    for name, words in _GROUPS.items():
        assert hits.positions(name) == occurrences(low, words), name
        assert hits.present(name) == tuple(w for w in words if w in low), name
        assert hits.has(name) == any(w in low for w in words), name
    # the component helpers give the same with the scan as without it
    plain = [(m.start(), m.group(1)) for m in sections._INLINE_HEADING.finditer(text)]
    assert [(m.start(), m.group(1)) for m in sections._inline_matches(text, low, hits)] == plain
    assert sections.find_headings(text, low=low, hits=hits) == sections.find_headings(text, low=None)
    assert sections._eeo_lines(text, low, hits) == sections._eeo_lines(text, low)
    assert negation.negator_offsets(text, low, hits) == negation.negator_offsets(text, low)
    assert sections.SentenceIndex(text, hits).cuts == sections.SentenceIndex(text).cuts
    with_hits, without = sections.RoleFinder(text, low, hits), sections.RoleFinder(text, low)
    assert (with_hits.role_pos, with_hits.unit_pos) == (without.role_pos, without.unit_pos)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_heading_length_check_never_skips_a_heading_line(text):
    for start in sections._heading_starts(text):
        if sections._HEADING_LINE.match(text, start):
            assert sections._heading_fits(text, start), text[start : start + 80]


def test_anchor_scan_counts_characters_outside_the_basic_plane():
    low = "🚀 we need no python 🐍 and no go; you'll have it. not required"
    hits = AnchorHits.of(low)
    assert hits.positions("negator_words") == occurrences(low, negation._CUE_WORDS)
    assert hits.positions("required_cue") == occurrences(low, sections.REQUIRED_CUE.anchors)
    assert low[hits.positions("negator_words")[0] :].startswith("no python")


def test_role_finder_agrees_around_every_role_word():
    for text in _texts(3, 150):
        low = lower_view(text)
        finder = sections.RoleFinder(text, low)
        for word in ("engineer", "developer", "lead", "admin", "group"):
            q = (low or "").find(word)
            while q >= 0:
                for start, end in ((max(0, q - 8), max(1, q - 1)), (q + len(word) + 1, q + len(word) + 6),
                                   (q, q + len(word)), (max(0, q - 5), q + len(word))):
                    end = min(end, len(text))
                    if start < end:
                        assert finder(start, end) == sections.role_in_text(text, start, end), (text, start, end)
                q = low.find(word, q + 1)


@pytest.fixture(scope="module")
def real_pipelines(tmp_path_factory):
    """The packaged taxonomy's pipeline, freshly built and as reloaded from disk by ``spacy.load``."""
    import spacy

    from skills_taxonomy import load_taxonomy
    from skills_taxonomy.pipeline import build_pipeline, save_pipeline

    taxonomy = load_taxonomy()
    fresh = build_pipeline(taxonomy)
    path = save_pipeline(fresh, tmp_path_factory.mktemp("models") / f"skills-{taxonomy.version}")
    return fresh, spacy.load(path)


def test_reloaded_pipeline_gives_the_same_mentions_as_a_fresh_build(real_pipelines):
    from skillgap.extract import extract_batch, iter_mentions
    from skillgap.sample.writer import iter_postings

    fresh, reloaded = real_pipelines
    rows = [(str(i), f"{p.title}\n\n{p.text}")
            for i, p in enumerate(iter_postings(seed=3, start_month="2025-01", months=2, postings=30, detail="full"))]
    rows += [(f"w{i}", t) for i, t in enumerate(_texts(5, 40))]
    for mode in ("posting", "cv"):
        a = [(rid, [asdict(m) for m in ms]) for rid, ms in iter_mentions(rows, nlp=fresh, mode=mode)]
        b = [(rid, [asdict(m) for m in ms]) for rid, ms in iter_mentions(rows, nlp=reloaded, mode=mode)]
        assert a == b
        assert sum(len(ms) for _, ms in a) > 15
        # the sample postings are real posting text (each asks for several skills), not an object's repr
        assert sum(len(ms) for rid, ms in a if not rid.startswith("w")) >= 3 * 30
    # the batch table reads the same mentions as iter_mentions, without building Mention objects
    table = extract_batch(rows, nlp=reloaded)
    flat = [(rid, m.skill_id, m.start, m.end, m.text, m.sentence, m.section, m.required, m.years)
            for rid, ms in iter_mentions(rows, nlp=fresh) for m in ms]
    cols = table.to_pydict()
    assert list(zip(cols["posting_id"], cols["skill_id"], cols["start_char"], cols["end_char"], cols["text"],
                    cols["sentence"], cols["section"], cols["required"], cols["years"])) == flat


def test_reloaded_tokenizer_is_the_built_one(real_pipelines):
    """spaCy's own Tokenizer.from_disk recompiles the URL regex without its IGNORECASE flag; ours is rebuilt
    from code, so a reloaded pipeline tokenizes texts exactly as the patterns were tokenized at build time."""
    fresh, reloaded = real_pipelines
    text = "Contracts-HTTPS://Jobs.Example.com/Data-Engineer, Python/SQL, C++/Go, Node.js/CI/CD; in C."
    tokens = [t.text for t in reloaded.tokenizer(text)]
    assert tokens == [t.text for t in fresh.tokenizer(text)]
    assert "Contracts-HTTPS://Jobs.Example.com/Data-Engineer" in tokens and tokens[-2:] == ["C", "."]


def test_matcher_keys_are_the_lower_hashes_of_pattern_docs(real_pipelines):
    """The matcher is fed LOWER hashes instead of pattern Docs: they are the keys a pattern Doc would give."""
    from spacy.attrs import LOWER
    from spacy.tokens import Doc

    from skills_taxonomy.components.matcher import lower_hashes

    _, reloaded = real_pipelines
    patterns = reloaded.get_pipe("skill_matcher").patterns
    assert len(patterns) > 10_000
    for _, _, words in patterns[::7]:
        doc = Doc(reloaded.vocab, words=words)
        assert lower_hashes(words) == [int(v) for v in doc.to_array([LOWER]).ravel()]


def test_pickled_pipeline_extracts_like_the_built_one(real_pipelines):
    """A pickled pipeline (what multiprocessing sends to workers) keeps the tokenizer and the patterns."""
    import pickle

    fresh, _ = real_pipelines
    copy = pickle.loads(pickle.dumps(fresh))
    text = "Contracts-HTTPS://Jobs.Example.com/Data-Engineer with Go, R and C++/Go."
    assert [t.text for t in copy.tokenizer(text)] == [t.text for t in fresh.tokenizer(text)]
    doc, expected = copy(text), fresh(text)
    assert [s.label_ for s in doc.spans["skills"]] == [s.label_ for s in expected.spans["skills"]]
    assert len(doc.spans["skills"]) >= 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["5", "10", "2.5", "+", " ", "-", "to", "(3)", "years", "Years", "YRS", "yr", "of",
                                 "One", "two", "TEN", "twelve", "fifteen", "ſix", "seven", "٣", "old", "experience",
                                 "Python", ".", ";", "\n", "x"]), max_size=30).map(" ".join))
def test_years_lookahead_changes_no_match(text):
    from skills_taxonomy.components import experience

    plain = re.compile(experience.YEARS.pattern[len(experience.YEARS_START):], re.IGNORECASE)
    assert [m.span() for m in experience.YEARS.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_anchor_groups_take_lowercase_words_once():
    from skills_taxonomy.components.common import anchor_group

    with pytest.raises(ValueError, match="lowercase"):
        anchor_group("test_upper", ("Python",))
    with pytest.raises(ValueError, match="already registered"):
        anchor_group("years_words", ("year",))  # the experience component's group, with other words
    assert anchor_group("years_words", _GROUPS["years_words"]) == "years_words"  # the same words again: fine
