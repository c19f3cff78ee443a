"""Quantities: numbers with their range, unit and qualifier.

`QuantityParser.parse(text)` scans the text once with compiled patterns and returns
`Quantity` objects in order; the `auditor_quantities` component puts them on the Doc as
`doc.spans["quantities"]`, each span carrying `span._.quantity`.

What it reads: digits ("1,250.5"), number words ("twenty-five", "a month"), fractions
("two-thirds of", "half of", "one in five", "nearly all"), ranges ("4 to 6", "4–6",
"between 4 and 6", "one or two"; low and high kept, never averaged), qualifiers ("up to", "at
least", "more than", "about", "within", "nearly"), and units from `reference/units.csv` with
compound forms ("mg/kg/day", "mg per kg of body weight per day", "20 mg twice daily",
"30-day supply"), prices ("$1.5 million", "€20 a month"), scales ("12.3m", "25k", "tens of
thousands of"), negatives ("minus 5") and simple fractions ("1/2"). Units are
normalised: time to days, mass to mg, per-day doses to mg/day; `raw_low`/`raw_high`/`raw_unit`
keep the value and unit as written.

What it skips: years ("in 2019", "the 2020 model"), dates ("March 29", "9 May"), clock times
("11 a.m.", "10:27 PM"), ordinals ("22nd") and names with a number ("iPhone 11", "S&P 500",
"Game 7", "Type 2").

Currency codes ("RM79", "USD 10") and the patterns of financial news ("rose 6.5% to 164p", "lost
190 points, or 0.6%") are not read here: the NewsQuant benchmark adds them in
`benchmarks/newsquant_adapter.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from auditor.model import Quantity
from auditor.nlp.component import ReferenceComponent
from auditor.nlp.numbers import (
    DIGITS_RE,
    FRACTIONS,
    ONES,
    PLURAL_SCALES_RE,
    SCALE_ABBREVIATIONS_RE,
    SCALE_END_RE,
    SCALE_LETTERS_RE,
    SCALE_WORDS_RE,
    SCALES,
    TENS,
    WORDS_RE,
    parse_digits,
    parse_words,
    plural_scale_value,
    scale_value,
)
from auditor.nlp.text import doc_text, folds_alike, matches_from, phrase_alternation, phrase_tree, tree_pattern
from auditor.nlp.units import UnitReading, UnitTable
from auditor.reference import Reference, Unit

_FRACTION_WORDS = "|".join(sorted(FRACTIONS, key=len, reverse=True))

# A decimal said aloud ("zero point five", "point seven five"): the digit words it is read with.
_SPOKEN_DIGITS = {"zero": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
                  "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_SPOKEN_DIGIT = "|".join(_SPOKEN_DIGITS)
_NUMBER_BODY = rf"""(?:
        (?P<digits>{DIGITS_RE})
        (?:\s?(?:×\s?10(?=[-−^])|[x*]\s?10(?=\^))\^?(?P<exponent>[-−]?\d{{1,3}})\b)?
        (?:\s?(?P<mult>{SCALE_WORDS_RE}|{SCALE_ABBREVIATIONS_RE})\b|(?P<suffix>{SCALE_LETTERS_RE})(?![\w-]))?
      | (?P<nearly_all>\b(?:nearly|almost|virtually|practically)\s+(?:all|every(?:one|body)?)\b)
      | (?P<article>\b(?:a|an)(?:\s+(?:further|full|whole|additional|extra|single|complete))?\b)
        (?=[\s-]+(?:day|week|month|year)s?\b(?![\s-]+by[\s-]))
      | (?P<couple>\ba\s+couple(?:\s+of)?)(?=\s+(?:day|week|month|year)s?\b)
      | (?P<single>\b(?:a|one)\s+single\b)(?![\s-]+\d)
      | (?P<plural_scale>\b(?:(?:tens|hundreds)\s+of\s+)?(?:{PLURAL_SCALES_RE})\b)
        (?=\s+of\b)
      | (?P<bare_fraction>\b(?:half|a\s+(?:third|quarter|fifth|tenth)|one[\s-]+(?:half|third|quarter|fifth|tenth))\b)
      | (?P<spoken>\b(?:(?:{WORDS_RE}|oh|nought)[\s-]+)?point(?:[\s-]+(?:{_SPOKEN_DIGIT}))+\b)
      | (?P<words>\b{WORDS_RE}\b)
    )"""


_COUPLE_RE = re.compile(r"a\s+couple\b", re.IGNORECASE)


def number_pattern(codes: tuple[str, ...]) -> re.Pattern:
    """NUMBER: a number starts a word, or follows one of `codes` written against it ("sub-5")."""
    return re.compile(
        r"(?:(?<![\w.,/:])(?<!\w-)|" + "|".join(f"(?<={re.escape(c)})" for c in codes) + ")" + _NUMBER_BODY,
        re.IGNORECASE | re.VERBOSE,
    )


# Words a number may be written against: "sub-5%", "minus-3".
WORD_PREFIXES = ("sub-", "minus-")
NUMBER = number_pattern(WORD_PREFIXES)
# The second number of a range follows a dash directly ("10-20%"), which NUMBER refuses.
RANGE_NUMBER = re.compile(_NUMBER_BODY, re.IGNORECASE | re.VERBOSE)
# Where NUMBER can start: a digit (the first of its run), a "." before a digit, or a word that
# opens one of its alternatives. Python's re tries NUMBER's lookbehinds and alternations at
# every position of the text; visiting only these places is several times faster and finds
# exactly the same matches (tests/test_quantities.py compares the two on every corpus text).
_OPENING_WORDS = frozenset({
    *ONES, *TENS, *SCALES, "a", "an", "nearly", "almost", "virtually", "practically",
    "tens", *(f"{scale}s" for scale in SCALES), "half", "point", "oh", "nought",
})
# The opening words are matched as NUMBER matches them (re.IGNORECASE: "ſix" is "six"), as
# whole runs of letters, in one scan: the engine, not Python, passes over the other words.
_CANDIDATE = re.compile(r"(?<!\d)\d|\.(?=\d)|(?<![^\W\d_])(?:" + phrase_alternation(_OPENING_WORDS)
                        + r")(?![^\W\d_])", re.IGNORECASE)


def _folded_candidates(words) -> re.Pattern:
    """_CANDIDATE for a lower-cased text (see `folds_alike`), written so that the engine turns
    most places down at their first character: each branch opens with a plain character (a
    digit, ".", a word's first letter), and the look back that it starts a run comes after it.
    Without re.IGNORECASE; about twice as fast."""
    tree = phrase_tree(words, lambda word: r"(?![^\W\d_])")
    return re.compile("|".join([r"\d(?<!\d\d)", r"\.(?=\d)"] + [
        rf"{first}(?<![^\W\d_]{first}){tree_pattern(rest)}" for first, rest in sorted(tree.items())]))


_FOLDED_CANDIDATE = _folded_candidates(_OPENING_WORDS)


def number_matches(text: str, number: re.Pattern = NUMBER) -> Iterator[re.Match]:
    """The matches of `number` in `text`, exactly as `number.finditer(text)` gives them."""
    folded = text.lower()
    candidates = _FOLDED_CANDIDATE.finditer(folded) if folds_alike(text, folded) else _CANDIDATE.finditer(text)
    return matches_from(number, text, (candidate.start() for candidate in candidates))


QUALIFIERS = (
    ("up_to", r"up\s*to|as\s+(?:many|much|high|long)\s+as|a\s+maximum\s+of|at\s+most|"
              r"(?:no|not|never)\s+more\s+than|no[t]?\s+longer\s+than|no[t]?\s+later\s+than|"
              r"maximum(?:\s+of)?|max\.?|≤|<="),
    ("at_least", r"at\s+least|a\s+minimum\s+of|(?:no|not|never)\s+less\s+than|no\s+fewer\s+than|"
                 r"no[t]?\s+sooner\s+than|no[t]?\s+earlier\s+than|minimum(?:\s+of)?|min\.?|≥|>="),
    ("more_than", r"more\s+than|greater\s+than|higher\s+than|longer\s+than|in\s+excess\s+of|upwards\s+of|"
                  r"exceeding|beyond|over|above|>"),
    ("less_than", r"less\s+than|fewer\s+than|lower\s+than|shorter\s+than|(?:just\s+)?under|just\s+shy\s+of|"
                  r"below|<|sub-"),
    ("nearly", r"nearly|almost|close\s+to"),
    ("about", r"about|around|approximately|approx\.?|roughly|circa|ca\.|an\s+estimated|estimated|some|"
              r"something\s+like|~|≈"),
    ("within", r"within|w/in|in\s+under|inside\s+of"),
)
# The qualifier must start a word; the lookbehind keeps the space (or a newline, or Markdown's
# "**") out of the match, so a claim's span never reaches back into the previous line.
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(*_]))(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in QUALIFIERS)
    + r")\s*(?:(?:between|from)\s+)?$",
    re.IGNORECASE,
)
# A bound written after the amount: "a year or more", "20 mg or less", "six weeks or so".
_QUALIFIER_AFTER_RE = re.compile(
    r"\s+(?:(?P<at_least>or\s+(?:more|longer|above|over|greater)|and\s+(?:up|above|over|longer))"
    r"|(?P<up_to>or\s+(?:less|fewer|under|below|shorter))|(?P<about>or\s+so))\b",
    re.IGNORECASE,
)
# A range written high to low by ten times or more, with a dash, is no range: a list's item number
# runs into the range the item gives when a page's list is scraped to text ("2" + "0.5-0.75").
_GLUED_LIST_NUMBER = 10
_DASH_AFTER = re.compile(r"\s*[-–—]")
RANGE_MARK_RE = re.compile(r"(?:^|(?<=\s))(between|from)\s+$", re.IGNORECASE)
CONNECTOR_RE = re.compile(r"\s*(?:(?P<dash>[-–—])|(?P<word>to|and|or|through|until))\s*", re.I)
_RATIO_RE = re.compile(r"[\s-]+(?:in|out\s+of)[\s-]+(?=\S)", re.IGNORECASE)
_FRACTION_AFTER_RE = re.compile(rf"[\s-]+({_FRACTION_WORDS})\b", re.IGNORECASE)
_OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)
_BY_BEFORE_RE = re.compile(
    r"\bby\s+(?:(?:roughly|about|around|nearly|almost|approximately|some|more\s+than|over|at\s+least|"
    r"up\s+to|less\s+than|under|just\s+over|just\s+under)\s+)?$",
    re.IGNORECASE,
)
# Symbols written before the number: (pattern, unit). Longest first.
PREFIXES = ((r"\$", "USD"), (r"€", "EUR"), (r"£", "GBP"), (r"¥", "JPY"), (r"₹", "INR"), (r"(?i:SPF)", "SPF"))


def prefix_patterns(prefixes: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, re.Pattern]:
    """The symbol right before a number (group `p<i>` names its row), and the symbol a range's
    second number may repeat ("$10 to $15 billion")."""
    before = re.compile(
        r"(?:^|(?<=[\s(/\[]))(?:" + "|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(prefixes))
        + r")\s?$"
    )
    repeated = re.compile(r"(?:" + "|".join(pattern for pattern, _ in prefixes) + r")\s?(?=[\d.])")
    return before, repeated


_NOT_A_NUMBER_AFTER = re.compile(
    r"[-/]\d+[-/]\d|:\d|\.\d|\s?(?:st|nd|rd|th)\b"
    r"|\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\s(?:GMT|UTC|BST|CET|[ECMP][SD]T)\b",  # clock times
    re.IGNORECASE,
)
_SLASH_FRACTION_RE = re.compile(r"[/⁄](\d{1,4})\b(?![/⁄.,-]\d)")
_MONTHS = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
           r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\.?,?\s+$")
_MONTH_AFTER_RE = re.compile(rf",?\s+(?:{_MONTHS})\b")
_YEAR_BEFORE_RE = re.compile(
    r"\b(?:in|since|by|until|till|of|from|during|before|after|early|late|mid|the|a|an|between|and|to|"
    r"through|season|year|fiscal|FY|circa|c\.)\s+$|^\s*$|[,(]\s*$",
    re.IGNORECASE,
)
_BRACKETED_RE = re.compile(r"\($")
_AGE_APPOSITION_RE = re.compile(r"\b[A-Z][a-z]+,\s$")
_DATE_BEFORE_RE = re.compile(r"\b(?:on|since|until|by|dated?)\s+$", re.IGNORECASE)
_DECADE_AFTER_RE = re.compile(r"(?:'|’|′)?s\b")
# A capitalised word right before a number names a thing: "iPhone 11", "S&P 500", "Game 7";
# not when it opens a sentence, a line or a list item ("- Have two tests").
_NAME_BEFORE_RE = re.compile(
    r"(?<![.!?:;]\s)(?<!^)(?<!\n)(?<!\n[-*+•]\s)(?<!\n\d[.)]\s)\b(?:[A-Z][\w&]*|[a-z]+[A-Z]\w*)\s$"
)
_NAME_EXEMPT = re.compile(
    r"(?:Over|About|Around|Nearly|Almost|Only|Just|Some|All|Up|Top|Under|Below|Above|At|Than|To|"
    r"Approximately|Roughly|Between|From|Within|Each|Every|The|And|Or|Of|In|By|For|With|On|After|"
    r"Before|Since)\s$"
)
_PLUS_RE = re.compile(r"(?:^|(?<=[\s(]))\+$")
_NEGATIVE_RE = re.compile(r"(?:(?:^|(?<=[\s($]))[-−]|\bminus[\s-])$", re.IGNORECASE)
# "$3,500 a month", "800,000 barrels a day", "five percent a year": a rate, not one month.
_RATE_BEFORE_RE = re.compile(r"(?:\d[\d,.]*\S*|%|\)|\bper\s?cent|\bpercent)(?:\s+(?!least\b)[a-z]+s)?\s+$",
                             re.IGNORECASE)
# "a year ago", "a year later", "I'm now a year out": a point in time, not an amount of it.
_ARTICLE_NOT_AFTER = re.compile(r"[\s-]+\w+\s+(?:ago|earlier|later|out\b(?!\s+of))\b", re.IGNORECASE)
_OF_NOUN_RE = re.compile(r"\s+of\s+([A-Za-z]{3,})\b")
_TIME_PREFIX_RE = re.compile(r"\b(days?|weeks?|months?|years?)\s+$", re.IGNORECASE)
_COUNT_NOUN_RE = re.compile(  # what a bare count counts: the word after it, on its line or the next
    r"(?:[^\S\n]|-|\n(?![^\S\n]*\n))+"  # not across a blank line: "Notifications 2\n\nSkin care" counts no skin
    r"(?!(?:of|to|and|or|in|on|at|by|for|the|a|an|is|are|was|were|per|than|from|with|as|"
    r"that|this|it|its|after|before|during|times?|which|who|whom|whose|what|you|your|we|our|they|their|them|"
    r"he|she|his|her|him|my|me|not|also|so|if|but|then|when|while|where|there|here|can|may|will|would|"
    r"should|could|has|have|had|be|been|do|does|did)\b)([a-z]{3,})\b",
    re.IGNORECASE,
)
_ONE_NOT_A_NUMBER = re.compile(
    r"\s+(?:of\s+(?:the|these|those|its|his|her|their|our|my|your|them|us|which)\b|another\b|"
    r"thing\b|way\b|side\b|another)",
    re.IGNORECASE,
)
_ONE_PRONOUN_BEFORE = re.compile(  # "the last one", "any one", "the only one": a pronoun ("only one test" counts)
    r"\b(?:no|any|every|some|the|this|that|which|each|someone|anyone|the\s+only|last|first|next|previous|"
    r"other|same|right|wrong)\s+$",
    re.IGNORECASE,
)
# "the first one to four weeks", "the last one or two months": "one" opens a range, no pronoun
_ONE_OPENS_RANGE = re.compile(
    r"\s*(?:[-\u2013]|to|or)\s*(?:\d|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
    re.IGNORECASE)
# "twice a week", "three days a week", "8 hours a day": "a week" is what the count is per, no time
_REPEAT_BEFORE = re.compile(r"\b(?:once|twice|times|per|every|each|a|days|nights|hours|mornings|evenings|sessions)\s+$",
                            re.IGNORECASE)
_LOOKBACK = 40
# _PREFIX_RE, _NEGATIVE_RE and _PLUS_RE match at most 6 characters and end at the end of what
# they search: searching the last _SHORT characters finds what searching all 40 finds (a match
# that began at the cut would be 8 long), at a fifth of the cost.
_SHORT = 8


_METRES_NOT_AFTER = re.compile(r"\s+[a-z]")
_OVER_RE = re.compile(r"over\s*$", re.IGNORECASE)
_POINT_NOT_BEFORE = re.compile(r"\b(?:at|this|that|the|which|what|some|any|each|every|no|a|one)\s+$",
                               re.IGNORECASE)
_BARE_POINT_BEFORE = re.compile(r"\s*(?:(?:to|or|and)\s|[-–]|%|per\b|percent|milligram|mg\b|microgram|gram)",
                                re.IGNORECASE)
_HALF_NOT_BEFORE = re.compile(r"\b(?:first|second|other|the|a)\s+$", re.IGNORECASE)
_ONE_SCALE_BEFORE = re.compile(r"\b(?:a|one)\s+$", re.IGNORECASE)


def _top(part: Measure | RangeEnd) -> float:
    """The factor of the top of what a unit makes: "25 mg once or twice daily" is 25 to 50 mg daily."""
    return part.factor if part.top is None else part.top


def text_before(text: str, start: int, width: int = _LOOKBACK) -> str:
    return text[max(0, start - width):start]


# -- what each step of reading one quantity returns -----------------------------------------


@dataclass(frozen=True, slots=True)
class Value:
    """The first number: its value, where it ends, a unit it fixes itself (% for "half of"),
    and the value as written (0.5 for "half of")."""

    number: float
    end: int
    unit: str | None
    written: float


@dataclass(frozen=True, slots=True)
class Prefix:
    """What stands right before the number: a symbol ("$", "SPF") and a sign ("-", "+", "minus")."""

    start: int
    unit: str = ""  # the symbol's unit, or a currency's before a sign ("$-50.8bn")
    symbol: str = ""  # the symbol as written
    negative: bool = False
    sign: str = ""  # the sign as written before the number: "-", "−" or "+" ("minus" is none)


@dataclass(frozen=True, slots=True)
class Measure:
    """The signed number with its unit (after it, or a time word before it: "weeks 1-4")."""

    start: int
    end: int
    number: float
    written: float
    unit: str
    factor: float
    written_unit: str
    top: float | None = None  # the factor of the top of a range the unit makes ("once or twice daily")


@dataclass(frozen=True, slots=True)
class RangeEnd:
    """The second number of a range, its unit if it has one, and the scale it is written with."""

    number: float
    unit: str
    factor: float
    end: int
    written_unit: str
    scale: float  # "four to five thousand": 1000, which the first number shares; 0 for none
    top: float | None = None  # as Measure.top


@dataclass(frozen=True, slots=True)
class Amount:
    """A quantity's values (normalised and as written), unit and extent, before its qualifier."""

    start: int
    end: int
    low: float
    high: float
    written_low: float
    written_high: float
    unit: str
    written_unit: str
    is_range: bool = False
    marked: bool = False  # "between 4 and 6", "from 240 to 273": a range said as one


@dataclass(frozen=True, slots=True)
class Qualifier:
    """"up to", "at least", "about"... before the amount, and where the quantity then starts."""

    name: str
    start: int
    end: int = 0  # where the quantity ends when the qualifier follows it ("a year or more"); 0 for none


class QuantityParser:
    """Finds quantities in text. Built once from the unit table; `parse` is linear in the text.

    `prefixes` and `number` are the symbols and number pattern it reads; a subclass may widen
    them (the NewsQuant benchmark reads currency codes the product does not need).
    """

    prefixes = PREFIXES
    number = NUMBER

    def __init__(self, units: dict[str, Unit]):
        self.units = UnitTable(units)
        self._prefix_re, self._range_prefix_re = prefix_patterns(self.prefixes)

    def parse(self, text: str) -> list[Quantity]:
        found: list[Quantity] = []
        end = 0
        for match in number_matches(text, self.number):
            if match.start() < end:
                continue
            quantity = self._read(text, match)
            if quantity is not None:
                found.append(quantity)
                end = quantity.end
            elif match.group("digits"):
                end = match.end()  # the rest of a date, time or name is not a new number
        return _joined_times(text, found)

    # -- one quantity, from its first number: the steps in order ------------------------------

    def _read(self, text: str, match: re.Match) -> Quantity | None:
        """Each step returns a small frozen record (or None: not a quantity) that the later steps
        read and none changes. The value comes before the prefix, which a value that fixes its own
        unit ("half of" is %) does not take."""
        value = self._value(text, match)
        if value is None:
            return None
        prefix = self._prefix(text, match, value)
        if prefix is None:
            return None
        measure = self._measure(text, match, value, prefix)
        amount = self._range(text, match, measure, prefix) or self._single(text, match, measure)
        if self._not_a_quantity(text, match, measure, amount):
            return None
        qualifier = self._qualifier(text, amount)
        return self._quantity(text, prefix, amount, qualifier)

    def _quantity(self, text: str, prefix: Prefix, amount: Amount, qualifier: Qualifier) -> Quantity:
        """The quantity the steps read (a subclass may add to it: the NewsQuant adapter's change)."""
        end = max(amount.end, qualifier.end)
        return Quantity(qualifier.start, end, text[qualifier.start:end], amount.low,
                        amount.high, amount.unit or "count", qualifier.name,
                        amount.written_low, amount.written_high, amount.written_unit)

    # -- value: the first number -------------------------------------------------------------

    def _value(self, text: str, match: re.Match) -> Value | None:
        if match.group("digits"):
            return self._digits(text, match)
        if match.group("nearly_all"):
            return Value(100.0, match.end(), "%", 1.0)
        if match.group("article"):
            return self._article(text, match)
        if match.group("couple"):  # "a couple of weeks": two, roughly
            return Value(2.0, match.end(), None, 2.0)
        if match.group("single"):  # "a single negative test", "one single method"
            return self._share(text, match, 1.0)
        if written := match.group("plural_scale"):
            number = plural_scale_value(written)
            return Value(number, match.end(), None, number)
        if match.group("bare_fraction"):
            return self._bare_fraction(text, match)
        if match.group("spoken"):
            return self._spoken(text, match)
        return self._words(text, match)

    def _digits(self, text: str, match: re.Match) -> Value | None:
        pos = match.end()
        digits = match.group("digits")
        scale = match.group("mult") or match.group("suffix")
        if (slash := _SLASH_FRACTION_RE.match(text, pos)) and not scale and "." not in digits:
            numerator, denominator = parse_digits(digits), float(slash.group(1))
            if 0 < numerator < denominator and not _DATE_BEFORE_RE.search(text_before(text, match.start(), 8)):
                return Value(numerator / denominator, slash.end(), None, numerator / denominator)
            return None  # "1/2 pound" is a fraction; "24/7" and "on 9/11" are not
        after = text[pos:pos + 24]
        if _NOT_A_NUMBER_AFTER.match(after) or after[:1] in ("/", "⁄"):
            return None
        number = parse_digits(digits)
        if exponent := match.group("exponent"):
            number *= 10.0 ** int(exponent.replace("−", "-"))
        if scale:
            number *= scale_value(scale)
        return self._share(text, match, number)

    def _spoken(self, text: str, match: re.Match) -> Value | None:
        """A decimal said aloud, as a transcript writes it: "zero point five" is 0.5, "ninety-five
        point two five" 95.25; not the noun "point" after a word that makes it one ("at one point five
        people left", "at this point three")."""
        whole, _, decimals = match.group("spoken").lower().replace("-", " ").partition("point")
        whole = whole.strip()
        if whole in ("", "one") and _POINT_NOT_BEFORE.search(text_before(text, match.start(), 12)):
            return None
        if not whole and not _BARE_POINT_BEFORE.match(text, match.end()):
            return None  # "the turning point two years later": a bare "point" opens a dose or a range
        digits = "".join(str(_SPOKEN_DIGITS[w]) for w in decimals.split())
        units = _SPOKEN_DIGITS.get(whole) if whole in _SPOKEN_DIGITS else parse_words(whole) if whole else 0
        if units is None:
            return None
        number = units + float("0." + digits)
        return Value(number, match.end(), None, number)

    def _article(self, text: str, match: re.Match) -> Value | None:
        look = text_before(text, match.start(), 30)
        if _REPEAT_BEFORE.search(look[-12:]) or _RATE_BEFORE_RE.search(look) \
                or _ARTICLE_NOT_AFTER.match(text, match.end()):
            return None
        return self._share(text, match, 1.0)

    def _bare_fraction(self, text: str, match: re.Match) -> Value | None:
        pos = match.end()
        if text[pos:pos + 1] == "-" or _HALF_NOT_BEFORE.search(text_before(text, match.start(), 8)):
            return None  # "half-staff", "the second half"
        return self._fraction(text, match.start(), pos, _bare_fraction_value(match.group("bare_fraction")))

    def _words(self, text: str, match: re.Match) -> Value | None:
        words = match.group("words")
        number = parse_words(words)
        if number is None:
            return None
        start = match.start()
        if words.lower() in SCALES and not _ONE_SCALE_BEFORE.search(text_before(text, start, 5)):
            return None  # "several hundred", "parts per million"
        if words.lower() == "one" and (
            _ONE_NOT_A_NUMBER.match(text[match.end():match.end() + 24])
            or (_ONE_PRONOUN_BEFORE.search(text_before(text, start, 12))
                and not _ONE_OPENS_RANGE.match(text, match.end()))
        ):
            return None
        return self._share(text, match, number)

    def _share(self, text: str, match: re.Match, number: float) -> Value:
        """The number, or the share it makes with what follows: "one in five", "two-thirds"."""
        pos = match.end()
        scaled = match.group("mult") or match.group("suffix")
        if not scaled and (ratio := self._ratio(text, pos, number)) is not None:
            share, end = ratio
            return Value(100.0 * share, end, "%", share)
        fraction = _FRACTION_AFTER_RE.match(text, pos)
        if fraction and not match.group("digits"):
            return self._fraction(text, match.start(), fraction.end(),
                                  number / FRACTIONS[fraction.group(1).lower()])
        return Value(number, pos, None, number)

    def _ratio(self, text: str, pos: int, number: float) -> tuple[float, int] | None:
        """The share `number` makes with a denominator after `pos` ("one in five", "4 out of
        10"), and where it ends; None when no ratio follows (or its "denominator" is a year)."""
        ratio = _RATIO_RE.match(text, pos)
        if ratio is None:
            return None
        denominator = self.number.match(text, ratio.end())
        d = self._plain(denominator) if denominator else None
        if not d or number > d or (denominator.group("digits") and _is_year(d)):
            return None
        return number / d, denominator.end()

    def _fraction(self, text: str, start: int, pos: int, number: float) -> Value:
        """A fraction is a share of something ("two-thirds of patients") or of a change ("falls by
        two-thirds"): a percentage either way."""
        if _OF_RE.match(text, pos) or _BY_BEFORE_RE.search(text_before(text, start, 30)):
            return Value(100.0 * number, pos, "%", number)
        return Value(number, pos, None, number)

    def _plain(self, match: re.Match) -> float | None:
        if match.group("digits") and not match.group("mult") and not match.group("suffix"):
            return parse_digits(match.group("digits")) or None
        if match.group("words"):
            return parse_words(match.group("words")) or None
        return None

    # -- prefix: a symbol and a sign before the number -------------------------------------

    def _prefix(self, text: str, match: re.Match, value: Value) -> Prefix | None:
        """What stands before the number (None: it cannot be a quantity; a subclass may say so)."""
        start = match.start()
        found = self._prefix_re.search(text_before(text, start, _SHORT))
        if found and value.unit is None:
            prefix = Prefix(start - len(found.group(0)), self._symbol_unit(found), found.group(0).strip())
        else:
            prefix = Prefix(start)
        return self._signed(text, prefix) if match.group("digits") else prefix

    def _signed(self, text: str, prefix: Prefix) -> Prefix:
        """The prefix with the sign before it: "-5", "minus 5", "+0.2%", "$-50.8bn"."""
        if negative := _NEGATIVE_RE.search(text_before(text, prefix.start, _SHORT)):
            start = prefix.start - len(negative.group(0))
            money = self._prefix_re.search(text_before(text, start, _SHORT))
            return replace(prefix, start=start, unit=prefix.unit or self._symbol_unit(money), negative=True,
                           sign=negative.group(0)[0] if negative.group(0)[0] in "-−" else "")
        if plus := _PLUS_RE.search(text_before(text, prefix.start, _SHORT)):
            return replace(prefix, start=prefix.start - len(plus.group(0)), sign="+")
        return prefix

    def _symbol_unit(self, found: re.Match | None) -> str:
        return self.prefixes[int(found.lastgroup[1:])][1] if found else ""

    # -- unit: the number's unit, after it or before it ------------------------------------

    def _unit(self, text: str, pos: int) -> UnitReading:
        return self.units.read(text, pos) or UnitReading("", 1.0, pos, "")

    def _measure(self, text: str, match: re.Match, value: Value, prefix: Prefix) -> Measure:
        # "37m (121ft)": metres, not millions; "24M" (age and sex): neither
        metres = _is_metres(text, match, prefix, value.end)
        number, written = (value.number / 1e6, value.written / 1e6) if metres else (value.number, value.written)
        if prefix.negative:
            number, written = -number, -written
        unit = self._unit_after(text, match, value, metres)
        written_unit = f"{prefix.symbol} {unit.written}".strip() if prefix.symbol else unit.written
        if not unit.unit and not prefix.unit and (time := _TIME_PREFIX_RE.search(text_before(text, prefix.start))):
            named = self.units.named(time.group(1))  # "weeks 1-4"
            return Measure(prefix.start - len(time.group(0)), unit.end, number, written, named.unit,
                           named.factor, time.group(1))
        return Measure(prefix.start, unit.end, number, written, unit.unit or prefix.unit, unit.factor,
                       written_unit, unit.high_factor)

    def _unit_after(self, text: str, match: re.Match, value: Value, metres: bool) -> UnitReading:
        if metres and match.group("suffix") == "m":
            return UnitReading("m", 1.0, value.end, "m")
        if value.unit:
            return UnitReading(value.unit, 1.0, value.end, "")
        return self._unit(text, value.end - 1 if metres else value.end)

    # -- range: a second number joined to the first ----------------------------------------

    def _range(self, text: str, match: re.Match, measure: Measure, prefix: Prefix) -> Amount | None:
        if match.group("plural_scale"):
            return None
        mark = RANGE_MARK_RE.search(text_before(text, measure.start))
        second = self._range_end(text, measure.end, bool(mark), measure, bool(match.group("words")))
        if second is None:
            return None
        number, written_low = _shared_scale(match, measure, second)
        if second.unit == "%" and not measure.unit and _fraction_word(text, match) is not None:
            number = 100.0 * number  # "a quarter to 40%", "a third to half of them": shares both
        low, unit, written_unit = number * measure.factor, measure.unit, measure.written_unit
        if second.unit and (not unit or self.units.same_dimension(unit, second.unit)):
            # "a week to ten days": each end in its own unit; "25 mg to 50 mg twice daily": the
            # second end's frequency makes a dose of the first as well
            low = number * (measure.factor if unit == second.unit else second.factor)
            unit = second.unit
            written_unit = written_unit if prefix.symbol else second.written_unit
        high = second.number * (_top(second) if second.unit else _top(measure))
        written_high = second.number
        if high < low:
            if low >= _GLUED_LIST_NUMBER * high and _DASH_AFTER.match(text, measure.end):
                return None  # "20.5-0.75 mg/kg/day": a scraped list's item number glued to its range
            low, high, written_low, written_high = high, low, written_high, written_low
        start = measure.start - len(mark.group(0)) if mark else measure.start
        return Amount(start, second.end, low, high, written_low, written_high, unit, written_unit,
                      True, bool(mark))

    def _range_end(self, text: str, pos: int, marked: bool, first: Measure, words: bool) -> RangeEnd | None:
        unit = first.unit
        connector = CONNECTOR_RE.match(text, pos)
        if connector is None:
            return None
        # "120 mg/kg -150 mg/kg": a dash glued to the second number joins two ends each written
        # with its unit; after a bare number it is a sign ("50 -1.3%").
        signed = _glued_dash(connector, pos)
        if not signed and not _joins_range(connector, pos, marked):
            return None
        begin = connector.end()
        if symbol := self._range_prefix_re.match(text, begin):
            begin = symbol.end()
        number = RANGE_NUMBER.match(text, begin)
        if number is None:
            return None
        fraction = _fraction_word(text, number) if unit in ("", "%") else None
        if fraction is not None and (unit == "%" or _OF_RE.match(text, fraction[1])):
            # "a third to half of patients", "20% to a quarter": a share written as a fraction
            return RangeEnd(100.0 * fraction[0], "%", 1.0, fraction[1], "", 0)
        value = self._range_value(text, number)
        if value is None:
            return None
        if unit == "%" and (share := self._ratio_end(text, number, value)) is not None:
            return share  # "1 in 6 to 1 in 4 users": a range of shares, each written as a ratio
        high_unit = self._unit(text, number.end())
        if unit and high_unit.unit and not self.units.same_dimension(unit, high_unit.unit):
            return None
        if signed and not (unit and high_unit.unit and connector.end() - connector.start() <= 3):
            return None
        if (connector.group("word") or "").lower() == "or" and not (
            (words and number.group("words") and not unit and not high_unit.unit)
            or _rough_measure(first, value, high_unit.unit)
        ):
            return None  # "one or two" is a rough count; "8 or $9", "25k or 40k" are two amounts
        return RangeEnd(value, high_unit.unit, high_unit.factor, high_unit.end, high_unit.written,
                        _range_scale(number), high_unit.high_factor)

    def _ratio_end(self, text: str, number: re.Match, value: float) -> RangeEnd | None:
        """The second end of a range of shares when it is a ratio too ("... to 1 in 3")."""
        if number.group("mult") or number.group("suffix"):
            return None
        ratio = self._ratio(text, number.end(), value)
        return RangeEnd(100.0 * ratio[0], "%", 1.0, ratio[1], "", 0) if ratio is not None else None

    def _range_value(self, text: str, number: re.Match) -> float | None:
        if words := number.group("words"):
            return parse_words(words) or None
        digits = number.group("digits")
        if not digits:
            return None
        end = number.end()
        if _NOT_A_NUMBER_AFTER.match(text, end) or text[end:end + 1] in ("/", "⁄"):
            return None
        scale = number.group("mult") or number.group("suffix")
        return parse_digits(digits) * scale_value(scale) if scale else parse_digits(digits)

    # -- no range: what a bare count counts ------------------------------------------------

    def _single(self, text: str, match: re.Match, measure: Measure) -> Amount:
        low, high = measure.number * measure.factor, measure.number * _top(measure)
        if match.group("plural_scale"):
            low, high = measure.number, measure.number * 10  # "thousands of": 1,000 to 10,000
        single = Amount(measure.start, measure.end, low, high, low if match.group("plural_scale")
                        else measure.written, high if match.group("plural_scale") else measure.written,
                        measure.unit, measure.written_unit,
                        is_range=measure.top is not None and not match.group("plural_scale"))
        if measure.unit:
            return single
        if match.group("plural_scale") and (noun := _OF_NOUN_RE.match(text, measure.end)):
            unit = self._unit(text, noun.start(1) - 1)  # "thousands of dollars"
            if unit.unit:
                return replace(single, end=unit.end, low=low * unit.factor, high=high * unit.factor,
                               unit=unit.unit, written_unit=unit.written)
            return replace(single, end=noun.end(), written_unit=noun.group(1))
        if noun := _COUNT_NOUN_RE.match(text, measure.end):
            return replace(single, end=noun.end(), written_unit=noun.group(1))
        return single

    # -- not a quantity: a year, a date, a label, a name -----------------------------------

    def _not_a_quantity(self, text: str, match: re.Match, measure: Measure, amount: Amount) -> bool:
        """A year, a date, a label, a description or a name with a number ("iPhone 11")."""
        if not measure.unit and (_is_year_alone(text, match, measure)
                                 or _is_description(text, match, measure, amount)):
            return True
        if amount.unit and amount.unit != "count":
            return False
        before = text_before(text, amount.start)
        return _is_date(text, match, before, amount) or _is_label(text, match, before, amount) \
            or _is_name(match, before)

    # -- qualifier: "up to", "at least", "about" before it ---------------------------------

    def _qualifier(self, text: str, amount: Amount) -> Qualifier:
        before = text_before(text, amount.start)
        found = _QUALIFIER_RE.search(before)
        if found is None and _COUPLE_RE.match(text, amount.start):
            return Qualifier("about", amount.start)
        if found is None:
            if amount.unit and amount.unit != "count" and (after := _QUALIFIER_AFTER_RE.match(text, amount.end)):
                return Qualifier(after.lastgroup, amount.start, after.end())  # "6 months or longer"
            return Qualifier("exact", amount.start)
        if found.lastgroup == "more_than" and amount.unit == "day" and _OVER_RE.search(before):
            return Qualifier("exact", amount.start)  # "over 5 months" is a duration, not a bound
        return Qualifier(found.lastgroup, max(0, amount.start - len(found.group(0))))



def _is_metres(text: str, match: re.Match, prefix: Prefix, end: int) -> bool:
    """Is the "m" after the digits metres or nothing, rather than millions?"""
    return (match.group("suffix") or "").lower() == "m" and not prefix.symbol \
        and not _OF_NOUN_RE.match(text, end) and not _METRES_NOT_AFTER.match(text[end:end + 2])


def _shared_scale(match: re.Match, measure: Measure, second: RangeEnd) -> tuple[float, float]:
    """The first number as it reads with the second's scale ("four to five thousand", "$10 to $15
    billion"), as normalised and as written."""
    if second.scale and not match.group("mult") and not match.group("suffix") \
            and measure.number <= second.number / second.scale:
        return measure.number * second.scale, measure.written * second.scale
    return measure.number, measure.written


def _bare_fraction_value(written: str) -> float:
    """"half", "a quarter", "one-third": the fraction its last word names."""
    return 1 / FRACTIONS[written.lower().split()[-1].split("-")[-1]]


def _fraction_word(text: str, number: re.Match) -> tuple[float, int] | None:
    """A fraction written in words ("half", "a quarter", "two-thirds"; not "1/2"): its value and
    where it ends, or None."""
    if written := number.group("bare_fraction"):
        return _bare_fraction_value(written), number.end()
    after = _FRACTION_AFTER_RE.match(text, number.end()) if number.group("words") else None
    if after is None:
        return None
    return (parse_words(number.group("words")) or 0) / FRACTIONS[after.group(1).lower()], after.end()


def _rough_measure(first: Measure, second: float, unit: str) -> bool:
    """"4 or 5 months", "two or three weeks", "80 or 90%": a rough measure, one range, when only
    the second figure carries the unit and it is the larger, at most twice the first. Two
    amounts each with its own unit or scale ("25k or 40k") stay two."""
    return (not first.unit and unit not in ("", "count") and first.number > 0
            and first.number < second <= 2 * first.number)


def _glued_dash(connector: re.Match, pos: int) -> bool:
    """Whether the connector is a dash with space before it and none after ("50 -1.3%")."""
    return bool(connector.group("dash")) and connector.start("dash") > pos \
        and connector.end() == connector.end("dash")


def _joins_range(connector: re.Match, pos: int, marked: bool) -> bool:
    """Does the connector join two numbers? "and" only after "between"/"from"; a dash with space
    around it is a list separator ("4 - Many users"), one before a digit a sign ("50 -1.3%")."""
    if (connector.group("word") or "").lower() == "and" and not marked:
        return False
    return not (connector.group("dash") and (connector.end() - connector.start() > 3 or _glued_dash(connector, pos)))


def _range_scale(number: re.Match) -> float:
    """The scale a range's second number is written with ("4 to 5 thousand"), or 0."""
    scale = number.group("mult") or number.group("suffix") or ""
    if number.group("words") and (found := SCALE_END_RE.search(number.group("words"))):
        scale = found.group(1)
    return scale_value(scale.split()[-1]) if scale else 0


def _is_year_alone(text: str, match: re.Match, measure: Measure) -> bool:
    """"rose in 2021 to 4.2 million": the year is no range end and no part of what follows."""
    return bool(re.fullmatch(r"\d{4}", match.group("digits") or "")) and _is_year(measure.number) and bool(
        _YEAR_BEFORE_RE.search(text_before(text, measure.start)) or _DECADE_AFTER_RE.match(text, measure.end)
    )


def _is_description(text: str, match: re.Match, measure: Measure, amount: Amount) -> bool:
    """"a six-speed gearbox", "a three-bed flat": a description, not a count."""
    return not amount.is_range and bool(match.group("words")) and text[measure.end:measure.end + 1] == "-" \
        and bool(_COUNT_NOUN_RE.match(text, measure.end))


def _is_date(text: str, match: re.Match, before: str, amount: Amount) -> bool:
    """A year ("in 2019", "the 1990s") or a day of the month ("March 29", "9 May")."""
    if not match.group("digits") or match.group("mult") or match.group("suffix"):
        return False
    return _is_year_written(text, match, before, amount) or _is_day_of_month(text, match, before)


def _is_year_written(text: str, match: re.Match, before: str, amount: Amount) -> bool:
    low, high, noun = amount.written_low, amount.written_high, amount.written_unit
    if not (re.fullmatch(r"\d{4}", match.group("digits")) and _is_year(low)):
        return False
    if amount.is_range and not _is_year(high) and high - low >= 100:
        return False  # "1990 to 2500 mg"
    return not noun or not noun.islower() or not noun.endswith("s") \
        or bool(_YEAR_BEFORE_RE.search(before) or _DECADE_AFTER_RE.match(text, match.end()))


def _is_day_of_month(text: str, match: re.Match, before: str) -> bool:
    digits = match.group("digits")
    return parse_digits(digits) <= 31 and "." not in digits and bool(
        _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(text, match.end())
    )


def _is_label(text: str, match: re.Match, before: str, amount: Amount) -> bool:
    """"Prescott (4)", a reference "(12)"; "Senard, 65, said": an age in apposition."""
    if not match.group("digits") or amount.written_unit:
        return False
    after = text[match.end():match.end() + 1]
    return bool(_BRACKETED_RE.search(before) and after == ")" or _AGE_APPOSITION_RE.search(before) and after == ",")


def _is_name(match: re.Match, before: str) -> bool:
    """A capitalised word before the number names a thing: "iPhone 11", "Type 2"."""
    name = _NAME_BEFORE_RE.search(before)
    return bool(name and not _NAME_EXEMPT.search(name.group(0)) and not _MONTH_BEFORE_RE.search(before)
                and (match.group("digits") or match.group("words")))


def _is_year(value: float) -> bool:
    return 1600 <= value <= 2099 and value == int(value)


# -- the spaCy component ---------------------------------------------------------------------

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@Language.factory(
    "auditor_quantities",
    default_config={"spans_key": "quantities"},
    assigns=["doc.spans", "span._.quantity"],
)
def make_quantities(nlp: Language, name: str, spans_key: str):
    """Assigns `doc.spans[spans_key]`: one span per quantity, with `span._.quantity`."""
    return QuantityComponent(nlp, name, spans_key)


class QuantityComponent(ReferenceComponent):
    def __init__(self, nlp: Language, name: str, spans_key: str):
        super().__init__(nlp, name)
        self.spans_key = spans_key

    def _load(self, reference: Reference) -> None:
        self.parser = QuantityParser(reference.units)

    def __call__(self, doc: Doc) -> Doc:
        self._require_reference()
        doc.spans[self.spans_key] = list(spans_for(doc, self.parser.parse(doc_text(doc))))
        return doc


def spans_for(doc: Doc, quantities: Iterable[Quantity]):
    for quantity in quantities:
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is not None and len(span):
            span._.quantity = quantity
            yield span


_AND_BETWEEN = re.compile(r"\s+and\s+", re.IGNORECASE)


def _joined_times(text: str, found: list[Quantity]) -> list[Quantity]:
    """A time told in two units, the larger first ("5 months and 2 weeks", "1 year and 6 months"),
    as one time: their sum, with the first's qualifier."""
    if len(found) < 2:
        return found
    joined: list[Quantity] = []
    for quantity in found:
        last = joined[-1] if joined else None
        if (last is not None and last.unit == quantity.unit == "day" and last.low == last.high
                and quantity.low == quantity.high and quantity.qualifier == "exact"
                and _AND_BETWEEN.fullmatch(text, last.end, quantity.start)
                and _unit_size(quantity) < _unit_size(last) and quantity.low < _unit_size(last)):
            total = last.low + quantity.low
            joined[-1] = replace(last, end=quantity.end, text=text[last.start:quantity.end], low=total,
                                 high=total, raw_low=total, raw_high=total, raw_unit="day")
            continue
        joined.append(quantity)
    return joined


def _unit_size(quantity: Quantity) -> float:
    """Days in the unit a time was written in ("5 months": 30.4375)."""
    return quantity.low / quantity.raw_low if quantity.raw_low else quantity.low
