"""Each step of reading a quantity, alone: value, prefix, unit, range, not-a-quantity, qualifier.

The sentences are made up for these tests (doses, shares, durations of everyday health advice).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from auditor.nlp.numbers import (
    SCALE_TABLE,
    parse_words,
    plural_scale_value,
    scale_value,
)
from auditor.nlp.quantities import NUMBER, Prefix, QuantityParser, number_matches
from auditor.nlp.units import UnitTable
from auditor.reference import load_reference


@pytest.fixture(scope="module")
def parser() -> QuantityParser:
    return QuantityParser(load_reference().units)


def _match(text: str, number: str) -> re.Match:
    """The scanner's match that starts where `number` first occurs in `text`."""
    start = text.index(number)
    return next(m for m in number_matches(text) if m.start() == start)


def _steps(parser: QuantityParser, text: str, number: str):
    """Run the steps up to the unit by hand, as `_read` does."""
    match = _match(text, number)
    value = parser._value(text, match)
    prefix = parser._prefix(text, match, value)
    return match, value, prefix, parser._measure(text, match, value, prefix)


# -- value ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "number", "value", "unit", "written"), [
    ("Pharmacies filled 2.5 million inhaler prescriptions.", "2.5", 2_500_000, None, 2_500_000),
    ("Twenty-five volunteers kept a sleep diary.", "Twenty-five", 25, None, 25),
    ("About a third of the toddlers needed a spacer.", "a third", 100 / 3, "%", 1 / 3),
    ("One in four adults over sixty takes a statin.", "One", 25, "%", 0.25),
    ("Nearly every nurse on the ward had the flu jab.", "Nearly every", 100, "%", 1),
    ("Cut the 1/2 tablet with a pill splitter.", "1", 0.5, None, 0.5),
    ("The clinic sees hundreds of people with eczema.", "hundreds", 100, None, 100),
    ("Keep the cream in the fridge for a week.", "a week", 1, None, 1),
])
def test_value_reads_the_first_number(parser, text, number, value, unit, written):
    found = parser._value(text, _match(text, number))
    assert found.number == pytest.approx(value)
    assert found.unit == unit
    assert found.written == pytest.approx(written)


@pytest.mark.parametrize(("text", "number"), [
    ("The helpline is open 24/7 for parents.", "24"),  # not a fraction
    ("My rash cleared a week ago.", "a week"),  # a point in time
    ("Several hundred readers wrote in.", "hundred"),  # no number before the scale
    ("The second half of the leaflet covers side effects.", "half"),
    ("Try one of the gentler cleansers first.", "one"),  # a pronoun
    ("Swab the 3rd toe daily.", "3"),  # an ordinal
])
def test_value_refuses_what_is_no_number(parser, text, number):
    assert parser._value(text, _match(text, number)) is None


# -- prefix ---------------------------------------------------------------------------------


def test_prefix_takes_a_symbol_and_moves_the_start_to_it(parser):
    text = "A travel vaccine costs $45 at most chemists."
    match = _match(text, "45")
    prefix = parser._prefix(text, match, parser._value(text, match))
    assert prefix == Prefix(text.index("$"), "USD", "$")


def test_prefix_reads_a_sun_protection_factor(parser):
    text = "Choose SPF 50 for a day at the beach."
    match = _match(text, "50")
    prefix = parser._prefix(text, match, parser._value(text, match))
    assert (prefix.unit, prefix.symbol, prefix.start) == ("SPF", "SPF", text.index("SPF"))


def test_prefix_reads_a_sign(parser):
    text = "Core temperature dropped to -1.5 degrees below normal."
    match = _match(text, "1.5")
    prefix = parser._prefix(text, match, parser._value(text, match))
    assert (prefix.negative, prefix.start, prefix.sign) == (True, text.index("-1.5"), "-")


@pytest.mark.parametrize("text", ["Rs 300 buys a month of tablets.", "USD 40 covers the copay."])
def test_the_product_reads_no_currency_code(parser, text):
    match = next(number_matches(text))
    prefix = parser._prefix(text, match, parser._value(text, match))
    assert prefix == Prefix(match.start())
    assert parser.parse(text)[0].unit == "count"


# -- unit -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "number", "unit", "factor", "written_unit"), [
    ("Take 250 mg three times a day with food.", "250", "mg/day", 3.0, "mg three times a day"),
    ("Give 15 mg per kg of body weight per day.", "15", "mg/kg/day", 1.0, "mg per kg of body weight per day"),
    ("Each spray holds 5 mcg of the hormone.", "5", "mg", 0.001, "mcg"),
    ("Drink two litres of water.", "two", "ml", 1000.0, "litres"),
    ("The patch lasts 72 hours.", "72", "day", 0.0416667, "hours"),
    ("A flu test costs $30 without insurance.", "30", "USD", 1.0, "$"),
])
def test_unit_reads_what_follows_the_number(parser, text, number, unit, factor, written_unit):
    _, _, _, measure = _steps(parser, text, number)
    assert (measure.unit, measure.factor, measure.written_unit) == (unit, pytest.approx(factor), written_unit)


def test_unit_reads_a_time_word_before_the_number(parser):
    text = "Weeks 3-6 bring the worst dryness."
    _, _, _, measure = _steps(parser, text, "3")
    assert (measure.start, measure.unit, measure.factor, measure.written_unit) == (0, "day", 7, "Weeks")


def test_one_place_decides_a_units_dimension():
    units = UnitTable(load_reference().units)
    assert units.dimension("day") == "time"
    assert units.dimension("%") == "percent"
    assert {units.dimension(u) for u in ("mg", "mg/day", "mg/kg", "mg/kg/day")} == {"mass"}
    assert units.same_dimension("mg", "mg/kg/day")
    assert not units.same_dimension("mg", "mg/dL")  # a concentration is no dose
    assert not units.same_dimension("day", "%")
    assert units.dimension("puffs") == "puffs"  # a unit the table does not know is its own


def test_micrograms_read_with_either_mu():
    units = UnitTable(load_reference().units)
    for text in ("25 µg", "25 μg"):  # micro sign, Greek mu
        reading = units.read(text, 2)
        assert (reading.unit, reading.factor, reading.end) == ("mg", 0.001, len(text))


# -- range ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "number", "low", "high", "unit", "span"), [
    ("Start with 0.5 to 1 mg/kg of the syrup.", "0.5", 0.5, 1, "mg/kg", "0.5 to 1 mg/kg"),
    ("Between 80% and 90% of the volunteers slept better.", "80", 80, 90, "%", "Between 80% and 90%"),
    ("Fast for 8-12 hours before the blood draw.", "8", 8 / 24, 12 / 24, "day", "8-12 hours"),
    ("Aim for 4 to 5 thousand steps on rest days.", "4", 4000, 5000, "", "4 to 5 thousand"),
    ("Use one or two puffs of the reliever.", "one", 1, 2, "", "one or two"),
    ("Sebum output fell 80% to 90% in the trial.", "80", 80, 90, "%", "80% to 90%"),
    ("Ease the dose from 40 mg down to 20 mg over a month.", "40", 40, 40, "mg", "40 mg"),
])
def test_range_joins_a_second_number(parser, text, number, low, high, unit, span):
    match, _, prefix, measure = _steps(parser, text, number)
    amount = parser._range(text, match, measure, prefix) or parser._single(text, match, measure)
    assert (amount.low, amount.high, amount.unit) == (pytest.approx(low, rel=1e-5), pytest.approx(high, rel=1e-5), unit)
    assert text[amount.start:amount.end] == span


@pytest.mark.parametrize(("text", "number"), [
    ("Check it at 5 mg to 10 mg/dL of glucose.", "5"),  # a dose and a concentration: two amounts
    ("Use 80 and 90 as the cut-offs.", "80"),  # "and" joins a range only after "between"
    ("Take 2 or $3 worth of lozenges.", "2"),  # "or" joins only rough counts in words
])
def test_range_refuses_two_separate_amounts(parser, text, number):
    match, _, prefix, measure = _steps(parser, text, number)
    assert parser._range(text, match, measure, prefix) is None


def test_a_bare_count_takes_its_noun(parser):
    text = "The clinic sees hundreds of patients with eczema."
    match, _, _, measure = _steps(parser, text, "hundreds")
    amount = parser._single(text, match, measure)
    assert (amount.low, amount.high, amount.written_unit) == (100, 1000, "patients")


# -- not a quantity -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The guideline changed in 2021 for older adults.",
    "Sunscreen use rose through the 1990s.",
    "The results came back on March 14 as expected.",
    "A three-drug regimen is standard for this infection.",
    "Readers with Type 2 diabetes asked about fasting.",
    "The leaflet (4) lists the side effects.",
])
def test_not_a_quantity(parser, text):
    assert parser.parse(text) == []


def test_a_year_before_a_range_is_no_part_of_it(parser):
    text = "The threshold fell in 2019 to 130 mmHg."
    assert [q.text for q in parser.parse(text)] == ["130 mmHg"]


# -- qualifier ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "span", "qualifier"), [
    ("Rest for up to three days after the jab.", "up to three days", "up_to"),
    ("Drink at least two litres of water.", "at least two litres", "at_least"),
    ("Take no more than 4 g of paracetamol a day.", "no more than 4 g of paracetamol a day", "up_to"),
    ("Over 60% of the nurses were vaccinated.", "Over 60%", "more_than"),
    ("Use the spray over 6 weeks.", "6 weeks", "exact"),  # a duration, not a bound
    ("Symptoms ease within 48 hours.", "within 48 hours", "within"),
    ("Roughly 1 in 10 people react to the patch.", "Roughly 1 in 10", "about"),
    ("Keep it below 5 mg/dL.", "below 5 mg/dL", "less_than"),
])
def test_qualifier_before_the_amount(parser, text, span, qualifier):
    [quantity] = parser.parse(text)
    assert (quantity.text, quantity.qualifier) == (span, qualifier)


# -- the one table of scales ----------------------------------------------------------------


def test_scales_are_read_from_one_table():
    assert scale_value("bn") == 1e9
    assert scale_value("K") == 1e3
    assert scale_value("hundred thousand") == 1e5
    assert plural_scale_value("tens of thousands") == 1e4
    assert plural_scale_value("hundreds of millions") == 1e8
    assert parse_words("two dozen") == 24
    for scale in SCALE_TABLE:
        text = f"3 {scale.word} doses"
        match = NUMBER.match(text)
        value = 3 * scale.value if scale.after_digits else 3
        assert parse_words(f"three {scale.word}") == 3 * scale.value
        assert QuantityParser(load_reference().units)._value(text, match).number == value
        for abbreviation in scale.abbreviations:
            assert NUMBER.match(f"3{abbreviation} doses").group("suffix", "mult") != (None, None)


# -- the benchmark's adapter adds what only news needs ---------------------------------------


def test_the_newsquant_adapter_reads_currency_codes_the_product_does_not():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from newsquant_adapter import NewsQuantityParser
    finally:
        sys.path.pop(0)
    news = NewsQuantityParser(load_reference().units)
    text = "A strip of tablets costs RM79."
    assert [(q.unit, q.low) for q in news.parse(text)] == [("MYR", 79.0)]
    assert QuantityParser(load_reference().units).parse(text) == []
