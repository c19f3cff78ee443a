"""Every fact of the bundled reference, probed with sentences written for it
(`tests/reference_probes.csv`): two correct wordings are consistent, a wrong one is discrepant
with the severity the fact sets, another market's rule is never a major or critical error, and a
retired rule stated after it ended is `outdated`.

A probe the pipeline cannot read yet (the number is not tied to its topic) carries the reason in
the CSV's `known_miss` column and is `xfail(strict=True)`: the day it passes, the mark must go.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from auditor import audit_text
from auditor.audit import audit_documents
from auditor.model import Document
from auditor.verify import Setting

PROBES = Path(__file__).resolve().parent / "reference_probes.csv"
KINDS = ("correct", "wrong", "other_market", "outdated")
SERIOUS = ("major", "critical")


def _probes() -> list[dict[str, str]]:
    with PROBES.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _param(probe: dict[str, str]):
    marks = [pytest.mark.xfail(strict=True, reason=probe["known_miss"])] if probe["known_miss"] else []
    return pytest.param(probe, id=f"{probe['fact_id']}:{probe['kind']}:{probe['sentence'][:40]}",
                        marks=marks)


def _findings(probe: dict[str, str]):
    if not (probe["jurisdiction"] or probe["as_of"]):
        return audit_text(probe["sentence"])
    setting = Setting(probe["jurisdiction"], probe["as_of"])
    document = Document(doc_id="probe", text=probe["sentence"], source="<probe>")
    return next(audit_documents([document], setting=setting)).findings


def test_every_fact_is_probed(reference):
    probes = _probes()
    assert {p["kind"] for p in probes} <= set(KINDS)
    by_fact = {f.id: [p["kind"] for p in probes if p["fact_id"] == f.id] for f in reference.facts}
    for fact_id, kinds in by_fact.items():
        assert kinds.count("correct") >= 2, fact_id
        # A window with no lower limit (hair-removal lasers: no need to wait) has no wrong value.
        never_wrong = reference.fact(fact_id).comparison == "minimum" and not reference.fact(fact_id).low
        assert never_wrong or "wrong" in kinds, fact_id
    # A market's rule with a counterpart in another market is probed with that other rule.
    for fact in reference.facts:
        others = [f for f in reference.facts if (f.drug, f.topic) == (fact.drug, fact.topic)
                  and "any" != f.jurisdiction != fact.jurisdiction != "any"]
        if others:
            assert "other_market" in by_fact[fact.id], fact.id


@pytest.mark.parametrize("probe", [_param(p) for p in _probes()])
def test_probe(probe, reference):
    fact = reference.fact(probe["fact_id"])
    findings = [f for f in _findings(probe) if f.topic == fact.topic and f.drug == fact.drug
                and probe["claim"] in f.claim_text]
    assert findings, f"no {fact.topic} claim about {fact.drug} read in: {probe['sentence']}"
    found = findings[0]
    said = f"{found.verdict} {found.direction} {found.severity}: {found.explanation}"
    if probe["kind"] == "other_market":
        assert found.severity not in SERIOUS, said
    assert found.verdict == probe["verdict"], said
    if probe["verdict"] == "discrepant":
        assert (found.direction, found.severity) == (probe["direction"], probe["severity"]), said
