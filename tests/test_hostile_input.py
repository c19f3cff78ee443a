"""Hostile input: every bad item is skipped with a reason; nothing crashes or escapes --out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import auditor.documents as documents
from auditor.audit import audit_documents, audit_text
from auditor.batch import run_audit
from auditor.documents import ReadFailure, read_inputs
from auditor.model import Document

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "corpora" / "articles" / "a03-dosing-guide.txt").read_text(encoding="utf-8")


def read(*paths) -> tuple[list[Document], list[ReadFailure]]:
    items = list(read_inputs(paths))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, ReadFailure)])


def test_bad_files_fail_alone_with_file_and_line(tmp_path):
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.md").write_bytes(b"")
    good = json.dumps({"id": "good", "text": ARTICLE})
    (tmp_path / "mixed.jsonl").write_text(
        "\n".join([good, '{"id": "cut", "text": "trunc', "[1]", '{"text": "no id"}',
                   json.dumps({"id": "nul", "text": "\x00" * 50 + ARTICLE})]) + "\n",
        encoding="utf-8")
    (tmp_path / "columns.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (tmp_path / "short.csv").write_text(f'id,text\nr1,"{ARTICLE}"\nr2\n', encoding="utf-8")
    packed = gzip.compress(((good + "\n") * 50).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    docs, failures = read(tmp_path)
    reasons = {Path(f.source.split(",")[0]).name + f.source.partition(",")[2]: f.reason
               for f in failures}
    assert reasons["binary.txt"] == "binary file, not text"
    assert "empty" in reasons["empty.md"]
    assert reasons["mixed.jsonl line 2"].startswith("not valid JSON")
    assert reasons["mixed.jsonl line 3"] == "a line must be a JSON object"
    assert reasons["mixed.jsonl line 4"] == "missing 'id'"
    assert "'id' column" in reasons["columns.csv"]
    lines = ARTICLE.count("\n") + 3  # the short row ends on this physical line
    assert "no 'text'" in reasons[f"short.csv line {lines}"]
    assert "ended" in reasons["cut.jsonl.gz"]
    by_id = {d.doc_id: d for d in docs}
    assert {"good", "nul", "r1"} <= set(by_id)
    assert "\x00" not in by_id["nul"].text


def test_windows_1252_and_latin_1_are_decoded_not_dropped(tmp_path):
    (tmp_path / "cp.txt").write_bytes("“Café” – naïve\n".encode("cp1252") + ARTICLE.encode())
    (tmp_path / "l1.jsonl").write_bytes(b'{"id": "l1", "text": "Caf\xe9 ' + b"x" * 20 + b'"}\n')
    docs, failures = read(tmp_path)
    assert not failures
    texts = {d.doc_id: d.text for d in docs}
    assert texts["cp"].startswith("“Café” – naïve")
    assert texts["l1"].startswith("Café")


def test_over_long_lines_and_documents_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_LINE_BYTES", 4096)
    monkeypatch.setattr(documents, "MAX_DOCUMENT_CHARS", 3000)
    rows = [{"id": "long", "text": "x" * 10_000}, {"id": "big", "text": "y " * 2000},
            {"id": "ok", "text": ARTICLE[:2000]}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                      encoding="utf-8")
    docs, failures = read(tmp_path)
    assert [d.doc_id for d in docs] == ["ok"]
    assert [f.source.rsplit(" ", 1)[-1] for f in failures] == ["1", "2"]
    assert "longer than" in failures[0].reason and "limit" in failures[1].reason


def test_a_huge_one_line_html_page_and_rtl_emoji_text(tmp_path):
    paragraph = "<p>" + ARTICLE.replace("\n", " ") + "</p>"
    (tmp_path / "huge.html").write_text(
        "<html><body><nav>menu</nav><article>" + paragraph * 300 + "</article></body></html>",
        encoding="utf-8")
    (tmp_path / "rtl.txt").write_text("مرحبا 🙂 \u202e" + ARTICLE, encoding="utf-8")
    docs, failures = read(tmp_path)
    assert not failures and len(docs[0].text) > 500_000 and "menu" not in docs[0].text[:100]
    for audit in audit_documents(docs):
        for finding in audit.findings:
            if finding.start_char is not None:
                text = audit.document.text
                assert text[finding.start_char:finding.end_char] == finding.claim_text


def test_ids_cannot_escape_the_output_folder(tmp_path):
    rows = [{"id": i, "text": ARTICLE} for i in ("../../evil", "/etc/passwd", "a/b", "a_b",
                                                  "..", "\u202eexe.txt")]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                       encoding="utf-8")
    out = tmp_path / "out"
    result = run_audit([str(tmp_path / "in.jsonl")], out, workers=1, quiet=True)
    assert result.documents == 6 and not result.failures
    written = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(out)]
    assert written == [tmp_path / "in.jsonl"]
    assert len(list((out / "docs").glob("*.md"))) == 6  # a_b and a/b do not overwrite


# -- property: arbitrary text never crashes, and offsets point at the claim ----------------

_PIECES = st.sampled_from([
    "isotretinoin", "Accutane", " 20 mg", "0.5 mg/kg/day", "1,200", "½", "120–150 mg/kg",
    "%", " 16 weeks", "month", "sebum", "pregnancy", "not", "may", "up to", "about", ".",
    "\n", " ", "-", "(", ")", "§", "\x00", "\u202e", "🙂", "\r\n", "e.g.", "Dr.", "5.", "x10",
])
TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)


def check_offsets(text: str, findings) -> None:
    for finding in findings:
        if finding.start_char is None:
            continue
        assert 0 <= finding.start_char <= finding.end_char <= len(text)
        assert text[finding.start_char:finding.end_char] == finding.claim_text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_audit_text_never_raises_and_offsets_hold(text):
    findings = audit_text(text)
    check_offsets(documents.clean_text(text), findings)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_audit_documents_on_raw_text_never_raises(texts):
    docs = [Document(doc_id=f"d{i}", text=t, source="<test>") for i, t in enumerate(texts)]
    audits = list(audit_documents(docs))
    assert [a.document.doc_id for a in audits] == [d.doc_id for d in docs]
    for audit in audits:
        check_offsets(audit.document.text, audit.findings)


@pytest.mark.parametrize("size", [1_000_000])
def test_a_long_document_is_audited(size):
    text = (ARTICLE * (size // len(ARTICLE) + 1))[:size]
    audit = next(audit_documents([Document(doc_id="long", text=text, source="<test>")]))
    once = next(audit_documents([Document(doc_id="once", text=ARTICLE, source="<test>")]))
    # The article repeated word for word states its claims once: the same findings as one copy.
    assert {(f.topic, f.claim_text) for f in audit.findings} >= {
        (f.topic, f.claim_text) for f in once.findings if f.kind != "omission"}
    assert len(audit.findings) >= 5
    check_offsets(text, audit.findings)


# -- ids made of nothing visible -------------------------------------------------------------


def test_an_id_of_only_nul_or_control_characters_is_missing(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "in.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "text": ARTICLE}) for i in ("\x00", "\x01\x7f", " \x00\t",
                                                                  "\x00kept")) + "\n",
        encoding="utf-8")
    (tmp_path / "in.csv").write_text(f'id,text\n"\x02","{ARTICLE}"\n', encoding="utf-8")
    pq.write_table(pa.table({"id": ["\x00", "\x1f"], "text": [ARTICLE, ARTICLE]}),
                   tmp_path / "in.parquet")
    docs, failures = read(tmp_path)
    assert [d.doc_id for d in docs] == ["kept"]
    assert [f.reason for f in failures] == ["missing 'id'"] * 6


def test_a_file_whose_stem_is_nothing_visible_is_named_by_its_whole_name(tmp_path):
    for name in ("\x01.txt", "\x1b\x7f.md"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    docs, failures = read(tmp_path / "\x01.txt", tmp_path / "\x1b\x7f.md")
    assert not failures and [d.doc_id for d in docs] == [".txt", ".md"]
