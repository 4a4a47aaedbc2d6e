"""Statistics for skill trends: Wilson intervals, the Cochran–Armitage trend test with an overdispersion
correction, and Benjamini–Hochberg q-values. Pure numpy over month x (asked, total) tables, no posting rows."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Z_95 = 1.959963984540054  # two-sided 95 % quantile of the standard normal


def wilson_interval(asked, total, *, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """95 % Wilson score interval for asked / total (arrays; NaN where total is 0)."""
    k = np.asarray(asked, dtype=float)
    n = np.asarray(total, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo, hi = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    empty = n <= 0
    return np.where(empty, np.nan, lo), np.where(empty, np.nan, hi)


def normal_two_sided_p(z) -> np.ndarray:
    """P(|Z| >= |z|) for a standard normal Z."""
    return np.vectorize(lambda v: math.erfc(abs(v) / math.sqrt(2)), otypes=[float])(np.asarray(z, dtype=float))


def bh_q_values(p_values) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values): reject every test with q <= alpha to control the FDR."""
    p = np.asarray(p_values, dtype=float)
    m = p.size
    if m == 0:
        return p
    order = np.argsort(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum.accumulate(scaled[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(q_sorted, 1.0)
    return q


MIN_SKILLS_FOR_DISPERSION = 10  # fewer skills tested: no common dispersion is estimated (binomial assumed)


@dataclass(frozen=True)
class TrendTest:
    """Per-skill results of ``trend_test`` (arrays aligned with the rows of the count matrix)."""

    slope: np.ndarray  # least-squares slope of the share per month, every posting weighted equally
    ci_low: np.ndarray
    ci_high: np.ndarray
    z: np.ndarray  # Cochran–Armitage statistic over the square root of the dispersion
    p_value: np.ndarray
    scatter: np.ndarray  # each skill's months around its line, Pearson chi-square per degree of freedom
    mean_share: np.ndarray
    dispersion: float  # the common dispersion used (1 = binomial sampling)


def common_dispersion(scatter: np.ndarray, *, min_skills: int = MIN_SKILLS_FOR_DISPERSION) -> float:
    """The median of the skills' scatter, floored at 1; 1 when too few skills inform it.

    Month-level effects (a month whose postings come mostly from one board) move every skill, so one factor is
    estimated from all of them; the median keeps the few skills that truly trend in a curve from inflating it.
    """
    finite = scatter[np.isfinite(scatter)]
    if finite.size < min_skills:
        return 1.0
    return max(1.0, float(np.median(finite)))


def trend_test(asked: np.ndarray, totals: np.ndarray, times: np.ndarray, *, pool: np.ndarray | None = None) -> TrendTest:
    """Cochran–Armitage test for a linear trend in each skill's share, stratified by source, with a common
    overdispersion correction.

    Args:
        asked: skills x sources x months array of postings asking for the skill (a 2-D skills x months array
            is one source).
        totals: sources x months postings (or one row of months); months without postings may be 0.
        times: month index of each column (calendar months, so a gap counts as time).
        pool: skills whose scatter informs the common dispersion (default: all).

    Within each source the statistic is the score test of the slope in a binomial model (the share's
    least-squares slope with every posting weighted equally); the sources' statistics and variances are summed
    (the Mantel extension), so a change in the mix of sources from month to month is not read as a trend.
    Postings in one month are not independent draws (they share boards and employers), so the statistic is
    divided by the square root of ``common_dispersion`` (at least 1) and the interval widened by the same factor.
    """
    x = np.asarray(asked, dtype=float)
    n = np.asarray(totals, dtype=float)
    if x.ndim == 2:
        x, n = x[:, None, :], n.reshape(1, -1)
    t = np.asarray(times, dtype=float)
    n_s = n.sum(axis=1)  # postings per source
    with np.errstate(divide="ignore", invalid="ignore"):
        t_mean = np.where(n_s > 0, (n * t).sum(axis=1) / n_s, 0.0)
        centred = np.where(n > 0, t[None, :] - t_mean[:, None], 0.0)  # sources x months
        sxx_s = (n * centred**2).sum(axis=1)
        p_s = x.sum(axis=2) / n_s  # skills x sources
        pq_s = np.nan_to_num(p_s * (1 - p_s))
        score = (x * centred[None]).sum(axis=(1, 2))
        sxx = sxx_s.sum()
        var0 = (pq_s * sxx_s[None]).sum(axis=1)
        slope = score / sxx
        se0 = np.sqrt(var0) / sxx
        fitted = np.nan_to_num(p_s)[:, :, None] + slope[:, None, None] * centred[None]
        cell = (n > 0)[None] & (pq_s > 0)[:, :, None]
        resid = np.where(cell, (x - n[None] * fitted) ** 2 / (n[None] * pq_s[:, :, None]), 0.0)
        df = cell.sum(axis=(1, 2)) - (pq_s > 0).sum(axis=1) - 1
        scatter = np.where((var0 > 0) & (df > 0), resid.sum(axis=(1, 2)) / np.maximum(df, 1), np.nan)
    pooled = scatter if pool is None else scatter[np.asarray(pool, dtype=bool)]
    phi = common_dispersion(pooled)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = slope / (se0 * math.sqrt(phi))
    testable = (var0 > 0) & (sxx > 0)
    p_value = np.where(testable, normal_two_sided_p(np.nan_to_num(z)), 1.0)  # asked by none or all: no trend
    half = Z_95 * se0 * math.sqrt(phi)
    mean_share = x.sum(axis=(1, 2)) / n.sum()
    return TrendTest(slope=np.nan_to_num(slope), ci_low=slope - half, ci_high=slope + half, z=z, p_value=p_value,
                     scatter=scatter, mean_share=mean_share, dispersion=phi)
