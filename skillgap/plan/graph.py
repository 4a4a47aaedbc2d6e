"""The prerequisite graph of a plan: what is met, what must be pulled in, and a priority-driven topological order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from graphlib import CycleError, TopologicalSorter


def reachable(starts: Iterable[str], step: Callable[[str], Iterable[str]]) -> set[str]:
    """``starts`` and every node ``step(node)`` leads to, transitively."""
    out: set[str] = set()
    stack = list(starts)
    while stack:
        node = stack.pop()
        if node not in out:
            out.add(node)
            stack.extend(step(node))
    return out


def met_prerequisites(have: Iterable[str], *, taxonomy) -> set[str]:
    """The held skills plus every prerequisite they rest on (transitively): none of these needs learning first."""
    skills = taxonomy.skills
    return reachable((sid for sid in have if sid in skills),
                     lambda sid: (p for p in skills[sid].prerequisites if p in skills))  # fmt: skip


def closure(targets: Iterable[str], *, taxonomy, met: set[str]) -> dict[str, tuple[str, ...]]:
    """Targets plus their transitive prerequisites that are not met, each with its in-plan prerequisites."""
    targets = set(targets)
    skills = taxonomy.skills
    nodes = reachable(targets, lambda sid: (p for p in skills[sid].prerequisites
                                            if p in skills and p not in met and p not in targets))  # fmt: skip
    nodes |= targets
    return {n: tuple(sorted(p for p in skills[n].prerequisites if p in nodes and p != n)) for n in sorted(nodes)}


def dependants(prereqs: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {n: [] for n in prereqs}
    for n, ps in prereqs.items():
        for p in ps:
            out[p].append(n)
    return out


def needed(prereqs: dict[str, tuple[str, ...]], node: str) -> set[str]:
    """Every in-plan prerequisite ``node`` needs, transitively (without ``node`` itself)."""
    return reachable(prereqs[node], prereqs.__getitem__)


def _acyclic(prereqs: dict[str, tuple[str, ...]]) -> TopologicalSorter:
    """A prepared sorter; a cycle (the taxonomy check forbids them) loses its edge into the smallest id."""
    graph = {n: set(ps) for n, ps in prereqs.items()}
    while True:
        sorter = TopologicalSorter(graph)
        try:
            sorter.prepare()
            return sorter
        except CycleError as exc:
            cycle = exc.args[1]  # each node is a prerequisite of the next; first == last
            i = min(range(len(cycle) - 1), key=lambda k: cycle[k + 1])
            graph[cycle[i + 1]].discard(cycle[i])


def topological_order(prereqs: dict[str, tuple[str, ...]], *, pick: Callable[[list[str], str | None], str]) -> list[str]:
    """Every node after its prerequisites; among the ready ones, ``pick(ready, previous)`` chooses the next."""
    sorter = _acyclic(prereqs)
    ready: list[str] = []
    order: list[str] = []
    while sorter.is_active():
        ready.extend(sorter.get_ready())
        chosen = pick(ready, order[-1] if order else None)
        ready.remove(chosen)
        order.append(chosen)
        sorter.done(chosen)
    return order
