"""Pure normalisation helpers shared by ingestion and CV reading: text, dates, salaries, remote flag, country."""

from skillgap.normalize.dates import month_of, parse_date
from skillgap.normalize.location import country_of
from skillgap.normalize.remote import detect_remote, remote_mode
from skillgap.normalize.salary import Salary, parse_salary, to_yearly
from skillgap.normalize.text import (
    clean_text,
    fix_mojibake,
    html_to_text,
    looks_like_html,
    normalize_title,
    python_list_repr_to_text,
    text_fingerprint,
)

__all__ = [
    "Salary",
    "clean_text",
    "country_of",
    "detect_remote",
    "fix_mojibake",
    "html_to_text",
    "looks_like_html",
    "month_of",
    "normalize_title",
    "parse_date",
    "parse_salary",
    "python_list_repr_to_text",
    "remote_mode",
    "text_fingerprint",
    "to_yearly",
]
