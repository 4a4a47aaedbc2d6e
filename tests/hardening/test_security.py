"""Hostile text stays inert: Markdown/HTML escaping for the dashboard, formula and markup escaping in exports,
no unescaped user text in the pages, and the dashboard binds to loopback by default."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.guards import HYPOTHESIS
from skillgap.plan import PlanStep, plan_to_csv, plan_to_markdown
from skillgap.textsafe import csv_safe, escape_markdown, highlight_markdown

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="http://evil.example/x.png" onerror="alert(1)">',
    "![x](http://evil.example/img.png)",
    "![x][ref]\n\n[ref]: http://evil.example/img.png",
    "[click](javascript:alert(1))",
    "<http://evil.example>",
    "<a href='javascript:alert(1)'>x</a>",
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-1+1",
    "# heading\n---\n* item\n> quote\n```code```",
    "$$\\frac{1}{0}$$ :red[colour] :material/home:",
    "`code` **bold** _it_ ~~strike~~ | a | b |",
]


# ------------------------------------------------------------------------------------------ a tiny Markdown model
def _unescaped(md: str, chars: str) -> list[str]:
    """The characters of *chars* that appear in *md* without a backslash before them."""
    out, i = [], 0
    while i < len(md):
        if md[i] == "\\":
            i += 2
            continue
        if md[i] in chars:
            out.append(md[i])
        i += 1
    return out


def _unescape(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md, flags=re.S)


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_markdown_leaves_no_live_markup(text):
    md = escape_markdown(text)
    # no tag can open, no link/image can form, no emphasis/code/maths/directive can start
    assert _unescaped(md, "<>[]()!`*_$:|#~") == []
    assert _unescape(md) == text  # and the reader still sees exactly the original text


@HYPOTHESIS
@given(st.text(max_size=200))
def test_escape_markdown_round_trips_any_text(text):
    md = escape_markdown(text)
    assert _unescaped(md, "<>[]()!`*_$:|#~\\") == []
    assert _unescape(md) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_highlight_keeps_markup_inert_outside_the_bold(text):
    sentence = f"We use Python. {text} and more"
    md = highlight_markdown(sentence, 7, 13)
    assert md.startswith("We use **Python**")
    assert _unescaped(md, "<>[]()!`_$:|#~") == []
    assert _unescape(md.replace("**", "", 2)) == sentence


def _step(label: str, *, why: str = "because", resources=(), certs=()) -> PlanStep:
    return PlanStep(order=1, kind="skill", skill_id="python", label=label, phase="foundations", hours=10,
                    start_week=1, end_week=2, why=why, resources=tuple(resources), certifications=tuple(certs))


@pytest.mark.parametrize("text", HOSTILE)
def test_plan_markdown_is_inert(text):
    md = plan_to_markdown([_step(text, why=text, resources=[text], certs=[text])], role_label=text)
    body = md.split("\n", 1)
    # the title line: one heading, then nothing that makes a link, an image or HTML
    assert body[0].startswith("# Learning plan: ")
    for line in md.splitlines():
        assert not re.search(r"(?<!\\)!(?<!\\)\[", line), line  # no image
        assert not re.search(r"(?<!\\)\]\(", line), line  # no inline link
        assert not re.search(r"(?<!\\)<[a-zA-Z/!]", line), line  # no HTML tag
    # the hostile text never starts a line (no heading, rule, list or quote injected by a newline)
    assert all(not ln.startswith(("---", "> ", "* ", "```")) for ln in md.splitlines())


@pytest.mark.parametrize("text", HOSTILE)
def test_plan_csv_neutralises_formulas(text):
    out = plan_to_csv([_step(text, why=text, resources=[text])])
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["order", "skill_id", "label"]
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][2].lstrip("'") == text  # the text itself is kept, behind a quote when it looked like a formula


@HYPOTHESIS
@given(st.text(max_size=60))
def test_csv_safe_never_returns_a_formula(text):
    out = csv_safe(text)
    assert not str(out).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert str(out).lstrip("'").endswith(text.lstrip("'")) or text.startswith("'")


# ------------------------------------------------------------------------------------------ the pages themselves
PAGES = sorted((ROOT / "dashboard").rglob("*.py"))


def test_no_page_allows_raw_html():
    for page in PAGES:
        src = page.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in src, page
        assert "st.html(" not in src and "components.html(" not in src, page


_MARKDOWN_CALLS = re.compile(
    r"st\.(markdown|write|caption|info|warning|error|success|subheader|header|title|toast|status)\((?P<arg>[^\n]*)"
)
# Names whose values come from users or from postings (CV text, uploaded names, posting fields, typed paths).
_USER_VALUES = re.compile(r"\b(exc|message|path|folder|title|company|sentence|text|description|doc|upload|pasted)\b")
# Checked by hand: the name holds a fixed literal there ("Rising"/"Declining"/"Emerging").
_ALLOWED = {("dashboard/app_pages/trends.py", "title")}


def test_user_text_reaches_markdown_only_escaped():
    """Every Markdown-rendering call that formats a user/posting value wraps it in escape_markdown."""
    offenders = []
    for page in PAGES:
        for lineno, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            m = _MARKDOWN_CALLS.search(line)
            if not m or not m.group("arg").lstrip().startswith("f"):
                continue
            for expr in re.findall(r"\{([^{}]*)\}", m.group("arg")):
                if (str(page.relative_to(ROOT)), expr.strip()) in _ALLOWED:
                    continue
                if _USER_VALUES.search(expr) and "escape_markdown" not in expr and "len(" not in expr:
                    offenders.append(f"{page.relative_to(ROOT)}:{lineno}: {{{expr}}}")
    assert offenders == []


def test_cv_text_is_never_passed_to_markdown():
    src = (ROOT / "dashboard" / "app_pages" / "my_gap.py").read_text(encoding="utf-8")
    for call in _MARKDOWN_CALLS.finditer(src):
        assert "doc.text" not in call.group("arg") or "len(doc.text)" in call.group("arg")
        assert "pasted" not in call.group("arg")
    assert "st.error(escape_markdown(str(exc)))" in src


# ------------------------------------------------------------------------------------------ binding
def test_dashboard_binds_to_loopback_by_default():
    from skillgap.commands.dashboard import streamlit_command

    cmd = streamlit_command(port=8599, address="127.0.0.1")
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r'^address\s*=\s*"127\.0\.0\.1"', config, re.M)
    assert re.search(r"^enableXsrfProtection\s*=\s*true", config, re.M)
    assert re.search(r"^maxUploadSize\s*=\s*10\b", config, re.M)  # MB: the CV reader's limit


def test_dashboard_cli_defaults_to_loopback_and_warns_when_exposed(monkeypatch):
    from typer.testing import CliRunner

    import skillgap.commands.dashboard as dash
    from skillgap.cli import app

    calls = []
    monkeypatch.setattr(dash.subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    runner = CliRunner()
    res = runner.invoke(app, ["dashboard", "--port", "8599"])
    assert res.exit_code == 0, res.output
    assert calls[-1][calls[-1].index("--server.address") + 1] == "127.0.0.1"
    assert "reverse proxy" not in res.output
    res = runner.invoke(app, ["dashboard", "--address", "0.0.0.0", "--port", "8599"])
    assert res.exit_code == 0
    assert calls[-1][calls[-1].index("--server.address") + 1] == "0.0.0.0"
    assert "reverse proxy" in " ".join(res.output.split())
