"""Small UI pieces shared by pages: number formats for people, column builders, help texts, the refresh runner.

No domain logic here: every number comes from skillgap/; this module only says how it is shown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import streamlit as st

from dashboard import state
from skillgap.countries import country_code, country_name
from skillgap.textsafe import escape_markdown

__all__ = [
    "COVERAGE_HELP", "POSTING_COVERAGE_HELP", "PRIORITY_HELP", "TREND_HELP", "SHARE_HELP",
    "pct", "pts_per_month", "money", "hours", "month_label", "timestamp", "share_with_denominator",
    "category_label", "seniority_label", "country_name", "country_code", "country_label",
    "shown_path", "hide_paths",
    "count_axis", "legend_on_top",
    "text_column", "as_percent", "pct_column", "count_column", "hours_column", "timestamp_column",
    "run_refresh",
]  # fmt: skip

# ------------------------------------------------------------------------------------------ help texts (formulas)
COVERAGE_HELP = (
    "Role coverage = the share of the role's demand your CV covers: each skill of the role counts with its weight "
    "(the share of the role's postings that ask for it, blended with the guides' core skills), a skill you show in "
    "use counts fully, one only listed counts half; covered weight ÷ total weight."
)
POSTING_COVERAGE_HELP = (
    "Posting coverage = the share of one posting's skills your CV shows: required skills count 1, nice-to-have "
    "skills ½; shown weight ÷ the posting's total weight. Not the same number as role coverage, which weighs the "
    "skills of all the role's postings by how often they are asked for."
)
PRIORITY_HELP = (
    "Priority = (0.50 × demand + 0.35 × centrality + 0.15 × trend score) ÷ (hours ÷ 20)^0.3: value per hour of "
    "learning; higher comes first."
)
TREND_HELP = "Trend = the robust (Theil–Sen) slope of the share of postings asking for the skill, in points a month."
SHARE_HELP = "Share = postings that ask for the skill ÷ all postings in the selection."

_MINUS = "\u2212"
_CURRENCY_SYMBOL = {"USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}
_SENIORITY = {"intern": "Intern", "junior": "Junior", "mid": "Mid-level", "senior": "Senior", "staff": "Staff",
              "lead": "Lead", "principal": "Principal", "manager": "Manager"}  # fmt: skip


# ------------------------------------------------------------------------------------------ numbers and words
def _signed(text: str, value: float, *, sign: bool) -> str:
    if value < 0:
        return _MINUS + text
    return ("+" + text) if sign and value > 0 else text


def pct(value: float | None, *, digits: int = 0) -> str:
    """0.263 -> '26%'; None -> '—'."""
    return "—" if value is None else _signed(f"{abs(value) * 100:.{digits}f}%", value, sign=False)


def pts_per_month(value: float | None, *, digits: int | None = None) -> str:
    """A slope of a share per month (0.022) -> '+2.2 pts a month'; None -> '—'.

    By default one decimal, two for a slope under 0.1 points (0.0004 -> '+0.04 pts a month', never '+0.0').
    """
    if value is None:
        return "—"
    if digits is None:
        digits = 1 if abs(value) * 100 >= 0.095 or value == 0 else 2
    return _signed(f"{abs(value) * 100:.{digits}f} pts a month", value, sign=True)


def money(amount: float | None, currency: str | None, *, sign: bool = False) -> str:
    """263750, 'USD' -> '$263,750'; with sign=True a difference reads '+$12,000' or '−£3,500'."""
    if amount is None:
        return "—"
    code = (currency or "").upper()
    number = f"{abs(amount):,.0f}"
    text = f"{_CURRENCY_SYMBOL[code]}{number}" if code in _CURRENCY_SYMBOL else f"{number} {code}".strip()
    return _signed(text, amount, sign=sign)


def hours(value: float | None) -> str:
    """1240 -> '1,240 h'; 2.5 -> '2.5 h'."""
    if value is None:
        return "—"
    return f"{value:,.0f} h" if float(value).is_integer() or value >= 10 else f"{value:,.1f} h"


def month_label(month: str | None) -> str:
    """'2026-10' -> 'Oct 2026'."""
    if not month:
        return "—"
    try:
        return dt.datetime.strptime(str(month)[:7], "%Y-%m").strftime("%b %Y")
    except ValueError:
        return str(month)


def timestamp(value) -> str:
    """A stored time (datetime or ISO text) -> '6 Dec 2026, 13:08 UTC' (the store writes UTC)."""
    if value is None or value == "":
        return "—"
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc)
    return f"{when.day} {when:%b %Y, %H:%M} UTC"


def share_with_denominator(count: int, total: int) -> str:
    """'46% (230 of 500)': shares are never shown without their denominator."""
    if not total:
        return "—"
    return f"{count / total * 100:.0f}% ({count:,} of {total:,})"


def category_label(category_id: str | None, *, taxonomy) -> str:
    """'devops/ci-cd' -> 'DevOps / CI-CD' from the taxonomy's category labels; unknown parts are title-cased."""
    if not category_id:
        return "—"
    parts, labels = category_id.split("/"), []
    for i in range(len(parts)):
        known = taxonomy.categories.get("/".join(parts[: i + 1]))
        labels.append(known.label if known is not None else parts[i].replace("-", " ").capitalize())
    return " / ".join(labels)


def seniority_label(level: str | None) -> str:
    """'senior' -> 'Senior'; 'mid' -> 'Mid-level'."""
    if not level:
        return "Any"
    return _SENIORITY.get(level.lower(), level.capitalize())


def country_label(code: str | None) -> str:
    """For a country picker's format_func: 'DE' -> 'Germany (DE)'; '' or None -> 'Any country'.

    Offer the store's codes in a selectbox; a typed name goes through ``country_code('Germany') == 'DE'``.
    """
    return f"{country_name(code)} ({code.upper()})" if code else "Any country"


# ------------------------------------------------------------------------------------------ paths
def shown_path(path: str | Path | None) -> str:
    """A path as a visitor may see it: relative to the project when inside it, else only its file name."""
    if path is None or str(path) == "":
        return "—"
    p = Path(str(path))
    if not p.is_absolute():
        return str(p)
    try:
        return str(p.resolve().relative_to(state.project_root()))
    except ValueError:
        return p.name


_ABSOLUTE = re.compile(r"(?<![\w.:/~-])(/(?:[^\s/'\"`()<>,;]+/)+[^\s/'\"`()<>,;]*)")


def hide_paths(text: str | None) -> str:
    """Replace absolute paths inside a message (errors, summaries) by :func:`shown_path`."""
    def shorten(match: re.Match) -> str:
        raw = match.group(1)
        core = raw.rstrip(".:")
        return shown_path(core) + raw[len(core):]

    return _ABSOLUTE.sub(shorten, text or "")


# ------------------------------------------------------------------------------------------ charts and tables
def _round_step(raw: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, 100 … not below *raw*."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if step >= raw:
                return step
        magnitude *= 10


def count_axis(fig, *, axis: str = "y", max_count: float | None = None, secondary_y: bool | None = None):
    """Counts have whole ticks: thousands separators, no 12.7; a step of 1 while the counts are small.

    ``secondary_y=True`` formats only the right-hand axis of a ``make_subplots(secondary_y)`` figure.
    """
    options = {"tickformat": ",d", "rangemode": "tozero"}
    if max_count is not None:  # whole, round steps (1, 2, 5, 10, 20, 50 …), about six ticks
        options.update(tickmode="linear", tick0=0, dtick=1 if max_count <= 10 else _round_step(max_count / 6))
    if axis == "y":
        fig.update_yaxes(**options, **({} if secondary_y is None else {"secondary_y": secondary_y}))
    else:
        fig.update_xaxes(**options)
    return fig


def legend_on_top(fig):
    """A horizontal legend above the plot: on a phone a legend at the side squeezes the bars to nothing."""
    return fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"})


def text_column(label: str, *, help: str | None = None, width: str | int | None = "large"):
    """A text column wide enough to read (None: as wide as its content; long texts also go into an expander)."""
    return st.column_config.TextColumn(label, help=help, width=width)


def as_percent(frame, *columns: str):
    """Shares 0..1 -> percent 0..100 in a polars frame, for :func:`pct_column` (whole percents, no '69.63%')."""
    import polars as pl

    return frame.with_columns((pl.col(c) * 100).alias(c) for c in columns)


def pct_column(label: str, *, help: str | None = None, bar: bool = True, digits: int = 0):
    """A percent column; its values are percents 0..100 (convert shares with :func:`as_percent`)."""
    fmt = f"%.{digits}f%%"
    if bar:
        return st.column_config.ProgressColumn(label, help=help, format=fmt, min_value=0, max_value=100)
    return st.column_config.NumberColumn(label, help=help, format=fmt)


def count_column(label: str, *, help: str | None = None):
    return st.column_config.NumberColumn(label, help=help, format="localized", step=1)


def hours_column(label: str = "Hours", *, help: str | None = None):
    return st.column_config.NumberColumn(label, help=help, format="%d h")


def timestamp_column(label: str, *, help: str | None = None):
    """Full date and minute, never cut: '2026-12-06 13:08'."""
    return st.column_config.DatetimeColumn(label, help=help, format="YYYY-MM-DD HH:mm", width=150)


# ------------------------------------------------------------------------------------------ the refresh runner
def run_refresh(folder: Path) -> dict | None:
    """Run `skillgap refresh` on a configured folder in a child process, showing progress; return its summary.

    Pages call this only when the app was started with `skillgap dashboard --allow-refresh`.
    """
    if not state.refresh_allowed():
        st.error("This dashboard is read-only: start it with `skillgap dashboard --allow-refresh` to refresh here.")
        return None
    cmd = [sys.executable, "-m", "skillgap.cli", "refresh", "--exports", str(folder), "--json"]
    with st.status(f"Refreshing from {escape_markdown(shown_path(folder))} …", expanded=True) as status:
        st.write("ingest → extract → aggregate (the store is swapped in only when all three succeed)")
        bar = st.progress(0.0, text="starting")
        started = time.monotonic()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=state.env_for_subprocess(),
            cwd=state.project_root(),
        )
        while proc.poll() is None:
            elapsed = time.monotonic() - started
            # the refresh reports no fine-grained progress across processes: show time, capped below done
            bar.progress(min(0.95, elapsed / (elapsed + 30.0)), text=f"working… {elapsed:.0f}s")
            time.sleep(0.5)
        out, err = proc.communicate()
        if proc.returncode != 0:
            bar.progress(1.0, text="failed")
            status.update(label="Refresh failed — the store is unchanged", state="error")
            message = (err or out).strip().splitlines()
            st.error(escape_markdown(hide_paths(message[-1])) if message else "the refresh failed")
            return None
        bar.progress(1.0, text="done")
        summary = json.loads(out)
        status.update(
            label=f"Refreshed: {summary['loaded']:,} postings loaded, {summary['extracted']:,} extracted",
            state="complete",
        )
    st.cache_data.clear()
    return summary
