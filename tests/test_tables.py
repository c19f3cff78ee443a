"""Tables are read cell by cell, each cell led by its row's and its column's headings, from HTML
and from Markdown pipe tables. Every table here was written for this file."""

from __future__ import annotations

import time

import pytest

from auditor.audit import audit_documents
from auditor.documents import html_to_text, markdown_to_text, read_inputs
from auditor.tables import Cell, table_lines

DRUGS_ACROSS = """<html><body><article><h1>Acne tablets compared</h1>
<table>
<tr><th></th><th>Isotretinoin</th><th>Doxycycline</th><th>Spironolactone</th></tr>
<tr><td>Usual dose</td><td>0.5-1 mg/kg per day</td><td>100 mg a day</td><td>50-100 mg a day</td></tr>
<tr><td>Course length</td><td>16-24 weeks</td><td>up to 12 weeks</td><td>6 months or longer</td></tr>
</table>
<p>Talk to your dermatologist about which suits you.</p>
</article></body></html>"""

DRUGS_DOWN = """# Which acne pill?

| Medicine | How long a course lasts | Daily dose |
|---|---|---|
| **Isotretinoin** (Roaccutane) | 16 to 24 weeks | 0.5 to 1 mg/kg |
| Lymecycline | 12 weeks | 408 mg |

Ask a pharmacist if you are unsure.
"""


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_an_html_table_is_read_cell_by_cell_with_its_headings():
    _, text = html_to_text(DRUGS_ACROSS)
    assert lines(text) == [
        "Acne tablets compared",
        "Isotretinoin | Doxycycline | Spironolactone",
        "Usual dose, Isotretinoin: 0.5-1 mg/kg per day",
        "Usual dose, Doxycycline: 100 mg a day",
        "Usual dose, Spironolactone: 50-100 mg a day",
        "Course length, Isotretinoin: 16-24 weeks",
        "Course length, Doxycycline: up to 12 weeks",
        "Course length, Spironolactone: 6 months or longer",
        "Talk to your dermatologist about which suits you.",
    ]


def test_a_markdown_pipe_table_is_read_cell_by_cell_with_its_headings():
    text = markdown_to_text(DRUGS_DOWN)
    assert lines(text) == [
        "Which acne pill?",
        "Medicine | How long a course lasts | Daily dose",
        "Isotretinoin (Roaccutane), How long a course lasts: 16 to 24 weeks",
        "Isotretinoin (Roaccutane), Daily dose: 0.5 to 1 mg/kg",
        "Lymecycline, How long a course lasts: 12 weeks",
        "Lymecycline, Daily dose: 408 mg",
        "Ask a pharmacist if you are unsure.",
    ]


def test_each_cell_of_a_table_is_judged_for_its_own_drug(tmp_path, nlp):
    page = tmp_path / "tablets.html"
    page.write_text(DRUGS_ACROSS.replace("16-24 weeks", "12 months"), encoding="utf-8")
    [document] = read_inputs([page])
    [audit] = audit_documents([document], nlp)
    by_text = {(f.claim_text, f.drug): f.verdict for f in audit.findings if f.claim_text}
    assert by_text[("12 months", "isotretinoin")] == "discrepant"
    assert ("100 mg a day", "doxycycline") in by_text
    assert not any(drug == "isotretinoin" for text, drug in by_text if text in ("100 mg a day", "up to 12 weeks"))


def test_a_two_column_table_without_headings_is_names_and_values():
    rows = [[Cell("Course"), Cell("16 to 24 weeks")], [Cell("Dose"), Cell("0.5 to 1 mg/kg a day")]]
    assert table_lines(rows) == ["Course: 16 to 24 weeks", "Dose: 0.5 to 1 mg/kg a day"]


def test_a_heading_with_a_number_leads_by_its_name_only():
    rows = [[Cell("Side effect", True), Cell("Review (week 4)", True), Cell("Week 8", True)],
            [Cell("Dry lips"), Cell("common"), Cell("settles")]]
    assert table_lines(rows) == ["Side effect | Review (week 4) | Week 8",
                                 "Dry lips, Review: common", "Dry lips: settles"]


def test_a_table_that_lays_out_a_page_keeps_its_paragraphs():
    html = ("<table><tr><td><p>First paragraph of the page.</p><p>Second paragraph.</p></td>"
            "<td>Sidebar text</td></tr></table>")
    assert lines(html_to_text(html)[1]) == ["First paragraph of the page.", "Second paragraph.",
                                            "Sidebar text"]


def test_a_table_inside_a_cell_and_a_table_never_closed_keep_their_text():
    html = ("<table><tr><td>Outer</td><td><table><tr><td>Inner A</td><td>Inner B</td></tr>"
            "</table></td></tr></table><p>After</p><table><tr><td>Open</td><td>never closed")
    text = html_to_text(html)[1]
    for words in ("Outer", "Inner A", "Inner B", "After", "Open", "never closed"):
        assert words in text


def test_clutter_inside_a_table_is_still_dropped():
    html = ("<table><tr><th>Drug</th><th>Course</th></tr><tr><td>Isotretinoin"
            "<button>Buy now</button></td><td>16 to 24 weeks</td></tr></table>")
    assert lines(html_to_text(html)[1]) == ["Drug | Course", "Isotretinoin, Course: 16 to 24 weeks"]


@pytest.mark.parametrize(("name", "html"), [
    ("50,000 nested tables", "<table><tr><td>x" * 50_000),
    ("50,000 nested tables, closed", "<table><tr><td>x" * 50_000 + "</td></tr></table>" * 50_000),
    ("50,000 cells in one row", "<table><tr>" + "<td>4 weeks" * 50_000 + "</table>"),
    ("50,000 rows", "<table>" + "<tr><th>a<td>b" * 50_000 + "</table>"),
])
def test_hostile_tables_are_read_in_linear_time(name, html):
    started = time.perf_counter()
    _, text = html_to_text(html)
    seconds = time.perf_counter() - started
    # a guard against a quadratic walk (minutes here), not a speed figure
    assert seconds < 10.0, f"{name}: {seconds:.2f} s"
    assert "x" in text or "4 weeks" in text or "b" in text


@pytest.mark.parametrize("text", [
    "|" + "-|" * 100_000,
    "| " * 100_000 + "\n" + "|-" * 100_000 + "\n",
    ("| a | b |\n" * 50_000),
])
def test_hostile_pipe_tables_are_read_in_linear_time(text):
    started = time.perf_counter()
    markdown_to_text(text)
    assert time.perf_counter() - started < 10.0


def test_a_heading_without_a_number_leads_whole():
    rows = [[Cell("", True), Cell("Isotretinoin (Roaccutane)", True), Cell("Doxycycline", True)],
            [Cell("Usual dose"), Cell("0.5 to 1 mg/kg a day"), Cell("100 mg a day")]]
    assert table_lines(rows)[1:] == ["Usual dose, Isotretinoin (Roaccutane): 0.5 to 1 mg/kg a day",
                                     "Usual dose, Doxycycline: 100 mg a day"]


def test_a_heading_over_two_columns_and_a_row_of_subheadings_name_each_column():
    html = ("<table><tr><th></th><th colspan='2'>Isotretinoin</th><th>Doxycycline</th></tr>"
            "<tr><th></th><th>Usual</th><th>Low dose</th><th>Usual</th></tr>"
            "<tr><td>Daily dose</td><td>0.5-1 mg/kg</td><td>0.25 mg/kg</td><td>100 mg</td></tr></table>")
    assert lines(html_to_text(html)[1]) == [
        "Isotretinoin Usual | Isotretinoin Low dose | Doxycycline Usual",
        "Daily dose, Isotretinoin Usual: 0.5-1 mg/kg",
        "Daily dose, Isotretinoin Low dose: 0.25 mg/kg",
        "Daily dose, Doxycycline Usual: 100 mg",
    ]


@pytest.mark.parametrize("colspan", ["99999999999999999999", "x", "-3", "", "５", "²", " 2 "])
def test_a_data_cell_over_columns_is_said_once_whatever_its_colspan(colspan):
    html = (f"<table><tr><th>Drug</th><th>Course</th><th>Dose</th></tr>"
            f"<tr><td>Isotretinoin</td><td colspan='{colspan}'>16 to 24 weeks</td></tr></table>")
    text = html_to_text(html)[1]
    assert text.count("16 to 24 weeks") == 1
    assert "Isotretinoin, Course: 16 to 24 weeks" in text
