"""Materialise the market tables from postings, roles and mentions (the write side of market).

``materialize`` runs inside one transaction on a writable connection (the aggregate_market
flow gives it a staged copy of the store). Read-side queries live in ``skillgap.market``.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from skillgap.store import fetch_one, scalar
from skillgap.roles import RoleClassifier, rules_version, seniority_of, title_seniority
from skills_taxonomy.model import Taxonomy

# Salary periods to yearly multipliers (2080 working hours, 260 days, 52 weeks, 12 months).
_YEARLY = {"hour": 2080.0, "day": 260.0, "week": 52.0, "month": 12.0, "year": 1.0}

# Candidate unknown terms: CamelCase words, ALLCAPS acronyms and dotted names.
# It runs inside DuckDB (RE2): keep it free of lookarounds.
_TERM_PATTERN = r"\b([A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]{1,7}s?|[A-Za-z]+\.(?:js|ai|io|py))\b"
_COMMON_CAPS = {
    "AND", "OR", "THE", "FOR", "WE", "YOU", "OUR", "US", "USA", "UK", "EU", "NYC", "SF", "CA", "NY", "TX", "WA",
    "REMOTE", "ONSITE", "HYBRID", "FULL", "TIME", "PT", "FT", "CEO", "CTO", "VP", "HR", "PTO", "EST", "PST",
    "UTC", "CET", "GMT", "II", "III", "IV", "SR", "JR", "BS", "MS", "BA", "MBA", "PHD", "OK", "TBD", "FAQ",
    "YC", "ASAP", "EEO", "EEOC", "ADA", "LGBTQ", "DEI", "401K", "K", "AM", "PM", "ET", "PT", "CT", "MT",
    "LLC", "INC", "LTD", "GMBH", "IPO", "B2B", "B2C", "SAAS", "API", "APIS", "URL", "HTTP", "HTTPS", "WWW",
}
# Found as noise in the real HN / Chinese-board postings: hiring and business jargon, currencies, places and
# the names of sites postings link to. Not technologies, so never curation candidates.
_JARGON = {
    "JD", "SWE", "SDE", "FDE", "FDES", "BDR", "SDR", "GTM", "ARR", "MRR", "YOE", "WLB", "WFH", "HQ", "IC", "EM",
    "AE", "TL", "VC", "MVP", "SOTA", "HC", "LATAM", "EMEA", "APAC", "VISA", "OTE", "RSU", "RSUS", "ESOP", "KPI",
    "KPIS", "OKR", "OKRS", "ROI", "CEO", "COO", "CFO", "CPO", "HRBP", "PMO", "MIT", "CMU", "FDA", "SOC", "EDI",
    "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "CNY", "RMB", "INR", "SGD", "HKD", "SEK", "NOK", "DKK", "PLN",
    "BRL", "MXN", "NZD", "AED", "APP", "APPS", "WEB", "NET", "DNA", "SMS", "PDF", "PDFS", "CITRIX",
    "HACKERNEWS", "LINKEDIN", "YOUTUBE", "TECHCRUNCH", "TIKTOK", "MACBOOK", "GLASSDOOR", "GREENHOUSE.IO",
    "ASHBYHQ", "WORKABLE", "ANGELLIST", "WELLFOUND", "YCOMBINATOR",
}


@dataclass(frozen=True)
class AggregateSummary:
    taxonomy_version: str | None
    classified: int
    postings: int
    posting_skills: int
    unknown_terms: int
    mode: str = "full"            # incremental | full
    reason: str | None = None     # why a full run was due (None for incremental runs)

    def to_dict(self) -> dict:
        return self.__dict__.copy()


def extraction_version(con: duckdb.DuckDBPyConnection, *, preferred: str) -> str | None:
    """The taxonomy version whose mentions the market uses: the current one if extracted, else the latest."""
    if scalar(con, "SELECT EXISTS (SELECT 1 FROM posting_extractions WHERE taxonomy_version = ?)", [preferred]):
        return preferred
    return scalar(
        con, "SELECT taxonomy_version FROM posting_extractions GROUP BY 1 ORDER BY max(extracted_at) DESC LIMIT 1"
    )


CLASSIFY_CHUNK = 50_000


def classify_new_postings(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy,
                          chunk_size: int = CLASSIFY_CHUNK) -> int:
    """Give every posting not yet classified with this taxonomy's role rules a role and a seniority.

    Works through ``chunk_size`` postings at a time, so a first load of a million postings never holds
    all their texts in Python at once.
    """
    stamp = rules_version(taxonomy.version)
    con.execute("DELETE FROM posting_roles WHERE rules_version <> ?", [stamp])
    todo = """SELECT p.posting_id, p.title, left(p.description, 4000) AS text
              FROM postings p ANTI JOIN posting_roles r USING (posting_id) LIMIT ?"""
    return _classify(con, taxonomy=taxonomy, stamp=stamp, chunk_size=chunk_size, todo=todo, params=[],
                     target="posting_roles")


def _classify_loaded_after(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, loaded_after: str,
                           chunk_size: int = CLASSIFY_CHUNK) -> int:
    """Classify the postings loaded after ``loaded_after`` (none of which has a role yet) into ``_market_new_roles``,
    then append those rows to posting_roles.

    The range on ``loaded_at`` skips every row group of older postings, and the chunks anti-join only against
    this run's own roles, so the cost follows the new postings, not the store.
    """
    stamp = rules_version(taxonomy.version)
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _market_new_roles
           (posting_id VARCHAR, role_id VARCHAR, seniority VARCHAR, rules_version VARCHAR)"""
    )
    todo = """SELECT p.posting_id, p.title, left(p.description, 4000) AS text
              FROM postings p ANTI JOIN _market_new_roles r USING (posting_id)
              WHERE p.loaded_at > CAST(? AS TIMESTAMP) LIMIT ?"""
    n = _classify(con, taxonomy=taxonomy, stamp=stamp, chunk_size=chunk_size, todo=todo, params=[loaded_after],
                  target="_market_new_roles")
    con.execute("INSERT INTO posting_roles SELECT * FROM _market_new_roles")
    return n


def _classify(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, stamp: str, chunk_size: int, todo: str,
              params: list, target: str) -> int:
    """Classify the rows of ``todo`` (a query ending in ``LIMIT ?`` that stops returning what ``target`` holds)."""
    total, classifier = 0, None
    while True:
        chunk = con.sql(todo, params=[*params, chunk_size]).pl()
        if chunk.is_empty():
            return total
        classifier = classifier or RoleClassifier.from_roles(taxonomy.roles)
        rows = _classify_chunk(chunk, classifier=classifier, stamp=stamp)
        con.register("new_roles", rows)
        try:
            con.execute(f"INSERT INTO {target} SELECT posting_id, role_id, seniority, rules_version FROM new_roles")
        finally:
            con.unregister("new_roles")
        total += rows.height


def _classify_chunk(todo: pl.DataFrame, *, classifier: RoleClassifier, stamp: str) -> pl.DataFrame:
    titles = todo["title"].unique().to_list()
    # titles repeat: classify each distinct title once; only titles stating no level need the text's years
    matched = {t: classifier.match(t) for t in titles}
    role_of = {t: role for t, (role, _) in matched.items()}
    # the level comes from the part of the title that named the role ("产品经理" elsewhere in a list is no level)
    level_of = {t: title_seniority(part) for t, (_, part) in matched.items()}
    title_list = todo["title"].to_list()
    text_list = todo["text"].to_list()
    return pl.DataFrame(
        {
            "posting_id": todo["posting_id"],
            "role_id": [role_of[t] for t in title_list],
            "seniority": [level_of[t] or seniority_of(None, x) for t, x in zip(title_list, text_list)],
            "rules_version": stamp,
        }
    )


def _replace_lookups(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy) -> None:
    skills = pl.DataFrame(
        {
            "skill_id": [s.id for s in taxonomy.skills.values()],
            "label": [s.label for s in taxonomy.skills.values()],
            "category": [s.category for s in taxonomy.skills.values()],
            "kind": [s.kind for s in taxonomy.skills.values()],
            "parent": [s.parent for s in taxonomy.skills.values()],
        },
        schema={"skill_id": pl.Utf8, "label": pl.Utf8, "category": pl.Utf8, "kind": pl.Utf8, "parent": pl.Utf8},
    )
    roles = pl.DataFrame(
        {
            "role_id": [r.id for r in taxonomy.roles.values()] + ["other"],
            "label": [r.label for r in taxonomy.roles.values()] + ["Other"],
        }
    )
    con.execute("DELETE FROM skills")
    con.execute("DELETE FROM roles")
    con.register("tx_skills", skills)
    con.register("tx_roles", roles)
    try:
        con.execute("INSERT INTO skills SELECT * FROM tx_skills")
        # mentions of skills that left the taxonomy keep their stored label
        con.execute(
            """INSERT INTO skills SELECT skill_id, any_value(label), NULL, NULL, NULL
               FROM skill_mentions WHERE skill_id NOT IN (SELECT skill_id FROM skills) GROUP BY skill_id"""
        )
        con.execute("INSERT INTO roles SELECT * FROM tx_roles")
    finally:
        con.unregister("tx_skills")
        con.unregister("tx_roles")


def _facts_select(*, postings: str = "postings", roles: str = "posting_roles", where: str = "") -> str:
    """The posting_facts rows of ``postings`` joined to ``roles`` (a relation shaped like posting_roles)."""
    cases = " ".join(f"WHEN '{period}' THEN {factor}" for period, factor in _YEARLY.items())
    return f"""SELECT p.posting_id, p.posted_month, coalesce(r.role_id, 'other'), coalesce(r.seniority, 'mid'),
                      p.country, p.location, p.remote, p.salary_currency,
                      ((coalesce(p.salary_min, p.salary_max) + coalesce(p.salary_max, p.salary_min)) / 2)
                        * (CASE coalesce(p.salary_period, 'year') {cases} ELSE NULL END)
               FROM {postings} p LEFT JOIN {roles} r USING (posting_id) {where}"""


_SKILLS_SELECT = """SELECT posting_id, skill_id,
                           bool_or(required IS DISTINCT FROM false) AS required,
                           NOT bool_or(required IS DISTINCT FROM false) AS preferred
                    FROM {mentions} {where}
                    GROUP BY posting_id, skill_id"""


def _rebuild_facts(con: duckdb.DuckDBPyConnection, *, version: str | None) -> None:
    """Rebuild posting_facts and posting_skills from every posting and mention."""
    con.execute("DELETE FROM posting_facts")
    # Shares divide by posting_facts, so once skills were extracted it holds only the postings that were looked at
    # with that taxonomy version: a posting still waiting for extraction must not count as "asks for nothing".
    if version is None:
        con.execute("INSERT INTO posting_facts " + _facts_select())
    else:
        con.execute(
            "INSERT INTO posting_facts " + _facts_select(
                where="WHERE p.posting_id IN (SELECT posting_id FROM posting_extractions WHERE taxonomy_version = ?)"
            ),
            [version],
        )
    con.execute("DELETE FROM posting_skills")
    if version is not None:
        con.execute(
            "INSERT INTO posting_skills " + _SKILLS_SELECT.format(mentions="skill_mentions",
                                                                  where="WHERE taxonomy_version = ?"),
            [version],
        )


def _known_terms(taxonomy: Taxonomy) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list only; no pipeline is loaded

    known = {form.casefold() for s in taxonomy.skills.values() for form in s.surface_forms}
    known |= {w.casefold() for w in _COMMON_CAPS | _JARGON}
    known |= {w.casefold() for w in STOP_WORDS}  # "ONLY", "WHAT", "RE" shouted in a title
    return known


def _rebuild_unknown_terms(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, months: str | None = None) -> None:
    """Rebuild market_unknown_terms; with ``months`` (a relation of months) just those months."""
    known = _known_terms(taxonomy)
    in_months = f" AND posted_month IN (SELECT month FROM {months})" if months else ""
    con.execute("DELETE FROM market_unknown_terms" + (f" WHERE month IN (SELECT month FROM {months})" if months else ""))
    con.register("known_terms", pl.DataFrame({"term": sorted(known)}))
    try:
        con.execute(
            """INSERT INTO market_unknown_terms
               SELECT term, month, count(DISTINCT posting_id)::INTEGER
               FROM (
                   SELECT posting_id, posted_month AS month,
                          unnest(list_distinct(regexp_extract_all(description, ?, 1))) AS term
                   FROM postings WHERE posted_month IS NOT NULL AND description IS NOT NULL"""
            + in_months
            + """
               )
               WHERE lower(term) NOT IN (SELECT term FROM known_terms)
                 AND lower(regexp_replace(term, 's$', '')) NOT IN (SELECT term FROM known_terms)
                 -- two-letter codes are states, countries and abbreviations far more often than technologies;
                 -- a letter and one or two digits is a YC batch (W21, F24) or a level (P6, L5)
                 AND length(regexp_replace(term, 's$', '')) >= 3
                 AND NOT regexp_full_match(term, '[A-Z][0-9]{1,2}')
               GROUP BY term, month
               HAVING count(DISTINCT posting_id) >= 2""",
            [_TERM_PATTERN],
        )
    finally:
        con.unregister("known_terms")


def _digest(*parts) -> str:
    import hashlib
    import json

    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _lookups_digest(taxonomy: Taxonomy) -> str:
    skills = sorted((s.id, s.label, s.category, s.kind, s.parent) for s in taxonomy.skills.values())
    roles = sorted((r.id, r.label) for r in taxonomy.roles.values())
    return _digest(skills, roles)


def _terms_digest(taxonomy: Taxonomy) -> str:
    return _digest(sorted(_known_terms(taxonomy)), _TERM_PATTERN)



# market_meta keys of the incremental path's high-water marks (see _incremental_scope)
_MARKS = ("loaded_watermark", "extracted_watermark", "mentions_next_rowid", "postings_seen", "extractions_one_version")


@dataclass(frozen=True)
class _Increment:
    """What an incremental run redoes, found from the last run's high-water marks."""
    loaded_after: str      # postings.loaded_at of the newest posting the last run saw
    extracted_after: str   # posting_extractions.extracted_at of the newest extraction the last run saw
    mentions_from: int     # skill_mentions rowid where the rows appended since the last run begin
    postings_seen: int     # postings (all classified) after the last run
    one_version: bool      # every posting_extractions row had the market's version after the last run


def _incremental_scope(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, version: str | None,
                       meta: dict[str, str]) -> _Increment | str:
    """Find the work since the last run by range predicates on its high-water marks; or say why a full run is due.

    Postings are only ever added, each with a ``loaded_at`` later than anything before it, and every
    (re-)extraction rewrites its posting's ``posting_extractions`` row with a new ``extracted_at`` and appends its
    mentions to ``skill_mentions``. So "loaded_at > mark" is exactly the new postings and "extracted_at > mark"
    exactly the postings whose facts and skills changed. Both tables are appended in time order, so DuckDB's
    zone maps skip every older row group: no anti-join against the store. Registers ``_market_dirty`` (those
    extractions). The counts checked here and in ``_apply_increment`` catch a store changed some other way
    (a load whose clock ran behind, postings classified or deleted outside this function): the run falls back to
    a full rebuild.
    """
    if version is None:
        return "no extraction yet"
    if meta.get("taxonomy_version") != version:
        return "taxonomy version changed"
    if meta.get("rules_version") != rules_version(taxonomy.version):
        return "role rules changed"
    if meta.get("lookups_digest") != _lookups_digest(taxonomy):
        return "skill or role list changed"
    if any(meta.get(key) is None for key in _MARKS):
        return "no high-water marks from an earlier run"
    inc = _Increment(meta["loaded_watermark"], meta["extracted_watermark"], int(meta["mentions_next_rowid"]),
                     int(meta["postings_seen"]), meta["extractions_one_version"] == "true")
    # count(*) of a whole table comes from DuckDB's row counts, not a scan
    postings, roles = fetch_one(con, "SELECT (SELECT count(*) FROM postings), (SELECT count(*) FROM posting_roles)")
    new = scalar(con, "SELECT count(*) FROM postings WHERE loaded_at > CAST(? AS TIMESTAMP)", [inc.loaded_after])
    if roles != inc.postings_seen or postings != inc.postings_seen + new:
        return "postings or roles changed outside the aggregate"
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _market_dirty AS
           SELECT posting_id, taxonomy_version, n_mentions, extracted_at FROM posting_extractions
           WHERE extracted_at > CAST(? AS TIMESTAMP)""",
        [inc.extracted_after],
    )
    if scalar(con, "SELECT count(*) FROM _market_dirty WHERE taxonomy_version <> ?", [version]):
        return "postings were extracted with another taxonomy version"
    return inc


def _apply_increment(con: duckdb.DuckDBPyConnection, *, version: str, inc: _Increment) -> bool:
    """Bring posting_facts, posting_skills and skills up to date for ``_market_dirty``; False if a check fails.

    New postings (loaded after the mark) have no facts yet and take their roles from ``_market_new_roles``,
    so they need neither a delete nor a look at the whole posting_roles table; only postings extracted again
    (or extracted late) pay for a delete and a join over the store.
    """
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _market_dirty_old AS
           SELECT posting_id FROM _market_dirty ANTI JOIN _market_new_roles USING (posting_id)"""
    )
    if scalar(con, "SELECT count(*) FROM _market_dirty_old"):
        con.execute("DELETE FROM posting_facts WHERE posting_id IN (SELECT posting_id FROM _market_dirty_old)")
        con.execute("DELETE FROM posting_skills WHERE posting_id IN (SELECT posting_id FROM _market_dirty_old)")
        con.execute(
            "INSERT INTO posting_facts "
            + _facts_select(where="WHERE p.posting_id IN (SELECT posting_id FROM _market_dirty_old)")
        )
    con.execute(
        "INSERT INTO posting_facts "
        + _facts_select(roles="_market_new_roles",
                        where="WHERE p.loaded_at > CAST(? AS TIMESTAMP) "
                              "AND p.posting_id IN (SELECT posting_id FROM _market_dirty)"),
        [inc.loaded_after],
    )
    # every posting extracted with the market's version has exactly one fact row
    facts = scalar(con, "SELECT count(*) FROM posting_facts")
    extracted = (
        scalar(con, "SELECT count(*) FROM posting_extractions")
        if inc.one_version
        else scalar(con, "SELECT count(*) FROM posting_extractions WHERE taxonomy_version = ?", [version])
    )
    if facts != extracted:
        return False
    _dirty_mentions(con, version=version, mentions_from=inc.mentions_from)
    # lookups are unchanged (same digest); only skills that left the taxonomy can be new here
    con.execute(
        """INSERT INTO skills SELECT skill_id, any_value(label), NULL, NULL, NULL
           FROM _market_mentions WHERE skill_id NOT IN (SELECT skill_id FROM skills) GROUP BY skill_id"""
    )
    con.execute("INSERT INTO posting_skills " + _SKILLS_SELECT.format(mentions="_market_mentions", where=""))
    return True


def _dirty_mentions(con: duckdb.DuckDBPyConnection, *, version: str, mentions_from: int) -> None:
    """Register ``_market_mentions``: the current mentions of the ``_market_dirty`` postings.

    Each (re-)extraction appends its posting's mentions, so they sit at rowid >= ``mentions_from`` and the rowid
    range skips the older row groups. If the counts disagree with ``n_mentions`` (a checkpoint compacted the
    table and moved rows), the mentions are found by a scan instead.
    """
    query = """CREATE OR REPLACE TEMP TABLE _market_mentions AS
               SELECT posting_id, skill_id, label, required FROM skill_mentions
               WHERE taxonomy_version = ? AND posting_id IN (SELECT posting_id FROM _market_dirty)"""
    con.execute(query + " AND rowid >= ?", [version, mentions_from])
    expected = scalar(con, "SELECT coalesce(sum(n_mentions), 0) FROM _market_dirty")
    if scalar(con, "SELECT count(*) FROM _market_mentions") != expected:
        con.execute(query, [version])


def _new_marks(con: duckdb.DuckDBPyConnection, *, version: str | None, inc: _Increment | None) -> dict[str, str | None]:
    """The high-water marks to keep for the next run (incrementally: from this run's new rows only)."""
    if inc is None:
        loaded, extracted, next_rowid, one_version = fetch_one(
            con,
            """SELECT (SELECT CAST(max(loaded_at) AS VARCHAR) FROM postings),
                      (SELECT CAST(max(extracted_at) AS VARCHAR) FROM posting_extractions),
                      (SELECT coalesce(max(rowid) + 1, 0) FROM skill_mentions),
                      (SELECT count(*) = count(*) FILTER (WHERE taxonomy_version = ?) FROM posting_extractions)""",
            [version],
        )
    else:
        loaded, extracted, next_rowid = fetch_one(
            con,
            """SELECT (SELECT CAST(max(loaded_at) AS VARCHAR) FROM postings WHERE loaded_at > CAST(? AS TIMESTAMP)),
                      (SELECT CAST(max(extracted_at) AS VARCHAR) FROM _market_dirty),
                      (SELECT max(rowid) + 1 FROM skill_mentions WHERE rowid >= ?)""",
            [inc.loaded_after, inc.mentions_from],
        )
        loaded, extracted = loaded or inc.loaded_after, extracted or inc.extracted_after
        if next_rowid is None:  # nothing appended, or a checkpoint compacted the table below the mark
            next_rowid = scalar(con, "SELECT coalesce(max(rowid) + 1, 0) FROM skill_mentions")
        one_version = inc.one_version
    postings = scalar(con, "SELECT count(*) FROM postings")
    return {"loaded_watermark": loaded, "extracted_watermark": extracted, "mentions_next_rowid": str(next_rowid),
            "postings_seen": str(postings), "extractions_one_version": "true" if one_version else "false"}


_TEMP_TABLES = ("_market_dirty", "_market_dirty_old", "_market_new_roles", "_market_mentions", "_market_months")


def materialize(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, unknown_terms: bool = True,
                full: bool = False) -> AggregateSummary:
    """Classify new postings and bring every market table up to date, in one transaction.

    When the taxonomy version, role rules and lookups are those of the last run, only the postings loaded
    or extracted since then (and the months that gained postings, for unknown terms) are redone, found by
    range predicates on the high-water marks the last run left in ``market_meta``: a monthly refresh costs
    in proportion to what it added, not to the store. Otherwise, or with ``full=True``, every table is
    rebuilt. Both give the same tables (tests/market/test_aggregate_incremental.py).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        meta = dict(con.execute("SELECT key, value FROM market_meta").fetchall())
        version = extraction_version(con, preferred=taxonomy.version)
        scope = "forced" if full else _incremental_scope(con, taxonomy=taxonomy, version=version, meta=meta)
        inc = scope if isinstance(scope, _Increment) else None
        classified = 0
        if inc is not None:
            classified = _classify_loaded_after(con, taxonomy=taxonomy, loaded_after=inc.loaded_after)
            if not _apply_increment(con, version=version, inc=inc):
                inc, scope = None, "facts disagreed with extractions"
        if inc is None:
            classified += classify_new_postings(con, taxonomy=taxonomy)
            _replace_lookups(con, taxonomy=taxonomy)
            _rebuild_facts(con, version=version)
        terms_digest = None
        if unknown_terms:
            terms_digest = _terms_digest(taxonomy)
            if inc is not None and meta.get("terms_digest") == terms_digest:
                con.execute(
                    """CREATE OR REPLACE TEMP TABLE _market_months AS
                       SELECT DISTINCT posted_month AS month FROM postings
                       WHERE loaded_at > CAST(? AS TIMESTAMP) AND posted_month IS NOT NULL""",
                    [inc.loaded_after],
                )
                _rebuild_unknown_terms(con, taxonomy=taxonomy, months="_market_months")
            else:
                _rebuild_unknown_terms(con, taxonomy=taxonomy)
        marks = _new_marks(con, version=version, inc=inc)
        con.execute("DELETE FROM market_meta")
        rows = {"taxonomy_version": version, "aggregate_mode": "incremental" if inc is not None else "full",
                "aggregate_reason": None if inc is not None else scope,
                "rules_version": rules_version(taxonomy.version),
                "lookups_digest": _lookups_digest(taxonomy), "terms_digest": terms_digest, **marks}
        con.executemany("INSERT INTO market_meta VALUES (?, ?)", [[k, v] for k, v in rows.items()])
        con.execute("INSERT INTO market_meta VALUES ('aggregated_at', CAST(now() AS VARCHAR))")
        counts = fetch_one(
            con,
            """SELECT (SELECT count(*) FROM posting_facts), (SELECT count(*) FROM posting_skills),
                      (SELECT count(DISTINCT term) FROM market_unknown_terms)""",
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in _TEMP_TABLES:
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")
    return AggregateSummary(version, classified, counts[0], counts[1], counts[2],
                            "incremental" if inc is not None else "full", None if inc is not None else scope)
