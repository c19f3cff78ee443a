"""Units after a number: which unit is written, its factor to the canonical unit, its dimension.

`UnitTable` is built once from `reference/units.csv` and is the one place that decides a unit's
dimension, including the dose units this module builds from a mass ("0.8 mg per kilogram daily" is
`mg/kg/day`, "30 mg twice daily" is 60 `mg/day`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.reference import Unit

_PER_WEIGHT_RE = re.compile(
    r"\s*(?:/|\s+per\s+|\s+a\s+|\s+each\s+|\s+for\s+each\s+)(?:kg|kilograms?|kilos?)\b"
    r"(?:\s+(?:of\s+)?(?:body\s*)?weight)?",  # the weight with or without "of": "/kilogram bodyweight"
    re.IGNORECASE,
)
# "40 mg of isotretinoin a day": what is dosed may stand between the dose and its frequency, and
# so may the word that gives it ("50 to 100 mg taken twice daily", "20 mg, given daily").
_OF_WHAT = r"(?:\s+of\s+[a-z][\w-]*)?(?:,?\s+(?:taken|given))?"
_PER_DAY_RE = re.compile(
    _OF_WHAT + r"\s*(?:/\s*(?:day|d)\b|\s+(?:per|a|each|every)\s+day\b|\s+daily\b|/24\s*h)",
    re.IGNORECASE,
)
_TIMES = r"once|twice|two\s+times|three\s+times|thrice|four\s+times"
# "twice daily"; "once or twice a day" is a range of daily doses (25 mg is 25 to 50 mg daily).
_FREQUENCY_RE = re.compile(
    _OF_WHAT + rf"\s+(?P<n>{_TIMES})(?:\s+(?:or|to)\s+(?P<m>{_TIMES}))?\s+"
    r"(?:a\s+day|daily|per\s+day|each\s+day|every\s+day)",
    re.IGNORECASE,
)
FREQUENCY = {"once": 1, "twice": 2, "two times": 2, "three times": 3, "thrice": 3, "four times": 4}
# A prescription's Latin shorthand for how often ("100 mg BID", "20 mg b.d.", "50 mg o.d."): once
# (od, qd), twice (bd, bid), three (tds, tid) or four times (qds, qid) a day.
_SHORTHAND = {"od": 1, "qd": 1, "bd": 2, "bid": 2, "tds": 3, "tid": 3, "qds": 4, "qid": 4}
# Each written plain ("qds") or with a dot after each letter ("q.d.s."), the longer first: "q.d.s"
# is four times a day, not "q.d" and a stray "s".
_SHORTHAND_RE = re.compile(
    r"\s+(?P<n>(?:{})(?!\w)|(?:{})\.?(?!\w))".format(
        "|".join(sorted(_SHORTHAND, key=len, reverse=True)),
        "|".join(r"\.".join(key) for key in sorted(_SHORTHAND, key=len, reverse=True))),
    re.IGNORECASE)
# ... or as an interval in hours ("100 mg every 12 hours", "50 mg q8h"): 24 over the interval.
_HOURLY_RE = re.compile(r"\s+(?:every\s+|q\s?)(?P<h>6|8|12|24)\s?(?:hours?|hrs?|h)\b", re.IGNORECASE)
# Doses built from a mass keep the mass's dimension: "0.25 mg to 0.75 mg per kg" is one range.
_DOSE_UNITS = ("mg/kg/day", "mg/kg", "mg/day")
_DOSE_DIMENSION = "mass"


@dataclass(frozen=True, slots=True)
class UnitReading:
    """A unit as read after a number: canonical unit, factor to it, where it ends, as written."""

    unit: str
    factor: float
    end: int
    written: str
    high_factor: float | None = None  # "once or twice daily": the factor of the range's top


class UnitTable:
    """The units of a reference, matched after a number (longest surface first)."""

    def __init__(self, units: dict[str, Unit]):
        self.units = units
        surfaces = sorted(units, key=len, reverse=True)
        alternatives = "|".join(
            re.escape(s) + ("" if not s[-1].isalnum() else r"\b") for s in surfaces
        )
        self._unit_re = re.compile(rf"(?:\s?-?\s?)(?P<unit>{alternatives})", re.IGNORECASE)
        self._folded = {s.casefold(): u for s, u in units.items()}
        self._dimensions = {u.unit: u.dimension for u in units.values()}
        self._dimensions.update(dict.fromkeys(_DOSE_UNITS, _DOSE_DIMENSION))

    def dimension(self, unit: str) -> str:
        """What a canonical unit measures ("time", "mass", "currency"); an unknown unit is its own."""
        return self._dimensions.get(unit, unit)

    def same_dimension(self, a: str, b: str) -> bool:
        return self.dimension(a) == self.dimension(b)

    def named(self, surface: str) -> Unit:
        """The unit a word names ("months"), as the table spells it."""
        return self.units[surface.lower()]

    def read(self, text: str, pos: int) -> UnitReading | None:
        """The unit written at `pos` (after optional space or hyphen), with a dose's per-weight
        and per-day parts, or None."""
        reading = self._read(text, pos)
        if reading is None:
            return None
        unit, factor, end, high_factor = reading
        return UnitReading(unit, factor, end, text[pos:end].strip(" -"), high_factor)

    def _read(self, text: str, pos: int) -> tuple[str, float, int, float | None] | None:
        found = self._unit_re.match(text, pos)
        if found is None:
            return None
        # Case-insensitive matching also folds look-alikes ("μg", Greek mu, matches "µg", the
        # micro sign): look the unit up folded the same way.
        unit = self._folded[found.group("unit").casefold()]
        end = found.end()
        if unit.dimension != _DOSE_DIMENSION:
            return unit.unit, unit.factor, end, None
        if per_kg := _PER_WEIGHT_RE.match(text, end):
            if per_day := _PER_DAY_RE.match(text, per_kg.end()):
                return "mg/kg/day", unit.factor, per_day.end(), None
            return "mg/kg", unit.factor, per_kg.end(), None
        if per_day := _PER_DAY_RE.match(text, end):
            return "mg/day", unit.factor, per_day.end(), None
        if (shorthand := _SHORTHAND_RE.match(text, end)) and (
                times := _SHORTHAND.get(shorthand.group("n").replace(".", "").lower())):
            return "mg/day", unit.factor * times, shorthand.end(), None
        if hourly := _HOURLY_RE.match(text, end):
            return "mg/day", unit.factor * 24 / int(hourly.group("h")), hourly.end(), None
        if frequency := _FREQUENCY_RE.match(text, end):
            times = _times(frequency.group("n"))
            more = _times(frequency.group("m")) if frequency.group("m") else None
            if more is None or more > times:  # "twice or once a day" is no range: read the mass alone
                return "mg/day", unit.factor * times, frequency.end(), more and unit.factor * more
        return unit.unit, unit.factor, end, None


def _times(word: str) -> int:
    return FREQUENCY[re.sub(r"\s+", " ", word.lower())]
