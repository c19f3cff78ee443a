"""The quantity parser as NewsQuant needs it: the product's parser plus financial news.

NewsQuant's sentences are financial and sports news. The product (`auditor.nlp.quantities`)
reads health pages and leaves out what only news needs; `NewsQuantityParser` adds it back for
the benchmark alone:

- currency codes before or against a number ("USD 10", "RM79", "US$5", "HK$ 3"), and no other
  letters against it;
- a movement then a level is not a range ("shares rose 6.5% to 164p");
- an amount restated is the same movement ("lost 190 points, or 0.6%"; "more than 100 km (60
  miles)").
"""

from __future__ import annotations

import re
from dataclasses import replace

from auditor.model import Quantity
from auditor.nlp.quantities import (
    CHANGE_RE,
    CONNECTOR_RE,
    PREFIXES,
    RANGE_MARK_RE,
    VERB_LOOKBACK,
    WORD_PREFIXES,
    QuantityParser,
    number_pattern,
    text_before,
)

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
