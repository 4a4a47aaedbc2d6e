"""The skills taxonomy built from career guides: curated data files and the code that reads them."""

from skills_taxonomy.load import load_taxonomy, taxonomy_version
from skills_taxonomy.model import Skill, Taxonomy

__all__ = ["load_taxonomy", "taxonomy_version", "Skill", "Taxonomy"]
