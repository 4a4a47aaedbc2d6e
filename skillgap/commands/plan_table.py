"""The learning plan in the terminal, milestone by milestone (shared by `skillgap gap` and `skillgap match`)."""

from __future__ import annotations

from typing import Callable

from skillgap.commands.common import out_console

STEP_PREFIX = {"prove": "Show it: ", "project": "Project: "}


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


def print_milestones(result, *, full_plan: bool, head: Callable[[dict], str], after_column: str) -> None:
    """The first milestone's steps in a table; later milestones as one line each unless ``full_plan``.

    ``head(milestone)`` words a milestone's line; ``after_column`` names what each step lifts (coverage, score).
    """
    from rich.markup import escape
    from rich.table import Table

    for i, m in enumerate(result.milestones):
        line = f"{head(m)} after {m['hours']:,} h in all, by week {m['until_week']} — {m['steps']} step(s)"
        if i > 0 and not full_plan:
            out_console.print(line + " [dim](--full-plan, --markdown or --json to see them)[/]")
            continue
        out_console.print(line)
        table = Table()
        for col in ("#", "phase", "step", "hours", "weeks", after_column, "why"):
            table.add_column(col)
        for step in (s for s in result.plan if s["milestone"] == m["name"]):
            label = STEP_PREFIX.get(step["kind"], "") + step["label"]
            start, end = step["start_week"], step["end_week"]
            weeks = str(start) if start == end else f"{start}–{end}"
            table.add_row(str(step["order"]), str(step.get("phase") or ""), escape(label), str(step["hours"]), weeks,
                          pct(step.get("coverage_after")), escape(step.get("why") or ""))
        out_console.print(table)
