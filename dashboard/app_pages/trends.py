"""Market trends: top skills for a role, demand over months, movers, co-occurrence and pay."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from plotly.subplots import make_subplots

from dashboard import state
from dashboard.components import pct
from skillgap import market
from skillgap.market import MarketFilter

st.title("Market trends")
con = state.cursor()
if con is None:
    st.info("No store yet: load the sample from the Welcome page or run `skillgap refresh`.")
    st.stop()
gen = state.generation()


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _roles(generation) -> pl.DataFrame:
    return market.role_counts(con)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _demand(generation, f: MarketFilter) -> pl.DataFrame:
    return market.demand(con, f)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _trends(generation, f: MarketFilter, months: int, skills: tuple[str, ...] | None) -> dict:
    return market.trends(con, f, months=months, skills=list(skills) if skills else None, min_support=5, top=10)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _cooc(generation, skill_id: str, f: MarketFilter) -> pl.DataFrame:
    return market.cooccurrence(con, skill_id, f, top=12)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _pay(generation, f: MarketFilter, currency: str) -> pl.DataFrame:
    return market.pay(con, f, currency=currency, min_postings=10)


roles = _roles(gen)
role_labels = {r["role"]: f"{r['label']} ({r['postings']:,})" for r in roles.iter_rows(named=True)}
c1, c2, c3, c4 = st.columns(4)
role = c1.selectbox("Role", ["all", *role_labels], key="trend_role",
                    format_func=lambda r: "All roles" if r == "all" else role_labels[r])
remote = c2.radio("Work mode", ["Any", "Remote", "On-site"], horizontal=True, key="trend_remote")
months = c3.select_slider("Months shown", [6, 12, 18, 24, 36], value=12, key="trend_months")
country = c4.text_input("Country (ISO code)", "", key="trend_country").strip().upper() or None

f = MarketFilter(role=None if role == "all" else role, remote={"Any": None, "Remote": True, "On-site": False}[remote],
                 country=country)
window = MarketFilter(**{**f.__dict__, "months": months})
demand = _demand(gen, window)
if demand.is_empty():
    st.warning("No postings with skills match these filters.")
    st.stop()
total = int(demand["total"][0])
st.caption(f"{total:,} postings in the last {months} months of data for this selection.")

st.subheader("Top skills")
top = demand.head(20)
fig = go.Figure()
fig.add_bar(y=top["label"], x=(top["required"] / top["total"]).to_list(), name="required", orientation="h")
fig.add_bar(y=top["label"], x=(top["preferred"] / top["total"]).to_list(), name="nice to have", orientation="h")
fig.update_layout(barmode="stack", height=560, yaxis={"autorange": "reversed"}, xaxis_tickformat=".0%",
                  xaxis_title=f"share of {total:,} postings", margin={"t": 20, "b": 10})
st.plotly_chart(fig, key="top_skills")

st.subheader("Demand over months")
default = top["skill_id"].head(4).to_list()
labels = dict(zip(demand["skill_id"].to_list(), demand["label"].to_list()))
chosen = st.multiselect("Skills", demand["skill_id"].to_list(), default=default, key="trend_skills",
                        format_func=lambda s: labels.get(s, s))
t = _trends(gen, f, months, tuple(chosen) if chosen else None)
if t["months"]:
    fig2 = make_subplots(specs=[[{"secondary_y": True}]])
    fig2.add_bar(x=t["months"], y=[t["postings"][m] for m in t["months"]], name="postings per month",
                 marker_color="#cbd5e1", secondary_y=True)
    for s in t["skills"]:
        if s["skill_id"] in chosen:
            fig2.add_scatter(x=t["months"], y=[s["share"][m] for m in t["months"]], name=s["label"], mode="lines+markers")
    fig2.update_yaxes(tickformat=".0%", title_text="share of postings", secondary_y=False)
    fig2.update_yaxes(title_text="postings", secondary_y=True, showgrid=False)
    fig2.update_layout(height=420, margin={"t": 20, "b": 10})
    st.plotly_chart(fig2, key="trend_chart")
    if t["low_support_months"]:
        st.caption(f"Months with fewer than {market.LOW_SUPPORT_POSTINGS} postings (read with care): "
                   + ", ".join(t["low_support_months"]))

c1, c2, c3 = st.columns(3)
for col, key, title in ((c1, "rising", "Rising"), (c2, "declining", "Declining"), (c3, "emerging", "Emerging")):
    with col:
        st.markdown(f"**{title}**")
        rows = t[key]
        if not rows:
            st.caption("None with enough support.")
        for r in rows:
            trend = "—" if r["trend"] is None else f"{r['trend'] * 100:+.1f} pts/mo"
            st.text(f"{r['label']}: {pct(r['latest_share'], digits=1)} ({trend}; {r['postings']:,} postings)")

st.subheader("Asked together")
skill = st.selectbox("Skill", demand["skill_id"].to_list(), key="cooc_skill", format_func=lambda s: labels.get(s, s))
co = _cooc(gen, skill, window)
if co.is_empty():
    st.caption("Not enough postings ask for this skill with others.")
else:
    st.dataframe(co.select("label", "both_postings", "share", "lift"), hide_index=True, column_config={
        "label": "Skill", "both_postings": st.column_config.NumberColumn("Postings with both"),
        "share": st.column_config.ProgressColumn(f"Share of {labels.get(skill, skill)} postings", format="percent",
                                                 min_value=0, max_value=1),
        "lift": st.column_config.NumberColumn("Lift", format="%.2f"),
    })

st.subheader("Pay by skill")
currency = st.selectbox("Currency", ["USD", "GBP", "EUR", "CNY", "INR", "CAD"], key="pay_currency")
p = _pay(gen, window, currency)
if p.is_empty():
    st.caption("Not enough postings with a salary in this currency for this selection (10 needed on each side).")
else:
    st.dataframe(p.select("label", "with_postings", "with_median", "without_postings", "without_median"),
                 hide_index=True, column_config={
                     "label": "Skill",
                     "with_postings": "Postings with skill", "with_median": st.column_config.NumberColumn("Median with", format="%.0f"),
                     "without_postings": "Postings without", "without_median": st.column_config.NumberColumn("Median without", format="%.0f"),
                 })
