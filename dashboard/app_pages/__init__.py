"""The dashboard's pages: one Streamlit script each, run by dashboard/app.py through st.navigation (never imported)."""
