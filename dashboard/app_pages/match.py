"""Match a job ad: one ad (pasted, uploaded, or a stored posting picked on My gap) against your CV — the score with
its parts, the ad with its skills highlighted, and a plan for this job."""

from __future__ import annotations


import polars as pl
import streamlit as st

from dashboard import cv_skills_view, plan_view, state
from dashboard.components import hours as fmt_hours
from dashboard.components import hours_column, month_label, pct, text_column
from skillgap.errors import AnalyzerError
from skillgap.textsafe import escape_markdown

GAP_CV_KEY = "gap_cv"  # {"doc", "skills"}: the CV read on My gap in this session
POSTING_KEY = "match_posting_id"  # set by My gap's "Match this posting"
# Streamlit's own Markdown colours: no raw HTML on any page (tests/hardening/test_security.py)
COLOURS = {"have": "green-background", "implied": "blue-background", "missing_required": "red-background",
           "missing_preferred": "orange-background"}


def _highlighted_markdown(text: str, highlights) -> str:
    """The ad as escaped Markdown, its skills on coloured backgrounds, its line breaks kept."""
    pieces = "".join(escape_markdown(part) if kind is None else f":{COLOURS[kind]}[{escape_markdown(part.replace(chr(10), ' '))}]"
                     for part, kind in highlight_segments(text, highlights))
    paragraphs = (p.strip("\n") for p in pieces.split("\n\n"))
    return "\n\n".join(p.replace("\n", "  \n") for p in paragraphs if p.strip())

st.title("Match a job ad")
st.caption("Your CV and the ad are read in memory for this match only; nothing is stored or logged.")
tax = state.taxonomy()

left, right = st.columns(2)
with left:
    cv_upload = st.file_uploader("Your CV", type=["pdf", "docx", "txt", "md"], key="match_cv_upload",
                                 help="PDF, DOCX, TXT or Markdown. Leave empty to use the CV you gave on My gap.")
    hours = st.slider("Study hours per week", 1, 40, 8, key="match_hours")
with right:
    ad_upload = st.file_uploader("Upload the job ad", type=["txt", "md", "html", "htm", "pdf", "docx"],
                                 key="match_ad_upload")
    ad_text = st.text_area("…or paste the job ad", key="match_ad_text", height=160,
                           help="The whole ad: title, requirements, nice-to-haves. HTML is fine.")

posting_id = st.session_state.get(POSTING_KEY)
if posting_id and (ad_upload is not None or ad_text.strip()):
    st.session_state.pop(POSTING_KEY, None)  # a new ad was given: the posting picked on My gap is done
    posting_id = None
if ad_upload is not None and ad_text.strip():
    st.info(f"Both a file and pasted text were given: matching the uploaded file "
            f"'{escape_markdown(ad_upload.name)}'. Remove the file to match the pasted text.")
gap_cv = st.session_state.get(GAP_CV_KEY)
if cv_upload is None and gap_cv is None:
    st.info("Upload your CV here, or give it on My gap first; then paste or upload the job ad.",
            icon=":material/upload_file:")
    st.stop()
if ad_upload is None and not ad_text.strip() and not posting_id:
    st.info("Paste the job ad or upload it (text, Markdown, HTML, PDF or DOCX) — or pick one of your closest "
            "postings on My gap.", icon=":material/description:")
    st.stop()


def _read_ad():
    from skillgap.jobad import job_ad_from_posting, job_ad_from_text, read_job_ad

    if ad_upload is not None:
        return read_job_ad(ad_upload.getvalue(), filename=ad_upload.name)
    if ad_text.strip():
        return job_ad_from_text(ad_text)
    con = state.cursor()
    if con is None:
        from skillgap.errors import PostingNotFound

        raise PostingNotFound("There is no store to read the posting from; paste the ad instead.")
    return job_ad_from_posting(con, posting_id)


def _read_cv():
    """(CVDocument, CV skills, corrections): the CV given on My gap comes with the corrections made there."""
    from skillgap.cv import read_cv
    from skillgap.cv.skills import cv_skills

    if cv_upload is None:
        return gap_cv["doc"], gap_cv["skills"], cv_skills_view.applied_corrections()
    doc = read_cv(cv_upload.getvalue(), filename=cv_upload.name)
    return doc, cv_skills(doc, nlp=state.pipeline(), taxonomy=tax), {}


with st.status("Matching…", expanded=False) as status:
    try:
        st.write("Reading the job ad")
        ad = _read_ad()
        st.write("Reading your CV")
        doc, skills, corrections = _read_cv()
        st.write("Comparing the ad's skills with your CV")
        from skillgap.match import highlight_segments, match_cv_to_ad

        progress = plan_view.current_progress()  # steps marked done or skipped on My gap count here too
        result = match_cv_to_ad(skills, ad, taxonomy=tax, nlp=state.pipeline(), hours_per_week=hours, cv_doc=doc,
                                corrections=corrections, progress=progress)
    except AnalyzerError as exc:
        status.update(label="Couldn't match this ad", state="error", expanded=True)
        st.error(escape_markdown(str(exc)))  # messages quote file names
        st.stop()
    status.update(label=f"Matched: {len(result.matched) + len(result.missing)} skills asked by the ad", state="complete")

cv_source = f"'{cv_upload.name}'" if cv_upload is not None else f"the CV from My gap ('{doc.filename}')"
ad_source = {"posting": "a stored posting", "html": "HTML"}.get(ad.kind, ad.kind.upper())
ad_shown = "a stored posting, from Closest postings on My gap" if ad.kind == "posting" else f"{ad.source} ({ad_source})"
st.caption(escape_markdown(f"Your CV: {cv_source}. The ad: {ad_shown}."))
if result.corrections:
    st.caption(f"Your {len(result.corrections)} correction(s) to the CV reading from My gap are applied "
               "(“Skills found in your CV” there).")
elif cv_upload is not None and gap_cv is not None:
    st.caption("Corrections made on My gap apply to the CV given there, not to the one uploaded here.")
for warning in [*doc.warnings, *ad.warnings]:
    st.warning(escape_markdown(warning))

head = " — ".join(x for x in (result.title, result.company, ad.location, month_label(ad.month) if ad.month else None) if x)
st.subheader(escape_markdown(head or "Job ad"))
if ad.url and ad.url.startswith(("https://", "http://")):
    st.link_button("Open the original posting", ad.url)

b = result.breakdown
m1, m2, m3, m4 = st.columns(4)
m1.metric("Match score", pct(result.score), help=b["formula"])
m2.metric("Required skills you show", f"{b['required']['used'] + b['required']['listed']} of {b['required']['skills']}",
          help="Skills the ad requires that your CV shows in use or lists; implied ones are not counted here.")
m3.metric("Nice-to-haves you show", f"{b['preferred']['used'] + b['preferred']['listed']} of {b['preferred']['skills']}"
          if b["preferred"]["skills"] else "none asked",
          help="Nice-to-have skills the ad names that your CV shows in use or lists.")
job_ready = next((m for m in result.milestones if m["name"] == "job-ready"), None)
m4.metric("Hours to job-ready", fmt_hours(job_ready["hours"] if job_ready else 0),
          help="Fewest study hours to cover every skill this ad requires (the plan's first milestone), at your "
               "pace below; nice-to-haves come after.")
if result.verdict == "insufficient_cv":
    st.warning(f"Only {result.cv_skills} skill(s) from skillgap's cloud, data and AI taxonomy found in your CV: it is "
               "from another field, or it was not read well (a scanned PDF, another language). Read the score with "
               "that in mind.")
st.write(escape_markdown(result.explanation))

with st.expander("How is this computed?"):
    st.markdown(escape_markdown(b["formula"]) + ".")
    st.dataframe(pl.DataFrame([
        {"part": name, "skills": b[key]["skills"], "weight": b[key]["weight"], "earned": b[key]["credit"],
         "in use": b[key]["used"], "only listed": b[key]["listed"], "implied": b[key]["implied"],
         "missing": b[key]["missing"]}
        for key, name in (("required", "Required"), ("preferred", "Nice to have"))
    ]), hide_index=True)
    st.caption(f"Score = {b['weighted_credit']:.2f} earned of {b['weighted_total']:.2f} possible = {pct(result.score)}"
               + (f"; fewer years than asked cost {b['years_penalty'] * 100:.1f} points." if b["years_penalty"] else "."))

_MILESTONES = {"job-ready": "Job-ready for this ad", "strong candidate": "Strong candidate",
               "the rest": "The rest: nice-to-haves"}
_KIND = {"prove": "Show it: ", "project": "Project: "}


def _plan_table(steps: list[dict]) -> None:
    frame = pl.DataFrame(
        [{"#": s["order"], "phase": s.get("phase"), "step": _KIND.get(s["kind"], "") + s["label"],
          "hours": float(s["hours"]),
          "weeks": str(s["start_week"]) if s["start_week"] == s["end_week"] else f"{s['start_week']}–{s['end_week']}",
          "score after": s.get("coverage_after"),
          "docs": next((r["url"] for r in s["resources"] if (r.get("url") or "").startswith("https://")), None),
          "why": s.get("why") or ""} for s in steps],
        schema_overrides={"docs": pl.Utf8, "score after": pl.Float64},
    )  # fmt: skip
    st.dataframe(frame, hide_index=True, column_config={
        "hours": hours_column(),
        "score after": st.column_config.ProgressColumn("Score after", format="percent", min_value=0, max_value=1,
                                                       help="The match score once this step is done."),
        "docs": st.column_config.LinkColumn("Docs", display_text="open"),
        "why": text_column("Why"),
    })  # fmt: skip


def _plan_tab(result, *, hours_per_week: float, progress) -> None:
    """The job-ready milestone (the ad's required skills) first, later milestones folded, and the downloads."""
    from skillgap.match_report import match_to_markdown
    from skillgap.plan import plan_to_csv

    if progress.steps:
        st.caption(f"{len(progress.done)} step(s) you marked done and {len(progress.skipped)} skipped on My gap are "
                   "left out of this plan; mark steps there.")
    if not result.plan:
        st.caption("Nothing to plan: your CV shows every skill this ad asks for.")
    for i, m in enumerate(result.milestones):
        steps = [s for s in result.plan if s["milestone"] == m["name"]]
        target = "" if m["target_coverage"] is None else f" (target {pct(m['target_coverage'])})"
        head = (f"{_MILESTONES.get(m['name'], m['name'])}: score {pct(m['coverage'])}{target} after "
                f"{fmt_hours(m['hours'])}, by week {m['until_week']} at {hours_per_week} h a week")
        if not m["reached"]:
            head += " — some required skills cannot be planned"
        if i == 0:
            st.subheader(head)
            _plan_table(steps)
        else:
            with st.expander(f"{head} — {len(steps)} steps"):
                _plan_table(steps)
    name = "-".join(x for x in "".join(c if c.isalnum() else " " for c in (result.title or "job-ad")).lower().split())
    d1, d2 = st.columns(2)
    d1.download_button("Download the match and its plan (Markdown)", match_to_markdown(result, taxonomy=tax),
                       file_name=f"match-{name[:60] or 'job-ad'}.md", mime="text/markdown", key="match_dl_md")
    d2.download_button("Download the plan (CSV)", plan_to_csv(result.plan_steps), file_name=f"match-plan-{name[:60] or 'job-ad'}.csv",
                       mime="text/csv", key="match_dl_csv", disabled=not result.plan)


tab_ad, tab_skills, tab_plan = st.tabs(["The ad", "Skills", "Plan for this job"])
with tab_ad:
    legend = " · ".join(f":{COLOURS[k]}[{escape_markdown(n)}]" for k, n in
                        (("have", "you have it"), ("implied", "implied by your CV, not named"),
                         ("missing_required", "missing, required"), ("missing_preferred", "missing, nice to have")))
    st.markdown(legend)
    with st.container(border=True):
        st.markdown(_highlighted_markdown(result.ad["text"], result.ad["highlights"]))
    st.caption("Skills named only in the company description or the benefits are not highlighted: they do not count.")

with tab_skills:
    words = {"used": "in use", "listed": "only listed", "implied": "implied, not named", "missing": "missing",
             "learning": "learning (missing)", "not_held": "not held (missing)"}
    rows = [{"skill": m["label"], "asked": "required" if m["required"] else "nice to have",
             "your CV": words.get(m["cv_status"], m["cv_status"]), "evidence": m["cv_evidence"]} for m in result.matched]
    rows += [{"skill": m["label"], "asked": "required" if m["required"] else "nice to have",
              "your CV": words.get(m["cv_status"], m["cv_status"]),
              "evidence": m["cv_evidence"] if m["cv_status"] == "implied" else m["job_evidence"]}
             for m in result.missing]
    st.dataframe(pl.DataFrame(rows), hide_index=True,
                 column_config={"evidence": st.column_config.TextColumn("Where (your CV, or the ad when missing)",
                                                                        width="large")})
    if result.extra:
        st.caption("Also on your CV, not asked by this ad: " + escape_markdown(", ".join(e["label"] for e in result.extra)))

with tab_plan:
    _plan_tab(result, hours_per_week=hours, progress=progress)
