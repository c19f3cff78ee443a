"""The reference table: loaded, validated, hashed; a bad row fails with file, row and reason."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from auditor.reference import Reference, ReferenceError, content_hash


def _edit_fact(folder: Path, fact_id: str, **changes) -> None:
    path = folder / "facts.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == fact_id:
            row.update(changes)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_every_fact_carries_citation_reviewer_and_date(reference):
    assert len(reference.facts) >= 25
    for fact in reference.facts:
        assert fact.citation and fact.reviewer and fact.reviewed, fact.id


def test_times_are_normalised_to_days(reference):
    course = reference.fact("iso_course_length")
    assert (course.low, course.high, course.unit) == (105.0, 140.0, "day")  # US: 15 to 20 weeks
    assert course.display_unit == "week"
    assert reference.fact("iso_pregnancy_after").low == pytest.approx(30.4375)


def test_lookup_is_by_drug_and_topic(reference):
    assert [f.id for f in reference.facts_for("isotretinoin", "pregnancy_window_after")] == [
        "iso_pregnancy_after", "iso_pregnancy_after_us"]
    assert [f.id for f in reference.facts_for("acitretin", "pregnancy_window_after")] == [
        "acitretin_pregnancy_after"]
    assert reference.facts_for("tretinoin", "daily_dose") == []


def test_brands_and_misspellings_name_the_generic(reference):
    for alias in ("accutane", "roaccutane", "absorica", "claravis", "isotroin", "isotretinion"):
        assert reference.drug_aliases[alias] == "isotretinoin"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"citation": ""}, "citation is empty"),
        ({"reviewer": ""}, "reviewer is empty"),
        ({"reviewed": "last week"}, "is not a YYYY-MM-DD date"),
        ({"unit": "furlongs"}, "unknown unit 'furlongs'"),
        ({"low": "2", "high": "1"}, "low 2 is greater than high 1"),
        ({"low": "lots"}, "low 'lots' is not a number"),
        ({"topic": "moon_phase"}, "topic 'moon_phase' is not in topics.csv"),
        ({"comparison": "vibes"}, "comparison must be one of"),
        ({"if_over": "catastrophic"}, "if_over must be one of"),
    ],
)
def test_a_bad_fact_row_names_file_row_and_reason(reference_copy, changes, reason):
    _edit_fact(reference_copy, "iso_daily_dose", **changes)
    with pytest.raises(ReferenceError) as error:
        Reference(reference_copy)
    message = str(error.value)
    assert "facts.csv, row 2" in message  # iso_daily_dose is the first data row
    assert reason in message


def test_duplicate_fact_ids_are_refused(reference_copy):
    _edit_fact(reference_copy, "iso_daily_dose_severe", id="iso_daily_dose")
    with pytest.raises(ReferenceError, match="duplicate fact id 'iso_daily_dose'"):
        Reference(reference_copy)


def test_a_missing_file_is_named(reference_copy):
    (reference_copy / "topics.csv").unlink()
    with pytest.raises(ReferenceError, match="topics.csv: file missing"):
        Reference(reference_copy)


def test_content_hash_changes_with_any_edit(reference_copy):
    before = content_hash(reference_copy)
    assert before == content_hash(reference_copy)
    _edit_fact(reference_copy, "iso_cure_rate", high="62")
    assert content_hash(reference_copy) != before


def test_adding_a_drug_is_a_data_change(reference_copy):
    """A new drug and its fact need no Python: the claim about it is then checked."""
    from auditor.nlp import build_pipeline
    from auditor.reference import load_reference

    with (reference_copy / "drugs.csv").open("a", encoding="utf-8") as handle:
        handle.write("sarecycline,sarecycline,generic\nsarecycline,seysara,brand\n")
    with (reference_copy / "facts.csv").open("a", encoding="utf-8") as handle:
        handle.write("test_sare_daily_dose,sarecycline,daily_dose,range,60,150,mg/day,0,major,minor,,"
                     "60 to 150 mg a day by weight,a test citation,https://example.org/test,L,tester,"
                     "2026-12-02,a test quote,adults,US,,,label,\n")
    from auditor.audit import audit_documents
    from auditor.model import Document

    text = "Seysara is usually taken at 300 mg a day for acne."
    nlp = build_pipeline(load_reference(reference_copy))
    audit = next(audit_documents([Document("d", text, "t")], nlp))
    [finding] = [f for f in audit.findings if f.topic == "daily_dose"]
    assert (finding.drug, finding.verdict, finding.direction) == (
        "sarecycline", "discrepant", "overstates")
    assert finding.reference_id == "test_sare_daily_dose"


@pytest.mark.parametrize(("row", "reason"), [
    ("mg/day,for,fortnights,course_length", "unknown unit 'fortnights'"),
    ("mg/day,for,day,moon_phase", "unknown topic 'moon_phase'"),
    ("mg/day,for,%,course_length", "topic 'course_length' is not measured in '%'"),
    ("mg/day,,day,course_length", "between is required"),
])
def test_a_bad_sequence_row_names_file_row_and_reason(reference_copy, row, reason):
    (reference_copy / "sequences.csv").write_text(
        "first_unit,between,unit,topic\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ReferenceError) as error:
        Reference(reference_copy)
    assert "sequences.csv, row 2" in str(error.value) and reason in str(error.value)


def test_sequences_are_optional(reference_copy):
    (reference_copy / "sequences.csv").unlink()
    assert Reference(reference_copy).sequences == ()


@pytest.mark.parametrize(("row", "reason"), [
    ("course_length,sentence,rosacea,requires", "a required phrase is looked for in the clause"),
    ("course_length,paragraph,rosacea,excludes", "where must be one of"),
])
def test_a_bad_frame_row_names_file_row_and_reason(reference_copy, row, reason):
    (reference_copy / "frames.csv").write_text("topic,where,phrase,effect\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ReferenceError) as error:
        Reference(reference_copy)
    assert "frames.csv, row 2" in str(error.value) and reason in str(error.value)


def test_a_sentence_frame_loads(reference_copy):
    (reference_copy / "frames.csv").write_text(
        "topic,where,phrase,effect\ncourse_length,sentence,rosacea,excludes\n", encoding="utf-8")
    [rule] = Reference(reference_copy).frames
    assert (rule.where, rule.phrase, rule.effect) == ("sentence", "rosacea", "excludes")


@pytest.mark.parametrize(("row", "reason"), [
    ("antibiotix,doxycycline", "unknown class 'antibiotix'"),
    ("antibiotics,moonshine", "unknown drug 'moonshine'"),
])
def test_a_bad_class_member_is_named(reference_copy, row, reason):
    path = reference_copy / "members.csv"
    path.write_text(path.read_text() + row + "\n")
    with pytest.raises(ReferenceError, match=reason):
        Reference(reference_copy)


def test_a_class_holds_its_members(reference):
    assert "doxycycline" in reference.class_members["antibiotics"]
    assert "isotretinoin" not in reference.class_members["topical retinoids"]


@pytest.mark.parametrize(("topic", "value", "reason"), [
    ("pregnancy_window", "maybe", "carries must be 'yes' or empty"),
    ("daily_dose", "yes", r"only a window \(a topic with anchors\) carries"),
])
def test_a_bad_carries_cell_is_named(reference_copy, topic, value, reason):
    path = reference_copy / "topics.csv"
    rows = list(csv.reader(path.open(newline="")))
    for row in rows:
        if row[0] == topic:
            row[-1] = value
    with path.open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(ReferenceError, match=reason):
        Reference(reference_copy)


def test_only_the_windows_the_table_names_carry(reference):
    carried = {t.topic for t in reference.topics.values() if t.carries}
    assert "pregnancy_window" in carried and "cosmetic_procedures" not in carried
