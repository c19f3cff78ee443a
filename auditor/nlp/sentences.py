"""Sentence boundaries for scraped pages: end punctuation, and every line break.

Web articles put headings, bullets and list items on their own lines without a full stop, so a
newline always ends a sentence here. Assigns `token.is_sent_start`.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ENDERS = frozenset({".", "!", "?", "...", "…", "?!", "!!"})
_START, _INSIDE = 1, numpy.uint64(2**64 - 1)  # SENT_START 1 and -1, as Doc.from_array stores them


@Language.component("auditor_sentences")
def split_sentences(doc: Doc) -> Doc:
    """Sets `is_sent_start` on every token: after . ! ? and after any line break."""
    # One Doc.from_array call: setting token.is_sent_start checks the whole doc's annotation
    # each time, which made this loop quadratic in the document's length.
    flags = numpy.empty((len(doc), 1), dtype="uint64")
    boundary = True
    for token in doc:
        if token.is_space:
            flags[token.i, 0] = _START if boundary and token.i == 0 else _INSIDE
            boundary = boundary or "\n" in token.text
            continue
        flags[token.i, 0] = _START if boundary else _INSIDE
        boundary = token.text in ENDERS or "\n" in token.whitespace_
        if token.text.endswith("\n"):
            boundary = True
    doc.from_array([SENT_START], flags)
    return doc
