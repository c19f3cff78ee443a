"""Quantities: numbers with their range, unit and qualifier.

`QuantityParser.parse(text)` scans the text once with compiled patterns and returns
`Quantity` objects in order; the `auditor_quantities` component puts them on the Doc as
`doc.spans["quantities"]`, each span carrying `span._.quantity`.

What it reads: digits ("1,250.5"), number words ("twenty-five", "a month"), fractions
("two-thirds of", "half of", "one in five", "nearly all"), ranges ("4 to 6", "4–6",
"between 4 and 6", "one or two"; low and high kept, never averaged), qualifiers ("up to", "at
least", "more than", "about", "within", "nearly"), and units from `reference/units.csv` with
compound forms ("mg/kg/day", "mg per kg of body weight per day", "20 mg twice daily",
"30-day supply"). Units are normalised: time to days, mass to mg, per-day doses to mg/day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from auditor.model import Quantity
from auditor.nlp.numbers import (
    DIGITS_RE,
    FRACTIONS,
    WORDS_RE,
    parse_digits,
    parse_words,
)
from auditor.reference import Unit, load_reference

_FRACTION_WORDS = "|".join(sorted(FRACTIONS, key=len, reverse=True))

_NUMBER_BODY = rf"""(?:
        (?P<digits>{DIGITS_RE})(?:\s?(?P<mult>million|billion|trillion|thousand|bn)\b)?
      | (?P<nearly_all>\b(?:nearly|almost|virtually|practically)\s+(?:all|every)\b)
      | (?P<article>\b(?:a|an)\b)(?=[\s-]+(?:day|week|month|year)s?\b)
      | (?P<bare_fraction>\b(?:half|a\s+(?:third|quarter|fifth|tenth)|one[\s-]+(?:half|third|quarter|fifth|tenth))\b)
      | (?P<words>\b{WORDS_RE}\b)
    )"""
NUMBER = re.compile(r"(?<![\w.,/:])(?<!\w-)" + _NUMBER_BODY, re.IGNORECASE | re.VERBOSE)
# The second number of a range follows a dash directly ("10-20%"), which NUMBER refuses.
RANGE_NUMBER = re.compile(_NUMBER_BODY, re.IGNORECASE | re.VERBOSE)

QUALIFIERS = (
    ("up_to", r"up\s+to|as\s+(?:many|much|high|long)\s+as|a\s+maximum\s+of|at\s+most|no\s+more\s+than|not\s+more\s+than|maximum(?:\s+of)?|max\.?"),
    ("at_least", r"at\s+least|a\s+minimum\s+of|no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|minimum(?:\s+of)?|min\.?"),
    ("more_than", r"more\s+than|greater\s+than|higher\s+than|in\s+excess\s+of|upwards\s+of|exceeding|over|above|>"),
    ("less_than", r"less\s+than|fewer\s+than|lower\s+than|under|below|<"),
    ("nearly", r"nearly|almost|close\s+to|just\s+under|just\s+shy\s+of"),
    ("about", r"about|around|approximately|approx\.?|roughly|circa|ca\.|an\s+estimated|estimated|some|~|≈"),
    ("within", r"within|in\s+under|inside\s+of"),
)
_QUALIFIER_RE = re.compile(
    r"(?:^|[\s(])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in QUALIFIERS)
    + r")\s*(?:(?:between|from)\s+)?$",
    re.IGNORECASE,
)
_RANGE_MARK_RE = re.compile(r"(?:^|(?<=\s))(between|from)\s+$", re.IGNORECASE)
CHANGE = {
    "exact": "=", "about": "~", "nearly": "~", "up_to": "<", "within": "<", "less_than": "<",
    "at_least": ">", "more_than": ">",
}
_CHANGE_RE = re.compile(
    r"\b(?:(?P<up>rose|rise[sn]?|risen|rising|increased?|increases|increasing|grew|grow(?:s|n)?|"
    r"jump(?:ed|s)?|climb(?:ed|s)?|gain(?:ed|s)?|boost(?:ed|s)?|soar(?:ed|s)?|up)|"
    r"(?P<down>fell|fall(?:s|en)?|drop(?:ped|s)?|decreased?|decreases|declined?|declines|cut(?:s)?|"
    r"down|lost|lose[s]?|reduced?|reduces|slump(?:ed|s)?|plunge[ds]?|shrank|shrunk|slid|lower(?:ed)?))"
    r"(?:\s+by)?\s+$",
    re.IGNORECASE,
)
_CONNECTOR_RE = re.compile(r"\s*(?:(?P<dash>[-–—])|(?P<word>to|and|or|through|until))\s*", re.I)
_RATIO_RE = re.compile(r"[\s-]+(?:in|out\s+of)[\s-]+(?=\S)", re.IGNORECASE)
_FRACTION_AFTER_RE = re.compile(rf"[\s-]+({_FRACTION_WORDS})\b", re.IGNORECASE)
_OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)
_PER_WEIGHT_RE = re.compile(
    r"\s*(?:/|\s+per\s+|\s+a\s+|\s+each\s+|\s+for\s+each\s+)(?:kg|kilograms?|kilos?)\b"
    r"(?:\s+of\s+(?:body\s*)?weight)?",
    re.IGNORECASE,
)
_PER_DAY_RE = re.compile(
    r"\s*(?:/\s*(?:day|d)\b|\s+(?:per|a|each|every)\s+day\b|\s+daily\b|/24\s*h)",
    re.IGNORECASE,
)
_FREQUENCY_RE = re.compile(
    r"\s+(?P<n>once|twice|two\s+times|three\s+times|thrice|four\s+times)\s+"
    r"(?:a\s+day|daily|per\s+day|each\s+day|every\s+day)",
    re.IGNORECASE,
)
FREQUENCY = {"once": 1, "twice": 2, "two times": 2, "three times": 3, "thrice": 3, "four times": 4}
_PREFIX_UNITS = (("us$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"),
                 ("spf", "SPF"), ("rs.", "INR"), ("rs", "INR"))
_PREFIX_RE = re.compile(r"(?:^|(?<=[\s(]))(US\$|\$|€|£|¥|SPF|Rs\.?)\s?$", re.IGNORECASE)
_NOT_A_NUMBER_AFTER = re.compile(r"[-/]\d+[-/]\d|[/:]\d|\.\d|\s?(?:st|nd|rd|th)\b", re.IGNORECASE)
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
_ONE_PRONOUN_BEFORE = re.compile(
    r"\b(?:no|any|every|some|the|this|that|which|each|someone|anyone|only)\s+$", re.IGNORECASE
)
_REPEAT_BEFORE = re.compile(r"\b(?:once|twice|times|per|every|each|a)\s+$", re.IGNORECASE)
_LOOKBACK = 40


class QuantityParser:
    """Finds quantities in text. Built once from the unit table; `parse` is linear in the text."""

    def __init__(self, units: dict[str, Unit]):
        self.units = units
        surfaces = sorted(units, key=len, reverse=True)
        alternatives = "|".join(
            re.escape(s) + ("" if not s[-1].isalnum() else r"\b") for s in surfaces
        )
        self._unit_re = re.compile(rf"(?:\s?-?\s?)(?P<unit>{alternatives})", re.IGNORECASE)
        self._mass_units = {s for s, u in units.items() if u.dimension == "mass"}

    def parse(self, text: str) -> list[Quantity]:
        found: list[Quantity] = []
        end = 0
        for match in NUMBER.finditer(text):
            if match.start() < end:
                continue
            quantity = self._read(text, match)
            if quantity is not None:
                found.append(quantity)
                end = quantity.end
        return found

    # -- one quantity, from its first number ---------------------------------------------

    def _read(self, text: str, match: re.Match) -> Quantity | None:
        first = self._value(text, match)
        if first is None:
            return None
        value, pos, fixed_unit = first
        start = match.start()
        before = text[max(0, start - _LOOKBACK):start]

        prefix = _PREFIX_RE.search(before)
        prefix_unit = ""
        if prefix and fixed_unit is None:
            prefix_unit = _prefix_unit(prefix.group(1))
            start -= len(prefix.group(0))
            before = text[max(0, start - _LOOKBACK):start]

        unit, factor, pos = (fixed_unit, 1.0, pos) if fixed_unit else self._unit(text, pos)
        if prefix_unit and not unit:
            unit = prefix_unit
        low = high = value * factor

        if not unit and (time_prefix := _TIME_PREFIX_RE.search(before)):
            unit, factor = self.units[time_prefix.group(1).lower()].unit, self.units[
                time_prefix.group(1).lower()].factor
            low = high = value * factor
            start -= len(time_prefix.group(0))
            before = text[max(0, start - _LOOKBACK):start]
        range_mark = _RANGE_MARK_RE.search(before)
        second = self._range_end(text, pos, bool(range_mark), unit)
        if second is not None:
            high_value, high_unit, high_factor, pos = second
            if high_unit and (not unit or _same_dimension(self, unit, high_unit)):
                low = value * high_factor
                unit = high_unit
            high = high_value * (high_factor if high_unit else factor)
            if high < low:
                low, high = high, low
            if range_mark:
                start -= len(range_mark.group(0))
                before = text[max(0, start - _LOOKBACK):start]
        elif not unit and (noun := _COUNT_NOUN_RE.match(text, pos)):
            pos = noun.end()

        qualifier = _qualifier(before)
        if qualifier == "more_than" and unit == "day" and re.search(r"over\s*$", before, re.I):
            qualifier = "exact"  # "over 5 months" is a duration, not a lower bound
        if qualifier != "exact":
            start = max(0, start - len(_QUALIFIER_RE.search(before).group(0).lstrip(" (")))
        change = CHANGE.get(qualifier, "=")
        if change == "=":
            verb = _CHANGE_RE.search(text[max(0, start - _LOOKBACK):start])
            if verb:
                change = "up" if verb.group("up") else "down"
        return Quantity(start, pos, text[start:pos], low, high, unit or "count", qualifier, change)

    def _value(self, text: str, match: re.Match) -> tuple[float, int, str | None] | None:
        """The first number's value, where it ends, and a unit it fixes itself (% for "half of")."""
        pos = match.end()
        after = text[pos:pos + 24]
        if match.group("digits"):
            if _NOT_A_NUMBER_AFTER.match(after):
                return None
            value = parse_digits(match.group("digits"))
            if match.group("mult"):
                value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9,
                          "trillion": 1e12}[match.group("mult").lower()]
        elif match.group("nearly_all"):
            return 100.0, pos, "%"
        elif match.group("article"):
            if _REPEAT_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
                return None
            value = 1.0
        elif match.group("bare_fraction"):
            words = match.group("bare_fraction").lower().split()
            value = 1 / FRACTIONS[words[-1].split("-")[-1]]
            return self._fraction(text, pos, value)
        else:
            words = match.group("words")
            value = parse_words(words)
            if value is None:
                return None
            if words.lower() == "one" and (
                _ONE_NOT_A_NUMBER.match(after)
                or _ONE_PRONOUN_BEFORE.search(text[max(0, match.start() - 12):match.start()])
            ):
                return None
        ratio = _RATIO_RE.match(text, pos)
        if ratio:
            denominator = NUMBER.match(text, ratio.end())
            if denominator and (d := self._plain(denominator)):
                return 100.0 * value / d, denominator.end(), "%"
        fraction = _FRACTION_AFTER_RE.match(text, pos)
        if fraction and not match.group("digits"):
            return self._fraction(text, fraction.end(), value / FRACTIONS[fraction.group(1).lower()])
        return value, pos, None

    def _fraction(self, text: str, pos: int, value: float) -> tuple[float, int, str | None]:
        if _OF_RE.match(text, pos):
            return 100.0 * value, pos, "%"
        return value, pos, None

    def _plain(self, match: re.Match) -> float | None:
        if match.group("digits") and not match.group("mult"):
            return parse_digits(match.group("digits")) or None
        if match.group("words"):
            return parse_words(match.group("words")) or None
        return None

    def _unit(self, text: str, pos: int) -> tuple[str, float, int]:
        """The unit after a number: (canonical unit, factor, end), or ("", 1, pos)."""
        found = self._unit_re.match(text, pos)
        if found is None:
            return "", 1.0, pos
        surface = found.group("unit").lower()
        unit = self.units[surface]
        end = found.end()
        if surface in self._mass_units:
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

    def _range_end(self, text: str, pos: int, marked: bool, unit: str):
        connector = _CONNECTOR_RE.match(text, pos)
        if connector is None:
            return None
        word = (connector.group("word") or "").lower()
        if word == "and" and not marked:
            return None
        if connector.group("dash") and text[pos:connector.start("dash")].strip() == "" and (
            connector.end() - connector.start() > 3
        ):
            return None  # "4 - Many users" is a list separator, not a range
        number = RANGE_NUMBER.match(text, connector.end())
        if number is None or not (number.group("digits") or number.group("words")):
            return None
        value = self._plain(number)
        if value is None and number.group("digits"):
            value = parse_digits(number.group("digits"))
        if value is None:
            return None
        end = number.end()
        if number.group("digits") and _NOT_A_NUMBER_AFTER.match(text, end):
            return None
        high_unit, factor, end = self._unit(text, end)
        if word == "or" and unit and high_unit and unit != high_unit:
            return None
        return value, high_unit, factor, end


def _qualifier(before: str) -> str:
    found = _QUALIFIER_RE.search(before)
    if not found:
        return "exact"
    return next(name for name, _ in QUALIFIERS if found.group(name))


def _prefix_unit(symbol: str) -> str:
    symbol = symbol.lower()
    return next(unit for prefix, unit in _PREFIX_UNITS if symbol.startswith(prefix))


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
    default_config={"reference_dir": "", "spans_key": "quantities"},
)
def make_quantities(nlp: Language, name: str, reference_dir: str, spans_key: str):
    """Assigns `doc.spans[spans_key]`: one span per quantity, with `span._.quantity`."""
    return QuantityComponent(load_reference(reference_dir or None).units, spans_key)


class QuantityComponent:
    def __init__(self, units: dict[str, Unit], spans_key: str):
        self.parser = QuantityParser(units)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = list(spans_for(doc, self.parser.parse(doc.text)))
        return doc


def spans_for(doc: Doc, quantities: Iterable[Quantity]):
    for quantity in quantities:
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is not None and len(span):
            span._.quantity = quantity
            yield span
