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

    def to_dict(self) -> dict:
        return self.__dict__.copy()


def extraction_version(con: duckdb.DuckDBPyConnection, *, preferred: str) -> str | None:
    """The taxonomy version whose mentions the market uses: the current one if extracted, else the latest."""
    if scalar(con, "SELECT count(*) FROM posting_extractions WHERE taxonomy_version = ?", [preferred]):
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
    total, classifier = 0, None
    while True:
        done = _classify_chunk(con, taxonomy=taxonomy, stamp=stamp, chunk_size=chunk_size, classifier=classifier)
        if not done:
            return total
        total += done
        classifier = classifier or RoleClassifier.from_roles(taxonomy.roles)


def _classify_chunk(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, stamp: str, chunk_size: int,
                    classifier: RoleClassifier | None) -> int:
    todo = con.sql(
        """SELECT p.posting_id, p.title, left(p.description, 4000) AS text
           FROM postings p ANTI JOIN posting_roles r USING (posting_id) LIMIT ?""",
        params=[chunk_size],
    ).pl()
    if todo.is_empty():
        return 0
    classifier = classifier or RoleClassifier.from_roles(taxonomy.roles)
    titles = todo["title"].unique().to_list()
    # titles repeat: classify each distinct title once; only titles stating no level need the text's years
    matched = {t: classifier.match(t) for t in titles}
    role_of = {t: role for t, (role, _) in matched.items()}
    # the level comes from the part of the title that named the role ("产品经理" elsewhere in a list is no level)
    level_of = {t: title_seniority(part) for t, (_, part) in matched.items()}
    title_list = todo["title"].to_list()
    text_list = todo["text"].to_list()
    rows = pl.DataFrame(
        {
            "posting_id": todo["posting_id"],
            "role_id": [role_of[t] for t in title_list],
            "seniority": [level_of[t] or seniority_of(None, x) for t, x in zip(title_list, text_list)],
            "rules_version": stamp,
        }
    )
    con.register("new_roles", rows)
    try:
        con.execute("INSERT INTO posting_roles SELECT posting_id, role_id, seniority, rules_version FROM new_roles")
    finally:
        con.unregister("new_roles")
    return rows.height


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


def _rebuild_facts(con: duckdb.DuckDBPyConnection, *, version: str | None, only: str | None = None) -> None:
    """Rebuild posting_facts and posting_skills; with ``only`` (a relation of posting ids) just those postings."""
    cases = " ".join(f"WHEN '{period}' THEN {factor}" for period, factor in _YEARLY.items())
    scope = f" WHERE posting_id IN (SELECT posting_id FROM {only})" if only else ""
    con.execute("DELETE FROM posting_facts" + scope)
    # Shares divide by posting_facts, so once skills were extracted it holds only the postings that were looked at
    # with that taxonomy version: a posting still waiting for extraction must not count as "asks for nothing".
    extracted = (
        "WHERE p.posting_id IN (SELECT posting_id FROM posting_extractions WHERE taxonomy_version = ?)"
        if version is not None
        else ""
    )
    if only:
        extracted += (" AND " if extracted else "WHERE ") + f"p.posting_id IN (SELECT posting_id FROM {only})"
    con.execute(
        f"""INSERT INTO posting_facts
            SELECT p.posting_id, p.posted_month, coalesce(r.role_id, 'other'), coalesce(r.seniority, 'mid'),
                   p.country, p.location, p.remote, p.salary_currency,
                   ((coalesce(p.salary_min, p.salary_max) + coalesce(p.salary_max, p.salary_min)) / 2)
                     * (CASE coalesce(p.salary_period, 'year') {cases} ELSE NULL END)
            FROM postings p LEFT JOIN posting_roles r USING (posting_id) {extracted}""",
        [version] if version is not None else None,
    )
    con.execute("DELETE FROM posting_skills" + scope)
    if version is not None:
        con.execute(
            """INSERT INTO posting_skills
               SELECT posting_id, skill_id,
                      bool_or(required IS DISTINCT FROM false) AS required,
                      NOT bool_or(required IS DISTINCT FROM false) AS preferred
               FROM skill_mentions WHERE taxonomy_version = ?"""
            + (f" AND posting_id IN (SELECT posting_id FROM {only})" if only else "")
            + """
               GROUP BY posting_id, skill_id""",
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


def _incremental_scope(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, version: str | None,
                       meta: dict[str, str]) -> bool:
    """Register ``_market_dirty``: the postings whose facts and skills must be redone.

    Postings are only ever added and a posting's mentions only change by re-extraction, which stamps a new
    ``extracted_at``; so the postings extracted at or after the last run's watermark, plus any extracted
    posting the facts lack, are all that can have changed while taxonomy, role rules and lookups stay the same.
    (``_market_months``, the months that gained postings, is taken before classification in ``materialize``.)
    """
    if version is None or meta.get("taxonomy_version") != version:
        return False
    if meta.get("rules_version") != rules_version(taxonomy.version) or meta.get("lookups_digest") != _lookups_digest(taxonomy):
        return False
    if meta.get("extracted_watermark") is None:
        return False
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _market_dirty AS
           SELECT posting_id FROM posting_extractions
           WHERE taxonomy_version = ? AND extracted_at >= CAST(? AS TIMESTAMP)
           UNION
           SELECT e.posting_id FROM posting_extractions e ANTI JOIN posting_facts f USING (posting_id)
           WHERE e.taxonomy_version = ?""",
        [version, meta["extracted_watermark"], version],
    )
    return True


def materialize(con: duckdb.DuckDBPyConnection, *, taxonomy: Taxonomy, unknown_terms: bool = True,
                full: bool = False) -> AggregateSummary:
    """Classify new postings and bring every market table up to date, in one transaction.

    When the taxonomy version, role rules and lookups are those of the last run, only the postings
    extracted since then (and the months that gained postings, for unknown terms) are redone: a monthly
    refresh costs in proportion to what it added, not to the store. Otherwise, or with ``full=True``,
    every table is rebuilt. Both give the same tables (tests/scale/test_incremental.py).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        meta = dict(con.execute("SELECT key, value FROM market_meta").fetchall())
        # postings without a role are exactly those added since the last run (while the role rules stay the same)
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _market_months AS
               SELECT DISTINCT p.posted_month AS month FROM postings p ANTI JOIN posting_roles r USING (posting_id)
               WHERE p.posted_month IS NOT NULL"""
        )
        classified = classify_new_postings(con, taxonomy=taxonomy)
        version = extraction_version(con, preferred=taxonomy.version)
        incremental = not full and _incremental_scope(con, taxonomy=taxonomy, version=version, meta=meta)
        if incremental:
            # lookups are unchanged (same digest); only skills that left the taxonomy can be new here
            con.execute(
                """INSERT INTO skills SELECT skill_id, any_value(label), NULL, NULL, NULL
                   FROM skill_mentions WHERE posting_id IN (SELECT posting_id FROM _market_dirty)
                     AND skill_id NOT IN (SELECT skill_id FROM skills) GROUP BY skill_id"""
            )
            _rebuild_facts(con, version=version, only="_market_dirty")
        else:
            _replace_lookups(con, taxonomy=taxonomy)
            _rebuild_facts(con, version=version)
        terms_digest = None
        if unknown_terms:
            terms_digest = _terms_digest(taxonomy)
            if incremental and meta.get("terms_digest") == terms_digest:
                _rebuild_unknown_terms(con, taxonomy=taxonomy, months="_market_months")
            else:
                _rebuild_unknown_terms(con, taxonomy=taxonomy)
        watermark = scalar(
            con,
            "SELECT CAST(max(extracted_at) AS VARCHAR) FROM posting_extractions WHERE taxonomy_version = ?",
            [version],
        )
        con.execute("DELETE FROM market_meta")
        con.execute(
            "INSERT INTO market_meta VALUES ('taxonomy_version', ?), ('aggregated_at', CAST(now() AS VARCHAR)), "
            "('aggregate_mode', ?), ('rules_version', ?), ('lookups_digest', ?), ('terms_digest', ?), "
            "('extracted_watermark', ?)",
            [version, "incremental" if incremental else "full", rules_version(taxonomy.version),
             _lookups_digest(taxonomy), terms_digest, watermark],
        )
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
        for name in ("_market_dirty", "_market_months"):
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")
    return AggregateSummary(version, classified, counts[0], counts[1], counts[2])
