"""Glossaries: curated CSV files, term pairs learned from the texts, and particle-aware matching.

Technical Korean carries its own glossary inline: ``치명적 망각(catastrophic forgetting)``,
``fine-tuning(미세 조정)``. This package

- reads and writes glossary CSV files (columns ``en,ko,status,count,files,note``;
  ``glossary_file``), the English and Korean keys of their terms (``keys``);
- extracts those inline pairs, finding the Korean term's left boundary with kiwipiepy
  (the noun phrase right before the parenthesis, without its particles; ``pairs``), in the
  text with code, markup and links blanked out (``checker.text.prose``);
- finds every occurrence of a set of Korean terms through particles and spacing
  (``사전학습을`` is an occurrence of ``사전 학습``), never inside a longer word (``matcher``);
- builds the terminology of a run (concepts, keyed by English term, and their Korean
  variants, from the curated glossaries, the inline pairs and the alignment; ``vocabulary``,
  ``aligned``) and aggregates it into a learned glossary (``learn``).
"""

from .aligned import AlignedVariant
from .glossary_file import (
    COLUMNS,
    DEFAULT_GLOSSARY,
    STATUSES,
    Glossary,
    GlossaryEntry,
    default_glossaries,
    load_glossaries,
    load_glossary,
    write_glossary,
)
from .keys import en_key, is_acronym, ko_key
from .learn import Learned, learn_glossary, learned_entries, merged_terms, term_renderings
from .matcher import TermMatch, TermMatcher
from .pairs import TermPair, extract_pairs
from .vocabulary import Concept, Occurrence, Terminology, build_terminology

__all__ = [
    "COLUMNS",
    "DEFAULT_GLOSSARY",
    "STATUSES",
    "AlignedVariant",
    "Concept",
    "Glossary",
    "GlossaryEntry",
    "Learned",
    "Occurrence",
    "TermMatch",
    "TermMatcher",
    "TermPair",
    "Terminology",
    "build_terminology",
    "default_glossaries",
    "en_key",
    "extract_pairs",
    "is_acronym",
    "ko_key",
    "learn_glossary",
    "learned_entries",
    "load_glossaries",
    "load_glossary",
    "merged_terms",
    "term_renderings",
    "write_glossary",
]
