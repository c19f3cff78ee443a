"""The pipeline the spaCy way: components that declare what they need, Docs that serialise, a
saved pipeline that carries its own reference, and each stage testable alone."""

from __future__ import annotations

import csv
import shutil

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from auditor.audit import audit_documents
from auditor.model import Claim, Document, Quantity
from auditor.nlp import build_pipeline, pipeline_reference
from auditor.reference import load_reference
from auditor.verify import compare

TEXT = ("Isotretinoin is taken at 0.5 to 1 mg/kg per day for 16 to 24 weeks. "
        "Some websites say you can wax two weeks after stopping. "
        "Never combine it with doxycycline.")


def _claims(doc: Doc) -> list[Claim]:
    return [span._.claim for span in doc.spans["claims"]]


def test_analyze_pipes_shows_what_each_component_assigns_and_requires(nlp):
    analysis = nlp.analyze_pipes()
    summary = analysis["summary"]
    assert "span._.quantity" in summary["auditor_quantities"]["assigns"]
    assert "doc._.context_scopes" in summary["auditor_context"]["assigns"]
    assert "span._.claim" in summary["auditor_claims"]["assigns"]
    assert "span._.quantity" in summary["auditor_claims"]["requires"]
    assert not any(analysis["problems"].values()), analysis["problems"]


def test_claims_alone_names_the_components_it_needs(reference):
    nlp = spacy.blank("en")
    nlp.add_pipe("auditor_sentences")
    nlp.add_pipe("auditor_claims").initialize(nlp=nlp, reference=reference)
    with pytest.raises(ValueError, match="auditor_context.*auditor_cues.*auditor_drugs"):
        nlp("Wait 6 months before waxing.")


def test_a_doc_round_trips_through_bytes_with_its_claims(nlp):
    doc = nlp(TEXT)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _claims(again) == _claims(doc) and _claims(doc)
    quantities = [span._.quantity for span in again.spans["quantities"]]
    assert all(isinstance(q, Quantity) for q in quantities) and quantities
    assert again._.context_scopes == doc._.context_scopes


def test_a_docbin_keeps_claims_and_context(nlp):
    docs = [nlp(TEXT), nlp("Use two forms of contraception for one month after the last dose.")]
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    again = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [_claims(d) for d in again] == [_claims(d) for d in docs]
    contexts = {c.text: c.context for c in _claims(again[0])}
    assert contexts["two weeks"] == "attributed"


def test_two_processes_give_the_same_claims_as_one(nlp):
    texts = [TEXT, "Up to 90% of patients clear after one course.", TEXT.upper()]
    one = [_claims(doc) for doc in nlp.pipe(texts)]
    two = [_claims(doc) for doc in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert two == one and any(one)


def test_a_saved_pipeline_audits_with_its_own_reference(tmp_path, reference_copy):
    """Saved with a custom reference, loaded after that folder is gone: the custom fact holds."""
    facts = reference_copy / "facts.csv"
    rows = list(csv.reader(facts.open(encoding="utf-8")))
    header = rows[0]
    for row in rows[1:]:
        if row and row[0] == "iso_cosmetic_procedures":
            row[header.index("low")] = "1"  # a custom reference: a one-month waxing window
    with facts.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    custom = load_reference(reference_copy)
    build_pipeline(custom).to_disk(tmp_path / "pipeline")
    shutil.rmtree(reference_copy)

    loaded = spacy.load(tmp_path / "pipeline")
    assert pipeline_reference(loaded).version == custom.version
    document = Document("d", "Wait six weeks after your last isotretinoin dose before waxing.", "t")
    [audit] = audit_documents([document], loaded)
    [finding] = [f for f in audit.findings if f.topic == "cosmetic_procedures_after"]
    assert finding.verdict == "consistent"  # the bundled reference (6 months) calls it critical
    bundled = next(audit_documents([document]))
    assert [f.severity for f in bundled.findings if f.topic == "cosmetic_procedures_after"] == [
        "critical"]


def test_a_pipeline_cannot_mix_two_references(reference, reference_copy, nlp):
    other = load_reference(reference_copy)
    (reference_copy / "facts.csv").write_text(
        (reference_copy / "facts.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = load_reference(reference_copy)
    assert changed.version != other.version
    mixed = build_pipeline(reference)
    mixed.get_pipe("auditor_topics").initialize(reference=changed)
    with pytest.raises(ValueError, match="different references"):
        pipeline_reference(mixed)


# -- stages alone ------------------------------------------------------------------------------

def _numeric(topic: str, low: float, high: float, unit: str, context: str = "asserted",
             qualifier: str = "exact") -> Claim:
    quantity = Quantity(0, 5, "words", low, high, unit, qualifier)
    return Claim("1", "numeric", "words", 0, 5, "A sentence.", "isotretinoin", topic, context,
                 quantity)


def test_compare_a_claim_alone(reference):
    window = _numeric("pregnancy_window_after", 7, 7, "day")
    finding = compare("doc", window, reference)
    assert (finding.verdict, finding.direction, finding.severity) == (
        "discrepant", "understates", "critical")
    assert finding.reference_id == "iso_pregnancy_after"

    refuted = _numeric("pregnancy_window_after", 7, 7, "day", context="refuted")
    assert compare("doc", refuted, reference).verdict == "consistent"

    other_drug = Claim("2", "numeric", "w", 0, 1, "s", "tretinoin", "pregnancy_window_after",
                       quantity=Quantity(0, 1, "w", 7, 7, "day"))
    assert compare("doc", other_drug, reference).verdict == "unverified"


def test_claim_assembly_reads_the_doc_it_is_given(nlp):
    """Claim assembly alone: a Doc made by the earlier components, then only `auditor_claims`."""
    doc = nlp.make_doc("You can take vitamin A supplements with it. Wait 6 months before waxing.")
    for name, component in nlp.pipeline:
        if name != "auditor_claims":
            doc = component(doc)
    assert "claims" not in doc.spans
    doc = nlp.get_pipe("auditor_claims")(doc)
    topics = {(c.topic, c.stance or c.text) for c in _claims(doc)}
    assert topics == {("vitamin_a_supplements", "permit"), ("cosmetic_procedures_after", "6 months")}


def test_context_is_read_on_any_span_from_the_context_component(nlp):
    doc = nlp("Some websites say you can wax two weeks after stopping isotretinoin.")
    [quantity] = doc.spans["quantities"]
    assert quantity._.context == "attributed"
    assert [span._.context for span in doc.spans["topics"]] == ["attributed"] * len(doc.spans["topics"])
