"""Time each dashboard page in Streamlit's AppTest: the first run in a fresh process and a warm rerun.

Usage: SKILLGAP_DB=path/to/store.duckdb python benchmarks/bench_pages.py
(build a store first, e.g. `skillgap refresh --exports data/sample --db /tmp/sample.duckdb`).
"""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
CV = """Jordan Example
Skills
Python, SQL, Apache Spark, Apache Airflow, Kafka, Docker, PostgreSQL, Terraform
Experience
Data Engineer, Northwind Analytics, Jan 2019 - Present
- Built data pipelines in Python and SQL with Apache Spark, orchestrated with Apache Airflow.
"""


def _timed(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    if at.exception:
        raise SystemExit(f"page raised: {at.exception}")
    return time.perf_counter() - started


def main() -> None:
    at = AppTest.from_file(APP, default_timeout=300)
    rows = [("My gap, no CV", _timed(at), _timed(at))]
    at.file_uploader(key="cv_upload").upload("cv.txt", CV.encode(), "text/plain")
    rows.append(("My gap, CV uploaded", _timed(at), _timed(at)))
    for page, label in (("trends", "Market trends"), ("explorer", "Skills explorer"), ("pipeline", "Pipeline")):
        at.switch_page(f"app_pages/{page}.py")
        rows.append((label, _timed(at), _timed(at)))
    print(f"{'page':<24} {'first (s)':>10} {'warm (s)':>10}")
    for label, first, warm in rows:
        print(f"{label:<24} {first:>10.2f} {warm:>10.2f}")


if __name__ == "__main__":
    main()
