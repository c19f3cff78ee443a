"""The reference as an editor's spreadsheet may save it: other encodings, odd numbers, comments.

Each file is read as UTF-8 (with or without a BOM), UTF-16 with its BOM, else Windows-1252, or
refused with the file and the reason; numbers must be finite and not negative, a tolerance a
fraction from 0 to 1; and a row number is the file's physical line, comment lines included.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from auditor.reference import Reference, ReferenceError


def facts_text(folder: Path) -> str:
    return (folder / "facts.csv").read_text(encoding="utf-8")


def statements(folder: Path) -> list[tuple]:
    return [(f.id, f.statement, f.citation, f.low, f.high, f.tolerance)
            for f in Reference(folder).facts]


def set_field(text: str, fact_id: str, **changes) -> str:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for row in rows:
        if row["id"] == fact_id:
            row.update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom",
                                      "cp1252"])
def test_a_facts_file_saved_in_another_encoding_reads_the_same(reference_copy, encoding):
    # what a spreadsheet writes: "CSV UTF-8" (with a BOM), "Unicode text" (UTF-16), "CSV" (1252)
    text = facts_text(reference_copy).encode("cp1252", errors="replace").decode("cp1252")
    text = set_field(text, "iso_daily_dose", statement="0.5 to 1 mg/kg/day “with food” – §2.1 café")
    (reference_copy / "facts.csv").write_text(text, encoding="utf-8")
    expected = statements(reference_copy)
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        data = ("\ufeff" + text).encode(codec)
    else:
        data = text.encode(encoding)
    (reference_copy / "facts.csv").write_bytes(data)
    assert statements(reference_copy) == expected
    assert "“with food” – §2.1 café" in dict((s[0], s[1]) for s in expected)["iso_daily_dose"]


@pytest.mark.parametrize(("data", "reason"), [
    ("id,drug\n".encode("utf-16-le"), "NUL"),                 # UTF-16 without its BOM
    (b"id,drug\n\x81\x8d,x\n", "neither UTF-8 nor Windows-1252"),  # bytes 1252 does not define
])
def test_a_file_in_no_known_encoding_is_refused_with_file_and_reason(reference_copy, data, reason):
    (reference_copy / "drugs.csv").write_bytes(data)
    with pytest.raises(ReferenceError) as error:
        Reference(reference_copy)
    message = str(error.value)
    assert "drugs.csv" in message and reason in message and "\n" not in message


@pytest.mark.parametrize(("changes", "reason"), [
    ({"tolerance": "-0.5"}, "tolerance '-0.5' is negative"),
    ({"tolerance": "nan"}, "tolerance 'nan' is not a finite number"),
    ({"tolerance": "1e9"}, "tolerance 1e+09 must be a fraction from 0 to 1"),
    ({"tolerance": "1.5"}, "tolerance 1.5 must be a fraction from 0 to 1"),
    ({"low": "nan"}, "low 'nan' is not a finite number"),
    ({"low": "NaN"}, "low 'NaN' is not a finite number"),
    ({"high": "inf"}, "high 'inf' is not a finite number"),
    ({"high": "Infinity"}, "high 'Infinity' is not a finite number"),
    ({"high": "1e999"}, "high '1e999' is not a finite number"),
    ({"low": "-1"}, "low '-1' is negative"),
    ({"high": "-0.5", "low": ""}, "high '-0.5' is negative"),
])
def test_non_finite_negative_and_out_of_range_numbers_are_refused(reference_copy, changes,
                                                                   reason):
    (reference_copy / "facts.csv").write_text(
        set_field(facts_text(reference_copy), "iso_daily_dose", **changes), encoding="utf-8")
    with pytest.raises(ReferenceError) as error:
        Reference(reference_copy)
    assert "facts.csv, row 2:" in str(error.value) and reason in str(error.value)


def test_a_nan_bound_no_longer_makes_every_claim_agree(reference_copy):
    text = facts_text(reference_copy)
    (reference_copy / "facts.csv").write_text(
        set_field(text, "iso_daily_dose", low="nan", high="nan"), encoding="utf-8")
    with pytest.raises(ReferenceError, match="not a finite number"):
        Reference(reference_copy)


@pytest.mark.parametrize(("file", "header", "row", "reason"), [
    ("units.csv", "surface,unit,factor,dimension", "fortnight,day,inf,day", "factor 'inf'"),
    ("units.csv", "surface,unit,factor,dimension", "fortnight,day,-14,day", "factor '-14'"),
    ("window_cues.csv", "phrase,anchor,value,unit", "soonish,after,-3,day", "value '-3'"),
    ("context_rules.csv", "phrase,category,direction,max_tokens,scope",
     "maybe,hedged,forward,nan,sentence", "max_tokens 'nan'"),
])
def test_other_files_refuse_such_numbers_too(reference_copy, file, header, row, reason):
    path = reference_copy / file
    lines = path.read_text(encoding="utf-8").splitlines()
    data = [line for line in lines if line and not line.startswith("#")]
    assert data[0].split(",")[:len(header.split(","))] == header.split(",")
    width = len(data[0].split(","))
    path.write_text("\n".join([data[0], row + "," * (width - len(header.split(",")))]) + "\n",
                    encoding="utf-8")
    with pytest.raises(ReferenceError) as error:
        Reference(reference_copy)
    assert f"{file}, row 2:" in str(error.value) and reason in str(error.value)


def test_row_numbers_are_physical_lines_comments_and_line_breaks_included(reference_copy):
    text = set_field(facts_text(reference_copy), "iso_daily_dose",
                     statement="first line\nsecond line of the same cell")
    text = set_field(text, "iso_daily_dose_severe", low="lots")
    header, rest = text.split("\n", 1)
    # two comment lines after the header: the bad fact is on line 6 (1 header, 2 comments,
    # 2 lines for the fact with a line break in a cell, then it)
    (reference_copy / "facts.csv").write_text(
        f"{header}\n# reviewed 2026-11-23\n# see FORMAT.md\n{rest}", encoding="utf-8")
    assert text.split("\n")[1].startswith("iso_daily_dose,")
    with pytest.raises(ReferenceError, match=r"facts.csv, row 6: low 'lots' is not a number"):
        Reference(reference_copy)


def test_a_comment_before_the_header_is_skipped(reference_copy):
    text = set_field(facts_text(reference_copy), "iso_daily_dose", low="lots")
    (reference_copy / "facts.csv").write_text("# facts, one a row\n" + text, encoding="utf-8")
    with pytest.raises(ReferenceError, match=r"facts.csv, row 3: low 'lots'"):
        Reference(reference_copy)
