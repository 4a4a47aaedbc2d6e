"""skillgap's Streamlit app: the frame (page config, sidebar, navigation). Pages live in app_pages/.

Icons are emoji (drawn by the browser; the favicon becomes an inline SVG), never `:material/...:` names, which make
the browser fetch icons from a third-party host: the app works offline and tells nobody who opened it.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="skillgap", page_icon="📊", layout="wide")

from dashboard import state  # noqa: E402  (after set_page_config)

has_data = state.store_has_postings()

pages = {
    "Job seeker": [
        st.Page("app_pages/my_gap.py", title="My gap", icon="🎯", default=has_data),
    ],
    "Market": [
        st.Page("app_pages/trends.py", title="Market trends", icon="📈"),
        st.Page("app_pages/explorer.py", title="Skills explorer", icon="🧭"),
    ],
    "Operations": [
        st.Page("app_pages/pipeline.py", title="Pipeline", icon="🔄"),
    ],
}
if not has_data:
    pages = {"Start": [st.Page("app_pages/welcome.py", title="Welcome", icon="🚀", default=True)], **pages}

with st.sidebar:
    st.markdown("### skillgap")
    st.caption("What the market asks for · what you lack · what to learn first")

st.navigation(pages).run()

with st.sidebar:
    st.divider()
    st.caption(f"Store: `{state.settings().db_path.name}`")
    if not state.refresh_allowed():
        st.caption("Read-only: refreshes run from the command line or the monthly schedule.")
