"""List product functions longer than 80 lines.

Usage: python scripts/long_functions.py [--limit N] [ROOT]

Prints ``path:line name length`` for every ``def`` / ``async def`` in the product packages whose span
(``end_lineno - lineno + 1``, decorators excluded) exceeds the limit, longest first. Exits 1 when any is found.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PRODUCT_DIRS = ("skillgap", "skills_taxonomy", "flows", "dashboard")
DEFAULT_LIMIT = 80


@dataclass(frozen=True)
class LongFunction:
    path: str
    line: int
    name: str
    length: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.name} {self.length}"


def long_functions(root: Path, *, limit: int = DEFAULT_LIMIT) -> list[LongFunction]:
    found = []
    for package in PRODUCT_DIRS:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = node.end_lineno - node.lineno + 1
                    if length > limit:
                        found.append(LongFunction(str(path.relative_to(root)), node.lineno, node.name, length))
    return sorted(found, key=lambda f: (-f.length, f.path, f.line))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
    args = parser.parse_args(argv)
    found = long_functions(args.root, limit=args.limit)
    for function in found:
        print(function)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
