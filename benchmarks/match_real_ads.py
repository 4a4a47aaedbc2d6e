"""How well `skillgap match` ranks CVs against real job ads: the issue-19 protocol on more ads than the test.

    .venv/bin/python benchmarks/match_real_ads.py [--shared ../shared] [--per-source 20] [--skip 100]

For every English ad with at least four tools (taken from six sources of ../shared/data/postings), three CVs
written in code — every tool in use, every other tool, none (an HR generalist) — in two CV styles (one sentence per
tool; three tools per line). Prints: ads used, how many keep full > half > none, the smallest and the 5th-percentile
gap full − none, the share of tools left out of the half CV that are reported missing, and the share of tools shown
that are reported matched. Not a timing benchmark: it measures the score's behaviour.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = (
    "glassdoor_indeed_linkedin_2020/glassdoor_data_scientist.csv",
    "glassdoor_indeed_linkedin_2020/linkedin_data_analyst.csv",
    "glassdoor_indeed_linkedin_2020/indeed-ds-0407.csv",
    "glassdoor_indeed_linkedin_2020/indeed-da-0407.csv",
    "hn_whoishiring_2026/runs/2026-04-28/raw.json",
    "hn_whoishiring_2026/runs/2026-05-05/raw.json",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--per-source", type=int, default=20)
    parser.add_argument("--skip", type=int, default=100, help="rows skipped per source (the test uses the first ones)")
    args = parser.parse_args()

    from skillgap.cv import read_cv
    from skillgap.cv.skills import cv_skills
    from skillgap.jobad import job_ad_from_text
    from skillgap.match import match_cv_to_ad
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline
    from skillgap.settings import Settings
    from tests.match.real_ads import HR_GENERALIST_CV, experience_cv, grouped_cv, real_ads

    taxonomy = load_taxonomy()
    nlp = load_pipeline(Settings.from_env().model_dir, taxonomy=taxonomy)

    def read(text: str):
        doc = read_cv(text.encode("utf-8"), filename="cv.txt")
        return doc, cv_skills(doc, nlp=nlp, taxonomy=taxonomy)

    none_doc, none_skills = read(HR_GENERALIST_CV)
    ads = real_ads(args.shared, taxonomy=taxonomy, nlp=nlp, skip=args.skip,
                   sources=[(s, args.per_source) for s in SOURCES])
    ordered = left = reported = shown = found = 0
    gaps = []
    for real in ads:
        ad = job_ad_from_text(real.text, source=real.source)
        none = match_cv_to_ad(none_skills, ad, taxonomy=taxonomy, nlp=nlp, cv_doc=none_doc).score
        for style in (experience_cv, grouped_cv):
            full = _match(read(style(real.tools)), ad, taxonomy, nlp)
            half = _match(read(style(real.tools[::2])), ad, taxonomy, nlp)
            ordered += full.score > half.score > none
            gaps.append(full.score - none)
            missing = {m["skill_id"] for m in half.missing}
            left += len(real.tools[1::2])
            reported += sum(sid in missing for sid, _ in real.tools[1::2])
            for result, tools in ((full, real.tools), (half, real.tools[::2])):
                matched = {m["skill_id"] for m in result.matched}
                shown += len(tools)
                found += sum(sid in matched for sid, _ in tools)
    gaps.sort()
    print(f"ads: {len(ads)} (x2 CV styles = {len(gaps)} cases)")
    print(f"full > half > none: {ordered} of {len(gaps)}")
    print(f"full - none: min {gaps[0]:.3f}, 5th percentile {gaps[len(gaps) // 20]:.3f}")
    print(f"tools left out of the half CV reported missing: {reported} of {left} ({reported / left:.1%})")
    print(f"tools shown reported matched: {found} of {shown} ({found / shown:.1%})")


def _match(read_cv_result, ad, taxonomy, nlp):
    from skillgap.match import match_cv_to_ad

    doc, skills = read_cv_result
    return match_cv_to_ad(skills, ad, taxonomy=taxonomy, nlp=nlp, cv_doc=doc)


if __name__ == "__main__":
    main()
