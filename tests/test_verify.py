"""Verdicts, directions, severities and explanations: the editor-facing policy."""

from __future__ import annotations

import pytest

from auditor import audit_text


def finding(text, topic=None):
    found = [f for f in audit_text(text) if f.verdict != "omission"]
    if topic:
        found = [f for f in found if f.topic == topic]
    assert len(found) == 1, [(f.claim_text, f.topic, f.verdict) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "verdict", "direction", "severity"),
    [
        # a safety window: shorter is dangerous, longer merely cautious
        ("Wait six weeks after your last isotretinoin dose before waxing.",
         "discrepant", "understates", "critical"),
        ("Wait at least six months after your last isotretinoin dose before waxing.",
         "consistent", "", ""),
        ("Wait a year after your last isotretinoin dose before laser hair removal.",
         "consistent", "", ""),
        # efficacy overstated is major; a round figure is compared as the rounding it is
        ("Up to 99% of patients are clear after one course of isotretinoin.",
         "discrepant", "overstates", "major"),
        # end-of-course clearance is about 4 in 5 (reference review 2026-12), not a 61% ceiling
        ("Roughly four in five patients end an isotretinoin course with clear skin.",
         "consistent", "", ""),
        ("Isotretinoin cuts oil production by up to 90%.", "consistent", "", ""),
        # a unit slip, a thousandfold off, is never milder than major
        ("A total of 150 g/kg of isotretinoin is the cumulative target.",
         "discrepant", "overstates", "major"),
        # a dose inside and outside the label
        ("Isotretinoin is dosed at 0.5 to 1 mg/kg per day.", "consistent", "", ""),
        ("Isotretinoin is dosed at 3 mg/kg per day.", "discrepant", "overstates", "major"),
        # timing differences are minor
        ("An isotretinoin course usually lasts 8 to 12 months.",
         "discrepant", "overstates", "minor"),
        # a month written as one is any calendar month: 28 to 31 days, not above a 30-day limit
        ("Each isotretinoin prescription gives you one month's supply, with no refills.",
         "consistent", "", ""),
        ("Your pharmacy can hand over a supply of 2 months of isotretinoin per prescription.",
         "discrepant", "overstates", "major"),
        # ... and reaches up only to 31 days: three months are at most 93 days, short of the
        # 15 weeks (less the 10% slack) a course lasts
        ("An isotretinoin course takes 3 months.", "discrepant", "understates", "minor"),
        ("An isotretinoin course takes 2 to 3 months.", "discrepant", "understates", "minor"),
        ("An isotretinoin course takes 4 months.", "consistent", "", ""),
        # a source's round percentage carries its own last digit: "65%" stands for 64.5 to 65.5
        ("After isotretinoin, relapse rates range from 9.4% to 65.4%.", "consistent", "", ""),
        ("After isotretinoin, relapse occurs in 66% of patients.", "discrepant", "overstates", "minor"),
        ("After isotretinoin, relapse occurs in 8.6% of patients.", "consistent", "", ""),
        ("After isotretinoin, relapse occurs in 8.4% of patients.", "discrepant", "understates", "minor"),
        # rules
        ("It is safe to take isotretinoin with minocycline.",
         "discrepant", "contradicts", "critical"),
        ("Avoid tetracycline antibiotics while taking isotretinoin.", "consistent", "", ""),
        # the acitretin rule misapplied: more cautious, but wrong for this drug
        ("Avoid pregnancy for three years after stopping isotretinoin.",
         "discrepant", "overstates", "minor"),
        ("Do not get pregnant for a year after your last isotretinoin capsule.",
         "discrepant", "overstates", "minor"),
        # a margin of caution over the month is no error
        ("Avoid pregnancy for 5 weeks after stopping isotretinoin.", "consistent", "", ""),
        ("Keep using contraception for two months after your last isotretinoin capsule.",
         "consistent", "", ""),
    ],
)
def test_verdict_direction_severity(text, verdict, direction, severity):
    f = finding(text)
    assert (f.verdict, f.direction, f.severity) == (verdict, direction, severity), f.explanation


def test_explanation_names_both_values_and_the_citation():
    f = finding("Wait six weeks after your last isotretinoin dose before waxing.")
    assert '"six weeks"' in f.explanation
    assert "6 months" in f.explanation
    assert "American Academy of Dermatology" in f.explanation
    assert f.reference_value == "at least 6 months"
    assert f.citation and f.reference_id == "iso_cosmetic_procedures"


def test_other_drugs_are_never_compared_with_isotretinoin_facts():
    f = finding("Doxycycline for acne is usually taken for 12 months.")
    assert (f.drug, f.verdict, f.severity) == ("doxycycline", "discrepant", "major")
    assert f.reference_id.startswith("doxy_")
    f = finding("Tretinoin cream is usually used for 12 months.")
    assert (f.drug, f.verdict, f.severity, f.reference_id) == ("tretinoin", "unverified", "info", "")


def test_a_unit_that_cannot_be_compared_is_unverified():
    f = finding("Isotretinoin is usually started at 20 mg per day.")
    assert (f.topic, f.unit, f.verdict) == ("daily_dose", "mg/day", "unverified")
    assert "mg/kg/day" in f.explanation


def test_a_refuted_wrong_claim_is_not_a_discrepancy_of_the_article():
    f = finding("Myth: up to 99% of patients are clear after one course of isotretinoin.")
    assert (f.context, f.verdict) == ("refuted", "consistent")


def test_an_attributed_claim_is_one_level_milder():
    f = finding("Some bloggers claim you can wax six weeks after your last isotretinoin dose.")
    assert (f.context, f.verdict, f.severity) == ("attributed", "discrepant", "major")


def test_arithmetic_that_does_not_reach_its_target():
    text = ("Isotretinoin dosing aims at a cumulative dose of 120–150 mg/kg.\n"
            "A person weighing 60 kg might be prescribed 20mg twice daily.\n"
            "Over 5 months, this would reach the target cumulative dose.")
    findings = audit_text(text)
    [target] = [x for x in findings if x.kind == "numeric" and x.topic == "cumulative_dose"]
    assert target.verdict == "consistent"  # the article's target itself is right...
    [a] = [x for x in findings if x.kind == "arithmetic"]  # ...its example does not reach it
    assert (a.verdict, a.direction, a.severity) == ("discrepant", "overstates", "major")
    assert a.extra["computed_value"] == pytest.approx(101.46, abs=0.01)
    assert "101 mg/kg" in a.explanation


def test_arithmetic_that_adds_up_is_consistent():
    text = ("Maya weighs 50 kg and takes 40 mg a day of isotretinoin for 5 months, which "
            "reaches a cumulative dose of about 122 mg/kg.")
    [a] = [x for x in audit_text(text) if x.kind == "arithmetic"]
    assert a.verdict == "consistent"


def test_omissions_one_per_missing_required_statement():
    text = ("Isotretinoin can cause birth defects, so women must use two forms of "
            "contraception during treatment.")
    omissions = [f for f in audit_text(text) if f.kind == "omission"]
    assert sorted(f.topic for f in omissions) == ["blood_donation", "pregnancy_window_after"]
    assert all(f.verdict == "omission" and f.sentence == "" and f.start_char is None
               for f in omissions)


def test_no_omission_when_the_statements_are_made():
    text = ("Isotretinoin can cause birth defects: avoid pregnancy for one month after the last "
            "dose. Do not donate blood during treatment or for one month after it.")
    assert [f for f in audit_text(text) if f.kind == "omission"] == []


def test_findings_come_worst_first():
    text = ("Up to 85% of isotretinoin users are clear after one course. Wait six weeks after "
            "your last dose before waxing.")
    severities = [f.severity for f in audit_text(text)]
    assert severities[0] == "critical"
