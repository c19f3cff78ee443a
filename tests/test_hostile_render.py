"""A document page is rendered in time linear in its text, however dense its highlights."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.audit import DocumentAudit
from auditor.model import Document, Finding
from auditor.report.page import _blocks, _highlights, _Item, render_document_html

RUN = {"tool_version": "0.1.0", "reference_version": "sha256:test", "started_at": "2026-01-01T00:00:00+00:00"}
SENTENCE = "Wait {n} weeks after your last isotretinoin dose before waxing. "
SEVERITIES = ("critical", "major", "minor")


def finding(n: int, start: int, end: int, sentence: str, severity: str = "major") -> Finding:
    return Finding(
        doc_id="d", claim_id=f"d:{n}", kind="numeric", drug="isotretinoin",
        topic="cosmetic_procedures_after", claim_text="", sentence=sentence, start_char=start,
        end_char=end, value_low=None, value_high=None, unit="", qualifier="", context="asserted",
        reference_id="r", reference_value="6 months", citation="AAD", verdict="discrepant",
        direction="understates", severity=severity, explanation="Understated.")


def dense(sentences: int, findable: bool = True) -> DocumentAudit:
    """An article of `sentences` sentences, each with a claim (63 characters each).
    With `findable` False, no finding's sentence is found in the text (a cleaner that changed
    it): the page must still give up on it without scanning the rest of the text."""
    parts, findings, at = [], [], 0
    for n in range(sentences):
        sentence = SENTENCE.format(n=n % 90 + 10)
        start = at + sentence.index("weeks") - 3
        findings.append(finding(n, start, start + 8, sentence.strip() + ("" if findable else "!"),
                                SEVERITIES[n % 3]))
        parts.append(sentence)
        at += len(sentence)
    text = "".join(parts)
    return DocumentAudit(Document("d", text, "d.txt"), len(text.split()), "isotretinoin", (),
                         tuple(findings))


def render_seconds(audit: DocumentAudit) -> float:
    """The best of three renderings, without the cyclic garbage collector: its full passes come
    when the heap has grown by a quarter, so between two sizes they add a step that depends on
    what else the process holds (amortised, they are linear too)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            started = time.perf_counter()
            render_document_html(audit, RUN)
            best = min(best, time.perf_counter() - started)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize(("findable", "claims"), [
    # each sentence checked every highlight: 11 s for a 400,000-character page, x4 a doubling
    (True, 800),
    # a sentence that is not in the text was looked for up to the text's end, at every claim:
    # quadratic too, but at the speed of a string search, so it shows on larger pages
    (False, 3_200),
], ids=["sentences-found", "sentences-not-found"])
def test_a_dense_page_renders_in_linear_time(findable, claims):
    small = render_seconds(dense(claims, findable))
    large = render_seconds(dense(8 * claims, findable))  # 400,000 and 1.6 million characters
    # x8 the text: ~x8 the time, never x64
    assert large < 16 * max(small, 0.005), f"{small:.3f} s, then {large:.3f} s for 8x the text"


def test_a_dense_page_highlights_every_claim_in_its_sentence():
    audit = dense(300)
    page = render_document_html(audit, RUN)
    assert page.count("<mark ") == 300
    assert page.count('<span class="sent"') == 300


# -- the one-pass placement gives what the definition gives, on any layout --------------------


def placed_by_definition(text: str, items: list[_Item]) -> tuple[list, list]:
    """Highlights and sentences as defined, checking every pair: the worst of overlapping
    claims is highlighted (a milder one points at the first in the text it overlaps); a
    claim's sentence is marked when it holds the highlight, cuts through none, and overlaps no
    earlier marked sentence."""
    kept: list[tuple[int, int, _Item]] = []
    for item in items:
        start, end = item.finding.start_char, item.finding.end_char
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue
        clash = min((k for k in kept if k[0] < end and start < k[1]), default=None)
        item.mark = clash[2].mark if clash else f"m{item.key}"
        if not clash:
            kept.append((start, end, item))
    kept.sort(key=lambda k: k[0])
    found: dict[tuple[int, int], str] = {}
    for start, end, item in kept:
        sentence = item.finding.sentence
        holding = [at for at in range(len(text) - len(sentence) + 1)
                   if text.startswith(sentence, at) and at <= start and end <= at + len(sentence)]
        if sentence and holding:
            found.setdefault((holding[0], holding[0] + len(sentence)), f"s{item.key}")
    sentences, last_end = [], 0
    for (start, end), sid in sorted(found.items()):
        cuts = any(s < start < e or s < end < e for s, e, _ in kept)
        if start >= last_end and not cuts:
            sentences.append((start, end, sid))
            last_end = end
    return [(s, e, i.key, i.mark) for s, e, i in kept], sentences


@st.composite
def layouts(draw):
    text = draw(st.text(alphabet="ab. ", min_size=1, max_size=60))
    items = []
    for key in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text) + 1, start + 8)))
        low = draw(st.integers(0, start))
        sentence = draw(st.one_of(st.just(text[low:draw(st.integers(end, len(text) + 1))]),
                                  st.text(alphabet="ab. ", max_size=6)))
        items.append((key, start, end, sentence))
    return text, items


@settings(max_examples=400, deadline=None)
@given(layouts())
def test_one_pass_placement_matches_the_definition(layout):
    text, specs = layout

    def items() -> list[_Item]:
        return [_Item(finding(key, start, end, sentence), key, "major", "t")
                for key, start, end, sentence in specs]

    defined, placed = items(), items()
    expected_marks, expected_sentences = placed_by_definition(text, defined)
    marks = _highlights(text, placed)
    assert [(s, e, i.key, i.mark) for s, e, i in marks] == expected_marks
    assert [i.mark for i in placed] == [i.mark for i in defined]  # milder ones point at the winner
    blocks = _blocks(text, marks)
    assert [b["sid"] for b in blocks if b["sid"]] == [sid for _, _, sid in expected_sentences]
    assert "".join(part for block in blocks for part, _ in block["parts"]) == text

