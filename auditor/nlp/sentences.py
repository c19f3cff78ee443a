"""Sentence boundaries for scraped pages: end punctuation, and every line break.

Web articles put headings, bullets and list items on their own lines without a full stop, so a
newline always ends a sentence here. Assigns `token.is_sent_start`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

ENDERS = frozenset({".", "!", "?", "...", "…", "?!", "!!"})


@Language.component("auditor_sentences")
def split_sentences(doc: Doc) -> Doc:
    """Sets `is_sent_start` on every token: after . ! ? and after any line break."""
    boundary = True
    for token in doc:
        if token.is_space:
            token.is_sent_start = boundary and token.i == 0
            boundary = boundary or "\n" in token.text
            continue
        token.is_sent_start = boundary
        boundary = token.text in ENDERS or "\n" in token.whitespace_
        if token.text.endswith("\n"):
            boundary = True
    return doc
