"""Reading Markdown pages: the words without the markup, so aliases and numbers hold together."""

from __future__ import annotations

import pytest

from auditor.audit import audit_documents
from auditor.documents import markdown_to_text, read_inputs


@pytest.mark.parametrize(("markdown", "text"), [
    ("## Before your first prescription ##", "Before your first prescription"),
    ("- [ ] choose **two forms** of contraception", "- choose two forms of contraception"),
    ("1. [x] have __two__ tests", "- have two tests"),
    ("use *one* method, or _both_", "use one method, or both"),
    ("**bold with *nested* emphasis**", "bold with nested emphasis"),
    ("see [the leaflet](https://example.org/a) and ![a chart](chart.png)", "see the leaflet and a chart"),
    ("[Isotretinoin](https://en.wikipedia.org/wiki/Isotretinoin_(drug)) works", "Isotretinoin works"),
    ("as in [the label][1]\n[1]: https://example.org/label\nnext", "as in the label\nnext"),
    ('[2]: <leaflet.pdf> "The leaflet"\n[3]: page.html\nnext', "next"),
    ("> quoted `20 mg` dose", "quoted 20 mg dose"),
    (r"escaped \*stars\* stay", "escaped *stars* stay"),
])
def test_markdown_markup_is_removed(markdown, text):
    assert markdown_to_text(markdown) == text


@pytest.mark.parametrize("text", [
    "snake_case_names and file_name.txt", "2 * 3 * 4 = 24", "a*b*c", "5 ** 2", "price_list_",
    "plain text with no markup at all.", "[Warning]: do not take it with vitamin A.",
    "[Note]: isotretinoin.",
])
def test_text_that_only_looks_like_markup_is_kept(text):
    assert markdown_to_text(text) == text


@pytest.mark.parametrize("line", ["**a " * 100_000, "*a " * 100_000, "[x" * 100_000, "__a " * 100_000,
                                  "[a](b(" * 50_000, "`a " * 100_000])
def test_hostile_markdown_lines_are_read(line):
    # Unclosed delimiters by the hundred thousand: every pattern stops at its own delimiter,
    # so this is linear (a lazy `.+?` was quadratic here and ran for minutes).
    assert len(markdown_to_text(line)) <= len(line)


def test_a_markdown_checklist_is_audited_on_its_words(tmp_path):
    page = tmp_path / "checklist.md"
    page.write_text(
        "# Isotretinoin checklist\n\n"
        "- [ ] If you can become pregnant, choose **two forms** of contraception.\n"
        "- [ ] Have **two negative pregnancy tests** before the first prescription.\n"
        "- [x] Wait *at least six months* before [waxing](https://example.org/waxing).\n",
        encoding="utf-8")
    document = next(read_inputs([page]))
    assert "*" not in document.text and "[" not in document.text and "#" not in document.text
    assert document.title == "Isotretinoin checklist"
    audit = next(audit_documents([document]))
    found = {f.topic: f for f in audit.findings if f.kind == "numeric"}
    assert found["contraception_forms"].claim_text == "two forms"
    assert found["pregnancy_tests"].value_low == 2
    assert found["cosmetic_procedures_after"].qualifier == "at_least"
    for finding in found.values():  # offsets point into the cleaned text the reports quote
        assert document.text[finding.start_char:finding.end_char] == finding.claim_text


@pytest.mark.parametrize(("written", "read"), [
    ("Patients took 0\u00b75 mg/kg or 1\u00b70 mg/kg a day.", "Patients took 0.5 mg/kg or 1.0 mg/kg a day."),
    ("Relapse fell (P < 0\u00b701) \u00b7 see table", "Relapse fell (P < 0.01) \u00b7 see table"),
])
def test_a_middle_dot_between_digits_is_a_decimal_point(written, read):
    from auditor.documents import clean_text
    assert clean_text(written).rstrip("\n") == read
