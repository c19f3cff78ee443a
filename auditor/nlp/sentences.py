"""Sentence boundaries for scraped pages: end punctuation, and line breaks.

Web articles put headings, bullets and list items on their own lines without a full stop, so a
newline ends a sentence here, unless it is a hard wrap: one line break between a word that ends
no sentence and a lower-case word (a PDF's column, a mailed text). Assigns `token.is_sent_start`.

Works on the Doc's arrays, never token by token: creating a Python `Token` per token costs
more than the rest of the rule.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_LOWER, IS_SPACE, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ENDERS = frozenset({".", "!", "?", "...", "…", "?!", "!!"})
_WRAP = 3  # a token that is one line break: a sentence end, or a hard wrap
_START, _INSIDE = 1, numpy.uint64(2**64 - 1)  # SENT_START 1 and -1, as Doc.from_array stores them


@Language.component("auditor_sentences", assigns=["token.is_sent_start"])
def split_sentences(doc: Doc) -> Doc:
    """Sets `is_sent_start` on every token: after . ! ? and after any line break but a hard wrap."""
    if not len(doc):
        return doc
    orth, space, lower = doc.to_array([ORTH, IS_SPACE, IS_LOWER]).T
    space = space.astype(bool)
    kinds = _kinds(doc, orth)
    # A token opens a sentence when the last event before it was an ender or a line break
    # (or there was none: the document's start). Events: an ender or a token holding a line
    # break sets the state; any other word clears it; a space without a line break leaves it.
    # A single line break between a word that ends no sentence and a lower-case word is a hard
    # wrap (a PDF's column, a mailed text): "no risk of\npregnancy" reads on.
    wrap = numpy.zeros(len(doc), dtype=bool)
    wrap[1:-1] = (kinds[1:-1] == _WRAP) & ~(kinds[:-2] & 1).astype(bool) & ~space[:-2] \
        & lower[2:].astype(bool)
    sets = (kinds & 1).astype(bool) & ~wrap
    clears = ~space & ~sets
    index = numpy.arange(len(doc))
    last_set = numpy.maximum.accumulate(numpy.where(sets, index, -1))
    last_clear = numpy.maximum.accumulate(numpy.where(clears, index, -1))
    open_after = last_set >= last_clear
    open_before = numpy.concatenate(([True], open_after[:-1]))
    starts = open_before & ~space
    starts[0] = True  # the first token, even a space, starts the first sentence
    flags = numpy.full((len(doc), 1), _INSIDE, dtype="uint64")
    flags[starts, 0] = _START
    doc.from_array([SENT_START], flags)
    return doc


_KIND_LIMIT = 1_000_000  # token strings whose kind is kept; past it, a page's new ones are read afresh


def _kind(text: str) -> int:
    return _WRAP if text.strip(" ") == "\n" else int(text in ENDERS or "\n" in text)


class _KindTable:
    """The kind of every token string seen (by its ORTH key), as two sorted arrays, so a page's
    tokens are looked up at once in C; only strings not seen before are read in Python."""

    def __init__(self) -> None:
        self.keys = numpy.empty(0, dtype="uint64")
        self.kinds = numpy.empty(0, dtype="uint8")

    def lookup(self, orth: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(where each key stands in the table, whether it is there)."""
        at = numpy.searchsorted(self.keys, orth)
        at[at == len(self.keys)] = 0
        return at, (self.keys[at] == orth) if len(self.keys) else numpy.zeros(len(orth), dtype=bool)

    def add(self, keys: numpy.ndarray, kinds: numpy.ndarray) -> None:
        merged = numpy.concatenate((self.keys, keys))
        order = numpy.argsort(merged, kind="stable")
        self.keys, self.kinds = merged[order], numpy.concatenate((self.kinds, kinds))[order]


_KINDS = _KindTable()


def _kinds(doc: Doc, orth: numpy.ndarray) -> numpy.ndarray:
    """1 for an ender or a token holding a line break (3 for a lone line break, which may be a
    hard wrap), else 0, per token (kept by string in `_KINDS`)."""
    at, known = _KINDS.lookup(orth)
    if known.all():
        return _KINDS.kinds[at]
    strings = doc.vocab.strings
    new = numpy.unique(orth[~known])
    new_kinds = numpy.array([_kind(strings[key]) for key in new.tolist()], dtype="uint8")
    if len(_KINDS.keys) + len(new) <= _KIND_LIMIT:
        _KINDS.add(new, new_kinds)
        return _KINDS.kinds[_KINDS.lookup(orth)[0]]
    kinds = numpy.zeros(len(orth), dtype="uint8")
    kinds[known] = _KINDS.kinds[at[known]]
    kinds[~known] = new_kinds[numpy.searchsorted(new, orth[~known])]
    return kinds


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence, read from the Doc's arrays: `doc.sents` makes a
    Span, and each Span looks up Token objects, for every sentence. Kept on the Doc once read
    (several components ask), in `user_data`, so it travels with it."""
    if not len(doc):
        return []
    cached = doc.user_data.get(_BOUNDS_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    bounds = _read_bounds(doc)
    doc.user_data[_BOUNDS_KEY] = (len(doc), bounds)
    return bounds


_BOUNDS_KEY = "auditor_sentence_bounds"


def _read_bounds(doc: Doc) -> list[tuple[int, int]]:
    if not doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    flags, idx, length = doc.to_array([SENT_START, IDX, LENGTH]).T.astype("int64")
    flags[0] = 1
    starts = numpy.flatnonzero(flags == 1)
    lasts = numpy.append(starts[1:], len(doc)) - 1
    return list(zip(idx[starts].tolist(), (idx[lasts] + length[lasts]).tolist(), strict=True))
