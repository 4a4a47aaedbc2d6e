"""skillgap's Streamlit app: the frame (page config, sidebar, navigation). Pages live in app_pages/.

Offline: the favicon is our own file (a `:material/...:` page icon makes the browser fetch an SVG from
fonts.gstatic.com); icons inside the app are `:material/...:` names, drawn from the font Streamlit bundles.
tests/dashboard/test_browser.py records every request and fails on any that leaves 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

FAVICON = Path(__file__).resolve().parent / "static" / "favicon.png"
st.set_page_config(page_title="skillgap", page_icon=str(FAVICON), layout="wide")

from dashboard import state  # noqa: E402  (after set_page_config)

has_data = state.store_has_postings()

pages = {
    "Job seeker": [
        st.Page("app_pages/my_gap.py", title="My gap", icon=":material/person_search:", default=has_data),
        st.Page("app_pages/match.py", title="Match a job ad", icon=":material/fact_check:"),
    ],
    "Market": [
        st.Page("app_pages/trends.py", title="Market trends", icon=":material/trending_up:"),
        st.Page("app_pages/explorer.py", title="Skills explorer", icon=":material/category:"),
    ],
    "Operations": [
        st.Page("app_pages/pipeline.py", title="Pipeline", icon=":material/sync:"),
    ],
}
if not has_data:
    pages = {"Start": [st.Page("app_pages/welcome.py", title="Welcome", icon=":material/rocket_launch:", default=True)], **pages}

with st.sidebar:
    st.markdown("### skillgap")
    st.caption("What the market asks for · what you lack · what to learn first")

st.navigation(pages).run()

with st.sidebar:
    st.divider()
    st.caption(f"Store: `{state.settings().db_path.name}`")
    if not state.refresh_allowed():
        st.caption("Read-only: refreshes run from the command line or the monthly schedule.")
