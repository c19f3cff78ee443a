"""The quantity parser as NewsQuant needs it: the product's parser plus financial news.

NewsQuant's sentences are financial and sports news. The product (`auditor.nlp.quantities`)
reads health pages and leaves out what only news needs; `NewsQuantityParser` adds it back for
the benchmark alone:

- currency codes before or against a number ("USD 10", "RM79", "US$5", "HK$ 3"), and no other
  letters against it;
- a movement then a level is not a range ("shares rose 6.5% to 164p");
- an amount restated is the same movement ("lost 190 points, or 0.6%"; "more than 100 km (60
  miles)");
- a quantity's `change`, as NewsQuant annotates it: a movement ("rose 5%", "-1.3%") or a bound
  ("<", ">", "~"). A health page's claims carry no such thing, so the product's `Quantity` has
  no field for it: `NewsQuantity` adds one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from auditor.model import Quantity
from auditor.nlp.quantities import (
    CONNECTOR_RE,
    PREFIXES,
    RANGE_MARK_RE,
    WORD_PREFIXES,
    QuantityParser,
    number_pattern,
    text_before,
)

CHANGE = {
    "exact": "=", "about": "~", "nearly": "~", "up_to": "<", "within": "<", "less_than": "<",
    "at_least": ">", "more_than": ">",
}
CHANGE_RE = re.compile(
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
VERB_LOOKBACK = 20  # the longest change phrase, "plummeting by ", fits: a shorter window is faster

# Currency codes and code-like symbols: (pattern, unit), before the product's symbols so that
# "$A" and "$US" are read before "$".
CURRENCY_CODES = (
    (r"US\s?\$|\$\s?US|USD", "USD"), (r"A\$|\$A|AU\$|AUD", "AUD"), (r"C\s?\$|CA\$|CAD", "CAD"),
    (r"HK\s?\$|HKD", "HKD"), (r"NZ\$|NZD", "NZD"), (r"S\s?\$|SGD", "SGD"), (r"R\$", "BRL"),
    (r"EUR", "EUR"), (r"GBP", "GBP"), (r"JPY", "JPY"), (r"CNY|RMB", "CNY"),
    (r"CHF", "CHF"), (r"INR|(?i:Rs\.?)", "INR"), (r"RM", "MYR"),
)
# Codes a number may be written against ("RM79", "USD10m").
CODES_AGAINST = ("USD", "EUR", "AUD", "GBP", "CAD", "JPY", "CHF", "CNY", "INR", "RMB", "HKD", "SGD",
                 "NZD", "RM", "Rs", "$US", "$A")

_ALSO_RE = re.compile(r"\s*[(/]\s*")
_LEVEL_RE = re.compile(r",?\s+or\s+")


@dataclass(frozen=True, slots=True)
class NewsQuantity(Quantity):
    """A quantity with the movement or bound NewsQuant scores it with."""

    change: str = "="


class NewsQuantityParser(QuantityParser):
    prefixes = CURRENCY_CODES + PREFIXES
    number = number_pattern(WORD_PREFIXES + CODES_AGAINST)

    def parse(self, text: str) -> list[Quantity]:
        found: list[Quantity] = []
        for quantity in super().parse(text):
            if found and _restates(text, found[-1], quantity):
                quantity = replace(quantity, change=found[-1].change)
            found.append(quantity)
        return found

    def _prefix(self, text, match, value):
        prefix = super()._prefix(text, match, value)
        start = match.start()
        if not prefix.symbol and start and text[start - 1].isalpha():
            return None  # "XRM5": letters against the number that are not a currency code
        return prefix

    def _quantity(self, text, prefix, amount, qualifier):
        quantity = super()._quantity(text, prefix, amount, qualifier)
        fields = {name: getattr(quantity, name) for name in quantity.__dataclass_fields__}
        return NewsQuantity(**fields, change=self._change(text, prefix, amount, qualifier))

    def _change(self, text, prefix, amount, qualifier) -> str:
        change = CHANGE.get(qualifier.name, "=")
        if prefix.sign and (amount.unit == "%" or self.units.dimension(amount.unit) == "currency"
                            or prefix.unit):
            # "-1.3%", "+0.2%", "$-50.8bn" report a movement; "-5 yards" a value
            change = "up" if prefix.sign == "+" else "down"
        if change in ("=", "~") or qualifier.name == "less_than":
            # "rose about 1.5%", "up nearly 57%": the movement outranks the approximation; a range
            # "from 240 to 273" states two levels, not a movement.
            verb = CHANGE_RE.search(text_before(text, qualifier.start, VERB_LOOKBACK))
            if verb and not amount.marked:
                change = "up" if verb.group("up") else "down"
        return change

    def _range(self, text, match, measure, prefix):
        before = text_before(text, measure.start)
        if not RANGE_MARK_RE.search(before) and CHANGE_RE.search(before[-VERB_LOOKBACK:]) \
                and (measure.written_unit or prefix.unit) and (connector := CONNECTOR_RE.match(text, measure.end)) \
                and (connector.group("word") or "").lower() == "to":
            return None  # a movement, then the level it reached
        return super()._range(text, match, measure, prefix)


def _restates(text: str, previous: Quantity, quantity: Quantity) -> bool:
    """Is `quantity` the previous movement or bound again, in other units or as a share?"""
    if quantity.change != "=" or previous.change not in ("<", ">", "up", "down"):
        return False
    between = (previous.end, quantity.start)
    return bool(_ALSO_RE.fullmatch(text, *between) or (
        previous.change in ("up", "down") and previous.low == previous.high
        and _LEVEL_RE.fullmatch(text, *between)
    ))
