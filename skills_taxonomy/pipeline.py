"""Build, save and load the spaCy skills pipeline for one taxonomy version.

``build_pipeline(taxonomy)`` makes ``spacy.blank("en")`` with the tech tokenizer and the skill components;
``load_pipeline(settings_or_dir)`` returns the pipeline saved under ``<model_dir>/skills-<version>/``,
building and saving it first when that version has none yet (or was saved by an older pattern format).
Importing this module registers the components, so ``spacy.load`` works on a saved pipeline.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import spacy
from spacy.language import Language

import skills_taxonomy.components  # noqa: F401  (registers the factories)
from skillgap.errors import TaxonomyError
from skills_taxonomy.load import load_taxonomy
from skills_taxonomy.model import Taxonomy
from skills_taxonomy.patterns import taxonomy_patterns
from skills_taxonomy.tokenizer import blank_english

# Bump when patterns, tokenizer or component data change shape: saved pipelines of an older format (or saved
# under another spaCy version) are rebuilt.
PIPELINE_FORMAT = 9
COMPONENTS = ("skill_matcher", "skill_disambiguator", "skill_sections", "skill_negation", "skill_experience")

_cache: dict[tuple[str, str], Language] = {}
_lock = threading.Lock()


def _words(values) -> list[str]:
    # YAML reads a bare on/off/yes/no as a boolean: such entries cannot be told apart, so they are skipped
    return [str(v) for v in values if isinstance(v, (str, int, float)) and not isinstance(v, bool)]


def _rule_config(skill) -> dict | None:
    if not skill.ambiguous_aliases:
        return None
    rule = skill.context
    raw = {
        "forms": _words(skill.ambiguous_aliases),
        "case_sensitive": rule.case_sensitive if rule else False,
        "near": _words(rule.near) if rule else [],
        "window": rule.window if rule else 8,
        "list_context": rule.list_context if rule else True,
        "after": _words(rule.after) if rule else [],
        "not_before": _words(rule.not_before) if rule else [],
        "not_after": _words(rule.not_after) if rule else [],
    }
    return raw


def build_pipeline(taxonomy: Taxonomy) -> Language:
    """A fresh pipeline for ``taxonomy`` (not saved)."""
    nlp = blank_english()
    matcher = nlp.add_pipe("skill_matcher")
    patterns = taxonomy_patterns(taxonomy)
    texts = [p.text for p in patterns]
    items = []
    for p, doc in zip(patterns, nlp.tokenizer.pipe(texts, batch_size=1000)):
        items.append((p.skill_id, p.ambiguous, [t.lower_ for t in doc]))
    matcher.add(items)
    skills_cfg = {}
    for sid, skill in taxonomy.skills.items():
        try:
            depth = len(taxonomy.ancestors(sid))
        except KeyError:
            depth = 0
        entry: dict = {"depth": depth}
        rule = _rule_config(skill)
        if rule:
            entry["rule"] = rule
        skills_cfg[sid] = entry
    nlp.add_pipe("skill_disambiguator").set_config({"skills": skills_cfg})
    soft = sorted(sid for sid, sk in taxonomy.skills.items() if sk.kind == "soft_skill")
    domains = sorted(
        sid for sid, sk in taxonomy.skills.items() if sk.category == "domains" or sk.category.startswith("domains/")
    )
    nlp.add_pipe("skill_sections").set_config({"soft_skills": soft, "domain_skills": domains})
    for name in COMPONENTS[3:]:
        nlp.add_pipe(name)
    nlp.meta["name"] = "skills"
    nlp.meta["version"] = "0.0.0"
    nlp.meta["skillgap"] = {
        "taxonomy_version": taxonomy.version,
        "format": PIPELINE_FORMAT,
        "spacy": spacy.__version__,
        "n_patterns": len(items),
        "labels": {sid: s.label for sid, s in taxonomy.skills.items()},
    }
    return nlp


def model_path(model_dir: Path | str, taxonomy_version: str) -> Path:
    """Where the pipeline for one taxonomy version is saved."""
    return Path(model_dir) / f"skills-{taxonomy_version}"


def save_pipeline(nlp: Language, path: Path | str) -> Path:
    """Save atomically: write a sibling temp dir, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=path.name + ".", dir=path.parent))
    try:
        nlp.to_disk(tmp)
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)
        tmp.rename(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def pipeline_info(nlp: Language) -> dict:
    """The skillgap metadata of a pipeline: taxonomy_version, format, n_patterns, labels."""
    return dict(nlp.meta.get("skillgap") or {})


def _is_current(path: Path) -> bool:
    import json

    meta_file = path / "meta.json"
    if not meta_file.exists():
        return False
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except ValueError:
        return False
    # the tokenizer is rebuilt from code on load (never read back), so a pipeline whose patterns another spaCy
    # version tokenized is rebuilt too
    info = meta.get("skillgap") or {}
    return info.get("format") == PIPELINE_FORMAT and info.get("spacy") == spacy.__version__


def load_pipeline(settings_or_model_dir, *, taxonomy: Taxonomy | None = None) -> Language:
    """The pipeline for the current taxonomy, from disk when saved, else built and saved.

    Args:
        settings_or_model_dir: a ``Settings`` (uses ``model_dir`` and ``taxonomy_dir``), a models folder
            (``data/models``), or one saved pipeline folder (``data/models/skills-<version>``).
        taxonomy: the taxonomy to match against (default: the one in ``settings.taxonomy_dir``, or the
            packaged one).
    """
    target = settings_or_model_dir
    if hasattr(target, "model_dir"):
        model_dir = Path(target.model_dir)
        if taxonomy is None:
            taxonomy = load_taxonomy(target.taxonomy_dir)
    else:
        model_dir = Path(target)
        if taxonomy is None and (model_dir / "meta.json").exists():
            if not _is_current(model_dir):
                raise TaxonomyError(
                    f"{model_dir} was saved by another version of skillgap; delete it and run again to rebuild."
                )
            return _load_cached(model_dir)
        if taxonomy is None:
            taxonomy = load_taxonomy()
    if not taxonomy.skills:
        raise TaxonomyError("The taxonomy has no skills: add skills/*.yaml files before extracting.")
    path = model_path(model_dir, taxonomy.version)
    with _lock:
        if not _is_current(path):
            _cache.pop(_cache_key(path), None)
            save_pipeline(build_pipeline(taxonomy), path)
    return _load_cached(path)


def _cache_key(path: Path) -> tuple[str, str]:
    return str(path.resolve()), path.name


def forget_loaded() -> None:
    """Drop the pipelines this process loaded: the next ``load_pipeline`` reads from disk again (a benchmark
    that wants each run to start from the saved state, as a fresh process or a worker does)."""
    with _lock:
        _cache.clear()


def _load_cached(path: Path) -> Language:
    key = _cache_key(path)
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = spacy.load(path)
            _cache[key] = nlp
        return nlp
