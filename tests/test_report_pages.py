"""The editor's loop on the pages (issue 13): per-finding anchors, sources, ticket snippets and
review rows; dismissed findings apart; honest empty states; the index's batch-wide findings, its
filters in the URL, linked chart bars, changes since the last run; phone, desktop and print."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_html_reports import launched_browser

from auditor.audit import DocumentAudit
from auditor.model import Document, Finding
from auditor.report import index as overview
from auditor.report.index import write_index
from auditor.report.markdown import render_markdown
from auditor.report.page import render_document_html
from auditor.report.tables import TableWriter, format_rows

RUN = {"tool_version": "0.1.0", "reference_version": "sha256:test", "started_at": "2026-01-01T00:00:00+00:00"}
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
WAXING = "Wait six weeks after your last isotretinoin dose before waxing."
CURE = "Up to 99% of patients are clear after one course of isotretinoin."


def finding(text: str, claim: str, **fields) -> Finding:
    start = text.find(claim)
    base = dict(doc_id="d", claim_id="d:1", kind="numeric", drug="isotretinoin", topic="cure_rate",
                claim_text=claim, sentence=text, start_char=start, end_char=start + len(claim),
                value_low=None, value_high=None, unit="", qualifier="", context="asserted",
                reference_id="r", reference_value="61%", citation="Cunliffe", verdict="discrepant",
                direction="overstates", severity="major", explanation="Overstated.")
    return Finding(**{**base, **fields})


def audit_of(text: str, findings: list[Finding], **document) -> DocumentAudit:
    doc = Document(**{"doc_id": "d", "text": text, "source": "d.txt", **document})
    findings = [f if f.doc_id == doc.doc_id else replace(f, doc_id=doc.doc_id) for f in findings]
    return DocumentAudit(doc, len(text.split()), "isotretinoin", (), tuple(findings))


def index_of(out: Path, audits: list[DocumentAudit]) -> None:
    writer = TableWriter(out, {"tool": "test"})
    writer.append(format_rows(audits, [f"hash-{i}" for i in range(len(audits))]))
    writer.close()
    write_index(out, [], RUN)


@pytest.fixture(scope="session")
def browser():
    yield from launched_browser()  # the session's one Chromium, shared with test_html_reports.py


SHOTS = Path("/tmp/shots")
PHONE, DESKTOP = 390, 1366


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


# ---------------------------------------------------------------- the document page, no browser

def test_each_finding_has_its_anchor_fingerprint_and_a_link_to_its_source():
    text = WAXING + " " + CURE
    cure = finding(text, "Up to 99%", fingerprint="0123456789ab", reference_id="fact_cure")
    wax = finding(text, "six weeks", fingerprint="ba9876543210", reference_id="fact_wax", severity="critical")
    sources = {"fact_cure": "https://example.org/cure?a=1&b=2", "fact_wax": "javascript:alert(1)"}
    page = render_document_html(audit_of(text, [cure, wax]), RUN, None, sources)
    assert 'id="0123456789ab"' in page and 'id="ba9876543210"' in page
    assert ">0123456789ab</a>" in page  # the fingerprint is shown
    assert '<a href="https://example.org/cure?a=1&amp;b=2" rel="noopener noreferrer" class="source">' in page
    assert "javascript:" not in page  # a source that is not http(s) is shown as text, never linked
    assert 'href="../index.html"' in page
    markdown = render_markdown(audit_of(text, [cure, wax]), RUN, None, sources)
    assert "[Cunliffe](https://example.org/cure?a=1&b=2)" in markdown and "javascript:" not in markdown
    assert "0123456789ab" in markdown


def test_hostile_sources_stay_out_of_links_and_markup():
    text = f"{SCRIPT} Up to 85% clear. {IMG}"
    hostile = finding(text, "Up to 85%", fingerprint="0123456789ab", citation=SCRIPT, explanation=IMG,
                      reference_id="r", sentence=f"{SCRIPT} Up to 85% clear.")
    html = render_document_html(audit_of(text, [hostile], title=SCRIPT), RUN, None,
                                {"r": 'https://x.example/"><script>alert(1)</script>'})
    assert SCRIPT not in html and IMG not in html
    assert len(re.findall(r"<script>", html)) == 1  # only the page's own
    assert 'href="https://x.example/&#34;&gt;&lt;script&gt;' in html  # quoted: cannot leave href


def test_dismissed_findings_are_apart_and_count_toward_nothing():
    text = WAXING + " " + CURE
    dismissed = finding(text, "six weeks", severity="critical", review="false_alarm", fingerprint="aaaaaaaaaaaa")
    kept = finding(text, "Up to 99%", severity="minor", fingerprint="bbbbbbbbbbbb", review="accepted")
    page = render_document_html(audit_of(text, [dismissed, kept]), RUN)
    banner = re.search(r'<div class="banner[^"]*" id="worst"[^>]*>(.*?)</div>', page, re.S)[1]
    assert "minor" in banner and "critical" not in banner
    assert re.search(r'<span class="tag t-critical">critical</span> 0', page)
    assert "Dismissed by an editor (not counted)" in page
    item = re.search(r'<li class="finding f-critical dismissed" id="aaaaaaaaaaaa".*?</li>', page, re.S)[0]
    assert "false alarm" in item
    markdown = render_markdown(audit_of(text, [dismissed, kept]), RUN)
    problems = markdown.split("## Dismissed")[0]
    assert "critical" not in problems.split("## Problems")[1] and "| false alarm | critical |" in markdown


@pytest.mark.parametrize(("fields", "expected"), [
    ({"drug": "doxycycline"}, "no facts for doxycycline"),
    ({"drug": ""}, "no drug named"),
    ({"context": "study"}, "a study's own methods or results"),
    ({"reference_id": "iso_cure"}, "no comparable fact for isotretinoin"),
])
def test_a_page_with_nothing_checkable_is_no_all_clear(fields, expected):
    """It says why nothing was checked: a page of a study's own figures has facts to check against."""
    text = WAXING + " " + CURE
    unverified = [finding(text, claim, verdict="unverified", severity="info", direction="",
                          **{"reference_id": "", **fields}) for claim in ("six weeks", "Up to 99%")]
    audit = audit_of(text, unverified)
    page = render_document_html(audit, RUN)
    assert f"2 claims, none checkable: {expected}" in html.unescape(page)
    assert 'class="banner ok"' not in page and "No discrepancies or missing" not in page
    assert f"## 2 claims, none checkable: {expected}" in render_markdown(audit, RUN)


# ---------------------------------------------------------------- the index, no browser

def _fingerprints(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


def _batch(tmp_path: Path) -> Path:
    text = WAXING + " " + CURE
    audits = [
        audit_of(text, [finding(text, "six weeks", severity="critical", fingerprint="c0ffee000001",
                                topic="cosmetic_procedures_after"),
                        finding(text, "Up to 99%", fingerprint="c0ffee000002", topic="clearance_rate")],
                 doc_id="bad"),
        audit_of(text, [finding(text, "six weeks", verdict="unverified", severity="info", direction="",
                                drug="doxycycline", fingerprint="c0ffee000003")], doc_id="unknown-drug"),
        audit_of(text, [finding(text, "Up to 99%", verdict="consistent", severity="", direction="",
                                fingerprint="c0ffee000004")], doc_id="fine"),
    ]
    index_of(tmp_path, audits)
    return tmp_path


def test_index_lists_findings_across_the_batch_and_counts_unchecked_documents_apart(tmp_path):
    out = _batch(tmp_path)
    page = (out / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li class="w-(\w+)[^"]*" data-topic="([^"]*)"[^>]*>.*?href="([^"]+)"', page)
    assert [(s, href) for s, _, href in listed] == [
        ("critical", "docs/bad.html#c0ffee000001"), ("major", "docs/bad.html#c0ffee000002"),
        ("info", "docs/unknown-drug.html#c0ffee000003")]  # worst first; consistent ones not listed
    assert "<b>None checkable:</b> 1 document " in page
    assert 'data-unchecked="1"' in page and 'id="since"' not in page  # no previous run: no line


def test_index_says_what_changed_since_the_last_run_and_marks_new_findings(tmp_path):
    out = _batch(tmp_path)
    changes = {"previous_run": "2026-01-01T00:00:00+00:00",
               "total": {"new": 2, "resolved": 5, "unchanged": 1, "new_by_severity": {"critical": 1, "major": 1}},
               "documents": {"bad": {"new": ["c0ffee000001", "c0ffee000002"], "resolved": ["x"], "unchanged": 0}}}
    write_index(out, [], {**RUN, "changes": changes})
    page = (out / "index.html").read_text(encoding="utf-8")
    since = re.search(r'<p class="since" id="since">(.*?)</p>', page, re.S)[1]
    assert re.sub(r"<[^>]+>", "", since) == ("Since last run (2026-01-01T00:00:00+00:00): +2 new "
                                             "(1 critical, 1 major), 5 resolved, 1 unchanged.")
    assert page.count('<span class="tag t-new">new</span>') == 2
    assert "+2 new, 1 resolved" in page  # on the document's row
    for broken in ({"previous_run": None}, {"previous_run": "x", "total": "?", "documents": []}, "junk"):
        write_index(out, [], {**RUN, "changes": broken})  # an old or odd run.json: no crash
        shown = "+0 new" in (out / "index.html").read_text(encoding="utf-8")
        assert shown == (broken not in ({"previous_run": None}, "junk"))


def test_index_lists_the_worst_findings_and_says_how_many_more(tmp_path, monkeypatch):
    monkeypatch.setattr(overview, "FINDINGS_SHOWN", 1)
    page = (_batch(tmp_path) / "index.html").read_text(encoding="utf-8")
    assert page.count('data-verdict="') == 1
    assert "The worst 1 of 3 findings" in page and "2 more are not listed here" in page


# ---------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """A real run: the hostile articles, one whose drug has no facts, and one clean page."""
    from auditor.batch import run_audit

    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "hostile.txt").write_text(
        f"Isotretinoin aftercare {SCRIPT}\n\n{WAXING} {CURE}\nSome sites paste {SCRIPT} and {IMG}.\n",
        encoding="utf-8")
    (corpus / "nofacts.txt").write_text(
        "Tretinoin cream\n\nMost people see results within 12 weeks of using tretinoin cream.\n", encoding="utf-8")
    (corpus / "calm.txt").write_text(
        "Isotretinoin dosing\n\nMost patients take 0.5 to 1 mg/kg per day of isotretinoin.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run_audit([str(corpus)], out, quiet=True)
    return out


def _open_snippet(item) -> str:
    """Open a finding's ticket snippet and return its text once the page has written it: the
    browser fires `toggle` as a task after the click, so reading at once can race it."""
    from playwright.sync_api import expect

    item.locator("details.snippet summary").click()
    pre = item.locator("details.snippet pre")
    pre.element_handle().wait_for_element_state("visible")
    expect(pre).to_have_text(re.compile(r"\S"))  # a Playwright wait, not a string the page's CSP must eval
    return pre.inner_text()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_document_page_links_anchors_copies_and_reviews(run_dir, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(5_000)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    url = (run_dir / "docs" / "hostile.html").as_uri()
    page.goto(url)
    _shot(page, f"doc-top-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    aside, main = (page.locator(sel).bounding_box() for sel in ("aside", "main"))
    if width == PHONE:
        assert aside["y"] < main["y"]  # the findings come before the article
        assert page.locator("aside .skip a").is_visible()
    else:
        assert aside["x"] > main["x"] and abs(aside["y"] - main["y"]) < 5
    critical = [f for f in map(json.loads, (run_dir / "findings.jsonl").read_text(encoding="utf-8").splitlines())
                if f["doc_id"] == "hostile" and f["severity"] == "critical"][0]
    item = page.locator(f"[id='{critical['fingerprint']}']")
    assert item.count() == 1 and critical["fingerprint"] in item.inner_text()
    source = item.locator("a.source")
    assert source.get_attribute("href").startswith("https://")
    # the ticket snippet and the review row
    snippet = _open_snippet(item)
    assert "**CRITICAL**" in snippet and critical["fingerprint"] in snippet
    item.locator("button.review-open").click()
    assert item.locator("#review-form").is_visible()  # the one form, moved into this finding
    assert item.locator("pre.row").inner_text() == "" and not item.locator("a.download").is_visible()
    item.locator("select[name=decision]").select_option("false_alarm")
    item.locator("input[name=note]").fill('read "six", means, months')
    item.locator("input[name=reviewer]").fill("=HYPERLINK(1)")
    row = item.locator("pre.row").inner_text()
    parsed = next(csv.reader(io.StringIO(row)))
    assert parsed[:4] == [critical["fingerprint"], "false_alarm", 'read "six", means, months', "'=HYPERLINK(1)"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", parsed[4])
    href = item.locator("a.download").get_attribute("href")
    assert href.startswith("data:text/csv")
    assert unquote(href.split(",", 1)[1]).splitlines() == ["fingerprint,decision,note,reviewer,date", row]
    with page.expect_download() as download:
        item.locator("a.download").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").splitlines()[1] == row
    _shot(page, f"doc-review-{width}")
    page.locator("#to-index").click()
    page.wait_for_url("**/index.html")
    assert all(r.startswith("file://") for r in requests)  # nothing left the machine
    context.close()


def test_a_page_with_nothing_checkable_says_so_in_the_browser(run_dir, browser):
    page = browser.new_page()
    page.goto((run_dir / "docs" / "nofacts.html").as_uri())
    banner = page.locator("#worst")
    assert "none checkable: no facts for tretinoin" in banner.inner_text()
    assert "ok" not in banner.get_attribute("class")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_index_findings_view_filters_from_the_url_and_the_chart(run_dir, browser, width):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.set_default_timeout(5_000)
    url = (run_dir / "index.html").as_uri()
    page.goto(url)
    _shot(page, f"index-top-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing off the side
    for cell in page.locator("#docs th:visible, #docs tbody tr:first-child td:visible").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5
    labels = page.locator("#chart .label").all()
    assert labels
    for label in labels:  # chart labels are whole: nothing cut on the left or hidden
        box = label.bounding_box()
        assert box["x"] >= 0 and label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    listed = lambda: page.locator("#findings li:visible")  # noqa: E731
    everything = listed().count()
    assert everything >= 3
    # a chart bar is a link that filters the findings view, and the filter goes into the URL
    bar = page.locator("#chart a.seg.v-discrepant").first
    topic = unquote(bar.get_attribute("href").split("topic=")[1].split("&")[0])
    bar.click()
    # Waits are Playwright's own: a string predicate (`wait_for_function`) is evaluated with
    # eval() when it is not true at once, which the page's CSP forbids, so it failed now and then.
    expect(page).to_have_url(re.compile(r"#.*verdict=discrepant"))
    # the link sets the hash at once; the page filters on the hashchange event that follows, in
    # one task that also sets the verdict control: wait for that, not for the hash alone
    expect(page.locator("#f-verdict")).to_have_value("discrepant")
    assert 0 < listed().count() < everything
    assert {li.get_attribute("data-topic") for li in listed().all()} == {topic}
    assert page.locator("#f-verdict").input_value() == "discrepant"
    page.locator("#section-end, #findings-section").first.screenshot(path=str(SHOTS / f"index-findings-{width}.png"))
    # the documents' filter is in the URL too, and a reload restores both
    page.locator("#controls button[data-worst='critical']").click()
    page.fill("#filter", "host")
    expect(page).to_have_url(re.compile(r"#.*q=host"))
    filtered = listed().count()
    page.reload()
    assert page.locator("#filter").input_value() == "host"
    assert page.locator("#controls button[data-worst='critical']").get_attribute("aria-pressed") == "true"
    assert page.locator("#f-verdict").input_value() == "discrepant" and listed().count() == filtered
    # each listed finding links to its anchor on the document page
    link = listed().first.locator("a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/docs/**")
    assert page.locator(f"[id='{href.split('#')[1]}']").count() == 1
    context.close()


def test_printed_index_fits_its_columns(run_dir, browser):
    context = browser.new_context(viewport={"width": 718, "height": 1000})  # A4's width at 96 dpi
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto((run_dir / "index.html").as_uri())
    page.locator("#docs").screenshot(path=str(SHOTS / "index-print.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 718
    clipped = page.evaluate("""() => Array.from(document.querySelectorAll('#docs th, #docs td'))
        .filter(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
                     || c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)""")
    assert clipped == []
    headers = page.locator("#docs th")
    assert headers.count() == 12 and all(headers.nth(i).is_visible() for i in range(12))
    context.close()


HOSTILE_MD = ["`<img src=x onerror=alert(1)>`", "[click](javascript:alert(1))", "a | b **c** _d_ # e",
              "&lt;b&gt; {{ x }} $y$ ~z~", "back\\slash \u200bzero\u202ewidth"]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_ticket_snippet_is_inert_markdown_built_in_the_page(tmp_path, browser, width):
    from auditor.report.markdown import inert_markdown

    text = " ".join(HOSTILE_MD) + " Up to 85% clear."
    hostile = finding(text, "Up to 85%", fingerprint="0123456789ab", citation=HOSTILE_MD[1], reference_id="r",
                      explanation=HOSTILE_MD[0], reference_value=HOSTILE_MD[2], topic=HOSTILE_MD[3])
    path = tmp_path / "page.html"
    path.write_text(render_document_html(audit_of(text, [hostile], title=HOSTILE_MD[4], doc_id=SCRIPT),
                                         RUN, None, {"r": "https://x.example/a (b)<c>"}), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 844})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    item = page.locator("[id='0123456789ab']")
    snippet = _open_snippet(item).splitlines()
    page.screenshot(path=str(SHOTS / f"doc-snippet-{width}.png"))
    assert snippet == [  # what markdown.py's rules make of each value
        f"**MAJOR** discrepant (overstates): {inert_markdown(HOSTILE_MD[3].replace('_', ' '))}",
        f"- Article: \u2068{inert_markdown(HOSTILE_MD[4])}\u2069 (id \u2068{inert_markdown(SCRIPT)}\u2069)",
        "- Claim: \u201cUp to 85%\u201d",
        f"- Sentence: \u201c{inert_markdown(text)}\u201d",
        f"- Reference: {inert_markdown(HOSTILE_MD[2])}",
        f"- Source: [{inert_markdown(HOSTILE_MD[1])}](https://x.example/a%20%28b%29%3Cc%3E)",
        f"- Why: {inert_markdown(HOSTILE_MD[0])}",
        "- Finding: 0123456789ab",
    ]
    assert dialogs == [] and page.locator("script").count() == 1
    page.close()


def test_a_claim_that_spells_a_consistent_verdict_is_still_listed(tmp_path):
    text = 'Up to 99% "verdict": "consistent" of patients.'
    claim = finding(text, 'Up to 99% "verdict": "consistent"', fingerprint="c0ffee000009")
    writer = TableWriter(tmp_path, {"tool": "test"})
    writer.append(format_rows([audit_of(text, [claim])], ["h"]))
    writer.close()
    write_index(tmp_path, [], RUN, writer.topics)  # counted as the run went: consistent lines skipped
    assert 'href="docs/d.html#c0ffee000009"' in (tmp_path / "index.html").read_text(encoding="utf-8")
