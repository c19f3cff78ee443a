"""Spreadsheets: no CSV cell the tool writes is evaluated as a formula when an editor opens it.

Text a spreadsheet would evaluate (a cell starting with =, +, -, @, tab or carriage return) is
neutralised as OWASP recommends, with a leading single quote; numbers stay numbers; the JSONL
and Parquet keep the exact text, and the tool reads its own CSV back to the exact text.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.audit import DocumentAudit
from auditor.batch import run_audit
from auditor.model import Document, Finding
from auditor.report.tables import format_rows

DOSE = "Take isotretinoin 20 mg a day for six months. Most patients are clear after it."
HOSTILE = ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=2",
           "=cmd|' /C calc'!A0", "'=already quoted", "''@twice"]
FORMULA = re.compile(r"[=+\-@\t\r]")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def is_safe(cell: str) -> bool:
    """What a spreadsheet opens as written: no formula start, or a plain number."""
    return not FORMULA.match(cell) or bool(NUMBER.fullmatch(cell))


def one_line(value: str) -> str:
    return " ".join(value.split())  # as an id is read: tabs and line breaks are spaces


def csv_cells(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_formula_ids_titles_and_urls_are_neutralised_in_every_csv(tmp_path):
    rows = [{"id": value, "title": value, "url": value, "text": DOSE} for value in HOSTILE]
    rows.append({"id": "-5", "title": "-12.5", "url": "+3", "text": DOSE})  # numbers stay
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                       encoding="utf-8")
    out = tmp_path / "out"
    result = run_audit([str(tmp_path / "in.jsonl")], out, workers=1, quiet=True)
    assert result.documents == len(rows) and not result.failures
    for name in ("summary.csv", "findings.csv"):
        cells = [cell for row in csv_cells(out / name) for cell in row]
        assert all(is_safe(cell) for cell in cells), [c for c in cells if not is_safe(c)]
    summary = {row[0]: row for row in csv_cells(out / "summary.csv")[1:]}
    assert summary["'=HYPERLINK(\"http://x\",\"click\")"][2] == "'=HYPERLINK(\"http://x\",\"click\")"
    assert "'''@twice" in summary and "''=already quoted" in summary
    assert summary["-5"][2:4] == ["-12.5", "+3"]
    # the JSONL and the Parquet keep the exact text
    ids = {json.loads(line)["doc_id"] for line in (out / "findings.jsonl").open(encoding="utf-8")}
    assert {one_line(value) for value in HOSTILE} | {"-5"} == ids
    assert set(pq.read_table(out / "findings.parquet").column("doc_id").to_pylist()) == ids


def test_a_resumed_run_reads_its_neutralised_ids_back(tmp_path):
    rows = [{"id": value, "text": DOSE} for value in HOSTILE]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_audit([str(source)], out, workers=1, quiet=True)
    first = (out / "summary.csv").read_bytes()
    again = run_audit([str(source)], out, workers=1, quiet=True, resume=True)
    assert again.resumed == len(HOSTILE) and again.documents == 0
    # one document changes and one leaves: their rows go, the others stay as they were
    rows[0]["text"] = DOSE + " Changed."
    source.write_text("\n".join(json.dumps(r) for r in rows[:-1]) + "\n", encoding="utf-8")
    again = run_audit([str(source)], out, workers=1, quiet=True, resume=True)
    assert again.resumed == len(HOSTILE) - 2 and again.documents == 1
    ids = [row[0] for row in csv_cells(out / "summary.csv")[1:]]
    assert sorted(ids) == sorted("'" + one_line(value) for value in HOSTILE[:-1])
    assert first != (out / "summary.csv").read_bytes()


# -- property: any cell the tool writes is safe to open, and reads back exactly --------------

_CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "''", " "]).flatmap(
        lambda head: st.text(max_size=12).map(lambda tail: head + tail)),
    st.floats(allow_nan=False, allow_infinity=False).map(str),
    st.integers().map(str),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CELLS, min_size=6, max_size=6), st.floats(),
       st.one_of(st.none(), st.integers(0, 2**40)))
def test_any_cell_written_is_safe_to_open_and_reads_back(cells, value, offset):
    from auditor.report.tables import read_cell

    doc_id, title, url, claim, sentence, explanation = cells
    document = Document(doc_id=doc_id, text="x", source=url, title=title, url=url)
    finding = Finding(doc_id=doc_id, claim_id=f"{doc_id}:1", kind="numeric", drug="", topic="",
                      claim_text=claim, sentence=sentence, start_char=offset, end_char=offset,
                      value_low=value, value_high=-abs(value), unit="%", qualifier="exact",
                      context="asserted", reference_id="", reference_value=claim, citation="",
                      verdict="unverified", direction="", severity="info",
                      explanation=explanation)
    audit = DocumentAudit(document, 1, "", (), (finding,))
    chunk = format_rows([audit], ["hash"])
    texts = dict(zip(("findings.jsonl", "claims.jsonl", "findings.csv", "summary.csv"),
                     chunk.texts, strict=True))
    assert json.loads(texts["findings.jsonl"])["claim_text"] == claim  # exact in JSONL
    assert chunk.findings.column("sentence").to_pylist() == [sentence]  # and in Parquet
    for name in ("findings.csv", "summary.csv"):
        for row in csv.reader(io.StringIO(texts[name], newline="")):
            assert all(is_safe(cell) for cell in row), row
    findings_row = next(csv.DictReader(io.StringIO(_header("findings.csv") + texts["findings.csv"],
                                                   newline="")))
    assert read_cell(findings_row["claim_text"]) == claim  # the tool reads back the exact text
    assert read_cell(findings_row["explanation"]) == explanation
    if math.isfinite(value):
        assert float(findings_row["value_high"]) == -abs(value)  # a negative number stays one
    else:
        assert read_cell(findings_row["value_high"]) in ("-inf", "nan")
    assert findings_row["start_char"] == ("" if offset is None else str(offset))


def _header(name: str) -> str:
    from auditor.report.tables import FINDING_COLUMNS, SUMMARY_COLUMNS

    columns = FINDING_COLUMNS if name == "findings.csv" else SUMMARY_COLUMNS
    return ",".join(columns) + "\r\n"
