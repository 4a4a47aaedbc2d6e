"""Read-only market queries over the materialised tables. Every function returns polars frames
(or plain dicts built from them) and always carries the denominators next to the shares."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import duckdb
import numpy as np
import polars as pl

from skillgap import trend_stats
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


def month_span(con: duckdb.DuckDBPyConnection, f: MarketFilter = MarketFilter()) -> tuple[str | None, str | None]:
    """First and last month holding postings under the filter's non-window parts (None, None when there are none)."""
    where, params = _conditions(f.without_window())
    row = fetch_one(con, f"SELECT min(month), max(month) FROM posting_facts WHERE {where}", params)
    return (row[0], row[1]) if row else (None, None)


def months_between(start: str, end: str) -> int:
    """Calendar months from start to end inclusive."""
    return (int(end[:4]) - int(start[:4])) * 12 + int(end[5:7]) - int(start[5:7]) + 1


def resolve_window(con: duckdb.DuckDBPyConnection, f: MarketFilter) -> MarketFilter:
    """Turn ``months=N`` into an explicit start/end: the last N months ending at the latest month with postings,
    starting no earlier than the first month with postings (a window never opens on empty months)."""
    if not f.months:
        return f
    first, latest = month_span(con, f)
    if latest is None:
        return f
    start = max(_month_add(latest, -(f.months - 1)), first)
    return replace(f, start_month=start, end_month=latest, months=None)


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


def countries(con: duckdb.DuckDBPyConnection, *, limit: int = 40) -> list[str]:
    """The store's country codes, most postings first (for a country picker)."""
    rows = con.execute(
        "SELECT country FROM posting_facts WHERE country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?",
        [limit],
    ).fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class RoleChoice:
    """A role as a picker offers it: with its posting count, or marked as known from the guides only."""

    role: str
    label: str
    postings: int

    @property
    def guides_only(self) -> bool:
        return self.postings == 0

    @property
    def display(self) -> str:
        if self.guides_only:
            return f"{self.label} — guides only (no postings)"
        return f"{self.label} ({self.postings:,} posting{'s' if self.postings != 1 else ''})"


def role_choices(con: duckdb.DuckDBPyConnection | None, taxonomy) -> list[RoleChoice]:
    """Every taxonomy role for a role picker, most postings first; roles without postings come last, marked
    "guides only" (their profile comes from the career guides, not from a market). ``con`` may be None (no store)."""
    counts = {} if con is None else dict(role_counts(con).select("role", "postings").iter_rows())
    choices = [RoleChoice(r.id, r.label, int(counts.get(r.id, 0))) for r in taxonomy.roles.values()]
    return sorted(choices, key=lambda c: (-c.postings, c.label.lower()))


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


PERIODS = ("month", "quarter", "rolling")  # rolling: each month with the two before it


def _quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def share_series(
    con: duckdb.DuckDBPyConnection,
    f: MarketFilter = MarketFilter(),
    *,
    skills: list[str] | None = None,
    period: str = "month",
    low_support: int = LOW_SUPPORT_POSTINGS,
) -> pl.DataFrame:
    """Shares for display: per period and skill, postings asking, postings, share and its 95 % Wilson interval.

    ``period`` is "month", "quarter" (calendar quarters; the first and last may be partial) or "rolling" (each
    month pooled with the two before it inside the window). ``low_support`` flags periods with fewer postings.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    monthly = monthly_shares(con, f, skills=skills, low_support=low_support)
    if monthly.is_empty():
        return pl.DataFrame(schema={"period": pl.Utf8, "skill_id": pl.Utf8, "postings": pl.Int64,
                                    "period_postings": pl.Int64, "share": pl.Float64, "ci_low": pl.Float64,
                                    "ci_high": pl.Float64, "low_support": pl.Boolean})
    counts = monthly.select("month", "skill_id", "postings", "month_postings")
    if period == "quarter":
        counts = (counts.with_columns(pl.col("month").map_elements(_quarter, return_dtype=pl.Utf8).alias("period"))
                  .group_by("period", "skill_id").agg(pl.col("postings").sum(), pl.col("month_postings").sum()))
    elif period == "rolling":
        counts = counts.sort("skill_id", "month").with_columns(
            pl.col("postings").rolling_sum(window_size=3, min_samples=1).over("skill_id"),
            pl.col("month_postings").rolling_sum(window_size=3, min_samples=1).over("skill_id"),
        ).rename({"month": "period"})
    else:
        counts = counts.rename({"month": "period"})
    counts = counts.rename({"month_postings": "period_postings"}).sort("skill_id", "period")
    lo, hi = trend_stats.wilson_interval(counts["postings"].to_numpy(), counts["period_postings"].to_numpy())
    return counts.with_columns(
        pl.when(pl.col("period_postings") > 0).then(pl.col("postings") / pl.col("period_postings")).alias("share"),
        pl.Series("ci_low", lo).fill_nan(None),
        pl.Series("ci_high", hi).fill_nan(None),
        (pl.col("period_postings") < low_support).alias("low_support"),
    ).select("period", "skill_id", "postings", "period_postings", "share", "ci_low", "ci_high", "low_support")


MIN_TREND_POSTINGS = 100  # fewer dated postings in a window: no skill is called rising or declining


@dataclass(frozen=True)
class TrendRule:
    """When a skill is called rising or declining; see docs/market.md ("Trends")."""

    alpha: float = 0.05  # Benjamini–Hochberg: q-value at most this, across every skill tested
    min_support: int = 10  # postings in the window asking for the skill
    min_slope: float = 0.01  # effect: at least 1 point of share a month ...
    min_relative: float = 0.25  # ... or at least 25 % of the skill's mean share a year ...
    min_abs_slope: float = 0.0005  # ... and then at least 0.05 points a month
    min_postings: int = MIN_TREND_POSTINGS  # dated postings in the window before any skill is called a mover

    def large_enough(self, slope: float, mean_share: float) -> bool:
        relative = 12 * abs(slope) / mean_share if mean_share > 0 else math.inf
        return abs(slope) >= self.min_slope or (relative >= self.min_relative and abs(slope) >= self.min_abs_slope)


def _month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def source_month_counts(con: duckdb.DuckDBPyConnection, f: MarketFilter) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Dated postings per (month, source), and postings asking for each skill per (month, source, skill)."""
    sub, params = _filtered(con, f)
    dated = f"""SELECT f.posting_id, f.month, p.source FROM ({sub}) f JOIN postings p USING (posting_id)
                WHERE f.month IS NOT NULL"""
    totals = con.sql(f"SELECT month, source, count(*)::BIGINT AS postings FROM ({dated}) GROUP BY ALL",
                     params=params).pl()
    asked = con.sql(
        f"""WITH d AS ({dated})
            SELECT d.month, d.source, s.skill_id, count(*)::BIGINT AS asked
            FROM posting_skills s JOIN d USING (posting_id) GROUP BY ALL""",
        params=params,
    ).pl()
    return totals, asked


def trend_tests(totals: pl.DataFrame, asked: pl.DataFrame, *, rule: TrendRule = TrendRule()) -> dict[str, dict]:
    """The trend test for every skill in ``asked`` (``source_month_counts``): slope, 95 % CI, p and q values.

    Months without postings are left out (a gap still counts as time). Skills asked for in fewer than
    ``rule.min_support`` postings get a slope and interval but no q-value: they are not among the skills
    tested, so they do not dilute the correction for those that are.
    """
    months = sorted(totals["month"].unique().to_list())
    if len(months) < 3 or asked.is_empty():
        return {}
    sources = sorted(totals["source"].unique().to_list())
    skills = sorted(asked["skill_id"].unique().to_list())
    m_ix, s_ix, k_ix = ({v: i for i, v in enumerate(vs)} for vs in (months, sources, skills))
    n = np.zeros((len(sources), len(months)))
    n[[s_ix[v] for v in totals["source"]], [m_ix[v] for v in totals["month"]]] = totals["postings"].to_numpy()
    x = np.zeros((len(skills), len(sources), len(months)))
    x[[k_ix[v] for v in asked["skill_id"]], [s_ix[v] for v in asked["source"]], [m_ix[v] for v in asked["month"]]] = (
        asked["asked"].to_numpy()
    )
    support = x.sum(axis=(1, 2))
    tested = support >= rule.min_support
    test = trend_stats.trend_test(x, n, np.array([_month_index(m) for m in months], dtype=float), pool=tested)
    q = np.full(support.shape, np.nan)
    q[tested] = trend_stats.bh_q_values(test.p_value[tested])
    out = {}
    for i, skill_id in enumerate(skills):
        mean = float(test.mean_share[i])
        out[skill_id] = {
            "trend": float(test.slope[i]),
            "trend_ci": _finite([float(test.ci_low[i]), float(test.ci_high[i])]),
            "p_value": float(test.p_value[i]),
            "q_value": float(q[i]) if tested[i] else None,
            "support": int(support[i]),
            "mean_share": mean,
            "relative_change_year": 12 * float(test.slope[i]) / mean if mean > 0 else None,
            "dispersion": test.dispersion,
        }
    return out


def _finite(values: list[float]) -> list[float] | None:
    return values if all(math.isfinite(v) for v in values) else None


def _verdict(stats: dict | None, *, rule: TrendRule, enough: bool) -> str:
    if stats is None or stats["q_value"] is None:
        return "too little support"
    if enough and stats["q_value"] <= rule.alpha and rule.large_enough(stats["trend"], stats["mean_share"]):
        return "rising" if stats["trend"] > 0 else "declining"
    return "no clear trend"


def trends(
    con: duckdb.DuckDBPyConnection,
    f: MarketFilter = MarketFilter(),
    *,
    months: int = 12,
    skills: list[str] | None = None,
    min_support: int = 10,
    top: int = 10,
    low_support: int = LOW_SUPPORT_POSTINGS,
    rule: TrendRule | None = None,
) -> dict:
    """Month-by-month shares with 95 % intervals, changes, tested slopes, and rising / declining / emerging lists.

    A skill is rising or declining only when its trend test passes after the Benjamini–Hochberg correction
    across every skill tested, its effect is large enough and the window has enough postings (``TrendRule``;
    ``min_support`` overrides the rule's). ``skills`` limits the ``skills`` list, never the skills tested.
    Shares are fractions of that month's postings.
    """
    rule = replace(rule or TrendRule(), min_support=min_support)
    f = resolve_window(con, replace(f, months=months or f.months))
    per_month = postings_per_month(con, f, low_support=low_support)
    month_list = per_month["month"].to_list()
    counts = dict(zip(month_list, per_month["postings"].to_list()))
    window_postings = int(sum(counts.values()))
    busy_months = sum(1 for n in counts.values() if n > 0)
    enough = window_postings >= rule.min_postings and busy_months >= 3
    result = {
        "months": month_list,
        "postings": counts,
        "low_support_months": per_month.filter(pl.col("low_support"))["month"].to_list(),
        "window_postings": window_postings,
        "enough_postings": enough,
        "note": None if enough else _too_few_note(window_postings, busy_months, span=month_span(con, f), rule=rule),
        "method": {"test": "Cochran-Armitage trend test within each source, summed over sources",
                   "correction": "Benjamini-Hochberg", "dispersion": None,
                   "alpha": rule.alpha, "min_support": rule.min_support, "min_slope": rule.min_slope,
                   "min_relative_per_year": rule.min_relative, "min_abs_slope": rule.min_abs_slope,
                   "min_postings": rule.min_postings},
        "skills": [],
        "rising": [],
        "declining": [],
        "emerging": [],
    }
    shares = monthly_shares(con, f, low_support=low_support)
    if shares.is_empty():
        return result
    tests = trend_tests(*source_month_counts(con, f), rule=rule)
    result["method"]["dispersion"] = next(iter(tests.values()))["dispersion"] if tests else None
    entries = _skill_entries(con, f, shares, month_list, tests, low_months=result["low_support_months"], rule=rule,
                             enough=enough, low_support=low_support)
    movers = sorted((e for e in entries if e["verdict"] in ("rising", "declining")), key=lambda e: -abs(e["trend"]))
    result["rising"] = [_brief(e) for e in movers if e["verdict"] == "rising"][:top]
    result["declining"] = [_brief(e) for e in movers if e["verdict"] == "declining"][:top]
    low = set(result["low_support_months"])
    usable = [m for m in month_list if counts[m] > 0 and m not in low]
    if len(usable) < 4:  # a small selection: every month is low-support, so compare pooled postings instead
        usable = [m for m in month_list if counts[m] > 0]
    result["emerging"] = [_brief(e) for e in _emerging(entries, usable, counts)][:top]
    wanted = set(skills) if skills else None
    result["skills"] = [e for e in entries if wanted is None or e["skill_id"] in wanted]
    return result


def _too_few_note(postings: int, months: int, *, span: tuple[str | None, str | None], rule: TrendRule) -> str:
    first, last = span
    wider = (f" Postings for this selection span {first} to {last} ({months_between(first, last)} months)."
             if first and last else "")
    return (f"Only {postings:,} dated postings ({months} month{'s' if months != 1 else ''} with postings) for this "
            f"selection: too few to call a skill rising or declining (at least {rule.min_postings:,} postings in 3 or "
            f"more months are needed). Read the quarterly view or widen the window.{wider}")


def _year_ago_shares(con, f: MarketFilter, month_list: list[str], per_month_low: list[str], *,
                     skill_ids: list[str], low_support: int) -> tuple[str | None, dict[str, float]]:
    """The month a year before the last one and, when it lies outside the window, each skill's share there."""
    year_ago = _month_add(month_list[-1], -12)
    if year_ago in month_list:
        return (None if year_ago in per_month_low else year_ago), {}  # low support: no YoY against noise
    yoy_f = replace(f, start_month=year_ago, end_month=year_ago)
    yoy_frame = monthly_shares(con, yoy_f, low_support=low_support)
    yoy_postings = postings_per_month(con, yoy_f, low_support=low_support)["postings"].sum()
    if yoy_postings < low_support:
        return None, {}
    found = {r["skill_id"]: r["share"] for r in yoy_frame.iter_rows(named=True)}
    # the month a year ago had postings: a skill none of them asked for had a share of 0, not unknown
    return year_ago, {s: found.get(s, 0.0) for s in skill_ids}


def _skill_entries(con, f: MarketFilter, shares: pl.DataFrame, month_list: list[str], tests: dict[str, dict], *,
                   low_months: list[str], rule: TrendRule, enough: bool, low_support: int) -> list[dict]:
    """One entry per skill: monthly shares with Wilson intervals, MoM and YoY changes, and the trend test."""
    labels = dict(con.execute("SELECT skill_id, label FROM skills").fetchall())
    skill_ids = shares["skill_id"].unique().to_list()
    year_ago, yoy_shares = _year_ago_shares(con, f, month_list, low_months, skill_ids=skill_ids, low_support=low_support)
    lo, hi = trend_stats.wilson_interval(shares["postings"].to_numpy(), shares["month_postings"].to_numpy())
    series: dict[str, dict] = {}
    for row, a, b in zip(shares.iter_rows(named=True), lo, hi):
        item = series.setdefault(row["skill_id"], {"share": {}, "ci": {}, "asked": 0})
        item["share"][row["month"]] = row["share"]
        item["ci"][row["month"]] = None if np.isnan(a) else [float(a), float(b)]
        item["asked"] += row["postings"]
    last, prev = month_list[-1], (month_list[-2] if len(month_list) > 1 else None)
    entries = []
    for skill_id, item in series.items():
        share = item["share"]
        latest, before = share.get(last), share.get(prev) if prev else None
        year_before = (share.get(year_ago) if year_ago in share else yoy_shares.get(skill_id)) if year_ago else None
        stats = tests.get(skill_id)
        entries.append({
            "skill_id": skill_id,
            "label": labels.get(skill_id, skill_id),
            "postings": int(item["asked"]),
            "share": {m: share.get(m) for m in month_list},
            "share_ci": {m: item["ci"].get(m) for m in month_list},
            "latest_share": latest,
            "change": None if latest is None or before is None else latest - before,
            "yoy_change": None if latest is None or year_before is None else latest - year_before,
            "trend": stats["trend"] if stats else None,
            "trend_ci": stats["trend_ci"] if stats else None,
            "p_value": stats["p_value"] if stats else None,
            "q_value": stats["q_value"] if stats else None,
            "support": int(item["asked"]),
            "relative_change_year": stats["relative_change_year"] if stats else None,
            "verdict": _verdict(stats, rule=rule, enough=enough),
        })
    entries.sort(key=lambda e: (-e["postings"], e["skill_id"]))
    return entries


_BRIEF_KEYS = ("skill_id", "label", "postings", "latest_share", "change", "yoy_change", "trend",
               "trend_ci", "q_value", "p_value", "support", "relative_change_year")


def _brief(entry: dict) -> dict:
    return {k: entry[k] for k in _BRIEF_KEYS} | {k: entry[k] for k in ("early_share", "recent_share") if k in entry}


def _emerging(entries: list[dict], months: list[str], counts: dict[str, int], *, near_zero: float = 0.005) -> list[dict]:
    """Rising skills that were (near) absent in the first half of the window and are clearly asked for now.

    Early and recent shares pool the postings of their months (each posting counts once)."""
    if len(months) < 4:
        return []
    early, recent = months[: len(months) // 2], months[-max(2, len(months) // 4):]
    early_n, recent_n = sum(counts[m] for m in early), sum(counts[m] for m in recent)
    out = []
    for e in entries:
        if e["verdict"] != "rising":
            continue
        early_share = sum(e["share"][m] * counts[m] for m in early) / early_n
        recent_share = sum(e["share"][m] * counts[m] for m in recent) / recent_n
        if early_share <= near_zero and recent_share >= max(4 * early_share, 2 * near_zero):
            out.append(e | {"early_share": early_share, "recent_share": recent_share})
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


def pay_currencies(con: duckdb.DuckDBPyConnection, f: MarketFilter = MarketFilter()) -> list[tuple[str, int]]:
    """Currencies of the salaried postings under the filter, with their counts (most first)."""
    sub, params = _filtered(con, f)
    return [
        (c, int(n))
        for c, n in con.execute(
            f"""SELECT p.salary_currency, count(*) FROM posting_facts p JOIN ({sub}) f USING (posting_id)
                WHERE p.salary_currency IS NOT NULL AND p.salary_year > 0 GROUP BY 1 ORDER BY 2 DESC, 1""",
            params,
        ).fetchall()
    ]


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
    """The input of gap analysis: for a role (and filters/window), each skill's share, required share and trend.

    ``trend`` is the tested slope of the share per month; ``trend_q`` and ``trend_verdict`` say whether it passed
    the trend test ("rising", "declining", "no clear trend", "too little support").
    """
    schema = {"skill_id": pl.Utf8, "trend": pl.Float64, "trend_q": pl.Float64, "trend_verdict": pl.Utf8}
    base = demand(con, f)
    if base.is_empty():
        return base.with_columns(pl.lit(None, dtype=dtype).alias(name) for name, dtype in schema.items()
                                 if name != "skill_id")
    t = trends(con, f, months=trend_months, low_support=low_support)
    slope = pl.DataFrame(
        {"skill_id": [e["skill_id"] for e in t["skills"]], "trend": [e["trend"] for e in t["skills"]],
         "trend_q": [e["q_value"] for e in t["skills"]], "trend_verdict": [e["verdict"] for e in t["skills"]]},
        schema=schema,
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


def store_freshness(con: duckdb.DuckDBPyConnection | None) -> dict | None:
    """:func:`freshness`, or None without a store or with one too old to answer (for report headers)."""
    if con is None:
        return None
    try:
        return freshness(con)
    except duckdb.Error:
        return None


def posting_skill_rows(con: duckdb.DuckDBPyConnection, f: MarketFilter) -> pl.DataFrame:
    """Each skill of each posting ``f`` keeps, one row per (posting, skill), with the posting's title, company,
    link, month, location and text: what matching a CV against single postings starts from."""
    sub, params = _filtered(con, f)
    return con.sql(
        f"""WITH f AS ({sub})
            SELECT s.posting_id, s.skill_id, s.required, p.title, p.company, p.url, p.posted_month,
                   p.location, p.description
            FROM posting_skills s JOIN f USING (posting_id) JOIN postings p USING (posting_id)""",
        params=params,
    ).pl()


def skill_examples(con: duckdb.DuckDBPyConnection, skill_id: str, *, limit: int = 10) -> list[tuple]:
    """The newest postings that mention ``skill_id`` under the market's taxonomy version, as
    ``(title, company, posted_month, sentence, matched_text, section)`` rows."""
    return con.execute(
        """SELECT p.title, p.company, p.posted_month, m.sentence, m.text, m.section
           FROM skill_mentions m JOIN postings p USING (posting_id)
           WHERE m.skill_id = ? AND m.taxonomy_version = (SELECT value FROM market_meta WHERE key = 'taxonomy_version')
           ORDER BY p.posted_month DESC NULLS LAST LIMIT ?""",
        [skill_id, limit],
    ).fetchall()
