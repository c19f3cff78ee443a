"""False alarms seen on real web pages, one general pattern a test, each shown on sentences
written for this file (none comes from a real page, the seeds or a scored set), beside a
sentence the pattern must not swallow.
"""

from __future__ import annotations

import pytest

from auditor.audit import audit_documents
from auditor.model import Document


def claims(nlp, text):
    doc = nlp(text)
    return [span._.claim for span in doc.spans["claims"]]


def topics(nlp, text):
    return [c.topic for c in claims(nlp, text)]


def findings(nlp, text):
    """The findings an audit of `text` as one document gives, omissions included."""
    [result] = audit_documents([Document("d", text, "test")], nlp)
    return result.findings


WINDOWS = ("pregnancy_window", "blood_donation", "cosmetic_procedures", "laser_hair_removal", "laser_unspecified")


def windows(nlp, text):
    return [topic for topic in topics(nlp, text) if topic.startswith(WINDOWS)]


# -- a point counted from the start of treatment is neither the course nor a window after it --

@pytest.mark.parametrize("text", [
    "Your dermatologist rechecks the liver panel six weeks into isotretinoin treatment.",
    "Most people on isotretinoin notice the dry lips about three weeks into the course.",
])
def test_a_time_into_treatment_is_not_the_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Women who can get pregnant on isotretinoin repeat the cholesterol panel after 3 months of "
    "therapy.",
    "Isotretinoin users who might get pregnant have their triglycerides checked after 6 weeks of "
    "treatment.",
])
def test_after_a_time_of_treatment_is_not_a_window_after_the_course(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize(("text", "window"), [
    ("Isotretinoin users have a last pregnancy test 5 weeks after stopping, and avoid pregnancy for "
     "one month after the last capsule.", "one month"),
    ("We book a skin review two months after your final isotretinoin capsule; no waxing for six "
     "months after it.", "six months"),
])
def test_the_time_of_a_test_or_visit_is_not_a_window(nlp, text, window):
    found = [c.quantity.text for c in claims(nlp, text) if c.topic.startswith(WINDOWS)]
    assert found == [window]


@pytest.mark.parametrize("text", [
    "Ten days after starting isotretinoin she learned she was pregnant.",
    "Two weeks after you start isotretinoin, waxing can already tear the skin.",
])
def test_a_time_after_starting_is_not_a_window_after_the_course(nlp, text):
    assert not [t for t in windows(nlp, text) if t.endswith("_after")]


@pytest.mark.parametrize("text", [
    "Do not get pregnant for one month after stopping isotretinoin.",
    "Avoid waxing for six months after your last isotretinoin capsule.",
])
def test_a_window_after_the_last_dose_is_still_read(nlp, text):
    assert [t for t in windows(nlp, text) if t.endswith("_after")]


# -- a share of patients whose lab values changed is not a share whose acne did -------------

@pytest.mark.parametrize("text", [
    "Once isotretinoin was stopped, raised liver enzyme levels came back down in 85% of the "
    "patients.",
    "Raised cholesterol returned to the usual range in 70% of patients within weeks of stopping "
    "isotretinoin.",
])
def test_a_share_about_lab_values_is_not_an_acne_rate(nlp, text):
    rates = {"cure_rate", "clearance_rate", "improvement_rate", "relapse_rate",
             "second_course_rate"}
    assert not rates & set(topics(nlp, text))


@pytest.mark.parametrize("text", [
    "Triglyceride levels were back to normal in 90% of patients after isotretinoin.",
    "Triglycerides normalised within weeks in 75% of people who stopped isotretinoin.",
])
def test_values_returning_to_normal_are_not_a_rise(nlp, text):
    assert "triglycerides_rise" not in topics(nlp, text)


def test_a_share_whose_acne_came_back_is_still_relapse(nlp):
    assert "relapse_rate" in topics(nlp, "Acne came back in 20% of patients after isotretinoin.")


# -- a size of change is not a share of patients ---------------------------------------------

@pytest.mark.parametrize("text", [
    "Trials of spironolactone report improvements of a 40% to 80% reduction in spots.",
    "Patients on isotretinoin improved, showing a 75% drop in lesion counts in studies.",
    "A course of Accutane produces 85 percent clearing of the skin in patients and a low relapse afterwards.",
    "Doxycycline gives 60% clearance of papules in patients but relapse is common.",
])
def test_a_size_of_change_is_not_a_share_of_patients(nlp, text):
    assert not {"improvement_rate", "clearance_rate", "cure_rate", "relapse_rate", "second_course_rate"} & set(
        topics(nlp, text))


# -- a length some patients need is not the course most are given ----------------------------

@pytest.mark.parametrize("text", [
    "An isotretinoin course runs 16 to 24 weeks, though some patients need treatment for as long "
    "as a year.",
    "A typical isotretinoin course is 20 weeks; 10% of patients may need treatment for up to 9 "
    "months.",
])
def test_a_length_for_some_patients_is_not_the_course(nlp, text):
    lengths = [c.text for c in claims(nlp, text) if c.topic == "course_length"]
    assert lengths and not any("year" in t or "9" in t for t in lengths)


# -- context: study results and first-person discoveries -------------------------------------

@pytest.mark.parametrize("text", [
    "Studies have shown that 95% of patients on isotretinoin improve.",
    "Research shows 90% of patients clear on isotretinoin.",
])
def test_a_reported_study_result_is_attributed(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["attributed"]


@pytest.mark.parametrize("text", [
    "Three weeks into isotretinoin I found out I was pregnant.",
    "Four weeks after stopping isotretinoin, I found out I was pregnant.",
])
def test_a_first_person_discovery_is_an_anecdote(nlp, text):
    assert all(c.context == "anecdotal" for c in claims(nlp, text))


def test_a_page_about_a_lab_check_gets_no_false_window_discrepancy(nlp):
    text = ("Isotretinoin: what the blood tests check.\n"
            "Women who could become pregnant have a pregnancy test each month, and a lipid panel "
            "after 2 months of therapy.")
    [audit] = audit_documents([Document("labs", text, "test")], nlp)
    assert not [f for f in audit.findings if f.verdict == "discrepant"]


# -- a hedged onset ("may begin", "as early as") is not the typical time to improvement --------

@pytest.mark.parametrize("text", [
    "On spironolactone, some women may begin to see calmer skin after three weeks.",
    "With doxycycline, you can start to see results in as little as ten days.",
    "Spironolactone users report improvement as early as week two.",
    "Acne improvement on doxycycline could begin within 12 days for some teenagers.",
])
def test_a_hedged_onset_is_not_the_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Most women on spironolactone see clearer skin after about three months.",
    "Doxycycline usually takes six to eight weeks before you see results.",
])
def test_the_typical_time_to_improvement_is_still_read(nlp, text):
    assert "time_to_improvement" in topics(nlp, text)


# -- an extension, a further period, or a spell of clear skin is not the course -------------

@pytest.mark.parametrize("text", [
    "Once you see results, stay on isotretinoin for a further 2 months.",
    "Doxycycline is taken for a further 6 weeks once results show.",
    "Keep the isotretinoin course going for an additional two months at a lower dose.",
    "When results show, doctors often keep isotretinoin going an extra 6 weeks.",
    "After the results appear, continue isotretinoin for another 4 weeks.",
    "Your dermatologist may extend the isotretinoin course to ten months if cysts persist.",
    "After one course of isotretinoin many people stay clear for three years.",
])
def test_an_extension_or_a_clear_spell_is_not_the_course_length(nlp, text):
    assert not {"course_length", "time_to_improvement"} & set(topics(nlp, text))


@pytest.mark.parametrize("text", [
    "A course of isotretinoin usually lasts five months.",
    "Isotretinoin treatment typically runs for 16 to 24 weeks.",
])
def test_the_course_length_is_still_read(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- an alias that another number stands before belongs to that number -----------------------

@pytest.mark.parametrize("text", [
    "Some need isotretinoin for up to ten months, while most see results in about two months.",
    "Treatment can run to 40 weeks, though the typical improvement comes at around 8 weeks.",
])
def test_an_alias_belongs_to_the_number_it_stands_after(nlp, text):
    found = [c for c in claims(nlp, text) if c.topic == "time_to_improvement"]
    assert len(found) == 1 and found[0].quantity.low < 70  # the later, nearer number only


# -- a time at which a share was measured is not the time to improvement ----------------------

@pytest.mark.parametrize("text", [
    "In the spironolactone trial, 70% of women saw clearer skin after 12 weeks.",
    "Among doxycycline users, 60 percent had clearer skin after 16 weeks.",
    "Nine out of ten patients on isotretinoin see clearer skin after four months.",
    "Four in five users of isotretinoin notice results after 12 weeks.",
])
def test_the_time_a_share_was_measured_is_not_the_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin treatment sometimes runs to a year for severe cases.",
    "Occasionally an isotretinoin course lasts eleven months.",
])
def test_a_sometime_course_is_not_the_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a drug's description is no mention of a precaution's area ---------------------------------

def mentioned(nlp, text):
    from auditor.audit import topic_sentences
    from auditor.nlp import pipeline_reference

    return set(topic_sentences(nlp(text), pipeline_reference(nlp)))


@pytest.mark.parametrize("text", [
    "Isotretinoin, a strong derivative of vitamin A, calms the oil glands.",
    "Isotretinoin is a medicine related to vitamin A, taken by mouth.",
    "Acitretin is a vitamin A derivative used for psoriasis.",
])
def test_a_drugs_origin_is_not_the_vitamin_a_precaution(nlp, text):
    assert "vitamin_a_supplements" not in mentioned(nlp, text)


@pytest.mark.parametrize("text", [
    "Minocycline is one alternative your dermatologist may suggest instead.",
    "Before isotretinoin, she had tried doxycycline for a year.",
])
def test_naming_a_tetracycline_is_not_the_combination_rule(nlp, text):
    assert "tetracycline_combination" not in mentioned(nlp, text)


@pytest.mark.parametrize("text", [
    "Skip vitamin A supplements while you take isotretinoin.",
    "Never take doxycycline together with isotretinoin.",
])
def test_the_precautions_themselves_still_count(nlp, text):
    # named by their own words, or (a drug of the class) as the rule the sentence states
    treated = mentioned(nlp, text) | set(topics(nlp, text))
    assert treated & {"vitamin_a_supplements", "tetracycline_combination"}


@pytest.mark.parametrize("text", [
    "Do not take supplements containing vitamin A.",
    "While on isotretinoin, skip anything with extra vitamin A. Your skin is dry enough.",
])
def test_vitamin_a_at_a_sentence_end_is_still_vitamin_a(nlp, text):
    # spaCy keeps a capital and a full stop together ("A."), as it does an initial ("P. acnes")
    assert "vitamin_a_supplements" in topics(nlp, text)


# -- a topic's words that only modify a longer name do not name the topic ----------------------

@pytest.mark.parametrize("text", [
    "Every month the nurse takes blood for a pregnancy test and a lipid panel.",
    "Pregnancy testing is part of each monthly isotretinoin visit.",
])
def test_a_pregnancy_test_is_not_pregnancy_prevention(nlp, text):
    assert "pregnancy_tests" in mentioned(nlp, text)
    assert "pregnancy_window" not in mentioned(nlp, text)


@pytest.mark.parametrize("text", [
    "Women on isotretinoin must use two forms of contraception.",
    "Isotretinoin users need two reliable forms of contraception every day.",
])
def test_a_name_that_ends_in_a_topic_still_names_it(nlp, text):
    assert {"pregnancy_window", "contraception_forms"} <= mentioned(nlp, text)


# -- another medicine's rule on a list of medicines is not the page's drug's ------------------

@pytest.mark.parametrize("text, other", [
    ("Donating blood after medicines:\n- Isotretinoin: wait 1 month after the last dose.\n"
     "- Blood thinners such as warfarin: wait 7 days after the last dose before you donate.",
     "anticoagulants"),
    ("Donating blood on isotretinoin: wait one month. On clopidogrel, wait 14 days after the "
     "last tablet before donating platelets.", "antiplatelets"),
    ("Isotretinoin: one month before donating. Dutasteride (Avodart): wait 6 months after the "
     "last dose before donating.", "dutasteride"),
])
def test_another_medicines_rule_is_not_the_pages_drugs(text, other):
    from auditor import audit_text

    found = {f.drug for f in audit_text(text) if f.topic == "blood_donation_after"}
    assert other in found and not any(
        f.drug == "isotretinoin" and f.verdict == "discrepant" for f in audit_text(text))


# -- ranges that sources give in parts are one accepted range together -----------------------

@pytest.mark.parametrize("text", [
    "Dermatologists prescribe spironolactone for acne at 100 to 200 mg a day.",
    "Isotretinoin is taken at 0.25 to 1 mg/kg a day, depending on the regimen.",
])
def test_a_range_the_references_ranges_cover_together_is_consistent(text):
    from auditor import audit_text

    (dose,) = [f for f in audit_text(text) if f.topic == "daily_dose"]
    assert dose.verdict == "consistent" and "taken together" in dose.explanation


@pytest.mark.parametrize("text", [
    "Spironolactone for acne is taken at 100 to 300 mg a day.",  # past every range
    "Isotretinoin is taken at 0.1 to 1 mg/kg a day.",  # below every range
])
def test_a_range_past_the_references_ranges_is_still_discrepant(text):
    from auditor import audit_text

    (dose,) = [f for f in audit_text(text) if f.topic == "daily_dose"]
    assert dose.verdict == "discrepant"


# -- another period beside the time to improvement: a flare, full effect, a phase, an onset ----

@pytest.mark.parametrize("text", [
    "On isotretinoin you may notice a flare of spots between 3 and 8 weeks after you begin.",
    "Most patients notice the full benefit of spironolactone between 4 and 6 months in.",
    "Isotretinoin results, the clearing phase: weeks 10 to 20.",
    "Spironolactone typically starts showing results within 5 to 9 weeks.",
    "With doxycycline the first results appear after 3 weeks.",
    "The dose of spironolactone is lowered by 25 mg every 4 weeks, with results checked each time.",
])
def test_another_period_is_not_the_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Side effects of isotretinoin treatment are watched during the initial 2 months.",
    "Isotretinoin treatment brings the most dryness in the initial 6 weeks.",
])
def test_a_first_period_is_not_the_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- "prescribed for" ties the duration it introduces, not another number of the sentence -------

@pytest.mark.parametrize("text", [
    "Spironolactone is prescribed for hormonal acne and typically starts showing results within 4–12 weeks.",
    "Minocycline, prescribed for inflamed acne, starts showing results within 6 weeks.",
])
def test_an_alias_ending_in_for_ties_only_its_object(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin is usually prescribed for 5 to 6 months.",
    "Doxycycline for acne is typically used for up to 12 weeks.",
])
def test_an_alias_ending_in_for_still_ties_its_own_duration(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- a window that ends with the last dose, and one whose own number follows its cue ----------

@pytest.mark.parametrize("text", [
    "Isotretinoin: you can stop your birth control as soon as your last capsule is swallowed.",
    "On isotretinoin, contraception may end once the last dose is taken.",
])
def test_a_window_ending_with_the_last_dose_is_read(text):
    from auditor import audit_text

    assert any(f.topic == "pregnancy_window_after" and f.verdict == "discrepant"
               for f in audit_text(text))


@pytest.mark.parametrize("text", [
    "With isotretinoin, you may stop contraception once the last dose is a month behind you.",
    "Keep using contraception on isotretinoin; once you stop, wait a month before trying to conceive.",
])
def test_a_zero_window_cue_gives_way_to_the_number_after_it(text):
    from auditor import audit_text

    assert not any(f.verdict == "discrepant" for f in audit_text(text))


# -- a time written as a modifier is about the noun it modifies --------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin treatment data come from a 12-week pilot of 40 volunteers.",
    "On isotretinoin, the course photos were compared at the 3-month follow-up visit.",
])
def test_a_time_that_modifies_another_noun_is_not_the_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Most people need a 20-week isotretinoin course.",
    "A 30-day supply of isotretinoin is the most a pharmacy may hand over.",
])
def test_a_time_that_modifies_its_topic_still_ties(nlp, text):
    assert {"course_length", "supply_limit"} & set(topics(nlp, text))


# -- a number in an "if" clause is a condition on that clause's own words -------------------------

@pytest.mark.parametrize("text", [
    "If redness from isotretinoin lingers after three weeks, skip the waxing appointment.",
    "Unless the peeling stops within 10 days, hold off on any laser resurfacing while on isotretinoin.",
])
def test_a_condition_is_not_a_window_of_the_main_clause(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize("text", [
    "If you wax within six months of stopping isotretinoin, the skin can tear.",
    "If you stop isotretinoin, wait one month before getting pregnant.",  # the number is outside the if clause
])
def test_a_window_in_or_after_a_condition_still_ties(nlp, text):
    assert windows(nlp, text)


# -- a bracketed aside does not cut a number off from its topic ---------------------------------

@pytest.mark.parametrize("text", [
    "After isotretinoin the relapse rate (acne returning within two years) is about 20%.",
    "With isotretinoin, relapse (needing another course) hit 30% of patients in one series.",
])
def test_a_bracketed_aside_keeps_the_topic_before_it(nlp, text):
    assert "relapse_rate" in topics(nlp, text) and "second_course_rate" not in topics(nlp, text)


# -- coordinated times share the words that follow them; "post" counts from the course ----------

@pytest.mark.parametrize("text", [
    "Skin was checked 2 weeks and 3 months after each isotretinoin treatment session.",
    "Isotretinoin patients were seen at 6 months post treatment and again later.",
])
def test_a_time_after_or_post_treatment_is_not_the_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a dose that names a study's group is not advice -----------------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin relapse was seen in 40% of patients treated with 0.1 mg/kg/day.",
    "In the isotretinoin trial, those treated with 0.05 mg/kg a day improved least.",
])
def test_a_dose_that_names_a_study_group_is_not_judged(nlp, text):
    assert "daily_dose" not in topics(nlp, text)


def test_a_dose_given_as_advice_is_still_judged(nlp):
    assert "daily_dose" in topics(nlp, "Isotretinoin is usually started at 0.5 mg/kg a day.")


# -- "found that" reports someone else's result --------------------------------------------------

@pytest.mark.parametrize("text", [
    "A Danish registry of 2,000 isotretinoin users found that 41% relapsed.",
    "A review of isotretinoin trials concluded that 85% of patients cleared.",
])
def test_a_reported_finding_is_attributed(nlp, text):
    assert [c.context for c in claims(nlp, text)] and all(
        c.context == "attributed" for c in claims(nlp, text))


# -- a window after the course in words not read: say less, not "never says" ---------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin and pregnancy\nUse two forms of birth control while on isotretinoin. Pregnancy tests "
    "are needed each month. Patients who choose to stay celibate keep to it for one month after "
    "treatment has ended.",
    "Isotretinoin safety: contraception is required and two pregnancy tests come before the first "
    "dose. The rule applies for 30 days after the final capsule, too.",
])
def test_an_unread_window_after_the_course_stops_the_omission(text):
    from auditor import audit_text

    assert not any(f.verdict == "omission" and f.topic == "pregnancy_window_after" for f in audit_text(text))


def test_a_page_with_no_window_after_is_still_told(nlp):
    from auditor import audit_text

    text = ("Isotretinoin safety: contraception is required and two pregnancy tests come before the "
            "first dose. Monthly tests follow while you take it.")
    assert any(f.verdict == "omission" and f.topic == "pregnancy_window_after" for f in audit_text(text))


# -- words for donors and abstinence -------------------------------------------------------------

@pytest.mark.parametrize("text, topic", [
    ("Donors who took isotretinoin are deferred for 1 month after the last capsule.", "blood_donation_after"),
    ("A donor must wait four weeks after stopping isotretinoin.", "blood_donation_after"),
    ("Isotretinoin patients may choose abstinence for one month after the last dose.", "pregnancy_window_after"),
    ("Abstain from sex for a month before starting isotretinoin.", "pregnancy_window_before"),
])
def test_donors_and_abstinence_name_their_windows(nlp, text, topic):
    assert topic in topics(nlp, text)


def test_abstaining_from_something_else_is_no_pregnancy_window(nlp):
    assert not [t for t in topics(nlp, "Abstain from waxing for six months after isotretinoin.")
                if t.startswith("pregnancy")]


# -- another acne treatment's claim is that treatment's ------------------------------------------

@pytest.mark.parametrize("text, drug", [
    ("Isotretinoin guide. Salicylic acid is applied for 8 weeks before results show.", "salicylic acid"),
    ("Isotretinoin guide. Azelaic acid is often used for 6 months.", "azelaic acid"),
    # benzoyl peroxide, the usual companion and comparison on these pages, is its own drug
    ("Isotretinoin is for severe acne. Benzoyl peroxide is a wash. It kills acne bacteria.",
     "benzoyl peroxide"),
    ("Isotretinoin is for nodules. For mild spots, benzoyl peroxide kills the bacteria in pores.",
     "benzoyl peroxide"),
])
def test_another_acne_treatment_is_named_as_the_drug(nlp, text, drug):
    assert [c.drug for c in claims(nlp, text)] == [drug]


# -- a rule's words with a gap: "kills off the acne bacteria", "take two tomorrow" ----------------

@pytest.mark.parametrize("text", [
    "Isotretinoin kills nearly all skin bacteria as well.",
    "Isotretinoin works by destroying the bacteria that live in blocked pores.",
])
def test_a_verb_and_bacteria_a_few_words_apart_assert_the_action(nlp, text):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [("antibacterial_action", "assert")]


@pytest.mark.parametrize("text", [
    "Isotretinoin starves acne by eliminating the bacteria's favourite food, oil.",  # the food, not the bacteria
    "Isotretinoin kills oil production; bacteria then have less to feed on.",  # a clause break between
])
def test_a_verb_whose_object_is_not_the_bacteria_asserts_nothing(nlp, text):
    assert "antibacterial_action" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Unlike isotretinoin, antibiotics directly kill the bacteria.",
    "Isotretinoin works on oil; antibiotics can kill the acne bacteria.",
])
def test_a_class_that_is_the_verbs_subject_is_the_claims_drug(nlp, text):
    assert [c.drug for c in claims(nlp, text) if c.topic == "antibacterial_action"] == ["antibiotics"]


@pytest.mark.parametrize("text", [
    "Missed an isotretinoin capsule? Just take two tomorrow morning.",
    "On isotretinoin, if you forget a dose you can take two the next day.",
])
def test_taking_two_to_make_up_a_dose_permits_doubling(text):
    from auditor import audit_text

    assert [(f.topic, f.verdict) for f in audit_text(text)] == [("missed_dose", "discrepant")]


@pytest.mark.parametrize("text", [
    "Isotretinoin comes as 10 mg capsules; most people take two a day with food.",
    "Never take two isotretinoin capsules at once to catch up.",
])
def test_taking_two_as_the_dose_or_forbidding_it_is_no_discrepancy(text):
    from auditor import audit_text

    assert not [f for f in audit_text(text) if f.verdict == "discrepant"]


# -- a question asks; it states nothing ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Can I get waxed two weeks after my last isotretinoin capsule?",
    "Is it fine to take doxycycline with isotretinoin?",
])
def test_a_question_is_not_judged(text):
    from auditor import audit_text

    found = [f for f in audit_text(text) if f.kind != "omission"]
    assert found and all(f.verdict == "unverified" and f.context == "question" for f in found)


def test_the_answer_to_a_question_is_judged():
    from auditor import audit_text

    found = audit_text("Can I get waxed soon after isotretinoin? Yes, two weeks after your last capsule.")
    assert [f.verdict for f in found if f.topic == "cosmetic_procedures_after"] == ["discrepant"]


# -- "the label says the opposite" rejects what the sentence before said ---------------------------

@pytest.mark.parametrize("text", [
    "A friend told me isotretinoin is fine with minocycline. The pharmacist says the opposite.",
    "Some forums say you can wax a week after isotretinoin. Dermatologists say the opposite.",
])
def test_saying_the_opposite_refutes_the_sentence_before(text):
    from auditor import audit_text

    assert not [f for f in audit_text(text) if f.verdict == "discrepant"]


# -- "for me" after the claim makes it an anecdote too -----------------------------------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin the flare lasted about five weeks for me.",
    "The isotretinoin course lasted 7 months for me, then it was done.",
])
def test_for_me_after_the_claim_is_anecdotal(nlp, text):
    assert [c.context for c in claims(nlp, text)] and all(
        c.context == "anecdotal" for c in claims(nlp, text))


# -- "only one" before a noun counts it; "the only one" is a pronoun -------------------------------

@pytest.mark.parametrize("text", [
    "With isotretinoin, only one negative pregnancy test is needed before the first prescription.",
    "Only one form of contraception is needed with isotretinoin.",
])
def test_only_one_before_a_noun_is_a_count(nlp, text):
    assert [c.quantity.low for c in claims(nlp, text)] == [1.0]


def test_the_only_one_is_a_pronoun(nlp):
    doc = nlp("Of the isotretinoin patients, she was the only one who needed contraception advice.")
    assert not [s for s in doc.spans["quantities"] if s.text.lower() == "one"]


@pytest.mark.parametrize("text", [
    "Isotretinoin shrinks the sebaceous glands permanently.",
    "Isotretinoin will permanently shrink your oil glands.",
])
def test_permanent_shrinkage_with_words_between_is_asserted(nlp, text):
    assert "permanent_sebum_shrinkage" in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Forgot your isotretinoin? Take two capsules next time.",
    "Missed isotretinoin yesterday? You can take two next time to catch up.",
])
def test_taking_two_next_time_permits_doubling(text):
    from auditor import audit_text

    assert any(f.topic == "missed_dose" and f.verdict == "discrepant" for f in audit_text(text))


# -- a bracket glued to a word opens an aside; a donor page's other medicines are theirs ----------

@pytest.mark.parametrize("text, drug", [
    ("Isotretinoin: wait a month. Aspirin(ASA): platelet donors wait 2 days after the last tablet.",
     "antiplatelets"),
    ("Donating after isotretinoin takes a month. Clopidogrel(Plavix): donors wait 14 days after the "
     "last dose.", "antiplatelets"),
])
def test_a_glued_bracket_does_not_hide_the_drug(nlp, text, drug):
    found = [c for c in claims(nlp, text) if c.topic == "blood_donation_after"]
    assert found[-1].drug == drug


# -- "safe on their own" says the two are not for taking together ----------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin and minocycline are safe on their own.",
    "Acne pills such as doxycycline and isotretinoin are fine on their own.",
])
def test_safe_on_their_own_permits_no_combination(text):
    from auditor import audit_text

    assert not [f for f in audit_text(text) if f.verdict == "discrepant"]


def test_one_antibiotic_safe_on_its_own_still_permits_using_it_alone():
    from auditor import audit_text

    found = audit_text("Doxycycline is fine on its own for acne, with no cream beside it.")
    assert [(f.topic, f.verdict) for f in found] == [("antibiotic_alone", "discrepant")]


# -- a rule reported as removed is not stated as current -------------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin news: the FDA approved removal of the 19-day waiting period for a missed window.",
    "iPLEDGE eliminated the 19-day wait for isotretinoin patients who miss their window.",
])
def test_a_rule_reported_removed_is_not_outdated(text):
    from auditor import audit_text

    assert not [f for f in audit_text(text) if f.verdict == "discrepant"]


@pytest.mark.parametrize("text", [
    "Isotretinoin was given at 0.5 mg/kg/day for 1 week out of every 4 weeks.",
    "Low-dose isotretinoin for 10 days out of every month suits some adults.",
])
def test_an_intermittent_schedule_is_not_the_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a study's report is not told what advice it left out ------------------------------------------

STUDY = ("Background: Isotretinoin needs two pregnancy tests and contraception.\n"
         "Methods: We reviewed pregnancy tests and contraception counselling in 300 patients.\n"
         "Results: Most patients had two negative pregnancy tests before starting.\n")


@pytest.mark.parametrize("text", [STUDY, STUDY.replace("Background", "Objective").replace(
    "Results", "Conclusions")])
def test_a_study_report_gets_no_omissions(text):
    from auditor import audit_text

    assert not [f for f in audit_text(text) if f.verdict == "omission"]


def test_the_same_words_as_a_leaflet_get_their_omissions():
    from auditor import audit_text

    leaflet = STUDY.replace("Background: ", "").replace("Methods: ", "").replace("Results: ", "")
    assert [f for f in audit_text(leaflet) if f.verdict == "omission"]


def test_an_omissions_evidence_names_the_topics_the_page_named(nlp):
    from auditor import audit_text

    text = ("Isotretinoin precautions. Do not take vitamin A supplements. Vitamin A adds to the side "
            "effects. Waxing can tear the skin. Ask before any waxing.")
    (omission,) = [f for f in audit_text(text) if f.topic == "blood_donation"]
    assert "cosmetic_procedures" in omission.evidence and "vitamin_a_supplements" in omission.evidence


# -- a tetracycline is not combined with itself ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Doxycycline guide.\nExperts say doxycycline should be combined with a cream, never used alone.",
    "Minocycline guide.\nDoctors add a gel, since minocycline works best alongside one.",
])
def test_a_tetracycline_used_alongside_something_is_no_combination_with_itself(text):
    from auditor import audit_text

    assert not [f for f in audit_text(text) if f.topic == "tetracycline_combination"]


def test_a_tetracycline_alongside_isotretinoin_is_still_a_combination():
    from auditor import audit_text

    found = audit_text("Isotretinoin guide.\nDoctors say you can take doxycycline alongside isotretinoin.")
    assert [(f.topic, f.verdict) for f in found if f.topic == "tetracycline_combination"] == [
        ("tetracycline_combination", "discrepant")]


# -- a weak alias in another item of a list is not the number's topic ------------------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin, use a gentle cleanser in the evening, during treatment, and for 6 weeks",
    "Isotretinoin users keep lip balm handy in the morning, through the treatment, or for 3 days",
])
def test_a_weak_alias_in_another_list_item_is_not_the_numbers(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "An isotretinoin course, as a rule, lasts about 5 months.",
    "Isotretinoin treatment is long, usually 20 weeks.",
    "With isotretinoin the treatment is long, and most people stay on it for 20 weeks.",
])
def test_a_weak_alias_across_an_aside_still_ties(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- an abstract's section label names a section, not a topic --------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin cohort.\nMethods: We followed 90 users.\nResults: Cholesterol changed within 8 weeks.",
    "Low-dose isotretinoin.\nBackground: Lab values vary.\nResults: ALT shifted between 2 and 3 months.",
])
def test_an_abstract_label_is_not_a_topic_word(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_results_as_a_word_still_names_the_topic(nlp):
    assert "time_to_improvement" in topics(nlp, "With isotretinoin most people see results in 6 weeks.")


# -- a dose taken "once or twice a day" is a range of daily doses; "almost everyone" is a share ----

@pytest.mark.parametrize("text, low, high", [
    ("Doxycycline for acne is taken as 50 mg once or twice a day.", 50, 100),
    ("Minocycline is given at 50-100 mg once or twice daily.", 50, 200),
])
def test_a_choice_of_frequency_is_a_range_of_daily_doses(nlp, text, low, high):
    (claim,) = [c for c in claims(nlp, text) if c.topic == "daily_dose"]
    q = claim.quantity
    assert (q.unit, q.low, q.high) == ("mg/day", low, high)


@pytest.mark.parametrize("text", [
    "Virtually everyone who takes isotretinoin clears completely.",
    "Nearly everybody on isotretinoin ends up with clear skin.",
])
def test_nearly_everyone_is_a_share_of_patients(text):
    from auditor import audit_text

    found = [(f.topic, f.value_low, f.verdict) for f in audit_text(text) if f.unit == "%"]
    assert found == [("clearance_rate", 100.0, "discrepant")]


# -- a time before the course that runs on to after it states a window after it too ----------------

@pytest.mark.parametrize("text", [
    "Isotretinoin leaflet.\nUse contraception for 4 weeks before, during and after isotretinoin. "
    "Pregnancy tests are needed each month.",
    "Isotretinoin and pregnancy.\nAvoid pregnancy from one month prior to, throughout, and after the "
    "course. Use two forms of contraception.",
])
def test_before_during_and_after_is_no_missing_window_after(text):
    from auditor import audit_text

    assert "pregnancy_window_after" not in [f.topic for f in audit_text(text) if f.verdict == "omission"]


def test_a_window_before_alone_still_leaves_the_after_window_missing():
    from auditor import audit_text

    text = ("Isotretinoin leaflet.\nUse contraception for 4 weeks before isotretinoin. Pregnancy tests "
            "are needed each month.")
    assert "pregnancy_window_after" in [f.topic for f in audit_text(text) if f.verdict == "omission"]


# -- what a dose adds up to each month is a rate, not the cumulative total -------------------------

@pytest.mark.parametrize("text", [
    "A 60 kg patient on 30 mg/day of isotretinoin gains about 15 mg/kg each month.",
    "On 40 mg daily, a 50 kg woman builds up roughly 24 mg/kg per month on isotretinoin.",
])
def test_a_cumulative_dose_per_month_is_no_total(nlp, text):
    assert "cumulative_dose" not in topics(nlp, text)


def test_a_cumulative_total_is_still_read(nlp):
    assert "cumulative_dose" in topics(nlp, "The isotretinoin total should reach 120 to 150 mg/kg.")


# -- "clear" describing an improvement is no clearance ---------------------------------------------

@pytest.mark.parametrize("text", [
    "About 60% of women on spironolactone notice clear improvement by month three.",
    "Roughly 70% of doxycycline users see clear improvements within three months.",
])
def test_a_clear_improvement_is_an_improvement_rate(nlp, text):
    assert topics(nlp, text) == ["improvement_rate"]


# -- a call to remove a rule does not state it ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Dermatologists asked the FDA to eliminate the 19-day lockout for isotretinoin patients.",
    "The petition urges regulators to eliminate the 19-day waiting period after a missed isotretinoin "
    "pickup window.",
])
def test_a_call_to_remove_the_lockout_negates_it(nlp, text):
    assert [c.context for c in claims(nlp, text) if c.topic == "pregnancy_test_lockout"] == ["negated"]


# -- an early improvement for some people is not the typical time ----------------------------------

@pytest.mark.parametrize("text", [
    "Some people notice fewer spots within 10 days of starting doxycycline.",
    "In some cases doxycycline users see results after 3 weeks.",
])
def test_an_early_improvement_for_some_is_not_the_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_the_usual_time_to_improvement_is_still_read(nlp):
    assert "time_to_improvement" in topics(nlp, "Doxycycline usually takes 8 to 12 weeks before you see results.")


# -- a test's results are no results of treatment ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Your blood test results usually come back within 2 days while on isotretinoin.",
    "On isotretinoin, lab results are reviewed 5 days after each blood draw.",
])
def test_test_results_are_not_the_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Doxycycline generally starts improving spots within 3 to 5 weeks.",
    "Most users find minocycline is improving their skin after about 6 weeks.",
])
def test_improving_names_the_time_to_improvement(nlp, text):
    assert topics(nlp, text) == ["time_to_improvement"]


# -- the items of a list a colon opens share the lead-in's subject -------------------------------

@pytest.mark.parametrize("text, drug", [
    ("Retinoids and pregnancy\nUse contraception during treatment, and afterwards as follows:\n"
     "At least 1 month after stopping treatment with isotretinoin\n", "isotretinoin"),
    ("Retinoid leaflet\nKeep using birth control after the course ends:\n"
     "- for 3 years after stopping the treatment with acitretin\n", "acitretin"),
])
def test_a_listed_window_takes_the_lead_ins_topic(nlp, text, drug):
    assert [(c.topic, c.drug) for c in claims(nlp, text)] == [("pregnancy_window_after", drug)]


def test_a_time_after_the_course_outside_a_list_is_not_a_window(nlp):
    text = "Use contraception on isotretinoin.\nMy acne came back eight months after my treatment ended."
    assert "pregnancy_window_after" not in topics(nlp, text)


# -- common wordings of a topic ----------------------------------------------------------------------

@pytest.mark.parametrize("text, topic", [
    ("If you miss the window you are locked out for 19 days on isotretinoin.", "pregnancy_test_lockout"),
    ("With isotretinoin, patients were locked out for 19 days before a retest.", "pregnancy_test_lockout"),
    ("About 30% of isotretinoin users need a second course.", "second_course_rate"),
    ("Roughly a third of people on isotretinoin eventually need a second one.", "second_course_rate"),
    ("Something like 85% of patients never get acne back after isotretinoin.", "cure_rate"),
    ("In the study, 70% of isotretinoin users never got acne back.", "cure_rate"),
    ("After isotretinoin the oil glands are permanently reduced in size.", "permanent_sebum_shrinkage"),
    ("Isotretinoin permanently reduces your oil glands.", "permanent_sebum_shrinkage"),
])
def test_a_common_wording_names_its_topic(nlp, text, topic):
    assert topic in topics(nlp, text)


def test_something_like_is_about(nlp):
    (claim,) = claims(nlp, "Something like 85% of patients never get acne back after isotretinoin.")
    assert (claim.quantity.text, claim.quantity.qualifier) == ("Something like 85%", "about")


# -- a time "afterwards" is after the course, not its length -----------------------------------------

@pytest.mark.parametrize("text", [
    "Researchers followed isotretinoin patients who had finished a course for two years afterwards.",
    "Each isotretinoin course was tracked for 18 months afterward.",
])
def test_a_time_afterwards_is_not_the_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a question mark after ", which" questions the comment, not the statement before it ---------------

@pytest.mark.parametrize("text, context", [
    ("My derm said no waxing for six months after my last isotretinoin pill, which feels like forever??",
     "attributed"),
    ("The nurse told me to avoid pregnancy for one month after stopping isotretinoin, which seems short?",
     "attributed"),
    ("Can I wax two weeks after my last isotretinoin dose?", "question"),
])
def test_a_comment_question_leaves_the_statement_before_it(nlp, text, context):
    assert [c.context for c in claims(nlp, text)] == [context]


# -- advice someone was "told by" a professional is attributed, not an anecdote ----------------------

@pytest.mark.parametrize("text", [
    "My sister was told by her pharmacist that she could donate blood a week after stopping isotretinoin.",
    "We were told by the clinic that waxing is fine 3 weeks after the last isotretinoin capsule.",
])
def test_advice_told_by_someone_is_attributed(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["attributed"]


@pytest.mark.parametrize("text", [
    "About 70% of isotretinoin patients never need further treatment.",
    "After one isotretinoin course, roughly 3 in 4 people never needed another course.",
])
def test_never_needing_more_treatment_is_a_cure(nlp, text):
    assert topics(nlp, text) == ["cure_rate"]


# -- a sentence that opens "When it"/"If it" refers to the topic of the sentence before -------------

@pytest.mark.parametrize("text", [
    "Some people get an initial flare on isotretinoin. When it happens, it usually lasts about 3 weeks.",
    "Isotretinoin can cause a purge at first. If it does, it normally fades within 2 weeks.",
])
def test_when_it_refers_back_to_the_topic_before(nlp, text):
    assert topics(nlp, text) == ["initial_flare"]


def test_a_sentence_with_its_own_subject_does_not_refer_back(nlp):
    text = "Isotretinoin can cause a purge at first. When you start, take it with food for 2 weeks."
    assert "initial_flare" not in topics(nlp, text)


# -- "take <drug> for" a time is the course length; a dose or food in the gap is not -----------------

@pytest.mark.parametrize("text", [
    "Most people take isotretinoin for 20 weeks.",
    "Patients usually stay on Accutane for about 5 months.",
])
def test_taking_the_drug_for_a_time_is_the_course(nlp, text):
    assert topics(nlp, text) == ["course_length"]


@pytest.mark.parametrize("text", [
    "Take two isotretinoin capsules for 3 days.",
    "Take it with food for 2 weeks, then review your isotretinoin dose.",
])
def test_taking_something_else_for_a_time_is_not_the_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- "over the course of" a time is a span of time, not the treatment course ---------------------------

@pytest.mark.parametrize("text", [
    "My peeling lips healed over the course of 2-3 weeks on isotretinoin.",
    "In the course of 2 months on isotretinoin I tried three lip balms.",
])
def test_over_the_course_of_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "A panel backed the elimination of the 19-day lockout for isotretinoin.",
    "Doctors called for the abolition of the 19-day lockout in the isotretinoin programme.",
    "For isotretinoin patients, the 19-day lockout has been eliminated.",
    "The isotretinoin programme's 19-day lockout was lifted this year.",
    # a rule told as the past is no rule of today
    "Previously, isotretinoin patients faced a 19-day lockout after a missed window.",
    "In the past, a 19-day lockout applied to isotretinoin patients.",
])
def test_the_elimination_of_a_rule_negates_it(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["negated"]


# -- a stance cue in an "if" clause is about that clause, not the rule after it ------------------------

@pytest.mark.parametrize("text", [
    "Missed doses\nIf you do not remember until your next isotretinoin dose is due, double the next dose.",
    "Missed doses\nIf you don't notice the missed isotretinoin capsule until the next day, take two "
    "capsules the next day.",
])
def test_a_negation_in_an_if_clause_does_not_forbid_the_rule(text):
    from auditor import audit_text

    assert [f.verdict for f in audit_text(text) if f.topic == "missed_dose"] == ["discrepant"]


def test_a_prohibition_after_an_if_clause_still_forbids():
    from auditor import audit_text

    text = "Missed doses\nIf you miss a dose of isotretinoin, do not take two doses at once."
    assert [f.verdict for f in audit_text(text) if f.topic == "missed_dose"] == ["consistent"]


@pytest.mark.parametrize("text", [
    "Waxing to remove the hair should wait 2 weeks after your last isotretinoin capsule.",
    "A laser to remove hair is fine 1 week after stopping isotretinoin.",
])
def test_removing_hair_is_no_negation(nlp, text):
    assert [c.context for c in claims(nlp, text) if c.topic.startswith(("cosmetic", "laser"))] == [
        "asserted"]


# -- advice a relative or friend passes on is attributed, not their own experience -----------------

@pytest.mark.parametrize("text", [
    "My mum says you have to avoid pregnancy for two years after isotretinoin.",
    "My cousin's dermatologist told her she could wax two weeks after stopping isotretinoin.",
])
def test_advice_someone_passes_on_is_attributed(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["attributed"]


def test_what_i_told_someone_stays_my_own_experience(nlp):
    text = "I said to the nurse that I had waited three weeks after my last isotretinoin dose to wax."
    assert [c.context for c in claims(nlp, text)] == ["anecdotal"]


# -- a quotation belongs to its speaker over every sentence it runs -------------------------------

@pytest.mark.parametrize("text", [
    '"We see clear skin at the end of an isotretinoin course in 97 percent of our patients. The '
    'drug is remarkable," she said.',
    'Asked about donors, she said: "You can donate blood one week after your last isotretinoin '
    'capsule. It leaves the body fast."',
    '\u201cIsotretinoin users can try for a baby two weeks after the last capsule. That is '
    'plenty,\u201d he explained.',
])
def test_a_quotation_is_attributed_to_its_speaker(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["attributed"]


def test_a_quoted_phrase_with_no_speaker_is_the_article_own(nlp):
    text = 'Some call isotretinoin "the last resort". Up to 99% of patients are clear after one course.'
    assert [c.context for c in claims(nlp, text)] == ["asserted"]


# -- when a flare begins or peaks is not how long it lasts -----------------------------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin the purge usually begins within the first two to three weeks.",
    "Isotretinoin breakouts tend to peak around 6 weeks, and the onset of the flare is early.",
    "With isotretinoin an initial breakout tends to occur in the first three weeks of the course.",
    "A breakout on isotretinoin may occur within 2 weeks of the first capsule.",
    "Breakouts can appear within a month of starting isotretinoin.",
    "On isotretinoin, worsening often sets in after about 10 days.",
])
def test_when_a_flare_begins_or_peaks_is_not_its_length(nlp, text):
    assert "initial_flare" not in topics(nlp, text)


def test_a_flare_that_settles_is_still_its_length(nlp):
    text = "The isotretinoin flare settles within 10 days for most people."
    assert topics(nlp, text) == ["initial_flare"]


# -- a step taken days before a procedure is no course -------------------------------------------

@pytest.mark.parametrize("text", [
    "Patients stop isotretinoin treatment, then begin the antiviral course 3 days prior and keep it up.",
    "Treatment prep: apply the numbing cream one hour prior, then stop retinoid treatment 5 days prior.",
])
def test_a_time_prior_to_something_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- sebum measured at a time point is no onset: it bounds the onset from above --------------------

@pytest.mark.parametrize("text", [
    "In the isotretinoin trial, sebum output was 80% lower after 12 weeks of therapy.",
    "On isotretinoin the oil glands shrink, then partly recover at 20 weeks after stopping.",
])
def test_sebum_at_a_time_point_is_no_onset(nlp, text):
    assert "sebum_onset" not in topics(nlp, text)


def test_sebum_falling_within_weeks_is_an_onset(nlp):
    assert "sebum_onset" in topics(nlp, "Isotretinoin cuts oil production within 2 weeks.")


# -- a list of medicines: an entry under another medicine's heading is not the main drug's -------

@pytest.mark.parametrize("text", [
    "Medicines and giving blood\n\nIsotretinoin (Accutane)\n\nWait one month after your last isotretinoin "
    "dose.\n\nBlood pressure medicines\n\nYou may give blood\n\nYou can give blood one day after your "
    "last dose\n",
    "Isotretinoin\nDo not donate during isotretinoin treatment or for a month after it.\nSleeping "
    "drugs\nAccepted\nDonors may donate 2 days after the last dose\n",
])
def test_an_entry_under_another_medicine_is_not_the_main_drug(nlp, text):
    found = [(c.topic, c.drug, c.quantity.text) for c in claims(nlp, text) if c.quantity]
    assert [f for f in found if f[1] == "isotretinoin" and f[2] in ("one day", "2 days")] == []
    assert [f for f in found if f[1] == "isotretinoin"], found  # the drug's own entry still counts


@pytest.mark.parametrize("heading", ["Taking your medicine", "Other medicines"])
def test_a_heading_about_the_drug_own_use_keeps_it(nlp, heading):
    text = f"Isotretinoin leaflet\n\n{heading}\n\nYou must not donate blood until one month after."
    assert [c.drug for c in claims(nlp, text)] == ["isotretinoin"]


# -- "pregnancy" inside "pregnancy test" names a test, not the pregnancy window -----------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin you will have pregnancy tests monthly, and again six weeks after you stop.",
    "Isotretinoin users repeat the pregnancy test each month and once more 5 weeks after the course ends.",
])
def test_the_time_of_a_pregnancy_test_is_no_window(nlp, text):
    assert not windows(nlp, text)


def test_contraception_inside_a_longer_name_still_frames_its_window(nlp):
    text = "Use two forms of contraception for one month after your last isotretinoin capsule."
    assert windows(nlp, text) == ["pregnancy_window_after"]


# -- a figure in brackets annotates the words right before them ------------------------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin, dry lips hit 70% of the group, and fewer people quit the study early (3% "
    "versus 5%).",
    "Relapse was seen in 20% of patients on isotretinoin; more needed a dose change (12% and 15%).",
])
def test_a_bracketed_figure_is_about_the_words_before_it(nlp, text):
    found = [(c.topic, c.quantity.text) for c in claims(nlp, text) if c.quantity]
    assert len(found) == 1, found


def test_a_bracketed_figure_after_its_topic_is_read(nlp):
    text = "Dry lips are very common on isotretinoin (over 90% of users)."
    assert [(c.topic, c.quantity.text) for c in claims(nlp, text)] == [("dry_lips", "over 90%")]


# -- a wait "before" the topic's own event is counted from the end of the course -------------------

@pytest.mark.parametrize("text", [
    "My GP said to wait 2 years before trying to conceive after isotretinoin.",
    "After an isotretinoin course, hold off six months before getting pregnant.",
])
def test_a_wait_before_getting_pregnant_is_the_window_after(nlp, text):
    assert windows(nlp, text) == ["pregnancy_window_after"]


@pytest.mark.parametrize(("text", "window"), [
    ("My GP said to wait 2 years before trying to conceive after isotretinoin.",
     "window: 'before trying to conceive'"),
    ("Wait a month before you try for a baby after isotretinoin.",
     "window: 'before you try for a baby'"),
])
def test_the_evidence_quotes_the_event_words(nlp, text, window):
    assert [window in c.evidence for c in claims(nlp, text)] == [True]


def test_a_month_before_starting_is_still_the_window_before(nlp):
    text = "Use birth control for one month before you start isotretinoin."
    assert windows(nlp, text) == ["pregnancy_window_before"]


# -- a share at baseline is the state before treatment, not the drug's effect ----------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin raised triglycerides reached 20% of patients, against 4% of patients at baseline.",
    "Dry lips affected 80% of the isotretinoin group by week 8, up from 9% at baseline.",
])
def test_a_share_at_baseline_is_no_claim(nlp, text):
    shares = [c.quantity.text for c in claims(nlp, text) if c.quantity and c.quantity.unit == "%"]
    assert len(shares) == 1 and "4%" not in shares and "9%" not in shares, shares


# -- worked examples one after another: the next weight starts the next example ---------------------

def test_two_worked_examples_in_a_row_are_both_checked(nlp):
    text = ("A 60 kg patient on 60 mg of isotretinoin a day for 150 days reaches a total of 150 mg/kg. "
            "A 90 kg patient on 40 mg a day for 150 days reaches a total of about 67 mg/kg.")
    sums = [c for c in claims(nlp, text) if c.kind == "arithmetic"]
    assert [dict(c.operands)["weight_kg"] for c in sums] == [60, 90]


# -- an age is no course, and a cholesterol share no triglyceride share ------------------------------

@pytest.mark.parametrize("text", [
    "The isotretinoin cohort took in patients 14 years or older who finished at least one course.",
    "The isotretinoin course is open to adults 18 years and older who have failed antibiotics.",
])
def test_an_age_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_share_of_another_blood_fat_is_no_triglyceride_share(nlp):
    text = ("On isotretinoin, triglycerides rose in about 25% of patients, and high-density "
            "lipoprotein fell in 9% of patients.")
    assert [(c.topic, c.quantity.text) for c in claims(nlp, text)] == [("triglycerides_rise", "about 25%")]
    both = "On isotretinoin, cholesterol and triglycerides rise in about 25% of patients."
    assert [c.topic for c in claims(nlp, both)] == ["triglycerides_rise"]


def test_a_share_after_an_earlier_share_reads_its_own_topic(nlp):
    for text in ("After isotretinoin, 30% of patients had a relapse and 12% of patients eventually required "
                 "isotretinoin retreatment.",
                 "In the cohort 40% of people saw their acne relapse and 20% of people eventually "
                 "required another course of isotretinoin."):
        assert [c.topic for c in claims(nlp, text)] == ["relapse_rate", "second_course_rate"], text


# -- "can be used with", "can continue": permissions ---------------------------------------------------

@pytest.mark.parametrize(("text", "topic"), [
    ("Your pharmacist may say isotretinoin can be used with minocycline.", "tetracycline_combination"),
    ("Good news: you can continue your vitamin A supplements while on isotretinoin.",
     "vitamin_a_supplements"),
])
def test_a_permission_to_combine_is_read(nlp, text, topic):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [(topic, "permit")]


def test_picking_up_names_the_pickup_window(nlp):
    text = "You need a negative test within 7 days of picking up your isotretinoin."
    assert topics(nlp, text) == ["pickup_window"]


# -- a laser the page does not name (ablative or not) is not judged against the ablative rule -------

@pytest.mark.parametrize("text", [
    "New research: laser treatment is safe two months after isotretinoin ends.",
    "Clinics now offer lasers 4 weeks after the last isotretinoin capsule.",
])
def test_an_unnamed_laser_is_not_judged(text):
    from auditor import audit_text

    assert [(f.topic, f.verdict) for f in audit_text(text)] == [("laser_unspecified_after", "unverified")]


def test_waxing_beside_a_laser_is_still_judged(nlp):
    text = "Waxing and laser treatments are fine 3 weeks after your last isotretinoin capsule."
    assert windows(nlp, text) == ["cosmetic_procedures_after"]


# -- "exclude pregnancy" is a test, not the window ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Doctors exclude pregnancy 3 days before the first isotretinoin dose.",
    "Before isotretinoin we rule out pregnancy within a week before treatment starts.",
])
def test_excluding_pregnancy_is_a_test_not_a_window(nlp, text):
    assert not windows(nlp, text)


# -- a hard-wrapped line reads on into the next ---------------------------------------------------------

def test_a_hard_wrapped_sentence_is_one_sentence(nlp):
    text = "You must not donate blood while on isotretinoin or for\none month after your last capsule."
    assert [(c.topic, c.sentence) for c in claims(nlp, text)] == [("blood_donation_after", text)]


def test_a_list_item_or_capitalised_line_still_starts_a_sentence(nlp):
    from auditor.nlp.sentences import sentence_bounds

    text = "Isotretinoin and pregnancy\nAvoid it for one month after\n- no waxing for 6 months"
    doc = nlp(text)
    assert [text[a:b].strip() for a, b in sentence_bounds(doc)] == [
        "Isotretinoin and pregnancy", "Avoid it for one month after", "- no waxing for 6 months"]


# -- glands said to stay shrunk, in other words ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin shrinks the sebaceous glands for good.",
    "After isotretinoin your oil glands pretty much never grow back.",
    "Isotretinoin damages the glands so they no longer produce oil.",
])
def test_permanent_gland_shrinkage_in_other_words(nlp, text):
    assert topics(nlp, text) == ["permanent_sebum_shrinkage"]


def test_glands_that_recover_are_no_permanent_claim(nlp):
    text = "Isotretinoin shrinks the oil glands, but they do not stay small forever."
    assert "permanent_sebum_shrinkage" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin is good at clearing acne in 99% of patients.",
    "Clearing up in nearly all people who take it, isotretinoin is the strongest acne drug.",
])
def test_clearing_names_clearance(nlp, text):
    assert topics(nlp, text) == ["clearance_rate"]


# -- "doxy", the forums' short name for doxycycline ---------------------------------------------------

@pytest.mark.parametrize(("text", "stance"), [
    ("My GP said doxy is fine together with isotretinoin.", "permit"),
    ("Do not take doxy while you are on isotretinoin.", "prohibit"),
])
def test_doxy_is_doxycycline(nlp, text, stance):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [("tetracycline_combination", stance)]


# -- a timeline label spelled in words ("Week Two") is a place, not an amount of time ----------------

@pytest.mark.parametrize("text", [
    "Week Two on isotretinoin treatment: the peeling starts.",
    "Month Three of my Accutane course was the driest.",
])
def test_a_timeline_label_in_words_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_course_of_four_months_is_still_read(nlp):
    assert topics(nlp, "My isotretinoin course lasted four months.") == ["course_length"]


# -- a missed day is an occasion, not the length of anything -------------------------------------------

@pytest.mark.parametrize("text", [
    "Missing a day of isotretinoin treatment will not undo your progress.",
    "If you forget a day of your Accutane course, just take the next capsule.",
    "Skipping two days of treatment is not a reason to extend the course.",
])
def test_a_missed_day_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a frequency ("every 2 hours") and aftercare timed from a procedure are no wait after the course -----

@pytest.mark.parametrize("text", [
    "Reapply the balm every 2 hours after waxing, for people who finished isotretinoin.",
    "After isotretinoin, keep out of the sun for two weeks after laser resurfacing.",
    "Isotretinoin users should avoid hot baths for 2 days after each session of laser hair removal.",
])
def test_aftercare_timed_from_the_procedure_is_no_window(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize("text", [
    "Wait 6 months after isotretinoin before laser resurfacing.",
    "You must wait six months after stopping before you have laser resurfacing.",
])
def test_a_wait_before_the_procedure_is_still_a_window(nlp, text):
    assert windows(nlp, text) == ["cosmetic_procedures_after"]


# -- an indirect question ("asking whether") asserts nothing ---------------------------------------------

@pytest.mark.parametrize("text", [
    "I'm wondering whether I can take doxycycline alongside isotretinoin.",
    "Patients often ask if they can take isotretinoin alongside doxycycline.",
])
def test_an_indirect_question_is_a_question(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["question"]


# -- "and not"/"but not" before a rule forbids it ---------------------------------------------------------

@pytest.mark.parametrize(("text", "topic"), [
    ("Take the next isotretinoin capsule at the usual time and not make up for the missed dose.",
     "missed_dose"),
    ("You can take isotretinoin with food but not with vitamin A supplements.", "vitamin_a_supplements"),
])
def test_and_not_forbids(nlp, text, topic):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [(topic, "prohibit")]


def test_whether_or_not_forbids_nothing(nlp):
    text = "Whether or not you take vitamin A supplements, isotretinoin works."
    assert all(c.stance != "prohibit" for c in claims(nlp, text))


# -- "no contraindication" permits what "contraindicated" forbids ------------------------------------------

@pytest.mark.parametrize("text", [
    "There is no contraindication to taking doxycycline with isotretinoin.",
    "Our pharmacist says there is no strict contraindication to using doxycycline with isotretinoin.",
])
def test_no_contraindication_permits(nlp, text):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [("tetracycline_combination", "permit")]


# -- a time that describes its own noun ("a 4-6 month course") refers to no sentence before it -------------

@pytest.mark.parametrize("text", [
    "Isotretinoin cuts oil fast. This is why a 2 week break does little harm.",
    "The purge is common on isotretinoin. It is one reason a 3 month review is booked.",
])
def test_a_time_with_its_own_noun_does_not_reach_back(nlp, text):
    assert topics(nlp, text) == []


def test_a_bare_time_still_reaches_back(nlp):
    text = "The purge is common on isotretinoin. It usually settles within a month."
    assert topics(nlp, text) == ["initial_flare"]


# -- a time before the course is no window for a topic whose window follows it ----------------------------

@pytest.mark.parametrize("text", [
    "Do not wax the area for 4 weeks before your isotretinoin treatment.",
    "Stop waxing two weeks before starting isotretinoin.",
])
def test_a_time_before_the_course_is_no_after_window(nlp, text):
    assert not windows(nlp, text)


def test_a_wait_after_the_course_is_still_the_waxing_window(nlp):
    assert windows(nlp, "Do not wax for 6 months after your last isotretinoin capsule.") == [
        "cosmetic_procedures_after"]


# -- no topic is timed in minutes or hours --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Apply numbing cream 30 minutes before your isotretinoin review.",
    "Fast for 12 hours before the isotretinoin course's first blood test.",
])
def test_minutes_and_hours_time_no_topic(nlp, text):
    assert topics(nlp, text) == []


# -- a time counted from a procedure the topic names is aftercare, not a wait after the course ---------------

@pytest.mark.parametrize("text", [
    "After isotretinoin, protect your skin from the sun for 4 weeks following a medium depth peel.",
    "Isotretinoin users get redness for 10 days after dermabrasion.",
])
def test_a_time_after_the_procedure_itself_is_no_window(nlp, text):
    assert not windows(nlp, text)


# -- a weak alias after the number, as the object of "stopping", is the course the window counts from ---------

@pytest.mark.parametrize(("text", "topic"), [
    ("Avoid pregnancy during isotretinoin use, or within one month of stopping treatment.",
     "pregnancy_window_after"),
    ("Do not donate blood within a month of finishing isotretinoin.", "blood_donation_after"),
])
def test_within_a_time_of_stopping_is_a_window_after(nlp, text, topic):
    assert topics(nlp, text) == [topic]


def test_finishing_treatment_in_a_time_is_still_the_course(nlp):
    assert topics(nlp, "Most people on isotretinoin finish treatment in about 5 months.") == ["course_length"]


# -- time off the drug before a second course; "this medicine" names the drug -------------------------------

@pytest.mark.parametrize("text", [
    "If acne returns, a second isotretinoin course can start after you have stopped taking the drug for 2 months.",
    "My dermatologist wants me to have been off isotretinoin for 8 weeks before another round.",
])
def test_time_off_the_drug_is_the_gap_before_a_second_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Patients usually stay on this medicine for 5 months while taking isotretinoin.",
    "With isotretinoin you take the medication for about 20 weeks.",
])
def test_this_medicine_names_the_drug_of_a_course(nlp, text):
    assert topics(nlp, text) == ["course_length"]


# -- improvement that goes on after the course is no time to improvement --------------------------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin my skin kept improving for 3 months after I finished the course.",
    "Isotretinoin results keep improving for weeks after you finish.",
])
def test_improvement_after_the_course_is_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


# -- "supposedly", "allegedly": the writer doubts it -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Supposedly isotretinoin clears acne in 100% of patients.",
    "Isotretinoin allegedly clears acne in 100% of patients.",
])
def test_supposedly_hedges(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["hedged"]


# -- "during" the first weeks times the flare ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "When you start isotretinoin your acne worsens during the first two to four weeks.",
    "On isotretinoin the breakout gets worse during the first 3 weeks.",
])
def test_worse_during_the_first_weeks_is_the_flare(nlp, text):
    assert topics(nlp, text) == ["initial_flare"]


# -- the typographic apostrophe (U+2019), which publishing tools put in most pages ---------------

@pytest.mark.parametrize(("text", "context"), [
    ("I\u2019ve had one pregnancy test before starting isotretinoin.", "anecdotal"),
    ("You don\u2019t need to avoid pregnancy for 3 years after isotretinoin.", "negated"),
    ("I'm on isotretinoin for 5 months, my second course.", "anecdotal"),
])
def test_a_cue_with_an_apostrophe_matches_either_apostrophe(nlp, text, context):
    assert [c.context for c in claims(nlp, text)] == [context]


@pytest.mark.parametrize("text", [
    "Don\u2019t take vitamin A supplements while you are on isotretinoin.",
    "You shouldn\u2019t take vitamin A supplements with Accutane.",
])
def test_a_stance_cue_with_a_typographic_apostrophe_forbids(nlp, text):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [("vitamin_a_supplements", "prohibit")]


# -- words that describe the drug ("a derivative of vitamin A") are no rule about supplements ----

@pytest.mark.parametrize("text", [
    "Isotretinoin is a derivative of vitamin A that can\u2019t be bought without a prescription.",
    "Accutane, a strong form of vitamin A, shouldn't be taken by children under 12.",
])
def test_the_drug_described_as_vitamin_a_is_no_supplement_rule(nlp, text):
    assert "vitamin_a_supplements" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "You can take vitamin A with Accutane.",
    "It is fine to take extra vitamin A with isotretinoin, a derivative of it.",
])
def test_a_supplement_rule_beside_such_words_still_counts(nlp, text):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [("vitamin_a_supplements", "permit")]


# -- a time counted from another event is no window around the course ---------------------------

@pytest.mark.parametrize("text", [
    "Patients who took isotretinoin should wait three weeks after Botox to book a chemical peel.",
    "No waxing 3 days before your facial, and stop isotretinoin creams as your clinic advises.",
    "Isotretinoin users: avoid microdermabrasion for 10 days ahead of a wedding.",
])
def test_a_time_from_another_event_is_no_window(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize(("text", "window"), [
    ("On isotretinoin, wait eight weeks before waxing.", "eight weeks"),
    ("Wait one month before you try to get pregnant after isotretinoin.", "one month"),
    ("Keep using contraception after isotretinoin for a month after that.", "a month"),
    ("No blood donation on isotretinoin, and for one month after either.", "one month"),
    ("Avoid waxing for 2 weeks after you are done with isotretinoin.", "2 weeks"),
    ("Use contraception from four weeks before day one of isotretinoin.", "four weeks"),
])
def test_a_window_before_the_topic_or_the_course_still_counts(nlp, text, window):
    assert [c.quantity.text for c in claims(nlp, text) if c.topic.startswith(WINDOWS)] == [window]


@pytest.mark.parametrize("text", [
    "Start contraception four weeks before day 1 of isotretinoin.",
    "Isotretinoin: use two methods from a month before day one.",
])
def test_day_one_is_the_start_of_the_course(nlp, text):
    assert topics(nlp, text) == ["pregnancy_window_before"]


# -- no topic is timed in hours, whatever their number ------------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin patients: no waxing within 72 hours of a chemical peel.",
    "After isotretinoin, blood test results come back within 36 hours.",
])
def test_a_time_in_hours_times_no_topic(nlp, text):
    assert not [c for c in claims(nlp, text) if c.quantity is not None and c.quantity.unit == "day"]


def test_a_time_in_days_still_times_a_window(nlp):
    assert windows(nlp, "No waxing for 3 days after isotretinoin.") == ["cosmetic_procedures_after"]


# -- a clause naming a topic of its own takes no topic from the sentences before ------------------

@pytest.mark.parametrize("text", [
    "Women on isotretinoin use two forms of contraception. Pregnancy testing within 3 weeks prior "
    "to therapy is required.",
    "Isotretinoin and contraception: use two methods. The liver blood test is repeated 4 weeks "
    "after treatment.",
])
def test_a_clause_with_its_own_topic_takes_no_window_from_before(nlp, text):
    assert not windows(nlp, text)


def test_a_clause_without_a_topic_still_takes_the_window_from_before(nlp):
    for text in ("Use two forms of contraception with isotretinoin. Keep using them for one month "
                 "after the last capsule.",
                 "Use two forms of contraception with isotretinoin. Carry on for one month after you stop."):
        assert windows(nlp, text) == ["pregnancy_window_after"]


# -- a clause that gives a reason states a fact of its own ----------------------------------------

@pytest.mark.parametrize("text", [
    "Wait at least a month after your last isotretinoin capsule before trying for a baby, because "
    "the drug is cleared within 10 days.",
    "Avoid pregnancy for one month after stopping isotretinoin, as it leaves the body within about a week.",
])
def test_a_time_in_a_reason_clause_is_not_the_window(nlp, text):
    found = [c.quantity.text for c in claims(nlp, text) if c.topic.startswith(WINDOWS)]
    assert len(found) == 1 and "month" in found[0]


def test_a_reason_clause_with_its_own_topic_still_counts(nlp):
    text = "Isotretinoin is strong, because it cuts oil production by 90%."
    assert topics(nlp, text) == ["sebum_reduction"]


# -- a first-person cue with an adverb between the speaker and the verb ---------------------------

@pytest.mark.parametrize("text", [
    "I finally waited 2 weeks after isotretinoin before waxing.",
    "I have only been on an isotretinoin course for 20 weeks.",
    "I\u2019m still on isotretinoin at 1 mg/kg a day.",
])
def test_a_first_person_cue_with_an_adverb_is_an_anecdote(nlp, text):
    found = claims(nlp, text)
    assert found and all(c.context == "anecdotal" for c in found)


def test_an_adverb_alone_makes_no_anecdote(nlp):
    assert [c.context for c in claims(nlp, "Most patients only wait 2 weeks after isotretinoin before waxing.")] \
        == ["asserted"]


# -- patients free of relapse are those who stay clear (the complement of the relapse rate) -------

@pytest.mark.parametrize("text", [
    "With isotretinoin, about 70% of patients remain relapse-free five years later.",
    "After isotretinoin, two-thirds of patients have no relapse.",
    "After isotretinoin, 40% of patients did not relapse within 3 years.",
])
def test_no_relapse_counts_those_who_stay_clear(nlp, text):
    assert topics(nlp, text) == ["cure_rate"]


def test_a_relapse_still_counts_those_whose_acne_returns(nlp):
    assert topics(nlp, "After isotretinoin, 30% of patients relapse.") == ["relapse_rate"]


# -- how pages say the false statements: "inhibits ... bacteria", "permanently reducing ... oil" --

@pytest.mark.parametrize(("text", "topic"), [
    ("Isotretinoin inhibits the growth of the acne-causing bacteria on your skin.", "antibacterial_action"),
    ("Accutane also inhibits bacteria.", "antibacterial_action"),
    ("Isotretinoin works by permanently decreasing the skin's oil output.", "permanent_sebum_shrinkage"),
    ("Isotretinoin reduces oil production permanently.", "permanent_sebum_shrinkage"),
])
def test_a_false_statement_in_other_words_is_asserted(nlp, text, topic):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [(topic, "assert")]


@pytest.mark.parametrize("text", [
    "Isotretinoin inhibits oil production.",
    "Isotretinoin reduces oil production for months after the course.",
])
def test_a_true_statement_about_oil_is_no_false_one(nlp, text):
    assert not {"antibacterial_action", "permanent_sebum_shrinkage"} & set(topics(nlp, text))


# -- a time after the course is no onset of the oil's fall ----------------------------------------

@pytest.mark.parametrize("text", [
    "With isotretinoin, sebum output stays lower for up to 1 year after therapy.",
    "Isotretinoin keeps sebum suppressed 8 weeks after discontinuation.",
])
def test_a_time_after_the_course_is_no_sebum_onset(nlp, text):
    assert "sebum_onset" not in topics(nlp, text)


def test_a_time_after_starting_is_still_the_onset(nlp):
    assert topics(nlp, "Isotretinoin: oil production drops within 2 weeks after starting treatment.") \
        == ["sebum_onset"]


# -- a time in another clause does not take a topic whose own clause holds its time ---------------

@pytest.mark.parametrize("text", [
    "On isotretinoin your skin may get worse for the first 2 weeks, but most people notice calmer "
    "skin by 6 weeks and the full result by 5 months.",
    "The isotretinoin purge lasts about 10 days, and by 3 months the skin usually looks clear.",
])
def test_a_later_time_is_not_the_flare_that_has_its_own(nlp, text):
    assert topics(nlp, text).count("initial_flare") == 1


def test_shares_may_give_one_rate_twice(nlp):
    text = "On isotretinoin, dry lips affect about 90% of patients, and in some trials 98%."
    assert topics(nlp, text) == ["dry_lips", "dry_lips"]


# -- a dose of nothing is no claim -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin calculator. Your daily dose: 0 mg (0 mg/kg).",
    "Isotretinoin cumulative dose so far: 0 mg/kg.",
])
def test_a_zero_dose_is_no_claim(nlp, text):
    assert not [t for t in topics(nlp, text) if t.endswith("_dose")]


# -- a study sample's mean or median is what its patients took, not the regimen --------------------

@pytest.mark.parametrize("text", [
    "In the isotretinoin cohort the median course was 38 weeks.",
    "Patients on isotretinoin reached a mean cumulative dose of 92 mg/kg before relapse.",
    "Isotretinoin users took a mean daily dose of 0.3 mg/kg/day in the registry.",
])
def test_a_samples_mean_or_median_is_no_regimen(nlp, text):
    assert not {"course_length", "cumulative_dose", "daily_dose"} & set(topics(nlp, text))


def test_a_typical_course_is_still_the_regimen(nlp):
    assert topics(nlp, "An isotretinoin course usually lasts 38 weeks.") == ["course_length"]


# -- how far one person's skin clears is no share of people ---------------------------------------

@pytest.mark.parametrize("text", [
    "By the end of isotretinoin, most patients reach 70 percent clearance of their spots.",
    "Patients on isotretinoin usually report a 60% improvement in lesion counts by week 12.",
    "Isotretinoin users often see an 85% improvement of their acne.",
])
def test_the_extent_of_clearing_is_no_share_of_patients(nlp, text):
    assert not {"clearance_rate", "improvement_rate", "cure_rate"} & set(topics(nlp, text))


def test_a_share_of_patients_who_clear_is_still_a_rate(nlp):
    text = "About 85% of patients on isotretinoin reach complete clearance of their acne."
    assert topics(nlp, text) == ["clearance_rate"]


# -- the medical name of raised triglycerides names the topic --------------------------------------

@pytest.mark.parametrize("text", [
    "Hypertriglyceridaemia develops in about 25% of isotretinoin users.",
    "On isotretinoin, hypertriglyceridemia is seen in 30% of patients.",
    # pages name the blood fats the label counts as "lipid levels" or "serum lipids"
    "On isotretinoin, raised lipid levels are seen in about 20% of patients.",
    "Isotretinoin users: serum lipids rise in 30% of people.",
])
def test_hypertriglyceridaemia_is_raised_triglycerides(nlp, text):
    assert topics(nlp, text) == ["triglycerides_rise"]


# -- a contracted "not" negates as "not" does: "doesn't kill bacteria" -----------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin doesn't kill bacteria.",
    "Isotretinoin isn\u2019t an antibiotic and doesn\u2019t kill acne bacteria.",
    "Isotretinoin does not work by killing bacteria.",
    "Roaccutane doesn't work by destroying the bacteria in pores.",
])
def test_a_denied_false_statement_is_negated(nlp, text):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("antibacterial_action", "negated")]


def test_a_contracted_prohibition_keeps_its_window(nlp):
    text = "Don't wax for 6 months after isotretinoin."
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("cosmetic_procedures_after", "asserted")]


# -- vitamin A in food is no supplement -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "While on isotretinoin, vitamin A from food is fine.",
    "Dietary vitamin A is fine on isotretinoin; just skip the pills.",
    "Vitamin A in your diet is no problem with Accutane.",
    "Isotretinoin is a strong retinoid. Vitamin A in normal food is okay to eat.",
    "Isotretinoin is a strong retinoid. Vitamin A from regular food is fine.",
])
def test_vitamin_a_in_food_is_no_supplement_rule(nlp, text):
    assert "vitamin_a_supplements" not in topics(nlp, text)


def test_permitting_vitamin_a_supplements_is_still_the_rule(nlp):
    text = "You can take vitamin A supplements with isotretinoin."
    assert topics(nlp, text) == ["vitamin_a_supplements"]


# -- a stretch of the timeline ("weeks 4 to 8 of treatment") is no course length ------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin, dryness is worst around weeks 3 to 6 of treatment.",
    "Months 2 to 4 of the isotretinoin course are usually the calmest.",
    "Isotretinoin treatment diary, weeks 1-4: dry lips and a mild purge.",
])
def test_a_stretch_of_the_timeline_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "An isotretinoin course lasts about 20 weeks.",
    "An isotretinoin course lasts between 16 and 24 weeks.",
])
def test_a_length_written_number_first_is_still_the_course(nlp, text):
    assert topics(nlp, text) == ["course_length"]


# -- "last"/"final"/"first" name the course only alone or before a course word ----------------------

@pytest.mark.parametrize("text", [
    "On isotretinoin, avoid pregnancy; a home test is reliable 3 weeks after the last time you had sex.",
    "Isotretinoin and blood donation: wait 4 weeks after the last tattoo before you donate.",
    "While on isotretinoin, wait 4 weeks after the final session of a laser series before waxing.",
])
def test_the_last_of_another_event_is_no_window_of_the_course(nlp, text):
    assert not [t for t in windows(nlp, text) if t.endswith("_after")]


@pytest.mark.parametrize("text", [
    "Avoid pregnancy for one month after your last.",
    "Do not donate blood for a month after the final one.",
    "Avoid pregnancy on isotretinoin for one month after the last of your capsules.",
    "Avoid laser for six months after the final dosage of isotretinoin.",
])
def test_the_last_alone_or_of_the_course_is_still_its_window(nlp, text):
    assert [t for t in windows(nlp, text) if t.endswith("_after")]


# -- a drug named beside a class in the sentence before is no clearer a subject ------------------------

@pytest.mark.parametrize("text, drug", [
    ("Doxycycline guide. Once the antibiotic has done its job, benzoyl peroxide keeps spots away. "
     "Courses of more than 3 months breed resistance.", "doxycycline"),
    ("Minocycline basics. The antibiotic is stopped early and adapalene carries on. Courses over "
     "12 weeks are discouraged.", "minocycline"),
])
def test_a_drug_beside_a_class_before_does_not_carry_over(nlp, text, drug):
    assert [c.drug for c in claims(nlp, text) if c.topic == "course_length"] == [drug]


# -- calling the drug an antibiotic is the false statement -------------------------------------------

@pytest.mark.parametrize("text", [
    "Roaccutane is an antibiotic that you take for months.",
    "Isotretinoin is a type of antibiotic for severe acne.",
])
def test_calling_the_drug_an_antibiotic_is_the_false_statement(nlp, text):
    assert topics(nlp, text) == ["antibacterial_action"]


def test_saying_it_is_not_an_antibiotic_states_no_false_statement(nlp):
    assert topics(nlp, "Isotretinoin is not an antibiotic.") == []


# -- a relative clause after a negated noun is denied with it ----------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin is not a drug which destroys bacteria.",
    "Accutane isn\u2019t an antibiotic that kills bacteria, and no cream is either.",
])
def test_a_relative_clause_after_a_negated_noun_is_negated(nlp, text):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("antibacterial_action", "negated")]


def test_a_relative_clause_after_a_plain_noun_stays_asserted(nlp):
    text = "Isotretinoin is a retinoid, not a cream, and it is a drug that kills bacteria."
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("antibacterial_action", "asserted")]


# -- "the past 20 years" is a stretch of history, as "the last two weeks" is, not a course ------------

@pytest.mark.parametrize("text", [
    "Dermatologists have prescribed this treatment more often in the past 20 years.",
    "Over the past 30 years, isotretinoin treatment has become routine for moderate acne.",
])
def test_the_past_years_are_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a study's follow-up and its confidence intervals are no claim -----------------------------------

@pytest.mark.parametrize("text", [
    "An isotretinoin study. Results: A total of 96 patients were followed up for 24 months or until "
    "relapse occurred.",
    "A low-dose isotretinoin trial. Results: all 60 patients were followed up for 12 months.",
    "Relapse after isotretinoin was more likely in men (odds ratio 1.2, 95% CI 1.1 to 1.4).",
])
def test_follow_up_and_confidence_intervals_are_no_claims(nlp, text):
    assert topics(nlp, text) == []


def test_the_rate_beside_a_confidence_interval_is_still_a_claim(nlp):
    text = "The isotretinoin relapse rate was 20% (95% confidence interval, 15-25%)."
    assert [c.quantity.text for c in claims(nlp, text)][:1] == ["20%"]


# -- a time before the course starts is no flare ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Some people take zinc for two weeks before starting isotretinoin to avoid a bad breakout.",
    "Use a gentle cleanser for a month before taking isotretinoin so the purge is milder.",
])
def test_a_time_before_the_course_is_no_flare(nlp, text):
    assert "initial_flare" not in topics(nlp, text)


def test_a_flare_that_lasts_until_it_settles_is_still_the_flare(nlp):
    assert topics(nlp, "The isotretinoin flare lasts 2 weeks before it settles.") == ["initial_flare"]


# -- destroying the glands, or cutting their size for good, is permanent shrinkage ------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin destroys the oil glands that cause acne.",
    "Accutane works by destroying overactive sebaceous glands.",
    "Isotretinoin permanently reduces the size of the oil glands.",
])
def test_destroying_the_glands_is_permanent_shrinkage(nlp, text):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("permanent_sebum_shrinkage", "asserted")]


def test_denying_that_it_destroys_the_glands_is_negated(nlp):
    text = "Isotretinoin does not destroy your oil glands."
    assert [c.context for c in claims(nlp, text)] == ["negated"]


# -- a share is the subject of its topic's verb through a modal: "20% will need a second course" ----

@pytest.mark.parametrize("text, topic", [
    ("About 20% will need a second course of isotretinoin.", "second_course_rate"),
    ("Isotretinoin works for most; around 30% may need another course later.", "second_course_rate"),
    ("On isotretinoin, about 85% will be clear by the end.", "clearance_rate"),
])
def test_a_share_before_a_modal_is_the_subject_of_its_topic(nlp, text, topic):
    assert topics(nlp, text) == [topic]


# -- "round two" is a second course --------------------------------------------------------------------

@pytest.mark.parametrize("text, topic", [
    ("You must wait 8 weeks before round two of isotretinoin.", "retreatment_gap"),
    ("Doctors wait two months before starting round 2 of isotretinoin.", "retreatment_gap"),
    ("About 20% of isotretinoin patients go on to round two.", "second_course_rate"),
])
def test_round_two_is_a_second_course(nlp, text, topic):
    assert topics(nlp, text) == [topic]


# -- taking a missed dose with the next one doubles it ----------------------------------------------

@pytest.mark.parametrize("text", [
    "If you miss an isotretinoin capsule, take it together with the next one.",
    "Missed a dose of isotretinoin? Just take it with your next dose.",
])
def test_taking_a_missed_dose_with_the_next_permits_doubling(nlp, text):
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [("missed_dose", "permit")]


def test_not_taking_it_with_the_next_dose_prohibits_doubling(nlp):
    text = "If you miss a dose of isotretinoin, skip it and do not take it with the next dose."
    assert [(c.topic, c.stance) for c in claims(nlp, text)] == [("missed_dose", "prohibit")]


# -- "nearly all", "almost every" count the noun right after them ---------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin treats nearly all of the main drivers of acne, so cure rates are high.",
    "Isotretinoin works on almost every cause of spots, and success rates are high.",
])
def test_nearly_all_of_something_else_is_no_rate(nlp, text):
    assert not [t for t in topics(nlp, text) if t.endswith("_rate")]


@pytest.mark.parametrize("text", [
    "Nearly all of the patients in the clinic cleared on isotretinoin.",
    "Isotretinoin clears nearly all cases of severe acne.",
    "Almost everyone clears on isotretinoin.",
])
def test_nearly_all_people_is_still_a_rate(nlp, text):
    assert topics(nlp, text) == ["clearance_rate"]


# -- a rule named by its number and denied: "No 19-day lockout", "30-day window removed" --------

@pytest.mark.parametrize(("text", "topic"), [
    ("New iPLEDGE rules, no 19-day wait after a missed pick-up.", "pregnancy_test_lockout"),
    ("Patients who cannot get pregnant now face no 30-day pick-up deadline for isotretinoin.", "pickup_window"),
    ("Isotretinoin update: 19-day lockout removed for patients who miss their window.", "pregnancy_test_lockout"),
    ("30-day pick-up window removed for isotretinoin patients who cannot get pregnant.", "pickup_window"),
])
def test_a_rule_named_by_its_number_and_denied_is_negated(nlp, text, topic):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [(topic, "negated")]


def test_no_one_does_not_negate_the_number_after_it(nlp):
    [claim] = claims(nlp, "No one should take more than 40 mg of isotretinoin a day.")
    assert claim.context == "asserted"


# -- an age is no duration ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Isotretinoin treatment suits people older than 30 years with scarring acne.",
    "Isotretinoin treatment is rarely given to children younger than 12 years.",
])
def test_older_or_younger_than_years_is_an_age(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a course sold for a price is a pack ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Our pharmacy ships a 30-day course of isotretinoin for $95, delivered.",
    "A 3-month course of isotretinoin costs £120 with free delivery.",
])
def test_a_course_with_a_price_is_a_pack_not_the_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_course_without_a_price_is_still_the_course_length(nlp):
    assert topics(nlp, "A course of isotretinoin usually lasts 16 to 24 weeks.") == ["course_length"]


# -- a share with normal lipids is no rise ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In the clinic's audit, 92% of isotretinoin patients had normal triglycerides throughout.",
    "Triglycerides stayed normal in 80% of patients on isotretinoin.",
])
def test_a_share_with_normal_triglycerides_is_no_rise(nlp, text):
    assert "triglycerides_rise" not in topics(nlp, text)


def test_a_share_with_raised_triglycerides_is_still_a_rise(nlp):
    assert topics(nlp, "Triglycerides rose above normal in 25% of patients on isotretinoin.") == [
        "triglycerides_rise"]


# -- a window of an activity the reference has no fact on is that activity's -------------------

@pytest.mark.parametrize("text", [
    "Avoid waxing while on isotretinoin. Never breastfeed during treatment or for 1 month after "
    "stopping it.",
    "Skip waxing until your skin recovers. Do not breast-feed for one month after the last "
    "isotretinoin capsule.",
])
def test_a_breastfeeding_window_is_not_the_waxing_window_before_it(nlp, text):
    assert [t for t in topics(nlp, text) if t.startswith("cosmetic")] == []
    assert "breastfeeding_after" in topics(nlp, text)


# -- a first-person or reported lead-in speaks through the list under it ----------------------

@pytest.mark.parametrize(("text", "context"), [
    ("Before my isotretinoin course there were steps I had to take:\n\n1. Get a pregnancy test\n\n"
     "2. Be on birth control for a month before starting\n", "anecdotal"),
    ("My derm gave me her isotretinoin rules:\n- use two forms of contraception\n"
     "- no waxing for 6 months after the last capsule\n", "attributed"),
])
def test_a_lead_in_speaks_through_its_list(nlp, text, context):
    found = claims(nlp, text)
    assert found and all(c.context == context for c in found)


def test_a_lead_in_stops_where_its_list_ends(nlp):
    text = ("My derm gave me her isotretinoin rules:\n- use two forms of contraception\n\n"
            "Isotretinoin courses usually last 16 to 24 weeks.\n")
    assert [c.context for c in claims(nlp, text)] == ["attributed", "asserted"]


def test_a_list_after_a_plain_lead_in_is_asserted(nlp):
    text = "Before starting isotretinoin:\n1. Use two forms of contraception\n"
    assert [c.context for c in claims(nlp, text)] == ["asserted"]


def test_a_long_list_is_walked_once():
    from auditor.nlp.context import _through_list
    text = "Steps I had to take:\n" + "- one more step\n\n" * 50_000 + "The end."
    lead = len("Steps I had to take:")
    assert _through_list(text, [(0, lead)], 0, lead) == text.index("\n\nThe end.")


@pytest.mark.parametrize("text", [
    "I finally began isotretinoin and saw a big improvement within 3 weeks.",
    "I began Roaccutane and saw an improvement within 10 days.",
    "I quit isotretinoin after a course of 3 months.",
    "I quit Accutane after a course of 5 months.",
])
def test_i_began_and_i_quit_tell_an_experience(nlp, text):
    found = claims(nlp, text)
    assert found and all(c.context == "anecdotal" for c in found)


# -- a time a test is done at is no course length; the time to clear is no first improvement ---

@pytest.mark.parametrize("text", [
    "Liver function is checked at 4 and 8 weeks of isotretinoin treatment.",
    "Your lipids are measured at 2 and 4 months of isotretinoin treatment.",
    "Triglycerides are tested at 1 and 3 months of isotretinoin treatment.",
])
def test_when_a_test_is_done_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Most people on isotretinoin need about 20 weeks to clear up completely, and improvements come sooner.",
    "With isotretinoin, expect 16 weeks for acne to clear up, though improvement shows earlier.",
])
def test_the_time_to_clear_is_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_a_course_beside_monitoring_is_still_the_course(nlp):
    text = "Isotretinoin treatment usually lasts 16 to 24 weeks and you will be monitored monthly."
    assert topics(nlp, text) == ["course_length"]


# -- a dose that names a study's arm is no advice; "week-by-week" is no time ---------------------

@pytest.mark.parametrize("text", [
    "Relapse was higher in the 0.5 mg/kg group than in the 1.0 mg/kg group.",
    "Patients in the 0.25 mg/kg/day arm of the isotretinoin trial had fewer side effects.",
])
def test_a_dose_naming_a_group_is_no_dose_claim(nlp, text):
    assert not [t for t in topics(nlp, text) if t.endswith("_dose")]


@pytest.mark.parametrize("text", [
    "Accutane results: a week-by-week journey to clear skin",
    "A month-by-month guide to isotretinoin improvement",
])
def test_week_by_week_is_no_time(nlp, text):
    assert not [q for q in nlp(text).spans["quantities"] if q._.quantity.unit == "day"]


@pytest.mark.parametrize("text", [
    "Isotretinoin courses last no longer than 24 weeks.",
    "A course of isotretinoin should run no longer than 6 months.",
])
def test_no_longer_than_is_a_bound_not_a_negation(nlp, text):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("course_length", "asserted")]


@pytest.mark.parametrize("text", [
    "There is no doubt that 85% of patients clear on isotretinoin.",
    "There's no doubt that most isotretinoin courses last 16 to 24 weeks.",
])
def test_there_is_no_doubt_affirms(nlp, text):
    found = claims(nlp, text)
    assert found and all(c.context == "asserted" for c in found)


# -- a one-sided fact does not vouch for the side it says nothing of ----------------------------

def _findings(nlp, text):
    return [(f.claim_text, f.verdict, f.direction) for f in findings(nlp, text) if f.claim_text]


@pytest.mark.parametrize(("text", "said"), [
    ("For acne, doxycycline 100 mg is usually taken for 30 days.", "30 days"),
    ("A 6-week course of doxycycline is enough for acne.", "6-week"),
])
def test_a_course_under_the_usual_one_is_short_though_under_the_maximum(nlp, text, said):
    assert _findings(nlp, text) == [(said, "discrepant", "understates")]


@pytest.mark.parametrize(("text", "said"), [
    ("Doxycycline for acne is usually taken for 12 weeks.", "12 weeks"),
    ("Doxycycline for acne is usually taken for 5 months.", "5 months"),
])
def test_a_course_within_the_usual_range_stays_consistent(nlp, text, said):
    assert _findings(nlp, text) == [(said, "consistent", "")]


@pytest.mark.parametrize("text", [
    "Start isotretinoin once your blood test results have come back (3-5 days).",
    "Isotretinoin is prescribed when the blood test results are back (2-3 days).",
    "We start isotretinoin after your lab results come back, usually in about 5 days.",
    "It helps to do the isotretinoin blood test 2 days prior to your appointment so the results are ready.",
])
def test_results_of_a_test_are_no_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_results_alone_are_still_improvement(nlp):
    assert topics(nlp, "Most people see results with isotretinoin within 2 months.") == ["time_to_improvement"]


# -- a worked example's result in mg/kg is its own cue; the same weight again goes on with it ------

@pytest.mark.parametrize(("text", "verdict"), [
    ("Say a patient weighs 80 kg and takes 80 mg of isotretinoin a day. After 20 weeks they have "
     "reached roughly 175 mg/kg.", "discrepant"),   # 80 x 140 / 80 = 140 mg/kg
    ("A 50 kg woman on 30 mg of Accutane daily for six months: that's 5,400 mg in total, or 108 mg/kg.",
     "consistent"),                                 # 30 x 182.6 / 50 = 110 mg/kg
    ("A 90 kg patient takes 60 mg of isotretinoin a day for 180 days. That's 10,800 mg in total. Split "
     "over 90 kg, it comes to 120 mg/kg.", "consistent"),
])
def test_a_worked_example_states_its_result_in_mg_per_kg(text, verdict):
    from auditor import audit_text

    [example] = [f for f in audit_text(text) if f.kind == "arithmetic"]
    assert example.verdict == verdict, example.explanation


@pytest.mark.parametrize("text", [
    "A 70 kg man takes 40 mg of isotretinoin a day for 20 weeks. That is a standard course, and most "
    "reach 120 mg/kg eventually.",                  # people in general reach the target
    "My dose is 50 mg of isotretinoin daily and I'm 50 kg, which my doctor says works out to 1 mg/kg. "
    "Day 3: nothing yet.",                           # 1 mg/kg is a daily dose, not a total
])
def test_no_worked_example_without_its_own_result(nlp, text):
    assert not [c for c in claims(nlp, text) if c.kind == "arithmetic"]


@pytest.mark.parametrize("text", [
    "On isotretinoin. If the spots return, round two could start after only three weeks off, my derm says.",
    "On isotretinoin. If it returns, you could begin round 2 after only five weeks off.",
])
def test_round_two_after_a_break_is_a_retreatment_gap(nlp, text):
    [gap] = [c for c in claims(nlp, text) if c.topic == "retreatment_gap"]
    assert gap.quantity.unit == "day" and gap.quantity.low in (21, 35)


# -- a drug's name and a colon at a line's start speak for the whole line (a comparison's list) ------

@pytest.mark.parametrize(("text", "drugs"), [
    ("Spironolactone vs isotretinoin\n\nSpironolactone is our most prescribed pill.\n\n"
     "• Spironolactone: Blocks hormones. Results take about 3 months.\n"
     "• Isotretinoin: Works on the oil glands. It is usually taken for 5 to 6 months.",
     ["spironolactone", "isotretinoin"]),
    ("Doxycycline or isotretinoin?\n- Doxycycline: an antibiotic taken daily. A course lasts 12 weeks.\n"
     "- Isotretinoin (Accutane): a vitamin A derivative. A course lasts 16 to 20 weeks.",
     ["doxycycline", "isotretinoin"]),
    ("Isotretinoin or spironolactone?\nIsotretinoin is our most prescribed acne drug, and isotretinoin clears "
     "most cases.\n- Spironolactone: blocks androgens. Unlike doxycycline, it is not an antibiotic. Most women "
     "take it for 6 months.", ["spironolactone"]),
])
def test_a_drug_leading_its_line_speaks_for_the_line(nlp, text, drugs):
    assert [c.drug for c in claims(nlp, text) if c.kind == "numeric"] == drugs


def test_a_drug_named_mid_line_leads_nothing(nlp):
    text = ("Spironolactone guide\nCompared with isotretinoin: spironolactone is gentler. "
            "Results take about 3 months.")
    assert [c.drug for c in claims(nlp, text) if c.kind == "numeric"] == ["spironolactone"]


@pytest.mark.parametrize("text", [
    "A 60 kg patient on 60 mg of isotretinoin a day reaches about 30 mg/kg each month, so 150 mg/kg takes "
    "about five months.",
    "On isotretinoin, a 50 kg woman taking 50 mg daily gains roughly 7 mg/kg a week; at that rate she "
    "reaches 120 mg/kg after 17 weeks.",
])
def test_a_rate_in_mg_per_kg_is_no_worked_example_result(text):
    from auditor import audit_text

    assert not [f for f in audit_text(text) if f.kind == "arithmetic" and f.verdict == "discrepant"]


@pytest.mark.parametrize("text", [
    "On isotretinoin, a 50 kg woman taking 50 mg daily gains roughly 7 mg/kg a week.",
    "At 20 mg of isotretinoin a day, an 80 kg man adds only about 1.75 mg/kg every week.",
])
def test_mg_per_kg_a_week_is_no_daily_dose(nlp, text):
    assert not [c for c in claims(nlp, text) if c.quantity and c.quantity.unit == "mg/kg/day"]


# -- "on completion of the course" is after it: a window, never the course's length -----------------

@pytest.mark.parametrize("text", [
    "Women need reliable contraception throughout isotretinoin treatment and for one month on completion "
    "of treatment.",
    "On isotretinoin, use contraception for a month before, throughout, and for a month upon completion of "
    "the course.",
])
def test_on_completion_of_the_course_is_a_window_after_it(nlp, text):
    found = [(c.topic, c.quantity.low) for c in claims(nlp, text) if c.quantity and c.quantity.unit == "day"]
    assert ("pregnancy_window_after", 30.4375) in found and not [t for t, _ in found if t == "course_length"]


@pytest.mark.parametrize(("text", "share"), [
    ("On isotretinoin, triglycerides were raised in 30% of patients and cholesterol in 12%.", "30%"),
    ("On isotretinoin, triglycerides rose in 20% of patients and cholesterol levels in 10%.", "20%"),
])
def test_another_blood_measure_right_before_a_share_is_what_it_counts(nlp, text, share):
    assert [c.quantity.text for c in claims(nlp, text) if c.topic == "triglycerides_rise"] == [share]


@pytest.mark.parametrize("text", [
    "Most patients on isotretinoin are much improved once their course is complete (that is, after "
    "5 or 6 months).",
    "Most isotretinoin patients report their skin much improved by the time the course has ended (about 20 weeks).",
])
def test_improvement_when_the_course_is_over_gives_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Accutane is a capsule you take for about five months.",
    "Isotretinoin is a tablet you take for 16 to 20 weeks, once or twice a day.",
    "Most people on isotretinoin are treated for 4 to 6 months.",
    "With isotretinoin you will be treated for around 20 weeks.",
])
def test_a_medicine_you_take_or_are_treated_for_a_time_names_the_course(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- a time that modifies its noun is beside it, whatever name stands between ------------------------

@pytest.mark.parametrize("text", [
    "One 4-6 month isotretinoin course gives most people lasting improvement.",
    "A five-month Accutane course gives lasting improvement for most.",
    "A 16-20 week Roaccutane course brings lasting improvement for most.",
])
def test_a_time_modifying_a_drugs_course_is_the_course_length(nlp, text):
    assert topics(nlp, text) == ["course_length"]


# -- a wait to hear from the clinic, and improvement over a stretch, are no time to improvement -------

@pytest.mark.parametrize("text", [
    "On isotretinoin, if nobody reviews your labs that day, you will be contacted within 2 days about the results.",
    "Your doctor will review your isotretinoin labs and you will hear back in 3 days with results.",
    "Once your bloodwork is in, you'll be notified within 2 days of your isotretinoin results.",
    "On isotretinoin, skin improves over the course of 20 weeks.",
    "Acne improves in the course of 5 months on Accutane.",
])
def test_no_time_to_improvement_in_admin_waits_or_stretches(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


# -- "once you've finished" ends a rule at the course's end; "keep ... once you stop" carries it on --

@pytest.mark.parametrize(("text", "topic"), [
    ("You can start waxing again once you've finished your isotretinoin course.", "cosmetic_procedures_after"),
    ("Blood donation is fine once you have stopped isotretinoin.", "blood_donation_after"),
])
def test_a_rule_ending_once_youve_finished_is_a_window_of_zero(nlp, text, topic):
    [window] = [c for c in claims(nlp, text) if c.topic == topic]
    assert window.quantity.low == 0


@pytest.mark.parametrize("text", [
    "Keep using contraception once you stop isotretinoin.",
    "Keep avoiding waxing even once you have finished isotretinoin.",
    "Continue to use two forms of contraception once you finish isotretinoin.",
])
def test_a_rule_kept_on_past_the_course_is_no_window_of_zero(nlp, text):
    assert not [c for c in claims(nlp, text) if c.quantity is not None and c.quantity.unit == "day"]


def test_a_rule_continued_until_the_course_ends_is_a_window_of_zero(nlp):
    text = "On isotretinoin, keep using contraception and continue until you finish the last capsule."
    [window] = [c for c in claims(nlp, text) if c.topic == "pregnancy_window_after"]
    assert window.quantity.low == 0


# -- a clinician's "my patients", food's vitamin A, "lock you out", "until you've finished" -------------

@pytest.mark.parametrize("text", [
    "Only 5% of my patients on isotretinoin need a second course, says Dr Lee.",
    "In our practice, about 40% of our patients on isotretinoin relapse within a year.",
    "About 30% of my patients relapse after isotretinoin.",
])
def test_a_clinicians_patients_are_no_anecdote(nlp, text):
    assert [c.context for c in claims(nlp, text) if c.quantity and c.quantity.unit == "%"] == ["asserted"]


@pytest.mark.parametrize("text", [
    "Meals containing vitamin A are fine while you take isotretinoin.",
    "Foods rich in vitamin A, like carrots, are fine to eat on isotretinoin.",
])
def test_vitamin_a_in_food_is_no_supplement(nlp, text):
    assert "vitamin_a_supplements" not in topics(nlp, text)


def test_vitamin_a_in_a_multivitamin_is_a_supplement(nlp):
    assert "vitamin_a_supplements" in topics(nlp, "A multivitamin containing vitamin A is fine with isotretinoin.")


@pytest.mark.parametrize("text", [
    "Skip the 7-day pickup on isotretinoin and the programme locks you out for 19 days.",
    "Miss the isotretinoin pickup and the system will lock you out for nineteen days.",
])
def test_locks_you_out_names_the_lockout(nlp, text):
    assert "pregnancy_test_lockout" in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "You cannot give blood until you've finished your isotretinoin course.",
    "Skip waxing on isotretinoin until you've completed the course, then book in.",
])
def test_until_youve_finished_is_a_window_of_zero(nlp, text):
    assert [c.quantity.low for c in claims(nlp, text) if c.topic.endswith("_after")] == [0]


@pytest.mark.parametrize("text", [
    "Sixty percent of isotretinoin patients were still clear at ten years, a strong result for one course.",
    "In the isotretinoin trial, 85% of patients on a single course were clear at 20 weeks.",
    "After one isotretinoin course, 61% of patients remained clear at ten years.",
])
def test_a_time_point_at_n_weeks_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a comparison's "topical retinoids" are no isotretinoin; another rule's object is no rule's drug ---

@pytest.mark.parametrize("text", [
    "Isotretinoin and other options\n\nFirst improvement, Topical retinoids: 10 to 12 weeks\n\n"
    "First improvement, Isotretinoin: 1-2 months",
    "Isotretinoin guide\n\nTopical retinoids usually take 8 to 12 weeks to show improvement.",
])
def test_topical_retinoids_claims_are_not_isotretinoins(nlp, text):
    drugs = [c.drug for c in claims(nlp, text) if c.topic == "time_to_improvement"]
    assert drugs[0] == "topical retinoids"


@pytest.mark.parametrize("text", [
    "Isotretinoin leaflet\n\n- Do not take vitamin A supplements or tetracycline antibiotics such as doxycycline.",
    "Accutane tips\n\nAvoid minocycline and vitamin A supplements while on it.",
])
def test_another_rules_object_is_not_the_drug_of_a_rule(nlp, text):
    assert {c.drug for c in claims(nlp, text) if c.kind == "safety"} == {"isotretinoin"}


@pytest.mark.parametrize("text", [
    "Around 70% of spironolactone users who stay on the tablets for a year reach clearance.",
    "Around 75% of isotretinoin patients who stay on the full dose reach clearance.",
])
def test_staying_on_a_drug_is_not_staying_clear(nlp, text):
    assert "clearance_rate" in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin\n\nYou must use two forms of contraception, and minocycline must never be taken with it.",
    "Accutane basics\n\nTwo negative pregnancy tests are needed first, and doxycycline should not be combined with it.",
])
def test_a_rules_object_in_a_later_clause_is_not_the_numbers_drug(nlp, text):
    assert {c.drug for c in claims(nlp, text) if c.kind == "numeric"} == {"isotretinoin"}


# -- another condition named anywhere in the sentence keeps acne's facts from its figures -------------

@pytest.mark.parametrize("text", [
    "In rosacea, low-dose isotretinoin cleared 97% of patients.",
    "For rosacea, isotretinoin is given at 0.1 mg/kg a day.",
    "In hidradenitis suppurativa, isotretinoin helped only 20% of patients.",
    "For hidradenitis, isotretinoin courses often run 6 months.",
    "For folliculitis decalvans, isotretinoin doses of 0.1 to 0.5 mg/kg/day were tried for 3 months.",
    "In seborrhoeic dermatitis, low-dose isotretinoin (10 mg a day) cleared 80% of patients.",
])
def test_another_conditions_figure_is_not_acnes(nlp, text):
    assert not [c for c in claims(nlp, text) if c.kind == "numeric"]


@pytest.mark.parametrize(("text", "topic"), [
    ("On isotretinoin, skin can get worse in the first 3-5 weeks, then it starts to clear.", "initial_flare"),
    ("With isotretinoin, occasionally acne flares in the first 2-3 weeks.", "initial_flare"),
    ("Expect to be on isotretinoin for about 5 months.", "course_length"),
    ("Most people are on Accutane for 16 to 20 weeks.", "course_length"),
])
def test_flares_in_the_first_weeks_and_being_on_a_drug_for_a_time(nlp, text, topic):
    assert topics(nlp, text) == [topic]


# -- "within" as a number's own qualifier, open-ended example times, recovery shares, time in the body --

@pytest.mark.parametrize("text", [
    "Stop your acne creams within 1 month of starting isotretinoin treatment.",
    "With isotretinoin, clinics ask you to stop other acne creams within 2 weeks of the first treatment dose.",
])
def test_within_a_time_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "A 70 kg patient takes 35 mg of isotretinoin a day and should continue for at least 6 months to reach an "
    "adequate cumulative dose of 120 to 150 mg/kg.",
    "Low-dose isotretinoin\nStart at about 20 mg/day for a 60 kg patient.\nStay on it no less than 6 months "
    "to build up enough cumulative exposure.\nSevere acne usually aims at 120–150 mg/kg.",
    "Isotretinoin at a low dose\nA 75 kg man might take 30 mg/day.\nKeep going for at least 7 months to reach a "
    "sensible cumulative total.\nThe classic target is 120 to 150 mg/kg.",
])
def test_an_open_ended_time_makes_no_worked_example(nlp, text):
    assert not [c for c in claims(nlp, text) if c.kind == "arithmetic"]


@pytest.mark.parametrize("text", [
    "Of patients with high liver enzymes, 90% returned to normal after stopping isotretinoin, as did 75% of "
    "those with raised lipids.",
    "On isotretinoin, triglycerides rose in a quarter of patients; after the course they came back to normal "
    "in 70% of those with raised levels.",
    "On isotretinoin, triglycerides went up in 25% of patients, and they settled in 60% of those with raised "
    "readings.",
    "Liver tests returned to normal in 95% of patients after isotretinoin.",
])
def test_a_share_that_recovered_is_no_rise_or_relapse(nlp, text):
    shares = [(c.topic, c.quantity.text) for c in claims(nlp, text) if c.quantity and c.quantity.unit == "%"]
    assert shares in ([], [("triglycerides_rise", "a quarter")], [("triglycerides_rise", "25%")])


@pytest.mark.parametrize("text", [
    "Isotretinoin stays in your body for about a week so women must avoid pregnancy during treatment.",
    "Isotretinoin stays in the body for roughly 2 weeks so you must avoid pregnancy for a while.",
])
def test_how_long_a_drug_stays_in_the_body_is_no_window_or_course(nlp, text):
    assert not [c for c in claims(nlp, text) if c.quantity and c.quantity.unit == "day"]


@pytest.mark.parametrize("text", [
    "Accutane myths\nMyth #2: Accutane works within days.\nFact - It can permanently shrink the oil glands.",
    "Isotretinoin myths\nMyth 4: Isotretinoin is only for teens.\nFact – It kills acne bacteria directly.",
])
def test_a_fact_line_after_a_dash_ends_the_myths_scope(nlp, text):
    assert [c.context for c in claims(nlp, text) if c.kind == "safety"] == ["asserted"]


@pytest.mark.parametrize("text", [
    "Check lipids more often during a prolonged isotretinoin course (over 9 months).",
    "Some patients on isotretinoin need an extended course (9-12 months) if they relapse.",
])
def test_a_course_named_longer_than_usual_gives_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin and blood donation\nYou cannot give blood while taking isotretinoin.\nOther deferrals:\n"
    "- At least 3 days after:\n- a filling",
    "Accutane and donating blood\nDonors on Accutane must wait.\nAt least 7 days after:\n- a tooth extraction",
])
def test_an_after_ending_in_a_colon_names_the_events_listed_under_it(nlp, text):
    assert not [c for c in claims(nlp, text) if c.topic.endswith("_after")]


@pytest.mark.parametrize("text", [
    "Do not throw away the previous eight weeks of isotretinoin treatment.",
    "The progress of the previous 10 weeks on isotretinoin is kept if you pause the course.",
])
def test_the_previous_weeks_are_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a weak alias across a contrast ties no number ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Accutane treatment starts at a low dose, but the rash settles within 3 weeks.",
    "Roaccutane treatment begins slowly, but the dryness eases within 4 weeks.",
])
def test_treatment_across_a_contrast_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin treatment is tough, and every week can feel like a year.",
    "During a course of Accutane each day seemed like a month.",
])
def test_a_time_that_only_feels_like_one_is_no_amount(nlp, text):
    assert topics(nlp, text) == []


def test_a_time_after_feels_like_words_is_still_read_elsewhere(nlp):
    text = "The Accutane course lasts 5 months, though it feels like a year."
    assert [c.quantity.text for c in claims(nlp, text) if c.topic == "course_length"] == ["5 months"]


@pytest.mark.parametrize("text", [
    "After stopping the medication, isotretinoin users see improvements for about 18 months.",
    "Once you finish Accutane the skin keeps improving for 2 months.",
])
def test_how_long_improvement_goes_on_is_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_how_soon_skin_improves_is_still_read_beside_how_long_it_goes_on(nlp):
    text = ("Accutane usually takes 2 months to improve the skin, and skin continues to improve for 8 weeks "
            "after stopping.")
    assert [c.quantity.text for c in claims(nlp, text) if c.topic == "time_to_improvement"] == ["2 months"]


@pytest.mark.parametrize("text", [
    "Partial or complete clearance was reported for 97% of isotretinoin users.",
    "Isotretinoin gives partial clearance in 80% of patients.",
    "On Roaccutane, acne partially cleared in 70% of users.",
])
def test_partial_clearing_is_no_clearance_rate(nlp, text):
    assert "clearance_rate" not in topics(nlp, text)


def test_complete_clearing_is_still_a_clearance_rate(nlp):
    assert topics(nlp, "Accutane clears acne in 85% of patients.") == ["clearance_rate"]


@pytest.mark.parametrize("text", [
    "The Roaccutane trial consisted of 36 weeks of treatment and a year of follow-up.",
    "The isotretinoin study lasted 36 weeks of treatment in total.",
])
def test_how_long_a_study_lasted_is_the_studys_design(nlp, text):
    assert [c.context for c in claims(nlp, text) if c.topic == "course_length"] == ["study"]


def _contraception_verdicts(nlp, text):
    return [(f.verdict, f.severity) for f in findings(nlp, text) if f.topic == "contraception_forms"]


@pytest.mark.parametrize("text", [
    "Isotretinoin patients need just one form of contraception.",
    "With Roaccutane, one method of birth control is enough.",
])
def test_one_method_not_said_to_be_highly_effective_is_a_minor_understatement(nlp, text):
    assert _contraception_verdicts(nlp, text) == [("discrepant", "minor")]


@pytest.mark.parametrize("text", [
    "UK rules ask isotretinoin patients for one highly effective method of contraception, such as an implant.",
    "Women taking Accutane need two forms of birth control.",
])
def test_one_highly_effective_method_or_two_forms_agree(nlp, text):
    assert _contraception_verdicts(nlp, text) == [("consistent", "")]


@pytest.mark.parametrize(("text", "topic", "rule"), [
    ("Forgot an isotretinoin capsule? Just resume tomorrow\u2014don't double up.", "missed_dose",
     "double up"),
    ("Forgot your isotretinoin yesterday? Carry on as normal today\u2014don't double up.", "missed_dose", "double up"),
    ("Roaccutane and tetracycline antibiotics\u2014don't take them together.", "tetracycline_combination",
     "tetracycline antibiotics"),
    ("Vitamin A pills and isotretinoin\u2014don't combine them.", "vitamin_a_supplements", "Vitamin A"),
])
def test_a_contraction_glued_to_a_dash_still_forbids(nlp, text, topic, rule):
    assert [(f.verdict, f.claim_text) for f in findings(nlp, text) if f.topic == topic] == [("consistent", rule)]


@pytest.mark.parametrize("text", [
    "If the pills don't improve your skin after 16 weeks, isotretinoin is the usual next step.",
    "When antibiotics fail to improve acne after 3 months, doctors turn to isotretinoin.",
    "If acne does not improve after 12 weeks of treatment, Accutane may be offered.",
    "If there's no improvement after 10 weeks of Accutane, the dose may be raised.",
    "If there hasn't been any improvement after 3 months of isotretinoin, your dermatologist will review the dose.",
    "Tell your doctor if you see no improvements after 4 months on Accutane.",
    "See a doctor if your skin is not improving after 3 months on isotretinoin.",
    "If spots aren't improving after 10 weeks of Accutane, ask about the dose.",
])
def test_improvement_not_come_by_a_time_is_a_review_point(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Throw away the pills left over 2 weeks after your last isotretinoin dose.",
    "Pharmacies take back the pills for 4 weeks after you stop isotretinoin.",
])
def test_the_pills_are_tablets_not_the_contraceptive_pill(nlp, text):
    assert not windows(nlp, text)


def test_the_pill_is_still_the_contraceptive(nlp):
    text = "Isotretinoin users on the pill keep using it for one month after the last dose."
    assert windows(nlp, text) == ["pregnancy_window_after"]


@pytest.mark.parametrize("text", [
    "On spironolactone, the first sign of improvement is less oil. This upward dose step generally comes after four "
    "to six weeks.",
    "Spironolactone improves acne slowly. This second review generally comes after eight weeks.",
])
def test_this_with_a_noun_of_its_own_does_not_point_back(nlp, text):
    assert topics(nlp, text) == []


@pytest.mark.parametrize(("text", "topic"), [
    ("Spironolactone improves acne slowly. This usually takes eight weeks.", "time_to_improvement"),
    ("Isotretinoin can cause a flare at first. This settles after 8 weeks.", "initial_flare"),
    ("Women on isotretinoin use two forms of contraception. This requirement lasts one month after the last dose.",
     "pregnancy_window_after"),
])
def test_this_alone_or_with_a_word_for_what_was_described_points_back(nlp, text, topic):
    assert topic in topics(nlp, text)


def test_how_long_until_any_improvement_is_still_a_time_to_improvement(nlp):
    assert topics(nlp, "With Roaccutane it can take two months to see any improvement.") == ["time_to_improvement"]


@pytest.mark.parametrize("text", [
    "Your next visit is booked in 4 weeks to begin isotretinoin treatment.",
    "We see you again in 4 weeks to start Accutane treatment.",
])
def test_a_time_before_treatment_begins_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin may make acne worse at first, while its full benefit can take up to 5 months.",
    "Breakouts may flare in the first days on Roaccutane; the full benefit shows after about 16 weeks.",
])
def test_the_time_to_full_benefit_is_no_flare(nlp, text):
    assert "initial_flare" not in topics(nlp, text)


@pytest.mark.parametrize(("text", "context"), [
    ("Acne came back in 12 patients (9 percent) during follow-up after isotretinoin.", "study"),
    ("Relapse happened in 40 Accutane patients (38 percent) during the follow-up.", "study"),
    ("I just completed a 12-week course of Roaccutane.", "anecdotal"),
    ("I've just completed a 10-week course of Accutane.", "anecdotal"),
])
def test_results_over_a_follow_up_and_a_course_just_completed_are_not_advice(nlp, text, context):
    assert [c.context for c in claims(nlp, text)] == [context]


@pytest.mark.parametrize("text", [
    "Many forums claim Accutane is an antibiotic. It isn't; it works on oil glands.",
    "A friend said you can double up after a missed isotretinoin dose. You can't.",
    "People say isotretinoin kills bacteria. It doesn't.",
])
def test_a_short_denial_after_a_claim_refutes_it(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["refuted"]


@pytest.mark.parametrize(("text", "window"), [
    ("Contraception is needed with isotretinoin. Stick with it through treatment and for 10 days after your last "
     "capsule.", "10 days"),
    ("Use contraception with isotretinoin. Keep using it throughout the course and for 2 weeks after the last dose.",
     "2 weeks"),
])
def test_the_course_as_a_time_frame_leaves_a_window_its_earlier_subject(nlp, text, window):
    assert [c.quantity.text for c in claims(nlp, text) if c.topic == "pregnancy_window_after"] == [window]


@pytest.mark.parametrize("text", [
    "Giving blood on isotretinoin? Not while on it, and not for four weeks after stopping.",
    "Waxing after Accutane? Not until 6 months after stopping.",
])
def test_a_plain_not_before_a_window_is_its_ban(nlp, text):
    windows_found = [(f.verdict, f.context) for f in findings(nlp, text) if f.topic.endswith("_after")]
    assert windows_found == [("consistent", "asserted")]


@pytest.mark.parametrize("text", [
    "You do not have to avoid pregnancy for 3 years after isotretinoin.",
    "Isotretinoin users don't have to wait 3 years after the last dose before trying for a baby.",
])
def test_not_having_to_wait_rejects_the_wait(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["negated"]


@pytest.mark.parametrize(("text", "topic", "verdict"), [
    ("Isotretinoin users should avoid pills with extra vitamin A. Food sources are fine.", "vitamin_a_supplements",
     "consistent"),
    ("Isotretinoin users must avoid vitamin A. It is fine to take doxycycline with isotretinoin.",
     "tetracycline_combination", "discrepant"),
])
def test_a_capital_letter_with_a_full_stop_ends_its_sentence(nlp, text, topic, verdict):
    assert [f.verdict for f in findings(nlp, text) if f.topic == topic] == [verdict]


@pytest.mark.parametrize("text", [
    "The 2026 update will remove the 19-day lockout for Accutane patients.",
    "Changes include removing the 19-day waiting period for isotretinoin users.",
])
def test_a_rule_being_removed_is_not_stated_as_current(nlp, text):
    assert [(f.verdict, f.context) for f in findings(nlp, text)] == [("consistent", "negated")]


@pytest.mark.parametrize("text", [
    "In your case, Accutane was a 10-week course.",
    "In your case you completed 28 days of Roaccutane treatment.",
    "You mentioned that your isotretinoin course lasted 9 weeks.",
])
def test_a_reply_retelling_the_readers_own_case_is_an_anecdote(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["anecdotal"]


@pytest.mark.parametrize(("text", "topic", "context"), [
    ("Isotretinoin users can stop their birth\ncontrol 2 weeks after the last dose.", "pregnancy_window_after",
     "asserted"),
    ("People say isotretinoin kills bacteria. It\ndoesn't.", "antibacterial_action", "refuted"),
])
def test_phrases_read_across_a_hard_wrap(nlp, text, topic, context):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [(topic, context)]


def test_a_line_break_between_lines_of_their_own_is_no_wrap_to_read_across(nlp):
    # a line ending in a heading's word and a line opening with a capital do not run on
    wrapped = nlp("Use birth\ncontrol with isotretinoin.")
    lines = nlp("Use birth\nControl your dose with isotretinoin.")
    assert [s.text for s in wrapped.spans["topics"]] == ["birth\ncontrol"]
    assert "birth\nControl" not in [s.text for s in lines.spans["topics"]]


@pytest.mark.parametrize("text", [
    "A recent study found isotretinoin courses of 40 weeks work best.",
    "One Korean study showed relapse in 5% of patients after isotretinoin.",
])
def test_a_study_named_with_a_word_between_is_still_a_study_cited(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["attributed"]


@pytest.mark.parametrize("text", [
    "The full effect of isotretinoin needs 7 months of treatment.",
    "The maximum effect of Accutane takes 8 months of treatment.",
    "Spironolactone. Full benefit: about 4 months of treatment.",
    "Spironolactone. Maximum benefit usually needs 4 months of treatment.",
])
def test_the_time_to_full_benefit_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_course_to_get_the_full_benefit_is_still_a_course(nlp):
    text = "Finish the whole five-month isotretinoin course for the best benefit."
    assert topics(nlp, text) == ["course_length"]


@pytest.mark.parametrize("text", [
    "Skin improves in most patients after a course of 16 weeks of isotretinoin.",
    "Oil output drops in most people after a course of 16 weeks of Accutane.",
    "The purge settles for most after a course of 20 weeks of Accutane.",
])
def test_the_time_a_course_is_of_is_the_course(nlp, text):
    assert topics(nlp, text) == ["course_length"]


@pytest.mark.parametrize("text", [
    "New rules remove the waiting period (sometimes called the 19-day lockout) for isotretinoin users.",
    "Regulators are removing the waiting period rule, the so-called 19-day lockout, for Accutane.",
])
def test_a_removed_waiting_period_named_again_a_few_words_on(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["negated"]


@pytest.mark.parametrize("text", [
    "Bloods are drawn at the start of Accutane treatment, and after 2 and 4 months.",
    "Lipids are measured at the start of isotretinoin treatment, then after 2 and 4 months.",
])
def test_a_point_of_the_course_names_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "You take isotretinoin orally for approximately 5-8 months, which is meant to reduce the oil made by your skin.",
    "Accutane is a pill you take daily for about 4-9 months, which cuts the oil your skin makes.",
])
def test_how_long_a_drug_is_taken_is_no_time_to_its_effect(nlp, text):
    assert "sebum_onset" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Roaccutane offers long-term results once at least 16 weeks are done.",
    "Accutane offers long-term improvement after about 20 weeks.",
    "Roaccutane brings long-lasting results after 5 months.",
])
def test_a_lasting_result_is_no_time_to_first_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Accutane lowers sebum. It is usually prescribed for a period of 6 months.",
    "Prescribed for a period of five months, Roaccutane brings a clear improvement for most.",
])
def test_prescribed_for_a_period_of_names_the_course(nlp, text):
    assert topics(nlp, text) == ["course_length"]


def _omissions(nlp, text):
    return sorted(f.topic for f in findings(nlp, text) if f.kind == "omission")


@pytest.mark.parametrize("text", [
    "My Accutane diary, week 3. I started on 40 mg. My lips are dry. I use two forms of birth control like my "
    "derm said. I had my blood test. My skin is purging.",
    "Week 5 on Roaccutane. I finished my second pack. You have to use two forms of contraception on it. My lips "
    "cracked today. I went to see my derm. I feel much better.",
])
def test_a_page_that_mostly_tells_the_writers_story_is_owed_no_statement(nlp, text):
    assert _omissions(nlp, text) == []


def test_an_advice_page_with_one_first_person_line_is_still_owed_them(nlp):
    text = "Isotretinoin patients must use two forms of birth control. I recommend a good lip balm."
    assert _omissions(nlp, text) == ["blood_donation", "pregnancy_window_after"]


@pytest.mark.parametrize("text", [
    "Isotretinoin patients must avoid pregnancy. Check the lipids 5 weeks after the start of therapy.",
    "Women on Accutane use contraception; acne may flare 3 weeks after the beginning of treatment.",
])
def test_a_time_after_the_start_of_the_course_is_no_window_after_it(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize("text", [
    "Accutane users (age range, 16-40 years) were followed after treatment ended.",
    "We studied Roaccutane treatment in women (age range: 18-45 years).",
])
def test_a_cohorts_age_range_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize(("text", "drug"), [
    ("Isotretinoin shrinks oil glands. Antibiotics help acne by killing bacteria on the skin.", "antibiotics"),
    ("Accutane is a retinoid. Tetracyclines clear spots by killing acne bacteria.", "tetracycline"),
])
def test_a_class_opening_the_sentence_is_its_subject(nlp, text, drug):
    assert [(c.topic, c.drug) for c in claims(nlp, text)] == [("antibacterial_action", drug)]


def test_a_quoted_span_across_a_hard_wrap_reads_as_one_line(nlp):
    [claim] = claims(nlp, "Isotretinoin users can stop their birth\ncontrol 2 weeks after the last dose.")
    assert "topic: 'birth control'" in claim.evidence


# -- a lower bound in an "if" clause is a threshold to act on, not how long the thing lasts --

@pytest.mark.parametrize("text", [
    "On isotretinoin, tell your doctor if the initial breakout lasts longer than six weeks.",
    "If the isotretinoin flare persists beyond 8 weeks, call the clinic.",
    "Accutane purging: unless the breakout lasts more than 5 weeks, keep going.",
])
def test_a_lower_bound_in_a_condition_is_a_threshold(nlp, text):
    assert not [f for f in findings(nlp, text) if f.topic == "initial_flare"]


@pytest.mark.parametrize(("text", "qualifier"), [
    ("The isotretinoin flare usually lasts longer than six weeks.", "more_than"),
    ("An isotretinoin purge rarely lasts beyond six weeks.", "more_than"),
    ("Isotretinoin courses shorter than 16 weeks relapse more often.", "less_than"),
])
def test_longer_beyond_and_shorter_than_are_bounds(nlp, text, qualifier):
    assert [c.quantity.qualifier for c in claims(nlp, text)] == [qualifier]


# -- fewer breakouts are an improvement, not the flare --

@pytest.mark.parametrize("text", [
    "With isotretinoin, most people get fewer breakouts within six weeks.",
    "Isotretinoin users see a reduction in breakouts by around 8 weeks.",
    "A clear drop in breakouts on Accutane typically comes after two months.",
])
def test_fewer_breakouts_are_an_improvement(nlp, text):
    assert topics(nlp, text) == ["time_to_improvement"]


# -- what acne treatments in general do is no claim about the page's drug --

@pytest.mark.parametrize("text", [
    "Accutane is the strongest option. Most acne treatments take 6 to 12 weeks to show results.",
    "Isotretinoin needs a specialist. Acne medications usually need 8 to 12 weeks to show results.",
])
def test_acne_treatments_in_general_are_no_drug_of_the_page(nlp, text):
    [claim] = claims(nlp, text)
    assert claim.drug == "acne treatments"
    assert not [f for f in findings(nlp, text) if f.verdict == "discrepant"]


# -- after a sentence about other medicines, a claim naming no drug is not the main drug's --

@pytest.mark.parametrize("text", [
    "Isotretinoin is kept for severe acne, and isotretinoin needs blood tests. Topical retinoids such as"
    " adapalene come first. Expect 10 to 14 weeks to see real improvement.",
    "Accutane is the strongest acne pill, and Accutane needs monthly visits. Benzoyl peroxide gels and"
    " topical retinoids suit milder acne. Most people see clear results after 10 days.",
])
def test_after_other_medicines_the_main_drug_is_no_fallback(nlp, text):
    [claim] = claims(nlp, text)
    assert claim.topic == "time_to_improvement" and claim.drug == ""


# -- a negated bound is the other bound: "not longer than" is at most --

@pytest.mark.parametrize(("text", "qualifier"), [
    ("A minocycline course should not run longer than four months.", "up_to"),
    ("Isotretinoin courses should never be shorter than 16 weeks.", "at_least"),
    ("Accutane treatment should not last less than 4 months.", "at_least"),
])
def test_a_negated_bound_is_the_other_bound(nlp, text, qualifier):
    [claim] = claims(nlp, text)
    assert (claim.quantity.qualifier, claim.context) == (qualifier, "asserted")
    assert "bound: " in claim.evidence


# -- a story told of someone else in the past tense is one case, not advice --

@pytest.mark.parametrize("text", [
    "He had his bloods checked before he was given a 10-week isotretinoin course.",
    "After three years of creams, she decided to take Accutane for 9 months.",
])
def test_a_third_person_story_is_anecdotal(nlp, text):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("course_length", "anecdotal")]


# -- a window carries its subject to a later sentence only where the data says it may --

@pytest.mark.parametrize("text", [
    "Isotretinoin makes waxing risky. I'd say 2 months after your last capsule you can go back to facials.",
    "Avoid waxing on Accutane. You can book facials 3 weeks after you stop.",
    "Isotretinoin rules out chemical peels. Your teeth can be whitened 2 weeks after the last capsule.",
])
def test_a_procedure_window_does_not_carry_to_another_activity(nlp, text):
    assert not windows(nlp, text)


def test_a_pregnancy_window_carries_to_the_next_sentence(nlp):
    text = "Use two forms of contraception on isotretinoin. Keep using them for one month after the last dose."
    assert "pregnancy_window_after" in windows(nlp, text)


# -- clinical shorthand: "w/in" is within, an exacerbation of acne is the flare --

@pytest.mark.parametrize("text", [
    "On isotretinoin, an exacerbation of acne in the first days usually settles w/in 10 days.",
    "Isotretinoin: initial acne exacerbation lasts up to a week.",
])
def test_an_acne_exacerbation_is_the_flare(nlp, text):
    assert topics(nlp, text) == ["initial_flare"]


def test_w_slash_in_is_within(nlp):
    [claim] = claims(nlp, "The isotretinoin flare subsides w/in 7-10 days.")
    assert (claim.quantity.qualifier, claim.quantity.text) == ("within", "w/in 7-10 days")


# -- pulse dosing's repeated stretch, and time spent on other treatments, are not the course --

@pytest.mark.parametrize("text", [
    "Take isotretinoin 0.5 mg/kg/day for 1 week every 4 weeks.",
    "Isotretinoin 20 mg a day for 10 days each month is one low-dose plan.",
])
def test_a_repeated_stretch_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Dermatologists offer isotretinoin after other therapies have been tried for 3 months without improvement.",
    "Isotretinoin is only for acne that failed other treatments for 6 months.",
])
def test_time_on_other_treatments_is_theirs(nlp, text):
    assert not {"course_length", "time_to_improvement"} & set(topics(nlp, text))


@pytest.mark.parametrize("text", [
    "The 2026 change drops the requirement to wait out the 19-day lockout on isotretinoin.",
    "iPLEDGE is removing the requirement that patients sit out a 23-day lockout before isotretinoin.",
    "The rules dropped the requirement for patients who had not collected their isotretinoin in the first"
    " week to wait through a 19-day lockout.",
])
def test_a_requirement_removed_is_no_rule_stated(nlp, text):
    assert not [f for f in findings(nlp, text) if f.verdict == "discrepant"]


# -- a share in brackets after the people it counts belongs to the sentence that goes on --

@pytest.mark.parametrize(("text", "topic"), [
    ("A small share of isotretinoin patients (about 20%) relapse after the course.", "relapse_rate"),
    ("With Accutane, many users (roughly 85%) end the course with clear skin.", "clearance_rate"),
])
def test_a_bracketed_share_of_people_reaches_past_the_bracket(nlp, text, topic):
    assert topics(nlp, text) == [topic]


def test_a_bracketed_share_after_other_words_stays_theirs(nlp):
    text = "Dry lips affected most isotretinoin users, and fewer low-dose patients stopped early (3% versus 9%)."
    assert "dry_lips" not in topics(nlp, text)


# -- a class that only names the field ("in acne treatment") is not the claim's drug --

@pytest.mark.parametrize(("text", "drug"), [
    ("Spironolactone suits hormonal acne. In acne treatment, doses usually start at 50 mg per day.",
     "spironolactone"),
    ("Doxycycline is a tablet. For your acne treatment, a typical dose is 100 mg per day.", "doxycycline"),
])
def test_a_field_named_by_a_class_is_no_drug(nlp, text, drug):
    [claim] = claims(nlp, text)
    assert claim.drug == drug


@pytest.mark.parametrize("text", [
    "In a survey of 200 isotretinoin users, the average course reported was 9 months.",
    "When asked how long their Accutane course lasted, most respondents said 9 months.",
])
def test_what_a_surveys_respondents_answered_is_their_report(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["study"]


@pytest.mark.parametrize("text", [
    "Mark had been taking Accutane for five months when his mood dropped.",
    "Her brother had been on Accutane for a 9-month course.",
])
def test_a_story_in_the_past_perfect_is_anecdotal(nlp, text):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == [("course_length", "anecdotal")]


@pytest.mark.parametrize("text", [
    "In a 2019 study involving 40 patients, isotretinoin at 0.5 mg/kg/day for 9 months cleared most of them.",
    "In the 2018 trial involving 60 adults, Accutane was given as an 8-month course.",
])
def test_a_study_told_by_its_cohort_gives_the_cohorts_figures(nlp, text):
    assert {c.context for c in claims(nlp, text)} == {"study"}


@pytest.mark.parametrize("text", [
    "This case describes a 19-year-old on isotretinoin with a 6-week flare.",
    "A patient on Accutane presented with a flare lasting 7 weeks.",
    "An isotretinoin user presenting with a 6-week flare was given prednisolone.",
])
def test_a_case_reports_patient_is_one_case(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["anecdotal"]


@pytest.mark.parametrize("text", [
    "Pregnancy must be avoided. Usually the drug is undetectable in plasma about a week after the last "
    "capsule, and no longer detectable at all ten days after the final dose.",
    "Women must not get pregnant during treatment. Its half-life is short, so it leaves the body 4 days "
    "after the last dose.",
])
def test_how_soon_the_drug_leaves_the_body_is_no_window(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize("text", [
    "Avoid getting pregnant while on it. The medicine leaves your body roughly five days after you "
    "stop, yet you should hold off for one month after the final dose before you try to conceive.",
    "Hold off for one month after the final capsule, so the medicine is eliminated from the body, before you "
    "try for a baby.",
])
def test_a_window_beside_the_drugs_clearance_is_still_read(nlp, text):
    assert windows(nlp, text) == ["pregnancy_window_after"]


def verdicts(nlp, text):
    return [(f.topic, f.verdict) for f in findings(nlp, text) if f.kind != "omission"]


@pytest.mark.parametrize("text", [
    "Close to 100% of patients improve on isotretinoin.",
    "Isotretinoin: success rate almost 100%.",
])
def test_a_figure_nearly_reached_stands_a_little_under_it(nlp, text):
    assert verdicts(nlp, text) == [("improvement_rate", "consistent")]


@pytest.mark.parametrize(("text", "topic"), [
    ("Almost 100% of Accutane users end their course with clear skin.", "clearance_rate"),
    ("Oil output drops by nearly 100% on isotretinoin.", "sebum_reduction"),
    ("Close to 99% of users improve on isotretinoin.", "improvement_rate"),
])
def test_nearly_all_is_no_lower_than_95(nlp, text, topic):
    assert verdicts(nlp, text) == [(topic, "discrepant")]


@pytest.mark.parametrize("text", [
    "Accutane's success rate is over 95%.",
    "The success rate of isotretinoin is about 94%.",
])
def test_a_success_rate_is_judged_as_the_lenient_measure_improvement(nlp, text):
    assert verdicts(nlp, text) == [("improvement_rate", "consistent")]


@pytest.mark.parametrize("text", [
    "Improvement in acne (follow-up 12-16 weeks) was rated good on isotretinoin.",
    "Isotretinoin: significant improvement (followup 20 weeks) in most patients.",
])
def test_a_studys_follow_up_is_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Until recently, an isotretinoin user too late to collect a prescription waited 19 days to "
    "retest.",
    "Until now, isotretinoin users had 30 days to collect a prescription.",
    "Under the old iPLEDGE rules, a missed isotretinoin pickup meant a 19-day wait before the next pregnancy test.",
])
def test_a_rule_told_as_the_old_one_is_not_stated_as_current(nlp, text):
    # a rule the article calls old is never its error; the 30-day window the table keeps in force
    # comes back `unverified` (a right rule the article rejects), the retired lockout consistent
    [(context, verdict)] = [(f.context, f.verdict) for f in findings(nlp, text) if f.kind != "omission"]
    assert context == "negated" and verdict in ("consistent", "unverified")


@pytest.mark.parametrize("text", [
    "Chemical peels and microdermabrasion\nMost clinics ask for 6 months after the isotretinoin course before "
    "booking either procedure.",
    "Waxing and threading are gentle on normal skin. After isotretinoin, leave 6 months after stopping before "
    "trying these treatments.",
])
def test_treatments_taken_up_together_are_those_named_before(nlp, text):
    assert windows(nlp, text) == ["cosmetic_procedures_after"]


@pytest.mark.parametrize("text", [
    "I began doxycycline in spring, but by 3 months there hadn't been a real improvement.",
    "My sister tried spironolactone, but there had been no improvement after 10 weeks.",
])
def test_a_story_in_the_past_perfect_goes_on_past_a_but(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["anecdotal"]


@pytest.mark.parametrize("text", [
    "His skin got a lot worse at first on Accutane, and only after 6 weeks did the flare settle.",
    "Her acne started flaring in week two of isotretinoin and the flare lasted 5 weeks.",
])
def test_a_third_persons_skin_in_the_past_tense_is_their_story(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["anecdotal"]


@pytest.mark.parametrize("text", [
    "For high blood pressure, spironolactone is usually started at 25 mg a day.",
    "For heart failure, spironolactone doses start at 12.5 mg daily.",
])
def test_a_dose_for_another_condition_is_not_the_acne_dose(nlp, text):
    assert "daily_dose" not in topics(nlp, text)


def test_a_dose_for_acne_beside_another_condition_is_still_acnes(nlp):
    text = "Spironolactone is often started at 25 mg daily for acne or hypertension."
    assert topics(nlp, text) == ["daily_dose"]


@pytest.mark.parametrize("text", [
    "Leave only 4 weeks after your final isotretinoin capsule before starting again.",
    "If acne returns, wait one month after finishing isotretinoin before you start again.",
])
def test_starting_again_after_a_course_is_a_second_course(nlp, text):
    assert verdicts(nlp, text) == [("retreatment_gap", "discrepant")]


@pytest.mark.parametrize("text", [
    "A CO2 laser can be done 2 months after finishing isotretinoin.",
    "Fractional CO2 can be done three months after you stop Accutane.",
])
def test_a_co2_laser_is_ablative_resurfacing(nlp, text):
    assert ("cosmetic_procedures_after", "discrepant") in verdicts(nlp, text)


@pytest.mark.parametrize("text", [
    "In a small trial, 22 out of 23 patients were clear after isotretinoin.",
    "Isotretinoin cleared the skin of 13 out of 14 people who took it.",
])
def test_a_share_counted_out_of_an_unround_number_is_one_cohorts(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["study"]


@pytest.mark.parametrize("text", [
    "Nine out of ten patients on isotretinoin clear after one course.",
    "19 out of 20 isotretinoin users get dry lips.",
])
def test_a_share_out_of_a_round_number_is_a_rate(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["asserted"]


@pytest.mark.parametrize("text", [
    "If it helps, doxycycline may be continued for 12 months or more.",
    "Isotretinoin is continued for 6 weeks in most patients.",
])
def test_a_treatment_continued_for_a_time_is_the_course(nlp, text):
    assert verdicts(nlp, text) == [("course_length", "discrepant")]


@pytest.mark.parametrize("text", [
    "Some sites will post you a six-month supply of Accutane without a prescription.",
    "Some websites ship a three-month supply of isotretinoin with no prescription.",
])
def test_a_supply_had_without_a_prescription_is_no_per_prescription_rule(nlp, text):
    assert "supply_limit" not in topics(nlp, text)


def test_a_shops_own_supply_per_order_is_still_the_rule(nlp):
    text = "Our pharmacy sends a 90-day supply of isotretinoin in a single order."
    assert verdicts(nlp, text) == [("supply_limit", "discrepant")]


@pytest.mark.parametrize(("text", "contexts"), [
    ("Patients treated with 0.2 mg/kg/day of isotretinoin relapsed more often than those on 0.5 mg/kg/day.",
     [("daily_dose", "study"), ("daily_dose", "asserted")]),
    ("After three years, 70% of the patients treated with 0.2 mg/kg/day isotretinoin relapsed.",
     [("relapse_rate", "asserted"), ("daily_dose", "study")]),
])
def test_a_study_arms_dose_is_the_studys_and_its_result_a_claim(nlp, text, contexts):
    assert [(c.topic, c.context) for c in claims(nlp, text)] == contexts


@pytest.mark.parametrize("text", [
    "I weigh 64 kg and took 40 mg daily for 5 months, so I reached my 150 mg/kg total.",
    "For a woman of 70 kg taking 20 mg of isotretinoin a day for three months, should she go on until her "
    "total reaches 120-150 mg/kg?",
])
def test_a_worked_example_told_as_a_story_or_a_question_is_not_checked(nlp, text):
    assert [f.verdict for f in findings(nlp, text) if f.kind == "arithmetic"] == ["unverified"]


@pytest.mark.parametrize("text", [
    "Answer C, stopping isotretinoin just 2 weeks before pregnancy, is not adequate.",
    "After the last isotretinoin capsule, a wait of just one week is not sufficient before trying to conceive.",
])
def test_a_figure_the_sentence_then_judges_too_little_is_refuted(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"] == [
        ("refuted", "consistent")]


def test_a_warning_not_to_use_two_drugs_together_prohibits(nlp):
    text = "The package insert warns not to use isotretinoin together with tetracycline antibiotics."
    assert verdicts(nlp, text) == [("tetracycline_combination", "consistent")]


@pytest.mark.parametrize("text", [
    "Do not get pregnant on isotretinoin. Any effect on fertility is gone 6 months after stopping.",
    "Do not get pregnant on isotretinoin. In men, sperm counts were normal again 3 months after stopping "
    "isotretinoin.",
])
def test_how_long_fertility_takes_to_recover_is_no_pregnancy_window(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize("text", [
    "He was on a double dose of Accutane by month two.",
    "She was put on a double dose of isotretinoin after a month.",
])
def test_being_on_a_double_dose_is_no_missed_dose_rule(nlp, text):
    assert "missed_dose" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Find out which spot creams are OK to apply during pregnancy.",
    "Learn which acne gels are safe during pregnancy.",
])
def test_a_teasers_indirect_question_states_nothing(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["question"]


def test_a_judgement_reaches_only_the_figure_right_before_it(nlp):
    text = ("For acne, start isotretinoin at 0.5 mg/kg/day for the first month, then 1.0 mg/kg/day, targeting a "
            "cumulative dose of 120-150 mg/kg; a fixed 10 mg daily dose is inadequate for most.")
    assert [(c.text, c.context) for c in claims(nlp, text)] == [
        ("0.5 mg/kg/day", "asserted"), ("1.0 mg/kg/day", "asserted"), ("120-150 mg/kg", "asserted"),
        ("10 mg daily", "refuted")]



# -- "afterwards" and "following cessation" place a window after the course --

@pytest.mark.parametrize("text", [
    "Keep using both methods of birth control with isotretinoin for a full month afterwards.",
    "Patients on isotretinoin should not get pregnant during the course or for four weeks afterward, "
    "even if periods are irregular.",
    "Isotretinoin users need birth control for at least four weeks following its cessation.",
    "Women taking Accutane should avoid conceiving for one month following cessation.",
])
def test_a_time_afterwards_or_following_cessation_is_the_window_after(nlp, text):
    assert windows(nlp, text) == ["pregnancy_window_after"]
    assert "pregnancy_window_after" not in {f.topic for f in findings(nlp, text) if f.verdict == "omission"}


def test_a_time_afterwards_of_something_else_is_no_window(nlp):
    text = "Take isotretinoin for 5 months; most people see the last spots fade a few weeks afterwards."
    assert not windows(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin courses for teenagers (ages 13 to 19 years) were reviewed.",
    "Accutane treatment is offered to adults of all ages 18 years and over.",
])
def test_a_time_after_ages_is_an_age(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_course_beside_an_age_keeps_its_length(nlp):
    text = "Isotretinoin is approved for ages 12 years and up; courses last 16 to 20 weeks."
    assert topics(nlp, text) == ["course_length"]


# -- a news report of a rule change or a study is owed no safety statement --

@pytest.mark.parametrize("text", [
    "The FDA announced changes to the iPLEDGE program for isotretinoin on Friday. Patients who can get "
    "pregnant must still use two forms of contraception and take a pregnancy test every month.",
    "Fewer women became pregnant while taking isotretinoin after the programme began, according to a new "
    "analysis of national records. Women on the drug use two forms of contraception and test monthly.",
])
def test_a_news_report_is_owed_no_statement(nlp, text):
    assert _omissions(nlp, text) == []


def test_a_news_headline_in_the_title_makes_a_report(nlp):
    text = "Patients who can get pregnant must still use two forms of contraception and test every month."
    [result] = audit_documents([Document("d", text, "test", title="Regulator issues new isotretinoin rules")], nlp)
    assert not [f for f in result.findings if f.kind == "omission"]


@pytest.mark.parametrize("text", [
    "The FDA approved isotretinoin in 1982. Patients who can get pregnant must use two forms of "
    "contraception and take a pregnancy test every month.",
    "Patients on isotretinoin who can get pregnant must use two forms of contraception and take a pregnancy "
    "test every month. " + "Lips and skin get dry on isotretinoin, so keep a balm and a moisturiser to hand. " * 6
    + "About 85% clear, according to a large study.",
])
def test_an_advice_page_citing_a_regulator_or_a_study_is_still_owed_them(nlp, text):
    assert "blood_donation" in _omissions(nlp, text)


# -- how long a medicine has been in use is no course --

@pytest.mark.parametrize("text", [
    "Isotretinoin has been used safely in acne treatment for over 35 years.",
    "Isotretinoin has been available as an acne treatment for four decades.",
    "Accutane has been on the market as an acne treatment for 40 years.",
])
def test_how_long_a_drug_has_been_in_use_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_course_beside_a_drugs_history_keeps_its_length(nlp):
    text = "Accutane has been on the market for 40 years; courses last 16 to 20 weeks."
    assert [(c.topic, c.text) for c in claims(nlp, text)] == [("course_length", "16 to 20 weeks")]


# -- a dash glued to the second of two ends written with their unit joins a range --

@pytest.mark.parametrize(("text", "low", "high"), [
    ("Isotretinoin courses aim for a total of 100 mg/kg -150 mg/kg per course.", 100, 150),
    ("Isotretinoin is taken at 0.5 mg/kg -1 mg/kg a day.", 0.5, 1),
    ("Sebum fell 80% -90% on isotretinoin.", 80, 90),
])
def test_a_dash_glued_to_the_second_end_of_a_unit_range_joins_it(nlp, text, low, high):
    [claim] = claims(nlp, text)
    assert (claim.quantity.low, claim.quantity.high) == (low, high)


# -- a share written in words counts what its own clause names --

@pytest.mark.parametrize("text", [
    "Although isotretinoin is good at clearing acne, nearly everyone taking it has some side effects.",
    "Isotretinoin improves acne a lot, but almost all patients report at least one side effect.",
])
def test_a_worded_share_is_not_tied_across_a_clause(nlp, text):
    assert not {"clearance_rate", "improvement_rate"} & set(topics(nlp, text))


@pytest.mark.parametrize(("text", "topic"), [
    ("With isotretinoin, nine out of ten patients are clear by the end of the course.", "clearance_rate"),
    ("Dry lips are a side effect of isotretinoin, which almost all patients notice.", "dry_lips"),
    ("A few people on isotretinoin relapse after stopping, roughly one in five.", "relapse_rate"),
])
def test_a_worded_share_in_its_topics_clause_is_still_read(nlp, text, topic):
    assert topics(nlp, text) == [topic]


# -- a patient who "was started on" a drug is a case told as it happened --

@pytest.mark.parametrize(("text", "context"), [
    ("A 24-year-old man was started on isotretinoin at 40 mg a day and developed back pain.", "anecdotal"),
    ("The patients were started on isotretinoin 0.3 mg/kg/day for 6 months.", "study"),
])
def test_a_patient_started_on_a_drug_is_a_case(nlp, text, context):
    assert {c.context for c in claims(nlp, text)} == {context}


def test_people_usually_started_on_a_dose_is_advice(nlp):
    [claim] = claims(nlp, "Most people are started on isotretinoin at 0.5 mg/kg a day.")
    assert claim.context == "asserted"


# -- a prescription "filled for" a time holds that supply; it is no pickup window --

@pytest.mark.parametrize("text", [
    "Every isotretinoin script gets filled for 30 days at most.",
    "An Accutane script is filled for only a month at a time.",
])
def test_a_prescription_filled_for_a_time_is_no_pickup_window(nlp, text):
    assert "pickup_window" not in topics(nlp, text)


def test_a_prescription_filled_within_a_time_is_the_pickup_window(nlp):
    text = "An isotretinoin prescription must be filled within 7 days of the pregnancy test."
    assert topics(nlp, text) == ["pickup_window"]


# -- a dose in mg/kg given every few weeks is neither a daily dose nor a course's total --

@pytest.mark.parametrize("text", [
    "Isotretinoin is an option; infliximab (5 mg/kg q8weeks) is another.",
    "Isotretinoin is an option; infliximab 5 mg/kg every 8 weeks is another.",
    "With isotretinoin, some try 2 mg/kg weekly instead of daily dosing.",
])
def test_a_dose_per_week_or_month_is_no_daily_dose_or_total(nlp, text):
    assert not {"daily_dose", "cumulative_dose"} & set(topics(nlp, text))


# -- the drug a number's noun is "of" is its drug --

@pytest.mark.parametrize(("text", "figure", "drug"), [
    ("Most patients got better on a 16-week course of isotretinoin then a two-month course of acitretin.",
     "two-month", "acitretin"),
    ("After isotretinoin, a 6-month course of spironolactone can keep hormonal acne away.", "6-month",
     "spironolactone"),
])
def test_a_course_of_a_drug_is_that_drugs(nlp, text, figure, drug):
    assert [c.drug for c in claims(nlp, text) if c.text == figure] == [drug]


# -- a first day's loading dose is not the daily dose --

@pytest.mark.parametrize("text", [
    "Doxycycline begins with 100 mg twice a day on the first day, and 100 mg once a day from then on.",
    "Doxycycline for acne: 200 mg a day on day one, then 100 mg a day.",
    "Doxycycline has a loading dose of 200 mg a day before the usual 100 mg a day.",
])
def test_a_first_days_loading_dose_is_not_the_daily_dose(nlp, text):
    assert [(c.topic, c.quantity.low) for c in claims(nlp, text)] == [("daily_dose", 100)]


# -- a label's colon ends a clause but still names the number after it --

@pytest.mark.parametrize("text", [
    "Improvement with isotretinoin (follow-up: 20 weeks) was rated good.",
    "Isotretinoin: time to improvement, follow-up: 16-24 weeks.",
])
def test_a_follow_up_label_before_a_colon_still_names_the_study(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_a_population_label_before_a_colon_leaves_the_dose_after_it(nlp):
    text = "Isotretinoin for teenagers aged 16 or older: 0.5 mg/kg/day to start."
    assert topics(nlp, text) == ["daily_dose"]


# -- a dose the sentence says falls short of any recommended one is refuted --

@pytest.mark.parametrize("text", [
    "A 5 mg daily isotretinoin dose, about 0.07 mg/kg/day, falls well below any recommended regimen.",
    "At 0.1 mg/kg/day the isotretinoin dose falls short of the usual range.",
])
def test_a_dose_that_falls_short_of_any_recommended_is_refuted(nlp, text):
    assert [c.context for c in claims(nlp, text) if c.quantity.unit == "mg/kg/day"] == ["refuted"]


def test_a_level_that_falls_below_another_is_no_judgement(nlp):
    text = "Within 4 weeks of starting isotretinoin, sebum falls below its usual level."
    assert {c.context for c in claims(nlp, text)} <= {"asserted"}


# -- a wait timed from another procedure, or one "prior" to a procedure, is no window after the course --

@pytest.mark.parametrize("text", [
    "After a chemical peel, isotretinoin users should hold off five days before waxing.",
    "Accutane patients who have had microdermabrasion should wait two weeks before waxing.",
    "Following a CO2 laser session, isotretinoin users wait a month before laser hair removal.",
    "Accutane users: no waxing for 7 days prior.",
    "Isotretinoin patients should avoid laser hair removal for 2 weeks prior.",
])
def test_a_wait_from_another_procedure_or_before_one_is_no_window(nlp, text):
    assert not windows(nlp, text)


@pytest.mark.parametrize("text", [
    "After your last isotretinoin capsule, wait six months before waxing.",
    "Isotretinoin: no waxing for 6 months after.",
])
def test_a_wait_from_the_course_is_still_the_window_after(nlp, text):
    assert windows(nlp, text) == ["cosmetic_procedures_after"]


def test_a_time_prior_is_the_window_before(nlp):
    text = "With isotretinoin, contraception is used 4 weeks prior, during and 4 weeks after the course."
    assert windows(nlp, text) == ["pregnancy_window_before", "pregnancy_window_after"]


# -- a first day's loading dose told again as the doses it is split into is no daily dose --

@pytest.mark.parametrize("text", [
    "Doxycycline starts with a loading dose of 200 mg, split into 100 mg twice daily, before 100 mg a day.",
    "Doxycycline: 200 mg on day one (taken as 50 mg every 6 hours), then 100 mg daily.",
])
def test_a_first_days_dose_split_into_doses_is_no_daily_dose(nlp, text):
    assert [(c.topic, c.quantity.low) for c in claims(nlp, text)] == [("daily_dose", 100)]


def test_a_dose_taken_as_a_daily_amount_is_still_one(nlp):
    [claim] = claims(nlp, "Doxycycline is taken as 100 mg twice daily.")
    assert (claim.topic, claim.quantity.low) == ("daily_dose", 200)


# -- a wait with no words counting it from the course, on a page naming its drug only in passing --

# A salon's page goes on about its own services: a page of a hundred words or more that names a
# drug at most twice names it in passing (a two-line note naming it once is about it).
SALON = ("\n\nAbout our studio. Our therapists are fully trained and insured, and every visit starts with a "
         "short consultation about your skin, your goals and any allergies you may have. We use gentle "
         "hot wax for the face and strip wax for larger areas, and we patch test new clients on request. "
         "Please arrive a little early so we can go through the form with you. If you feel unwell, call "
         "us and we will happily move your booking. Gift vouchers are available at the front desk.")


@pytest.mark.parametrize("text", [
    "Waxing preparation. Please tell your therapist if you have taken Accutane. Arrive with clean, dry skin. "
    "Avoid retinoid creams for 5 days before waxing.",
    "Laser hair removal: what to avoid. Do not use self-tan for 2 weeks before laser hair removal. Let us know "
    "about medicines such as isotretinoin.",
])
def test_a_wait_on_a_page_naming_the_drug_in_passing_is_not_judged(nlp, text):
    assert not windows(nlp, text + SALON)


def test_a_wait_on_a_page_about_the_drug_is_still_judged(nlp):
    text = ("Isotretinoin thins the skin. Many isotretinoin users ask about waxing. Our isotretinoin advice: "
            "wait 2 weeks before waxing.")
    assert [f.severity for f in findings(nlp, text) if f.topic == "cosmetic_procedures_after"] == ["critical"]


# -- a price in brackets right after a course or a supply prices a pack on sale --

@pytest.mark.parametrize("text", [
    "Lymecycline 408mg capsules: 3-month course (£34.50) or 6-month course (£62.00).",
    "Isotretinoin 20 mg: a 6-month course [$540] with monthly reviews.",
    "Spironolactone 50 mg tablets, 90-day supply ($24), free delivery.",
    "Doxycycline 100mg: 28-day supply (from £19.99) - order online.",
])
def test_a_price_in_brackets_after_a_course_or_supply_is_a_pack_on_sale(nlp, text):
    assert not {"course_length", "supply_limit"} & set(topics(nlp, text))


@pytest.mark.parametrize("text, topic", [
    ("A typical course of isotretinoin lasts 6 months (sometimes longer).", "course_length"),
    ("Isotretinoin prescriptions cover a 30-day supply (no refills).", "supply_limit"),
])
def test_a_bracket_without_a_price_leaves_the_course_or_supply(nlp, text, topic):
    assert topic in topics(nlp, text)


# -- "after taking it for two months" is a point reached on the drug, not the course's length --

@pytest.mark.parametrize("text", [
    "Hair thinning can appear after taking Accutane for 3 months.",
    "Dental Implants after Taking Isotretinoin for 8 Weeks",
    "Most people see clearer skin after taking isotretinoin for two months.",
])
def test_a_time_after_taking_the_drug_for_it_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_how_long_to_take_the_drug_is_still_the_course(nlp):
    assert topics(nlp, "Patients should take isotretinoin for 2 months.") == ["course_length"]


# -- a wait on both sides of one event is timed around a procedure, not after the course --

@pytest.mark.parametrize("text", [
    "Stop any waxing for 2 weeks before and after your microneedling session if you have taken isotretinoin.",
    "Skip waxing and peels for one month before and after your oxygen facial treatment if you have used Accutane.",
    "Avoid laser resurfacing for two weeks before and after your microdermabrasion treatment if you were on "
    "isotretinoin.",
    "Avoid laser resurfacing for 4 weeks pre and post procedure if you used isotretinoin.",
    "Do not use Accutane or retinol products for 5 days either side of the session.",
])
def test_a_wait_on_both_sides_of_a_procedure_is_no_window_or_course(nlp, text):
    assert not {"course_length", *WINDOWS} & {t.removesuffix("_after") for t in topics(nlp, text)}


def test_a_wait_after_stopping_the_course_is_still_its_window(nlp):
    assert topics(nlp, "Do not wax for at least 6 months after stopping isotretinoin.") == [
        "cosmetic_procedures_after"]


# -- a share followed by another blood measure counts that measure --

@pytest.mark.parametrize("text", [
    "On isotretinoin, triglycerides went up in 25% of patients, while 9% had an increase in cholesterol.",
    "Raised triglycerides were seen in a quarter of patients on isotretinoin and about 7% had higher "
    "cholesterol levels.",
])
def test_a_share_of_another_blood_measure_is_not_the_triglyceride_rate(nlp, text):
    assert [c.quantity.text for c in claims(nlp, text) if c.topic == "triglycerides_rise"] in (
        ["25%"], ["a quarter"])


# -- how long a drug has been in use is its history, not a course --

@pytest.mark.parametrize("text", [
    "After more than 40 years in clinical use, isotretinoin remains the strongest acne treatment.",
    "Isotretinoin has 40 years of clinical use behind it as an acne treatment.",
])
def test_years_in_clinical_use_are_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a share of people who cleared "or" improved counts the weaker outcome --

@pytest.mark.parametrize("text", [
    "On isotretinoin, about 90% of patients were either completely clear or much improved.",
    "Roughly 85% of isotretinoin users saw complete remission or marked improvement.",
    "Around 95% of people on low-dose isotretinoin had complete clearance or significant improvement.",
    "Nearly 90% of isotretinoin patients saw complete clearance of their acne or marked improvement.",
    "About 80% of people on isotretinoin had remission of acne or significant improvement.",
])
def test_a_share_cleared_or_improved_is_an_improvement_rate(nlp, text):
    assert topics(nlp, text) == ["improvement_rate"]


def test_a_share_cleared_is_still_a_clearance_rate(nlp):
    assert topics(nlp, "About 85% of isotretinoin users are clear, and most others improve.") == ["clearance_rate"]


# -- a diuretic's other uses, however the sentence names them, are not acne's --

@pytest.mark.parametrize("text", [
    "Primary aldosteronism: spironolactone 100 to 400 mg daily before surgery.",
    "Spironolactone for ascites due to cirrhosis: 100 mg daily, raised to 400 mg.",
    "Oedema: adults take spironolactone 25–200 mg a day.",
])
def test_a_dose_for_a_diuretics_other_use_is_not_acnes(nlp, text):
    assert "daily_dose" not in topics(nlp, text)


# -- a page that names its drug only in passing is not told what advice about it is missing --

def omitted(nlp, text):
    return sorted(f.topic for f in findings(nlp, text) if f.verdict == "omission")


@pytest.mark.parametrize("text", [
    "Brow lamination: who should wait. Not suitable if you are pregnant or breastfeeding. Clients who "
    "took Accutane during the past 6 months should not book. Avoid vitamin A creams for a week before.",
    "Before your microblading session. Do not book if you are pregnant. Tell us if you take "
    "isotretinoin or any blood thinners. Avoid retinol for 2 weeks and skip waxing the area.",
])
def test_a_page_naming_the_drug_in_passing_owes_no_omission(nlp, text):
    assert omitted(nlp, text + SALON) == []


def test_a_short_note_naming_the_drug_once_still_owes_them(nlp):
    text = "Isotretinoin is harmful to an unborn baby, so women must use two forms of contraception while on it."
    assert omitted(nlp, text) == ["blood_donation", "pregnancy_window_after"]


def test_a_page_that_names_the_drug_then_says_the_drug_still_owes_them(nlp):
    text = ("Clinics were told to update leaflets on isotretinoin. Women taking the drug must use two forms "
            "of contraception and take a monthly pregnancy test, because the drug harms an unborn baby.")
    assert omitted(nlp, text + SALON) == ["blood_donation", "pregnancy_window_after"]


# -- a time that another phase of dosing follows is one phase of the course --

@pytest.mark.parametrize("text", [
    "Spironolactone is given at 100 mg daily for 3 months, followed by a taper to 50 mg.",
    "Take doxycycline 100 mg daily for 5 weeks, then reduced to 50 mg.",
    "Spironolactone is given at 100 mg daily for 3 months followed by a taper to 50 mg.",
])
def test_a_time_another_dosing_phase_follows_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin is taken for 16 to 20 weeks, followed by a pause of two months or more.",
    "Most courses of isotretinoin last 16 weeks, after which the dermatologist reviews the skin.",
])
def test_a_course_another_step_follows_is_still_the_course(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- a first day's dose, however its doses are written, is no daily dose --

@pytest.mark.parametrize("text", [
    "Doxycycline: 200 mg on day one (administered 50 mg every 6 hours), then 100 mg daily.",
    "Doxycycline on the first day: 200 mg (given 100 mg every 12 hours); after that, 100 mg daily.",
])
def test_a_first_days_doses_given_without_as_are_no_daily_dose(nlp, text):
    assert [c.quantity.text for c in claims(nlp, text) if c.topic == "daily_dose"] == ["100 mg daily"]


# -- a news report of a regulator acting, in more of the words news uses, owes no omissions --

@pytest.mark.parametrize("lede", [
    "Health Canada implements new isotretinoin safety steps.",
    "The MHRA agreed to tighten the rules on isotretinoin for under-18s.",
    "An FDA advisory panel backs easing the pregnancy-test rules for isotretinoin.",
])
def test_a_report_of_a_regulator_acting_owes_no_omissions(nlp, lede):
    text = lede + " Patients who can get pregnant must use two forms of contraception and test every month."
    assert _omissions(nlp, text) == []


@pytest.mark.parametrize("lede", [
    "The FDA updates the isotretinoin pickup rules from next month.",
    "Health Canada has updated its isotretinoin pregnancy-prevention steps.",
    "The programme has scrapped the 19-day isotretinoin lockout.",
    "Isotretinoin prescribers relaxed the monthly-visit requirement this spring.",
    "Last spring the FDA launched a registry for all isotretinoin patients.",
    "Health Canada launches a new isotretinoin pregnancy-prevention programme.",
])
def test_a_report_of_rules_updated_eased_or_launched_owes_no_omissions(nlp, lede):
    text = lede + " Patients who can get pregnant must use two forms of contraception and test every month."
    assert _omissions(nlp, text) == []


@pytest.mark.parametrize("lede", [
    "MADRID - Isotretinoin courses can be shorter than thought, Dr. Ana Ruiz said at the European dermatology "
    "congress on Friday.",
    "Low doses of isotretinoin work as well as standard ones, a trial's leader told delegates at the annual meeting "
    "of a dermatology society.",
    "Pregnancies on isotretinoin have fallen, according to a press release from the national health agency.",
    "Isotretinoin's maker said on Friday that pregnancy tests will stay monthly.",
    "Tighter isotretinoin rules are coming, the agency announced yesterday.",
])
def test_a_report_from_a_meeting_or_a_press_release_owes_no_omissions(nlp, lede):
    text = lede + " Patients who can get pregnant must use two forms of contraception and test every month."
    assert _omissions(nlp, text) == []


def test_a_page_that_says_to_attend_a_meeting_is_still_owed_them(nlp):
    text = ("Isotretinoin patients who can get pregnant must use two forms of contraception and test every month, "
            "and you will be asked at the first meeting with your dermatologist to sign a form.")
    assert "blood_donation" in _omissions(nlp, text)


def test_a_page_whose_course_ends_is_still_owed_them(nlp):
    text = ("When your isotretinoin course ends, the rules still matter. Patients who can get pregnant must "
            "use two forms of contraception and test every month.")
    assert "blood_donation" in _omissions(nlp, text)


def test_a_page_saying_what_a_regulator_recommends_is_still_owed_them(nlp):
    text = ("The FDA recommends that patients on isotretinoin who can get pregnant use two forms of "
            "contraception and test every month.")
    assert "blood_donation" in _omissions(nlp, text)


# -- a writer nearly through their own course tells their story --

@pytest.mark.parametrize("text", [
    "I am nearly finished with a five-month course of isotretinoin at 30 mg a day.",
    "I'm almost done with a two-month course of doxycycline.",
    "I am just about through a one-month course of spironolactone.",
])
def test_a_writer_nearly_through_a_course_is_an_anecdote(nlp, text):
    assert {c.context for c in claims(nlp, text)} == {"anecdotal"}


# -- a dose for the urinary tract, however the sentence names it, is not acne's --

@pytest.mark.parametrize("text", [
    "For infections of the urinary tract, doxycycline 100 mg every 12 hours may be used.",
    "Doxycycline for chronic urinary tract infections: 200 mg a day for 10 days.",
])
def test_a_dose_for_the_urinary_tract_is_not_acnes(nlp, text):
    assert not {"daily_dose", "course_length"} & set(topics(nlp, text))


# -- a pregnancy rule that ends with the last capsule gives no window after it --

@pytest.mark.parametrize("text", [
    "Keep both contraceptive methods going until your last capsule of isotretinoin.",
    "Women on isotretinoin should not get pregnant until they have stopped the drug.",
    "Do not try to conceive until you have fully stopped isotretinoin.",
    "Patients on isotretinoin should avoid pregnancy until they have fully stopped the drug.",
    "Birth control is only needed while on isotretinoin.",
])
def test_a_pregnancy_rule_ending_with_the_course_is_a_zero_window(nlp, text):
    [finding] = [f for f in findings(nlp, text) if f.topic == "pregnancy_window_after"]
    assert (finding.verdict, finding.severity, finding.value_high) == ("discrepant", "critical", 0.0)


@pytest.mark.parametrize("text", [
    "Use contraception until you stop isotretinoin, then keep it up for one month after.",
    "Spironolactone works only while you are taking it, so women who can get pregnant need contraception.",
])
def test_a_rule_that_goes_on_after_the_course_is_no_zero_window(nlp, text):
    assert all(f.value_high != 0.0 for f in findings(nlp, text) if f.topic == "pregnancy_window_after")


# -- glands said to shrink for good, however the sentence orders it, is the permanent-shrinkage myth --

@pytest.mark.parametrize("text", [
    "Isotretinoin makes the oil glands shrink permanently.",
    "Its effect on the sebaceous glands is permanent, so acne rarely returns after isotretinoin.",
])
def test_glands_said_to_shrink_for_good_is_the_permanent_shrinkage_claim(nlp, text):
    [finding] = [f for f in findings(nlp, text) if f.topic == "permanent_sebum_shrinkage"]
    assert (finding.verdict, finding.direction) == ("discrepant", "contradicts")


def test_a_lasting_effect_on_acne_is_not_the_permanent_shrinkage_claim(nlp):
    text = "Isotretinoin shrinks the oil glands, but the effect on acne is often permanent."
    assert "permanent_sebum_shrinkage" not in topics(nlp, text)


# -- a course at a low or reduced dose lasts as long as its total dose takes: not the standard course --

@pytest.mark.parametrize("text", [
    "A low-dose course of isotretinoin often runs 6 to 12 months.",
    "On a low dose, isotretinoin treatment can run for a year or longer.",
    "At a lower dose, isotretinoin courses are longer, around 10 months.",
    "Patients kept on reduced-dose isotretinoin may stay on treatment for 9 months.",
    "With isotretinoin microdosing, treatment can go on for 18 months.",
    "Microdosing isotretinoin means a course of 8 to 12 months.",
])
def test_a_course_at_a_low_dose_is_not_the_standard_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_standard_course_is_still_the_course(nlp):
    [finding] = [f for f in findings(nlp, "A course of isotretinoin lasts 10 months.") if f.topic == "course_length"]
    assert finding.verdict == "discrepant"


# -- results that come back are a report returning, not the skin improving --

@pytest.mark.parametrize("text", [
    "Isotretinoin bloods are monthly, and the results normally come back inside 2 days.",
    "Isotretinoin monitoring: expect your results to come back in 3 to 4 days.",
    "I started isotretinoin last month and my results came back after 4 days, all normal.",
])
def test_results_that_come_back_are_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_results_that_show_on_the_skin_are_still_a_time_to_improvement(nlp):
    assert "time_to_improvement" in topics(nlp, "Most people see results from isotretinoin within 2 days.")


# -- a share counts the topic of its own statement, not one a conjunction opens after it --

@pytest.mark.parametrize("text", [
    "Relapse is possible after isotretinoin, but only in about 10% of patients, and a second course can be given.",
    "Relapse does occur after isotretinoin, in roughly 15% of cases, and a second course is then an option.",
])
def test_a_share_counts_its_own_statements_topic(nlp, text):
    assert [t for t in topics(nlp, text) if t.endswith("_rate")] == ["relapse_rate"]


def test_a_share_named_only_after_it_still_counts_that_topic(nlp):
    text = "About 20% of isotretinoin patients, and more on low doses, need a second course."
    assert "second_course_rate" in topics(nlp, text)


# -- a result achieved is the course's outcome, not the time to first improvement --

@pytest.mark.parametrize("text", [
    "Isotretinoin helps most people achieve clear skin in 5 months.",
    "Isotretinoin: the aim is to achieve clearer skin over 5 months.",
])
def test_a_result_achieved_is_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


def test_results_seen_are_still_a_time_to_improvement(nlp):
    assert "time_to_improvement" in topics(nlp, "Most people see clearer skin on isotretinoin within 5 months.")


# -- a rest between courses is no course length --

@pytest.mark.parametrize("text", [
    "After the first isotretinoin course there is a rest period of about 8 weeks.",
    "Isotretinoin courses are separated by a rest period of 3 months, and a second course then starts.",
])
def test_a_rest_period_between_courses_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a sentence that opens with the course's end counts the rule's time from it --

@pytest.mark.parametrize("text", [
    "Once you stop isotretinoin, go on using contraception for a month.",
    "Once you have stopped isotretinoin, keep using contraception for a further 4 weeks.",
    "As soon as your last dose of isotretinoin is taken, carry on with contraception for another 4 weeks.",
])
def test_a_time_after_an_opening_course_end_is_the_window_after(nlp, text):
    found = [f for f in findings(nlp, text) if f.topic.startswith("pregnancy_window")]
    assert [(f.topic, f.verdict) for f in found] == [("pregnancy_window_after", "consistent")]


def test_a_course_end_with_no_time_after_it_is_still_a_zero_window(nlp):
    [finding] = [f for f in findings(nlp, "Once you stop isotretinoin you can get pregnant.")
                 if f.topic == "pregnancy_window_after"]
    assert (finding.verdict, finding.severity, finding.value_high) == ("discrepant", "critical", 0.0)


# -- how long a starting dose is kept is one phase, not the course --

@pytest.mark.parametrize("text", [
    "The usual starting dose of isotretinoin is 0.5 mg/kg taken daily for 4 weeks.",
    "The starting daily dose of isotretinoin is taken for 2 to 4 weeks.",
    "An initial dose of 20 mg of isotretinoin is given daily for the first 3 weeks.",
])
def test_how_long_a_starting_dose_is_kept_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "The starting dose of isotretinoin is 0.5 mg/kg, and the course lasts 16 weeks.",
    "Isotretinoin is usually taken daily for 4 months.",
    "Doxycycline is taken every day for 12 weeks.",
])
def test_a_course_beside_a_starting_dose_or_taken_daily_is_the_course(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- a course worked out from an amount a sentence supposes is that supposition's arithmetic --

@pytest.mark.parametrize("text", [
    "If you take 40 mg of isotretinoin a day, the course lasts about 7 months.",
    "If you use up one box of isotretinoin a month, then your course is 9 months long.",
    "If you take 20 mg of isotretinoin daily, expect to be on it for around 10 months.",
])
def test_a_course_worked_out_from_a_supposed_amount_is_not_judged(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "If acne returns after 6 months, a second isotretinoin course of 16 weeks is given.",
    "If you weigh 60 kg, isotretinoin is taken for 16 to 20 weeks at 30 to 60 mg a day.",
])
def test_a_course_after_a_supposed_time_or_weight_is_still_the_course(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- what a pack or a script covers is a supply, not the course --

@pytest.mark.parametrize("text", [
    "One pack of isotretinoin covers 28 days of treatment.",
    "An isotretinoin script may cover at most 30 days of treatment.",
])
def test_what_a_pack_or_script_covers_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a contraception visit booked ahead is a lead time, not the window before the course --

@pytest.mark.parametrize("text", [
    "Schedule a contraception consultation 3 weeks before your first isotretinoin dose.",
    "Arrange your contraception consultation 10 days before your first isotretinoin capsule.",
    "Get a contraception appointment no later than 2 weeks before your first isotretinoin capsule.",
])
def test_a_contraception_visit_booked_ahead_is_no_window(nlp, text):
    assert not any(t.startswith("pregnancy_window") for t in topics(nlp, text))


def test_contraception_used_ahead_is_still_the_window(nlp):
    text = "Use contraception for 3 weeks before your first isotretinoin dose."
    assert "pregnancy_window_before" in topics(nlp, text)


# -- in one clause, a time after "but" belongs to the words on its own side --

@pytest.mark.parametrize("text", [
    "Skip chemical peels for six months after isotretinoin but lasers can be used at 3 months after the course.",
    "Waxing should wait 6 months after isotretinoin but laser treatment is fine 2 months after stopping.",
])
def test_a_time_after_but_is_about_its_own_sides_words(nlp, text):
    found = findings(nlp, text)
    assert "critical" not in {f.severity for f in found}
    assert [f.topic for f in found if f.topic.startswith("laser")] == ["laser_unspecified_after"]


# -- "once you have taken your last capsule" ends the course like "once you stop" --

@pytest.mark.parametrize("text", [
    "Once you've swallowed your last isotretinoin pill, carry on with both contraceptives for a month.",
    "Once you've taken your last dose of isotretinoin, carry on with contraception for 4 weeks.",
])
def test_a_time_after_the_last_capsule_taken_is_the_window_after(nlp, text):
    assert "pregnancy_window_after" in topics(nlp, text)


def test_the_last_capsule_taken_with_no_time_is_a_zero_window(nlp):
    text = "Once you've taken your last isotretinoin capsule, you can start trying for a baby."
    [finding] = [f for f in findings(nlp, text) if f.topic == "pregnancy_window_after"]
    assert (finding.verdict, finding.severity, finding.value_high) == ("discrepant", "critical", 0.0)


# -- how long a wax or a result lasts is no wait and no time to improve --

@pytest.mark.parametrize("text", [
    "Isotretinoin: a bikini wax lasts 3 to 4 weeks.",
    "After isotretinoin, the results of a leg wax last around 4 weeks.",
    "With isotretinoin, a lip wax usually lasts two to three weeks.",
])
def test_how_long_a_wax_lasts_is_no_window(nlp, text):
    assert not {"cosmetic_procedures_after", "time_to_improvement"} & set(topics(nlp, text))


def test_a_wait_before_waxing_is_still_the_window(nlp):
    assert "cosmetic_procedures_after" in topics(nlp, "Avoid waxing for 6 months after your last dose of isotretinoin.")


# -- "complete resolution" of acne in a share of patients is clear skin at the end of a course --

@pytest.mark.parametrize("text", [
    "Isotretinoin leads to complete resolution of acne in about 85% of patients.",
    "Complete resolution was seen in 70% of isotretinoin users by the end of the course.",
])
def test_complete_resolution_in_a_share_is_a_clearance_rate(nlp, text):
    assert topics(nlp, text) == ["clearance_rate"]


# -- the eyelid's meibomian glands are no skin oil glands --

@pytest.mark.parametrize("text", [
    "In some people isotretinoin will permanently shrink the eyelids' meibomian glands, so dry eyes may last.",
    "Meibomian glands may be permanently reduced in size by isotretinoin, which explains lasting dry eye.",
])
def test_permanently_shrunken_meibomian_glands_are_no_oil_gland_claim(nlp, text):
    assert "permanent_sebum_shrinkage" not in topics(nlp, text)


def test_permanently_shrunken_oil_glands_are_still_the_claim(nlp):
    assert "permanent_sebum_shrinkage" in topics(nlp, "Isotretinoin can permanently shrink your oil glands.")


# -- glands left "permanently smaller" are the permanent-shrinkage claim --

@pytest.mark.parametrize("text", [
    "After a course of isotretinoin the sebaceous glands remain permanently smaller.",
    "Accutane leaves you with permanently smaller oil glands.",
])
def test_permanently_smaller_glands_are_the_permanent_shrinkage_claim(nlp, text):
    [finding] = [f for f in findings(nlp, text) if f.topic == "permanent_sebum_shrinkage"]
    assert finding.verdict == "discrepant"


# -- a negation in an alias's gap denies it: no claim --

@pytest.mark.parametrize("text", [
    "The glands are not permanently reduced by isotretinoin; they regrow.",
    "The oil glands don't stay permanently smaller after Accutane.",
    "Isotretinoin kills no acne bacteria; its effect is on the oil glands.",
])
def test_a_negation_in_an_aliases_gap_is_no_assertion(nlp, text):
    assert "discrepant" not in {f.verdict for f in findings(nlp, text)}


# -- a time spent on a treatment that did not help is a trial period, not a time to improve --

@pytest.mark.parametrize("text", [
    "If you have used the cream for 12 weeks without improvement, isotretinoin might come next.",
    "After 6 months of topical treatment with no improvement, isotretinoin is usually the next step.",
    "If you've used benzoyl peroxide for 10 weeks and haven't seen any improvement, isotretinoin could be discussed.",
])
def test_a_trial_without_improvement_is_no_time_to_improve(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


# -- a dose into a vein is an infection's hospital dose, not an acne tablet's --

@pytest.mark.parametrize("text", [
    "Doxycycline intravenous: 200 mg on the first day, then 100 mg twice a day.",
    "By intravenous infusion, doxycycline is given at 100 mg every 12 hours.",
    "Doxycycline IV: 100 to 200 mg a day in one or two doses.",
])
def test_an_intravenous_dose_is_no_acne_daily_dose(nlp, text):
    assert "daily_dose" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "For grade IV acne, isotretinoin is taken at 0.5 to 1 mg/kg a day.",
    "For acne, doxycycline is taken at 100 mg twice a day.",
])
def test_an_oral_acne_dose_is_still_a_daily_dose(nlp, text):
    assert "daily_dose" in topics(nlp, text)


# -- a total named right before a dose "per day" that only a total reaches is that total --

@pytest.mark.parametrize("text", [
    "Isotretinoin is taken at 0.5 to 1 mg/kg per day until a cumulative dose of 120 to 150 mg/kg per day is reached.",
    "Isotretinoin is given up to a total dose of 120-150 mg/kg/day.",
])
def test_a_total_with_a_stray_per_day_is_the_cumulative_dose(nlp, text):
    found = {f.topic: f for f in findings(nlp, text)}
    assert found["cumulative_dose"].verdict == "consistent"
    assert "discrepant" not in {f.verdict for f in found.values()}


def test_a_daily_dose_no_total_reaches_is_still_a_daily_dose(nlp):
    [finding] = findings(nlp, "Isotretinoin at 150 mg/kg per day is the standard.")
    assert (finding.topic, finding.verdict) == ("daily_dose", "discrepant")


# -- a calculator's estimated course is its arithmetic, not a course length it asserts --

@pytest.mark.parametrize("text", [
    "Isotretinoin calculator. Estimated course length: 10 months (at 20 mg a day).",
    "Isotretinoin dose planner: your estimated treatment time is 40 weeks.",
])
def test_an_estimated_course_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a rate that a conjunction opens after a share, with a share of its own, is not the first's --

@pytest.mark.parametrize("text", [
    "Isotretinoin works in 85% of patients and the relapse rate is just 20%.",
    "Isotretinoin helps 90% of users and the chance of acne returning is about 25%.",
    "The response to isotretinoin is 96% and the relapse rate after one course is 20%.",
])
def test_a_share_does_not_take_the_next_statements_rate(nlp, text):
    found = [f for f in findings(nlp, text) if f.topic == "relapse_rate"]
    assert [f.value_high for f in found] in ([20.0], [25.0])


def test_two_shares_joined_by_and_keep_their_own_rates(nlp):
    text = "About 20% of patients relapse and 23% need a second course of isotretinoin."
    assert topics(nlp, text) == ["relapse_rate", "second_course_rate"]


# -- a wait counted from another event ends that event's words where the next side opens --

@pytest.mark.parametrize("text", [
    "On Roaccutane, wait 3 days after a sunburn before waxing.",
    "On isotretinoin, wait 5 days after a tan before waxing.",
    "Isotretinoin users should wait 2 weeks after sunburn before laser resurfacing.",
])
def test_a_wait_after_another_event_before_a_procedure_is_no_window(nlp, text):
    assert "critical" not in {f.severity for f in findings(nlp, text)}


# -- a list's lead-in ("... if you take:") leaves its drug to the list, not the page's main drug --

@pytest.mark.parametrize("text", [
    "Isotretinoin and blood donation\n\nThere is a seven-day deferral when donating blood if you take:\n"
    "- aspirin\n- piroxicam",
    "Roaccutane guide\n\nYou must wait 3 days before waxing after any of these:\n- a sunburn\n- a chemical peel",
])
def test_a_lists_lead_in_takes_no_drug_from_the_page(nlp, text):
    assert {f.drug for f in findings(nlp, text)} == {""}


def test_a_lead_in_naming_its_drug_keeps_it(nlp):
    text = "Blood donation\n\nIf you took isotretinoin, wait one month before you donate:\n- blood\n- plasma"
    [finding] = findings(nlp, text)
    assert finding.drug == "isotretinoin"


# -- how long a clinic has given a treatment is its experience, not a course --

@pytest.mark.parametrize("text", [
    "We have offered isotretinoin treatment at this clinic for 15 years.",
    "Our clinic has performed isotretinoin treatment for 8 years.",
    "Our team has provided isotretinoin treatment for acne for more than 10 years.",
])
def test_a_clinics_years_of_treatment_are_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a limit on how long one prescription may run is a supply, not a course --

@pytest.mark.parametrize("text", [
    "Isotretinoin is prescribed for 30 days at a time in the US.",
    "By law, isotretinoin may only be prescribed for a month.",
])
def test_a_prescriptions_limit_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


def test_a_course_prescribed_for_months_is_still_a_course(nlp):
    assert "course_length" in topics(nlp, "Isotretinoin is usually prescribed for 4 to 6 months.")


# -- "pick it up" names the pickup window --

@pytest.mark.parametrize("text", [
    "Patients must pick it up inside 7 days of the isotretinoin pregnancy test.",
    "Isotretinoin prescriptions: pick it up within 7 days of your test.",
])
def test_pick_it_up_is_the_pickup_window(nlp, text):
    assert topics(nlp, text) == ["pickup_window"]


# -- what a retired rule "meant" is history, not a rule the page states --

@pytest.mark.parametrize("text", [
    "The old isotretinoin 19-day lockout meant waiting almost three weeks for a new test.",
    "A missed window under the isotretinoin 19-day lockout meant you had to wait for another test.",
])
def test_what_a_retired_lockout_meant_is_history(nlp, text):
    assert "discrepant" not in {f.verdict for f in findings(nlp, text)}


# -- a text cut off right after a window's cue says no window --

@pytest.mark.parametrize("text", [
    "Isotretinoin and pregnancy. Once the last dose is taken, anyone who can get pregnant should still",
    "Isotretinoin and babies. Once you stop isotretinoin, if you want to get pregnant you will need to",
    "Isotretinoin and pregnancy. Once you stop isotretinoin, you can get pregnant, but only after the",
])
def test_a_text_cut_after_a_window_cue_gives_no_zero_window(nlp, text):
    assert "pregnancy_window_after" not in topics(nlp, text)


def test_a_last_line_with_no_full_stop_keeps_its_zero_window(nlp):
    text = "Once you've taken your last isotretinoin capsule, you can start trying for a baby"
    assert "pregnancy_window_after" in topics(nlp, text)


# -- oil coming back after the course is its recovery, not how soon it falls --

@pytest.mark.parametrize("text", [
    "With isotretinoin, sebum output comes back within a year of stopping.",
    "A year after the last isotretinoin capsule, oil levels had returned to about half of normal.",
    "Isotretinoin study: 10 months after the last dose, oiliness had partly come back.",
])
def test_oil_coming_back_is_no_sebum_onset(nlp, text):
    assert "sebum_onset" not in topics(nlp, text)


# -- a share does not take a rate from the other side of a contrast after it --

@pytest.mark.parametrize("text", [
    "Isotretinoin results vary from 60% to 90%, but some patients need a second course.",
    "Isotretinoin figures of about 80% are often quoted, but acne can come back later.",
])
def test_a_share_takes_no_rate_across_a_contrast_after_it(nlp, text):
    assert not [f for f in findings(nlp, text) if f.verdict == "discrepant"]


def test_a_share_after_a_contrast_keeps_the_rate_before_it(nlp):
    assert topics(nlp, "Relapse after isotretinoin happens, but in under 10% of patients.") == ["relapse_rate"]


# -- how long skin takes to look better is no course --

@pytest.mark.parametrize("text", [
    "Spots on isotretinoin often need 10 weeks to look smoother, so keep going with the course.",
    "With isotretinoin it can take 5 months to look spot-free; finish the full course.",
    "Acne on isotretinoin takes about 2 months to get better, so stick with the course.",
])
def test_time_to_look_better_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a sentence whose subject is a cream or a gel is about that product, not the page's tablet --

@pytest.mark.parametrize("text", [
    "Isotretinoin and pregnancy\n\nA few spot creams are fine in pregnancy, though others are not.",
    "Isotretinoin and pregnancy\n\nMost acne gels are safe to use in pregnancy.",
])
def test_a_creams_pregnancy_rule_is_not_the_pages_drugs(nlp, text):
    assert {f.drug for f in findings(nlp, text) if f.topic == "pregnancy_use"} == {""}


def test_a_rule_naming_its_tablet_keeps_it_beside_a_cream(nlp):
    text = "Isotretinoin guide\n\nIt is never safe in pregnancy, and creams will not replace it."
    [finding] = [f for f in findings(nlp, text) if f.topic == "pregnancy_use"]
    assert finding.drug == "isotretinoin"


# -- a shop's pack of a supplement says how long it lasts, not a prescription's supply --

@pytest.mark.parametrize("text", [
    "Isotretinoin alternatives\n\nVitamin blend: 90 softgels (a 3-month supply), $24.",
    "Isotretinoin alternatives\n\nZinc gummies, 120 per pack - a two-month supply.",
    "Isotretinoin alternatives\n\nEach bottle is a 90-day supply of our herbal capsules.",
])
def test_a_supplement_packs_supply_is_no_supply_limit(nlp, text):
    assert "supply_limit" not in topics(nlp, text)


# -- a share right before "clear", after what a skin gets to or is, is how clear it is --

@pytest.mark.parametrize("text", [
    "Most people get to 100% clear on isotretinoin.",
    "With isotretinoin, patients go from 60% clear to 100% clear.",
    "Isotretinoin users want 100% clearance, not partial results.",
])
def test_how_clear_a_skin_gets_is_no_clearance_rate(nlp, text):
    assert "clearance_rate" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin has an 85% clearance rate.",
    "Isotretinoin: 85% clear after one course, according to the leaflet.",
])
def test_a_share_of_people_clear_is_still_a_clearance_rate(nlp, text):
    assert topics(nlp, text) == ["clearance_rate"]


def test_complete_clearance_promised_to_the_reader_is_still_a_rate(nlp):
    assert topics(nlp, "Patients on isotretinoin achieve 100% clearance within months.") == ["clearance_rate"]


# -- "ask which medicines are safe in pregnancy" asks; it takes no stance --

@pytest.mark.parametrize("text", [
    "Isotretinoin. Ask your pharmacist which acne medicines are safe in pregnancy.",
    "Isotretinoin. It's worth knowing what treatments are safe in pregnancy.",
])
def test_asking_which_medicines_are_safe_is_no_permission(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["question"]


def test_a_relative_which_keeps_its_stance(nlp):
    text = "Isotretinoin, which is not safe in pregnancy, needs two forms of contraception."
    assert "pregnancy_use" in topics(nlp, text)


# -- an animal study's dose is no patient's --

@pytest.mark.parametrize("text", [
    "Isotretinoin. In rats, doses of 5 mg/kg a day caused birth defects.",
    "Isotretinoin. Monkeys given 10 mg/kg daily for 3 weeks had malformed young.",
])
def test_an_animal_studys_dose_is_not_judged(nlp, text):
    assert not {"daily_dose", "course_length"} & set(topics(nlp, text))


# -- a case's photograph, or a patient's time off the drug, is one case's story --

@pytest.mark.parametrize("text", [
    "Isotretinoin case. He has been off treatment for 3 months and the improvement is clear.",
    "Isotretinoin case. Off the drug for 6 months now, and the improvement has held.",
    "Isotretinoin case. This photo shows him after 14 weeks of treatment, with clear improvement.",
])
def test_a_cases_photo_or_time_off_the_drug_is_no_time_to_improve(nlp, text):
    assert not {"time_to_improvement", "course_length"} & set(topics(nlp, text))


# -- a programme that "will eliminate" a lockout retires it --

@pytest.mark.parametrize("text", [
    "Isotretinoin news. The change will eliminate one step, the 23 day lock-out period.",
    "Isotretinoin news. iPLEDGE will eliminate part of the program: the 19 day lock-out.",
])
def test_a_lockout_a_programme_will_eliminate_is_no_claim_of_it(nlp, text):
    assert "discrepant" not in {f.verdict for f in findings(nlp, text)}


# -- a stance cue inside a question the sentence asks gives its rule no stance --

@pytest.mark.parametrize("text", [
    "Isotretinoin. In pregnancy, everything you take matters, so know what medicines are safe to use.",
    "Isotretinoin. During pregnancy it helps to know which acne treatments are safe.",
])
def test_a_cue_inside_a_question_permits_nothing(nlp, text):
    assert "discrepant" not in {f.verdict for f in findings(nlp, text)}


# -- a total of another number in the clause leaves a small dose in mg/kg daily --

@pytest.mark.parametrize("text", [
    "Isotretinoin capsules are taken for a total of 20 weeks at 0.5 mg/kg.",
    "Overall, isotretinoin treatment runs 16 weeks, at a dose of 1 mg/kg body weight.",
])
def test_a_small_dose_beside_another_numbers_total_is_daily(nlp, text):
    assert "cumulative_dose" not in topics(nlp, text)
    assert "daily_dose" in topics(nlp, text)


def test_a_total_named_right_before_a_dose_keeps_it_cumulative(nlp):
    assert "cumulative_dose" in topics(nlp, "Isotretinoin is stopped at a cumulative 120 mg/kg.")


# -- years a drug has been in (clinical) use are its history, not a course --

@pytest.mark.parametrize("text", [
    "Isotretinoin has been in use for over 30 years as an acne treatment.",
    "Accutane has been in use for 40 years as a treatment for acne.",
    "Isotretinoin has been in clinical use for 35 years and is the strongest treatment.",
])
def test_years_a_drug_has_been_in_use_are_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a time an aside says a course spans is no time to improve --

@pytest.mark.parametrize("text", [
    "A single course of isotretinoin - typically spanning 8 months - gives results that last.",
    "A course of isotretinoin, spanning 9 months, usually brings results.",
    "Isotretinoin treatment—often spanning 10 months—gives results.",
])
def test_a_span_of_a_course_is_no_time_to_improve(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


# -- a supply a seller offers or a buyer can get is no prescription's supply --

@pytest.mark.parametrize("text", [
    "With isotretinoin you can buy a 6-month supply online.",
    "Online shops offer a 6-month supply of isotretinoin to anyone.",
    "These sites sell isotretinoin in a 3-month supply.",
])
def test_a_supply_a_shop_sells_is_no_supply_limit(nlp, text):
    assert "supply_limit" not in topics(nlp, text)


def test_a_prescriptions_supply_is_still_a_supply_limit(nlp):
    assert topics(nlp, "Each isotretinoin prescription is limited to a 30-day supply.") == ["supply_limit"]


# -- "patients take for" a time is the course --

@pytest.mark.parametrize("text", [
    "Isotretinoin is a pill that patients take for five to six months.",
    "Isotretinoin is a capsule people take for about 20 weeks.",
])
def test_what_patients_take_for_a_time_is_the_course(nlp, text):
    assert topics(nlp, text) == ["course_length"]


@pytest.mark.parametrize("text", [
    "Isotretinoin guide\n\nSerum cholesterol and triglycerides go up in about 25% of patients.",
    "Isotretinoin guide\n\nSerum triglycerides rise in about 25% of patients.",
])
def test_serum_in_a_blood_test_is_no_skincare_product(nlp, text):
    assert {f.drug for f in findings(nlp, text) if f.topic == "triglycerides_rise"} == {"isotretinoin"}


# -- "No." or "Nope." right after a claim rejects it --

@pytest.mark.parametrize("text", [
    '**2. "Isotretinoin permanently shrinks your oil glands."**\n\nAlso no. The glands shrink during treatment '
    'but partly recover afterwards.',
    "People say isotretinoin kills acne bacteria.\n\nNope. It starves them of oil.",
])
def test_no_right_after_a_claim_rejects_it(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["refuted"]


def test_a_no_that_opens_a_phrase_rejects_nothing(nlp):
    text = "Isotretinoin permanently shrinks your oil glands.\n\nNo wonder people love it."
    assert [c.context for c in claims(nlp, text)] == ["asserted"]


# -- a run of label lines ("- Dose: ...", "- Course: ...") speaks for the drug its list item names --

@pytest.mark.parametrize(("text", "drug", "topic"), [
    ("Spironolactone for adult acne\n\nSpironolactone suits many women with hormonal acne.\n\n"
     "Other options:\n- Isotretinoin, for scarring acne\n- Dose: 0.5 mg/kg a day at first\n"
     "- Course: 16 to 20 weeks\n- Monitoring: monthly visits", "isotretinoin", "course_length"),
    ("Doxycycline for acne\n\nDoxycycline is an antibiotic taken once a day.\n\n"
     "If it does not help:\n* Spironolactone, for women whose acne flares with their cycle\n"
     "* Usual dose: 50 to 100 mg daily\n* Time to improvement: about 3 months", "spironolactone",
     "time_to_improvement"),
])
def test_a_label_run_takes_the_drug_its_list_item_names(nlp, text, drug, topic):
    found = [(f.drug, f.verdict) for f in findings(nlp, text) if f.topic == topic]
    assert found == [(drug, "consistent")]


def test_a_label_run_under_no_drug_keeps_the_page_drug(nlp):
    text = ("Spironolactone for adult acne\n\nSpironolactone suits many women with hormonal acne.\n\n"
            "Key facts:\n- Dose: 50 to 100 mg daily\n- Time to improvement: about 3 months")
    assert {f.drug for f in findings(nlp, text) if f.topic == "time_to_improvement"} == {"spironolactone"}


# -- a window on drinking alcohol is no pregnancy window, whoever it is for --

@pytest.mark.parametrize("text", [
    "Patients who could become pregnant should avoid alcohol during acitretin treatment and for 2 months "
    "after stopping.",
    "Anyone able to conceive must not drink alcohol for two months after their final acitretin capsule.",
])
def test_an_alcohol_window_is_no_pregnancy_window(nlp, text):
    assert not [f for f in findings(nlp, text) if f.topic.startswith("pregnancy_window")]


def test_pregnancy_and_alcohol_named_together_keep_the_window(nlp):
    text = "Stay clear of pregnancy and alcohol for 1 month after your final isotretinoin capsule."
    assert [f.topic for f in findings(nlp, text) if f.verdict == "consistent"] == ["pregnancy_window_after"]


# -- how long a drug's safety was studied is no course length --

@pytest.mark.parametrize("text", [
    "Isotretinoin's safety has been studied for up to 2 years of treatment.",
    "Long-term use of doxycycline was studied over 12 months of treatment.",
])
def test_a_studied_span_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a dose at which a risk rises is no dose advised --

@pytest.mark.parametrize("text", [
    "Side effects of isotretinoin are more common at doses above 2 mg/kg per day.",
    "With doxycycline, the risk of sunburn increases at doses over 200 mg a day.",
])
def test_a_dose_a_risk_rises_at_is_no_dose_advised(nlp, text):
    assert "daily_dose" not in topics(nlp, text)


def test_a_dose_advised_to_lower_a_risk_is_still_a_dose(nlp):
    text = "To lower the risk of side effects, doctors start isotretinoin at 0.5 mg/kg per day."
    assert topics(nlp, text) == ["daily_dose"]


# -- a page that opens on another condition and never names acne: its figures are that condition's --

@pytest.mark.parametrize("text", [
    "Oral doxycycline for rosacea\n\nThe modified-release capsule is taken once a day. Symptoms usually improve "
    "within 2 weeks, and a course often lasts 6 weeks.",
    "Spironolactone for heart failure\n\nThe usual dose is 25 mg once a day, and some patients take 12.5 mg.",
])
def test_a_page_about_another_condition_is_not_judged_as_acne(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


def test_a_page_that_also_names_acne_is_judged(nlp):
    text = ("Oral doxycycline for rosacea and acne\n\nFor acne, symptoms usually improve within 2 weeks, and a "
            "course often lasts 6 weeks.")
    found = {f.topic for f in findings(nlp, text) if f.verdict == "discrepant"}
    assert found == {"time_to_improvement", "course_length"}


# -- a window's cue right after its time is the time's anchor, no zero window of its own --

@pytest.mark.parametrize("text", [
    "No waxing during isotretinoin or for six months once you finish.",
    "Blood donation waits through the isotretinoin course and for 4 weeks once treatment ends.",
])
def test_a_cue_right_after_a_time_anchors_it(nlp, text):
    found = [(f.verdict, f.value_low > 0) for f in findings(nlp, text) if f.kind == "numeric"]
    assert found == [("consistent", True)]


# -- what a prescription "is for" is its supply, not its pickup window --

@pytest.mark.parametrize("text", [
    "Every isotretinoin prescription is for 30 days and gets picked up within a week.",
    "Isotretinoin scripts are for 30 days and are collected within 7 days of testing.",
])
def test_what_a_prescription_is_for_is_no_pickup_window(nlp, text):
    assert [(f.topic, f.value_low) for f in findings(nlp, text)] == [("pickup_window", 7.0)]


# -- a list's item after a semicolon has its own share --

@pytest.mark.parametrize("text", [
    "On isotretinoin, triglycerides rose in 25% of patients; muscle aches in 15%; headaches in 5%.",
    "Isotretinoin trial: triglycerides rose in 31% of patients; hair thinning in 9%.",
    "Isotretinoin study: triglycerides went up in 40 of 150 patients (27%); dry eyes in 8%; headaches in 4%.",
])
def test_a_semicolon_list_item_keeps_its_own_share(nlp, text):
    assert topics(nlp, text) == ["triglycerides_rise"]


# -- superficial or light chemical peels are the peels the consensus lets go ahead --

@pytest.mark.parametrize("text", [
    "Superficial chemical peels are fine two weeks after the isotretinoin course.",
    "You can book a light chemical peel a month after stopping isotretinoin.",
])
def test_a_superficial_chemical_peel_is_no_deep_procedure(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text)] == [("laser_hair_removal_after", "consistent")]


def test_a_deep_chemical_peel_keeps_the_six_month_rule(nlp):
    text = "Deep chemical peels are fine two weeks after the isotretinoin course."
    assert [(f.topic, f.verdict) for f in findings(nlp, text)] == [("cosmetic_procedures_after", "discrepant")]


# -- "That was wrong." and "That is incorrect." reject the sentence before --

@pytest.mark.parametrize("text", [
    "Some sites say you must wait a year after isotretinoin before getting pregnant. That is incorrect: "
    "one month is the rule.",
    "Our earlier version said donors must wait a week after their last isotretinoin dose before giving blood. "
    "That was wrong, and the wait is one month.",
])
def test_that_was_wrong_rejects_the_sentence_before(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in findings(nlp, text)]


# -- how long a study followed its patients is no course and no time to improve --

@pytest.mark.parametrize("text", [
    "Isotretinoin treatment results held up in patients followed up for a median of 6 years.",
    "Isotretinoin: treatment was judged in patients followed for an average of three years.",
])
def test_a_follow_up_is_no_course_or_time_to_improve(nlp, text):
    assert not {"course_length", "time_to_improvement"} & set(topics(nlp, text))


# -- a course taken "for the full benefit" is still a course --

def test_a_course_for_the_full_benefit_is_still_a_course(nlp):
    text = "Spironolactone. For the full benefit, keep taking it for 4 months."
    assert topics(nlp, text) == ["course_length"]


# -- another condition a drug of acne also treats, in the time's own clause --

@pytest.mark.parametrize("text", [
    "Spironolactone: acne usually improves in 3 months, and hirsutism improves in 9 to 12 months.",
    "With spironolactone, acne improves in about 3 months, and facial hair improves after 12 months.",
])
def test_a_time_for_hair_is_no_time_for_acne(nlp, text):
    assert [(f.value_low, f.verdict) for f in findings(nlp, text)] == [(91.3125, "consistent")]


# -- a treatment another word makes a procedure is no course: "laser treatments", "cosmetic treatments" --

@pytest.mark.parametrize("text", [
    "Isotretinoin guide. Skip peels for 5 days, or after cosmetic treatments for 10 days.",
    "Isotretinoin guide. Give your skin 7–14 days, whatever the laser treatments are.",
    "Isotretinoin guide. Allow 10 days of rest, facial treatments excepted.",
])
def test_a_procedure_named_a_treatment_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- how long an insurer's approval runs is no course --

@pytest.mark.parametrize("text", [
    "Isotretinoin plan rules. Duration of approval: 9 months of treatment.",
    "Isotretinoin plan rules. Initial authorization is for 12 months of treatment.",
])
def test_an_approval_period_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- those who used one method are a group a report counts, not a rule --

@pytest.mark.parametrize("text", [
    "Isotretinoin. Most pregnancies occurred in women who used one form of birth control.",
    "Isotretinoin. Pregnancies were reported among patients who used only one method of contraception.",
])
def test_a_group_that_used_one_method_is_no_rule(nlp, text):
    assert "contraception_forms" not in topics(nlp, text)


def test_a_rule_on_methods_is_still_a_rule(nlp):
    assert topics(nlp, "Isotretinoin. Women must use two forms of birth control.") == ["contraception_forms"]


# -- the drug a page's first line names is its main drug, though it names another more often --

@pytest.mark.parametrize(("text", "drug"), [
    ("# Isotretinoin guide\n\nIsotretinoin is not acitretin: acitretin lingers in fat, and acitretin users "
     "wait 3 years.\n\n## Pregnancy\n\nPatients must avoid pregnancy for 1 month after the last dose.",
     "isotretinoin"),
    ("Spironolactone for acne\n\nUnlike doxycycline, spironolactone is no antibiotic. Doxycycline kills "
     "bacteria, and doxycycline is taken for 3 months.\n\n## Dose\n\nThe usual dose is 50 to 100 mg a day.",
     "spironolactone"),
])
def test_the_first_lines_drug_is_the_pages(nlp, text, drug):
    assert nlp(text)._.main_drug == drug


def test_a_drug_the_first_line_names_once_in_passing_is_not_the_pages(nlp):
    text = ("Isotretinoin alternatives\n\nDoxycycline is an antibiotic. Doxycycline is taken daily. "
            "Doxycycline courses last 3 months, and doxycycline is cheap.")
    assert nlp(text)._.main_drug == "doxycycline"


# -- vitamin A in meals or a usual diet is not the supplement the rule is about --

@pytest.mark.parametrize("text", [
    "Isotretinoin. Vitamin A in your meals is fine.",
    "Isotretinoin. A normal diet with some vitamin A is fine.",
])
def test_vitamin_a_in_meals_or_a_usual_diet_is_no_supplement(nlp, text):
    assert "vitamin_a_supplements" not in topics(nlp, text)


# -- a section whose heading names only a class the page's drug is not in is that class's --

@pytest.mark.parametrize("text", [
    "Isotretinoin for severe acne\n\nIsotretinoin is a strong retinoid. Isotretinoin needs monthly checks.\n\n"
    "## Oral antibiotics\n\n- The usual course is 3 months.",
    "Isotretinoin FAQ\n\nIsotretinoin treats severe acne. Isotretinoin is taken daily with food.\n\n"
    "### Antibiotic options\n\nA course normally lasts 3 months.",
])
def test_a_section_on_another_class_is_not_the_pages_drug(nlp, text):
    assert [(f.drug, f.verdict) for f in findings(nlp, text) if f.topic == "course_length"] == [("", "unverified")]


# -- brand names of isotretinoin in Australia and New Zealand (Oratane) and Canada (Epuris);
# -- alitretinoin (Toctino), a retinoid for hand eczema with no facts of its own here --

@pytest.mark.parametrize("text", [
    "Epuris is usually taken for 16 to 20 weeks.",
    "Oratane capsules are taken with food; a course lasts 16 to 20 weeks.",
])
def test_isotretinoin_brands_name_isotretinoin(nlp, text):
    assert [(f.drug, f.verdict) for f in findings(nlp, text)] == [("isotretinoin", "consistent")]


@pytest.mark.parametrize("text", [
    "Acitretin guide\n\nAcitretin is for psoriasis. Acitretin is taken daily.\n\nALITRETINOIN (Toctino)\n"
    "Pregnancy: use contraception from a month before to a month after the course.",
    "Acitretin, acitretin and acitretin again.\n\nToctino for hand eczema: avoid pregnancy for 1 month after "
    "the last dose.",
])
def test_alitretinoin_is_no_other_retinoids_rule(nlp, text):
    assert {(f.drug, f.verdict) for f in findings(nlp, text) if f.topic.startswith("pregnancy_window")} == \
        {("alitretinoin", "unverified")}


# -- a sentence about a list of medicines ("any of these medicines") is about none of them --

@pytest.mark.parametrize("text", [
    "Isotretinoin and blood donation\n\nIsotretinoin, acitretin and finasteride all defer donors. Isotretinoin "
    "is the commonest.\n\nIf you take any of these medicines, you can give blood once treatment ends.",
    "Isotretinoin donors\n\nIsotretinoin users and isotretinoin patients ask about blood.\n\nAnyone on the "
    "medications listed above may donate once treatment ends.",
])
def test_a_sentence_about_a_list_of_medicines_names_none(nlp, text):
    assert [(f.drug, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"] == [("", "unverified")]


# -- "until your final dose", "until her last capsule": a window that ends with the course --

@pytest.mark.parametrize("text", [
    "Isotretinoin: keep using both methods of contraception until your final dose.",
    "On isotretinoin, patients avoid pregnancy only until their last capsule.",
])
def test_a_window_until_the_last_dose_ends_with_the_course(nlp, text):
    found = [(f.topic, f.value_low, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"]
    assert found == [("pregnancy_window_after", 0.0, "discrepant")]


# -- a correction quotes what an earlier version said, and rejects it --

@pytest.mark.parametrize("text", [
    "Isotretinoin. An earlier version of this article said a course lasts 8 weeks.",
    "Isotretinoin. A previous version of this page stated that donors need to wait one week after the last dose "
    "before giving blood.",
])
def test_what_an_earlier_version_said_is_refuted(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"] == [("refuted", "consistent")]


# -- those who do not need another course are those who stay clear --

@pytest.mark.parametrize("text", [
    "Isotretinoin. 75% of people won't need another course.",
    "After isotretinoin, 70% of patients do not need a second course.",
])
def test_not_needing_another_course_is_staying_clear(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text)] == [("cure_rate", "consistent")]


# -- "teenagers from 12 years": people from an age on --

@pytest.mark.parametrize("text", [
    "Isotretinoin is licensed for teenagers from 12 years with severe acne that did not respond to treatment.",
    "Isotretinoin is approved for children from 12 years whose acne treatment has failed.",
])
def test_people_from_an_age_are_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a point on a timeline counted from the course's end is no length --

@pytest.mark.parametrize("text", [
    "Isotretinoin timeline\nEnd of treatment + 1 month: final pregnancy test",
    "Isotretinoin timeline\nCourse end + 4 weeks: lipid check",
])
def test_a_point_after_the_course_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- struck-through text (Markdown's ~~...~~) is what a page has taken back --

@pytest.mark.parametrize("text", [
    "Isotretinoin FAQ\n\n~~You can donate blood a week after your last dose.~~ You must wait a month.",
    "Isotretinoin course\n\n~~A course lasts 8 weeks.~~ Courses run 16 to 20 weeks.",
])
def test_struck_through_text_is_refuted(nlp, text):
    found = [(f.context, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"]
    assert found == [("refuted", "consistent"), ("asserted", "consistent")]


def test_a_tilde_as_about_strikes_nothing(nlp):
    text = "Isotretinoin. A course is ~5 months, and ~20 weeks is common."
    assert {f.context for f in findings(nlp, text) if f.kind == "numeric"} == {"asserted"}


# -- a shop's price line under a section heading ("From £20 · 28 tablets") is no heading of its own --

@pytest.mark.parametrize(("text", "drug"), [
    ("Acne treatments online\n\nIsotretinoin capsules\n\nFrom £40 · 30 capsules\n\nIsotretinoin is for severe acne. "
     "Isotretinoin needs monthly checks.\n\nSpironolactone tablets\n\nFrom £20 · 28 tablets\n\nFor women with "
     "hormonal acne. Improvement in women tends to come after 3 to 6 months.",
     "spironolactone"),
    ("Order acne medicine\n\nIsotretinoin\n\nIsotretinoin is for severe acne, and isotretinoin courses are long."
     "\n\nDoxycycline capsules\n\n$15 for 56 capsules\n\nTaken once daily with water. A course usually lasts 3 months.",
     "doxycycline"),
])
def test_a_price_line_is_no_heading(nlp, text, drug):
    assert [(f.drug, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"] == [(drug, "consistent")]


# -- when a drug "starts to work" is its time to improve --

@pytest.mark.parametrize(("text", "verdict"), [
    ("Isotretinoin usually takes about a week to start working.", "consistent"),
    ("Accutane starts to work within 3 days for most people.", "discrepant"),
    ("Isotretinoin begins working after 10 days.", "consistent"),
])
def test_starting_to_work_is_the_time_to_improve(nlp, text, verdict):
    assert [(f.topic, f.verdict) for f in findings(nlp, text)] == [("time_to_improvement", verdict)]


# -- what a lockout "meant" is history; "That was plain wrong." refutes the sentence before --

@pytest.mark.parametrize("text", [
    "Isotretinoin. Back then, missing the window meant a 19-day wait before the next test.",
    "Isotretinoin. In those years a missed window meant a 19-day wait for patients.",
])
def test_what_a_lockout_meant_is_history(nlp, text):
    assert [f.verdict for f in findings(nlp, text) if f.topic == "pregnancy_test_lockout"] == ["consistent"]


@pytest.mark.parametrize("text", [
    "Isotretinoin. A reader said a course lasts 8 weeks. That was plain wrong: it is 16 to 20 weeks.",
    "Isotretinoin. Our post said donors can give blood a week after the last dose. That was completely wrong, "
    "so we fixed it.",
])
def test_that_was_plain_wrong_refutes_the_sentence_before(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- a reply that calls the claim before it nonsense, a myth, or not how the drug works --

@pytest.mark.parametrize("text", [
    "A salon flyer claims you can wax two weeks after your last isotretinoin capsule. That's nonsense, "
    "and the wait is six months.",
    "One clip claims isotretinoin kills the acne bacteria on your face. That is not how it works.",
    "Some forums say isotretinoin is fine with minocycline. That's a myth: the two are never combined.",
    "A reader asked whether donors can give blood a week after the last isotretinoin dose. That is rubbish, "
    "wait one month.",
])
def test_a_reply_calling_the_claim_nonsense_refutes_it(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in findings(nlp, text)]


@pytest.mark.parametrize("text", [
    "Someone told me you can take doxycycline with isotretinoin to speed it up. Don't.",
    "A friend said you can give blood a week after the last isotretinoin capsule. Do not!",
])
def test_a_bare_dont_answers_the_sentence_before(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


@pytest.mark.parametrize("text", [
    "Last time we said an isotretinoin course lasts 8 weeks. The usual course is 16 to 20 weeks.",
    "We previously wrote that donors wait a week after the last isotretinoin capsule. The rule is one month.",
    "Our post said you can wax 2 weeks after isotretinoin. That was a mistake: wait six months.",
])
def test_a_correction_quoting_the_old_text_is_not_its_claim(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in findings(nlp, text)]


@pytest.mark.parametrize("text", [
    "My cousin swears you can get your legs waxed two weeks after isotretinoin. Ignore that.",
    "A friend reckons doxycycline is fine alongside isotretinoin. Ignore that, they never go together.",
    "Sam: my nurse said you can donate blood a week after isotretinoin.\n"
    "@Sam be careful with that one, the blood service asks for a month.",
    "Someone online said isotretinoin cures 100% of people. Take that with a pinch of salt.",
])
def test_a_reply_telling_the_reader_to_disregard_the_claim_before_refutes_it(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in findings(nlp, text)]


@pytest.mark.parametrize("text", [
    "Ignore that old advice: you can give blood a week after the last isotretinoin capsule.",
    "Isotretinoin is strong. Be careful with that: wax two weeks after the last capsule at the earliest.",
])
def test_disregard_cues_do_not_reach_the_claim_after_them(nlp, text):
    assert "discrepant" in [f.verdict for f in findings(nlp, text)]


# -- a quiz's lettered choices under its question are offered, not stated --

@pytest.mark.parametrize("text", [
    "Which total dose should a course of isotretinoin reach?\nA. 20 mg/kg\nB. 120 to 150 mg/kg\nC. 400 mg/kg\n"
    "Answer: B.",
    "How long should a patient avoid pregnancy after isotretinoin?\n\n- A. One week after the last dose\n"
    "- B. One month after the last dose\n- C. Three years after the last dose\n\n**Answer: B**",
    "A patient on isotretinoin gets a chest infection. What should the GP do?\n"
    "(a) Prescribe doxycycline alongside isotretinoin\n(b) Prescribe a non-tetracycline antibiotic\n",
])
def test_lettered_answer_options_are_not_the_pages_claims(nlp, text):
    found = findings(nlp, text)
    assert [f for f in found if f.verdict == "discrepant"] == []
    assert "question" in [f.context for f in found]


@pytest.mark.parametrize("text", [
    "Q. How long after isotretinoin can I wax?\nA. Wait two weeks after your last isotretinoin capsule.",
    "Which dose is right?\nA course of isotretinoin lasts about 8 weeks at 20 mg a day.",
    "Quiz answers\nA. A course of isotretinoin lasts about 8 weeks.\nB. Donors can give blood a week after the "
    "last isotretinoin dose.",
])
def test_an_answer_or_a_list_with_no_question_above_stays_the_pages(nlp, text):
    assert "discrepant" in [f.verdict for f in findings(nlp, text)]


# -- a clinician's words, whoever's clinician, are attributed to them --

@pytest.mark.parametrize("text", [
    "Her boyfriend's derm said 99% of people on isotretinoin end up totally clear.",
    "My cousin's dermatologist says an isotretinoin course lasts 8 weeks.",
    "My mum's doctor said you can give blood a week after isotretinoin.",
])
def test_a_clinicians_words_are_theirs_over_a_first_person_opening(nlp, text):
    [finding] = [f for f in findings(nlp, text) if f.verdict == "discrepant"]
    assert finding.context == "attributed"


# -- a drug named after a semicolon is its own clause's --

@pytest.mark.parametrize("text", [
    "Isotretinoin is a retinoid. Avoid pregnancy for one month after the last capsule; acitretin is the drug "
    "with the three-year rule.",
    "Isotretinoin needs blood tests. Women should wait a month after the final dose before trying for a baby; "
    "the three-year wait is for acitretin.",
])
def test_a_drug_after_a_semicolon_is_not_the_earlier_clauses(nlp, text):
    [finding] = [f for f in findings(nlp, text) if f.topic == "pregnancy_window_after"]
    assert (finding.drug, finding.verdict) == ("isotretinoin", "consistent")


# -- a clause the sentence then calls too soon, a cleft's denial, what a label warns against --

@pytest.mark.parametrize("text", [
    "Some salons will wax you 4 weeks after isotretinoin, but that is too soon.",
    "A few forums suggest donating blood a week after the last isotretinoin dose; that's too early.",
    "The one job isotretinoin doesn't do is kill the bacteria on your skin.",
    "What the drug won't do is shrink the oil glands for good, since isotretinoin's effect on oil fades.",
    "Swallowing two doses at once is just what the isotretinoin label tells you not to do.",
    "\"Just double the dose tomorrow\" is what pharmacists warn you not to do with isotretinoin.",
])
def test_a_claim_the_sentence_turns_down_is_not_its_error(nlp, text):
    found = findings(nlp, text)
    assert found and [f for f in found if f.verdict == "discrepant"] == []


def test_getting_the_acne_back_is_relapse(nlp):
    [finding] = findings(nlp, "Fewer than 5 % of isotretinoin patients get their acne back once they stop.")
    assert (finding.topic, finding.verdict) == ("relapse_rate", "discrepant")


# -- a study's own figures: the dose a share of its patients received, a summary with its range --

@pytest.mark.parametrize("text", [
    "In the isotretinoin audit, 35% received 0.2 mg/kg/day and 20% received 2 mg/kg/day.",
    "Of the 300 patients on isotretinoin, 60% received 0.15 mg/kg/day.",
    "Isotretinoin was continued for 60 weeks (range 10–150) in that group.",
    "Isotretinoin was taken for 8 weeks (range 4 to 12).",
])
def test_a_studys_own_dose_shares_and_ranges_are_its_own(nlp, text):
    found = findings(nlp, text)
    assert found and {f.context for f in found} == {"study"}


@pytest.mark.parametrize("text", [
    "On isotretinoin, triglycerides returned to pre-treatment levels in 85% of patients after stopping.",
    "With isotretinoin, blood fats went back to baseline in 90% of people within two months.",
])
def test_levels_back_to_baseline_are_no_rise(nlp, text):
    assert "triglycerides_rise" not in topics(nlp, text)


# -- a share told as how rare the outcome is; a flare's length told after its onset --

@pytest.mark.parametrize("text", [
    "Isotretinoin works well. Coming off it, relapse is rare, under 5%.",
    "With isotretinoin, relapse is uncommon at below 5% after a full course.",
])
def test_a_share_told_as_how_rare_the_outcome_is_is_its_rate(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.topic, finding.verdict) == ("relapse_rate", "discrepant")


@pytest.mark.parametrize("text", [
    "With isotretinoin, a purge often begins in week two and can last 5 to 7 weeks.",
    "Isotretinoin's purge occurs in some users and may persist for 4-6 weeks.",
])
def test_a_flares_length_told_after_its_onset_is_its_length(nlp, text):
    assert [f.topic for f in findings(nlp, text)] == ["initial_flare"]


@pytest.mark.parametrize("text", [
    "On isotretinoin, a breakout may appear within 2 weeks.",
    "On isotretinoin, a breakout may appear and peak within 2 weeks.",
])
def test_a_flares_onset_is_still_no_length(nlp, text):
    assert "initial_flare" not in topics(nlp, text)


# -- a gap told as "a second one" after the first course, or between the drug's courses --

@pytest.mark.parametrize("text", [
    "Wait 4 weeks after your first course of isotretinoin before starting a second one.",
    "You can start a second one 2 weeks after the first isotretinoin course ends.",
    "Doctors leave 3 weeks between isotretinoin courses.",
    "Some clinics allow only 2 weeks between Accutane courses.",
])
def test_a_gap_before_a_second_one_or_between_the_drugs_courses_is_the_retreatment_gap(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.topic, finding.verdict) == ("retreatment_gap", "discrepant")


def test_a_second_capsule_is_no_second_course(nlp):
    text = "If you miss an isotretinoin capsule, do not take a second one within 12 hours."
    assert "retreatment_gap" not in topics(nlp, text)


# -- "X, not Y": a negation right before a window's time rejects that time --

@pytest.mark.parametrize("text", [
    "After isotretinoin, wait six months before waxing, not two weeks.",
    "Isotretinoin users should wait a month after the last dose to give blood, not a week.",
    "On isotretinoin, avoid pregnancy for one month after the last capsule, not 3 years.",
])
def test_a_time_the_sentence_sets_aside_with_not_is_rejected(nlp, text):
    found = findings(nlp, text)
    assert [f.verdict for f in found] == ["consistent", "consistent"]
    assert "negated" in [f.context for f in found]


def test_a_windows_own_ban_stays_asserted(nlp):
    [finding] = findings(nlp, "Giving blood on isotretinoin? Not for four weeks after stopping.")
    assert (finding.topic, finding.context, finding.verdict) == ("blood_donation_after", "asserted", "consistent")


# -- a rule's words on either side of a semicolon are two statements --

@pytest.mark.parametrize("text", [
    "Two doses at once is just what the isotretinoin label warns you not to do; it says never take two doses "
    "to catch up.",
    "Taking a double dose is what your isotretinoin leaflet tells you not to do; never take two doses at once.",
])
def test_a_rules_words_across_a_semicolon_are_two_claims(nlp, text):
    found = [f for f in findings(nlp, text) if f.topic == "missed_dose"]
    assert len(found) == 2 and [f for f in found if f.verdict == "discrepant"] == []


# -- a reply's quoted line that repeats words given above is no second claim --

@pytest.mark.parametrize("text", [
    "u/anna: On isotretinoin it is fine to carry on with a vitamin A tablet, my nurse said so.\n"
    "> it is fine to carry on with a vitamin A tablet\nThat is not what the leaflet says.",
    "Isotretinoin: you can give blood a week after the last dose, I was told.\n"
    "  > reply (u/ben): > you can give blood a week after the last dose\nReally? I heard a month.",
])
def test_a_quoted_line_repeating_the_post_above_is_not_judged_twice(nlp, text):
    assert len([f for f in findings(nlp, text) if f.verdict == "discrepant"]) == 1


def test_a_quoted_line_with_words_not_given_above_is_still_read(nlp):
    text = "Isotretinoin myths, answered.\n> Isotretinoin cures acne in 100% of people.\nSadly it does not."
    assert "cure_rate" in [f.topic for f in findings(nlp, text)]


# -- the writer's advice to the reader is advice, not an anecdote --

@pytest.mark.parametrize("text", [
    "My advice to anyone starting isotretinoin: give blood only a week after the last dose.",
    "My advice: wait two weeks after isotretinoin before waxing.",
    "My tip for isotretinoin users: just take two capsules the next morning if you miss one.",
])
def test_my_advice_is_advice(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.context, finding.verdict) == ("asserted", "discrepant")


def test_my_own_course_told_after_my_advice_is_still_an_anecdote(nlp):
    [finding] = findings(nlp, "My advice comes from my own course: I took isotretinoin for 8 weeks.")
    assert finding.context == "anecdotal"


# -- "can be continued" permits what it follows --

@pytest.mark.parametrize(("text", "topic"), [
    ("During isotretinoin, a vitamin A supplement may be continued at the usual strength.", "vitamin_a_supplements"),
    ("At the changeover, minocycline can be continued into the first weeks of isotretinoin.",
     "tetracycline_combination"),
])
def test_may_be_continued_permits(nlp, text, topic):
    [finding] = [f for f in findings(nlp, text) if f.topic == topic]
    assert finding.verdict == "discrepant"


def test_cannot_be_continued_still_prohibits(nlp):
    found = findings(nlp, "Vitamin A supplements cannot be continued during isotretinoin.")
    assert [f.verdict for f in found] == ["consistent"]


# -- a rule's words on either side of "but" are two statements; vitamin A left out is none --

def test_a_rules_words_either_side_of_but_are_two_claims(nlp):
    text = "On isotretinoin some vitamin A in a multivitamin is okay, but skip big vitamin A supplements."
    found = [f for f in findings(nlp, text) if f.topic == "vitamin_a_supplements"]
    assert [f.verdict for f in found] == ["discrepant", "consistent"]


@pytest.mark.parametrize("text", [
    "On isotretinoin, a daily tablet without vitamin A is safe to take.",
    "On isotretinoin, a vitamin A-free multivitamin is fine.",
])
def test_a_product_without_vitamin_a_is_no_vitamin_a_supplement(nlp, text):
    assert "vitamin_a_supplements" not in topics(nlp, text)


# -- what the page calls false speech, and a study's follow-up --

@pytest.mark.parametrize("text", [
    "Some websites falsely claim that isotretinoin kills acne bacteria.",
    "A common misconception is that isotretinoin cures 100% of people.",
    "Many people wrongly believe doxycycline is safe alongside isotretinoin.",
])
def test_speech_the_page_calls_false_is_refuted(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.context, finding.verdict) == ("refuted", "consistent")


@pytest.mark.parametrize("text", [
    "The isotretinoin results looked good, and the study followed patients for a mere 12 months after treatment.",
    "Isotretinoin gave good results over a trial that followed them for 12 months after treatment.",
])
def test_how_long_a_study_followed_its_people_is_its_own(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- a figure restated in brackets is one claim --

@pytest.mark.parametrize("text", [
    "Donors can give blood a week (7 days) after the last isotretinoin capsule.",
    "If the window is missed, isotretinoin patients are locked out for 19 days (the 19-day lockout).",
])
def test_a_figure_restated_in_brackets_is_one_claim(nlp, text):
    assert len([f for f in findings(nlp, text) if f.verdict == "discrepant"]) == 1


def test_the_same_figure_for_two_things_is_two_claims(nlp):
    text = "After isotretinoin, donors wait a week to give blood, and a week (not more) to wax."
    assert len([f for f in findings(nlp, text) if f.verdict == "discrepant"]) == 2


# -- doubling up at the next dose, and seeing no difference for a time --

@pytest.mark.parametrize("text", [
    "Missed an isotretinoin capsule? Take it when you remember, even if it means doubling up the next day.",
    "With isotretinoin, catch up by doubling up the next morning.",
])
def test_doubling_up_the_next_day_makes_up_a_missed_dose(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.topic, finding.verdict) == ("missed_dose", "discrepant")


@pytest.mark.parametrize("text", [
    "On isotretinoin you shouldn't hope to see much difference for 3 to 4 months.",
    "With isotretinoin you won't see any difference for 4 months.",
])
def test_seeing_no_difference_for_a_time_is_the_time_to_improve(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.topic, finding.verdict) == ("time_to_improvement", "discrepant")


# -- "has gone" removes a rule only where its clause ends --

@pytest.mark.parametrize("text", [
    "Our salon will wax anyone two months after their final isotretinoin dose, once a patch test has gone well.",
    "Isotretinoin users can donate blood a week after stopping if their rash has gone down.",
])
def test_a_test_that_has_gone_well_removes_nothing(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.context, finding.verdict) == ("asserted", "discrepant")


@pytest.mark.parametrize("text", [
    "The 19-day isotretinoin lockout has gone.",
    "The 19-day isotretinoin lockout has gone, and patients can retest at once.",
])
def test_a_rule_that_has_gone_is_no_current_rule(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.context, finding.verdict) == ("negated", "consistent")


# -- a reply calling the claim before it not correct or not right, a denial with a colon, a plea, a correction --

@pytest.mark.parametrize("text", [
    "Some blogs say pregnancy must wait 3 years after isotretinoin. That is not correct: the 3-year rule is for "
    "acitretin.",
    "A video claims isotretinoin kills acne bacteria. That part isn't right, the drug works on oil glands.",
    "Her salon said a wax would be fine two weeks after isotretinoin. It isn't: waxing waits six months.",
    "My friend says to take two capsules today to catch up on isotretinoin. Please don't; leave the missed one out.",
    "I told a patient isotretinoin shrinks the oil glands for good. The pharmacist corrected me afterwards.",
])
def test_a_reply_that_corrects_the_claim_before_refutes_it(nlp, text):
    found = findings(nlp, text)
    assert [f for f in found if f.verdict == "discrepant"] == [] and "refuted" in [f.context for f in found]


# -- a cream or gel alongside a tablet is no combination with the page's drug --

@pytest.mark.parametrize("text", [
    "Isotretinoin is for severe acne. For milder acne your GP may prescribe doxycycline for twelve weeks, "
    "plus a gel alongside it.",
    "Isotretinoin is a last resort. For milder spots, a GP may start doxycycline with a cream alongside it.",
    "Isotretinoin comes later. First, most people try lymecycline for twelve weeks with a wash alongside it.",
])
def test_a_topical_alongside_a_tetracycline_is_no_combination(nlp, text):
    assert "tetracycline_combination" not in [f.topic for f in findings(nlp, text)]


# -- what the writer heard is hearsay, someone else's claim --

@pytest.mark.parametrize("text", [
    "I heard you can take doxycycline with isotretinoin to speed things up.",
    "I've heard donors can give blood a week after isotretinoin.",
])
def test_what_the_writer_heard_is_attributed(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.context, finding.verdict, finding.severity) == ("attributed", "discrepant", "major")


# -- anyone's earlier words and a creator's to an audience are theirs; what the writer once saw is a story --

@pytest.mark.parametrize("text", [
    "Her beautician had said waxing was okay three weeks after isotretinoin.",
    "A creator told viewers that you can wax two weeks after your last isotretinoin pill.",
    "One influencer tells followers to take doxycycline alongside isotretinoin.",
])
def test_words_someone_had_said_or_told_an_audience_are_attributed(nlp, text):
    assert [f.context for f in findings(nlp, text) if f.verdict == "discrepant"] == ["attributed"]


@pytest.mark.parametrize("text", [
    "I once saw a friend get waxed at the 6 week mark after isotretinoin and her skin tore.",
    "I once watched a client donate blood 2 weeks after isotretinoin.",
])
def test_what_the_writer_once_saw_is_anecdotal(nlp, text):
    [finding] = findings(nlp, text)
    assert finding.context == "anecdotal"


# -- a reply's opening quote, bullet or quote mark is no word before its denial --

@pytest.mark.parametrize("text", [
    "\"My cousin says I can double up tomorrow on isotretinoin.\"\n\"Please don't,\" I said. "
    "\"Skip the missed one.\"",
    "A forum post says donors can give blood a week after isotretinoin.\n> Nope. The wait is a month.",
    "Isotretinoin thread. My aunt said you can wax a week after stopping.\n- Don't. Wait six months.",
])
def test_a_denial_after_a_quote_mark_or_bullet_still_answers_the_claim_before(nlp, text):
    found = findings(nlp, text)
    assert [f for f in found if f.verdict == "discrepant"] == [] and "refuted" in [f.context for f in found]


# -- a headline's "ending 19-day lockout"; patients who received treatment for a time --

@pytest.mark.parametrize("text", [
    "FDA panel backs ending 19-day lockout for isotretinoin users.",
    "Dermatologists push to end 19-day lockout for isotretinoin.",
])
def test_a_headline_ending_the_lockout_states_no_current_rule(nlp, text):
    [finding] = findings(nlp, text)
    assert (finding.context, finding.verdict) == ("negated", "consistent")


@pytest.mark.parametrize("text", [
    "In the cohort, isotretinoin patients received treatment for 8 weeks.",
    "In that trial, patients were treated for 10 weeks with isotretinoin.",
])
def test_how_long_patients_were_treated_is_a_studys_own(nlp, text):
    [finding] = findings(nlp, text)
    assert finding.context == "study"


# -- a medicine named as a combination rule's object needs the two put together --

@pytest.mark.parametrize("text", [
    "Isotretinoin is the stronger drug. Even so, doxycycline is safe to keep taking for a year if it helps.",
    "Isotretinoin suits scarring acne. For milder spots, minocycline is fine for several months.",
])
def test_a_tetracycline_on_its_own_is_no_combination(nlp, text):
    assert "tetracycline_combination" not in [f.topic for f in findings(nlp, text)]


@pytest.mark.parametrize("text", [
    "Isotretinoin is strong. It is fine to take it with doxycycline if your skin flares.",
    "Isotretinoin dries the skin. It is safe to use it alongside minocycline for a few weeks.",
    "While on isotretinoin, doxycycline is safe to take.",
])
def test_a_tetracycline_put_together_with_the_drug_is_a_combination(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text) if f.kind == "safety"] == [
        ("tetracycline_combination", "discrepant")]


# -- a line that opens on its number, as a label, says its window with it --

@pytest.mark.parametrize("text", [
    "Isotretinoin, by the numbers. 6 months: the gap before any waxing once the course is over.",
    "Isotretinoin numbers. 6 months: no waxing or dermabrasion once you finish.",
    "Isotretinoin facts. 1 month: the wait before giving blood once your course ends.",
])
def test_a_number_label_anchors_the_window_cue_after_it(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- "Zero:" as a line's label rejects what the line says one may do --

@pytest.mark.parametrize("text", [
    "Isotretinoin in numbers. Zero: the number of doxycycline tablets to take alongside it.",
    "Isotretinoin by the numbers. Zero: how many minocycline capsules are safe with it.",
])
def test_a_zero_label_rejects_its_line(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- a worked example with a range of doses or times; one that names no total of its own --

@pytest.mark.parametrize("text", [
    "If you weigh 60 kg and take 40 to 60 mg of isotretinoin a day for 20 weeks, you reach the usual "
    "120-150 mg/kg target.",
    "An 80 kg patient on 60 mg of isotretinoin a day for 20 to 24 weeks reaches about 120 to 150 mg/kg.",
])
def test_a_worked_example_over_a_range_meets_its_target_at_some_end(nlp, text):
    assert [f.verdict for f in findings(nlp, text) if f.kind == "arithmetic"] == ["consistent"]


@pytest.mark.parametrize("text", [
    "A 60 kg woman takes 40 mg of isotretinoin a day. Her course usually lasts 20 weeks, long enough to "
    "reach the target.",
    "Say you weigh 75 kg and take 40 mg of isotretinoin daily for 16 weeks until you hit your target.",
])
def test_a_worked_example_that_names_no_total_is_not_judged(nlp, text):
    assert [f.verdict for f in findings(nlp, text) if f.kind == "arithmetic"] == ["unverified"]


# -- one patient's case, as a case report or an exam vignette tells it --

@pytest.mark.parametrize("text", [
    "We report a case of a man whose isotretinoin course lasted 11 months.",
    "In the case report, the isotretinoin course lasted 14 months in total.",
    "This patient's isotretinoin course lasted 12 months.",
])
def test_one_patients_case_is_no_advice(nlp, text):
    found = [f for f in findings(nlp, text) if f.kind != "omission"]
    assert found and {f.context for f in found} == {"study"}


# -- a missed dose made up by doubling, or taken with the next one --

@pytest.mark.parametrize("text", [
    "Missed an isotretinoin capsule? Double the dose the next morning.",
    "If you forget an isotretinoin capsule, just double the dose the next day.",
    "If you forget one isotretinoin capsule, take it with the next one.",
    "Forgot your isotretinoin? Take it with your next capsule and carry on.",
])
def test_a_missed_dose_doubled_or_taken_with_the_next_is_the_rule_broken(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text) if f.kind == "safety"] == [("missed_dose", "discrepant")]


@pytest.mark.parametrize("text", [
    "Isotretinoin tips. Doubling up only makes the dry lips worse.",
    "Isotretinoin tips. Doubling your dose will not speed anything up.",
])
def test_doubling_up_as_the_subject_is_no_advice_to_do_it(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- a lockout named as what a change ends is no lockout stated as current ("end the 19-day wait") --

@pytest.mark.parametrize("text", [
    "Dermatologists pushed to end the 19-day wait for isotretinoin users who miss their window.",
    "Isotretinoin news: the board agreed to support ending the 19-day lockout.",
    "Isotretinoin news: advisers want to change the 19-day lockout on patients who may conceive.",
    "Dermatologists have long lobbied for changing the 19-day lockout on isotretinoin.",
])
def test_a_lockout_a_change_ends_is_not_stated_as_current(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- the glands' volume is no oil output; a time after the end of the course is no onset --

@pytest.mark.parametrize("text", [
    "On isotretinoin the oil glands lost volume: sebaceous gland volume fell by 40% in a year.",
    "Isotretinoin trial: the glands' volume dropped by 55% in the sebaceous tissue.",
])
def test_gland_volume_is_no_sebum_reduction(nlp, text):
    assert "sebum_reduction" not in [f.topic for f in findings(nlp, text)]


@pytest.mark.parametrize("text", [
    "Three months after the end of isotretinoin treatment, oil output was still below where it started.",
    "A year after the end of the isotretinoin course, sebum levels had crept back up.",
])
def test_a_time_after_the_end_of_the_course_is_no_sebum_onset(nlp, text):
    assert "sebum_onset" not in [f.topic for f in findings(nlp, text)]


@pytest.mark.parametrize("text", [
    "I previously stayed on an isotretinoin course for 10 months.",
    "I underwent an isotretinoin course lasting 11 months.",
])
def test_a_first_person_past_course_is_an_anecdote(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"] == [("anecdotal", "unverified")]


# -- a permission with an adverb between ("is generally fine"); two capsules the next morning --

@pytest.mark.parametrize("text", [
    "While on isotretinoin, a multivitamin with some vitamin A in it is generally fine.",
    "Taking vitamin A tablets with isotretinoin is usually okay.",
])
def test_a_permission_with_an_adverb_is_still_a_permission(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text) if f.kind == "safety"] == [
        ("vitamin_a_supplements", "discrepant")]


@pytest.mark.parametrize("text", [
    "Missed an isotretinoin capsule? Take two the next morning.",
    "If an isotretinoin dose slips your mind, take two capsules the next morning.",
])
def test_two_capsules_the_next_morning_make_up_a_missed_dose(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text) if f.kind == "safety"] == [("missed_dose", "discrepant")]


# -- a sentence whose subject is several medicines names none of them --

@pytest.mark.parametrize("text", [
    "Isotretinoin is different from the rest. These medicines work by killing the bacteria on the skin.",
    "Isotretinoin is unlike antibiotics and creams. They kill bacteria that clog pores.",
    "Isotretinoin works on oil. Most other treatments try to kill bacteria instead.",
])
def test_a_sentence_about_several_medicines_is_not_the_pages_drug(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- a ban before a rule's object governs the "together with" after it --

@pytest.mark.parametrize("text", [
    "Isotretinoin leaflet. Do not take vitamin A pills or doxycycline together with this medicine.",
    "Isotretinoin advice: never use fish oil or minocycline alongside the capsules.",
])
def test_a_ban_before_the_object_governs_the_together_after_it(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []
    assert "tetracycline_combination" in [f.topic for f in findings(nlp, text)]


# -- telling the reader not to believe what follows --

@pytest.mark.parametrize("text", [
    "Don't believe the two-week waxing rule you read about isotretinoin online.",
    "Don't listen to the 2-week waxing advice some salons give after isotretinoin.",
    "Ignore the 10-day waxing wait some salons quote after isotretinoin.",
])
def test_do_not_believe_refutes_what_follows(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in findings(nlp, text)]


# -- a page that quotes an abstract goes on in its own voice after the abstract's last label --

@pytest.mark.parametrize("text", [
    "Methods: Adults were given isotretinoin 0.3 mg/kg/day.\nResults: 70% cleared by week 20.\n\n"
    "Outside trials, an isotretinoin course usually lasts about 11 months.",
    "Objective: To compare two isotretinoin doses.\nResults: Most patients improved.\n\n"
    "For most people an isotretinoin course lasts about 10 months.",
])
def test_the_pages_own_text_after_a_quoted_abstract_is_judged(nlp, text):
    [course] = [f for f in findings(nlp, text) if f.topic == "course_length"]
    assert (course.context, course.verdict) == ("asserted", "discrepant")


def test_a_results_heading_still_runs_to_the_end(nlp):
    text = ("Methods: Adults took isotretinoin.\nResults\nThe isotretinoin course lasted 11 months.\n\n"
            "The course lasted 11 months in the other group too.")
    assert {f.context for f in findings(nlp, text) if f.topic == "course_length"} == {"study"}


# -- a share that says how clear one skin is, not how many people clear --

@pytest.mark.parametrize("text", [
    "Isotretinoin took me from 70% to 100% clear.",
    "Six weeks into isotretinoin I'm 95% clear.",
    "Isotretinoin left him 80% clear by the spring.",
])
def test_a_degree_of_clear_skin_is_no_clearance_rate(nlp, text):
    assert "clearance_rate" not in [f.topic for f in findings(nlp, text)]


def test_a_share_that_clears_is_still_a_clearance_rate(nlp):
    [rate] = [f for f in findings(nlp, "About 85% are clear after one course of isotretinoin.")
              if f.topic == "clearance_rate"]
    assert rate.verdict == "consistent"


# -- a time that is the subject of "results in" is how long something was done --

@pytest.mark.parametrize("text", [
    "A 30-week isotretinoin course results in lasting remission.",
    "Taking isotretinoin for 30 weeks results in remission in most people.",
])
def test_a_time_that_results_in_an_outcome_is_no_time_to_improve(nlp, text):
    assert "time_to_improvement" not in [f.topic for f in findings(nlp, text)]


def test_results_in_a_time_is_still_the_time_to_improve(nlp):
    text = "Most people see results in 6 to 8 weeks on isotretinoin."
    assert [f.verdict for f in findings(nlp, text) if f.topic == "time_to_improvement"] == ["consistent"]


# -- a time without flares is a clear spell, not a flare's length --

@pytest.mark.parametrize("text", [
    "On isotretinoin the patient had no new breakouts for two months.",
    "After isotretinoin she stayed free of flare-ups for six weeks.",
    "His skin has been breakout-free for eight weeks since isotretinoin.",
])
def test_a_time_without_flares_is_no_flare_length(nlp, text):
    assert "initial_flare" not in [f.topic for f in findings(nlp, text)]


def test_a_flare_that_lasts_is_still_its_length(nlp):
    [flare] = [f for f in findings(nlp, "The isotretinoin flare lasted for six weeks.") if f.topic == "initial_flare"]
    assert flare.verdict == "discrepant"


# -- rejections a page writes in other words: each pattern on two sentences of our own --

@pytest.mark.parametrize("text", [
    # a "Fiction:" label, as "Myth:"
    "FICTION: Donating blood a week after isotretinoin ends is fine.",
    "Fiction: a leg wax is fine 14 days after the final isotretinoin capsule.",
    # a belief held for long and no more
    "For years I thought isotretinoin was an antibiotic that kills bacteria.",
    "I always believed you could get pregnant two weeks after isotretinoin.",
    # a figure judged too high or too long
    "Honestly, a 60% second course rate is too high for isotretinoin.",
    "Three years is far too long to wait for pregnancy after isotretinoin.",
    # a dose above what is recommended
    "Some clinics prescribed 3 mg/kg/day, which is above the recommended maximum for isotretinoin.",
    "One patient was put on 2.5 mg/kg/day, well beyond the usual range for isotretinoin.",
    # a claim taken back by whoever made it
    "The post saying waxing 14 days after isotretinoin is fine has since been corrected.",
    "A leaflet claiming donating blood a week after isotretinoin is fine was retracted.",
])
def test_a_claim_the_sentence_rejects_is_no_discrepancy(nlp, text):
    found = findings(nlp, text)
    assert [f for f in found if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in found]


@pytest.mark.parametrize("text", [
    # a reply calling it unsafe or untrue
    "A video says waxing seven days after isotretinoin is fine. That is not safe.",
    "Some say waxing a week after isotretinoin is fine. That's dangerous.",
    "People say waxing seven days after isotretinoin is fine. That isn't true.",
    "A forum said donating blood seven days after isotretinoin is fine. It isn't true!",
    # a statement that sets out to correct it
    "Papers said isotretinoin cures 100% of patients after one course. We want to correct this.",
    "A blog said waxing seven days after isotretinoin is fine. The clinic wrote to set the record straight.",
    # the rule given to another drug
    "Patients heard pregnancy is off limits for three years after isotretinoin.\n"
    "That rule in fact applies to the psoriasis drug acitretin.",
    "A pharmacist said to wait three years for pregnancy after isotretinoin. That wait belongs to acitretin.",
    # "The truth:" or "Reality:" answering a quoted belief
    '"Waxing seven days after isotretinoin is fine."\nThe truth: wait six months.',
    '"Isotretinoin is an antibiotic for acne."\nReality: it shrinks the oil glands.',
])
def test_a_claim_the_next_sentence_rejects_is_no_discrepancy(nlp, text):
    found = findings(nlp, text)
    assert [f for f in found if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in found]


@pytest.mark.parametrize("text", [
    "**SAM:** I read that isotretinoin destroys the acne bacteria, as a strong antibiotic would.\n\n"
    "**DR. NANDA:** That's a myth. It is a retinoid.",
    "Jo_88: Waxing seven days after stopping isotretinoin is fine. Worked for me.\n"
    "Mia: That is not correct, wait six months.",
    "Jo: Waxing seven days after isotretinoin ends is fine.\nSam: Please don't.",
    "JO: Waxing seven days after isotretinoin ends is fine.\nDR. NANDA: Please don't.",
])
def test_a_reply_opening_its_line_answers_the_whole_line_before(nlp, text):
    found = findings(nlp, text)
    assert [f for f in found if f.verdict == "discrepant"] == []
    assert "refuted" in [f.context for f in found]


def test_a_reply_inside_a_line_answers_only_the_sentence_before(nlp):
    text = "Waxing seven days after stopping isotretinoin is fine. Worked for me. That is not correct for everyone."
    assert "discrepant" in [f.verdict for f in findings(nlp, text)]


# -- a figure opening the answer to a question that asks for an amount --

@pytest.mark.parametrize("text, topic", [
    ("How long is an isotretinoin course?\nUsually 9 to 12 months.", "course_length"),
    ("What share of patients later need a second isotretinoin course?\nOnly about 2%, so most need one.",
     "second_course_rate"),
    ("Q: How long should there be between isotretinoin courses?\nA: About 2 weeks is plenty.",
     "retreatment_gap"),
])
def test_the_answer_to_a_question_is_about_what_it_asks(nlp, text, topic):
    assert [f.verdict for f in findings(nlp, text) if f.topic == topic] == ["discrepant"]


@pytest.mark.parametrize("text", [
    "Isotretinoin: is it safe to restart?\nPatient: Male, 26 years, 68 kg",  # asks for no amount
    "How long is an isotretinoin course meant to run?\nFor some friends it took 14 months.",  # not the answer's opening
    # a window needs its own words
    "How long must I wait to wax once isotretinoin ends?\nAbout 2 weeks without shaving first.",
])
def test_a_figure_after_a_question_takes_its_topic_only_as_an_answer(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


@pytest.mark.parametrize("text", [
    "What share of isotretinoin patients get raised triglycerides?\na) 10%  b) 40%  c) 70%  d) 95%",
    "How many days do you have to pick up isotretinoin?\nA. 2 days   B. 9 days   C. 21 days",
])
def test_a_quiz_s_choices_on_one_line_are_a_question(nlp, text):
    assert {f.context for f in findings(nlp, text)} == {"question"}


# -- more ways to make up a missed dose --

@pytest.mark.parametrize("text", [
    "On isotretinoin, skipped days can be caught up by doubling your dose for a week.",
    "Forgot some isotretinoin capsules? Take any missed ones with your next dose, it's fine.",
    "Missed isotretinoin dose: when the next one is near, take two capsules together to stay on track.",
])
def test_making_up_a_missed_dose_is_read(nlp, text):
    assert [f.verdict for f in findings(nlp, text) if f.topic == "missed_dose"] == ["discrepant"]


# -- what a practice harms or fails to do discourages it --

@pytest.mark.parametrize("text, topic", [
    ("Isotretinoin: doubling your dose after a missed one can cause headaches.", "missed_dose"),
    ("With isotretinoin, a double dose on the following day won't speed the course up.", "missed_dose"),
    ("Missing one isotretinoin dose is nothing, yet a double dose makes the headaches worse.", "missed_dose"),
    ("Vitamin A supplements with isotretinoin can lead to toxicity.", "vitamin_a_supplements"),
])
def test_a_harm_told_of_a_practice_discourages_it(nlp, text, topic):
    assert [f.verdict for f in findings(nlp, text) if f.topic == topic] == ["consistent"]


@pytest.mark.parametrize("text", [
    "After months of isotretinoin treatment she reached her dose and had no active breakouts for ten weeks.",
    "Once the isotretinoin course was over, he stayed free of flare-ups for nine months.",
])
def test_a_time_without_flares_falls_to_no_other_topic(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- a share whose own clause names a rate its frame rules out is no other clause's rate --

@pytest.mark.parametrize("text", [
    "Isotretinoin trial: complete clearance in about 70% of teenagers, and improvement in up to 97%.",
    "Isotretinoin gave complete clearance in 60% of adults, and improvement in 99%.",
])
def test_a_share_is_not_taken_by_a_rate_across_its_clause(nlp, text):
    assert [f.claim_text for f in findings(nlp, text) if f.verdict == "discrepant"] == []


# -- a heading right above a window names what it is the window for --

@pytest.mark.parametrize("text", [
    "Isotretinoin and salon care\n\nLeg waxing\nNot until 3 weeks after your last isotretinoin capsule.",
    "Our isotretinoin policy\n\n## Dermabrasion\nWe book it 4 weeks after the final dose.",
])
def test_a_heading_names_the_window_under_it(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text)] == [("cosmetic_procedures_after", "discrepant")]


# -- a prescriber's years of experience are no course --

@pytest.mark.parametrize("text", [
    '"Patients sat out the isotretinoin lockout," said Dr. Ana Ruiz, who has prescribed it for 20 years.',
    '"Isotretinoin lockouts were cruel," said a GP who has been prescribing it for 15 years.',
])
def test_a_prescribers_experience_is_no_topics_figure(nlp, text):
    assert list(findings(nlp, text)) == []


# -- pushing back on a figure rejects it --

@pytest.mark.parametrize("text", [
    "I'd push back on that 60 mg/kg isotretinoin target, honestly.",
    "A quick pushback on the 2-week waxing wait after isotretinoin.",
])
def test_pushing_back_on_a_figure_rejects_it(nlp, text):
    assert [f.context for f in findings(nlp, text)] == ["refuted"]


# -- "together with" joins two things; the stance is what the sentence says of them --

@pytest.mark.parametrize("text", [
    "Vitamin A tablets together with isotretinoin add to its toxicity.",
    "Vitamin A capsules alongside isotretinoin can cause headaches.",
    "Vitamin A pills add to the toxicity of isotretinoin.",
])
def test_a_harm_said_of_things_taken_together_prohibits(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text)] == [("vitamin_a_supplements", "consistent")]


# -- a stance in brackets that do not hold the rule's words is the bracket's own --

@pytest.mark.parametrize("text", [
    "Avoid while on isotretinoin:\n- Vitamin A pills (ordinary meals are fine).",
    "Things to skip on isotretinoin\n- vitamin A capsules (carrots are okay)",
])
def test_a_stance_in_an_aside_is_not_the_rules(nlp, text):
    assert [f for f in findings(nlp, text) if f.verdict == "discrepant"] == []


def test_a_stance_beside_its_rule_in_brackets_still_counts(nlp):
    text = "On isotretinoin, take care with supplements (vitamin A supplements are fine)."
    assert [f.verdict for f in findings(nlp, text) if f.topic == "vitamin_a_supplements"] == ["discrepant"]


# -- a doctor's specialty is no other medicine; an opinion the writer states is a claim --

@pytest.mark.parametrize("text", [
    "Accutane question.\n\nSkin first\nCarla Benn, DO · Aesthetic Medicine · 5 reviews\n"
    "Patients of mine wax 6 weeks on from the final capsule.",
    "Accutane forum\n\nDr Jane Roe, MD · Family Medicine\nMost people can wax 3 weeks after the last capsule.",
])
def test_a_specialty_under_a_doctors_name_is_no_other_medicine(nlp, text):
    assert [(f.drug, f.verdict) for f in findings(nlp, text)] == [("isotretinoin", "discrepant")]


@pytest.mark.parametrize("text", [
    "In my view, under 5% relapse once isotretinoin is over.",
    "The relapse rate after isotretinoin is under 5%, on my reading of the trials.",
])
def test_an_opinion_the_writer_states_is_judged(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text)] == [("asserted", "discrepant")]


# -- "in first N weeks", without its article, times a flare as "in the first" does --

@pytest.mark.parametrize("text", [
    "On isotretinoin the acne may flare in first 6 weeks.",
    "In first 5 weeks, acne can get worse on isotretinoin.",
])
def test_a_flare_in_first_weeks_is_its_length(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text)] == [("initial_flare", "discrepant")]


# -- a clinic's, colleagues' or a relative's sworn words are theirs, not the writer's experience --

@pytest.mark.parametrize("text", [
    "My clinic says blood donation is fine two weeks after isotretinoin.",
    "Relapse after isotretinoin? Some of my colleagues quote a relapse rate as high as 80%.",
    "My cousin swears isotretinoin with doxycycline is fine for faster results.",
    "My aunt swore that a 3-week isotretinoin course is enough.",
])
def test_others_words_in_a_first_person_sentence_are_attributed(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text)] == [("attributed", "discrepant")]


@pytest.mark.parametrize("text", [
    "An isotretinoin flare normally lasts 40 days or so, and that matched my experience.",
    "Isotretinoin flares tend to last about 5 weeks, and that fits my experience.",
])
def test_a_general_claim_the_writer_confirms_stays_general(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text)] == [("asserted", "discrepant")]


# -- a claim reported from a viral post or "online" is named to be debunked --

@pytest.mark.parametrize("text", [
    "A viral TikTok claims waxing seven days after isotretinoin is fine.",
    "A line making the rounds on Instagram says isotretinoin shrinks oil glands forever.",
    "Perhaps you read online that pregnancy is off limits for three years after isotretinoin.",
    "Someone in an online forum told me waxing is fine seven days after isotretinoin.",
    "A website claims isotretinoin cures 100% of patients after one course.",
])
def test_a_claim_from_a_viral_source_is_rejected(nlp, text):
    found = findings(nlp, text)
    assert [f.context for f in found] == ["refuted"] and [f.verdict for f in found] == ["consistent"]


# -- a rule taken away in any tense, and over an aside, is no rule in force --

@pytest.mark.parametrize("text", [
    "iPLEDGE quietly dropped its former 19-day lockout this year.",
    "Regulators axed that unpopular 19-day lockout in 2023.",
    "The 19-day lockout, which many dermatologists hated, has been dropped.",
    "The 19-day lockout, which kept patients who missed a pickup from testing, was scrapped in 2023.",
])
def test_a_rule_taken_away_is_negated(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["negated"]


@pytest.mark.parametrize("text", [
    "Patients endured the 19-day lockout back then.",
    "The 19-day lockout applies if you miss your window.",
])
def test_a_rule_in_force_is_asserted(nlp, text):
    assert [c.context for c in claims(nlp, text)] == ["asserted"]


# -- what the writer used to tell others, or a belief a finding overturns, is rejected --

@pytest.mark.parametrize("text", [
    "I used to tell people to wait a week after Accutane before waxing.",
    "We used to say two weeks was enough before waxing after Accutane.",
    "These results challenge a widespread belief: that Accutane shrinks oil glands permanently.",
    "The data debunk a common belief, shared on forums, that isotretinoin kills acne bacteria.",
    "Last Tuesday we wrote that Accutane reduces oil by roughly 40%.",
    "In last month's issue I claimed that isotretinoin lowers oil by 30%.",
])
def test_a_claim_given_up_or_overturned_is_rejected(nlp, text):
    found = findings(nlp, text)
    assert [(f.context, f.verdict) for f in found] == [("refuted", "consistent")]


@pytest.mark.parametrize("text", [
    "Some say isotretinoin means waiting three years before a pregnancy. That 3-year number belongs to a "
    "different drug.",
    "A forum post told women to hold off on pregnancy for 3 years after Accutane. That long wait comes from "
    "another retinoid.",
])
def test_a_figure_said_to_be_another_drugs_is_rejected(nlp, text):
    assert [f.context for f in findings(nlp, text) if f.kind == "numeric"] == ["refuted"]


# -- the contraceptive pill's own time to work is no isotretinoin figure --

@pytest.mark.parametrize("text", [
    "Isotretinoin helps most people. The pill generally needs about three months to improve acne.",
    "Isotretinoin clears skin. Birth control pills often need 2 to 3 months to improve the skin.",
])
def test_the_pills_own_time_to_work_is_not_the_drugs(nlp, text):
    assert not [f for f in findings(nlp, text) if f.drug == "isotretinoin" and f.kind == "numeric"]


def test_the_pill_as_a_method_of_contraception_stays_the_drugs_rule(nlp):
    text = "Isotretinoin needs contraception. The pill and condoms make two forms of contraception."
    assert [(f.drug, f.topic) for f in findings(nlp, text) if f.kind == "numeric"] == [
        ("isotretinoin", "contraception_forms")]


# -- a page comparing its title's drug with others it names calls its own "this medicine" --

@pytest.mark.parametrize(("title", "text"), [
    ("Absorica compared with doxycycline and spironolactone",
     "This capsule is for severe acne. Doxycycline is an antibiotic. Spironolactone blocks hormones, and "
     "spironolactone suits women. This capsule works fast.\n\nHow long\nA course lasts 8 weeks for most."),
    ("Accutane or spironolactone?",
     "Spironolactone is a water tablet; spironolactone is cheap. This medicine is stronger, and this drug "
     "clears acne for good.\n\nCourse\nA course lasts 8 weeks."),
])
def test_the_titles_drug_is_the_pages_when_it_calls_it_this_medicine(nlp, title, text):
    [result] = audit_documents([Document("d", text, "test", title=title)], nlp)
    assert [(f.drug, f.verdict) for f in result.findings if f.topic == "course_length"] == [
        ("isotretinoin", "discrepant")]


# -- a regulator's review or new rules coming into force are news --

@pytest.mark.parametrize("title", [
    "Isotretinoin prescribing: what the MHRA review means",
    "Stricter isotretinoin checks came into force on Monday",
])
def test_a_regulators_review_or_rules_in_force_make_a_report(nlp, title):
    text = "Anyone able to conceive keeps two birth control methods going and tests each month."
    [result] = audit_documents([Document("d", text, "test", title=title)], nlp)
    assert not [f for f in result.findings if f.kind == "omission"]


# -- a statement someone questions, or catches themself saying, is rejected --

@pytest.mark.parametrize("text", [
    "A reviewer questioned one sentence, which says isotretinoin cuts oil by 40%.",
    "The panel questioned a claim, which the brochure repeats, that isotretinoin lowers oil by 35%.",
    "Two of us questioned the section claiming that isotretinoin kills acne bacteria.",
    "Yesterday I caught myself telling a client she could wax 2 weeks after isotretinoin.",
    "Sometimes I catch myself saying isotretinoin reduces oil by only 30%.",
])
def test_a_questioned_or_caught_statement_is_rejected(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind != "omission"] == [
        ("refuted", "consistent")]


def test_a_comment_after_a_claim_still_ends_its_scope(nlp):
    found = findings(nlp, "Isotretinoin cuts oil by 40%, which is less than most people think.")
    assert [(f.context, f.verdict) for f in found] == [("asserted", "discrepant")]


# -- a contraction written without its apostrophe, as captions and chats write it --

def test_a_bare_contraction_prohibits_as_the_written_one_does(nlp):
    found = findings(nlp, "on accutane if you forget a capsule dont double up, just carry on")
    assert [(f.topic, f.verdict) for f in found] == [("missed_dose", "consistent")]
    assert "'dont' (prohibit)" in found[0].evidence


@pytest.mark.parametrize("text", [
    "fyi isotretinoin doesnt kill bacteria at all",
    "isotretinoin doesnt kill acne bacteria lol",
])
def test_a_bare_contraction_negates_as_the_written_one_does(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text)] == [("negated", "consistent")]


def test_a_word_without_an_apostrophe_is_no_contraction(nlp):
    found = findings(nlp, "its fine to wax 2 weeks after isotretinoin")
    assert [(f.context, f.verdict) for f in found] == [("asserted", "discrepant")]


# -- a claim answered as untrue in its own sentence, or a correction of what a page once said --

@pytest.mark.parametrize("text", [
    "Some claim isotretinoin kills acne bacteria, but that's simply not true.",
    "this guy says accutane cures every single person 100 percent but thats not true",
    "Folks say isotretinoin cuts oil by 30%, and that is not true.",
    "This page previously said the flare lasts 6 to 8 weeks on isotretinoin.",
    "The previous version of this FAQ said isotretinoin lowers oil by 40%.",
    "p. 12, para 2, Printed: Avoid pregnancy for 1 week after isotretinoin.",
    "Table 3, as printed: isotretinoin cures 100% of patients.",
])
def test_a_claim_answered_or_taken_back_is_rejected(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind != "omission"] == [
        ("refuted", "consistent")]


# -- a claim the writer asks about is a question, not the page's statement --

@pytest.mark.parametrize("text", [
    "Our salon says waxing 2 weeks after isotretinoin is okay. Is that normal?",
    "Someone at the gym said isotretinoin cuts oil by only 40%. Is that true, though?",
    "A friend told me pregnancy is off for three years after isotretinoin. I am on the "
    "pill. Is all of that right?",
    "The clinic says isotretinoin clears 100% of patients. My sister says half. Which one is right?",
    "My derm said conceiving 2 weeks after isotretinoin is fine, is that right?",
])
def test_a_claim_the_writer_asks_about_is_a_question(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"] == [
        ("question", "unverified")]


def test_a_question_in_another_paragraph_asks_nothing_of_this_one(nlp):
    text = "Isotretinoin cuts oil by 40%.\n\nMy sister says half. Which one is right?"
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.claim_text == "40%"] == [
        ("asserted", "discrepant")]


# -- a reply opening its turn by correcting the figure before it --

@pytest.mark.parametrize("text", [
    "JO: My doctor said only 3% of people need a second isotretinoin course.\nSAM: It's more than that, really.",
    "Isotretinoin cuts oil by 40%.\nIt's much more than that.",
    "I read pregnancy is off for 3 years once isotretinoin ends.\n\nThat's a common mix-up.",
    "Isotretinoin cuts oil by 40%.\nEDIT: that number was way off.",
])
def test_a_reply_correcting_the_figure_rejects_it(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind == "numeric"] == [
        ("refuted", "consistent")]


# -- "three days a week" is a count per week, and a delay is no length --

@pytest.mark.parametrize("text", [
    "Missing lunch three days a week can cut your isotretinoin course short.",
    "Going to the gym two nights a week is fine during an isotretinoin course.",
    "A delay can push your isotretinoin course back by nearly a month.",
    "My isotretinoin course was delayed by six weeks.",
])
def test_a_frequency_or_a_delay_is_no_course_length(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a belief the writer labels as theirs once, or a figure no study supports, is rejected --

@pytest.mark.parametrize("text", [
    "What I believed: isotretinoin kills acne bacteria.",
    "What I used to think: the isotretinoin purge lasts 3 months.",
    "No study supports a relapse rate as low as 3% after isotretinoin.",
    "No trial supports the idea that isotretinoin cures 100% of patients.",
])
def test_a_former_belief_or_unsupported_figure_is_rejected(nlp, text):
    assert [(f.context, f.verdict) for f in findings(nlp, text) if f.kind != "omission"] == [
        ("refuted", "consistent")]


# -- a ban is a prohibition --

@pytest.mark.parametrize("text", [
    "Low-dose isotretinoin keeps the same ban on doxycycline alongside it.",
    "Isotretinoin: tetracyclines are banned while you take it.",
])
def test_a_ban_prohibits(nlp, text):
    assert [(f.topic, f.verdict) for f in findings(nlp, text) if f.kind != "omission"] == [
        ("tetracycline_combination", "consistent")]


# -- "upto", as pages written fast or in a second language spell it, is "up to" --

@pytest.mark.parametrize(("text", "claim"), [
    ("Isotretinoin decrease oil upto 90%.", "upto 90%"),
    ("Relapse after isotretinoin happen in upto 30% of patient.", "upto 30%"),
])
def test_upto_is_up_to(nlp, text, claim):
    assert [(c.quantity.text, c.quantity.qualifier) for c in claims(nlp, text)] == [(claim, "up_to")]


# -- a time after a changed dose is how long the new dose lasted, not the course --

@pytest.mark.parametrize("text", [
    "My isotretinoin dose was lowered from 60 mg daily to 40 mg daily for 6 weeks.",
    "On isotretinoin, my derm cut me to 20 mg daily for a month.",
])
def test_a_time_after_a_changed_dose_is_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin at 40 mg daily for 3 months is typical.",
    "Isotretinoin at doses from 0.6 to 0.9 mg/kg/day for 14 weeks is typical.",
])
def test_a_time_after_a_dose_is_still_the_course(nlp, text):
    assert "course_length" in topics(nlp, text)


# -- more ways to name the people a rate counts, and the pickup of a prescription --

@pytest.mark.parametrize("text", [
    "After isotretinoin, 99% of the kids at our clinic were clear.",
    "After isotretinoin, 99% of youngsters here were clear.",
])
def test_kids_and_youngsters_are_people_a_rate_counts(nlp, text):
    assert [c.topic for c in claims(nlp, text)] == ["clearance_rate"]


@pytest.mark.parametrize("text", [
    "On isotretinoin you get 7 days to fill your prescription after the test.",
    "Isotretinoin: those unable to conceive have 30 days to fill the script.",
])
def test_filling_the_prescription_is_the_pickup(nlp, text):
    assert topics(nlp, text) == ["pickup_window"]


# -- a figure set off by commas or dashes after the people it counts belongs to their clause --

@pytest.mark.parametrize(("text", "topic"), [
    ("Nearly all isotretinoin patients, 98%, end the course clear.", "clearance_rate"),
    ("On isotretinoin, nearly all of them – 99 per cent – were clear at the end.", "clearance_rate"),
    ("Isotretinoin cuts oil by 40%, and most people, about 85%, stay clear.", "cure_rate"),
])
def test_a_figure_in_apposition_takes_its_clause(nlp, text, topic):
    assert topic in topics(nlp, text)


# -- a time read only from the dose before it is how long that dose was taken: agreeing with a
# -- course is no harm, disagreeing says nothing about the course (a phase, one person's course)

@pytest.mark.parametrize("text", [
    "Isotretinoin, week by week: 0.5 mg/kg/day for 3 weeks, then the full dose.",
    "Isotretinoin 20 mg daily for 9 months cleared the acne on his back.",
    "A typical isotretinoin plan at the clinic: 40 mg a day for 10 weeks.",
])
def test_a_time_after_a_dose_is_not_judged_as_a_course(nlp, text):
    [course] = [f for f in findings(nlp, text) if f.topic == "course_length"]
    assert (course.verdict, course.severity) == ("unverified", "info")
    assert "read from the dose before it" in course.explanation


@pytest.mark.parametrize("text", [
    "Isotretinoin is usually dosed 0.5 mg/kg/day for 17 to 21 weeks.",
    "Isotretinoin 40 mg daily for 5 months is a common plan.",
])
def test_a_time_after_a_dose_that_fits_a_course_agrees(nlp, text):
    [course] = [f for f in findings(nlp, text) if f.topic == "course_length"]
    assert course.verdict == "consistent"


def test_a_course_length_in_its_own_words_is_still_judged(nlp):
    text = "Isotretinoin is taken for 6 weeks, then stopped."
    [course] = [f for f in findings(nlp, text) if f.topic == "course_length"]
    assert course.verdict == "discrepant"


# -- the speaker and a verb in the regular past tell an experience, not advice --

@pytest.mark.parametrize("text", [
    "I waxed my upper lip 5 weeks after my last isotretinoin capsule and was fine.",
    "I booked a brow wax 2 weeks after finishing isotretinoin.",
    "I’ve waxed my chin 3 weeks after isotretinoin ended.",
    "I finally booked a laser peel 6 weeks after isotretinoin ended.",
])
def test_a_first_person_past_is_an_experience(nlp, text):
    found = [f for f in findings(nlp, text) if f.kind != "omission"]
    assert found and all(f.context == "anecdotal" and f.verdict == "unverified" for f in found)


@pytest.mark.parametrize("text", [
    "I recommended that isotretinoin patients hold off waxing until six months after their final capsule.",
    "I learned that isotretinoin users ought to skip giving blood for 1 week after stopping.",
])
def test_saying_or_learning_in_the_past_is_no_experience(nlp, text):
    found = [f for f in findings(nlp, text) if f.kind != "omission"]
    assert found and all(f.context == "asserted" for f in found)


# -- a text cut off mid-sentence is not told what it left out: the rest was never read --

NOTE = ("Isotretinoin can harm an unborn child, so female patients keep up two methods of contraception "
        "throughout the course.")


@pytest.mark.parametrize("ending", [
    "\n\nThinking about a baby later on? Speak with the clinic team first because the advice on when it is safe to",
    "\nSome people also ask about giving blood, and the rules on that depend on where you live and how",
    "\n\nYour clinic nurse books each monthly test for you and explains the results. Bring yo",
])
def test_a_text_cut_off_mid_sentence_owes_no_omission(nlp, ending):
    assert omitted(nlp, NOTE + ending) == []


@pytest.mark.parametrize("ending", [
    "",
    "\n\nAsk your pharmacist if anything here is unclear",
    "\n\nPrivacy policy | Terms of use | Contact the clinic team about appointments and prescriptions",
    '\n\n"Parcel arrived on time and the pharmacist rang ahead to check the dose and the address" '
    "- Sam, verified buyer",
])
def test_a_finished_text_or_a_footer_still_owes_them(nlp, ending):
    assert omitted(nlp, NOTE + ending) == ["blood_donation", "pregnancy_window_after"]


# -- a verdict word closed by a comma or a dash, or "not quite", answers the line before it --

@pytest.mark.parametrize("text", [
    '"Isotretinoin wipes out the germs behind acne by killing bacteria."\nMyth, and a common one. Its target is sebum.',
    '"Accutane makes your oil glands shrink permanently."\nNot quite. Oil output creeps back after the course.',
    '"Isotretinoin wipes out the germs behind acne by killing bacteria."\nNot exactly, it changes the pores.',
])
def test_a_verdict_opening_the_next_line_refutes_the_line_before(nlp, text):
    [claim] = [c for c in claims(nlp, text) if c.topic in ("antibacterial_action", "permanent_sebum_shrinkage")]
    assert claim.context == "refuted"


def test_a_myth_label_with_a_colon_still_labels_what_follows(nlp):
    text = "Good to know.\nMyth: isotretinoin calms spots by killing bacteria in pores."
    [claim] = [c for c in claims(nlp, text) if c.topic == "antibacterial_action"]
    assert claim.context == "refuted"


# -- a share reaching a grade of rise is not how many have raised triglycerides --

@pytest.mark.parametrize("text", [
    "On isotretinoin, triglycerides rose in 25% of patients, but severe rises happened in under 1% of them.",
    "On isotretinoin, fewer than 1 in 150 patients reached triglyceride levels high enough to threaten the pancreas.",
    "On isotretinoin, very high triglycerides turned up in 0.4% of users.",
])
def test_a_share_with_a_severe_rise_is_no_triglyceride_rate(nlp, text):
    rates = [f for f in findings(nlp, text) if f.topic == "triglycerides_rise"]
    assert all(f.verdict == "consistent" for f in rates)


# -- "after 7 days": a side word right before the number times a point, not a window after the course --

@pytest.mark.parametrize("text", [
    "Patients who tried to fill an isotretinoin prescription after 7 days had passed could not receive it "
    "for another 20 days, a rule designed to prevent exposure during pregnancy.",
    "People who asked for isotretinoin after 9 days were refused it for 21 more days, a safeguard against pregnancy.",
])
def test_a_side_word_the_number_follows_is_no_window(nlp, text):
    assert not [f for f in findings(nlp, text) if f.topic.startswith("pregnancy_window_") and f.verdict == "discrepant"]


def test_a_window_after_stopping_still_counts(nlp):
    text = "After stopping isotretinoin, avoid pregnancy for 1 week."
    [window] = [f for f in findings(nlp, text) if f.topic == "pregnancy_window_after"]
    assert window.verdict == "discrepant"


# -- a share of one arm of a trial is the trial's own result, unless someone is said to report it --

@pytest.mark.parametrize("text", [
    "Isotretinoin trial: by week 20, 64% in the lower-dose group had cleared, against 67% on full dose.",
    "Isotretinoin, 24 weeks: sebum output fell by 40% in both arms.",
    "In the treatment arm of the isotretinoin study, 99% of participants were clear at week 20.",
])
def test_a_trial_arms_share_is_the_trials_own_result(nlp, text):
    found = [f for f in findings(nlp, text) if f.kind == "numeric"]
    assert found and all(f.context == "study" and f.verdict == "unverified" for f in found)


@pytest.mark.parametrize("text", [
    "Isotretinoin trial: by week 20, 64% in the lower-dose group had cleared, the researchers reported.",
    'The lead author of the isotretinoin trial was upbeat. "By week 20, 64% in the lower-dose group had cleared."',
])
def test_a_trial_arms_share_someone_reports_is_judged(nlp, text):
    found = [f for f in findings(nlp, text) if f.kind == "numeric"]
    assert found and all(f.context != "study" for f in found)


# -- a sum that "works out at" a figure is arithmetic, not the drug starting to work; one fill's
# -- days "at a time" are no course length --

@pytest.mark.parametrize("text", [
    "On isotretinoin at 40 mg a day, 120 mg/kg for a 70 kg adult works out at 8,400 mg, so about 210 days.",
    "Isotretinoin maths: that works out to roughly 200 days at your dose.",
])
def test_working_out_a_sum_is_no_time_to_improvement(nlp, text):
    assert "time_to_improvement" not in topics(nlp, text)


@pytest.mark.parametrize("text", [
    "Isotretinoin: the clinic can hand out maximum 28 days of treatment at once.",
    "Isotretinoin: a pharmacy gives out maximum 28 days of tablets at a time.",
])
def test_days_handed_over_at_a_time_are_no_course(nlp, text):
    assert "course_length" not in topics(nlp, text)


# -- a time counted from the pregnancy test is the pickup's, not the lockout's --

@pytest.mark.parametrize("text", [
    "On isotretinoin, failing to reach the chemist inside 7 days of your test means a lockout.",
    "Isotretinoin rules: miss the 6 days from the pregnancy test and the lockout kicks in.",
])
def test_a_time_from_the_test_is_no_lockout(nlp, text):
    assert "pregnancy_test_lockout" not in topics(nlp, text)


# -- "one more test" adds to tests already had: it counts no tests needed up front --

@pytest.mark.parametrize("text", [
    "Isotretinoin update: one more pregnancy test next Tuesday and then I can collect.",
    "Isotretinoin: just 1 more negative test to go before my first pack.",
    "Isotretinoin: two more pregnancy tests at the clinic and I can start.",
])
def test_one_more_test_is_no_count_of_tests(nlp, text):
    assert "pregnancy_tests" not in topics(nlp, text)


# -- a sentence that reports its statistics is a study's own result, unless it says who reports it --

@pytest.mark.parametrize("text", [
    "Isotretinoin: second courses were needed by 58% of women and 44% of men (P < 0.01).",
    "Isotretinoin cleared 99% of patients (95% CI 97-100) at week 20.",
    "After isotretinoin, relapse hit 70% of patients (odds ratio 2.1 for women).",
])
def test_a_sentence_with_its_statistics_is_a_studys_result(nlp, text):
    found = [f for f in findings(nlp, text) if f.kind == "numeric"]
    assert found and all(f.context == "study" for f in found)


def test_statistics_someone_reports_are_judged(nlp):
    text = "Isotretinoin cleared 99% of patients (95% CI 97-100), the researchers said."
    found = [f for f in findings(nlp, text) if f.kind == "numeric"]
    assert found and all(f.context != "study" for f in found)


# -- a page that says a rule has ended tells of the old rule when it mentions it again --

@pytest.mark.parametrize("text", [
    "Isotretinoin news. The iPLEDGE program has dropped its 19-day lockout. Critics had called the 19-day "
    "lockout cruel to patients.",
    "Isotretinoin patients remember the 19-day lockout with dread. Happily, that 19-day lockout was dropped.",
])
def test_a_rule_the_page_says_has_ended_is_not_flagged_again(nlp, text):
    assert not [f for f in findings(nlp, text) if f.verdict == "discrepant"]


def test_a_rule_no_longer_in_force_is_still_flagged_alone(nlp):
    text = "Isotretinoin patients who miss the window face the 19-day lockout."
    assert [f.direction for f in findings(nlp, text) if f.verdict == "discrepant"] == ["outdated"]
