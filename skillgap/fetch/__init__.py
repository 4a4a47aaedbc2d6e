"""Fetch job-posting exports from public sources into the exports folder, where ingest picks them up.

``hn`` — the monthly "Ask HN: Who is hiring?" threads through the official Hacker News API;
``jobspy`` — job boards through python-jobspy (the optional ``collect`` extra); ``sources`` — which fetches the
monthly schedule runs (``sources.toml``); ``history`` — what each source fetched last, for status displays.
"""
