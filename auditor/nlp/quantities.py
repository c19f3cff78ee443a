"""Quantities: numbers with their range, unit and qualifier.

`QuantityParser.parse(text)` scans the text once with compiled patterns and returns
`Quantity` objects in order; the `auditor_quantities` component puts them on the Doc as
`doc.spans["quantities"]`, each span carrying `span._.quantity`.

What it reads: digits ("1,250.5"), number words ("twenty-five", "a month"), fractions
("two-thirds of", "half of", "one in five", "nearly all"), ranges ("4 to 6", "4–6",
"between 4 and 6", "one or two"; low and high kept, never averaged), qualifiers ("up to", "at
least", "more than", "about", "within", "nearly"), and units from `reference/units.csv` with
compound forms ("mg/kg/day", "mg per kg of body weight per day", "20 mg twice daily",
"30-day supply"), currencies ("$1.5 million", "RM79", "US $89 to $93 billion"), scales ("12.3m",
"25k", "tens of thousands of"), negatives ("minus 5") and simple fractions ("1/2"). Units are
normalised: time to days, mass to mg, per-day doses to mg/day; `raw_low`/`raw_high`/`raw_unit`
keep the value and unit as written.

What it skips: years ("in 2019", "the 2020 model"), dates ("March 29", "9 May"), clock times
("11 a.m.", "10:27 PM"), ordinals ("22nd") and names with a number ("iPhone 11", "S&P 500",
"Game 7", "Type 2").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from auditor.model import Quantity
from auditor.nlp.component import ReferenceComponent
from auditor.nlp.numbers import (
    DIGITS_RE,
    FRACTIONS,
    ONES,
    SCALES,
    TENS,
    WORDS_RE,
    parse_digits,
    parse_words,
)
from auditor.nlp.text import doc_text
from auditor.reference import Reference, Unit

_FRACTION_WORDS = "|".join(sorted(FRACTIONS, key=len, reverse=True))

_SCALE_WORDS = r"hundred\s+(?:thousand|million|billion)|thousand|million|billion|trillion|hundred"
_NUMBER_BODY = rf"""(?:
        (?P<digits>{DIGITS_RE})
        (?:\s?(?:×\s?10(?=[-−^])|[x*]\s?10(?=\^))\^?(?P<exponent>[-−]?\d{{1,3}})\b)?
        (?:\s?(?P<mult>{_SCALE_WORDS}|bn|mn|mil|tn)\b|(?P<suffix>[kKmMbB]|bn|tn)(?![\w-]))?
      | (?P<nearly_all>\b(?:nearly|almost|virtually|practically)\s+(?:all|every)\b)
      | (?P<article>\b(?:a|an)(?:\s+(?:further|full|whole|additional|extra|single|complete))?\b)
        (?=[\s-]+(?:day|week|month|year)s?\b)
      | (?P<plural_scale>\b(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions)\b)
        (?=\s+of\b)
      | (?P<bare_fraction>\b(?:half|a\s+(?:third|quarter|fifth|tenth)|one[\s-]+(?:half|third|quarter|fifth|tenth))\b)
      | (?P<words>\b{WORDS_RE}\b)
    )"""
# A number starts a word, or follows a currency code written against it ("RM79", "USD10m").
_CODES = ("USD", "EUR", "AUD", "GBP", "CAD", "JPY", "CHF", "CNY", "INR", "RMB", "HKD", "SGD", "NZD",
          "RM", "Rs", "$US", "$A", "sub-", "minus-")
NUMBER = re.compile(
    r"(?:(?<![\w.,/:])(?<!\w-)|" + "|".join(f"(?<={re.escape(c)})" for c in _CODES) + ")" + _NUMBER_BODY,
    re.IGNORECASE | re.VERBOSE,
)
# The second number of a range follows a dash directly ("10-20%"), which NUMBER refuses.
RANGE_NUMBER = re.compile(_NUMBER_BODY, re.IGNORECASE | re.VERBOSE)
# Where NUMBER can start: a digit (the first of its run), a "." before a digit, or a word that
# opens one of its alternatives. Python's re tries NUMBER's lookbehinds and alternations at
# every position of the text; visiting only these places is several times faster and finds
# exactly the same matches (tests/test_quantities.py compares the two on every corpus text).
_OPENING_WORDS = frozenset({
    *ONES, *TENS, *SCALES, "dozen", "a", "an", "nearly", "almost", "virtually", "practically",
    "tens", "hundreds", "dozens", "thousands", "millions", "billions", "half",
})
_CANDIDATE = re.compile(r"[^\W\d_]+|(?<!\d)\d|\.(?=\d)")


def number_matches(text: str) -> Iterator[re.Match]:
    """The matches of NUMBER in `text`, exactly as `NUMBER.finditer(text)` gives them."""
    end = 0
    for candidate in _CANDIDATE.finditer(text):
        start = candidate.start()
        if start < end:
            continue
        word = candidate.group()
        # casefold, as re.IGNORECASE folds: "ſix" is "six" to NUMBER, so it must be here too.
        if word[0].isalpha() and word.casefold() not in _OPENING_WORDS:
            continue
        match = NUMBER.match(text, start)
        if match is not None:
            end = match.end()
            yield match


QUALIFIERS = (
    ("up_to", r"up\s+to|as\s+(?:many|much|high|long)\s+as|a\s+maximum\s+of|at\s+most|no\s+more\s+than|"
              r"not\s+more\s+than|maximum(?:\s+of)?|max\.?"),
    ("at_least", r"at\s+least|a\s+minimum\s+of|no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|"
                 r"minimum(?:\s+of)?|min\.?"),
    ("more_than", r"more\s+than|greater\s+than|higher\s+than|in\s+excess\s+of|upwards\s+of|exceeding|over|above|>"),
    ("less_than", r"less\s+than|fewer\s+than|lower\s+than|(?:just\s+)?under|just\s+shy\s+of|below|<|sub-"),
    ("nearly", r"nearly|almost|close\s+to"),
    ("about", r"about|around|approximately|approx\.?|roughly|circa|ca\.|an\s+estimated|estimated|some|~|≈"),
    ("within", r"within|in\s+under|inside\s+of"),
)
# The qualifier must start a word; the lookbehind keeps the space (or a newline, or Markdown's
# "**") out of the match, so a claim's span never reaches back into the previous line.
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(*_]))(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in QUALIFIERS)
    + r")\s*(?:(?:between|from)\s+)?$",
    re.IGNORECASE,
)
_RANGE_MARK_RE = re.compile(r"(?:^|(?<=\s))(between|from)\s+$", re.IGNORECASE)
CHANGE = {
    "exact": "=", "about": "~", "nearly": "~", "up_to": "<", "within": "<", "less_than": "<",
    "at_least": ">", "more_than": ">",
}
_CHANGE_RE = re.compile(
    r"\b(?:(?P<up>rose|rise[sn]?|risen|rising|increas(?:e|ed|es|ing)|grew|grow(?:s|n|ing)?|"
    r"jump(?:ed|s|ing)?|climb(?:ed|s|ing)?|gain(?:ed|s|ing)?|boost(?:ed|s|ing)?|soar(?:ed|s|ing)?|"
    r"surg(?:e|ed|es|ing)|rall(?:y|ied|ies|ying)|advanc(?:e|ed|es|ing)|added|adds|"
    r"(?<!gave\s)(?<!give\s)(?<!gives\s)up(?!\s+to\b))|"
    r"(?P<down>fell|fall(?:s|en|ing)?|drop(?:ped|s|ping)?|decreas(?:e|ed|es|ing)|declin(?:e|ed|es|ing)|"
    r"cut(?:s|ting)?|down|lost|los(?:e|es|ing)|reduc(?:e|ed|es|ing)|slump(?:ed|s|ing)?|"
    r"plung(?:e|ed|es|ing)|shrank|shrunk|slid(?:e|es|ing)?|lower(?:ed|ing)?|plummet(?:ed|s|ing)?|"
    r"tumbl(?:e|ed|es|ing)|sank|sink(?:s|ing)?|slip(?:ped|s|ping)?|eas(?:e|ed|es|ing)|dip(?:ped|s|ping)?))"
    r"(?:\s+(?:by|to))?\s+$",
    re.IGNORECASE,
)
_CONNECTOR_RE = re.compile(r"\s*(?:(?P<dash>[-–—])|(?P<word>to|and|or|through|until))\s*", re.I)
_RATIO_RE = re.compile(r"[\s-]+(?:in|out\s+of)[\s-]+(?=\S)", re.IGNORECASE)
_FRACTION_AFTER_RE = re.compile(rf"[\s-]+({_FRACTION_WORDS})\b", re.IGNORECASE)
_OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)
_BY_BEFORE_RE = re.compile(
    r"\bby\s+(?:(?:roughly|about|around|nearly|almost|approximately|some|more\s+than|over|at\s+least|"
    r"up\s+to|less\s+than|under|just\s+over|just\s+under)\s+)?$",
    re.IGNORECASE,
)
_PER_WEIGHT_RE = re.compile(
    r"\s*(?:/|\s+per\s+|\s+a\s+|\s+each\s+|\s+for\s+each\s+)(?:kg|kilograms?|kilos?)\b"
    r"(?:\s+of\s+(?:body\s*)?weight)?",
    re.IGNORECASE,
)
# "40 mg of isotretinoin a day": what is dosed may stand between the dose and its frequency.
_OF_WHAT = r"(?:\s+of\s+[a-z][\w-]*)?"
_PER_DAY_RE = re.compile(
    _OF_WHAT + r"\s*(?:/\s*(?:day|d)\b|\s+(?:per|a|each|every)\s+day\b|\s+daily\b|/24\s*h)",
    re.IGNORECASE,
)
_FREQUENCY_RE = re.compile(
    _OF_WHAT + r"\s+(?P<n>once|twice|two\s+times|three\s+times|thrice|four\s+times)\s+"
    r"(?:a\s+day|daily|per\s+day|each\s+day|every\s+day)",
    re.IGNORECASE,
)
FREQUENCY = {"once": 1, "twice": 2, "two times": 2, "three times": 3, "thrice": 3, "four times": 4}
# Currency and other symbols written before the number: (pattern, unit). Longest first.
_PREFIXES = (
    (r"US\s?\$|\$\s?US|USD", "USD"), (r"A\$|\$A|AU\$|AUD", "AUD"), (r"C\s?\$|CA\$|CAD", "CAD"),
    (r"HK\s?\$|HKD", "HKD"), (r"NZ\$|NZD", "NZD"), (r"S\s?\$|SGD", "SGD"), (r"R\$", "BRL"),
    (r"\$", "USD"), (r"€|EUR", "EUR"), (r"£|GBP", "GBP"), (r"¥|JPY", "JPY"), (r"CNY|RMB", "CNY"),
    (r"CHF", "CHF"), (r"₹|INR|(?i:Rs\.?)", "INR"), (r"RM", "MYR"), (r"(?i:SPF)", "SPF"),
)
_PREFIX_RE = re.compile(
    r"(?:^|(?<=[\s(/\[]))(?:" + "|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(_PREFIXES))
    + r")\s?$"
)
# The second number of a range may repeat the symbol: "$10 to $15 billion".
_RANGE_PREFIX_RE = re.compile(
    r"(?:" + "|".join(pattern for pattern, _ in _PREFIXES) + r")\s?(?=[\d.])"
)
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
_PLURAL_SCALES = {"dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_MULT = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
         "k": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_SCALE_END_RE = re.compile(r"(?:^|[\s-])(hundred|thousand|million|billion|trillion)$", re.IGNORECASE)
# "$3,500 a month", "800,000 barrels a day", "five percent a year": a rate, not one month.
_RATE_BEFORE_RE = re.compile(r"(?:\d[\d,.]*\S*|%|\)|\bper\s?cent|\bpercent)(?:\s+(?!least\b)[a-z]+s)?\s+$",
                             re.IGNORECASE)
# "a year ago", "a year later", "I'm now a year out": a point in time, not an amount of it.
_ARTICLE_NOT_AFTER = re.compile(r"[\s-]+\w+\s+(?:ago|earlier|later|out\b(?!\s+of))\b", re.IGNORECASE)
_OF_NOUN_RE = re.compile(r"\s+of\s+([A-Za-z]{3,})\b")
_TIME_PREFIX_RE = re.compile(r"\b(days?|weeks?|months?|years?)\s+$", re.IGNORECASE)
_COUNT_NOUN_RE = re.compile(
    r"[\s-]+(?!(?:of|to|and|or|in|on|at|by|for|the|a|an|is|are|was|were|per|than|from|with|as|"
    r"that|this|it|its|after|before|during|times?)\b)([a-z]{3,})\b",
    re.IGNORECASE,
)
_ONE_NOT_A_NUMBER = re.compile(
    r"\s+(?:of\s+(?:the|these|those|its|his|her|their|our|my|your|them|us|which)\b|another\b|"
    r"thing\b|way\b|side\b|another)",
    re.IGNORECASE,
)
_ONE_PRONOUN_BEFORE = re.compile(  # "the last one", "any one", "the only one": a pronoun
    r"\b(?:no|any|every|some|the|this|that|which|each|someone|anyone|only|last|first|next|previous|"
    r"other|same|right|wrong)\s+$",
    re.IGNORECASE,
)
_REPEAT_BEFORE = re.compile(r"\b(?:once|twice|times|per|every|each|a)\s+$", re.IGNORECASE)
_LOOKBACK = 40
# _PREFIX_RE, _NEGATIVE_RE and _PLUS_RE match at most 6 characters and end at the end of what
# they search: searching the last _SHORT characters finds what searching all 40 finds (a match
# that began at the cut would be 8 long), at a fifth of the cost.
_SHORT = 8
_VERB_LOOKBACK = 20  # the longest change phrase, "plummeting by ", fits: a shorter window is faster
_ALSO_RE = re.compile(r"\s*[(/]\s*")
_LEVEL_RE = re.compile(r",?\s+or\s+")


class QuantityParser:
    """Finds quantities in text. Built once from the unit table; `parse` is linear in the text."""

    def __init__(self, units: dict[str, Unit]):
        self.units = units
        surfaces = sorted(units, key=len, reverse=True)
        alternatives = "|".join(
            re.escape(s) + ("" if not s[-1].isalnum() else r"\b") for s in surfaces
        )
        self._unit_re = re.compile(rf"(?:\s?-?\s?)(?P<unit>{alternatives})", re.IGNORECASE)
        self._folded = {s.casefold(): u for s, u in units.items()}
        self._dimensions = {u.unit: u.dimension for u in units.values()}

    def parse(self, text: str) -> list[Quantity]:
        found: list[Quantity] = []
        end = 0
        for match in number_matches(text):
            if match.start() < end:
                continue
            quantity = self._read(text, match)
            if quantity is not None:
                if found and quantity.change == "=" and found[-1].change in ("<", ">", "up", "down") and (
                    _ALSO_RE.fullmatch(text, found[-1].end, quantity.start)
                    or (found[-1].change in ("up", "down") and found[-1].low == found[-1].high
                        and _LEVEL_RE.fullmatch(text, found[-1].end, quantity.start))
                ):  # "more than 100 km (60 miles)", "lost 190 points, or 0.6%": the same amount again
                    quantity = replace(quantity, change=found[-1].change)
                found.append(quantity)
                end = quantity.end
            elif match.group("digits"):
                end = match.end()  # the rest of a date, time or name is not a new number
        return found

    # -- one quantity, from its first number ---------------------------------------------

    def _read(self, text: str, match: re.Match) -> Quantity | None:
        first = self._value(text, match)
        if first is None:
            return None
        value, pos, fixed_unit, raw_value = first
        start = match.start()
        before = text[max(0, start - _LOOKBACK):start]

        prefix = _PREFIX_RE.search(before[-_SHORT:])
        prefix_unit = ""
        if prefix and fixed_unit is None:
            prefix_unit = _PREFIXES[int(prefix.lastgroup[1:])][1]
            start -= len(prefix.group(0))
            before = text[max(0, start - _LOOKBACK):start]
        elif start and text[start - 1].isalpha() and not before.endswith("sub-"):
            return None  # "XRM5": letters against the number that are not a currency
        else:
            prefix = None
        metres = bool(
            match.group("suffix") and match.group("suffix").lower() == "m" and not prefix
            and not _OF_NOUN_RE.match(text, pos) and not re.match(r"\s+[a-z]", text[pos:pos + 2])
        )
        if metres:  # "37m (121ft)": metres, not millions; "24M" (age and sex): neither
            value, raw_value = value / 1e6, raw_value / 1e6
            metres = match.group("suffix") == "m"
            pos -= 0 if metres else 1

        negative = _NEGATIVE_RE.search(before[-_SHORT:])
        sign_change = ""
        if negative and match.group("digits") and (
                money := _PREFIX_RE.search(before[:-len(negative.group(0))][-_SHORT:])):
            prefix_unit = prefix_unit or _PREFIXES[int(money.lastgroup[1:])][1]  # "$-50.8bn"
        if negative and match.group("digits"):
            value, raw_value = -value, -raw_value
            start -= len(negative.group(0))
            before = text[max(0, start - _LOOKBACK):start]
            sign_change = "down" if negative.group(0)[0] in "-−" else ""  # "-1.3%", not "minus 5"
        elif match.group("digits") and (plus := _PLUS_RE.search(before[-_SHORT:])):
            start -= len(plus.group(0))
            before = text[max(0, start - _LOOKBACK):start]
            sign_change = "up"  # "+0.2%"

        if metres:
            unit, factor, raw_unit = "m", 1.0, "m"
        elif fixed_unit:
            unit, factor, raw_unit = fixed_unit, 1.0, ""
        else:
            unit, factor, pos, raw_unit = self._unit(text, pos)
        if prefix_unit and not unit:
            unit = prefix_unit
        if prefix:
            raw_unit = (prefix.group(0).strip() + " " + raw_unit).strip()
        low = high = value * factor
        raw_low = raw_high = raw_value

        if not unit and (time_prefix := _TIME_PREFIX_RE.search(before)):
            unit, factor = self.units[time_prefix.group(1).lower()].unit, self.units[
                time_prefix.group(1).lower()].factor
            low = high = value * factor
            raw_unit = time_prefix.group(1)
            start -= len(time_prefix.group(0))
            before = text[max(0, start - _LOOKBACK):start]
        digits = match.group("digits") or ""
        if not unit and re.fullmatch(r"\d{4}", digits) and _is_year(value) and (
            _YEAR_BEFORE_RE.search(before) or _DECADE_AFTER_RE.match(text, pos)
        ):
            return None  # "in 2018 to 3.9 million": the year is no part of what follows
        if match.group("plural_scale"):
            low, high = value, value * 10  # "thousands of": 1,000 to 10,000
            raw_low, raw_high = low, high
        range_mark = _RANGE_MARK_RE.search(before)
        change_verb = _CHANGE_RE.search(before[-_VERB_LOOKBACK:])
        second = None
        if not match.group("plural_scale") and not (
            change_verb and not range_mark and (raw_unit or prefix_unit) and _CONNECTOR_RE.match(text, pos)
            and (_CONNECTOR_RE.match(text, pos).group("word") or "").lower() == "to"
        ):  # "rose 6.5% to 164p" gives a change and a level, not a range
            second = self._range_end(text, pos, bool(range_mark), unit, bool(match.group("words")))
        if second is not None:
            high_value, high_unit, high_factor, pos, high_raw_unit, scale = second
            if scale and not match.group("mult") and not match.group("suffix") and value <= high_value / scale:
                value *= scale  # "$10 to $15 billion", "four to five thousand"
                raw_low = raw_low * scale
                low = high = value * factor
            if high_unit and (not unit or _same_dimension(self, unit, high_unit)):
                low = value * high_factor
                unit = high_unit
                raw_unit = raw_unit if prefix else high_raw_unit
            high = high_value * (high_factor if high_unit else factor)
            raw_high = high_value
            if high < low:
                low, high = high, low
                raw_low, raw_high = raw_high, raw_low
            if range_mark:
                start -= len(range_mark.group(0))
                before = text[max(0, start - _LOOKBACK):start]
        elif not unit and match.group("plural_scale") and (noun := _OF_NOUN_RE.match(text, pos)):
            unit_after = self._unit(text, noun.start(1) - 1)
            if unit_after[0]:
                unit, factor, pos, raw_unit = unit_after
                low, high = low * factor, high * factor
            else:
                pos, raw_unit = noun.end(), noun.group(1)
        elif not unit and (noun := _COUNT_NOUN_RE.match(text, pos)):
            if text[pos:pos + 1] == "-" and match.group("words"):
                return None  # "a six-speed gearbox", "a three-bed flat": a description, not a count
            pos = noun.end()
            raw_unit = noun.group(1)

        if (not unit or unit == "count") and self._not_a_quantity(
            text, match, before, raw_low, raw_high, raw_unit, second is not None
        ):
            return None

        found = _QUALIFIER_RE.search(before)
        qualifier = found.lastgroup if found else "exact"
        if qualifier == "more_than" and unit == "day" and re.search(r"over\s*$", before, re.I):
            qualifier = "exact"  # "over 5 months" is a duration, not a lower bound
        if qualifier != "exact":
            start = max(0, start - len(found.group(0)))
        change = CHANGE.get(qualifier, "=")
        if sign_change and (unit == "%" or self._dimensions.get(unit, unit) == "currency" or prefix_unit):
            change = sign_change  # "-1.3%", "+0.2%", "$-50.8bn" report a movement; "-5 yards" a value
        if change in ("=", "~") or qualifier == "less_than":
            # "rose about 1.5%", "up nearly 57%": the movement outranks the approximation; a range
            # "from 240 to 273" states two levels, not a movement.
            verb = _CHANGE_RE.search(text[max(0, start - _VERB_LOOKBACK):start])
            if verb and not (range_mark and second is not None):
                change = "up" if verb.group("up") else "down"
        return Quantity(start, pos, text[start:pos], low, high, unit or "count", qualifier, change,
                        raw_low, raw_high, raw_unit)

    def _not_a_quantity(self, text: str, match: re.Match, before: str, low: float, high: float,
                        noun: str, is_range: bool) -> bool:
        """A year, a day of the month or a name with a number ("iPhone 11"), not an amount."""
        end = match.end()
        digits = match.group("digits")
        if digits and not match.group("mult") and not match.group("suffix"):
            year_range = not is_range or _is_year(high) or high - low < 100
            if re.fullmatch(r"\d{4}", digits) and _is_year(low) and year_range and (
                not noun or not noun.islower() or not noun.endswith("s")
                or _YEAR_BEFORE_RE.search(before) or _DECADE_AFTER_RE.match(text, end)
            ):
                return True
            if parse_digits(digits) <= 31 and "." not in digits and (
                _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(text, end)
            ):
                return True
        if digits and not noun and _BRACKETED_RE.search(before) and text[end:end + 1] == ")":
            return True  # "Prescott (4)", a reference "(12)": a label
        if digits and not noun and _AGE_APPOSITION_RE.search(before) and text[end:end + 1] == ",":
            return True  # "Senard, 65, said": an age in apposition, not an amount
        if (name := _NAME_BEFORE_RE.search(before)) and not _NAME_EXEMPT.search(name.group(0)) \
                and not _MONTH_BEFORE_RE.search(before):
            return bool(digits or match.group("words"))
        return False

    def _value(self, text: str, match: re.Match) -> tuple[float, int, str | None, float] | None:
        """The first number's value, where it ends, a unit it fixes itself (% for "half of"), and
        the value as written (0.5 for "half of")."""
        pos = match.end()
        after = text[pos:pos + 24]
        if match.group("digits"):
            if (slash := _SLASH_FRACTION_RE.match(text, pos)) and not match.group("mult") \
                    and not match.group("suffix") and "." not in match.group("digits"):
                numerator, denominator = parse_digits(match.group("digits")), float(slash.group(1))
                if 0 < numerator < denominator and not _DATE_BEFORE_RE.search(
                    text[max(0, match.start() - 8):match.start()]
                ):  # "1/2 pound"; "24/7" and "on 9/11" are not fractions
                    value = numerator / denominator
                    return value, slash.end(), None, value
                return None
            if _NOT_A_NUMBER_AFTER.match(after) or after[:1] in ("/", "⁄"):
                return None
            value = parse_digits(match.group("digits"))
            if match.group("exponent"):
                value *= 10.0 ** int(match.group("exponent").replace("−", "-"))
            scale = match.group("mult") or match.group("suffix")
            if scale:
                value *= _MULT[re.sub(r"\s+", " ", scale.lower()).split(" ")[-1]] * (
                    100 if scale.lower().startswith("hundred ") else 1)
        elif match.group("nearly_all"):
            return 100.0, pos, "%", 1.0
        elif match.group("article"):
            look = text[max(0, match.start() - 30):match.start()]
            if _REPEAT_BEFORE.search(look[-12:]) or _RATE_BEFORE_RE.search(look) \
                    or _ARTICLE_NOT_AFTER.match(text, pos):
                return None
            value = 1.0
        elif match.group("plural_scale"):
            words = match.group("plural_scale").lower().split()
            value = _PLURAL_SCALES[words[-1]] * (10 if words[0] == "tens" else 100 if len(words) > 1 else 1)
            return value, pos, None, value
        elif match.group("bare_fraction"):
            words = match.group("bare_fraction").lower().split()
            if text[pos:pos + 1] == "-" or re.search(r"\b(?:first|second|other|the|a)\s+$",
                                                     text[max(0, match.start() - 8):match.start()], re.I):
                return None  # "half-staff", "the second half"
            value = 1 / FRACTIONS[words[-1].split("-")[-1]]
            return self._fraction(text, match.start(), pos, value)
        else:
            words = match.group("words")
            value = parse_words(words)
            if value is None:
                return None
            if words.lower() in ("hundred", "thousand", "million", "billion", "trillion", "dozen") and not re.search(
                r"\b(?:a|one)\s+$", text[max(0, match.start() - 5):match.start()], re.IGNORECASE
            ):
                return None  # "several hundred", "parts per million"
            if words.lower() == "one" and (
                _ONE_NOT_A_NUMBER.match(after)
                or _ONE_PRONOUN_BEFORE.search(text[max(0, match.start() - 12):match.start()])
            ):
                return None
        ratio = _RATIO_RE.match(text, pos) if not match.group("mult") and not match.group("suffix") else None
        if ratio:
            denominator = NUMBER.match(text, ratio.end())
            if denominator and (d := self._plain(denominator)) and value <= d and not (
                denominator.group("digits") and _is_year(d)
            ):
                return 100.0 * value / d, denominator.end(), "%", value / d
        fraction = _FRACTION_AFTER_RE.match(text, pos)
        if fraction and not match.group("digits"):
            return self._fraction(text, match.start(), fraction.end(),
                                  value / FRACTIONS[fraction.group(1).lower()])
        return value, pos, None, value

    def _fraction(self, text: str, start: int, pos: int, value: float) -> tuple[float, int, str | None, float]:
        """A fraction is a share of something ("two-thirds of patients") or of a change ("falls by
        two-thirds"): a percentage either way."""
        if _OF_RE.match(text, pos) or _BY_BEFORE_RE.search(text[max(0, start - 30):start]):
            return 100.0 * value, pos, "%", value
        return value, pos, None, value

    def _plain(self, match: re.Match) -> float | None:
        if match.group("digits") and not match.group("mult") and not match.group("suffix"):
            return parse_digits(match.group("digits")) or None
        if match.group("words"):
            return parse_words(match.group("words")) or None
        return None

    def _unit(self, text: str, pos: int) -> tuple[str, float, int, str]:
        """The unit after a number: (canonical unit, factor, end, unit as written), or ("", 1, pos, "")."""
        unit, factor, end = self._unit_normalised(text, pos)
        return unit, factor, end, text[pos:end].strip(" -")

    def _unit_normalised(self, text: str, pos: int) -> tuple[str, float, int]:
        found = self._unit_re.match(text, pos)
        if found is None:
            return "", 1.0, pos
        # Case-insensitive matching also folds look-alikes ("μg", Greek mu, matches "µg", the
        # micro sign): look the unit up folded the same way.
        unit = self._folded[found.group("unit").casefold()]
        end = found.end()
        if unit.dimension == "mass":
            per_kg = _PER_WEIGHT_RE.match(text, end)
            if per_kg:
                end = per_kg.end()
                per_day = _PER_DAY_RE.match(text, end)
                if per_day:
                    return "mg/kg/day", unit.factor, per_day.end()
                return "mg/kg", unit.factor, end
            per_day = _PER_DAY_RE.match(text, end)
            if per_day:
                return "mg/day", unit.factor, per_day.end()
            frequency = _FREQUENCY_RE.match(text, end)
            if frequency:
                times = FREQUENCY[re.sub(r"\s+", " ", frequency.group("n").lower())]
                return "mg/day", unit.factor * times, frequency.end()
        return unit.unit, unit.factor, end

    def _range_end(self, text: str, pos: int, marked: bool, unit: str, words: bool = False):
        connector = _CONNECTOR_RE.match(text, pos)
        if connector is None:
            return None
        word = (connector.group("word") or "").lower()
        if word == "and" and not marked:
            return None
        if connector.group("dash") and text[pos:connector.start("dash")].strip() == "" and (
            connector.end() - connector.start() > 3
            or (connector.start("dash") > pos and connector.end() == connector.end("dash"))
        ):
            return None  # "4 - Many users" is a list separator, "50 -1.3%" a sign, not a range
        begin = connector.end()
        if symbol := _RANGE_PREFIX_RE.match(text, begin):
            begin = symbol.end()
        number = RANGE_NUMBER.match(text, begin)
        if number is None or not (number.group("digits") or number.group("words")):
            return None
        value = self._plain(number)
        if value is None and number.group("digits"):
            value = parse_digits(number.group("digits"))
            scale = number.group("mult") or number.group("suffix")
            if scale:
                value *= _MULT[re.sub(r"\s+", " ", scale.lower()).split(" ")[-1]] * (
                    100 if scale.lower().startswith("hundred ") else 1)
        if value is None:
            return None
        end = number.end()
        if number.group("digits") and (_NOT_A_NUMBER_AFTER.match(text, end) or text[end:end + 1] in ("/", "⁄")):
            return None
        scale = number.group("mult") or number.group("suffix") or ""
        if number.group("words") and (found := _SCALE_END_RE.search(number.group("words"))):
            scale = found.group(1)
        factor_of_scale = _MULT.get(scale.lower().split(" ")[-1], 0) if scale else 0
        high_unit, factor, end, raw_unit = self._unit(text, end)
        if unit and high_unit and not _same_dimension(self, unit, high_unit):
            return None
        if word == "or" and not (words and number.group("words") and not unit and not high_unit):
            return None  # "one or two" is a rough count; "8 or $9", "25k or 40k" are two amounts
        return value, high_unit, factor, end, raw_unit, factor_of_scale


def _is_year(value: float) -> bool:
    return 1600 <= value <= 2099 and value == int(value)


def _same_dimension(parser: QuantityParser, a: str, b: str) -> bool:
    def dimension(unit: str) -> str:
        if unit.startswith("mg"):
            return "mg"
        return next((u.dimension for u in parser.units.values() if u.unit == unit), unit)

    return dimension(a) == dimension(b)


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
