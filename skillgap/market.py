"""Read-only market queries over the materialised tables. Every function returns polars frames
(or plain dicts built from them) and always carries the denominators next to the shares."""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import polars as pl

from skillgap.store import fetch_one, scalar

LOW_SUPPORT_POSTINGS = 30  # months with fewer postings are flagged as low support


@dataclass(frozen=True)
class MarketFilter:
    """Which postings a market question is about. ``months`` is the last N months of data."""

    role: str | None = None
    country: str | None = None
    location: str | None = None
    remote: bool | None = None
    seniority: str | None = None
    months: int | None = None
    start_month: str | None = None
    end_month: str | None = None

    def without_window(self) -> "MarketFilter":
        return replace(self, months=None, start_month=None, end_month=None)


def _month_add(month: str, delta: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(start: str, end: str) -> list[str]:
    """Every month from start to end inclusive ('YYYY-MM')."""
    out, current = [], start
    while current <= end:
        out.append(current)
        current = _month_add(current, 1)
    return out


def _conditions(f: MarketFilter) -> tuple[str, list]:
    conds, params = ["TRUE"], []
    if f.role:
        conds.append("role_id = ?")
        params.append(f.role)
    if f.country:
        conds.append("country = ?")
        params.append(f.country)
    if f.location:
        conds.append("location ILIKE ?")
        params.append(f"%{f.location}%")
    if f.remote is not None:
        conds.append("remote = ?")
        params.append(f.remote)
    if f.seniority:
        conds.append("seniority = ?")
        params.append(f.seniority)
    if f.start_month:
        conds.append("month >= ?")
        params.append(f.start_month)
    if f.end_month:
        conds.append("month <= ?")
        params.append(f.end_month)
    return " AND ".join(conds), params


def resolve_window(con: duckdb.DuckDBPyConnection, f: MarketFilter) -> MarketFilter:
    """Turn ``months=N`` into an explicit start/end ending at the latest month with postings."""
    if not f.months:
        return f
    where, params = _conditions(f.without_window())
    latest = scalar(con, f"SELECT max(month) FROM posting_facts WHERE {where}", params)
    if latest is None:
        return f
    return replace(f, start_month=_month_add(latest, -(f.months - 1)), end_month=latest, months=None)


def _filtered(con: duckdb.DuckDBPyConnection, f: MarketFilter) -> tuple[str, list]:
    f = resolve_window(con, f)
    where, params = _conditions(f)
    return f"SELECT posting_id, month FROM posting_facts WHERE {where}", params


def total_postings(con: duckdb.DuckDBPyConnection, f: MarketFilter = MarketFilter()) -> int:
    sub, params = _filtered(con, f)
    return scalar(con, f"SELECT count(*) FROM ({sub})", params)


def role_counts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Role families with their posting counts (largest first; 'other' last)."""
    return con.sql(
        """SELECT r.role_id AS role, r.label, count(f.posting_id)::BIGINT AS postings
           FROM roles r LEFT JOIN posting_facts f USING (role_id)
           GROUP BY r.role_id, r.label
           ORDER BY (r.role_id = 'other'), postings DESC, r.role_id"""
    ).pl()


def demand(con: duckdb.DuckDBPyConnection, f: MarketFilter = MarketFilter(), *, min_postings: int = 1) -> pl.DataFrame:
    """Per skill: postings asking for it, the denominator, the share, and the required/preferred split."""
    sub, params = _filtered(con, f)
    # count per skill id first and join labels to the few hundred result rows, not to every posting-skill pair
    return con.sql(
        f"""WITH f AS ({sub}), n AS (SELECT count(*) AS total FROM f),
                 c AS (SELECT s.skill_id, count(*) AS postings,
                              count(*) FILTER (WHERE s.required) AS required,
                              count(*) FILTER (WHERE s.preferred) AS preferred
                       FROM posting_skills s SEMI JOIN f USING (posting_id)
                       GROUP BY s.skill_id HAVING count(*) >= ?)
            SELECT c.skill_id, coalesce(k.label, c.skill_id) AS label,
                   c.postings::BIGINT AS postings, n.total::BIGINT AS total, c.postings / n.total AS share,
                   c.required::BIGINT AS required, c.preferred::BIGINT AS preferred,
                   c.required / c.postings AS required_share
            FROM c LEFT JOIN skills k USING (skill_id), n
            ORDER BY postings DESC, c.skill_id""",
        params=[*params, min_postings],
    ).pl()


def postings_per_month(
    con: duckdb.DuckDBPyConnection, f: MarketFilter = MarketFilter(), *, low_support: int = LOW_SUPPORT_POSTINGS
) -> pl.DataFrame:
    """Postings per month (every month in the range, zeros included) with a low-support flag."""
    f = resolve_window(con, f)
    sub, params = _filtered(con, f)
    counts = con.sql(
        f"SELECT month, count(*)::BIGINT AS postings FROM ({sub}) WHERE month IS NOT NULL GROUP BY month",
        params=params,
    ).pl()
    if counts.is_empty():
        return pl.DataFrame(schema={"month": pl.Utf8, "postings": pl.Int64, "low_support": pl.Boolean})
    # an explicit window lists all its months, also the empty ones before the first or after the last posting
    months = month_range(f.start_month or counts["month"].min(), f.end_month or counts["month"].max())
    frame = pl.DataFrame({"month": months}).join(counts, on="month", how="left").with_columns(
        pl.col("postings").fill_null(0)
    )
    return frame.with_columns((pl.col("postings") < low_support).alias("low_support"))


def monthly_shares(
    con: duckdb.DuckDBPyConnection,
    f: MarketFilter = MarketFilter(),
    *,
    skills: list[str] | None = None,
    low_support: int = LOW_SUPPORT_POSTINGS,
) -> pl.DataFrame:
    """Per (month, skill): postings asking for it, that month's postings, and the share."""
    sub, params = _filtered(con, f)
    skill_cond = ""
    if skills:
        skill_cond = f"AND s.skill_id IN ({', '.join('?' for _ in skills)})"
        params = [*params, *skills]
    counts = con.sql(
        f"""WITH f AS ({sub})
            SELECT f.month, s.skill_id, count(*)::BIGINT AS postings
            FROM posting_skills s JOIN f USING (posting_id)
            WHERE f.month IS NOT NULL {skill_cond}
            GROUP BY ALL""",
        params=params,
    ).pl()
    per_month = postings_per_month(con, f, low_support=low_support).rename({"postings": "month_postings"})
    if counts.is_empty() or per_month.is_empty():
        return pl.DataFrame(
            schema={
                "month": pl.Utf8, "skill_id": pl.Utf8, "postings": pl.Int64,
                "month_postings": pl.Int64, "share": pl.Float64, "low_support": pl.Boolean,
            }
        )
    grid = per_month.join(counts.select("skill_id").unique(), how="cross")
    out = grid.join(counts, on=["month", "skill_id"], how="left").with_columns(pl.col("postings").fill_null(0))
    out = out.with_columns(
        pl.when(pl.col("month_postings") > 0)
        .then(pl.col("postings") / pl.col("month_postings"))
        .otherwise(None)
        .alias("share")
    )
    return out.select("month", "skill_id", "postings", "month_postings", "share", "low_support").sort(
        "skill_id", "month"
    )


def theil_sen_slopes(shares: pl.DataFrame) -> pl.DataFrame:
    """Median of pairwise slopes of share per month for each skill (robust to one-off spikes).

    Months flagged low-support are left out; a skill needs at least 3 usable months.
    """
    usable = shares.filter(~pl.col("low_support") & pl.col("share").is_not_null())
    if usable.is_empty():
        return pl.DataFrame(schema={"skill_id": pl.Utf8, "slope": pl.Float64})
    # t counts calendar months, so a left-out month between two usable ones still counts as a month
    usable = usable.with_columns(
        (pl.col("month").str.slice(0, 4).cast(pl.Int64) * 12 + pl.col("month").str.slice(5, 2).cast(pl.Int64)).alias("t")
    )
    a = usable.select("skill_id", pl.col("t").alias("t1"), pl.col("share").alias("s1"))
    b = usable.select("skill_id", pl.col("t").alias("t2"), pl.col("share").alias("s2"))
    pairs = a.join(b, on="skill_id").filter(pl.col("t2") > pl.col("t1"))
    enough = usable.group_by("skill_id").len().filter(pl.col("len") >= 3).select("skill_id")
    return (
        pairs.join(enough, on="skill_id")
        .with_columns(((pl.col("s2") - pl.col("s1")) / (pl.col("t2") - pl.col("t1"))).alias("pair_slope"))
        .group_by("skill_id")
        .agg(pl.col("pair_slope").median().alias("slope"))
    )


def trends(
    con: duckdb.DuckDBPyConnection,
    f: MarketFilter = MarketFilter(),
    *,
    months: int = 12,
    skills: list[str] | None = None,
    min_support: int = 10,
    top: int = 10,
    low_support: int = LOW_SUPPORT_POSTINGS,
) -> dict:
    """Month-by-month shares, changes, robust slopes, and rising / declining / emerging lists.

    ``min_support`` is the minimum number of postings in the window asking for a skill before it
    can be called rising or declining. Shares are fractions of that month's postings.
    """
    f = resolve_window(con, replace(f, months=months or f.months))
    per_month = postings_per_month(con, f, low_support=low_support)
    month_list = per_month["month"].to_list()
    shares = monthly_shares(con, f, skills=skills, low_support=low_support)
    labels = dict(con.execute("SELECT skill_id, label FROM skills").fetchall())
    result = {
        "months": month_list,
        "postings": dict(zip(month_list, per_month["postings"].to_list())),
        "low_support_months": per_month.filter(pl.col("low_support"))["month"].to_list(),
        "skills": [],
        "rising": [],
        "declining": [],
        "emerging": [],
    }
    if shares.is_empty():
        return result
    slopes = dict(theil_sen_slopes(shares).iter_rows())
    support = dict(shares.group_by("skill_id").agg(pl.col("postings").sum()).iter_rows())
    last, prev = month_list[-1], (month_list[-2] if len(month_list) > 1 else None)
    year_ago = _month_add(last, -12)
    yoy_shares = {}
    if year_ago not in month_list:
        yoy_f = replace(f, start_month=year_ago, end_month=year_ago)
        yoy_frame = monthly_shares(con, yoy_f, skills=skills, low_support=low_support)
        yoy_shares = {r["skill_id"]: r["share"] for r in yoy_frame.iter_rows(named=True)}
        yoy_postings = postings_per_month(con, yoy_f, low_support=low_support)["postings"].sum()
        if yoy_postings >= low_support:
            # the month a year ago had postings: a skill none of them asked for had a share of 0, not unknown
            yoy_shares = {s: yoy_shares.get(s, 0.0) for s in shares["skill_id"].unique().to_list()}
        else:
            yoy_shares = {}  # no year-over-year against a low-support month: its shares are noise
    elif year_ago in per_month.filter(pl.col("low_support"))["month"].to_list():
        year_ago = None  # inside the window but low support: same rule
    by_skill: dict[str, dict[str, float | None]] = {}
    for row in shares.iter_rows(named=True):
        by_skill.setdefault(row["skill_id"], {})[row["month"]] = row["share"]
    entries = []
    for skill_id, series in by_skill.items():
        latest, before = series.get(last), series.get(prev) if prev else None
        year_before = series.get(year_ago, yoy_shares.get(skill_id)) if year_ago else None
        entries.append(
            {
                "skill_id": skill_id,
                "label": labels.get(skill_id, skill_id),
                "postings": int(support.get(skill_id, 0)),
                "share": {m: series.get(m) for m in month_list},
                "latest_share": latest,
                "change": None if latest is None or before is None else latest - before,
                "yoy_change": None if latest is None or year_before is None else latest - year_before,
                "trend": slopes.get(skill_id),
            }
        )
    entries.sort(key=lambda e: (-e["postings"], e["skill_id"]))
    result["skills"] = entries
    supported = [e for e in entries if e["postings"] >= min_support and e["trend"] is not None]
    result["rising"] = [_brief(e) for e in sorted(supported, key=lambda e: -e["trend"]) if e["trend"] > 0][:top]
    result["declining"] = [_brief(e) for e in sorted(supported, key=lambda e: e["trend"]) if e["trend"] < 0][:top]
    # emerging compares early and recent months: low-support months would make either side noise
    usable_months = [m for m in month_list if m not in set(result["low_support_months"])]
    result["emerging"] = [_brief(e) for e in _emerging(entries, usable_months, min_support=min_support)][:top]
    return result


def _brief(entry: dict) -> dict:
    return {k: entry[k] for k in ("skill_id", "label", "postings", "latest_share", "change", "yoy_change", "trend")}


def _emerging(entries: list[dict], months: list[str], *, min_support: int, near_zero: float = 0.005) -> list[dict]:
    """Skills that were (near) absent in the first half of the window and are clearly asked for now."""
    if len(months) < 4:
        return []
    half = len(months) // 2
    early, recent = months[:half], months[-max(2, len(months) // 4):]
    out = []
    for e in entries:
        early_vals = [e["share"][m] for m in early if e["share"][m] is not None]
        recent_vals = [e["share"][m] for m in recent if e["share"][m] is not None]
        if not early_vals or not recent_vals:
            continue
        early_mean = sum(early_vals) / len(early_vals)
        recent_mean = sum(recent_vals) / len(recent_vals)
        if early_mean <= near_zero and recent_mean >= max(4 * early_mean, 2 * near_zero) and e["postings"] >= min_support:
            out.append(e | {"early_share": early_mean, "recent_share": recent_mean})
    return sorted(out, key=lambda e: -(e["recent_share"] - e["early_share"]))


def cooccurrence(
    con: duckdb.DuckDBPyConnection, skill_id: str, f: MarketFilter = MarketFilter(), *, top: int = 10, min_both: int = 3
) -> pl.DataFrame:
    """Skills most often asked together with ``skill_id``: joint count, P(other | skill) and lift."""
    sub, params = _filtered(con, f)
    return con.sql(
        f"""WITH f AS ({sub}),
                 ps AS (SELECT s.posting_id, s.skill_id FROM posting_skills s SEMI JOIN f USING (posting_id)),
                 n AS (SELECT count(*) AS total FROM f),
                 a AS (SELECT posting_id FROM ps WHERE skill_id = ?),
                 na AS (SELECT count(*) AS n_a FROM a),
                 ab AS (SELECT ps.skill_id, count(*) AS n_ab FROM ps SEMI JOIN a USING (posting_id)
                        WHERE ps.skill_id <> ? GROUP BY ps.skill_id HAVING count(*) >= ?),
                 nb AS (SELECT skill_id, count(*) AS n_b FROM ps SEMI JOIN ab USING (skill_id) GROUP BY skill_id)
            SELECT ab.skill_id, coalesce(k.label, ab.skill_id) AS label,
                   ab.n_ab::BIGINT AS both_postings, na.n_a::BIGINT AS skill_postings,
                   nb.n_b::BIGINT AS other_postings, n.total::BIGINT AS total,
                   ab.n_ab / na.n_a AS share,
                   (ab.n_ab * n.total) / (na.n_a * nb.n_b) AS lift
            FROM ab JOIN nb USING (skill_id) LEFT JOIN skills k USING (skill_id), n, na
            ORDER BY both_postings DESC, lift DESC, ab.skill_id
            LIMIT ?""",
        params=[*params, skill_id, skill_id, min_both, top],
    ).pl()


def _quantile_sql(side: str, q: float) -> str:
    """quantile_cont(q) of one side from per-value cumulative counts: interpolate between the order statistics at
    floor and ceil of q * (n - 1), each the smallest value whose cumulative count exceeds its 0-based position."""
    pos = f"({q} * (t_{side} - 1))"
    lo = f"min(v) FILTER (WHERE c_{side} > floor({pos}))"
    hi = f"min(v) FILTER (WHERE c_{side} > ceil({pos}))"
    frac = f"(any_value({pos}) - floor(any_value({pos})))"
    return f"{lo} + {frac} * ({hi} - {lo})"


def pay(
    con: duckdb.DuckDBPyConnection,
    f: MarketFilter = MarketFilter(),
    *,
    currency: str = "USD",
    min_postings: int = 10,
    skills: list[str] | None = None,
) -> pl.DataFrame:
    """Yearly salary median and IQR for postings that ask for a skill vs those that don't.

    One currency at a time; only skills with at least ``min_postings`` salaried postings on each
    side are reported. The quantiles are exact (``quantile_cont``'s linear interpolation), computed
    from cumulative counts per distinct salary, so the cost grows with skills x distinct salaries
    rather than skills x salaried postings.
    """
    sub, params = _filtered(con, f)
    skill_cond = ""
    extra: list = []
    if skills:
        skill_cond = f"WHERE s.skill_id IN ({', '.join('?' for _ in skills)})"
        extra = list(skills)
    return con.sql(
        f"""WITH f AS ({sub}),
                 paid AS (SELECT p.posting_id, p.salary_year AS v FROM posting_facts p JOIN f USING (posting_id)
                          WHERE p.salary_currency = ? AND p.salary_year > 0),
                 n AS (SELECT count(*) AS n FROM paid),
                 vals AS (SELECT v, count(*) AS n_all FROM paid GROUP BY v),
                 ps AS (SELECT s.skill_id, paid.v FROM posting_skills s JOIN paid USING (posting_id) {skill_cond}),
                 sk AS (SELECT skill_id FROM ps, n GROUP BY skill_id
                        HAVING count(*) >= ? AND any_value(n.n) - count(*) >= ?),
                 w AS (SELECT skill_id, v, count(*) AS n_with FROM ps SEMI JOIN sk USING (skill_id) GROUP BY ALL),
                 grid AS (
                    SELECT sk.skill_id, vals.v, coalesce(w.n_with, 0) AS n_with,
                           vals.n_all - coalesce(w.n_with, 0) AS n_without
                    FROM sk CROSS JOIN vals LEFT JOIN w ON w.skill_id = sk.skill_id AND w.v = vals.v),
                 cum AS (
                    SELECT skill_id, v, n_with, n_without,
                           sum(n_with) OVER (PARTITION BY skill_id ORDER BY v) AS c_with,
                           sum(n_without) OVER (PARTITION BY skill_id ORDER BY v) AS c_without,
                           sum(n_with) OVER (PARTITION BY skill_id) AS t_with,
                           sum(n_without) OVER (PARTITION BY skill_id) AS t_without
                    FROM grid)
            SELECT c.skill_id, coalesce(k.label, c.skill_id) AS label, ? AS currency,
                   any_value(t_with)::BIGINT AS with_postings,
                   {_quantile_sql('with', 0.5)} AS with_median,
                   {_quantile_sql('with', 0.25)} AS with_q1,
                   {_quantile_sql('with', 0.75)} AS with_q3,
                   any_value(t_without)::BIGINT AS without_postings,
                   {_quantile_sql('without', 0.5)} AS without_median,
                   {_quantile_sql('without', 0.25)} AS without_q1,
                   {_quantile_sql('without', 0.75)} AS without_q3
            FROM cum c LEFT JOIN skills k USING (skill_id)
            GROUP BY c.skill_id, k.label
            ORDER BY with_median - without_median DESC, c.skill_id""",
        params=[*params, currency, *extra, min_postings, min_postings, currency],
    ).pl()


def role_demand(
    con: duckdb.DuckDBPyConnection,
    f: MarketFilter,
    *,
    trend_months: int = 12,
    low_support: int = LOW_SUPPORT_POSTINGS,
) -> pl.DataFrame:
    """The input of gap analysis: for a role (and filters/window), each skill's share, required share and trend."""
    base = demand(con, f)
    if base.is_empty():
        return base.with_columns(pl.lit(None, dtype=pl.Float64).alias("trend"))
    t = trends(con, f, months=trend_months, low_support=low_support)
    slope = pl.DataFrame(
        {"skill_id": [e["skill_id"] for e in t["skills"]], "trend": [e["trend"] for e in t["skills"]]},
        schema={"skill_id": pl.Utf8, "trend": pl.Float64},
    )
    return base.join(slope, on="skill_id", how="left")


def unknown_terms(
    con: duckdb.DuckDBPyConnection, *, months: int = 6, min_postings: int = 3, top: int = 20
) -> pl.DataFrame:
    """Terms outside the taxonomy that appear in more and more postings: candidates for curation."""
    latest = scalar(con, "SELECT max(month) FROM market_unknown_terms")
    if latest is None:
        return pl.DataFrame(schema={"term": pl.Utf8, "recent": pl.Int64, "before": pl.Int64, "growth": pl.Float64})
    cut = _month_add(latest, -(months // 2) + 1)
    start = _month_add(latest, -months + 1)
    return con.sql(
        """SELECT term,
                  sum(postings) FILTER (WHERE month >= ?)::BIGINT AS recent,
                  coalesce(sum(postings) FILTER (WHERE month < ?), 0)::BIGINT AS before,
                  (sum(postings) FILTER (WHERE month >= ?) + 1.0)
                    / (coalesce(sum(postings) FILTER (WHERE month < ?), 0) + 1.0) AS growth
           FROM market_unknown_terms WHERE month >= ?
           GROUP BY term
           HAVING sum(postings) FILTER (WHERE month >= ?) >= ?
           ORDER BY growth DESC, recent DESC, term
           LIMIT ?""",
        params=[cut, cut, cut, cut, start, cut, min_postings, top],
    ).pl()


def freshness(con: duckdb.DuckDBPyConnection) -> dict:
    """Latest posting month, last aggregation time, and store totals for the Pipeline page."""
    row = fetch_one(
        con,
        """SELECT (SELECT max(posted_month) FROM postings), (SELECT count(*) FROM postings),
                  (SELECT max(finished_at) FROM load_runs),
                  (SELECT value FROM market_meta WHERE key = 'aggregated_at'),
                  (SELECT value FROM market_meta WHERE key = 'taxonomy_version')""",
    )
    return {
        "latest_month": row[0],
        "postings": row[1],
        "last_load": row[2],
        "aggregated_at": row[3],
        "taxonomy_version": row[4],
    }
