"""The spaCy components: what each assigns to the Doc, tested through the real pipeline."""

from __future__ import annotations

import re

import pytest
import spacy


def claims_of(nlp, text):
    doc = nlp(text)
    return [span._.claim for span in doc.spans["claims"]]


def only(nlp, article, **expected):
    claims = claims_of(nlp, article)
    assert len(claims) == 1, [(c.text, c.topic) for c in claims]
    claim = claims[0]
    for name, value in expected.items():
        assert getattr(claim, name) == value, (name, getattr(claim, name), value)
    return claim


def test_components_are_registered_factories(reference):
    nlp = spacy.blank("en")
    nlp.add_pipe("auditor_sentences")
    quantities = nlp.add_pipe("auditor_quantities")
    with pytest.raises(ValueError, match=r"\[auditor_quantities\] has no reference yet"):
        nlp("Take 0.5 to 1 mg/kg per day.")
    quantities.initialize(nlp=nlp, reference=reference)
    doc = nlp("Take 0.5 to 1 mg/kg per day.")
    [span] = doc.spans["quantities"]
    assert span._.quantity.unit == "mg/kg/day"
    assert (span._.quantity.low, span._.quantity.high) == (0.5, 1.0)


def test_pipeline_names(nlp):
    assert nlp.pipe_names == ["auditor_sentences", "auditor_quantities", "auditor_drugs",
                              "auditor_topics", "auditor_cues", "auditor_context", "auditor_claims"]


def test_a_capital_letter_and_stop_ends_a_sentence_only_between_a_word_and_a_capital(nlp):
    doc = nlp("Skip extra vitamin A. Carrots are fine. Bacteria (P. acnes) and John F. Kennedy stay.")
    assert [s.text.strip() for s in doc.sents] == [
        "Skip extra vitamin A.", "Carrots are fine.", "Bacteria (P. acnes) and John F. Kennedy stay."]


def test_a_citation_glued_to_a_full_stop_ends_its_sentence(nlp):
    doc = nlp("Most patients improve on isotretinoin.[1] About 20% need a second course.[3,4] Relapse is rarer.")
    assert [s.text.strip() for s in doc.sents] == [
        "Most patients improve on isotretinoin.[1]", "About 20% need a second course.[3,4]", "Relapse is rarer."]
    assert [s.label_ for s in doc.spans["drugs"]] == ["isotretinoin"]


def test_a_line_break_ends_a_sentence(nlp):
    doc = nlp("Dosage and Duration\nTreatment lasts 16 weeks. Then stop")
    assert [s.text.strip() for s in doc.sents] == [
        "Dosage and Duration", "Treatment lasts 16 weeks.", "Then stop"]


def _sentence_starts_one_token_at_a_time(doc) -> list[bool]:
    """The rule of `auditor_sentences`, written as the plain loop it replaces."""
    from auditor.nlp.sentences import ENDERS

    citation = set()  # "clear.[20] About": a marker glued to a stop is space
    for token in doc:
        before = doc[token.i - 1] if token.i else None
        if token.text == "[" and before is not None and not before.whitespace_ and (
                before.text in ENDERS or "\n" in before.text):
            end = token.i + 1
            while end < len(doc) and end - token.i <= 8 and re.fullmatch(r"[0-9,\-–]+", doc[end].text):
                end += 1
            if token.i + 1 < end < len(doc) and doc[end].text == "]":
                citation.update(range(token.i, end + 1))
    starts, boundary = [], True
    for token in doc:
        if token.i in citation:
            starts.append(False)
            continue
        before = doc[token.i - 1] if token.i else None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        wrap = (token.text.strip(" ") == "\n" and before is not None and after is not None
                and not before.is_space and before.text not in ENDERS and "\n" not in before.text
                and after.is_lower)  # a hard wrap: "avoid\npregnancy" reads on
        if token.is_space:
            starts.append(boundary and token.i == 0)
            boundary = boundary or ("\n" in token.text and not wrap)
            continue
        starts.append(boundary)
        letter_stop = (len(token.text) == 2 and token.text[1] == "." and "A" <= token.text[0] <= "Z"
                       and before is not None and before.is_lower
                       and (after is None or after.is_title or after.is_upper))  # "vitamin A. A diet"
        boundary = token.text in ENDERS or "\n" in token.text or letter_stop
    return starts


def test_sentence_rule_on_arrays_equals_the_token_loop():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from auditor.nlp import blank_english
    from auditor.nlp.sentences import sentence_bounds as _sentence_bounds
    from auditor.nlp.sentences import split_sentences

    nlp = blank_english()
    pieces = st.sampled_from(["Word", "word", ".", "!", "?", "...", "…", " ", "  ", "\n", "\n\n",
                              " \n ", "e.g.", "5.5", "Dr.", "?!", "—", "\t", "A.", "vitamin", "P.",
                              "[", "]", "1", "3,4", "-", ".[1]", ".[3,4] ", "word.[20]"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join))
    def check(text):
        doc = split_sentences(nlp.make_doc(text))
        assert [t.is_sent_start for t in doc] == _sentence_starts_one_token_at_a_time(doc)
        assert _sentence_bounds(doc) == [(s.start_char, s.end_char) for s in doc.sents]

    check()


@pytest.mark.parametrize("name", ["Accutane", "Roaccutane", "Claravis", "isotretinion",
                                  "Isotretinoin", "Accutaine"])
def test_drug_names_brands_and_misspellings(nlp, name):
    doc = nlp(f"My dermatologist prescribed {name} last spring.")
    assert [s.label_ for s in doc.spans["drugs"]] == ["isotretinoin"]
    assert doc._.main_drug == "isotretinoin"


def test_ordinary_words_are_not_fuzzy_drugs(nlp):
    doc = nlp("Absolutely accurate information about antibiotics and acne treatments.")
    # classes, by name only: no fuzzy match for "Absolutely" or "accurate"
    assert [s.label_ for s in doc.spans["drugs"]] == ["antibiotics", "acne treatments"]


def test_claim_goes_to_the_drug_its_sentence_names(nlp):
    text = ("Isotretinoin is taken for 16 to 20 weeks. Spironolactone is usually taken at "
            "50 to 100 mg a day.")
    claims = claims_of(nlp, text)
    assert [(c.topic, c.drug) for c in claims] == [
        ("course_length", "isotretinoin"), ("daily_dose", "spironolactone")]


def test_topic_is_the_nearest_one_of_a_fitting_dimension(nlp):
    only(nlp, "Isotretinoin cuts oil production by up to 90%.", topic="sebum_reduction")
    only(nlp, "Isotretinoin clears acne in up to 85% of patients after one course.",
         topic="clearance_rate")
    only(nlp, "Ten years on, 61% of patients were still in remission.", topic="cure_rate")
    only(nlp, "The usual dose of isotretinoin is 0.5 mg to 1 mg per kg of body weight per day.",
         topic="daily_dose")
    only(nlp, "Aim for a total of 120–150 mg/kg of isotretinoin.", topic="cumulative_dose")


@pytest.mark.parametrize("text", [
    "In the trial, 638 patients took 20 mg of isotretinoin a day for six months.",
    "Patients took isotretinoin at 0.5 mg/kg/day for six months.",
    "Patients took isotretinoin at 20 mg twice daily for six months.",
])
def test_a_duration_after_a_dose_is_the_course_length(nlp, text):
    claims = claims_of(nlp, text)
    course = [c for c in claims if c.topic == "course_length"]
    assert len(course) == 1 and course[0].text == "six months", claims
    assert {c.topic for c in claims} == {"daily_dose", "course_length"}


def test_a_clause_break_keeps_topics_apart(nlp):
    claim = only(nlp, "While many stay in remission, 10-20% of patients on isotretinoin need a "
                      "second course.")
    assert claim.topic == "second_course_rate"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Avoid pregnancy for at least one month after the last isotretinoin dose.",
         "pregnancy_window_after"),
        ("Start birth control two weeks before your first isotretinoin capsule.",
         "pregnancy_window_before"),
        ("Do not donate blood for one month after stopping isotretinoin.",
         "blood_donation_after"),
        ("Wait six weeks after isotretinoin before waxing.", "cosmetic_procedures_after"),
    ],
)
def test_windows_take_their_anchor(nlp, text, topic):
    only(nlp, text, topic=topic, drug="isotretinoin")


def test_postponing_until_the_course_ends_is_a_window_of_zero(nlp):
    claim = only(nlp, "Postpone waxing and laser until after you finish your isotretinoin course.",
                 topic="cosmetic_procedures_after", text="until after you finish")
    assert claim.quantity.low == 0


@pytest.mark.parametrize(
    ("text", "topic", "stance"),
    [
        ("It is safe to take isotretinoin with minocycline.", "tetracycline_combination",
         "permit"),
        ("Never combine isotretinoin with tetracycline antibiotics.", "tetracycline_combination",
         "prohibit"),
        ("Do not take vitamin A supplements while on isotretinoin.", "vitamin_a_supplements",
         "prohibit"),
        ("If you miss an isotretinoin capsule, double the next dose.", "missed_dose", "permit"),
        ("Isotretinoin kills acne-causing bacteria.", "antibacterial_action", "assert"),
    ],
)
def test_safety_rules_with_their_stance(nlp, text, topic, stance):
    only(nlp, text, kind="safety", topic=topic, stance=stance, drug="isotretinoin")


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Isotretinoin clears 85% of patients after one course.", "asserted"),
        ("Isotretinoin may clear up to 85% of patients after one course.", "hedged"),
        ("Some bloggers claim isotretinoin clears 85% of patients after one course.",
         "attributed"),
        ("Myth: isotretinoin clears 85% of patients after one course.", "refuted"),
        ("You must avoid pregnancy for three years after isotretinoin. That rule belongs to "
         "acitretin.", "refuted"),
        ("There is no need to wait six weeks after isotretinoin before waxing.", "negated"),
    ],
)
def test_context(nlp, text, context):
    claims = claims_of(nlp, text)
    assert claims and claims[0].context == context


def test_a_trigger_inside_the_claim_does_not_negate_it(nlp):
    claim = only(nlp, "Isotretinoin creates a place where bacteria cannot survive.")
    assert claim.context == "asserted"


def test_worked_example_becomes_one_arithmetic_claim(nlp):
    text = ("A person weighing 60 kg might take isotretinoin 20mg twice daily.\n"
            "Over 5 months, this would reach the target cumulative dose.")
    claim = only(nlp, text, kind="arithmetic", topic="cumulative_dose", text="5 months")
    operands = dict(claim.operands)
    assert operands["weight_kg"] == 60
    assert operands["dose_mg_per_day"] == 40
    assert operands["duration_days"] == pytest.approx(152.1875)


def test_claim_offsets_point_into_the_text(nlp):
    text = "Isotretinoin:\n- lasts 4 to 8 months\n- clears up to 85% of patients after one course"
    for claim in claims_of(nlp, text):
        assert text[claim.start:claim.end] == claim.text
        assert claim.text in claim.sentence


def test_a_claim_opening_a_paragraph_keeps_its_topic(nlp):
    text = ("Wait six weeks after your last isotretinoin dose before waxing.\n\n"
            "Up to 85% of patients are clear after one isotretinoin course.")
    assert [(c.text, c.topic) for c in claims_of(nlp, text)] == [
        ("six weeks", "cosmetic_procedures_after"), ("Up to 85%", "clearance_rate")]


def test_the_pipeline_keeps_the_text_it_tokenized_and_its_tokenizer_pickles(nlp):
    import pickle

    from auditor.nlp.text import TEXT_KEY, doc_text

    text = "Take 20 mg  a day.\n\nThen stop."
    doc = nlp(text)
    assert doc.user_data[TEXT_KEY] is text and doc_text(doc) == doc.text
    tokenizer = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert doc_text(tokenizer(text)) == text


def test_a_claim_repeated_word_for_word_is_reported_once():
    """A forum reply that quotes the post it answers restates it; it is one claim, not two."""
    from auditor import audit_text

    post = "My cousin was told to wait 1 week after isotretinoin before waxing her legs at the salon"
    text = f"{post}. Is that right?\n\nReply:\n> {post}\nNo, that is far too soon."
    waxing = [f for f in audit_text(text) if f.topic.startswith("cosmetic_procedures")]
    assert [f.claim_text for f in waxing] == ["1 week"]
