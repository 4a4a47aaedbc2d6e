"""My gap: upload a CV (or try a bundled sample), pick a role, see coverage, gaps, a plan and the closest postings."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cv_skills_view, state
from dashboard.components import pct
from skillgap import market
from skillgap.cv.read import MAX_BYTES
from skillgap.errors import AnalyzerError
from skillgap.market import MarketFilter
from skillgap.cv.samples import CV_DIR_NAME, sample_cvs
from skillgap.textsafe import escape_markdown

st.title("My gap")
st.caption("Your CV is read in memory for this analysis only; it is not stored or logged.")

tax = state.taxonomy()
con = state.cursor()


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _role_options(generation) -> list[tuple[str, str, int]]:
    counts = {}
    if con is not None:
        counts = {r["role"]: r["postings"] for r in market.role_counts(con).iter_rows(named=True)}
    roles = [(r.id, r.label, counts.get(r.id, 0)) for r in tax.roles.values()]
    return sorted(roles, key=lambda r: (-r[2], r[1]))


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _countries(generation) -> list[str]:
    if con is None:
        return []
    return [r[0] for r in con.execute(
        "SELECT country FROM posting_facts WHERE country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 40"
    ).fetchall()]


gen = state.generation()
roles = _role_options(gen)
samples = {cv.key: cv for cv in sample_cvs(state.settings().sample_dir / CV_DIR_NAME)}


def _sample_role() -> None:
    """Choosing a sample CV also picks the role that CV aims at."""
    cv = samples.get(st.session_state.get("sample_cv") or "")
    if cv is not None and any(r[0] == cv.role for r in roles):
        st.session_state["role"] = cv.role


left, right = st.columns([3, 2])
with left:
    upload = st.file_uploader("Your CV", type=["pdf", "docx", "txt", "md"], key="cv_upload",
                              max_upload_size=MAX_BYTES // 2**20,  # the reader's own limit
                              help=f"PDF, DOCX, TXT or Markdown, up to {MAX_BYTES // 2**20} MB")
    pasted = st.text_area("…or paste its text", key="cv_text", height=100)
    sample_key = st.selectbox(
        "…or try a sample CV", ["", *samples], key="sample_cv", on_change=_sample_role,
        format_func=lambda k: "—" if not k else f"{samples[k].persona} ({samples[k].path.name})",
        help="Invented people bundled with skillgap (data/sample/cvs); used only when no CV is uploaded or pasted.",
    ) if samples else ""
with right:
    role_id = st.selectbox(
        "Target role", [r[0] for r in roles], key="role",
        format_func=lambda rid: next(f"{lbl} ({n:,} postings)" for i, lbl, n in roles if i == rid),
    )
    hours = st.slider("Study hours per week", 1, 40, 8, key="hours")
    with st.expander("Filters"):
        country = st.selectbox("Country", ["Any", *_countries(gen)], key="country")
        remote = st.radio("Work mode", ["Any", "Remote", "On-site"], horizontal=True, key="remote")
        seniority = st.selectbox("Seniority", ["Any", "intern", "junior", "mid", "senior", "lead", "principal", "manager"],
                                 key="seniority")
        window = st.select_slider("Time window", ["All", "24 months", "12 months", "6 months"], value="All", key="window")

sample = samples.get(sample_key or "") if upload is None and not pasted.strip() else None
if upload is None and not pasted.strip() and sample is None:
    st.info("Upload your CV or paste its text to see your gap for the selected role — or try a sample CV.",
            icon=":material/upload_file:")
    st.stop()

f = MarketFilter(
    country=None if country == "Any" else country,
    remote={"Any": None, "Remote": True, "On-site": False}[remote],
    seniority=None if seniority == "Any" else seniority,
    months=None if window == "All" else int(window.split()[0]),
)

from skillgap.cv import read_cv  # noqa: E402
from skillgap.cv.skills import cv_skills  # noqa: E402
from skillgap.gap import analyze_gap  # noqa: E402
from dashboard import plan_view  # noqa: E402

with st.status("Analysing your CV…", expanded=False) as status:
    try:
        st.write("Reading the file")
        if upload is not None:
            doc = read_cv(upload.getvalue(), filename=upload.name)
        elif sample is not None:
            doc = read_cv(sample.read_bytes(), filename=sample.path.name)
        else:
            doc = read_cv(pasted.encode("utf-8"), filename="pasted.txt")
        st.write(f"Extracting skills from {len(doc.text):,} characters")
        skills = cv_skills(doc, nlp=state.pipeline(), taxonomy=tax)
        st.write(f"Comparing {len(skills)} skills with the market")
        corrections = cv_skills_view.corrections(skills, taxonomy=tax)  # your edits below, applied at once
        result = analyze_gap(skills, taxonomy=tax, con=con, role=role_id, f=f, hours_per_week=hours,
                             corrections=corrections, plan_options=plan_view.plan_options())
    except AnalyzerError as exc:
        status.update(label="Couldn't analyse this CV", state="error", expanded=True)
        st.error(escape_markdown(str(exc)))  # messages quote the uploaded file's name
        st.stop()
    status.update(label=f"Analysed: {len(skills)} skills found in your CV", state="complete")
st.session_state["gap_cv"] = {"doc": doc, "skills": skills}  # reused by "Match a job ad" (in memory, this session)
for warning in doc.warnings:  # how the file was read: "UTF-16 without a BOM", "only the first 30 pages", ...
    st.warning(escape_markdown(warning))

if sample is not None:
    st.caption(f"Showing the sample CV of an invented person: {escape_markdown(sample.persona)} "
               f"(`{sample.path.name}`). Upload your own CV above to see your gap.")
    with st.expander("The sample CV's text"):
        st.text(doc.text)

basis = {"market": "market demand", "blend": "market demand + the guides' profile", "guides": "the guides' role profile"}
m1, m2, m3, m4 = st.columns(4)
m1.metric("Role coverage", pct(result.coverage))
m2.metric("Postings behind the demand", f"{result.postings:,}")
m3.metric("Role skills you show", f"{len(result.have)}",
          help="Skills the role asks for that your CV shows in use (or implies through a more specific skill).")
if result.weak:
    m3.caption(f"+ {len(result.weak)} listed without evidence of use")
m4.metric("Hours to job-ready", f"{result.milestones[0]['hours']:,} h" if result.milestones else "—",
          help="Fewest study hours whose skills lift the role coverage to the job-ready target (70%).")
st.caption(f"Demand from {basis[result.basis]}.")
if result.verdict == "insufficient_cv":
    st.warning(f"Only {result.cv_skills} skill(s) found in this CV — not enough to judge. "
               "Is it a scanned PDF, or written in another language?")
elif result.verdict == "no_gaps":
    st.success("No gaps: your CV shows every skill this role's postings ask for.")

cv_skills_view.render(skills, taxonomy=tax, applied=corrections)

tab_skills, tab_plan, tab_postings = st.tabs(["Skills", "Learning plan", "Closest postings"])


def _skill_table(rows: list[dict], *, extra: list[str]) -> None:
    if not rows:
        st.caption("None.")
        return
    frame = pl.DataFrame(rows).select(["label", "demand", *[c for c in extra if c in rows[0]]])
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "label": st.column_config.TextColumn("Skill"),
            "demand": st.column_config.ProgressColumn("Asked in", format="percent", min_value=0, max_value=1),
            "evidence": st.column_config.TextColumn("Evidence in your CV", width="large"),
            "trend": st.column_config.NumberColumn("Trend / month", format="%.3f"),
            "priority": st.column_config.NumberColumn("Priority", format="%.2f"),
            "in_progress": st.column_config.CheckboxColumn("Learning now", help="Your CV says you are learning it."),
        },
    )


with tab_skills:
    c1, c2 = st.columns(2)
    with c1:
        st.subheader("You have")
        _skill_table(result.have, extra=["evidence"])
        st.subheader("Listed, but not shown in use")
        _skill_table(result.weak, extra=["evidence"])
    with c2:
        st.subheader("Missing (most valuable first)")
        _skill_table(result.missing, extra=["in_progress", "trend", "priority"])

with tab_plan:
    plan_view.render(result, taxonomy=tax, hours=hours, con=con)

with tab_postings:
    if not result.closest_postings:
        st.caption("No postings for this role and filters in the store.")
    else:
        st.dataframe(
            pl.DataFrame([{"title": p["title"], "company": p["company"], "location": p.get("location"), "month": p["month"],
                           "share": p["coverage"], "link": p["url"] if (p["url"] or "").startswith(("https://", "http://")) else None,
                           "still needs": ", ".join(m["label"] for m in p["missing"])} for p in result.closest_postings]),
            hide_index=True,
            column_config={
                "share": st.column_config.ProgressColumn(
                    "Share of this posting's skills you have", format="percent", min_value=0, max_value=1,
                    help="Of the skills this one posting asks for (required ones count double), the share your CV "
                         "shows. Not the role coverage above, which weighs the whole role's market."),
                "link": st.column_config.LinkColumn("Link"),
            },
        )
        by_id = {p["posting_id"]: p for p in result.closest_postings}
        picked = st.selectbox("Read or match one of these postings", list(by_id), key="closest_pick",
                              format_func=lambda pid: f"{by_id[pid]['title'] or 'Untitled'} — {by_id[pid]['company'] or '?'}")
        with st.expander("The posting's text"):
            st.text(by_id[picked].get("text") or "(no text)")
        if st.button("Match this posting", key="match_closest", help="Open Match a job ad with this posting and your CV."):
            st.session_state["match_posting_id"] = picked
            st.switch_page("app_pages/match.py")
