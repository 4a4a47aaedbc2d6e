"""What python-jobspy's ``scrape_jobs`` returns, built in code (skips when pandas or python-jobspy is absent)."""

from __future__ import annotations

from datetime import date

import pytest


def jobspy_frame(n: int):
    pd = pytest.importorskip("pandas")
    model = pytest.importorskip("jobspy.model")
    rows = []
    for i in range(n):
        row = {c: None for c in model.JobPost.model_fields}
        row.update(id=f"in-{i}", site="indeed", job_url=f"https://example.com/job/{i}", title=f"Data Engineer {i}",
                   company=f"Company {i}", location="Berlin, BE, DE", date_posted=date(2026, 11, 20 + i % 5),
                   interval="yearly", min_amount=60000.0 + i, max_amount=80000.0, currency="EUR", is_remote=i % 2 == 0,
                   description=f"Build data pipelines with Python, SQL and Airflow on AWS for team {i}.\n\n- Spark")
        rows.append(row)
    return pd.DataFrame(rows, columns=list(model.JobPost.model_fields))
