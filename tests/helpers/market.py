"""Postings written straight into a test store, with their extraction record and skill mentions."""

from __future__ import annotations

from datetime import date

import polars as pl


def add_posting(con, pid, *, title, month, skills=(), preferred=(), country="US", remote=False,
                salary=None, currency="USD", period="year", version="test-1", description="text"):
    """Insert one posting, its extraction record and its mentions."""
    con.execute(
        """INSERT INTO postings (posting_id, source, title, posted_month, posted_date, country, remote,
                                 description, salary_min, salary_max, salary_currency, salary_period, loaded_at)
           VALUES (?, 'test', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())""",
        [pid, title, month, date(int(month[:4]), int(month[5:]), 1), country, remote, description,
         salary, salary, currency if salary else None, period if salary else None],
    )
    con.execute("INSERT INTO posting_extractions VALUES (?, ?, ?, now())", [pid, version, len(skills) + len(preferred)])
    for i, s in enumerate(skills):
        con.execute("INSERT INTO skill_mentions VALUES (?, ?, ?, ?, ?, ?, ?, '', 'requirements', true, NULL)",
                    [pid, version, s, s, i * 10, i * 10 + 3, s])
    for i, s in enumerate(preferred):
        con.execute("INSERT INTO skill_mentions VALUES (?, ?, ?, ?, ?, ?, ?, '', 'preferred', false, NULL)",
                    [pid, version, s, s, 500 + i * 10, 503 + i * 10, s])


def frame_dict(frame: pl.DataFrame, key: str, value: str) -> dict:
    return dict(zip(frame[key].to_list(), frame[value].to_list()))
