"""Skill names as people write them, against the taxonomy's surface forms (the real-CV tests)."""

from __future__ import annotations

import collections
import re


def one_id(name: str, forms: dict[str, set[str]]) -> str:
    ids = forms[name.casefold()]
    assert len(ids) == 1, (name, ids)
    return next(iter(ids))


def lookup_table(taxonomy) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = collections.defaultdict(set)
    for skill in taxonomy.skills.values():
        for form in skill.surface_forms:
            forms[" ".join(form.casefold().split())].add(skill.id)
    return forms


def known_ids(name: str, forms: dict[str, set[str]]) -> set[str]:
    """Taxonomy ids for a listed name; "AutoCAD, SolidWorks" style lists are split into their parts."""
    key = " ".join(name.casefold().split()).strip(" .,:;")
    if key in forms:
        return set(forms[key])
    ids: set[str] = set()
    for part in re.split(r",|/|\band\b|\(|\)", key):
        ids |= forms.get(part.strip(" .,:;"), set())
    return ids
