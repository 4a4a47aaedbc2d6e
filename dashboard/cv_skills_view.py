"""My gap: "Skills found in your CV" — every skill read, its status and evidence, editable; corrections as a profile.

The page calls ``corrections(...)`` before the gap analysis (the edits of the previous run and an uploaded profile,
read from the widgets' session state) and ``render(...)`` to draw the table. Nothing is stored on the server: the
corrections live in this browser session and leave it only as the downloadable profile file.
"""

from __future__ import annotations

import hashlib

import polars as pl
import streamlit as st

from skillgap.cv.status import cv_skill_rows
from skillgap.errors import AnalyzerError
from skillgap.profile import parse_profile, profile_text
from skillgap.textsafe import escape_markdown

STATUS_WORDS = {"used": "used", "listed": "listed only", "learning": "learning", "not_held": "not held"}
_FROM_WORDS = {v: k for k, v in STATUS_WORDS.items()}
UPLOAD_KEY = "cv_profile_upload"
ADD_KEY = "cv_profile_add"
APPLIED_KEY = "cv_corrections_applied"  # the last corrections applied on My gap (not a widget: kept across pages)


def _uploaded(taxonomy) -> tuple[dict[str, str], str | None, str]:
    """(corrections, error, content hash) of the uploaded profile file, if any."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return {}, None, ""
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:12]
    try:
        return parse_profile(data, name=upload.name, taxonomy=taxonomy), None, digest
    except AnalyzerError as exc:
        return {}, str(exc), digest


def _editor_key(digest: str) -> str:
    return f"cv_skills_editor_{digest}"  # a new profile starts a fresh table


def corrections(skills, *, taxonomy) -> dict[str, str]:
    """``{skill_id: status}``: the uploaded profile, then the skills added by hand, then the table's edits."""
    base, _error, digest = _uploaded(taxonomy)
    out = dict(base)
    labels = {s.label: sid for sid, s in taxonomy.skills.items()}
    for label in st.session_state.get(ADD_KEY) or []:
        if label in labels:
            out[labels[label]] = "used"
    rows = cv_skill_rows(skills, taxonomy=taxonomy, corrections=base)
    edits = (st.session_state.get(_editor_key(digest)) or {}).get("edited_rows", {})
    for idx, change in edits.items():
        i = int(idx)
        if "status" in change and 0 <= i < len(rows):
            status = _FROM_WORDS.get(change["status"], change["status"])
            if status in STATUS_WORDS and status != rows[i]["status"]:
                out[rows[i]["skill_id"]] = status
    st.session_state[APPLIED_KEY] = dict(out)
    return out


def applied_corrections() -> dict[str, str]:
    """The corrections My gap applied last (``{skill_id: status}``), for other pages that reuse its CV."""
    return dict(st.session_state.get(APPLIED_KEY) or {})


def _years(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f} years" if float(value).is_integer() or value >= 10 else f"{value:.1f} years"


def _frame(rows: list[dict], *, taxonomy) -> pl.DataFrame:
    def label(sid: str | None) -> str:
        if not sid:
            return "—"
        return taxonomy.skills[sid].label if sid in taxonomy.skills else sid

    return pl.DataFrame(
        [
            {
                "label": r["label"],
                "status": STATUS_WORDS.get(r["status"], r["status"]),
                "years": _years(r["years"]),
                "last_used": "—" if r["last_used"] is None else str(r["last_used"]),
                "implied_by": label(r["implied_by"]),
                "evidence": " · ".join(e["sentence"] for e in r["evidence"][:2] if e.get("sentence")) or "—",
            }
            for r in rows
        ],
        schema={"label": pl.Utf8, "status": pl.Utf8, "years": pl.Utf8, "last_used": pl.Utf8,
                "implied_by": pl.Utf8, "evidence": pl.Utf8},
    )


def render(skills, *, taxonomy, applied: dict[str, str]) -> None:
    """Draw the table of every CV skill (status editable), the evidence in full, and the profile download/upload."""
    base, error, digest = _uploaded(taxonomy)
    st.subheader("Skills found in your CV")
    st.caption("Change a status where we read your CV wrong — the gap and the plan follow at once. "
               "used = shown in a job, project, thesis or certification; listed only = named without use; "
               "learning = a plan or a course in progress (not counted as held); not held = someone else's tool "
               "or a skill you say you lack.")
    if error:
        st.error(escape_markdown(error))
    rows = cv_skill_rows(skills, taxonomy=taxonomy, corrections=base)
    if not rows:
        st.caption("No skills were found in this CV.")
    else:
        st.data_editor(
            _frame(rows, taxonomy=taxonomy),
            key=_editor_key(digest),
            hide_index=True,
            row_height=72,  # tall rows wrap the evidence sentences
            disabled=["label", "years", "last_used", "implied_by", "evidence"],
            column_config={
                "label": st.column_config.TextColumn("Skill", width=170),
                "status": st.column_config.SelectboxColumn("Status", options=list(STATUS_WORDS.values()),
                                                           required=True, width="small"),
                "years": st.column_config.TextColumn("Years", width=80, help="From the dates of the jobs "
                                                     "using it, or \"N years of X\" / \"X - 12 months\"."),
                "last_used": st.column_config.TextColumn("Last used", width=80, help="The last year a job "
                                                         "or project of your CV used it."),
                "implied_by": st.column_config.TextColumn("Implied by", width=120, help="Counted because you "
                                                          "hold this more specific skill."),
                "evidence": st.column_config.TextColumn("Evidence in your CV", width=340,
                                                        help="The full sentences are listed below the table."),
            },
        )
        with st.expander("Evidence in full, skill by skill"):
            for r in rows:
                if r["evidence"]:
                    st.markdown(f"**{escape_markdown(r['label'])}** — {STATUS_WORDS.get(r['status'], r['status'])}")
                    for e in r["evidence"]:
                        cue = f" (read from “{escape_markdown(e['cue'])}”)" if e.get("cue") else ""
                        st.markdown(f"- {escape_markdown(e['sentence'] or '')} · _{e['section']}_{cue}")
    labels = sorted(s.label for s in taxonomy.skills.values())
    st.multiselect("Add skills you have that the CV does not show", labels, key=ADD_KEY)
    left, right = st.columns(2)
    left.download_button(
        "Download my corrections (profile)", profile_text(applied, labels={sid: s.label for sid, s in
                                                                             taxonomy.skills.items()}),
        file_name="skillgap-profile.yaml", mime="text/yaml", key="cv_profile_download",
        help="Keep it beside your CV; upload it next time or pass it to `skillgap gap --profile`.",
    )
    right.file_uploader("Load corrections (profile)", type=["yaml", "yml", "json"], key=UPLOAD_KEY,
                        help="A profile file downloaded here before (YAML or JSON).")
