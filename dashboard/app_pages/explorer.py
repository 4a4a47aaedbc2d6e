"""Skills explorer: browse the taxonomy, see a skill's aliases, prerequisites, guide phases and postings."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import state
from dashboard.components import (
    SHARE_HELP,
    as_percent,
    category_label,
    count_column,
    hours,
    month_label,
    pct,
    pct_column,
)
from skillgap import market
from skillgap.textsafe import escape_markdown, highlight_markdown

st.title("Skills explorer")
tax = state.taxonomy()
con = state.cursor()
gen = state.generation()


@st.cache_data(ttl=600, max_entries=4, show_spinner=False)
def _overall_demand(generation) -> dict:
    if con is None:
        return {}
    d = market.demand(con)
    return {r["skill_id"]: r for r in d.iter_rows(named=True)}


def _guide_lines(refs) -> str:
    """One line per guide (a skill is often named in several sections of one guide), with its phases once each."""
    phases: dict[str, list[str]] = {}
    for g in refs:
        title = tax.guides[g.guide].title if g.guide in tax.guides else g.guide
        listed = phases.setdefault(title, [])
        if g.phase and g.phase not in listed:
            listed.append(g.phase)
    return "\n".join(f"- **{escape_markdown(t)}**" + (f" — {escape_markdown(', '.join(p))}" if p else "")
                     for t, p in phases.items())


def _resource_text(resource) -> str:
    if isinstance(resource, str):
        return resource
    title = getattr(resource, "title", None) or getattr(resource, "name", None)
    url = getattr(resource, "url", None)
    return " — ".join(x for x in (title, url) if x) if (title or url) else str(resource)


demand = _overall_demand(gen)
c1, c2 = st.columns([2, 1])
query = c1.text_input("Search skills", "", key="skill_search", placeholder="e.g. bedrock, k8s, vector").strip().casefold()
top_categories = sorted({c.split("/")[0] for c in tax.categories})
category = c2.selectbox("Category", ["all", *top_categories], key="skill_category",
                        format_func=lambda c: "All categories" if c == "all" else category_label(c, taxonomy=tax))

rows = []
for s in tax.skills.values():
    if category != "all" and s.category.split("/")[0] != category:
        continue
    if query and query not in s.label.casefold() and not any(query in a.casefold() for a in s.aliases) and query not in s.id:
        continue
    d = demand.get(s.id)
    rows.append({"id": s.id, "skill": s.label, "category": category_label(s.category, taxonomy=tax),
                 "kind": s.kind.replace("_", " ").capitalize(),
                 "postings": d["postings"] if d else 0, "share": d["share"] if d else 0.0})
st.caption(f"{len(rows):,} of {len(tax.skills):,} skills (taxonomy {tax.version})")
if not rows:
    st.stop()
frame = pl.DataFrame(rows).sort(["postings", "skill"], descending=[True, False])
st.dataframe(as_percent(frame.drop("id"), "share"), hide_index=True, height=300,
             column_order=["skill", "share", "postings", "category", "kind"], column_config={
    "skill": st.column_config.TextColumn("Skill", width="medium"),
    "category": st.column_config.TextColumn("Category", width="large"),
    "kind": st.column_config.TextColumn("Kind", width="small"),
    "postings": count_column("Postings", help="Postings in the store that ask for the skill."),
    "share": pct_column("Asked in", help=SHARE_HELP),
})

skill_id = st.selectbox("Skill details", frame["id"].to_list(), key="skill_detail",
                        format_func=lambda i: tax.skills[i].label)
skill = tax.skills[skill_id]
st.subheader(skill.label)
if skill.description:
    st.text(skill.description)
a, b, c = st.columns(3)  # on a phone they stack: what the market asks first
with a:
    d = demand.get(skill_id)
    st.metric("Asked in", pct(d["share"]) if d else "—", help=SHARE_HELP + " Here: all postings in the store.")
    st.caption(f"{d['postings']:,} of {d['total']:,} postings" if d else "Not seen in the store's postings.")
    st.markdown("**Effort**")
    st.text(f"about {hours(skill.hours)} to working level")
    st.markdown("**Category**")
    st.text(category_label(skill.category, taxonomy=tax))
with b:
    st.markdown("**Aliases**")
    st.text(", ".join(skill.aliases) or "—")
    if skill.ambiguous_aliases:
        st.caption("Needs context: " + ", ".join(skill.ambiguous_aliases))
    st.markdown("**Parent**")
    st.text(tax.skills[skill.parent].label if skill.parent in tax.skills else "—")
    st.markdown("**Prerequisites**")
    st.text(", ".join(tax.skills[p].label for p in skill.prerequisites if p in tax.skills) or "—")
with c:
    st.markdown("**Guides**")
    st.markdown(_guide_lines(skill.guides) or "—")
if skill.resources or skill.certifications:
    st.markdown("**Resources and certifications**")
    lines = [f"- {escape_markdown(_resource_text(r))}" for r in skill.resources]
    lines += [f"- Certification: {escape_markdown(tax.skills[cert].label if cert in tax.skills else cert)}"
              for cert in skill.certifications]
    st.markdown("\n".join(lines))

if con is not None:
    st.markdown("**Postings that ask for it**")
    mentions = market.skill_examples(con, skill_id, limit=10)
    if not mentions:
        st.caption("None in the store.")
    for title, company, month, sentence, text, section in mentions:
        sentence = sentence or text or ""
        at = sentence.find(text or "")
        shown = highlight_markdown(sentence, at, at + len(text or "")) if at >= 0 else escape_markdown(sentence)
        where = f"{escape_markdown(title or 'Untitled')} · {escape_markdown(company or '')} · {month_label(month)}"
        st.markdown(f"{where} · _{escape_markdown((section or '').capitalize())}_  \n> {shown}")
