"""spaCy components of the skills pipeline, registered on import so ``spacy.load`` finds them.

Order in the pipeline: ``skill_matcher`` (phrase candidates) -> ``skill_disambiguator`` (context rules,
overlaps -> ``doc.spans["skills"]``) -> ``skill_sections`` (section, requirement level, sentence)
-> ``skill_negation`` -> ``skill_experience``. Everything after the matcher only looks at the few
candidate matches and at the raw text around them, never at every token.
"""

from skills_taxonomy.components.common import SPANS_KEY, ensure_extensions
from skills_taxonomy.components.disambiguate import SkillDisambiguator
from skills_taxonomy.components.experience import SkillExperience
from skills_taxonomy.components.matcher import SkillMatcher
from skills_taxonomy.components.negation import SkillNegation
from skills_taxonomy.components.sections import SkillSections

ensure_extensions()

__all__ = [
    "SPANS_KEY",
    "SkillDisambiguator",
    "SkillExperience",
    "SkillMatcher",
    "SkillNegation",
    "SkillSections",
    "ensure_extensions",
]
