"""The skill names the generator writes are names the curated taxonomy knows."""

from __future__ import annotations

import re

import pytest

from skillgap.sample.vocab import SKILLS


@pytest.fixture(scope="module")
def known_names() -> set[str]:
    from skills_taxonomy import load_taxonomy

    tax = load_taxonomy()
    names = set()
    for s in tax.skills.values():
        names |= {s.id.lower(), s.label.lower(), *(a.lower() for a in s.aliases),
                  *(a.lower() for a in s.ambiguous_aliases)}
    return names


def _known(form: str, names: set[str]) -> bool:
    parts = [p.strip() for p in re.split(r"[()]", form) if p.strip()]
    return any(c in names for p in parts for c in (p.lower(), p.lower().removesuffix("s")))


def test_rising_and_steady_skills_are_all_in_the_taxonomy(known_names):
    important = [s for s in SKILLS.values() if s.trend.kind in ("rise", "decline") or s.key in ("python", "sql")]
    missing = [f for s in important for f, _ in s.forms if not _known(f, known_names)]
    assert not missing, f"taxonomy lacks these surface forms: {missing}"


def test_almost_every_surface_form_is_known(known_names):
    forms = [f for s in SKILLS.values() if s.kind != "soft" for f, _ in s.forms]
    missing = [f for f in forms if not _known(f, known_names)]
    assert len(missing) <= 0.05 * len(forms), missing
