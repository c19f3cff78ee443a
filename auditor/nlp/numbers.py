"""Reading numbers written in digits or words: "1,250.5", "twenty-five", "two-thirds"."""

from __future__ import annotations

import re
from dataclasses import dataclass

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "tenth": 10, "tenths": 10,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


@dataclass(frozen=True)
class Scale:
    """A word that multiplies the number before it: its value and how it is written."""

    word: str
    value: int
    abbreviations: tuple[str, ...] = ()  # written against digits: "25k", "12.3m", "$5bn"
    after_digits: bool = True  # "5 million" is 5,000,000; "5 dozen" counts dozens


# The one table of number scales: every pattern and lookup of a scale is derived from it.
SCALE_TABLE = (
    Scale("dozen", 12, after_digits=False),
    Scale("hundred", 100),
    Scale("thousand", 1_000, ("k",)),
    Scale("million", 1_000_000, ("m", "mn", "mil")),
    Scale("billion", 1_000_000_000, ("b", "bn")),
    Scale("trillion", 1_000_000_000_000, ("tn",)),
)
SCALES = {s.word: s.value for s in SCALE_TABLE}
# Value of a scale as written after digits, by word or abbreviation, lower case.
SCALE_VALUES = {name: float(s.value) for s in SCALE_TABLE if s.after_digits
                for name in (s.word, *s.abbreviations)}
_DIGIT_SCALES = [s.word for s in SCALE_TABLE if s.after_digits]
# A scale word after digits: "5 million", "2.5 hundred thousand" (a hundred of a larger scale).
SCALE_WORDS_RE = (
    r"hundred\s+(?:" + "|".join(s.word for s in SCALE_TABLE if s.value > SCALES["hundred"]) + ")|"
    + "|".join(sorted(_DIGIT_SCALES, key=len, reverse=True))
)
# Abbreviations: those of one letter only against the digits ("25k"), the others also after a
# space ("5 bn").
SCALE_ABBREVIATIONS_RE = "|".join(
    a for s in SCALE_TABLE for a in s.abbreviations if len(a) > 1)
SCALE_LETTERS_RE = "[" + "".join(a for s in SCALE_TABLE for a in s.abbreviations if len(a) == 1) + "]"
# "dozens of", "thousands of", "hundreds of thousands of".
PLURAL_SCALES_RE = "|".join(s.word + "s" for s in SCALE_TABLE)
SCALE_END_RE = re.compile(r"(?:^|[\s-])(" + "|".join(_DIGIT_SCALES) + r")$", re.IGNORECASE)


def scale_value(written: str) -> float:
    """The value of a scale as written after digits: "bn" -> 1e9, "hundred thousand" -> 1e5."""
    words = written.lower().split()
    value = SCALE_VALUES[words[-1]]
    return value * SCALE_VALUES["hundred"] if len(words) > 1 else value


def plural_scale_value(written: str) -> float:
    """"thousands" -> 1e3, "tens of thousands" -> 1e4, "hundreds of millions" -> 1e8."""
    words = written.lower().split()
    value = SCALES[words[-1][:-1]]
    # Kept as it was first written (claims.jsonl shows "dozens of" as 12, "thousands of" as
    # 1000.0): changing the type changes the output, which a reshape must not do.
    value = value if value < SCALES["thousand"] else float(value)
    if len(words) == 1:
        return value
    return value * (10 if words[0] == "tens" else SCALES["hundred"])

_WORD = "|".join(sorted((*ONES, *TENS, *SCALES), key=len, reverse=True))
# A run of number words: "one hundred and fifty", "twenty-five", "two million".
WORDS_RE = rf"(?:{_WORD})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_WORD}))*"
DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"


def parse_digits(text: str) -> float:
    return float(text.replace(",", ""))


def parse_words(text: str) -> float | None:
    """Value of a run of number words, or None when the run is not a number ("one one")."""
    total = 0.0
    current = 0.0
    last = None
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and" or not word:
            continue
        if word in ONES:
            if last in ("ones", "tens_ones") or (last == "tens" and ONES[word] >= 10):
                return None
            current += ONES[word]
            last = "tens_ones" if last == "tens" else "ones"
        elif word in TENS:
            if last in ("ones", "tens", "tens_ones"):
                return None
            current += TENS[word]
            last = "tens"
        elif word in SCALES:
            scale = SCALES[word]
            if scale <= SCALES["hundred"]:  # "two dozen", "two hundred": within a group
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
        else:
            return None
    return total + current
