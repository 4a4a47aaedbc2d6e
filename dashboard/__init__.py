"""The Streamlit dashboard: a frame (app.py), cached resources (state.py) and one script per page (app_pages/)."""

# Set to "1" by `skillgap dashboard --allow-refresh`; read by dashboard/state.py. Any other value: read-only.
ALLOW_REFRESH_ENV = "SKILLGAP_DASHBOARD_ALLOW_REFRESH"
