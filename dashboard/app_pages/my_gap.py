"""My gap: upload a CV (or try a bundled sample), pick a role, see coverage, gaps, a plan and the closest postings."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import cv_skills_view, state
from dashboard.components import (
    COVERAGE_HELP,
    POSTING_COVERAGE_HELP,
    PRIORITY_HELP,
    TREND_HELP,
    as_percent,
    country_label,
    hours,
    month_label,
    pct,
    pct_column,
    pts_per_month,
    seniority_label,
    text_column,
)  # fmt: skip
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
def _role_options(generation) -> list[market.RoleChoice]:
    return market.role_choices(con, tax)


@st.cache_data(ttl=600, max_entries=16, show_spinner=False)
def _countries(generation) -> list[str]:
    return [] if con is None else market.countries(con)


gen = state.generation()
roles = {c.role: c for c in _role_options(gen)}
samples = {cv.key: cv for cv in sample_cvs(state.settings().sample_dir / CV_DIR_NAME)}


def _sample_role() -> None:
    """Choosing a sample CV also picks the role that CV aims at."""
    cv = samples.get(st.session_state.get("sample_cv") or "")
    if cv is not None and cv.role in roles:
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
    use_pasted = False
    if upload is not None and pasted.strip():  # say which one is analysed, and let the person choose
        use_pasted = st.radio(
            "You gave a file and pasted text too — analyse", ["file", "text"], key="cv_source", horizontal=True,
            format_func=lambda k: f"the uploaded file ({upload.name})" if k == "file" else "the pasted text",
        ) == "text"
with right:
    role_id = st.selectbox(
        "Target role", list(roles), key="role", format_func=lambda rid: roles[rid].display,
        help="How many postings in the store stand behind each role. Roles marked 'guides only' have none: their "
             "skills and weights come from the career guides alone.",
    )
    hours_per_week = st.slider("Study hours per week", 1, 40, 8, key="hours")
    with st.expander("Filters"):
        country = st.selectbox("Country", ["", *_countries(gen)], key="country", format_func=country_label)
        remote = st.radio("Work mode", ["Any", "Remote", "On-site"], horizontal=True, key="remote")
        seniority = st.selectbox("Seniority", ["", "intern", "junior", "mid", "senior", "lead", "principal", "manager"],
                                 key="seniority", format_func=seniority_label)
        window = st.select_slider("Time window", ["All", "24 months", "12 months", "6 months"], value="All", key="window")

sample = samples.get(sample_key or "") if upload is None and not pasted.strip() else None
if upload is None and not pasted.strip() and sample is None:
    st.info("Upload your CV or paste its text to see your gap for the selected role — or try a sample CV.",
            icon=":material/upload_file:")
    st.stop()

f = MarketFilter(
    country=country or None,
    remote={"Any": None, "Remote": True, "On-site": False}[remote],
    seniority=seniority or None,
    months=None if window == "All" else int(window.split()[0]),
)

from dashboard import plan_view  # noqa: E402
from skillgap.cv import read_cv  # noqa: E402
from skillgap.cv.skills import cv_skills  # noqa: E402
from skillgap.gap import analyze_gap  # noqa: E402

with st.status("Analysing your CV…", expanded=False) as status:
    try:
        st.write("Reading the file")
        if upload is not None and not use_pasted:
            doc, source = read_cv(upload.getvalue(), filename=upload.name), f"your file {upload.name}"
        elif sample is not None:
            doc, source = read_cv(sample.read_bytes(), filename=sample.path.name), f"the sample CV {sample.path.name}"
        else:
            doc, source = read_cv(pasted.encode("utf-8"), filename="pasted.txt"), "the pasted text"
        st.write(f"Extracting skills from {len(doc.text):,} characters")
        skills = cv_skills(doc, nlp=state.pipeline(), taxonomy=tax)
        st.write(f"Comparing {len(skills)} skills with the market")
        corrections = cv_skills_view.corrections(skills, taxonomy=tax)  # your edits below, applied at once
        result = analyze_gap(skills, taxonomy=tax, con=con, role=role_id, f=f, hours_per_week=hours_per_week,
                             corrections=corrections, plan_options=plan_view.plan_options())
    except AnalyzerError as exc:
        status.update(label="Couldn't analyse this CV", state="error", expanded=True)
        st.error(escape_markdown(str(exc)))  # messages quote the uploaded file's name
        st.stop()
    status.update(label=escape_markdown(f"Analysed: {len(skills)} skills found in {source}"), state="complete")
st.session_state["gap_cv"] = {"doc": doc, "skills": skills}  # reused by "Match a job ad" (in memory, this session)
for warning in doc.warnings:  # how the file was read: "UTF-16 without a BOM", "only the first 30 pages", ...
    st.warning(escape_markdown(warning))

if sample is not None:
    st.caption(f"Showing the sample CV of an invented person: {escape_markdown(sample.persona)} "
               f"(`{sample.path.name}`). Upload your own CV above to see your gap.")
    with st.expander("The sample CV's text"):
        st.text(doc.text)

m1, m2, m3, m4 = st.columns(4)
m1.metric("Role coverage", pct(result.coverage), help=COVERAGE_HELP)
m2.metric("Postings behind the demand", f"{result.postings:,}",
          help="Postings in the store for this role and your filters; how often they ask for a skill sets its weight.")
m3.metric("Role skills you show", f"{len(result.have)}",
          help="Skills the role asks for that your CV shows in use (or implies through a more specific skill).")
if result.weak:
    m3.caption(f"+ {len(result.weak)} listed without evidence of use")
job_ready = result.milestones[0] if result.milestones else None
m4.metric(
    "Hours to job-ready", hours(job_ready["hours"]) if job_ready else "—",
    help=None if job_ready is None else (
        f"Hours to job-ready = the sum of the study hours of the plan's first steps, taken in order until the role "
        f"coverage reaches {pct(job_ready['target_coverage'])} (now {pct(result.coverage)}). At {hours_per_week} h a "
        f"week that is {job_ready['until_week']} weeks."),
)
st.caption({
    "market": f"Each skill of the role weighs as often as its {result.postings:,} postings ask for it.",
    "blend": f"Each skill of the role weighs as often as its {result.postings:,} postings ask for it, blended with the "
             "career guides' core skills for the role (the fewer the postings, the more the guides count).",
    "guides": "No postings for this role and these filters: the role's skills and their weights come from the career "
              "guides only.",
}[result.basis])
if result.verdict == "insufficient_cv":
    st.warning(f"Only {result.cv_skills} skill(s) found in this CV — not enough to judge. "
               "Is it a scanned PDF, or written in another language?")
elif result.verdict == "no_gaps":
    st.success("No gaps: your CV shows every skill this role's postings ask for.")

cv_skills_view.render(skills, taxonomy=tax, applied=corrections)

tab_skills, tab_plan, tab_postings = st.tabs(["Skills", "Learning plan", "Closest postings"])


_TREND_WORDS = {"too little support": "too few postings to tell", "no clear trend": "no clear trend"}


def _trend_text(row: dict) -> str:
    """A trend in words: its slope only where the trend test called it rising or declining."""
    verdict = row.get("trend_verdict")
    if verdict in ("rising", "declining"):
        return f"{verdict}, {pts_per_month(row.get('trend'))}"
    return _TREND_WORDS.get(verdict or "", "—")


def _evidence_text(row: dict) -> str:
    """The CV's sentence without its list bullet, or the skill it is implied by."""
    sentence = (row.get("evidence") or "").strip().lstrip("-•*–· ").strip()
    if sentence:
        return sentence
    implied = row.get("implied_by")
    return f"implied by {tax.skills[implied].label if implied in tax.skills else implied}" if implied else ""


def _skill_table(rows: list[dict], *, extra: list[str]) -> None:
    if not rows:
        st.caption("None.")
        return
    frame = pl.DataFrame(
        [{"label": r["label"], "demand": r.get("demand"), "evidence": _evidence_text(r),
          "in_progress": bool(r.get("in_progress")), "trend": _trend_text(r), "priority": r.get("priority")}
         for r in rows],
        schema={"label": pl.Utf8, "demand": pl.Float64, "evidence": pl.Utf8, "in_progress": pl.Boolean,
                "trend": pl.Utf8, "priority": pl.Float64},
    )
    st.dataframe(
        as_percent(frame, "demand").select(["label", "demand", *extra]),
        hide_index=True,
        row_height=72 if "evidence" in extra else None,  # tall rows wrap the evidence sentence
        column_config={
            "label": text_column("Skill", width=180),
            "demand": pct_column("Asked in", help="Share of the role's postings that ask for the skill."),
            "evidence": text_column("Evidence in your CV", help="The sentence of your CV that shows the skill; "
                                    "every sentence is under \"Skills found in your CV\" above."),
            "trend": text_column("Trend", width="medium", help=TREND_HELP + " Shown as rising or declining only when "
                                 "the trend test passes (see Market trends)."),
            "priority": st.column_config.NumberColumn("Priority", format="%.2f", help=PRIORITY_HELP),
            "in_progress": st.column_config.CheckboxColumn("Learning now", help="Your CV says you are learning it."),
        },
    )


with tab_skills:  # one table under the other: full width keeps the evidence and the trend readable
    st.subheader("Missing (most valuable first)")
    _skill_table(result.missing, extra=["in_progress", "trend", "priority"])
    st.subheader("You have")
    _skill_table(result.have, extra=["evidence"])
    st.subheader("Listed, but not shown in use")
    _skill_table(result.weak, extra=["evidence"])

with tab_plan:
    plan_view.render(result, taxonomy=tax, hours=hours_per_week, con=con)

with tab_postings:
    if not result.closest_postings:
        st.caption("No postings for this role and filters in the store.")
    else:
        st.caption("The postings of this role whose skills your CV covers best. \"You cover\" is posting coverage, "
                   "not the role coverage above (hover the column's header for both definitions).")
        postings = pl.DataFrame(
            [{"share": p["coverage"], "title": p["title"] or "Untitled", "company": p["company"] or "—",
              "location": p.get("location") or "—", "month": month_label(p["month"]),
              "still_needs": ", ".join(m["label"] for m in p["missing"]) or "nothing",
              "link": p["url"] if (p["url"] or "").startswith(("https://", "http://")) else None}
             for p in result.closest_postings],
            schema={"share": pl.Float64, "title": pl.Utf8, "company": pl.Utf8, "location": pl.Utf8, "month": pl.Utf8,
                    "still_needs": pl.Utf8, "link": pl.Utf8},
        )
        st.dataframe(
            as_percent(postings, "share"),
            hide_index=True,
            row_height=72,  # tall rows wrap long titles and the skills still needed
            column_config={
                "share": pct_column("You cover", help=POSTING_COVERAGE_HELP, bar=False),
                "title": text_column("Job title", width=170),
                "company": text_column("Company", width=130),
                "location": text_column("Location", width=120),
                "month": text_column("Posted", width=80),
                "still_needs": text_column("Skills you still need for it", width=240),
                "link": st.column_config.LinkColumn("Link", display_text="open posting", width=100),
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
