"""The spaCy pipeline: `spacy.blank("en")` plus the auditor's registered components.

    auditor_sentences -> auditor_quantities -> auditor_drugs -> auditor_topics
        -> auditor_cues -> auditor_claims

Each component is a registered factory, so it can be added to any pipeline with
`nlp.add_pipe("auditor_quantities", config={"reference_dir": ...})`.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from auditor.nlp import claims, matchers, quantities, sentences  # noqa: F401  (registers)
from auditor.nlp.text import KeepText

COMPONENTS = (
    "auditor_quantities",
    "auditor_drugs",
    "auditor_topics",
    "auditor_cues",
    "auditor_claims",
)


def build_pipeline(reference_dir: str = "") -> Language:
    """A blank English pipeline with every auditor component, reading `reference_dir`."""
    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    nlp.add_pipe("auditor_sentences")
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"reference_dir": str(reference_dir or "")})
    nlp.tokenizer = KeepText(nlp.tokenizer)  # after add_pipe: the matchers tokenize their phrases
    return nlp


@lru_cache(maxsize=4)
def shared_pipeline(reference_dir: str = "") -> Language:
    """One pipeline per process and reference folder."""
    return build_pipeline(reference_dir)
