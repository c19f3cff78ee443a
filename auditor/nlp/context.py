"""ConText for claims: negated, hedged, hypothetical, attributed, anecdotal and refuted
statements, questions, and a study's own methods and results.

As medspaCy's `context` does, the triggers are rules loaded as data (`context_rules.csv`:
phrase, category, direction, max_tokens, scope) and this component sets and limits each
trigger's scope itself: from the trigger forward, backward or both, to the end of its sentence
or an earlier `terminate` trigger, at most `max_tokens` tokens, over the previous or next
sentence (for the previous sentence, `max_tokens` is how many words into its own sentence the
trigger may stand), back over its paragraph ("Is all of that right?"), for a study abstract's
label opening a line ("Results:"), over its section, or over its sentence unless someone in it
is said to report it (`unattributed_sentence`: "71% of the placebo group", but not "..., the
team reported"). A phrase may hold gaps as a topic's alias does
("drop* ... lockout*"). It assigns

- `doc.spans["context"]`: the triggers, labelled with their phrase's category;
- `doc._.context_scopes`: each scope as `[low, high, category, trigger_start, trigger_end]`
  (characters), plain lists so the Doc serialises;
- `span._.context` for any span (quantities, topics, window cues, claims): the category whose
  scope covers it, or "asserted", read from those scopes.

A first-person trigger ("i started", "i've been") also stands with one adverb inside it ("I
officially started", "I've only been"), tried only where the token "I" stands; so does any verb
in the regular past after "I" ("I waxed", "I'd booked"), verbs of saying, advising and learning
left out (`FIRST_PERSON_PAST`).

Claim assembly only reads these (`context_at`); it never computes a scope.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from auditor.nlp.component import ReferenceComponent
from auditor.nlp.matchers import (
    GappedScan,
    alias_key_word,
    alias_openings,
    gapped_matches,
    gapped_pattern,
    is_pattern,
    matched_spans,
    phrase_matcher,
)
from auditor.nlp.sentences import sentence_bounds
from auditor.nlp.text import PARAGRAPH_BREAK, abstract_sections, doc_text, phrase_words
from auditor.reference import ContextRule, Reference

PRIORITY = ("refuted", "question", "negated", "study", "attributed", "anecdotal", "hypothetical", "hedged")

if not Doc.has_extension("context_scopes"):
    Doc.set_extension("context_scopes", default=[])
if not Span.has_extension("context"):
    # Read from the scopes on the Doc: nothing to store per span, nothing to serialise.
    Span.set_extension("context", getter=lambda span: context_at(
        span.doc._.context_scopes, span.start_char, span.end_char))


@Language.factory(
    "auditor_context",
    requires=["token.is_sent_start"],
    assigns=["doc.spans", "doc._.context_scopes", "span._.context"],
)
def make_context(nlp: Language, name: str):
    """Assigns `doc.spans["context"]`, `doc._.context_scopes` and `span._.context`."""
    return ContextComponent(nlp, name)


# "I officially started", "I've only been": a first-person trigger ("i started", "i've been")
# with one adverb between the speaker and the verb.
_FIRST_PERSON = re.compile(r"(?:i\s+(?:have|had|am|was)|i'[a-z]+|i)\s")
_ADVERB = r"(?:\w+ly|only|just|also|still|already|even|never|first|then|now|finally)"


# "I waxed at four months", "I've finished my course", "I then switched": the speaker and a verb in
# the regular past tell what happened to them, as the listed first-person triggers do ("i took").
# Verbs of saying, advising, asking or learning report what someone said or what the speaker
# came to know ("I recommended ...", "I learned that ..."), which is no experience of a dose.
_PAST_BY_SPEAKER = re.compile(
    rf"i(?:['’]ve|\s+have|['’]d|\s+had)?\s+(?:{_ADVERB}\s+)?([a-z]+(?<!e)ed)\b", re.IGNORECASE)
_NOT_AN_EXPERIENCE = frozenset({
    "advised", "recommended", "suggested", "explained", "warned", "mentioned", "asked", "answered",
    "described", "discussed", "noted", "added", "pointed", "reported", "listed", "included",
    "stated", "claimed", "argued", "learned", "realised", "realized", "discovered", "believed",
    "assumed", "figured", "reckoned", "guessed", "expected", "hoped", "wished", "wondered",
    "checked", "confirmed", "researched", "googled", "looked", "searched", "wanted", "prescribed",
    "treated", "counseled", "counselled", "instructed", "reminded", "emphasised", "emphasized",
    "stressed", "insisted", "called", "emailed", "messaged", "posted", "covered",
    "quoted", "cited", "linked", "summarised", "summarized", "verified", "compared",
})
FIRST_PERSON_PAST = ContextRule("i <verb>ed", "anecdotal", "forward", None, "sentence")


class ContextComponent(ReferenceComponent):
    def _load(self, reference: Reference) -> None:
        self.rules = {rule.phrase: rule for rule in reference.context_rules}
        plain = [phrase for phrase in self.rules if not is_pattern(phrase)]
        self.matcher = phrase_matcher(self.nlp, {phrase: [phrase] for phrase in plain})
        # A phrase with a gap, as a topic's alias has ("drop* ... lockout*": "axed its former
        # 19-day lockout" by "axe* ... lockout*"): a verb in any of its forms, a few words, what it acts on.
        # Those that open alike share one scan: one pattern, a named group per phrase, the longest
        # phrase tried first; a page holding none of the phrases' longest whole words is skipped.
        by_opening: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for phrase in self.rules:
            if is_pattern(phrase):
                by_opening[alias_openings([phrase])].append(phrase)
        self.gapped: list[GappedScan] = []
        self.gapped_phrases: list[list[str]] = []  # each scan's phrases, in the order of its groups
        for openings, gapped in by_opening.items():
            gapped.sort(key=len, reverse=True)
            pattern = re.compile("|".join(f"(?P<p{k}>{gapped_pattern([phrase]).pattern})"
                                          for k, phrase in enumerate(gapped)), re.IGNORECASE)
            self.gapped.append((pattern, tuple({alias_key_word(phrase) for phrase in gapped}), openings))
            self.gapped_phrases.append(gapped)
        shapes = {}
        for phrase in plain:
            if (speaker := _FIRST_PERSON.match(phrase)) and phrase[speaker.end():].strip():
                head, rest = speaker.group(), phrase[speaker.end():]
                shapes[phrase] = rf"{phrase_words(head)}\s+{_ADVERB}\s+{phrase_words(rest)}"
        self.adverbed = re.compile("|".join(
            rf"(?P<r{k}>{shape}\b)" for k, shape in enumerate(shapes.values())), re.IGNORECASE) if shapes else None
        self.adverbed_phrases = list(shapes)
        self.speaker = self.nlp.vocab.strings.add("i")  # the LOWER of the token "I"
        self.past_tense = any(rule.category == FIRST_PERSON_PAST.category for rule in reference.context_rules)
        if self.past_tense:
            self.rules[FIRST_PERSON_PAST.phrase] = FIRST_PERSON_PAST

    def __call__(self, doc: Doc) -> Doc:
        self._require_reference()
        triggers = matched_spans(doc, self.matcher)
        more = self._gapped(doc) if self.gapped else []
        if self.adverbed is not None or self.past_tense:
            more += self._speaker_triggers(doc)
        if more:
            triggers = filter_spans(triggers + more)
        doc.spans["context"] = triggers
        scopes = self._scopes(doc, triggers) if triggers else []
        text = doc_text(doc)
        doc._.context_scopes = Scopes(scopes + _struck_through(text) + _answer_options(text))
        return doc

    def _gapped(self, doc: Doc) -> list[Span]:
        spans = []
        for index, match in gapped_matches(doc_text(doc), self.gapped):
            phrase = self.gapped_phrases[index][int(match.lastgroup[1:])]
            span = doc.char_span(match.start(), match.end(), label=phrase, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        return spans

    def _speaker_triggers(self, doc: Doc) -> list[Span]:
        """First-person triggers tried only where the token "I" stands (found once, on the Doc's
        array): a listed one with an adverb inside it, then a verb in the regular past."""
        adverbed, past = [], []
        text = doc_text(doc)
        for k in numpy.flatnonzero(doc.to_array(LOWER) == self.speaker):
            at = doc[int(k)].idx
            if self.adverbed is not None and (match := self.adverbed.match(text, at)):
                adverbed.append((match, self.adverbed_phrases[int(match.lastgroup[1:])]))
            if self.past_tense and (match := _PAST_BY_SPEAKER.match(text, at)) \
                    and match.group(1).lower() not in _NOT_AN_EXPERIENCE:
                past.append((match, FIRST_PERSON_PAST.phrase))
        spans = (doc.char_span(match.start(), match.end(), label=phrase, alignment_mode="expand")
                 for match, phrase in adverbed + past)
        return [span for span in spans if span is not None]

    def _scopes(self, doc: Doc, triggers: list[Span]) -> list[list]:
        sentences = sentence_bounds(doc)
        text = doc_text(doc)
        starts = [start for start, _ in sentences]
        by_sentence: dict[int, list[Span]] = defaultdict(list)
        for span in triggers:
            index = bisect_right(starts, span.start_char) - 1
            if index >= 0:
                by_sentence[index].append(span)
        terminators = {index: [s for s in spans if self.rules[s.label_].category == "terminate"]
                       for index, spans in by_sentence.items()}
        scopes = []
        unless_attributed = []  # scopes that stand only where no one is said to report them
        sections = None
        for index, spans in sorted(by_sentence.items()):
            start, end = sentences[index]
            attributed_here = any(self.rules[s.label_].category == "attributed" for s in spans)
            for span in spans:
                rule = self.rules[span.label_]
                if rule.category == "terminate":
                    continue
                if rule.scope == "unattributed_sentence":
                    # a trial's arms or its statistics speak for the whole sentence, past any
                    # terminator ("(58% vs 44%; P < 0.01)"), unless someone in it is said to
                    # report them ("..., the team reported") or they stand in someone's quoted
                    # words: a figure someone reports is cited, so judged
                    if not attributed_here and not _inside_quotes(text, span.start_char):
                        unless_attributed.append(len(scopes))
                        scopes.append([start, end, rule.category, span.start_char, span.end_char])
                    continue
                if rule.scope == "section":
                    # an abstract's label ("Results:") opening a line of a study's report: its
                    # scope is the section it opens, to the next label
                    if sections is None:
                        sections = abstract_sections(text)
                    if span.start_char in sections:
                        scopes.append([span.start_char, sections[span.start_char], rule.category,
                                       span.start_char, span.end_char])
                    continue
                if rule.scope == "paragraph":
                    # "... and my aunt says one method will do. Is all of that right?": a question
                    # about everything its paragraph said before it, back to a blank line
                    low = max(0, span.start_char - PARAGRAPH_REACH)
                    for gap in PARAGRAPH_BREAK.finditer(text, low, span.start_char):
                        low = gap.end()
                    scopes.append([low, span.start_char, rule.category, span.start_char, span.end_char])
                    continue
                if rule.scope == "previous_sentence":
                    # here `max_tokens` is how far into its own sentence the trigger may stand:
                    # "It doesn't." answers the sentence before only when it opens its own (an
                    # opening quote, bullet or bracket is no word: '"Please don't," I said.')
                    # A speaker's label ("DR. PATEL: Please don't.") is no word of the reply either.
                    lead = _SPEAKER_LABEL.sub("", text[start:span.start_char], count=1)
                    if rule.max_tokens is not None and sum(
                            any(ch.isalnum() for ch in word) for word in lead.split()) > rule.max_tokens:
                        continue
                    previous = _previous_with_words(doc, sentences, index)
                    if previous is not None:
                        low = previous[0]
                        if _opens_its_line(text, span.start_char):
                            # a reply that opens its own line answers the whole line before it, a
                            # post's or a speaker's turn: "You can wax after a week. Did it twice.\n
                            # That is not right."
                            low = text.rfind("\n", 0, low) + 1
                        scopes.append([low, previous[1], rule.category, span.start_char, span.end_char])
                    continue
                low, high = span.start_char, span.end_char
                if rule.direction in ("forward", "both"):
                    # a clause set off right after the trigger says what the trigger names
                    # ("questioned a sentence, which gives the figure as ..."): it ends no scope
                    high = min((t.start_char for t in terminators[index]
                                if t.start_char >= high and not (t.start_char == high and t.text.startswith(","))),
                               default=end)
                    if rule.max_tokens is not None:
                        last = doc[min(span.end + rule.max_tokens, len(doc)) - 1]
                        reach = high
                        high = min(high, last.idx + len(last))
                        if rule.category == "negated":
                            high = _through_relative_clause(text, high, reach)
                    if rule.scope == "next_sentence" and index + 1 < len(sentences):
                        # "Myth 6: ...\nFact: ...": the next line's own terminator ("Fact:")
                        # ends the scope where it stands.
                        high = min((t.start_char for t in terminators.get(index + 1, [])),
                                   default=sentences[index + 1][1])
                    elif rule.category in LEADS_A_LIST and high == end:
                        high = _through_list(text, sentences, index, high)
                if rule.direction in ("backward", "both"):
                    low = max((t.end_char for t in terminators[index]
                               if t.end_char <= low and not _aside_before(text, t, span.start_char)),
                              default=start)
                    if rule.max_tokens is not None:
                        low = max(low, doc[max(span.start - rule.max_tokens, 0)].idx)
                scopes.append([low, high, rule.category, span.start_char, span.end_char])
                if rule.category == "attributed":
                    quoted = _quotation(text, span.start_char, span.end_char)
                    if quoted is not None:
                        scopes.append([*quoted, rule.category, span.start_char, span.end_char])
        if unless_attributed:
            # ... nor where a report from another sentence reaches them (a quotation its
            # speaker opened a sentence before)
            said = [(low, high) for low, high, category, *_ in scopes if category == "attributed"]
            dropped = {k for k in unless_attributed if any(low <= scopes[k][3] < high for low, high in said)}
            scopes = [scope for k, scope in enumerate(scopes) if k not in dropped]
        return scopes


_QUOTE_MARKS = re.compile(r'["“”]')


def _inside_quotes(text: str, at: int) -> bool:
    """Whether `at` stands inside quotation marks opened on its own line: someone's words."""
    line = text.rfind("\n", 0, at) + 1
    return len(_QUOTE_MARKS.findall(text, line, at)) % 2 == 1


# Markdown's struck-through text ("~~A course lasts 8 weeks.~~"), within a line: words a page
# has taken back.
_STRUCK = re.compile(r"~~(?=[^~\s])[^~\n]{1,2000}?~~")


def _struck_through(text: str) -> list[list]:
    """Scopes for struck-through text, refuted: the page shows them only to retract them."""
    if "~~" not in text:
        return []
    return [[m.start(), m.end(), "refuted", m.start(), m.start() + 2] for m in _STRUCK.finditer(text)]


# A quiz's or exam's lettered choices under its question ("Which total dose ...?\nA. 20 mg/kg\nB.
# 120 mg/kg"): the page offers them to choose from and states none of them; its answer says
# which is right. At least two, lettered in order from A, so a "Q. ...? A. ..." answer stays the
# page's own.
_QUESTION_LINE_END = re.compile(r"\?[ \t*_]*\n")
_NEXT_OPTION_INLINE = re.compile(r"[ \t]\(?[Bb][.)][ \t]+\S")
_OPTION = re.compile(r"[ \t\r\n]*((?:[-*\u2022][ \t]*)?\(?([A-Ea-e])[.)][ \t]+\S)")  # blank lines before it


def _answer_options(text: str) -> list[list]:
    """Scopes for lettered answer options listed under a question line, as a question's: from the
    first option to the end of the last one in order, blank lines between them allowed."""
    scopes = []
    for question in _QUESTION_LINE_END.finditer(text):
        at, letter, first = question.end(), "a", None
        while (option := _OPTION.match(text, at)) is not None and option.group(2).lower() == letter:
            start = option.start(1)
            first = start if first is None else first
            end = text.find("\n", start)
            at = len(text) if end < 0 else end
            letter = chr(ord(letter) + 1)
        if letter == "b" and _NEXT_OPTION_INLINE.search(text, first, at):
            letter = "c"  # the choices on one line: "a) 10%  b) 40%  c) 70%"
        if letter > "b":
            scopes.append([first, at, "question", question.start(), question.start() + 1])
    return scopes


# Whose words a list is: a first-person or reported lead-in that opens a list ("There were
# steps I had to take:", "My derm's rules:") speaks through the items under it.
LEADS_A_LIST = frozenset({"anecdotal", "attributed"})
_LIST_ITEM = re.compile(r"(?:[-*\u2022\u00b7\u2023\u25aa\u25e6]|\d{1,2}[.)])\s")


def _through_list(text: str, sentences, index: int, high: int) -> int:
    """The end of a scope that reaches the end of sentence `index`, carried over the list that
    follows it when the sentence ends with a colon: to the end of the last consecutive line
    that opens with a list marker ("1.", "-", "•"), blank lines between them allowed."""
    if not text[sentences[index][0]:high].rstrip().endswith(":"):
        return high
    at = high
    while True:
        start = at
        while start < len(text) and text[start] in " \t\r\n":
            start += 1
        if not _LIST_ITEM.match(text, start):
            return high
        end = text.find("\n", start)
        high = at = len(text) if end < 0 else end


# A relative clause right after a negated noun ("is not an antibiotic that kills bacteria",
# "isn't a drug which lasts months"): what the clause says of the noun is denied with it, up to
# the clause's end.
_RELATIVE = re.compile(r"\s+(?:that|which|who)\s[^,;:.!?()]*", re.IGNORECASE)


# A clause set off by commas that the sentence goes on after: "The old lockout, which kept people
# waiting, was dropped." Its closing comma, then the trigger.
_ASIDE_END = re.compile(r"[^,;:.!?()\n]*,[ \t]*")


def _aside_before(text: str, terminator: Span, at: int) -> bool:
    """Whether a terminator opening a comma-set clause (", which") closes that clause with a
    comma right before a trigger at `at`: the trigger is the main clause's verb, and its scope
    reaches back over the aside to the subject."""
    if not terminator.text.startswith(","):
        return False
    aside = _ASIDE_END.match(text, terminator.end_char, at)
    return aside is not None and aside.end() == at


def _through_relative_clause(text: str, high: int, reach: int) -> int:
    """The end of a negation's scope that stops at `high`, carried over a relative clause that
    starts right there, no further than `reach` (the sentence's end or a terminator)."""
    clause = _RELATIVE.match(text, high, reach)
    return clause.end() if clause else high


PARAGRAPH_REACH = 2000  # characters: a paragraph a question looks back over, never a page

_OPENING, _CLOSING = "\"“", "\"”"
QUOTATION_LIMIT = 2000  # characters: a quotation is a few sentences, never a page


def _quotation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quotation a speech trigger stands beside: `..." he said` or `she said: "..."`.
    Everything inside it is the speaker's, over as many sentences as it runs. The search looks
    at most QUOTATION_LIMIT characters away, so it stays linear in the page."""
    near = text[max(0, start - 3):start]
    before = near.rstrip(" ,.")
    if before and before[-1] in _CLOSING:
        close = start - (len(near) - len(before)) - 1
        window = text[max(0, close - QUOTATION_LIMIT):close]
        opening = max(window.rfind(q) for q in _OPENING)
        if opening >= 0:
            return close - len(window) + opening + 1, close
    near = text[end:end + 3]
    after = near.lstrip(" :,")
    if after and after[0] in _OPENING:
        opening = end + (len(near) - len(after))
        window = text[opening + 1:opening + 1 + QUOTATION_LIMIT]
        closing = min((i for i in (window.find(q) for q in _CLOSING) if i >= 0), default=-1)
        if closing >= 0:
            return opening + 1, opening + 1 + closing
    return None


# What may open a line before a reply's words: marks (a quote's ">", a bullet, bold, a quotation
# mark or bracket), then a speaker's or poster's label: "DR. PATEL:", "**Sam:**", "> Jo_88 wrote:".
_LINE_MARKS = r"[ \t>*_\-\u2022\"\u201c(]*"
_LABEL = r"[^\n:!?]{1,40}:[ \t*_\"\u201c]*"
_SPEAKER_LABEL = re.compile(rf"^{_LINE_MARKS}{_LABEL}")
_LINE_LEAD = re.compile(rf"{_LINE_MARKS}(?:{_LABEL})?")


_LINE_LEAD_REACH = 80  # characters: a label, bullet and quote mark before a reply are short


def _opens_its_line(text: str, at: int) -> bool:
    """Whether the text at `at` opens its line, a speaker's label, bullet or quote mark before it
    at most. It looks back a short way only, so it stays linear in the page."""
    reach = max(0, at - _LINE_LEAD_REACH)
    line = text.rfind("\n", reach, at)
    if line < 0 and reach > 0:
        return False
    return _LINE_LEAD.fullmatch(text, line + 1, at) is not None


def _previous_with_words(doc: Doc, sentences, index: int, lookback: int = 3):
    """The sentence before `index` that holds a word: a stray closing quote or bracket that the
    splitter left on its own is not what "That is not true." answers."""
    text = doc_text(doc)
    for k in range(index - 1, max(index - 1 - lookback, -1), -1):
        start, end = sentences[k]
        if any(ch.isalnum() for ch in text[start:end]):
            return sentences[k]
    return None


def context_at(scopes, start: int, end: int) -> str:
    """The context of the text from `start` to `end`: the highest-priority category whose scope
    overlaps it, a trigger inside the text itself not counting; else "asserted"."""
    return context_with_trigger(scopes, start, end)[0]


LONG_SCOPE = 2_000  # characters: scopes longer than this are few (sections, quotations) and always read


class Scopes(list):
    """A Doc's context scopes, `[low, high, category, trigger_start, trigger_end]` each, in the
    order they were found, with an index by position built on the first question asked of them:
    a claim reads only the scopes that start near it (and the few long ones), so a page with
    thousands of triggers costs no more per claim than one with ten."""

    _index: tuple | None = None

    def near(self, start: int, end: int) -> list[list]:
        """The scopes that may overlap start..end, in their original order."""
        if self._index is None or self._index[0] != len(self):
            short = sorted((scope[0], i) for i, scope in enumerate(self) if scope[1] - scope[0] <= LONG_SCOPE)
            longs = [i for i, scope in enumerate(self) if scope[1] - scope[0] > LONG_SCOPE]
            self._index = (len(self), [low for low, _ in short], [i for _, i in short], longs)
        _, lows, order, longs = self._index
        picked = order[bisect_left(lows, start - LONG_SCOPE):bisect_left(lows, end)]
        return [self[i] for i in sorted(picked + longs)] if longs else [self[i] for i in sorted(picked)]


def context_with_trigger(scopes, start: int, end: int) -> tuple[str, tuple[int, int] | None]:
    """`context_at`, with the (start, end) of the trigger behind it (None for "asserted")."""
    found = {}
    for low, high, category, t_start, t_end in (scopes.near(start, end) if isinstance(scopes, Scopes) else scopes):
        if low < end and start < high and not (start <= t_start and t_end <= end):
            found.setdefault(category, (t_start, t_end))
    category = next((c for c in PRIORITY if c in found), "asserted")
    return category, found.get(category)
