"""Market trends: top skills for a role, demand over time with 95 % bands, tested movers, co-occurrence and pay."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from plotly.subplots import make_subplots

from dashboard import state
from dashboard.components import (
    count_axis,
    count_column,
    country_label,
    legend_on_top,
    seniority_label,
)
from skillgap import market
from skillgap.market import MarketFilter
from skillgap.market_format import money, points_per_month, trend_interval

st.title("Market trends")
con = state.cursor()
if con is None:
    st.info("No store yet: load the sample from the Welcome page or run `skillgap refresh`.")
    st.stop()
gen = state.generation()
tax = state.taxonomy()
PERIOD_LABELS = {"month": "Monthly", "quarter": "Quarterly"}
SENIORITY = ["", "intern", "junior", "mid", "senior", "lead", "principal", "manager"]


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _roles(generation) -> list[market.RoleChoice]:
    return market.role_choices(con, tax)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _countries(generation) -> list[str]:
    return market.countries(con)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _span(generation, f: MarketFilter) -> tuple[str | None, str | None]:
    return market.month_span(con, f)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _demand(generation, f: MarketFilter) -> pl.DataFrame:
    return market.demand(con, f)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _trends(generation, f: MarketFilter, months: int) -> dict:
    return market.trends(con, f, months=months, min_support=5, top=10)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _series(generation, f: MarketFilter, skills: tuple[str, ...], period: str) -> pl.DataFrame:
    return market.share_series(con, f, skills=list(skills), period=period)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _cooc(generation, skill_id: str, f: MarketFilter) -> pl.DataFrame:
    return market.cooccurrence(con, skill_id, f, top=12)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _pay(generation, f: MarketFilter, currency: str) -> tuple[list[tuple[str, int]], pl.DataFrame]:
    return market.pay_currencies(con, f), market.pay(con, f, currency=currency, min_postings=10)


choices = {c.role: c for c in _roles(gen)}
c1, c2, c3, c4 = st.columns(4)
role = c1.selectbox("Role", ["all", *choices], key="trend_role",
                    format_func=lambda r: "All roles" if r == "all" else choices[r].display,
                    help="Roles marked 'guides only' have no postings in the store: their profile comes from the "
                         "career guides, so they have no market trends.")
remote = c2.radio("Work mode", ["Any", "Remote", "On-site"], horizontal=True, key="trend_remote")
seniority = c3.selectbox("Seniority", SENIORITY, key="trend_seniority", format_func=seniority_label)
country = c4.selectbox("Country", ["", *_countries(gen)], key="trend_country", format_func=country_label,
                       help="Countries of the store's postings, most postings first.") or None

if role != "all" and choices[role].guides_only:
    st.info(f"No postings for **{choices[role].label}** in the store: this role is known from the guides only, "
            "so there is no market to show. Pick another role, or load postings that include it.")
    st.stop()
f = MarketFilter(role=None if role == "all" else role, remote={"Any": None, "Remote": True, "On-site": False}[remote],
                 country=country, seniority=seniority or None)
first, last = _span(gen, f)
months = span_months = None
if last is not None:
    span_months = market.months_between(first, last)
    options = sorted({m for m in (3, 6, 12, 18, 24, 36) if m < span_months} | {span_months})
    if st.session_state.get("trend_months") not in options:
        st.session_state["trend_months"] = span_months if span_months <= 36 else 24
    months = st.select_slider("Months shown", options, key="trend_months",
                              format_func=lambda m: f"all {m}" if m == span_months else str(m),
                              help=f"Postings for this selection span {first} to {last}.")
window = MarketFilter(**{**f.__dict__, "months": months})
demand = _demand(gen, window)
if demand.is_empty():
    st.warning("No postings with skills match these filters.")
    st.stop()
total = int(demand["total"][0])
if months:
    st.caption(f"{total:,} postings in the last {months} months of data for this selection.")
else:
    st.caption(f"{total:,} postings for this selection, none of them dated: shares over time and trends need "
               "postings with a date.")

st.subheader("Top skills")
top = demand.head(20)
fig = go.Figure()
fig.add_bar(y=top["label"], x=(top["required"] / top["total"]).to_list(), name="required", orientation="h")
fig.add_bar(y=top["label"], x=(top["preferred"] / top["total"]).to_list(), name="nice to have", orientation="h")
fig.update_layout(barmode="stack", height=560, yaxis={"autorange": "reversed"}, xaxis_tickformat=".0%",
                  xaxis_title=f"share of {total:,} postings", margin={"t": 20, "b": 10, "l": 10, "r": 10})
st.plotly_chart(legend_on_top(fig).update_layout(legend_traceorder="normal"), key="top_skills")

labels = dict(zip(demand["skill_id"].to_list(), demand["label"].to_list()))


def _use_quarters() -> None:
    st.session_state["trend_period"] = "quarter"


def _use_all_months(n: int) -> None:
    st.session_state["trend_months"] = n


def _over_time() -> None:
    """Shares over time with their bands, and the tested movers (or why there are none)."""
    st.subheader("Demand over time")
    t = _trends(gen, f, months)
    p1, p2, p3 = st.columns([2, 1, 1])
    chosen = p1.multiselect("Skills", demand["skill_id"].to_list(), default=top["skill_id"].head(4).to_list(),
                            key="trend_skills", format_func=lambda s: labels.get(s, s))
    period = p2.radio("Period", list(PERIOD_LABELS), horizontal=True, key="trend_period", format_func=PERIOD_LABELS.get)
    rolling = p3.checkbox("3-month rolling", key="trend_rolling", disabled=period != "month",
                          help="Each month pooled with the two before it: smoother, for reading only (the trend test "
                               "always uses every posting with its own month).")
    series_period = "rolling" if rolling and period == "month" else period
    if chosen:
        series = _series(gen, market.resolve_window(con, window), tuple(chosen), series_period)
        periods = sorted(series["period"].unique().to_list())
        sizes = dict(series.select("period", "period_postings").unique().iter_rows())
        low = set(series.filter(pl.col("low_support"))["period"].to_list())
        fig2 = make_subplots(specs=[[{"secondary_y": True}]])
        fig2.add_bar(x=periods, y=[sizes[p] for p in periods], name="postings", marker_color="#e2e8f0",
                     secondary_y=True, hovertemplate="%{y:,} postings<extra></extra>")
        for skill_id in chosen:
            rows = series.filter(pl.col("skill_id") == skill_id).sort("period")
            name = labels.get(skill_id, skill_id)
            fig2.add_scatter(x=rows["period"].to_list() + rows["period"].to_list()[::-1],
                             y=rows["ci_high"].to_list() + rows["ci_low"].to_list()[::-1], fill="toself",
                             line={"width": 0}, opacity=0.2, hoverinfo="skip", showlegend=False, legendgroup=skill_id)
            fig2.add_scatter(x=rows["period"], y=rows["share"], name=name, legendgroup=skill_id, mode="lines+markers",
                             marker={"symbol": ["circle-open" if p in low else "circle" for p in rows["period"]],
                                     "size": 8},
                             customdata=list(zip(rows["postings"], rows["period_postings"], rows["ci_low"], rows["ci_high"])),
                             hovertemplate=name + ": %{y:.1%} (%{customdata[0]} of %{customdata[1]}; "
                                           "95% CI %{customdata[2]:.1%}–%{customdata[3]:.1%})<extra></extra>")
        fig2.update_yaxes(tickformat=".0%", title_text="share of postings", secondary_y=False, rangemode="tozero")
        fig2.update_yaxes(title_text="postings", secondary_y=True, showgrid=False)
        count_axis(fig2, secondary_y=True, max_count=max(sizes.values(), default=0))
        fig2.update_layout(height=440, margin={"t": 20, "b": 10, "l": 10, "r": 10})
        st.plotly_chart(legend_on_top(fig2), key="trend_chart")
        st.caption("Bands are 95 % Wilson intervals of each share."
                   + (f" Open markers: fewer than {market.LOW_SUPPORT_POSTINGS} postings in that "
                      f"{'quarter' if period == 'quarter' else 'period'} ({len(low)} of {len(periods)}): read with care."
                      if low else ""))


    if t["note"]:
        st.info(t["note"])
        b1, b2 = st.columns(2)
        b1.button("Show quarters", key="trend_use_quarters", on_click=_use_quarters, disabled=period == "quarter")
        b2.button(f"Use all {span_months} months", key="trend_use_all", on_click=_use_all_months, args=(span_months,),
                  disabled=months == span_months)
    else:
        c1, c2, c3 = st.columns(3)
        for col, key, title in ((c1, "rising", "Rising"), (c2, "declining", "Declining"), (c3, "emerging", "Emerging")):
            with col:
                st.markdown(f"**{title}**")
                if not t[key]:
                    st.caption("None passes the test in this window.")
                for r in t[key]:
                    q = "< 0.001" if r["q_value"] < 0.001 else f"{r['q_value']:.3f}"
                    st.text(f"{r['label']}: {points_per_month(r['trend'])}\n"
                            f"  95% CI {trend_interval(r['trend_ci'])}; q {q}; {r['support']:,} postings")
        rule = t["method"]
        st.caption(f"Rising or declining means: a trend test over {t['window_postings']:,} postings (each compared with "
                   f"postings from the same source), q ≤ {rule['alpha']} after the Benjamini–Hochberg correction across "
                   f"every skill with at least {rule['min_support']} postings, and a change of at least "
                   f"{rule['min_slope'] * 100:g} points a month or {rule['min_relative_per_year']:.0%} of the skill's "
                   "share a year. Emerging: rising, and (nearly) absent in the first half of the window.")


if months:
    _over_time()

st.subheader("Asked together")
skill = st.selectbox("Skill", demand["skill_id"].to_list(), key="cooc_skill", format_func=lambda s: labels.get(s, s))
co = _cooc(gen, skill, window)
if co.is_empty():
    st.caption("Not enough postings ask for this skill with others.")
else:
    st.dataframe(co.select("label", "both_postings", "share", "lift"), hide_index=True, column_config={
        "label": "Skill", "both_postings": count_column("Postings with both"),
        "share": st.column_config.ProgressColumn(f"Share of {labels.get(skill, skill)} postings", format="percent",
                                                 min_value=0, max_value=1),
        "lift": st.column_config.NumberColumn("Lift", format="%.2f"),
    })

st.subheader("Pay by skill")
currencies, _ = _pay(gen, window, "USD")
if not currencies:
    st.caption("No posting in this selection states a salary.")
    st.stop()
currency = st.selectbox("Currency", [c for c, _ in currencies], key="pay_currency",
                        format_func=lambda c: f"{c} ({dict(currencies)[c]:,} salaried postings)",
                        help="Salaries are compared within one currency, never converted.")
_, p = _pay(gen, window, currency)
if p.is_empty():
    st.caption(f"Not enough postings with a salary in {currency} for this selection (10 needed on each side).")
else:
    table = pl.DataFrame({
        "Skill": p["label"],
        "Median with": [money(v, currency) for v in p["with_median"]],
        "IQR with": [f"{money(a, currency)}–{money(b, currency)}" for a, b in zip(p["with_q1"], p["with_q3"])],
        "Postings with": p["with_postings"],
        "Median without": [money(v, currency) for v in p["without_median"]],
        "IQR without": [f"{money(a, currency)}–{money(b, currency)}" for a, b in zip(p["without_q1"], p["without_q3"])],
        "Postings without": p["without_postings"],
    })
    st.dataframe(table, hide_index=True, column_config={
        "Postings with": st.column_config.NumberColumn(format="localized"),
        "Postings without": st.column_config.NumberColumn(format="localized"),
    })
    st.caption(f"Yearly pay in {currency}: median and interquartile range (the middle half of salaries) of the "
               "postings that ask for the skill and of those that don't.")
