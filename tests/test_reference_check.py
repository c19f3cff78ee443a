"""Provenance on every fact row, and `auditor reference check`: passes on the bundled table,
fails on a planted contradiction or a fact without its source, warns on stale reviews and topics
a drug has no fact on."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.reference import (
    EVIDENCE,
    JURISDICTIONS,
    ProvenanceError,
    Reference,
    check_reference,
    load_reference,
)

PROVENANCE = ("quote", "source_url", "population", "jurisdiction", "valid_from", "valid_to", "evidence")


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "facts.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(folder: Path, rows: list[dict[str, str]]) -> None:
    with (folder / "facts.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _edit(folder: Path, fact_id: str, **changes) -> None:
    rows = _rows(folder)
    [row] = [r for r in rows if r["id"] == fact_id]
    row.update(changes)
    _write(folder, rows)


def _plant(folder: Path, like: str, **changes) -> None:
    """Append a copy of fact `like` with `changes` (a new id at least)."""
    rows = _rows(folder)
    rows.append({**next(r for r in rows if r["id"] == like), **changes})
    _write(folder, rows)


def _errors(folder: Path) -> list[str]:
    return [p.message for p in check_reference(Reference(folder), date(2026, 12, 2)) if p.level == "error"]


# --- provenance on every row -------------------------------------------------------------------


def test_every_fact_is_defensible_on_its_own_row(reference):
    for fact in reference.facts:
        assert fact.quote and fact.source_url.startswith(("http://", "https://")), fact.id
        assert len(fact.quote.split()) <= 45, f"{fact.id}: a quote is the sentence, not the page"
        assert fact.jurisdiction in JURISDICTIONS and fact.evidence in EVIDENCE, fact.id
        assert fact.population, fact.id
        assert fact.reviewer == "reference curator (auditor team)", fact.id
        assert "2026-12-02" <= fact.reviewed <= date.today().isoformat(), fact.id  # the review, or later


def test_each_new_drug_has_at_least_eight_facts(reference):
    for drug in ("spironolactone", "doxycycline"):
        assert len([f for f in reference.facts if f.drug == drug]) >= 8, drug


def test_a_retired_rule_carries_the_date_it_ended(reference):
    lockout = reference.fact("iso_19_day_lockout")
    assert lockout.valid_to == "2026-08-08"
    assert lockout.in_force("2026-08-07") and not lockout.in_force("2026-08-08")
    assert reference.fact("iso_lockout_removed").valid_from == lockout.valid_to


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"quote": ""}, "quote is empty: every fact needs its source's own words"),
        ({"source_url": ""}, "source_url is empty: every fact needs the URL of its source"),
        ({"jurisdiction": "Mars"}, "jurisdiction 'Mars' must be one of US, EU, UK, any"),
        ({"jurisdiction": ""}, "jurisdiction '' must be one of"),
        ({"evidence": "hearsay"}, "evidence 'hearsay' must be one of label, guideline"),
        ({"valid_from": "2026-13-01"}, "valid_from '2026-13-01' is not a YYYY-MM-DD date"),
        ({"valid_to": "20260808"}, "valid_to '20260808' is not a YYYY-MM-DD date"),
        ({"valid_from": "2026-09-01", "valid_to": "2026-08-08"},
         "valid_from 2026-09-01 is after valid_to 2026-08-08"),
    ],
)
def test_bad_provenance_names_file_row_and_reason(reference_copy, changes, reason):
    _edit(reference_copy, "iso_daily_dose", **changes)
    with pytest.raises(ProvenanceError) as error:
        Reference(reference_copy)
    assert "facts.csv, row 2" in str(error.value)  # iso_daily_dose is the first data row
    assert reason in str(error.value)


def test_a_table_without_the_provenance_columns_is_refused(reference_copy):
    rows = [{k: v for k, v in r.items() if k not in PROVENANCE} for r in _rows(reference_copy)]
    _write(reference_copy, rows)
    with pytest.raises(ProvenanceError, match="row 2: quote is empty"):
        Reference(reference_copy)


# --- contradictions ----------------------------------------------------------------------------


def test_the_bundled_table_has_no_contradiction(reference):
    assert [p for p in check_reference(reference) if p.level == "error"] == []


def test_a_ceiling_under_a_complement_is_a_contradiction(reference_copy):
    """The old table: cure "at most 61%" while relapse is 9-65%, i.e. up to 91% stay clear."""
    _edit(reference_copy, "iso_cure_rate", comparison="maximum", low="", high="61")
    errors = _errors(reference_copy)
    assert errors and all("iso_cure_rate (" in e and "overstates (major)" in e for e in errors), errors
    assert any("iso_relapse_rate (" in e and "cites 9%, so 91%" in e for e in errors), errors


def test_a_rate_outside_its_complement_is_a_contradiction(reference_copy):
    _plant(reference_copy, "iso_relapse_rate", id="iso_relapse_planted", low="70", high="90")
    errors = _errors(reference_copy)
    assert any("iso_relapse_planted" in e and "cites 90%, so 10%" in e for e in errors), errors


def test_a_maximum_below_another_facts_low_is_a_contradiction(reference_copy):
    """The NHS's 4 in 5 against a 61% ceiling on the same topic."""
    _plant(reference_copy, "iso_clearance_rate", id="iso_clearance_ceiling", comparison="maximum",
           low="", high="61", tolerance="0")
    [error] = _errors(reference_copy)
    assert "iso_clearance_ceiling" in error and "above 61%" in error
    assert "iso_clearance_rate" in error and "cites 80% as its low" in error


def test_a_minimum_above_another_facts_high_is_a_contradiction(reference_copy):
    _plant(reference_copy, "iso_retreatment_gap", id="iso_retreatment_planted", comparison="range",
           low="2", high="4", if_under="minor", if_over="minor")
    [error] = _errors(reference_copy)
    assert "iso_retreatment_gap" in error and "cites 4 week as its high" in error


def test_overlapping_ranges_that_judge_a_value_oppositely_contradict(reference_copy):
    _plant(reference_copy, "iso_daily_dose", id="iso_daily_dose_planted", if_over="critical")
    errors = _errors(reference_copy)
    assert any("iso_daily_dose_severe" in e and "accepts 2 mg/kg/day" in e
               and "iso_daily_dose_planted" in e and "critical error" in e for e in errors), errors


def test_facts_that_cannot_judge_the_same_claim_do_not_contradict(reference_copy):
    """Another market, another time, another drug: no contradiction."""
    _plant(reference_copy, "iso_clearance_rate", id="iso_ceiling_eu", comparison="maximum", low="",
           high="61", tolerance="0", jurisdiction="EU")
    _edit(reference_copy, "iso_clearance_rate", valid_from="2010-01-01")
    _plant(reference_copy, "iso_clearance_rate", id="iso_ceiling_past", comparison="maximum", low="",
           high="61", tolerance="0", valid_from="", valid_to="2010-01-01")
    _plant(reference_copy, "iso_clearance_rate", id="acitretin_floor", drug="acitretin",
           comparison="minimum", low="90", high="", if_over="", if_under="major")
    assert _errors(reference_copy) == []


def test_same_severity_ranges_of_different_extent_are_one_rule(reference):
    """The usual dose and the severe-acne dose overlap: either one makes a claim consistent."""
    usual, severe = reference.fact("iso_daily_dose"), reference.fact("iso_daily_dose_severe")
    assert (usual.if_over, usual.if_under) == (severe.if_over, severe.if_under)
    assert usual.high < severe.high


# --- warnings ----------------------------------------------------------------------------------


def test_a_review_older_than_a_year_is_a_warning(reference_copy):
    _edit(reference_copy, "iso_dry_lips", reviewed="2025-11-30")
    reference = Reference(reference_copy)
    stale = [p for p in check_reference(reference, date(2026, 12, 2)) if "reviewed" in p.message]
    assert [(p.level, p.message.split(":")[0]) for p in stale] == [("warning", "iso_dry_lips")]
    assert not [p for p in check_reference(reference, date(2026, 11, 29)) if "reviewed" in p.message]


def test_a_topic_with_no_fact_for_a_drug_that_has_facts_is_a_warning(reference):
    warnings = {p.message for p in check_reference(reference) if p.level == "warning"}
    assert "isotretinoin: no fact on alcohol (alcohol): its claims are unverified" in warnings
    assert not any(w.startswith("minocycline:") for w in warnings)  # no facts: nothing to cover
    assert not any("pregnancy_window " in w and w.startswith("isotretinoin") for w in warnings)


# --- the command -------------------------------------------------------------------------------


def test_check_passes_on_the_bundled_reference():
    result = CliRunner().invoke(app, ["reference", "check", "--as-of", "2026-12-02"])
    assert result.exit_code == 0, result.output
    assert all(line.startswith("warning: ") for line in result.stdout.splitlines())


def test_check_fails_on_a_planted_contradiction(reference_copy):
    _edit(reference_copy, "iso_cure_rate", comparison="maximum", low="", high="61")
    result = CliRunner().invoke(app, ["reference", "check", str(reference_copy)])
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if line.startswith("error: ")] == [
        line for line in result.stdout.splitlines() if "contradiction" in line]


def test_check_lists_every_fact_without_provenance(reference_copy):
    _edit(reference_copy, "iso_daily_dose", quote="")
    _edit(reference_copy, "doxy_daily_dose", source_url="")
    result = CliRunner().invoke(app, ["reference", "check", str(reference_copy)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and "row 2: quote is empty" in lines[0] and "source_url is empty" in lines[1]


@pytest.mark.parametrize("break_it", ["missing folder", "bad topic", "bad date"])
def test_check_exits_2_on_an_unreadable_reference(reference_copy, break_it):
    if break_it == "missing folder":
        target = reference_copy / "nowhere"
    else:
        target = reference_copy
        _edit(reference_copy, "iso_daily_dose", topic="moon_phase")
    args = ["reference", "check", str(target)] + (["--as-of", "soon"] if break_it == "bad date" else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "auditor:" in result.stderr


def test_the_bundled_reference_loads_by_default():
    assert load_reference().facts  # BUNDLED resolves in a checkout (the wheel: tests/test_wheel.py)
