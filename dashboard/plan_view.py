"""The learning plan on My gap: job-ready milestone first, the rest folded away, steps marked done or skipped.

Marks live in ``st.session_state`` as a ``skillgap.plan.Progress``; the page passes them to the analysis
(``plan_options()``), so the plan is rebuilt without the marked steps. The progress file can be downloaded and
uploaded again later (format in docs/cv.md).
"""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard.components import (
    as_percent,
    hours_column,
    legend_on_top,
    pct,
    pct_column,
    text_column,
)
from skillgap import market
from skillgap.errors import AnalyzerError
from skillgap.plan import (
    PlanOptions,
    Progress,
    plan_of,
    plan_to_csv,
    plan_to_markdown,
    progress_json,
    read_progress,
    report_context,
)
from skillgap.textsafe import escape_markdown

STATE_KEY = "plan_progress"
_TITLES = {"job-ready": "Job-ready", "strong candidate": "Strong candidate", "the rest": "The rest"}
_KIND = {"prove": "Show it: ", "project": "Project: "}


def current_progress() -> Progress:
    return st.session_state.get(STATE_KEY) or Progress()


def plan_options(*, target_coverage: float = 0.7) -> PlanOptions:
    """What the analysis needs to rebuild the plan without the steps marked so far."""
    return PlanOptions(target_coverage=target_coverage, progress=current_progress())


def _rows(steps: list[dict]) -> pl.DataFrame:
    frame = pl.DataFrame(
        [{"done": False, "skip": False, "phase": s["phase"],
          "step": f"{s['order']}. {_KIND.get(s['kind'], '')}{s['label']}", "hours": float(s["hours"]),
          "weeks": str(s["start_week"]) if s["start_week"] == s["end_week"] else f"{s['start_week']}–{s['end_week']}",
          "coverage after": s.get("coverage_after"),
          "docs": next((r["url"] for r in s["resources"] if r.get("url")), None), "why": s.get("why") or ""}
         for s in steps],
        schema_overrides={"docs": pl.Utf8, "coverage after": pl.Float64},
    )
    return as_percent(frame, "coverage after")


def _reasons(steps: list[dict], *, folded: bool) -> None:
    """Why each step, in full (the table's column is too narrow for a whole reason)."""
    lines = "\n".join(f"{s['order']}. **{escape_markdown(_KIND.get(s['kind'], '') + s['label'])}** — "
                      f"{escape_markdown(s.get('why') or '')}" for s in steps)  # fmt: skip
    if folded:
        with st.expander("Why each step"):
            st.markdown(lines)
    else:  # already inside a milestone's expander (expanders do not nest)
        st.markdown("**Why each step**\n\n" + lines)


def _milestone_editor(milestone: dict, steps: list[dict], *, role: str, first: bool) -> None:
    """One milestone's steps with done/skip checkboxes; a tick marks the step and rebuilds the plan."""
    keys = [s["key"] for s in steps]
    edited = st.data_editor(
        _rows(steps), hide_index=True, disabled=["phase", "step", "hours", "weeks", "coverage after", "docs", "why"],
        row_height=72,  # tall rows wrap the step's name and its reason
        key=f"plan_steps_{milestone['name']}_{hash(tuple(keys))}",
        column_config={
            "done": st.column_config.CheckboxColumn("Done", width=60, help="Mark the step done: the plan is "
                                                    "rebuilt without it and its coverage counts as yours."),
            "skip": st.column_config.CheckboxColumn("Skip", width=60, help="Leave the step out of the plan "
                                                    "(no coverage credit)."),
            "phase": text_column("Phase", width=100, help="The guides' order: foundation, core, depth, "
                                 "specialisation."),
            "step": text_column("Step", width=170, help="In the plan's order; the timeline above uses the same numbers."),
            "hours": hours_column("Hours", help="Study hours for the step."),
            "weeks": text_column("Weeks", width=70, help="Weeks of the plan at your hours per week."),
            "coverage after": pct_column("Role coverage after", help="The role coverage once this step and the ones "
                                         "before it are done."),
            "docs": st.column_config.LinkColumn("Resource", display_text="open", width=80,
                                                help="The step's first resource with a link; all of them are in "
                                                     "the Markdown plan."),
            "why": text_column("Why this step", width=220, help="Every reason in full is listed below the table."),
        },
    )  # fmt: skip
    _reasons(steps, folded=first)
    done = [k for k, d in zip(keys, edited["done"].to_list()) if d]
    skipped = [k for k, d in zip(keys, edited["skip"].to_list()) if d and k not in done]
    if done or skipped:
        st.session_state[STATE_KEY] = replace(current_progress().marked(done=done, skipped=skipped), role=role)
        st.rerun()


def _step_name(key: str, *, taxonomy) -> str:
    """A step key as a person reads it: the skill's label, or "Project: <id>"."""
    if key.startswith("project:"):
        return "Project: " + key.removeprefix("project:").replace("-", " ")
    return taxonomy.skills[key].label if key in taxonomy.skills else key


def _progress_box(result, *, taxonomy) -> None:
    """Download and upload the marks; undo a mark."""
    progress = current_progress()
    with st.expander(f"Progress: {len(progress.done)} done, {len(progress.skipped)} skipped"):
        marked = sorted(progress.steps)
        if marked:
            undo = st.multiselect("Undo marks", marked, key="plan_undo",
                                  format_func=lambda k: f"{_step_name(k, taxonomy=taxonomy)} ({progress.steps[k]})")
            if undo and st.button("Undo", key="plan_undo_apply"):
                st.session_state[STATE_KEY] = progress.marked(clear=undo)
                st.rerun()
        st.download_button("Download progress", progress_json(progress, role=result.role),
                           file_name=f"skillgap-progress-{result.role}.json", mime="application/json",
                           key="dl_progress")  # fmt: skip
        upload = st.file_uploader("Upload progress", type=["json"], key="progress_upload",
                                  help="A progress file saved here before: its done and skipped steps are applied.")
        if upload is not None and st.session_state.get("progress_loaded") != upload.file_id:
            try:
                st.session_state[STATE_KEY] = read_progress(upload.getvalue(), source=upload.name)
            except AnalyzerError as exc:
                st.error(escape_markdown(str(exc)))
                return
            st.session_state["progress_loaded"] = upload.file_id
            st.rerun()


def _timeline(plan: list[dict], *, hours: float) -> None:
    """A week-by-week bar per step at the chosen pace, one colour per milestone."""
    fig = go.Figure()
    for name in dict.fromkeys(s["milestone"] for s in plan):
        steps = [s for s in plan if s["milestone"] == name]
        fig.add_trace(go.Bar(
            y=[f"{s['order']}. {_KIND.get(s['kind'], '')}{s['label']}" for s in steps],
            x=[max(float(s["hours"]) / hours, 0.2) for s in steps], base=[s["start_week"] - 1 for s in steps],
            orientation="h", name=_TITLES.get(name, name), hovertext=[s.get("why") or "" for s in steps],
            hoverinfo="text+name",
        ))  # fmt: skip
    fig.update_layout(barmode="overlay", height=max(300, 22 * len(plan) + 80), xaxis_title=f"week (at {hours} h/week)",
                      yaxis={"autorange": "reversed"}, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend_title="milestone", legend_traceorder="normal")  # fmt: skip
    st.plotly_chart(legend_on_top(fig), key="plan_chart")


def render(result, *, taxonomy, hours: float, con=None) -> None:
    """The plan tab: the first milestone's steps, later milestones folded, progress, downloads."""
    _progress_box(result, taxonomy=taxonomy)
    if not result.plan:
        st.caption("Nothing to plan." if not result.plan_progress.get("done") else
                   "Nothing left to plan: every step is marked done or skipped.")  # fmt: skip
        return
    for i, m in enumerate(result.milestones):
        steps = [s for s in result.plan if s["milestone"] == m["name"]]
        target = "" if m["target_coverage"] is None else f" (target {pct(m['target_coverage'])})"
        head = (f"{_TITLES.get(m['name'], m['name'])}: {pct(m['coverage'])} coverage{target} after "
                f"{m['hours']:,} h, by week {m['until_week']} at {hours} h/week")  # fmt: skip
        if not m["reached"]:
            head += " — the role's skills in reach stop short of the target"
        if i == 0:
            st.subheader(head)
            _timeline(result.plan, hours=hours)
            _milestone_editor(m, steps, role=result.role, first=True)
        else:
            with st.expander(head + f" — {len(steps)} steps"):
                _milestone_editor(m, steps, role=result.role, first=False)
    context = report_context(result, freshness=market.store_freshness(con), taxonomy=taxonomy)
    d1, d2 = st.columns(2)
    d1.download_button("Download plan (Markdown)",
                       plan_to_markdown(plan_of(result), role_label=result.role_label, context=context),
                       file_name=f"learning-plan-{result.role}.md", mime="text/markdown", key="dl_md")  # fmt: skip
    d2.download_button("Download plan (CSV)", plan_to_csv(result.plan_steps),
                       file_name=f"learning-plan-{result.role}.csv", mime="text/csv", key="dl_csv")
