"""A study's own voice: its aims, methods, cohort and results are one study's findings, not the
page's advice, so the audit lists them (context `study`) and does not judge them. A page that
cites a study for a general claim ("a study found ...") is still judged, as `attributed`.
Every sentence here was written for this file.
"""

from __future__ import annotations

import pytest

from auditor.audit import audit_documents
from auditor.model import Document
from auditor.reference import ReferenceError, load_reference


def claims(nlp, text):
    doc = nlp(text)
    return [span._.claim for span in doc.spans["claims"]]


def audit(nlp, text):
    [result] = audit_documents([Document("d", text, "test")], nlp)
    return result


@pytest.mark.parametrize("text", [
    "This study aimed to find out whether laser resurfacing is safe within three months of "
    "stopping isotretinoin.",
    "In our study, 62 patients took isotretinoin at 0.25 mg/kg/day for 24 weeks.",
    "Patients were randomized to 10 mg of isotretinoin a day or to 0.5 mg/kg/day for 5 months.",
    "Clear skin was reached by 97% of isotretinoin patients in this study.",
    "Isotretinoin was taken for 9 months on average in our study.",
    "Relapse was less frequent after a cumulative isotretinoin dose above 220 mg/kg, a "
    "statistically significant difference.",
])
def test_a_study_in_its_own_voice_is_not_judged(nlp, text):
    found = claims(nlp, text)
    assert found and all(c.context == "study" for c in found)
    findings = audit(nlp, text).findings
    assert not any(f.verdict == "discrepant" for f in findings)
    assert any(f.verdict == "unverified" and "a study's own methods or results" in f.explanation
               for f in findings)


@pytest.mark.parametrize("text", [
    "A study found that isotretinoin courses last 12 months on average.",
    "Researchers found that isotretinoin courses last 12 months on average.",
])
def test_a_page_citing_a_study_is_still_judged(nlp, text):
    [claim] = claims(nlp, text)
    assert claim.context == "attributed"
    assert [f.verdict for f in audit(nlp, text).findings if f.topic == "course_length"] == ["discrepant"]


ABSTRACT = """Low-dose isotretinoin for adult acne: a retrospective review

Background: Isotretinoin courses usually last 16 to 24 weeks.
Methods: We reviewed 140 adults given isotretinoin for 12 months of treatment.
Results: Clear skin was reached by 97% of patients.
Conclusions: An isotretinoin course lasts 12 months.
"""


def test_the_methods_and_results_of_an_abstract_are_the_studys_own(nlp):
    by_section = {c.sentence.split(":")[0]: c.context for c in claims(nlp, ABSTRACT)}
    assert by_section["Methods"] == "study"
    assert by_section["Results"] == "study"
    # the background and the conclusions speak in general, and are judged
    assert by_section["Background"] == "asserted"
    assert by_section["Conclusions"] == "asserted"


HEADED_ABSTRACT = """Isotretinoin in adult men with truncal acne: a cohort study

BACKGROUND
Truncal acne often needs oral treatment.

METHODS
We followed 90 men given isotretinoin at 0.8 mg/kg/day for 9 months.

RESULTS
Relapse was seen in 44% of patients after isotretinoin, and triglycerides rose in 71%.
"""

HEADED_REPORT = """Objectives
To compare two isotretinoin dose targets.

Results
Clear skin was reached by 99% of isotretinoin patients after 3 weeks of treatment.
"""


@pytest.mark.parametrize("text", [HEADED_ABSTRACT, HEADED_REPORT])
def test_labels_alone_on_their_lines_open_an_abstracts_sections(nlp, text):
    found = [c for c in claims(nlp, text) if c.quantity is not None]
    assert found and all(c.context == "study" for c in found)
    assert not any(f.verdict in ("discrepant", "omission") for f in audit(nlp, text).findings)


def test_one_results_heading_on_an_advice_page_is_plain_text(nlp):
    text = ("What to expect from isotretinoin\n\nResults\nMost patients are clear in 3 weeks, and "
            "97% of patients clear for good.\n")
    assert all(c.context != "study" for c in claims(nlp, text))


def test_a_results_label_on_a_page_that_is_no_study_is_plain_text(nlp):
    text = ("My isotretinoin diary\n\nResults: most readers clear up within 12 months of "
            "treatment, and 97% of patients are clear.\n")
    assert all(c.context != "study" for c in claims(nlp, text))


def test_a_label_inside_a_line_opens_no_section(nlp):
    text = ("Background: isotretinoin is a retinoid.\nConclusions: it works.\n"
            "Our methods: 97% of patients clear on isotretinoin.\n")
    assert [c.context for c in claims(nlp, text) if c.quantity is not None] == ["asserted"]


def test_a_context_rule_with_an_unknown_scope_is_refused(reference_copy):
    rules = reference_copy / "context_rules.csv"
    rules.write_text(rules.read_text() + "results:,study,forward,,chapter\n")
    with pytest.raises(ReferenceError, match="scope must be one of"):
        load_reference(reference_copy)


@pytest.mark.parametrize("text", [
    "Patients who were enrolled in iPLEDGE had to pick up isotretinoin within 7 days of the test.",
    "This is why isotretinoin courses usually last 16 to 24 weeks.",
])
def test_words_a_study_also_uses_do_not_make_a_study(nlp, text):
    found = claims(nlp, text)
    assert found and all(c.context == "asserted" for c in found)
