"""Fast scans give the answers of the plain ones they stand for.

Each shortcut here replaces a scan of every character with a look at a few places; these tests
draw texts (words the patterns open with, in every case, inside other words, beside letters
that fold oddly, and any Unicode) and compare the shortcut with the plain scan.
"""

from __future__ import annotations

import re

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.nlp.matchers import (
    alias_openings,
    gapped_pattern,
    is_pattern,
    scan_at_openings,
)
from auditor.nlp.text import folds_alike, phrase_alternation, phrase_words
from auditor.reference import load_reference

_REFERENCE = load_reference()
_NLP = spacy.blank("en")
_DRUGS = [name.lower() for name in _REFERENCE.drug_aliases]
_GAPPED = {name: [a for a in topic.aliases if is_pattern(a)] for name, topic in _REFERENCE.topics.items()}
_GAPPED = {name: aliases for name, aliases in _GAPPED.items() if aliases}

_WORDS = sorted({w.rstrip("*") for aliases in _GAPPED.values() for a in aliases for w in a.split()
                 if w not in ("...", "<drug>")}) + [
    "it", "isotretinoin", "Accutane", "the medicine", "mistake", "retake", "overtaken", "two",
    "days", "glands", "bacteria", "\u0130t", "\u0131t", "\u017ftay", "STAY", "Take", "TAKING",
    "kill\u0131ng", ",", ".", "\n", "  ", "-", "'s", "\u2019s"]


def _scan(aliases: list[str], text: str) -> list[tuple[int, int]]:
    pattern = gapped_pattern(aliases, _DRUGS)
    folded = text.lower()
    return [m.span() for m in scan_at_openings(pattern, text, folded if folds_alike(text, folded) else None,
                                               alias_openings(aliases))]


def _plain(aliases: list[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in gapped_pattern(aliases, _DRUGS).finditer(text)]


def test_the_reference_has_gapped_aliases_to_scan():
    assert len(_GAPPED) >= 3
    assert all(alias_openings(aliases) for aliases in _GAPPED.values())


def test_openings_drop_one_another_starts_and_give_up_on_a_drug_or_other_letters():
    assert alias_openings(["take <drug> for", "takes <drug> for", "taking <drug> for"]) == ("take", "taking")
    assert alias_openings(["kill* ... bacteria", "killer ... acne"]) == ("kill",)
    assert alias_openings(["<drug> ... bacteria", "kill* ... bacteria"]) == ()
    assert alias_openings(["t\u00f6ten ... bakterien"]) == ()


def test_a_match_found_at_an_opening_is_the_one_the_plain_scan_finds():
    aliases = _GAPPED["antibacterial_action"]
    text = "It never KILLS the acne bacteria, and mistakenly kills off bacteria. Killing bacteria!"
    assert _scan(aliases, text) == _plain(aliases, text) != []


def test_matches_do_not_overlap_as_in_the_plain_scan():
    # an opening inside an earlier match starts no match of its own
    aliases = _GAPPED["antibacterial_action"]
    text = "kills eliminates bacteria"
    assert _scan(aliases, text) == _plain(aliases, text) == [(0, len(text))]


def test_letters_that_fold_apart_send_the_text_to_the_plain_scan():
    aliases = _GAPPED["antibacterial_action"]
    for text in ("it k\u0131lls bacteria", "\u0130t kills bacteria", "\u017fo it kills bacteria"):
        assert _scan(aliases, text) == _plain(aliases, text) != []

    assert not folds_alike("\u0130t kills", "\u0130t kills".lower())
    assert not folds_alike("k\u0131lls bacteria", "k\u0131lls bacteria")
    assert not folds_alike("\u017ftay", "\u017ftay")
    assert folds_alike("Kills BACTERIA \u2019", "kills bacteria \u2019")


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(_GAPPED)),
       st.lists(st.tuples(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_WORDS), st.text(max_size=4)),
                          st.booleans()), max_size=30))
def test_the_scan_at_openings_finds_what_the_plain_scan_finds(topic, words):
    text = " ".join(w.upper() if upper else w for w, upper in words)
    text = text.replace("ll", "\u0131ll" if len(words) % 3 == 1 else "ll").replace(
        "st", "\u017ft" if len(words) % 3 == 2 else "st")
    assert _scan(_GAPPED[topic], text) == _plain(_GAPPED[topic], text)


# -- phrase trees ---------------------------------------------------------------------------

def _plain_alternation(phrases) -> str:
    """The alternation `phrase_alternation` stands for: every phrase on its own, longest first."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        bare = phrase.rstrip("*")
        start = r"(?<!\w)" if bare[0].isalnum() else ""
        end = r"\w*" if phrase.endswith("*") else r"(?!\w)" if bare[-1].isalnum() else ""
        parts.append(start + phrase_words(bare) + end)
    return "|".join(parts)


_FRAME_PHRASES = sorted({rule.phrase for rule in _REFERENCE.frames})
_PIECES = ["after", "stopping", "the", "last", "dose", "kill", "s", "ing", "90", "%", "don't",
           "don\u2019t", "e.g.", "a", "-", "  ", "\n", ",", "Treatment", "AFTER"]


def test_a_phrase_tree_shares_beginnings_and_keeps_edges():
    pattern = phrase_alternation(["after stopping", "after the last", "after", "kill*", "90%"])
    assert pattern.count("after") == 1 and pattern.startswith(r"(?<!\w)")
    assert re.fullmatch(f"(?:{pattern})", "after  stopping") and re.fullmatch(f"(?:{pattern})", "killed")
    assert not re.search(f"(?:{pattern})", "rafter") and re.search(f"(?:{pattern})", "n=90%")
    # the longest phrase that matches, as a plain alternation longest first gives
    assert re.match(f"(?:{pattern})", "after the last dose").group() == "after the last"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAME_PHRASES + _PIECES * 20), min_size=1, max_size=12),
       st.lists(st.one_of(st.sampled_from(_FRAME_PHRASES + _PIECES), st.text(max_size=3)), max_size=25))
def test_a_phrase_tree_matches_what_its_phrases_match(phrases, words):
    phrases = [p for p in phrases if p.strip()] or ["after"]
    tree = re.compile(f"(?:{phrase_alternation(phrases)})", re.IGNORECASE)
    plain = re.compile(f"(?:{_plain_alternation(phrases)})", re.IGNORECASE)
    text = " ".join(words)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # as the frames use it: a phrase, then words, up to the end
    before = re.compile(rf"(?:{phrase_alternation(phrases)})\W+(?:\w+\W+)?$", re.IGNORECASE)
    assert bool(before.search(text)) == bool(
        re.search(rf"(?:{_plain_alternation(phrases)})\W+(?:\w+\W+)?$", text, re.IGNORECASE))


# -- the longest matches, before any Span is made ---------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 30), st.integers(1, 6)), max_size=40))
def test_longest_matches_keep_what_filter_spans_keeps(drawn):
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from auditor.nlp.matchers import longest_matches

    doc = _NLP.make_doc(" ".join(f"w{i}" for i in range(40)))
    matches = [(label, start, start + length) for label, start, length in drawn]
    spans = filter_spans([Span(doc, start, end, label=label) for label, start, end in matches])
    assert longest_matches(matches) == [(span.label, span.start, span.end) for span in spans]


# -- a study abstract's labels ---------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Results:", "METHODS :", "\n", "\n\n", " ", "\t", "Conclusion:", "results",
                                 ":", "Aims:", "word", "\r\n", "main outcome measure:"]) | st.text(max_size=3),
                max_size=30))
def test_abstract_labels_are_the_ones_the_line_pattern_finds(pieces):
    from auditor.nlp.text import ABSTRACT_LABEL, abstract_labels

    text = "".join(pieces)
    assert [m.span(1) for m in abstract_labels(text)] == [m.span(1) for m in ABSTRACT_LABEL.finditer(text)]


def test_an_apostrophe_in_an_alias_matches_as_written_typographic_or_left_out():
    aliases = ["that's ... not true"]
    assert alias_openings(aliases) == ("that",)
    for text in ("that's just not true", "that\u2019s not true", "thats simply not true"):
        assert _scan(aliases, text) == _plain(aliases, text) == [(0, len(text))]
