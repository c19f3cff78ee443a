"""Pins the quantity behaviour the auditor relies on (medical doses, durations, shares)."""

from __future__ import annotations

import pytest

from auditor.nlp import build_pipeline
from auditor.nlp.quantities import QuantityParser
from auditor.reference import load_reference


@pytest.fixture(scope="module")
def parser() -> QuantityParser:
    return QuantityParser(load_reference().units)


# text, expected span, low, high, unit, qualifier
CASES = [
    ("85%", "85%", 85, 85, "%", "exact"),
    ("up to 90%", "up to 90%", 90, 90, "%", "up_to"),
    ("one month", "one month", 30.4375, 30.4375, "day", "exact"),
    ("0.5 to 1 mg/kg per day", "0.5 to 1 mg/kg per day", 0.5, 1, "mg/kg/day", "exact"),
    ("0.5 mg to 1 mg per kg of body weight per day", "0.5 mg to 1 mg per kg of body weight per day",
     0.5, 1, "mg/kg/day", "exact"),
    ("4 to 8 months", "4 to 8 months", 121.75, 243.5, "day", "exact"),
    ("10-20%", "10-20%", 10, 20, "%", "exact"),
    ("120–150 mg/kg", "120–150 mg/kg", 120, 150, "mg/kg", "exact"),
    ("between 120 and 150 mg/kg", "between 120 and 150 mg/kg", 120, 150, "mg/kg", "exact"),
    ("20mg twice daily", "20mg twice daily", 40, 40, "mg/day", "exact"),
    ("20mg per day", "20mg per day", 20, 20, "mg/day", "exact"),
    # a frequency written as a choice is a range of daily doses
    ("take 50 mg once or twice a day", "50 mg once or twice a day", 50, 100, "mg/day", "exact"),
    ("25-50 mg once or twice daily", "25-50 mg once or twice daily", 25, 100, "mg/day", "exact"),
    ("100 mg twice or three times daily", "100 mg twice or three times daily", 200, 300, "mg/day",
     "exact"),
    ("10 mg twice or once daily", "10 mg", 10, 10, "mg", "exact"),
    # the word that gives a dose may stand between it and its frequency
    ("50 to 100 milligrams taken twice daily", "50 to 100 milligrams taken twice daily", 100, 200,
     "mg/day", "exact"),
    ("20 mg, given daily with food", "20 mg, given daily", 20, 20, "mg/day", "exact"),
    ("take 20 mg taken from the blister", "20 mg", 20, 20, "mg", "exact"),
    # "no longer than" bounds a time from above, "no sooner than" from below: neither negates it
    ("courses last no longer than 24 weeks", "no longer than 24 weeks", 168, 168, "day", "up_to"),
    ("pick it up no later than 7 days after", "no later than 7 days", 7, 7, "day", "up_to"),
    ("wax no sooner than 6 months after", "no sooner than 6 months", 182.625, 182.625, "day", "at_least"),
    ("donate not earlier than 1 month after", "not earlier than 1 month", 30.4375, 30.4375, "day",
     "at_least"),
    ("never more than 40 mg a day", "never more than 40 mg a day", 40, 40, "mg/day", "up_to"),
    # each end of a range in its own unit
    ("after a week to ten days", "a week to ten days", 7, 10, "day", "exact"),
    ("6 weeks to 3 months", "6 weeks to 3 months", 42, 91.3125, "day", "exact"),
    ("25 mg to 50 mg twice daily", "25 mg to 50 mg twice daily", 50, 100, "mg/day", "exact"),
    ("60 kg", "60 kg", 60, 60, "kg", "exact"),
    ("Over 5 months", "5 months", 152.1875, 152.1875, "day", "exact"),
    ("at least one month", "at least one month", 30.4375, 30.4375, "day", "at_least"),
    ("within 7 days", "within 7 days", 7, 7, "day", "within"),
    # the mathematical signs for "at least" and "at most", as study pages write them
    ("patients on ≥0.5 mg/kg/day", "≥0.5 mg/kg/day", 0.5, 0.5, "mg/kg/day", "at_least"),
    ("treated for ≥ 16 weeks", "≥ 16 weeks", 112, 112, "day", "at_least"),
    ("a dose >= 120 mg/kg", ">= 120 mg/kg", 120, 120, "mg/kg", "at_least"),
    ("a supply of ≤30 days", "≤30 days", 30, 30, "day", "up_to"),
    ("at <= 20 mg per day", "<= 20 mg per day", 20, 20, "mg/day", "up_to"),
    ("a 30-day supply", "30-day", 30, 30, "day", "exact"),
    ("two forms", "two forms", 2, 2, "count", "exact"),
    ("half of patients", "half", 50, 50, "%", "exact"),
    ("one in five", "one in five", 20, 20, "%", "exact"),
    ("two-thirds of", "two-thirds", 66.67, 66.67, "%", "exact"),
    ("falls by roughly two-thirds", "roughly two-thirds", 66.67, 66.67, "%", "about"),
    ("cuts oil by half", "half", 50, 50, "%", "exact"),
    ("reduced by a third", "a third", 33.33, 33.33, "%", "exact"),
    ("two-thirds", "two-thirds", 0.67, 0.67, "count", "exact"),
    # a range whose ends are written as fractions is a range of shares, whichever end is a word
    ("a third to half of the patients", "a third to half", 33.33, 50, "%", "exact"),
    ("between a tenth and a quarter of users", "between a tenth and a quarter", 10, 25, "%", "exact"),
    ("a third to two-thirds of teens", "a third to two-thirds", 33.33, 66.67, "%", "exact"),
    ("in a quarter to 35 percent of cases", "a quarter to 35 percent", 25, 35, "%", "exact"),
    ("from 15% to a third of adults", "from 15% to a third", 15, 33.33, "%", "exact"),
    # a range of shares each written as a ratio
    ("between 1 in 6 and 1 in 4 teenagers", "between 1 in 6 and 1 in 4", 16.67, 25, "%", "exact"),
    ("one in ten to one in five users", "one in ten to one in five", 10, 20, "%", "exact"),
    ("from 2 out of 10 to 4 out of 10 people", "from 2 out of 10 to 4 out of 10", 20, 40, "%", "exact"),
    ("nearly all", "nearly all", 100, 100, "%", "exact"),
    ("virtually everyone who finishes", "virtually everyone", 100, 100, "%", "exact"),
    ("Almost everybody sees", "Almost everybody", 100, 100, "%", "exact"),
    ("sixteen weeks", "sixteen weeks", 112, 112, "day", "exact"),
    ("Weeks 1–4", "Weeks 1–4", 7, 28, "day", "exact"),
    ("SPF 30", "SPF 30", 30, 30, "SPF", "exact"),
    ("more than 85 percent", "more than 85 percent", 85, 85, "%", "more_than"),
    ("one or two", "one or two", 1, 2, "count", "exact"),
    # "one" after "first"/"last" opens a range here, it is no pronoun ("the first one")
    ("during the first one to three months", "one to three months", 30.4375, 91.3125, "day", "exact"),
    ("over the last one or two weeks", "one or two weeks", 7, 14, "day", "exact"),
    # a rough measure: only the larger figure carries the unit
    ("it takes 3 or 4 months", "3 or 4 months", 91.3125, 121.75, "day", "exact"),
    ("oil drops by 70 or 80 percent", "70 or 80 percent", 70, 80, "%", "exact"),
    ("wait two or three weeks", "two or three weeks", 14, 21, "day", "exact"),
    # a bound written after the amount
    ("keep going for 6 months or longer", "6 months or longer", 182.625, 182.625, "day", "at_least"),
    ("20 mg or less", "20 mg or less", 20, 20, "mg", "up_to"),
    ("for eight weeks or so", "eight weeks or so", 56, 56, "day", "about"),
    # "a couple of" is two, roughly; "a single" is one
    ("wait a couple of weeks", "a couple of weeks", 14, 14, "day", "about"),
    ("a couple months later", "a couple months", 60.875, 60.875, "day", "about"),
    ("a single negative test", "a single negative", 1, 1, "count", "exact"),
    ("one single method", "one single method", 1, 1, "count", "exact"),
    # a prescription's Latin shorthand for how often a day
    ("take 100mg BID", "100mg BID", 200, 200, "mg/day", "exact"),
    ("50 mg b.i.d. with food", "50 mg b.i.d.", 100, 100, "mg/day", "exact"),
    ("20 mg bd", "20 mg bd", 40, 40, "mg/day", "exact"),
    ("100 mg od.", "100 mg od", 100, 100, "mg/day", "exact"),
    ("25 mg tds", "25 mg tds", 75, 75, "mg/day", "exact"),
    ("50 mg q.d.s. with water", "50 mg q.d.s.", 200, 200, "mg/day", "exact"),
    ("25 mg t.d.s. after meals", "25 mg t.d.s.", 75, 75, "mg/day", "exact"),
    ("20 mg q.d. at night", "20 mg q.d.", 20, 20, "mg/day", "exact"),
    ("20 mg bdx", "20 mg", 20, 20, "mg", "exact"),  # no shorthand inside a longer word
    # ... or an interval in hours
    ("100 mg every 12 hours", "100 mg every 12 hours", 200, 200, "mg/day", "exact"),
    ("50 mg q8h", "50 mg q8h", 150, 150, "mg/day", "exact"),
    # a time told in two units, the larger first, is one time
    ("it is 4 months and 3 weeks now", "4 months and 3 weeks", 142.75, 142.75, "day", "exact"),
    ("about 1 year and 6 months", "about 1 year and 6 months", 547.875, 547.875, "day", "about"),
    # "gm", the pharmacy's gram
    ("a 30 gm tube of gel", "30 gm", 30000, 30000, "mg", "exact"),
    ("a total of 120 gm/kg", "120 gm/kg", 120000, 120000, "mg/kg", "exact"),
]


@pytest.mark.parametrize(("text", "span", "low", "high", "unit", "qualifier"), CASES, ids=[c[0] for c in CASES])
def test_medical_quantities(parser, text, span, low, high, unit, qualifier):
    found = parser.parse(text)
    assert len(found) == 1, found
    q = found[0]
    assert q.text == span
    assert q.low == pytest.approx(low, abs=0.01)
    assert q.high == pytest.approx(high, abs=0.01)
    assert q.unit == unit
    assert q.qualifier == qualifier


@pytest.mark.parametrize(("text", "spans"), [
    ("between 2 or 10 weeks", ["2", "10 weeks"]),  # too far apart to be one rough figure
    ("1 or 2 tablets", ["1", "2 tablets"]),  # a count noun is no unit of measure
    ("25k or 40k", ["25k", "40k"]),
    ("a single 20 mg capsule", ["20 mg"]),  # "a single" before a figure counts nothing itself
])
def test_two_figures_joined_by_or_stay_two(parser, text, spans):
    assert [q.text for q in parser.parse(text)] == spans


@pytest.mark.parametrize(("text", "spans"), [
    ("fell 50 -1.3%", ["50", "-1.3%"]),  # after a bare number a glued dash is a sign
    ("0.25 mg/kg -0.5 mg/kg", ["0.25 mg/kg -0.5 mg/kg"]),  # two ends each with its unit: a range
])
def test_a_glued_dash_joins_only_ends_written_with_units(parser, text, spans):
    assert [q.text for q in parser.parse(text)] == spans


@pytest.mark.parametrize(("text", "spans"), [
    ("3 months and 6 months", ["3 months", "6 months"]),  # two times in one unit stay two
    ("2 weeks and 5 months", ["2 weeks", "5 months"]),  # the smaller first is a list
])
def test_times_joined_by_and_stay_two_unless_larger_first(parser, text, spans):
    assert [q.text for q in parser.parse(text)] == spans


@pytest.mark.parametrize(("text", "spans"), [
    # a scraped list's item number runs into the range the item gives: no range, no dose
    ("Step 30.5-1 mg/kg/day with food", ["30.5"]),
    ("Month 2 schedule:\n10.25-0.4 mg/kg daily", ["Month 2", "10.25"]),
    ("cut from 40-20 mg", ["from 40-20 mg"]),  # written high to low, but not ten times apart
])
def test_a_glued_list_number_is_no_range(parser, text, spans):
    assert [q.text for q in parser.parse(text)] == spans


@pytest.mark.parametrize("text", ["one of the most effective", "once a month", "2025-06-27 16:32:50"])
def test_not_quantities(parser, text):
    assert parser.parse(text) == []


SENTENCES = [
    "Take 0.5 to 1 mg/kg per day for 4 to 8 months; up to 90% of patients clear.",
    "Between 120 and 150 mg/kg, nearly all patients (two-thirds of adults) improved within 7 days.",
    "One in five users stopped after one month, and 20mg twice daily is a 30-day supply of SPF 30.",
    "Sales rose 12% to $1.5 million in 2020, about three times more than the 500,000 forecast.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_offsets_match_text(parser, text):
    found = parser.parse(text)
    assert found
    for q in found:
        assert q.text == text[q.start:q.end]
        assert q.low <= q.high


def test_raw_values_keep_what_was_written(parser):
    (q,) = parser.parse("4 to 8 months")
    assert (q.raw_low, q.raw_high, q.raw_unit) == (4, 8, "months")
    assert (q.low, q.high, q.unit) == (121.75, 243.5, "day")
    (q,) = parser.parse("half of patients")
    assert (q.raw_low, q.raw_unit, q.low, q.unit) == (0.5, "", 50, "%")


def test_spacy_component_puts_spans_on_doc():
    nlp = build_pipeline(load_reference())
    doc = nlp("Adults took 20mg per day for sixteen weeks; up to 90% improved.")
    spans = doc.spans["quantities"]
    assert [s.text for s in spans] == ["20mg per day", "sixteen weeks", "up to 90%"]
    assert spans[0]._.quantity.unit == "mg/day"
    assert spans[2]._.quantity.qualifier == "up_to"


@pytest.mark.parametrize(
    ("text", "span", "low", "unit", "qualifier"),
    [
        # a qualifier at the start of a line must not pull the previous line into the span
        ("done.\nRoughly 22% of the group", "Roughly 22%", 22.0, "%", "about"),
        ("weeks.\n\nUp to 85% of patients", "Up to 85%", 85.0, "%", "up_to"),
        # Markdown emphasis around a qualified quantity
        ("**at least one month** before", "at least one month", 30.4375, "day", "at_least"),
        # what is dosed may stand between the dose and its frequency
        ("40 mg of isotretinoin a day", "40 mg of isotretinoin a day", 40.0, "mg/day", "exact"),
        ("wait a further month after", "a further month", 30.4375, "day", "exact"),
        ("20 mg of isotretinoin twice daily", "20 mg of isotretinoin twice daily", 40.0, "mg/day",
         "exact"),
    ],
)
def test_spans_stay_on_their_line_and_read_through_markup(parser, text, span, low, unit,
                                                          qualifier):
    [quantity] = parser.parse(text)
    assert (quantity.text, quantity.low, quantity.unit, quantity.qualifier) == (
        span, low, unit, qualifier)
    assert text[quantity.start:quantity.end] == span


# -- the candidate scan is only an optimisation: it must find what a full scan finds ----------


def _corpus_texts() -> list[str]:
    from pathlib import Path

    from auditor.documents import read_inputs
    from auditor.model import Document

    root = Path(__file__).resolve().parents[1]
    sources = [p for p in (root / "corpora" / "articles", root.parent / "shared" / "seeds") if p.exists()]
    return [d.text for d in read_inputs(sources) if isinstance(d, Document)]


def _spans(matches) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in matches]


def test_candidate_scan_matches_a_full_scan_on_every_corpus_text():
    from auditor.nlp.quantities import NUMBER, number_matches

    texts = _corpus_texts()
    assert len(texts) >= 25
    found = 0
    for text in texts:
        expected = _spans(NUMBER.finditer(text))
        assert _spans(number_matches(text)) == expected
        found += len(expected)
    assert found > 300  # the texts are full of numbers: the comparison is not vacuous


@pytest.mark.parametrize("text", [
    "ſix weeks", "Twenty-Five mg", "x10 and 10x", "1,250.5 and .5", "RM79 or USD10m", "sub-5%",
    "one_two one2 2one", "A year and an hour", "tens of thousands of", "Nearly all, ALMOST every",
    "٣ months", "e.g. 5.5.5", "minus-3", "$-50.8bn",
])
def test_candidate_scan_matches_a_full_scan_on_odd_text(text):
    from auditor.nlp.quantities import NUMBER, number_matches

    assert _spans(number_matches(text)) == _spans(NUMBER.finditer(text))


def test_candidate_scan_matches_a_full_scan_on_arbitrary_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from auditor.nlp.quantities import NUMBER, number_matches

    pieces = st.sampled_from(["one", "a", "an", "half", "Nearly", "all", "5", ".5", "1,000", "-",
                              " ", "\n", "ſix", "_", "x", "RM", "$", "thousands", "of", "ty", "é"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces | st.text(max_size=3), max_size=30).map("".join))
    def check(text):
        assert _spans(number_matches(text)) == _spans(NUMBER.finditer(text))

    check()


def test_candidate_scan_matches_a_full_scan_for_every_word_a_number_can_open_with():
    from auditor.nlp.numbers import ONES, SCALES, TENS
    from auditor.nlp.quantities import NUMBER, number_matches

    # Every word NUMBER's alternatives can begin with, written out here rather than taken from
    # the scanner's own list, each in the places NUMBER reads it.
    words = [*ONES, *TENS, *SCALES, "dozen", "a", "an", "nearly", "almost", "virtually",
             "practically", "tens", "hundreds", "dozens", "thousands", "millions", "billions", "half"]
    tails = [" all", " every", " of people", " days", " further weeks", "-third of", " third",
             " quarter", " and five", "-five", " hundred", ""]
    text = "\n".join(f"{opening}{tail}." for word in words for opening in (word, word.title())
                     for tail in tails)
    expected = _spans(NUMBER.finditer(text))
    assert _spans(number_matches(text)) == expected
    found = {text[start:end].split()[0].split("-")[0].lower() for start, end in expected}
    assert {"practically", "virtually", "nearly", "almost", "billions", "half", "a", "zero"} <= found


@pytest.mark.parametrize(("text", "found"), [
    ("sales of the iPhone 11 rose", []),
    ("tickets for Game 7 sold out", []),
    ("Take two capsules.", ["two capsules"]),
    ("Read this.\n- Have two negative tests first.", ["two negative"]),
    ("Read this.\n* Take 20 mg a day.", ["20 mg a day"]),
    ("Read this.\n2. Allow six weeks.", ["2", "six weeks"]),  # the item's number is read too
])
def test_a_capitalised_word_names_a_thing_unless_it_opens_a_line(parser, text, found):
    assert [q.text for q in parser.parse(text)] == found


@pytest.mark.parametrize(("text", "found"), [
    ("I finished last year and I'm now a year out, still clear.", []),
    ("a year ago", []),
    ("a year out of work", ["a year"]),
    ("continue for one month after the last one", ["one month"]),
    ("the first one was mild", []),
    ("one of them", []),
    ("choose one method", ["one method"]),
])
def test_a_point_in_time_and_a_pronoun_are_no_amounts(parser, text, found):
    assert [q.text for q in parser.parse(text)] == found


@pytest.mark.parametrize(("text", "spans"), [
    # a bare count's noun is on its line or the next, never past a blank line or a function word
    ("Reviews 4\n\nShipping is free.", ["4"]),
    ("Step 2\n\nBooking your first visit", ["2"]),
    ("we tried 3 which helped", ["3"]),
    ("Chapter 5 Your first month", ["5"]),
    ("two doses a week apart", ["two doses", "a week"]),
    ("use two\nforms of contraception", ["two\nforms"]),
])
def test_what_a_bare_count_counts(parser, text, spans):
    assert [q.text for q in parser.parse(text)] == spans


@pytest.mark.parametrize(("text", "span"), [
    # "of" is often left out before the body weight
    ("1 mg per kg body weight daily", "1 mg per kg body weight daily"),
    ("0.5 mg/kg body weight a day", "0.5 mg/kg body weight a day"),
])
def test_a_dose_per_kilogram_body_weight_without_of(parser, text, span):
    [found] = parser.parse(text)
    assert (found.text, found.unit) == (span, "mg/kg/day")


# -- a decimal said aloud, as transcripts write it ---------------------------------------------

@pytest.mark.parametrize(("text", "span", "low", "high", "unit"), [
    ("she takes zero point five milligrams per kilogram a day", "zero point five milligrams per kilogram a day",
     0.5, 0.5, "mg/kg/day"),
    ("her range was point five to one milligram per kilogram daily", "point five to one milligram per kilogram daily",
     0.5, 1, "mg/kg/day"),
    ("oil output fell by eighty-eight point four percent", "eighty-eight point four percent", 88.4, 88.4, "%"),
    ("a dose of two point five milligrams", "two point five milligrams", 2.5, 2.5, "mg"),
])
def test_a_decimal_said_aloud(parser, text, span, low, high, unit):
    [q] = parser.parse(text)
    assert (text[q.start:q.end], q.low, q.high, q.unit) == (span, pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text", [
    "At one point five people had stopped the drug.",
    "At this point three patients were still on it.",
    "The turning point two years later was a relapse.",
    "Her main point two weeks ago was simple.",
])
def test_the_noun_point_is_no_decimal(parser, text):
    assert not any("point" in q.text for q in parser.parse(text))
