"""Text is normalised once, on the way in: what an editor sees is what the auditor reads.

Invisible format characters inside a number, full-width or Arabic-Indic digits, other percent
signs and look-alike letters in a number word must not change which claims are found.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor import documents
from auditor.audit import audit_text
from auditor.documents import clean_text, read_inputs

CURE = "Isotretinoin clears acne in up to 90% of patients after one course."
WAXING = "Wait six weeks after your last dose of isotretinoin before waxing."
DOSE = "Take isotretinoin 20 mg a day."


def claims(text: str) -> list[tuple]:
    return sorted((f.claim_text, f.topic, f.verdict, f.severity, f.value_low, f.value_high,
                   f.start_char) for f in audit_text(text))


@pytest.mark.parametrize(("hostile", "plain"), [
    (CURE.replace("90", "9\u200b0"), CURE),
    (WAXING.replace("six ", "six\u200d"), WAXING),  # shows as "sixweeks": read as two words
    (WAXING.replace("six", "six\u200bteen"), WAXING.replace("six", "sixteen")),
    (WAXING.replace("six", "s\u2060ix"), WAXING),
    (DOSE.replace("20", "2\u200c0"), DOSE),
    (DOSE.replace("20", "\u202e20\u202c"), DOSE),
    (DOSE.replace("20", "\u20662\ufeff0\u2069"), DOSE),
    (DOSE.replace("20", "2\u00ad0"), DOSE),
])
def test_format_characters_inside_numbers_are_removed(hostile, plain):
    assert clean_text(hostile) == clean_text(plain)
    assert claims(hostile) == claims(plain)
    assert claims(plain)  # the plain sentence does hold a claim


def test_the_six_weeks_waxing_claim_stays_critical_with_a_zero_width_joiner():
    found = audit_text(WAXING.replace("six ", "six\u200d "))
    assert any(f.severity == "critical" and f.claim_text == "six weeks" for f in found)


@pytest.mark.parametrize(("hostile", "plain"), [
    (CURE.replace("90%", "\uff19\uff10\uff05"), CURE),             # full-width digits and ％
    (CURE.replace("90%", "90\u066a"), CURE),                       # Arabic percent sign
    (CURE.replace("90%", "\u0669\u0660\u066a"), CURE),             # Arabic-Indic digits
    (CURE.replace("90%", "\u06f9\u06f0%"), CURE),                  # Persian digits
    (CURE.replace("90%", "\u096f\u0966%"), CURE),                  # Devanagari digits
    (CURE.replace("90%", "\U0001d7d7\U0001d7ce%"), CURE),          # mathematical bold digits
    (CURE.replace("90%", "90\ufe6a"), CURE),                       # small percent sign
    (DOSE.replace("20", "\uff12\uff10"), DOSE),
    (DOSE.replace("20", "2\uff10.\uff10"), DOSE.replace("20", "20.0")),
    (DOSE.replace("20", "\uff12\uff10\uff0e\uff15"), DOSE.replace("20", "20.5")),
    (DOSE.replace("20", "\u0662\u0660\u066b\u0665"), DOSE.replace("20", "20.5")),
])
def test_compatibility_digits_and_percent_signs_are_folded(hostile, plain):
    assert clean_text(hostile) == clean_text(plain)
    assert claims(hostile) == claims(plain)


COURSE = "An isotretinoin course usually lasts 4-6 months."


@pytest.mark.parametrize("hyphen", ["\u2010", "\u2011"])  # HYPHEN, NON-BREAKING HYPHEN
def test_unicode_hyphens_read_as_the_ascii_hyphen(hyphen):
    hostile = COURSE.replace("-", hyphen)
    assert clean_text(hostile) == clean_text(COURSE)
    assert claims(hostile) == claims(COURSE)
    assert [(low, high) for _, _, _, _, low, high, _ in claims(COURSE)] == [(121.75, 182.625)]


@pytest.mark.parametrize(("hostile", "plain"), [
    (WAXING.replace("six", "s\u0456x"), WAXING),            # Cyrillic і
    (WAXING.replace("six", "\u0455\u0456\u0445"), WAXING),  # all three Cyrillic
    (WAXING.replace("six", "Six").replace("Wait ", "").replace("Six", "S\u0456x"),
     WAXING.replace("six", "Six").replace("Wait ", "")),
    (DOSE.replace("20", "tw\u0435nty"), DOSE.replace("20", "twenty")),  # Cyrillic е
    (DOSE.replace("20", "\u03a4WENTY"), DOSE.replace("20", "TWENTY")),    # Greek Τ
    (CURE.replace("90%", "\u0455\u0456\u0445ty-tw\u043e percent"), CURE.replace("90%", "sixty-two percent")),
])
def test_look_alike_letters_in_number_words_are_read_as_latin(hostile, plain):
    assert clean_text(hostile) == clean_text(plain)
    assert claims(hostile) == claims(plain)


@pytest.mark.parametrize("word", ["tw\u03bfnty", "\u0441ix", "\u0430\u0441\u0435"])
def test_look_alike_words_that_are_no_number_word_stay_as_written(word):
    # "twonty", "cix", "ace": letters that would spell no number word are kept as written
    text = f"Take {word} mg."
    assert clean_text(text) == text


@pytest.mark.parametrize("text", [
    "Москва и Афины",                        # Cyrillic and Greek words stay
    "ｆｕｌｌ－ｗｉｄｔｈ ｌｅｔｔｅｒｓ",  # only digits and signs are folded, not letters
    "an area of 2 m² and ½ a dose, ① first",  # superscripts, fractions, circled: not decimal
    "café naïve Œuvre ﬁne",                 # ligatures and accents as written
    "مرحبا بالعالم",
    "中文，标点。",                          # full-width punctuation outside numbers stays
])
def test_other_text_stays_as_written(text):
    assert clean_text(text) == unicodedata.normalize("NFC", text)


def test_the_format_class_covers_every_format_character():
    every = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    assert every == {c for c in every if documents.FORMAT_CHARACTERS.fullmatch(c)}
    assert not documents.FORMAT_CHARACTERS.search("plain text 90% 😀 é")


def test_titles_lose_format_characters_and_an_id_of_nothing_is_missing(tmp_path):
    rows = [{"id": "t1", "title": "\u202eevil title", "text": DOSE},
            {"id": "\u0000", "text": DOSE}, {"id": "\u0001\u200b\u202e ", "text": DOSE},
            {"id": "\u0000ok", "text": DOSE}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                       encoding="utf-8")
    items = list(read_inputs([tmp_path / "in.jsonl"]))
    assert items[0].title == "evil title"
    assert [getattr(i, "reason", None) for i in items[1:3]] == ["missing 'id'"] * 2
    assert items[3].doc_id == "ok"


def test_clean_text_is_linear_on_a_hostile_mix():
    unit = "s\u0456x 9\u200b0\uff05 \u0669\u066a tw\u0435nty "
    small = min(timed(unit * 25_000)[0] for _ in range(2))
    large, text = min(timed(unit * 100_000) for _ in range(2))  # 2.2 million characters
    assert large < 8 * max(small, 0.05), (small, large)  # about x4 the time, not x16
    assert text.startswith("six 90% 9% twenty ")


@pytest.mark.parametrize("unit", ["six\u200d", "\u200dx", "9\u200b", "s\u0456x ", "\u0455"])
def test_clean_text_is_linear_on_hostile_repetitions(unit):
    # each shape at 100,000 and at 400,000 repetitions: about x4 the time, not x16 (the best of
    # two runs each, so a busy machine's pause in one run is not read as growth). The ratio is
    # the check: how fast this machine is today is for benchmarks/, not for a test.
    small = min(timed(unit * 100_000)[0] for _ in range(2))
    large = min(timed(unit * 400_000)[0] for _ in range(2))
    assert large < 8 * max(small, 0.05), (small, large)


def timed(text: str) -> tuple[float, str]:
    import time

    started = time.perf_counter()
    cleaned = clean_text(text)
    return time.perf_counter() - started, cleaned


# -- property: format characters inside numbers change nothing -----------------------------

_NUMBERS = ["20", "0.5", "1,200", "90", "16", "six", "twenty-five", "one hundred", "two",
            "120", "4 to 8", "30–40", "sixty", "fourteen", "eighty", "tenth", "½", "١٢"]
_WORDS = [" mg", " mg/kg/day", "%", " weeks", " months", " isotretinoin", " Accutane",
          " pregnancy", " sebum", " up to", " about", " not", " may", ".", "\n", " ", " of",
          " after", " before", " waxing", " a day", " for", " wait", " course"]
_FORMATS = sorted(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf")


@st.composite
def numbers_with_format_characters(draw) -> tuple[str, str]:
    """(plain text, the same text with format characters inserted inside its numbers)."""
    plain, hostile = [], []
    for _ in range(draw(st.integers(1, 14))):
        if draw(st.booleans()):
            number = draw(st.sampled_from(_NUMBERS))
            inside = draw(st.lists(st.tuples(st.integers(1, max(1, len(number) - 1)),
                                             st.sampled_from(_FORMATS)), max_size=4))
            marked = number
            for position, character in sorted(inside, reverse=True):
                marked = marked[:position] + character + marked[position:]
            plain.append(number)
            hostile.append(marked)
        else:
            word = draw(st.one_of(st.sampled_from(_WORDS), st.text(
                st.characters(blacklist_categories=("Cf", "Cs")), max_size=6)))
            plain.append(word)
            hostile.append(word)
    # Pieces apart by a space: glued together, "tenth" + "s\u2060ix" would be a number word
    # joined to another by a format character, which is read as two words (tested above).
    return " ".join(plain), " ".join(hostile)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(numbers_with_format_characters())
def test_format_characters_inside_numbers_never_change_the_claims(pair):
    plain, hostile = pair
    assert clean_text(hostile) == clean_text(plain)
    assert audit_text(hostile) == audit_text(plain)
