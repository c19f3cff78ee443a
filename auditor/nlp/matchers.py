"""Phrase matchers for the reference's vocabularies: drugs, topics and rule cues.

- `auditor_drugs` assigns `doc.spans["drugs"]` (label: the normalised drug) from the names,
  brands and misspellings in `reference/drugs.csv`, matched exactly with a PhraseMatcher and
  fuzzily with rapidfuzz, and `doc._.main_drug`, the drug the article is mostly about.
- `auditor_topics` assigns `doc.spans["topics"]` (label: the topic) from the aliases in
  `reference/topics.csv`; an alias shared by several topics gives one span per topic.
- `auditor_cues` assigns `doc.spans["stance"]` (prohibit / permit, `stance_cues.csv`) and
  `doc.spans["window_cues"]` (label: before / after, `window_cues.csv`).

Each gets its vocabulary from the `Reference` it is initialised with (`ReferenceComponent`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy
from rapidfuzz import fuzz
from spacy.attrs import IS_ALPHA, LENGTH, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from auditor.nlp.component import ReferenceComponent
from auditor.nlp.sentences import WRAPS_KEY
from auditor.nlp.text import WORD, abstract_labels, doc_text, folds_alike, matches_from
from auditor.reference import Reference

if not Doc.has_extension("main_drug"):
    Doc.set_extension("main_drug", default="")
# The drug the page's title, URL or batch row names, with where (set before the pipeline runs,
# `auditor.audit`), and why the main drug is what it is: "" when the body's own count decided.
for _name in ("page_drug", "page_drug_evidence", "main_drug_evidence"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default="")


def phrase_matcher(nlp: Language, phrases: dict[str, list[str]]) -> PhraseMatcher:
    """A case-insensitive PhraseMatcher with one match id per label. A phrase written with an
    apostrophe ("don't", "i've been") also matches the typographic one ("don’t", "I’ve been"),
    which publishing tools put in most pages: the tokenizer splits both alike."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, texts in phrases.items():
        variants = [t for text in texts for t in (text, *_curly(text))]
        docs = list(nlp.tokenizer.pipe(variants))
        # Glued to a dash ("skip it—don't take two"), a contraction is split off as an
        # infix's neighbour and stays whole: "don't", not "do" + "n't". Match it whole too.
        whole = [Doc(nlp.vocab, words=variant.split()) for variant, doc in zip(variants, docs, strict=True)
                 if ("'" in variant or "’" in variant) and len(variant.split()) != len(doc)]
        matcher.add(label, docs + whole + _bare(nlp, variants, docs))
    return matcher


def _bare(nlp: Language, variants: list[str], docs: list[Doc]) -> list[Doc]:
    """Phrases with a contraction as captions and chat write them, without the apostrophe ("dont
    double up", "thats not true"): kept where the tokenizer splits the bare word as it splits the
    contraction ("dont": "do" + "nt"), never where it is a word of its own ("its", "were", "well")."""
    bare = [(text.replace("'", ""), doc) for text, doc in zip(variants, docs, strict=True) if "'" in text]
    if not bare:
        return []
    return [variant for variant, (_, doc) in zip(nlp.tokenizer.pipe(t for t, _ in bare), bare, strict=True)
            if len(variant) == len(doc)]


def _curly(text: str) -> tuple[str, ...]:
    return (text.replace("'", "\u2019"),) if "'" in text else ()


def phrase_matches(doc: Doc, matcher: PhraseMatcher) -> list[tuple[int, int, int]]:
    """The matcher's (label, start, end) matches, read as if each hard wrap (a lone line break
    inside a sentence, marked by `auditor_sentences`) were a space: "It\ndoesn't;" matches
    "it doesn't ;". A match across a wrap spans the line break's token too."""
    wraps = doc.user_data.get(WRAPS_KEY)
    if not wraps:
        return matcher(doc)
    dropped = set(wraps)
    kept = [i for i in range(len(doc)) if i not in dropped]
    words = [token.text for token in doc]
    view = Doc(doc.vocab, words=[words[i] for i in kept])
    return [(label, kept[start], kept[end - 1] + 1) for label, start, end in matcher(view)]


def matched_spans(doc: Doc, matcher: PhraseMatcher, longest: bool = True) -> list[Span]:
    matches = phrase_matches(doc, matcher)
    return [Span(doc, start, end, label=label) for label, start, end in (
        longest_matches(matches) if longest else matches)]


def longest_matches(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """spaCy's `filter_spans` on (label, start, end) matches, before any Span is made: the
    longest first (the earliest of equals), none sharing a token with one kept, in text order."""
    ordered = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    kept, taken = [], set()
    for match in ordered:
        _, start, end = match
        if start not in taken and end - 1 not in taken:
            kept.append(match)
            taken.update(range(start, end))
    kept.sort(key=lambda m: m[1])
    return kept


def _plural_variants(alias: str) -> list[str]:
    # A name with "the" names one thing: "the pill" is the contraceptive, "the pills" anyone's tablets.
    if alias.endswith("s") or not alias[-1].isalpha() or alias.startswith("the "):
        return [alias]
    return [alias, alias + "s"]


# -- drugs -----------------------------------------------------------------------------------


@Language.factory(
    "auditor_drugs",
    default_config={"fuzzy_threshold": 85, "fuzzy_min_length": 7},
    assigns=["doc.spans", "doc._.main_drug"],
)
def make_drugs(nlp: Language, name: str, fuzzy_threshold: int, fuzzy_min_length: int):
    """Assigns `doc.spans["drugs"]` and `doc._.main_drug`."""
    return DrugMatcher(nlp, name, fuzzy_threshold, fuzzy_min_length)


# How a page speaks of its own drug without naming it, looked for in its first few thousand characters.
_THIS_MEDICINE = re.compile(r"\bthis\s+(?:medicine|medication|drug|capsule|tablet)\b", re.IGNORECASE)
_THIS_MEDICINE_REACH = 5000


class DrugMatcher(ReferenceComponent):
    def __init__(self, nlp: Language, name: str, threshold: int, min_length: int):
        super().__init__(nlp, name)
        self.threshold = threshold
        self.min_length = min_length

    def _load(self, reference: Reference) -> None:
        by_drug = defaultdict(list)
        for alias, drug in reference.drug_aliases.items():
            by_drug[drug].append(alias)
        self.matcher = phrase_matcher(self.nlp, by_drug)
        self.aliases = reference.drug_aliases
        self.classes = reference.drug_classes
        # Misspellings keep their first letter; comparing only within it keeps this cheap.
        self.by_initial: dict[str, list[str]] = defaultdict(list)
        for alias in self.aliases:
            if " " not in alias and len(alias) >= self.min_length - 2:
                self.by_initial[alias[0]].append(alias)
        self.cache: dict[str, str] = {}

    def fuzzy(self, word: str) -> str:
        if word in self.cache:
            return self.cache[word]
        best, best_score = "", 0.0
        for alias in self.by_initial.get(word[0], ()):
            if abs(len(alias) - len(word)) <= 2:
                score = fuzz.ratio(word, alias, score_cutoff=self.threshold)
                if score > best_score:
                    best, best_score = self.aliases[alias], score
        if len(self.cache) < 100_000:
            self.cache[word] = best
        return best

    def __call__(self, doc: Doc) -> Doc:
        self._require_reference()
        spans = matched_spans(doc, self.matcher)
        if len(doc):
            # Misspellings: long alphabetic words, picked from the Doc's arrays (a Python Token
            # per word would cost more than the matching).
            lower, alpha, length = doc.to_array([LOWER, IS_ALPHA, LENGTH]).T
            candidate = (alpha == 1) & (length >= self.min_length)
            for span in spans:
                candidate[span.start:span.end] = False
            strings = doc.vocab.strings
            for i in numpy.flatnonzero(candidate).tolist():
                word = strings[int(lower[i])]
                if word[0] in self.by_initial and (drug := self.fuzzy(word)):
                    spans.append(Span(doc, i, i + 1, label=drug))
        spans.sort(key=lambda span: span.start)
        doc.spans["drugs"] = spans
        counts = Counter(span.label_ for span in spans if span.label_ not in self.classes)
        main, named = counts.most_common(1)[0] if counts else ("", 0)
        # The drug the title (URL, batch row) names is the page's, when the body never names it
        # and names no other drug more than once in passing ("do not take tetracyclines with it").
        page = doc._.page_drug
        # ... or names others more, but speaks of its own as "this medicine", "this capsule"
        # (a page comparing the drug its title names with the others it names in the body).
        if page and page not in self.classes and page not in counts and (
                named <= 1 or len(_THIS_MEDICINE.findall(doc_text(doc), 0, _THIS_MEDICINE_REACH)) >= 2):
            main = page
            doc._.main_drug_evidence = doc._.page_drug_evidence
        elif named:
            # The one drug a page's first line (its title) names is what it is about, though
            # the page names another more often to set it apart ("Isotretinoin: ... not to be
            # confused with acitretin, whose ... acitretin ..."): it is the main drug when the
            # page names it at least half as often as the most named one. A title naming two
            # drugs compares them.
            opening = self._first_line_drug(doc, spans)
            if opening and opening != main and counts[opening] * 2 >= named:
                main = opening
        doc._.main_drug = main
        return doc

    def _first_line_drug(self, doc: Doc, spans: list[Span]) -> str:
        """The one drug a page's first line names, if that line is a title: short, and no
        sentence (it does not end in a full stop, "!" or "?")."""
        text = doc_text(doc)
        end = text.find("\n")
        end = len(text) if end < 0 else end
        if end > _TITLE_LINE or text[:end].rstrip()[-1:] in (".", "!", "?"):
            return ""
        named = {span.label_ for span in spans if span.end_char <= end and span.label_ not in self.classes}
        return named.pop() if len(named) == 1 else ""


# -- topics ----------------------------------------------------------------------------------

_TITLE_LINE = 120  # characters: a longer first line is prose, not a title

GAP = " ... "  # in an alias: up to three words ("kill* ... bacteria": "kills off the acne bacteria")
DRUG = "<drug>"  # in an alias: one name of a drug, "it" or "this medicine" ("take <drug> for": "take Accutane for")
_THE_MEDICINE = r"(?:this|the|your|my|that)\s+(?:medicine|medication|drug|treatment|pills?|tablets?|capsules?)"
# A gap's words: up to three, no punctuation (within the clause), and no negation, which denies what
# the alias's words around it say ("the glands are not permanently reduced").
_NEGATION = r"(?:not|never|no|cannot|\w+n[’']t)(?!\w)"
_GAP = rf"(?:\s+(?!{_NEGATION}){WORD}+){{0,3}}?\s+"
_NOT_POSSESSED = rf"(?!{WORD})"  # "the bacteria's food" is the food, not the bacteria
_APOSTROPHE = "['\u2019]?"  # in an alias's word: as written, typographic or left out


def is_pattern(alias: str) -> bool:
    """Whether an alias is read by `gapped_pattern` rather than matched as a phrase."""
    return GAP in alias or DRUG in alias


def gapped_pattern(aliases: list[str], drugs: list[str] = ()) -> re.Pattern | None:
    """One case-insensitive regular expression for a topic's aliases with gaps: their words in
    order (an apostrophe in them also typographic or left out), a word ending in * matching any
    word it starts, each gap up to three words within
    the clause, `<drug>` any of `drugs`, "it" or "this medicine". A scan of the text, linear in it (every
    repetition is bounded)."""
    names = "|".join(["it", _THE_MEDICINE, *(re.escape(d) for d in sorted(drugs, key=len, reverse=True))])

    def word(w: str) -> str:
        if w == DRUG:
            return rf"(?:{names})"
        # an apostrophe as written, typographic or left out ("that's", "that’s", "thats")
        if w.endswith("*"):
            return re.escape(w[:-1]).replace("'", _APOSTROPHE) + WORD + "*"
        return re.escape(w).replace("'", _APOSTROPHE)

    def part(words: str) -> str:
        return r"\s+".join(word(w) for w in words.split())

    if not aliases:
        return None
    # Aliases that open with the same word share it ("permanently shrink* ... glands",
    # "permanently reduc* ... oil"): the engine tries each opening once at a word, not once per
    # alias. Openings keep the order of their first alias, the rest of each the aliases' order.
    openings: dict[str, list[str]] = {}
    for alias in aliases:
        shape = _GAP.join(part(p) for p in alias.lower().split(GAP))
        opening = word(alias.lower().split()[0])  # the shape starts with it
        openings.setdefault(opening, []).append(shape[len(opening):])
    shapes = [opening + (f"(?:{'|'.join(rests)})" if any(rests) else "")
              for opening, rests in openings.items()]
    return re.compile(rf"\b(?:{'|'.join(shapes)}){_NOT_POSSESSED}", re.IGNORECASE)


def alias_openings(aliases: list[str]) -> tuple[str, ...]:
    """The letters every match of a topic's gapped aliases starts with: each alias's opening
    word, less its "*" ("kill*": "kill") and what follows an apostrophe ("that's": "that"), and
    less those another one starts ("take" finds "takes"). Empty when one opens with `<drug>` or
    with a letter outside ASCII: no literal start to look for, so the caller scans the whole text."""
    stems = set()
    for alias in aliases:
        opening = alias.lower().split()[0].rstrip("*").split("'")[0]
        if opening == DRUG or not opening.isascii() or not opening:
            return ()
        stems.add(opening)
    return tuple(sorted(s for s in stems if not any(o != s and s.startswith(o) for o in stems)))


def scan_at_openings(pattern: re.Pattern, text: str, folded: str | None, openings: tuple[str, ...]):
    """`pattern.finditer(text)`, trying the pattern only where one of its `openings` stands in
    `folded`, text.lower() where it `folds_alike` (else None): a few places a page instead of
    every character. The same matches, non-overlapping, left to right."""
    if not openings or folded is None:
        yield from pattern.finditer(text)
        return
    starts = set()
    for opening in openings:
        at = folded.find(opening)
        while at >= 0:
            starts.add(at)
            at = folded.find(opening, at + 1)
    yield from matches_from(pattern, text, sorted(starts))


GappedScan = tuple[re.Pattern, tuple[str, ...], tuple[str, ...]]  # pattern, key words, openings


def gapped_matches(text: str, scans: list[GappedScan]):
    """(index, match) for each match of each scan over `text`, scan by scan: a scan whose key
    words (`alias_key_word`) the text lacks is skipped at C speed, the others are tried only at
    their openings (`scan_at_openings`)."""
    folded = text.lower()
    alike = folded if folds_alike(text, folded) else None
    for index, (pattern, keys, openings) in enumerate(scans):
        if any(key in folded for key in keys):
            for match in scan_at_openings(pattern, text, alike, openings):
                yield index, match


def alias_key_word(alias: str) -> str:
    """The longest word of an alias, which any text it matches holds ("bacteria"), or the stem
    of one ending in * ("lockout*": "lockout"); not one with an apostrophe, which the text may
    write otherwise."""
    words = [w.rstrip("*") for w in alias.lower().replace(GAP, " ").split() if w != DRUG and "'" not in w]
    return max(words, key=len, default="")  # "": no word to test, so always search


@Language.factory("auditor_topics", assigns=["doc.spans"])
def make_topics(nlp: Language, name: str):
    """Assigns `doc.spans["topics"]`: every alias of every topic, labelled with the topic."""
    return TopicMatcher(nlp, name)


class TopicMatcher(ReferenceComponent):
    def _load(self, reference: Reference) -> None:
        phrases = {
            topic.topic: [v for alias in topic.aliases if not is_pattern(alias) for v in _plural_variants(alias)]
            for topic in reference.topics.values()
        }
        self.matcher = phrase_matcher(self.nlp, phrases)
        drugs = [name.lower() for name in reference.drug_aliases]
        self.gapped: list[GappedScan] = []  # one scan per topic with gapped aliases
        self.gapped_labels: list[int] = []  # ... and the topic it labels
        for topic in reference.topics.values():
            aliases = [a for a in topic.aliases if is_pattern(a)]
            if pattern := gapped_pattern(aliases, drugs):
                # A text holding none of the aliases' longest whole words cannot match: a
                # substring test skips most texts at C speed.
                self.gapped.append((pattern, tuple({alias_key_word(a) for a in aliases}), alias_openings(aliases)))
                self.gapped_labels.append(self.nlp.vocab.strings.add(topic.topic))

    def __call__(self, doc: Doc) -> Doc:
        self._require_reference()
        # Longest match per topic, but topics may overlap each other ("sebum" is two topics).
        by_topic = defaultdict(list)
        for match in phrase_matches(doc, self.matcher):
            by_topic[match[0]].append(match)
        if self.gapped:
            for index, match in gapped_matches(doc_text(doc), self.gapped):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None:
                    label = self.gapped_labels[index]
                    by_topic[label].append((label, span.start, span.end))
        spans = [Span(doc, start, end, label=label)
                 for group in by_topic.values() for label, start, end in longest_matches(group)]
        if labels := {m.start(1) for m in abstract_labels(doc_text(doc))}:
            # "Results:" opening a line labels a section of a study; it names no topic
            spans = [span for span in spans if span.start_char not in labels]
        spans.sort(key=lambda span: (span.start, span.end))
        doc.spans["topics"] = spans
        return doc


# -- cues ------------------------------------------------------------------------------------


@Language.factory("auditor_cues", assigns=["doc.spans"])
def make_cues(nlp: Language, name: str):
    """Assigns `doc.spans["stance"]` and `doc.spans["window_cues"]`."""
    return CueMatcher(nlp, name)


class CueMatcher(ReferenceComponent):
    def _load(self, reference: Reference) -> None:
        stance = defaultdict(list)
        for phrase, value in reference.stance_cues.items():
            stance[value].append(phrase)
        windows = defaultdict(list)
        for cue in reference.window_cues:
            windows[cue.anchor].append(cue.phrase)
        self.stance = phrase_matcher(self.nlp, stance)
        self.windows = phrase_matcher(self.nlp, windows)

    def __call__(self, doc: Doc) -> Doc:
        self._require_reference()
        doc.spans["stance"] = matched_spans(doc, self.stance)
        doc.spans["window_cues"] = matched_spans(doc, self.windows)
        return doc
