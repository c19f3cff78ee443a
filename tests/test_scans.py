"""Fast scans give the answers of the plain ones they stand for.

Each shortcut here replaces a scan of every character with a look at a few places; these tests
draw texts (words the patterns open with, in every case, inside other words, beside letters
that fold oddly, and any Unicode) and compare the shortcut with the plain scan.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.nlp.matchers import (
    _openings,
    folds_alike,
    gapped_pattern,
    is_pattern,
    scan_at_openings,
)
from auditor.reference import load_reference

_REFERENCE = load_reference()
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
                                               _openings(aliases))]


def _plain(aliases: list[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in gapped_pattern(aliases, _DRUGS).finditer(text)]


def test_the_reference_has_gapped_aliases_to_scan():
    assert len(_GAPPED) >= 3
    assert all(_openings(aliases) for aliases in _GAPPED.values())


def test_openings_drop_one_another_starts_and_give_up_on_a_drug_or_other_letters():
    assert _openings(["take <drug> for", "takes <drug> for", "taking <drug> for"]) == ("take", "taking")
    assert _openings(["kill* ... bacteria", "killer ... acne"]) == ("kill",)
    assert _openings(["<drug> ... bacteria", "kill* ... bacteria"]) == ()
    assert _openings(["t\u00f6ten ... bakterien"]) == ()


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
