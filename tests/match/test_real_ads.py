"""Real job ads (../shared postings) against three CVs each: every tool the ad asks for shown in use, half of them,
none (an HR generalist). The score must rank them, and the tools must be reported where they belong."""

from __future__ import annotations

import pytest

from tests.match.real_ads import HR_GENERALIST_CV, experience_cv, real_ads

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def outcomes(shared_dir, taxonomy, nlp, cv_skills_of):
    from skillgap.jobad import job_ad_from_text
    from skillgap.match import match_cv_to_ad

    ads = real_ads(shared_dir, taxonomy=taxonomy, nlp=nlp)
    none_doc, none_skills = cv_skills_of(HR_GENERALIST_CV)

    def match(cv_text):
        doc, skills = cv_skills_of(cv_text)
        return match_cv_to_ad(skills, ad, taxonomy=taxonomy, nlp=nlp, cv_doc=doc)

    rows = []
    for real in ads:
        ad = job_ad_from_text(real.text, source=real.source)
        shown, left_out = real.tools[::2], real.tools[1::2]
        full, half = match(experience_cv(real.tools)), match(experience_cv(shown))
        none = match_cv_to_ad(none_skills, ad, taxonomy=taxonomy, nlp=nlp, cv_doc=none_doc)
        rows.append({"ad": real, "full": full, "half": half, "none": none, "shown": shown, "left_out": left_out})
    return rows


def test_ten_real_ads_with_enough_tools(outcomes):
    assert len(outcomes) == 10, [o["ad"].source for o in outcomes]


def test_full_beats_half_beats_none(outcomes):
    for o in outcomes:
        print(f"{o['ad'].source}: {len(o['ad'].tools)} tools; full {o['full'].score:.2f} half {o['half'].score:.2f} "
              f"none {o['none'].score:.2f}")
    ordered = [o for o in outcomes if o["full"].score > o["half"].score > o["none"].score]
    assert len(ordered) >= len(outcomes) - 1, [(o["ad"].source, o["full"].score, o["half"].score, o["none"].score)
                                                for o in outcomes if o not in ordered]
    gaps = [round(o["full"].score - o["none"].score, 3) for o in outcomes]
    assert min(gaps) >= 0.3, gaps


def test_tools_left_out_of_the_half_cv_are_reported_missing(outcomes):
    left_out = [(sid, o) for o in outcomes for sid, _ in o["left_out"]]
    reported = [sid for sid, o in left_out if sid in {m["skill_id"] for m in o["half"].missing}]
    assert len(reported) >= 0.9 * len(left_out), sorted(set(s for s, _ in left_out) - set(reported))


def test_tools_shown_in_use_are_reported_matched(outcomes):
    shown = [(sid, o["full"]) for o in outcomes for sid, _ in o["ad"].tools]
    shown += [(sid, o["half"]) for o in outcomes for sid, _ in o["shown"]]
    found = [sid for sid, r in shown if sid in {m["skill_id"] for m in r.matched}]
    assert len(found) >= 0.9 * len(shown), sorted(set(s for s, _ in shown) - set(found))
    in_use = [sid for sid, r in shown if any(m["skill_id"] == sid and m["cv_status"] == "used" for m in r.matched)]
    assert len(in_use) >= 0.9 * len(shown)


def test_real_cvs_guides_and_postings_are_told_apart(shared_dir):
    """The not-an-ad and language checks on real texts: CVs and career guides are refused, postings are not."""
    import csv
    import json

    from skillgap.errors import JobAdError, NotAJobAd
    from skillgap.jobad import job_ad_from_text

    def refused(texts, error=JobAdError):
        out = 0
        for text in texts:
            try:
                job_ad_from_text(text)
            except error:
                out += 1
        return out

    csv.field_size_limit(10**9)
    with (shared_dir / "data" / "cvs" / "resume-dataset" / "resumes_dev.csv").open(encoding="utf-8") as fh:
        cvs = [r["Resume"] for r in csv.DictReader(fh)]
    guides = [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "guides").iterdir()) if p.is_file()]
    postings = []
    for path in sorted((shared_dir / "data" / "postings" / "hn_whoishiring_2026" / "runs").glob("*/raw.json")):
        postings += [j["text"] for j in json.loads(path.read_text())["jobs"] if len(j.get("text") or "") > 200]
    assert refused(cvs, NotAJobAd) >= 0.9 * len(cvs)
    assert refused(guides, NotAJobAd) == len(guides) >= 5
    assert len(postings) > 2000 and refused(postings) <= 0.03 * len(postings)


def test_hours_to_job_ready_fall_as_the_cv_shows_more_of_the_ad(outcomes):
    def hours(result):
        return result.milestones[0]["hours"] if result.milestones else 0

    for o in outcomes:
        assert hours(o["none"]) >= hours(o["half"]) >= hours(o["full"]), o["ad"].source
    assert sum(hours(o["none"]) > hours(o["full"]) for o in outcomes) == len(outcomes)
