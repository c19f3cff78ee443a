"""Precision first: a number is judged only with evidence that ties it to its topic.

Every sentence here was written for this file, two or more per rule, and none comes from a
scored set (corpora/, the seeds, the blind halves or NewsQuant).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.audit import audit_documents
from auditor.model import Document


def claims(nlp, text):
    doc = nlp(text)
    return [span._.claim for span in doc.spans["claims"]]


def topics(nlp, text):
    return [(c.text, c.topic) for c in claims(nlp, text)]


@pytest.mark.parametrize("text", [
    "I wrapped up my isotretinoin course two months ago and my skin is still calm.",
    "Keep using the moisturiser for three weeks after stopping isotretinoin.",
    "Isotretinoin courses should be 8 weeks apart if a second one is needed.",
    "Your isotretinoin prescription is valid for 7 days from the date it is written.",
    "Every day of the isotretinoin course felt like a year to me.",
])
def test_a_stray_duration_is_not_the_course_length(nlp, text):
    assert "course_length" not in [topic for _, topic in topics(nlp, text)]


@pytest.mark.parametrize("text", [
    "Isotretinoin is used for pregnancy prevention reasons with strict rules. Fast for 12 hours "
    "before the cholesterol test.",
    "Pregnancy must be avoided on isotretinoin. Book the liver test 2 weeks before your review.",
])
def test_a_window_needs_the_course_on_its_other_side(nlp, text):
    assert not [c for c in claims(nlp, text) if c.topic.startswith("pregnancy_window")]


@pytest.mark.parametrize(("text", "window"), [
    ("Use two forms of contraception while taking isotretinoin, and for one month after.",
     "pregnancy_window_after"),
    ("Avoid pregnancy on isotretinoin. Keep going for a full month after your final capsule.",
     "pregnancy_window_after"),
])
def test_a_window_keeps_its_topic_across_a_clause_or_a_sentence(nlp, text, window):
    assert window in [topic for _, topic in topics(nlp, text)]


@pytest.mark.parametrize("text", [
    "Isotretinoin is started at 0.5 mg per kg of body weight, once a day.",
    "Most adults take 1 mg/kg of isotretinoin daily.",
])
def test_a_small_or_daily_dose_per_kg_is_a_daily_dose(nlp, text):
    [claim] = claims(nlp, text)
    assert (claim.topic, claim.quantity.unit) == ("daily_dose", "mg/kg/day")


@pytest.mark.parametrize("text", [
    "Isotretinoin clears 70% of spots within weeks.",
    "On isotretinoin, redness clears by roughly 60% in the first month.",
])
def test_a_rate_of_clearance_needs_the_people_it_counts(nlp, text):
    assert not [c for c in claims(nlp, text) if c.topic in ("clearance_rate", "cure_rate")]


@pytest.mark.parametrize("text", [
    "Four out of five patients are clear by the end of an isotretinoin course.",
    "About 80% of people taking isotretinoin have clear skin when the course ends.",
])
def test_a_share_of_people_clear_at_the_end_is_clearance(nlp, text):
    assert [c.topic for c in claims(nlp, text)] == ["clearance_rate"]


def test_a_page_that_names_its_drug_only_in_its_title_is_checked_as_that_drug(nlp):
    text = "Take it at 3 mg/kg a day for the fastest results."
    titled = Document("t", text, "test", title="Claravis: what to expect")
    by_url = Document("u", text, "test", url="https://example.org/claravis-dosing-guide")
    for document, where in ((titled, "title"), (by_url, "URL")):
        [audit] = audit_documents([document], nlp)
        [finding] = [f for f in audit.findings if f.topic == "daily_dose"]
        assert (finding.drug, finding.verdict, finding.severity) == (
            "isotretinoin", "discrepant", "major")
        assert f"in the {where}" in finding.evidence


@pytest.mark.parametrize(("title", "text"), [
    ("Roaccutane: your questions answered",
     "Do not take doxycycline during the course. Keep using contraception for one week after the last capsule."),
    ("Accutane FAQ",
     "Unlike minocycline, this capsule is taken with food. The usual course lasts 6 weeks."),
])
def test_a_drug_the_body_names_once_in_passing_is_not_the_titled_pages_drug(nlp, title, text):
    [audit] = audit_documents([Document("d", text, "test", title=title)], nlp)
    [finding] = [f for f in audit.findings if f.verdict == "discrepant"]
    assert finding.drug == "isotretinoin"
    assert "in the title" in finding.evidence


def test_a_drug_the_body_names_again_and_again_stays_the_pages_drug(nlp):
    text = ("Doxycycline is an antibiotic. A doxycycline course usually lasts 6 weeks, "
            "and doxycycline is taken with water.")
    [audit] = audit_documents([Document("d", text, "test", title="Accutane alternatives")], nlp)
    assert audit.main_drug == "doxycycline"


@pytest.mark.parametrize("text", [
    "Isotretinoin is dosed at 0.5 to 1 mg/kg per day, split into two doses with food.",
    "A course of isotretinoin lasts 16 to 20 weeks. Sebum output falls by about 85%.",
])
def test_a_page_that_never_touches_an_area_is_not_told_it_left_it_out(nlp, text):
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    assert [f.topic for f in audit.findings if f.verdict == "omission"] == []


@pytest.mark.parametrize("text", [
    "I only had one pregnancy test before starting isotretinoin.",
    "I took 40 mg a day of isotretinoin and my lips cracked.",
])
def test_a_first_person_experience_is_not_advice(nlp, text):
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    found = [f for f in audit.findings if f.verdict != "omission"]
    assert found and all((f.context, f.verdict) == ("anecdotal", "unverified") for f in found)


def test_every_finding_says_why(nlp):
    text = ("Wait six weeks after your last isotretinoin dose before waxing. Some websites say "
            "you can take vitamin A supplements with isotretinoin.")
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    for finding in audit.findings:
        if finding.verdict != "omission":
            assert finding.evidence.startswith(("topic:", "rule:")), finding
            assert "drug: 'isotretinoin'" in finding.evidence
    [supplements] = [f for f in audit.findings if f.topic == "vitamin_a_supplements"]
    assert "context: 'Some websites say' (attributed)" in supplements.evidence


def test_a_worked_example_quotes_the_sentence_that_holds_its_claim(nlp):
    text = ("Say you weigh 70 kg and take 40 mg of isotretinoin a day. Over six months that "
            "comes to a cumulative dose that reaches 150 mg/kg.")
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    for finding in audit.findings:
        if finding.claim_text:
            assert finding.claim_text in finding.sentence, finding


@pytest.mark.parametrize("micro", ["\u00b5", "\u03bc"])  # the micro sign and Greek mu
def test_micrograms_read_with_either_mu(nlp, micro):
    doc = nlp(f"Some multivitamins hold 50 {micro}g a day, which is plenty.")
    [span] = doc.spans["quantities"]
    assert (span._.quantity.low, span._.quantity.unit) == (0.05, "mg/day")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(whitelist_categories=("L", "S", "N", "Zs", "P")),
               max_size=80))
def test_no_letter_or_symbol_of_unicode_breaks_the_pipeline(nlp, noise):
    text = f"Take 20 {noise} mg a day of isotretinoin {noise} for 16 weeks {noise}."
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    for finding in audit.findings:
        if finding.start_char is not None:
            assert text[finding.start_char:finding.end_char] == finding.claim_text


def test_a_batch_row_names_its_drug_and_its_date(tmp_path):
    from auditor.documents import read_inputs

    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        '{"id": "a", "text": "Take it at 3 mg/kg a day.", "drug": "Absorica", "date": "2025-03-01"}\n'
        '{"id": "b", "text": "Take it at 3 mg/kg a day.", "date": "not a date"}\n', encoding="utf-8")
    first, second = read_inputs([str(rows)])
    assert (first.drug, first.date) == ("Absorica", "2025-03-01")
    assert (second.drug, second.date) == ("", "")


@pytest.mark.parametrize(("text", "verdict"), [
    ("Acne comes back in up to 70% of isotretinoin patients.", "consistent"),  # 9-65%, 70 ±5
    ("Acne comes back in up to 72% of isotretinoin patients.", "discrepant"),  # 72 is exact
])
def test_a_round_figure_is_read_with_its_rounding(nlp, text, verdict):
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    [finding] = [f for f in audit.findings if f.topic == "relapse_rate"]
    assert finding.verdict == verdict
    assert ("rounded" in finding.explanation) == (verdict == "consistent")


@pytest.mark.parametrize("text", [
    "Plain food is fine, but vitamin A supplements on isotretinoin are not.",
    "Most creams are okay with isotretinoin; minocycline is another matter.",
])
def test_a_stance_does_not_cross_a_contrast(nlp, text):
    assert not [c for c in claims(nlp, text) if c.stance == "permit"]


@pytest.mark.parametrize("text", [
    "Taking a vitamin A supplement alongside isotretinoin is fine.",
    "Your dermatologist may let you keep taking doxycycline with isotretinoin.",
])
def test_a_plain_permission_is_a_permit(nlp, text):
    assert [c.stance for c in claims(nlp, text) if c.kind == "safety"] == ["permit"]


@pytest.mark.parametrize("text", [
    "You need one negative test before your first isotretinoin prescription.",
    "Just one negative pregnancy test is needed before starting isotretinoin.",
])
def test_one_test_before_the_first_prescription_is_too_few(nlp, text):
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    [finding] = [f for f in audit.findings if f.topic == "pregnancy_tests"]
    assert (finding.verdict, finding.direction, finding.severity) == ("discrepant", "understates", "major")


@pytest.mark.parametrize("text", [
    "You will need one last pregnancy test a month after you stop isotretinoin.",
    "A test from a home kit, or one done at the pharmacy, is not accepted for isotretinoin.",
])
def test_a_count_counts_the_noun_after_it_and_only_the_first_tests(nlp, text):
    assert not [c for c in claims(nlp, text) if c.topic == "pregnancy_tests"]


@pytest.mark.parametrize("text", [
    "A short course of antibiotics for a flare means a donation deferral of two weeks.",
    "Oral steroids such as prednisone are usually given for 5 days.",
])
def test_a_drug_class_leading_up_to_a_claim_is_what_it_is_about(nlp, text):
    [claim] = claims(nlp, text)
    assert claim.drug in ("antibiotics", "corticosteroids")


@pytest.mark.parametrize("text", [
    "Isotretinoin cuts oil by up to 90 percent, more than any antibiotic can.",
    "About 80% of patients clear on isotretinoin and can stop their oral antibiotics.",
])
def test_a_drug_class_trailing_a_claim_does_not_take_it(nlp, text):
    assert [c.drug for c in claims(nlp, text)] == ["isotretinoin"]


def test_a_worked_example_with_two_doses_is_not_judged_as_one(nlp):
    text = ("A 70 kg adult starts isotretinoin at 40 mg a day, then goes up to 80 mg a day. Over "
            "20 weeks the cumulative dose reaches the 120 mg/kg target.")
    assert not [c for c in claims(nlp, text) if c.kind == "arithmetic"]


@pytest.mark.parametrize("text", [
    "Start isotretinoin at 20 mg a day for 4 weeks, then go up to 40 mg a day.",
    "The trial gave 10 mg daily for two months, and 30 mg daily after that.",
])
def test_a_dose_phase_is_not_the_course(nlp, text):
    assert "course_length" not in [c.topic for c in claims(nlp, text)]


@pytest.mark.parametrize("text", [
    "Isotretinoin diary, Week 6: oil is way down and my lips are sore.",
    "Isotretinoin timeline. Day 1: nothing yet, skin feels the same.",
])
def test_a_place_on_a_timeline_is_not_an_amount_of_time(nlp, text):
    assert not [c for c in claims(nlp, text) if c.quantity is not None and c.quantity.unit == "day"]


@pytest.mark.parametrize("text", [
    "By the end of an isotretinoin course, 82% are clear or nearly clear.",
    "After isotretinoin, 78% were completely clear when the course ended.",
])
def test_a_share_that_is_the_subject_of_a_state_counts_people(nlp, text):
    assert [c.topic for c in claims(nlp, text)] == ["clearance_rate"]


@pytest.mark.parametrize("text", [
    "The former 19-day lockout for isotretinoin has been removed.",
    "Isotretinoin patients no longer face the 19-day lockout.",
])
def test_a_rule_said_to_be_gone_is_not_stated_as_current(nlp, text):
    [audit] = audit_documents([Document("d", text, "test")], nlp)
    assert [f.verdict for f in audit.findings if f.topic == "pregnancy_test_lockout"] == ["consistent"]


@pytest.mark.parametrize("text", [
    "Laser sessions during isotretinoin aftercare are spaced 4 to 6 weeks apart.",
    "Peel sessions should be at least two weeks apart, whatever your isotretinoin course.",
])
def test_sessions_are_not_courses(nlp, text):
    assert "retreatment_gap" not in [c.topic for c in claims(nlp, text)]


@pytest.mark.parametrize("text", [
    "Myth: isotretinoin is only for severe acne.\nFact: the flare on isotretinoin lasts up to eight weeks.",
    "Myth 2: you cannot drink on isotretinoin\nTruth: the first flare on isotretinoin can last 6 weeks.",
])
def test_a_fact_line_after_a_myth_is_the_article_s_own_claim(nlp, text):
    [claim] = [c for c in claims(nlp, text) if c.topic == "initial_flare"]
    assert claim.context == "asserted"


@pytest.mark.parametrize(("row", "drugs"), [
    ("| Usual course | 16–20 weeks | 3 months |", ["isotretinoin", "doxycycline"]),
    ("| Course | 3 months | 20 weeks |", ["doxycycline", "isotretinoin"]),
])
def test_a_table_cell_is_about_its_column_s_drug(nlp, row, drugs):
    header = ("| | Isotretinoin | Doxycycline |" if drugs[0] == "isotretinoin"
              else "| | Doxycycline | Roaccutane |")
    text = f"{header}\n|---|---|---|\n{row}\n"
    assert [c.drug for c in claims(nlp, text)] == drugs


@pytest.mark.parametrize("text", [
    "Isotretinoin has no direct antibacterial effect.",
    "There is no evidence that isotretinoin acts as an antibiotic.",
])
def test_a_denied_false_statement_is_negated(nlp, text):
    [claim] = claims(nlp, text)
    assert claim.context == "negated"


@pytest.mark.parametrize(("title", "url"), [
    ("", "https://example.org/13-cis-retinoic-acid-dosing"),
    ("Absorica LD dosing explained", ""),
])
def test_a_drug_name_with_a_space_or_hyphen_is_found_in_a_title_or_slug(nlp, title, url):
    document = Document("t", "Take it at 3 mg/kg a day for the fastest results.", "test", title=title, url=url)
    [audit] = audit_documents([document], nlp)
    assert [f.drug for f in audit.findings if f.topic == "daily_dose"] == ["isotretinoin"]
