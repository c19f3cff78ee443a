"""The editor's loop: a stable name for each finding, the decisions editors record against it,
and what changed since the previous run.

A finding's `fingerprint` is a hash of what it says, never of where it stands: the document, the
kind, the drug, the topic, and the claim's and sentence's words (case-folded, punctuation and
spacing dropped). Moving a paragraph or editing another sentence keeps it; editing the sentence
itself makes a new finding (and resolves the old one), which is what an editor expects.
"""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+")
FINGERPRINT_LENGTH = 12  # hex digits: 48 bits, no collision to fear among a batch's findings


def normalise_words(text: str) -> str:
    """The words of `text`, case-folded, one space apart: what a fingerprint sees."""
    return " ".join(_WORD.findall(text.casefold()))


def fingerprint(doc_id: str, kind: str, drug: str, topic: str, claim_text: str,
                sentence: str) -> str:
    """A finding's stable name (12 hex digits)."""
    parts = (doc_id, kind, drug, topic, normalise_words(claim_text), normalise_words(sentence))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def with_fingerprint(finding):
    """`finding` with its fingerprint filled in."""
    from dataclasses import replace

    return replace(finding, fingerprint=fingerprint(
        finding.doc_id, finding.kind, finding.drug, finding.topic, finding.claim_text,
        finding.sentence))
