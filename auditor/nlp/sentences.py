"""Sentence boundaries for scraped pages: end punctuation, and line breaks.

Web articles put headings, bullets and list items on their own lines without a full stop, so a
newline ends a sentence here, unless it is a hard wrap: one line break between a word that ends
no sentence and a lower-case word (a PDF's column, a mailed text). A citation glued to a full stop
("clear.[20] About ...") stays with the sentence it ends. Assigns `token.is_sent_start`.

Works on the Doc's arrays, never token by token: creating a Python `Token` per token costs
more than the rest of the rule.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_LOWER, IS_SPACE, IS_TITLE, IS_UPPER, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ENDERS = frozenset({".", "!", "?", "...", "…", "?!", "!!"})
_WRAP = 3  # a token that is one line break: a sentence end, or a hard wrap
_LETTER_STOP = 4  # a capital letter with its full stop, "A.": an initial, or a label ending a sentence
_START, _INSIDE = 1, numpy.uint64(2**64 - 1)  # SENT_START 1 and -1, as Doc.from_array stores them


@Language.component("auditor_sentences", assigns=["token.is_sent_start"])
def split_sentences(doc: Doc) -> Doc:
    """Sets `is_sent_start` on every token: after . ! ? and after any line break but a hard wrap."""
    if not len(doc):
        return doc
    orth, space, lower = doc.to_array([ORTH, IS_SPACE, IS_LOWER]).T
    space = space.astype(bool)
    kinds = _kinds(doc, orth)
    # A capital letter keeps its full stop as an initial does ("J. Smith"); after a lower-case
    # word and before a capital it ends the sentence: "skip extra vitamin A. Carrots are fine" (not
    # "P. acnes", not "John F. Kennedy").
    letter_stop = kinds == _LETTER_STOP
    if letter_stop.any():
        title, upper = doc.to_array([IS_TITLE, IS_UPPER]).T
        letter_stop[1:] &= lower[:-1].astype(bool)
        letter_stop[0] = False
        letter_stop[:-1] &= (title[1:] | upper[1:]).astype(bool)
    # A token opens a sentence when the last event before it was an ender or a line break
    # (or there was none: the document's start). Events: an ender or a token holding a line
    # break sets the state; any other word clears it; a space without a line break leaves it.
    # A single line break between a word that ends no sentence and a lower-case word is a hard
    # wrap (a PDF's column, a mailed text): "no risk of\npregnancy" reads on.
    wrap = numpy.zeros(len(doc), dtype=bool)
    wrap[1:-1] = (kinds[1:-1] == _WRAP) & ~(kinds[:-2] & 1).astype(bool) & ~space[:-2] \
        & lower[2:].astype(bool)
    sets = ((kinds & 1).astype(bool) | letter_stop) & ~wrap
    if wrap.any():  # the phrase matchers read across a hard wrap ("It\ndoesn't;")
        doc.user_data[WRAPS_KEY] = numpy.flatnonzero(wrap).tolist()
    _skip_citations(doc, orth, kinds, space)
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


_CITATION_PART = re.compile(r"[0-9,\-–]+")  # a citation marker's numbers: "3", "3,4", "5-7"
_CITATION_TOKENS = 8


def _skip_citations(doc: Doc, orth: numpy.ndarray, kinds: numpy.ndarray, space: numpy.ndarray) -> None:
    """Marks a citation glued to a full stop ("clear.[20] About 20% ...") as space in `space`: it
    neither continues the sentence it follows nor opens the next one."""
    opener = doc.vocab.strings["["]
    for i in numpy.flatnonzero(orth == opener).tolist():
        if i == 0 or not kinds[i - 1] & 1 or doc[i - 1].whitespace_:
            continue
        j = i + 1
        while j < len(doc) and j - i <= _CITATION_TOKENS and _CITATION_PART.fullmatch(doc[j].text):
            j += 1
        if j > i + 1 and j < len(doc) and doc[j].text == "]":
            space[i:j + 1] = True


_KIND_CACHE: dict[int, int] = {}


def _kinds(doc: Doc, orth: numpy.ndarray) -> numpy.ndarray:
    """1 for an ender or a token holding a line break (3 for a lone line break, which may be a
    hard wrap), else 0, per token (cached by string)."""
    unique, inverse = numpy.unique(orth, return_inverse=True)
    strings = doc.vocab.strings
    values = numpy.empty(len(unique), dtype="uint8")
    for i, key in enumerate(unique.tolist()):
        kind = _KIND_CACHE.get(key)
        if kind is None:
            text = strings[key]
            kind = _WRAP if text.strip(" ") == "\n" else _LETTER_STOP if _is_letter_stop(text) else int(
                text in ENDERS or "\n" in text)
            if len(_KIND_CACHE) < 1_000_000:
                _KIND_CACHE[key] = kind
        values[i] = kind
    return values[inverse]


def _is_letter_stop(text: str) -> bool:
    return len(text) == 2 and text[1] == "." and "A" <= text[0] <= "Z"


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
WRAPS_KEY = "auditor_hard_wraps"  # token indices of the lone line breaks that are hard wraps


def _read_bounds(doc: Doc) -> list[tuple[int, int]]:
    if not doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    flags, idx, length = doc.to_array([SENT_START, IDX, LENGTH]).T.astype("int64")
    flags[0] = 1
    starts = numpy.flatnonzero(flags == 1)
    lasts = numpy.append(starts[1:], len(doc)) - 1
    return list(zip(idx[starts].tolist(), (idx[lasts] + length[lasts]).tolist(), strict=True))
