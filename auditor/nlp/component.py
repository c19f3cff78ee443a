"""What the auditor's components share: their knowledge is a `Reference`, given, not looked up.

As spaCy's SpanRuler takes its patterns, a component is made empty by its factory and gets its
vocabulary through `initialize(reference=...)` (`auditor.nlp.build_pipeline` does this for
every component). `to_disk` saves the reference's files beside the component and `from_disk`
reads them back, so `nlp.to_disk(path)` then `spacy.load(path)` audits with the reference it was
built with, even where that folder is gone.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from auditor.reference import Reference


class ReferenceComponent:
    """Base of a component built from a `Reference`. Subclasses implement `_load`."""

    def __init__(self, nlp: Language, name: str):
        self.nlp = nlp
        self.name = name
        self.reference: Reference | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   reference: Reference | None = None) -> None:
        """Take the reference's vocabulary (called by `nlp.initialize` or by hand)."""
        if reference is None:
            raise ValueError(f"[{self.name}] initialize needs reference=Reference(...): see "
                             "auditor.nlp.build_pipeline")
        self.add_reference(reference)

    def add_reference(self, reference: Reference) -> None:
        self.reference = reference
        self._load(reference)

    def _load(self, reference: Reference) -> None:
        raise NotImplementedError

    def _require_reference(self) -> None:
        if self.reference is None:
            raise ValueError(f"[{self.name}] has no reference yet: build the pipeline with "
                             "auditor.nlp.build_pipeline(reference), or call "
                             f"nlp.get_pipe({self.name!r}).initialize(reference=...)")

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        self._require_reference()
        self.reference.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude=()):
        self.add_reference(Reference(Path(path)))
        return self
