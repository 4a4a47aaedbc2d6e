"""First run: the store is empty; say how to load the bundled sample (or load it, when refreshes are allowed)."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.components import run_refresh, shown_path
from skillgap.textsafe import escape_markdown

st.title("Welcome to skillgap")
st.markdown(
    "skillgap reads job-posting exports, finds the skills they ask for, and compares them with your CV "
    "to tell you **what the market asks for**, **what you lack** and **what to learn first**."
)
store_name = escape_markdown(shown_path(state.settings().db_path))
st.info(f"The store **{store_name}** has no postings yet.", icon=":material/info:")

col1, col2 = st.columns(2)
with col1:
    st.subheader("Try it on the sample")
    st.write("About 2,400 synthetic postings over 24 months, in four export layouts.")
    if not state.refresh_allowed():
        st.write("This dashboard is read-only. On the machine that serves it, load the sample with:")
        st.code("skillgap refresh --exports data/sample", language="bash")
    elif st.button("Load the bundled sample", type="primary", key="load_sample"):
        if run_refresh(state.settings().sample_dir):
            st.success("Sample loaded. Open **My gap** or **Market trends**.")
            st.rerun()
with col2:
    st.subheader("Use your own exports")
    st.write("Drop CSV, JSON, JSONL, Parquet or XLSX exports into a folder, then run:")
    st.code("skillgap refresh --exports path/to/folder", language="bash")
