"""The spaCy pipeline: `spacy.blank("en")` plus the auditor's registered components.

    auditor_sentences -> auditor_quantities -> auditor_drugs -> auditor_topics
        -> auditor_cues -> auditor_context -> auditor_claims

Each component is a registered factory (also a `spacy_factories` entry point) that declares what
it assigns and requires (`nlp.analyze_pipes()` shows them). The components are made empty and
take their vocabulary from a `Reference` in `initialize`; `build_pipeline(reference)` does both.
A pipeline saved with `nlp.to_disk(path)` keeps its reference and loads with `spacy.load(path)`.
"""

from __future__ import annotations

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex

from auditor.nlp import claims, context, matchers, quantities, sentences  # noqa: F401  (registers)
from auditor.nlp.component import ReferenceComponent
from auditor.nlp.text import KeepText
from auditor.reference import Reference

COMPONENTS = (
    "auditor_quantities",
    "auditor_drugs",
    "auditor_topics",
    "auditor_cues",
    "auditor_context",
    "auditor_claims",
)


def blank_english() -> Language:
    """A blank English pipeline with the auditor's tokenizer rules and no components."""
    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    # "Aspirin(ASA)", "isotretinoin(Accutane)": a bracket glued to a word still opens an aside.
    # "isotretinoin.[1] After one course": a citation glued to a full stop is a word, a stop and a marker.
    infixes = [*nlp.Defaults.infixes, r"(?<=[^\W\d_])\((?=[^\W\d_])", r"(?<=\w)\.(?=\[)", r"(?<=\.)\[(?=\d)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # A title in capitals keeps its full stop as "Dr." does: a transcript's "DR. PATEL:" opens no sentence.
    for title in ("DR.", "MR.", "MRS.", "PROF."):
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    return nlp


def build_pipeline(reference: Reference) -> Language:
    """A blank English pipeline with every auditor component, initialised with `reference`."""
    nlp = blank_english()
    nlp.add_pipe("auditor_sentences")
    for name in COMPONENTS:
        nlp.add_pipe(name).initialize(nlp=nlp, reference=reference)
    nlp.tokenizer = KeepText(nlp.tokenizer)  # after initialize: the matchers tokenize their phrases
    return nlp


def pipeline_reference(nlp: Language) -> Reference:
    """The reference a pipeline's components were initialised with (all must share one)."""
    references = {id(pipe.reference): pipe.reference for _, pipe in nlp.pipeline
                  if isinstance(pipe, ReferenceComponent) and pipe.reference is not None}
    if not references:
        raise ValueError("this pipeline has no auditor component with a reference")
    versions = {reference.version for reference in references.values()}
    if len(versions) > 1:
        raise ValueError(f"the pipeline's components hold different references: {sorted(versions)}")
    return next(iter(references.values()))
