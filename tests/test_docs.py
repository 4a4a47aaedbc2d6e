"""Docs follow the code: every flow parameter (docs/flows.md), dashboard page (docs/dashboard.md) and CLI command
(README.md's command table) is documented, and nothing documented there is gone from the code."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOWS_MD = ROOT / "docs" / "flows.md"
DASHBOARD_MD = ROOT / "docs" / "dashboard.md"
README = ROOT / "README.md"


def _sections(md: str) -> dict[str, str]:
    """'## heading' -> the text under it, up to the next '## '."""
    out: dict[str, str] = {}
    for block in re.split(r"(?m)^## ", md)[1:]:
        heading, _, body = block.partition("\n")
        out[heading.strip()] = body
    return out


def _table_rows(text: str) -> list[list[str]]:
    """Cells of the markdown table rows in *text* (header and rule rows included); '\\|' stays inside a cell."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            rows.append(cells)
    return rows


def _assert_documented(code: dict[str, str], docs: dict[str, tuple[str, str]], *, doc: str, what: str) -> None:
    """Same keys in the code and the docs, and each heading names what the code has (file or title)."""
    assert sorted(set(code) - set(docs)) == [], f"{what} missing from {doc}"
    assert sorted(set(docs) - set(code)) == [], f"{doc} documents {what} that are not in the code"
    for key, expected in code.items():
        assert docs[key][0] == expected, f"{key}: {doc} says {docs[key][0]!r}, the code says {expected!r}"


def _section(docs: dict[str, tuple[str, str]], key: str, *, doc: str, labels: tuple[str, ...]) -> str:
    """The section text for *key*, after checking it has each of *labels*."""
    if key not in docs:
        pytest.fail(f"{key} has no section in {doc}")
    body = docs[key][1]
    for label in labels:
        assert label in body, f"{key}: its section in {doc} has no {label}"
    return body


def _code(cell: str) -> str | None:
    m = re.match(r"`([^`]*)`", cell)
    return m.group(1) if m else None


# ------------------------------------------------------------------------------------------ flows
def _flows() -> dict[str, tuple[str, object]]:
    from prefect import Flow

    found: dict[str, tuple[str, object]] = {}
    for path in sorted((ROOT / "flows").glob("*.py")):
        if path.name == "__init__.py":
            continue
        module = importlib.import_module(f"flows.{path.stem}")
        for obj in vars(module).values():
            if isinstance(obj, Flow) and obj.fn.__module__ == module.__name__:
                found[obj.name] = (f"flows/{path.name}", obj)
    return found


def _headed(path: Path, pattern: str, *, key: int, value: int) -> dict[str, tuple[str, str]]:
    """Sections of *path* whose heading matches *pattern*: group *key* -> (group *value*, section text)."""
    out = {}
    for heading, body in _sections(path.read_text(encoding="utf-8")).items():
        m = re.match(pattern, heading)
        if m:
            out[m.group(key)] = (m.group(value).strip(), body)
    return out


def _flow_docs() -> dict[str, tuple[str, str]]:
    """flow name -> (file named in the heading, section text), from '## `name` — `flows/x.py`' headings."""
    return _headed(FLOWS_MD, r"`([^`]+)` — `([^`]+)`", key=1, value=2)


def _default_text(default: object) -> str:
    if default is inspect.Parameter.empty:
        return "required"
    return json.dumps(default) if isinstance(default, str) else repr(default)


def test_every_flow_has_a_section_and_no_section_is_stale():
    flows, docs = _flows(), _flow_docs()
    assert len(flows) >= 5, sorted(flows)
    _assert_documented({name: file for name, (file, _) in flows.items()}, docs, doc="docs/flows.md", what="flows")


@pytest.mark.parametrize("name", sorted(_flow_docs()))
def test_flow_parameters_are_documented_with_type_and_default(name):
    flows = _flows()
    if name not in flows:
        pytest.fail(f"docs/flows.md documents {name!r}, which is not a flow in flows/*.py")
    _, flow = flows[name]
    body = _section(_flow_docs(), name, doc="docs/flows.md", labels=("**Logs:**", "**Artifacts:**", "**Returns:**"))
    rows = {_code(r[0]): r for r in _table_rows(body) if len(r) == 4 and _code(r[0])}
    params = inspect.signature(flow.fn).parameters
    assert sorted(set(params) - set(rows)) == [], f"{name}: parameters missing from docs/flows.md"
    assert sorted(set(rows) - set(params)) == [], f"{name}: docs/flows.md lists parameters the flow does not take"
    for pname, p in params.items():
        _, type_cell, default_cell, meaning = rows[pname]
        annotation = p.annotation if isinstance(p.annotation, str) else inspect.formatannotation(p.annotation)
        assert _code(type_cell) == annotation, f"{name}.{pname}: type {type_cell} in the docs, {annotation} in the code"
        expected = _default_text(p.default)
        shown = default_cell if expected == "required" else _code(default_cell)
        assert shown == expected, f"{name}.{pname}: default {default_cell} in the docs, {expected} in the code"
        assert len(meaning) >= 15, f"{name}.{pname}: say what the parameter means"


# ------------------------------------------------------------------------------------------ dashboard pages
def _navigation() -> dict[str, str]:
    """page file (app_pages/x.py) -> title, from the st.Page(...) calls in dashboard/app.py."""
    tree = ast.parse((ROOT / "dashboard" / "app.py").read_text(encoding="utf-8"))
    pages = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page":
            path = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            title = next((k.value.value for k in node.keywords if k.arg == "title" and isinstance(k.value, ast.Constant)), None)
            assert path and title, f"st.Page call without a literal path and title: {ast.unparse(node)}"
            pages[path] = title
    return pages


WIDGETS = {"button", "checkbox", "color_picker", "date_input", "download_button", "file_uploader", "multiselect",
           "number_input", "pills", "radio", "segmented_control", "select_slider", "selectbox", "slider",
           "text_area", "text_input", "time_input", "toggle", "form_submit_button", "chat_input"}


def _page_labels(path: Path) -> list[str]:
    """Labels of the input widgets a page creates, and its tab names."""
    labels = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        attr = node.func.attr
        if attr in WIDGETS and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            labels.append(node.args[0].value)
        elif attr == "tabs" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            labels += [e.value for e in node.args[0].elts if isinstance(e, ast.Constant)]
    return labels


def _page_docs() -> dict[str, tuple[str, str]]:
    """page file -> (title in the heading, section text), from '## Title — `app_pages/x.py`' headings."""
    return _headed(DASHBOARD_MD, r"(.+?) — `(app_pages/[^`]+)`", key=2, value=1)


def test_every_page_file_is_in_the_navigation_and_documented():
    nav = _navigation()
    files = {f"app_pages/{p.name}" for p in (ROOT / "dashboard" / "app_pages").glob("*.py") if p.name != "__init__.py"}
    assert len(files) >= 5
    assert sorted(files - set(nav)) == [], "page files that dashboard/app.py never navigates to"
    _assert_documented(nav, _page_docs(), doc="docs/dashboard.md", what="pages")


@pytest.mark.parametrize("file", sorted(_navigation()))
def test_page_inputs_are_documented(file):
    body = _section(_page_docs(), file, doc="docs/dashboard.md", labels=("**Shows:**", "**Inputs:**", "**How to use:**"))
    labels = _page_labels(ROOT / "dashboard" / file)
    missing = [lab for lab in labels if lab.casefold() not in body.casefold()]
    assert missing == [], f"{file}: widgets/tabs not described in docs/dashboard.md: {missing}"


def test_page_label_finder_sees_widgets_on_columns_and_tabs(tmp_path):
    page = tmp_path / "p.py"
    page.write_text('import streamlit as st\nc1, c2 = st.columns(2)\nx = c1.selectbox("Pick one", [1])\n'
                    'st.button("Go")\na, b = st.tabs(["First", "Second"])\nst.write("not an input")\n')
    assert sorted(_page_labels(page)) == ["First", "Go", "Pick one", "Second"]


# ------------------------------------------------------------------------------------------ CLI commands
def _cli_commands() -> list[tuple[str, ...]]:
    from typer.main import get_command

    from skillgap.cli import app

    out: list[tuple[str, ...]] = []

    def walk(cmd, path: tuple[str, ...]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                if not getattr(sub, "hidden", False):
                    walk(sub, (*path, name))
        else:
            out.append(path)

    walk(get_command(app), ())
    return out


def _readme_commands() -> set[tuple[str, ...]]:
    """Commands named in the first cell of README's '| command | what it does |' table.

    "`skillgap taxonomy build/check`" names (taxonomy,), (taxonomy, build), (taxonomy, check);
    "`skillgap export-parquet --out DIR` / `parquet-sql ...`" names both commands.
    """
    text = README.read_text(encoding="utf-8")
    start = text.index("| command | what it does |")
    table = []
    for line in text[start:].splitlines():
        if not line.startswith("|"):
            break
        table.append(line)
    named: set[tuple[str, ...]] = set()
    for row in _table_rows("\n".join(table))[2:]:
        for segment in re.findall(r"`([^`]+)`", row[0]):
            words = segment.split()
            if words and words[0] == "skillgap":
                words = words[1:]
            if not words or not re.match(r"^[a-z][a-z0-9-]*$", words[0]):
                continue
            named.add((words[0],))
            if len(words) > 1 and re.match(r"^[a-z][a-z0-9-]*(/[a-z][a-z0-9-]*)*$", words[1]):
                named.update((words[0], sub) for sub in words[1].split("/"))
    return named


def test_every_cli_command_is_in_the_readme_table():
    commands = _cli_commands()
    assert len(commands) >= 15
    documented = _readme_commands()
    missing = [" ".join(c) for c in commands if c not in documented]
    assert missing == [], f"CLI commands missing from README.md's command table: {missing}"
    stale = sorted(" ".join(d) for d in documented if d not in set(commands) and not any(c[: len(d)] == d for c in commands))
    assert stale == [], f"README.md's command table names commands that do not exist: {stale}"
