"""The text a Doc was made from, kept on the Doc so components need not rebuild it.

spaCy's `Doc.text` joins every token's text on each access, creating a Python object per
token: on a 3,000-character article that costs about as much as tokenizing it. The auditor's
pipeline keeps the string it tokenized in `doc.user_data` instead (see `KeepText`), and
`doc_text(doc)` returns it, falling back to `doc.text` (once) for a Doc made another way.
Also here: `ABSTRACT_LABEL` and `abstract_labels`, the section labels of a study's abstract,
read from that text, with `reports_a_study` and `abstract_sections`; `reports_news`, whether a
page opens as a news report; `folds_alike`, whether a lower-cased text can stand for the text in
a scan, and `matches_from`, a pattern's matches found only at the places it can start; and the
pieces every phrase pattern is written with:
`WORD`, a word's characters, `phrase_words`, a phrase's words in order, and
`phrase_alternation`, many phrases as one pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

TEXT_KEY = "auditor_text"

# A study abstract's section labels ("Results:", "Conclusions:") opening a line, with a colon or
# alone on it as a heading ("Results" over its paragraph): group 1 is the label.
_LABELS = (r"(background|objectives?|aims?|methods|materials and methods|results|conclusions?|design|"
           r"participants|interventions|main outcome measures?)[ \t]*(?::|(?=\r?\n))")
ABSTRACT_LABEL = re.compile(r"^[ \t]*" + _LABELS, re.IGNORECASE | re.MULTILINE)
_FIRST_LABEL = re.compile(r"[ \t]*" + _LABELS, re.IGNORECASE)
_LATER_LABEL = re.compile(r"\n[ \t]*" + _LABELS, re.IGNORECASE)


def abstract_labels(text: str) -> Iterator[re.Match]:
    """`ABSTRACT_LABEL.finditer(text)`, found faster: a pattern that opens with the line break
    lets the engine skip to each one, where "^" is tried at every character."""
    if first := _FIRST_LABEL.match(text):
        yield first
    yield from _LATER_LABEL.finditer(text)


def _label_name(match: re.Match) -> str:
    return match.group(1).lower().rstrip("s")  # "Objectives:" is "Objective:"


def reports_a_study(text: str) -> bool:
    """Whether a page is a study's report: two or more of an abstract's labels ("Methods:",
    "Results:", "Conclusions:") open its lines."""
    labels = set()
    for match in abstract_labels(text):
        labels.add(_label_name(match))
        if len(labels) >= 2:
            return True
    return False


# A news report's lede: a regulator changing the rules, or a study's finding told as news ("...,
# according to a retrospective analysis"). Read in the page's title and opening only, where a
# report says what it reports; an advice page that cites a study further down stays advice.
_REGULATOR = r"(?:FDA|Food and Drug Administration|Health Canada|MHRA|EMA|TGA|CDSCO|regulators?)"
_NEWS_LEDE = re.compile(
    rf"\b{_REGULATOR}\b[^.\n]{{0,40}}?\b(?:announc\w*|issu\w*|is mandating|mandat(?:ed|es)|order(?:ed|s)"
    r"|implement(?:s|ed)|agreed\s+to|advisory\s+(?:committee|panel|cmte)|updat(?:es|ed)|launch(?:es|ed)"
    # a regulator's review reported: "regulator review finds" (and, below, "a review by the regulator")
    r"|reviews?"
    rf"|approv\w*[^.\n]{{0,30}}?\b(?:changes|modifications|updates))\b"
    r"|\baccording to (?:a|an|the|new)\b[^.\n]{0,40}?\b(?:study|analysis|report|survey|review|press release)\b"
    # a statement a report dates by its day: "the maker and regulators said Tuesday"
    r"|\b(?:said|announced)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)\b"
    # a talk reported from a meeting: "..., a speaker said at a dermatology congress"
    r"|\b(?:said|told\s+(?:attendees|delegates|the\s+audience))\b[^.\n]{0,30}?\bat\s+(?:the|a|an|this)\s+"
    r"[^.\n]{0,60}?\b(?:meeting|congress|conference|symposium)\b"
    r"|\breview\s+(?:by|from)\s+(?:the\s+)?[^.\n]{0,30}?\b" + _REGULATOR + r"\b"
    # rules that have started: "stricter checks came into force on Monday"
    r"|\b(?:came|come|comes|coming)\s+into\s+(?:force|effect)\b"
    # a rule taken away or eased, whoever did it: "the programme scrapped the 19-day lockout"
    r"|\b(?:scrap(?:s|ped)|remov(?:es|ed)|drop(?:s|ped)|eas(?:es|ed)|relax(?:es|ed)|lift(?:s|ed))"
    r"\b[^.\n]{0,30}?\b(?:rules?|requirements?|lockout|restrictions?)\b",
    re.IGNORECASE)
NEWS_OPENING = 400  # characters of title and text in which a lede is looked for


def reports_news(title: str, text: str) -> bool:
    """Whether a page is a news report of a rule change or a study (see `_NEWS_LEDE`): it tells
    what happened, and is not a page of advice that must give every safety rule."""
    return bool(_NEWS_LEDE.search(f"{title}\n{text[:NEWS_OPENING]}"))


def abstract_sections(text: str) -> dict[int, int]:
    """On a study's report (`reports_a_study`), where each abstract label starts: its section's
    end (the next label's start, or the text's end). Empty on any other page."""
    matches = list(abstract_labels(text))
    if len({_label_name(match) for match in matches}) < 2:
        return {}
    starts = [match.start(1) for match in matches]
    # The last label written inline ("Results: ... group.") ends with its paragraph: a page that
    # quotes an abstract goes on in its own voice after it. One alone on its line as a heading
    # runs to the text's end.
    last = matches[-1]
    end = len(text)
    if text[last.end():last.end() + 1] not in ("\n", "\r") and (gap := PARAGRAPH_BREAK.search(text, last.end())):
        end = gap.start()
    return dict(zip(starts, [*starts[1:], end], strict=True))


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


# A word's characters: letters and digits, a hyphen, and an apostrophe of either kind (publishing
# tools turn "don't" into "don’t").
WORD = r"[\w'\u2019-]"


def phrase_words(phrase: str) -> str:
    """A regular expression for a phrase's words in order, any space between them, either
    apostrophe where it has one ("don't" matches "don’t")."""
    return r"\s+".join(re.escape(word) for word in phrase.split()).replace("'", "['\u2019]")


def phrase_alternation(phrases) -> str:
    """A regex alternation of phrases: words apart by any space, "word*" a word's prefix. A
    phrase starts and ends a word where its own edge is a letter or digit ("%" follows "90").

    The phrases are written as a tree of their shared beginnings ("after stopping|after the
    last" is "after (?:stopping|the last)"): the engine tries one branch per first letter
    at a place, not every phrase, and, as a plain alternation longest first would, takes the
    longest phrase that matches. For a pattern compiled with re.IGNORECASE, as every caller
    does: the tree folds ASCII letters to lower case, so "After" and "after a peel" share a branch."""
    tree = phrase_tree(phrases, lambda phrase: r"\w*" if phrase.endswith("*") else
                       r"(?!\w)" if phrase[-1].isalnum() else "")
    word_first = {atom: node for atom, node in tree.items() if atom[:1].isalnum()}
    other_first = {atom: node for atom, node in tree.items() if atom not in word_first}
    parts = ([r"(?<!\w)" + tree_pattern(word_first)] if word_first else []) + (
        [tree_pattern(other_first)] if other_first else [])
    return "|".join(parts)


_PHRASE_END = ""  # in a phrase tree, the key of the set of patterns that end a phrase at a node


def phrase_tree(phrases, end) -> dict:
    """The phrases (each less a closing "*") as a tree of their pieces (`_phrase_atoms`), a
    phrase's end marked with the pattern `end(phrase)` gives; `tree_pattern` writes a node."""
    tree: dict = {}
    for phrase in set(phrases):
        node = tree
        for atom in _phrase_atoms(phrase.rstrip("*")):
            node = node.setdefault(atom, {})
        node.setdefault(_PHRASE_END, set()).add(end(phrase))
    return tree


def _phrase_atoms(phrase: str) -> list[str]:
    """A phrase's pieces of pattern: each character (an apostrophe of either kind, as
    `phrase_words` writes it) and any space between words."""
    atoms = []
    for word in phrase.split():
        if atoms:
            atoms.append(r"\s+")
        atoms.extend("['\u2019]" if char == "'" else re.escape(char.lower() if char.isascii() else char)
                     for char in word)
    return atoms


def tree_pattern(node: dict) -> str:
    """A phrase tree's node as a pattern: the phrases that go on before those that end here.
    (Of two ends at one place, "kill*" and "kill", the order is no matter: where a word's end
    matches, the prefix's `\\w*` matches nothing.)"""
    options = [atom + tree_pattern(child) for atom, child in sorted(node.items()) if atom != _PHRASE_END]
    options += sorted(node.get(_PHRASE_END, ()))
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


def matches_from(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """`pattern.match` at each of `starts` (ascending) but those inside the last match: what
    `pattern.finditer(text)` gives when the pattern can start only at those places."""
    end = 0
    for at in starts:
        if at >= end and (match := pattern.match(text, at)) is not None:
            yield match
            end = match.end()


def folds_alike(text: str, folded: str) -> bool:
    """Whether `folded` (text.lower()) has every letter where `text` has it, and a case-insensitive
    pattern matches an ASCII letter in `text` only where `folded` has that letter: then a
    pattern without re.IGNORECASE can scan `folded` in its place. Not so with "\u0130" (lowered to
    two letters), "\u0131" and "\u017f" (which match "i" and "s", lowered to themselves)."""
    return len(folded) == len(text) and "\u0131" not in text and "\u017f" not in text


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class KeepText:
    """Wraps a tokenizer: the Doc it makes remembers its text. Everything else is delegated."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        if name == "tokenizer":  # not set yet (unpickling): no endless lookup
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
