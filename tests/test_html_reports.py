"""The HTML reports: escaping (no browser), then the real pages in headless Chromium from file://."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from auditor.audit import DocumentAudit
from auditor.model import Document, Finding
from auditor.reference import load_reference
from auditor.report.index import write_index
from auditor.report.markdown import render_markdown
from auditor.report.page import render_document_html
from auditor.report.tables import TableWriter, format_rows

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
RUN = {"tool_version": "0.1.0", "reference_version": "sha256:test", "started_at": "2026-01-01T00:00:00+00:00"}
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
WAXING = "Wait six weeks after your last isotretinoin dose before waxing."
CURE = "Up to 99% of patients are clear after one course of isotretinoin."


# ---------------------------------------------------------------- unit tests, no browser

def finding(text: str, claim: str, **fields) -> Finding:
    start = text.find(claim) if claim else -1
    base = dict(doc_id="d", claim_id="d:1", kind="numeric", drug="isotretinoin", topic="cure_rate",
                claim_text=claim, sentence=text, start_char=start if start >= 0 else None,
                end_char=start + len(claim) if start >= 0 else None, value_low=None, value_high=None,
                unit="", qualifier="", context="asserted", reference_id="r", reference_value="61%",
                citation="Cunliffe", verdict="discrepant", direction="overstates", severity="major",
                explanation="Overstated.")
    return Finding(**{**base, **fields})


def audit_of(text: str, findings: list[Finding], **document) -> DocumentAudit:
    doc = Document(**{"doc_id": "d", "text": text, "source": "d.txt", **document})
    return DocumentAudit(doc, len(text.split()), "isotretinoin", (), tuple(findings))


def test_pages_name_topics_by_their_reference_label():
    labels = load_reference().topic_labels
    assert labels["clearance_rate"] == "clear skin at the end of a course"
    assert labels["cosmetic_procedures_after"] == "waxing and resurfacing window after the course"
    waxing = finding(WAXING, "six weeks", topic="cosmetic_procedures_after")
    cure = finding(CURE, "Up to 99%", topic="clearance_rate")
    unknown = finding(CURE, "99%", topic="moon_phase")  # a topic the labels do not know
    audit = audit_of(WAXING + " " + CURE, [waxing, cure, unknown])
    for page in (render_document_html(audit, RUN, labels), render_markdown(audit, RUN, labels)):
        assert "waxing and resurfacing window after the course" in page
        assert "clear skin at the end of a course" in page
        assert "moon phase" in page
        assert "cosmetic_procedures_after" not in page and "cosmetic procedures after" not in page


def test_document_page_escapes_hostile_text_titles_and_attributes():
    text = f"{SCRIPT} Up to 85% clear. {IMG}"
    hostile = finding(text, "Up to 85%", explanation='x" onmouseover="alert(1)', citation=SCRIPT,
                      reference_value=IMG, topic="<b>topic</b>")
    page = render_document_html(audit_of(text, [hostile], title=f"T {SCRIPT}", source=f"s{IMG}",
                                         url="javascript:alert(1)"), RUN)
    assert SCRIPT not in page and IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'onmouseover="alert(1)' not in page and "&#34; onmouseover=&#34;alert(1)" in page
    assert "<b>topic</b>" not in page
    assert 'href="javascript:' not in page
    assert len(re.findall(r"<script>", page)) == 1  # only the page's own script


def test_document_page_links_only_web_urls_and_loads_nothing():
    text = "Up to 85% clear."
    page = render_document_html(audit_of(text, [finding(text, "Up to 85%")], url="https://x.example/a"), RUN)
    assert '<a href="https://x.example/a" rel="noopener noreferrer">' in page
    assert "default-src 'none'" in page
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", page)


def test_overlapping_claims_keep_the_worse_severity():
    text = "Up to 85% of patients are clear."
    worse = finding(text, "85% of patients", severity="critical", claim_id="d:2")
    milder = finding(text, "Up to 85%", severity="minor")
    page = render_document_html(audit_of(text, [milder, worse]), RUN)
    marks = re.findall(r'<mark [^>]*class="h-(\w+)"[^>]*>([^<]*)</mark>', page)
    assert marks == [("critical", "85% of patients")]
    # the milder finding still points at the highlight that covers its words
    assert page.count('data-mark="m0"') >= 3


def index_of(out: Path, audits: list[DocumentAudit], failures: list) -> str:
    """index.html for `audits`, through the run's real tables (summary.csv, findings.jsonl)."""
    writer = TableWriter(out, {"tool": "test"})
    writer.append(format_rows(audits, [f"hash-{i}" for i in range(len(audits))]))
    writer.close()
    write_index(out, failures, RUN)
    return (out / "index.html").read_text(encoding="utf-8")


def test_index_escapes_hostile_rows_and_failures(tmp_path):
    text = "Up to 85% clear."
    audit = audit_of(text, [finding(text, "Up to 85%")], doc_id=f"d{IMG}", title=SCRIPT, source=f"x{SCRIPT}")
    failures = [{"source": f"bad{IMG}.csv", "reason": SCRIPT}]
    page = index_of(tmp_path, [audit], failures)
    assert SCRIPT not in page and IMG not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert "bad&lt;img src=x onerror=alert(1)&gt;.csv" in page
    assert 'href="docs/d_img_src_x_onerror_alert_1.html"' in page


def test_index_keeps_article_data_out_of_its_scripts(tmp_path):
    text = "Up to 85% clear."
    audit = audit_of(text, [finding(text, "Up to 85%")], doc_id="marker-id", title="marker-title",
                     source="marker-source")
    page = index_of(tmp_path, [audit], [{"source": "marker-failure", "reason": "x"}])
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2  # the head's loading flag and the table's sort/filter/pager
    assert "marker" not in "".join(scripts)
    assert page.count("marker-id") >= 2  # the rows are in the server-rendered table instead


def test_index_lists_critical_documents_first(tmp_path):
    text = "Up to 85% clear."
    audits = [audit_of(text, [finding(text, "Up to 85%", severity=severity)], doc_id=doc_id)
              for doc_id, severity in (("a-minor", "minor"), ("b-critical", "critical"), ("c-major", "major"))]
    page = index_of(tmp_path, audits, [])
    order = re.findall(r'<tr class="w-\w+" data-worst="\w+"><td data-v="[^"]*"><a href="docs/([\w-]+)\.html"', page)
    assert order == ["b-critical", "c-major", "a-minor"]


# ---------------------------------------------------------------- the pages in a real browser

_RUNNING: list = []  # the session's one browser: Playwright's sync API cannot run two at once


def launched_browser():
    """Chromium for the session, as a fixture's generator: the first fixture to ask launches
    it, and any other module's (test_report_pages.py) shares it while it runs."""
    if _RUNNING:
        yield _RUNNING[0]
        return
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _RUNNING.append(browser)
        try:
            yield browser
        finally:
            _RUNNING.clear()
            browser.close()


@pytest.fixture(scope="session")
def browser():
    yield from launched_browser()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from auditor.batch import run_audit

    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "hostile.txt").write_text(
        f"Isotretinoin aftercare {SCRIPT}\n\n{WAXING} {CURE}\n"
        f"Some sites paste {SCRIPT} and {IMG} into articles.\n", encoding="utf-8")
    (corpus / "hostile_page.html").write_text(
        "<html><head><title>Guide &lt;img src=x onerror=alert(1)&gt;</title>"
        "<script>alert(2)</script></head><body><article><h1>Aftercare</h1>"
        f"<p>{WAXING} {CURE}</p>"
        "<p>Escaped: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;</p>"
        f"{IMG}{SCRIPT}</article></body></html>", encoding="utf-8")
    (corpus / "calm.txt").write_text(
        "Isotretinoin dosing\n\nMost patients take 0.5 to 1 mg/kg per day of isotretinoin.\n", encoding="utf-8")
    (corpus / "broken.csv").write_text("name,body\nx,y\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run_audit([str(corpus)], out, quiet=True)
    return out


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(5_000)
    page.dialogs, page.requests = [], []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def findings_of(report: Path, doc_id: str) -> list[dict]:
    rows = [json.loads(line) for line in (report / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if row["doc_id"] == doc_id]


@pytest.mark.parametrize("doc_id", ["hostile", "hostile_page"])
def test_article_page_highlights_every_claim(report, page, doc_id):
    url = (report / "docs" / f"{doc_id}.html").as_uri()
    page.goto(url)
    placed = [f for f in findings_of(report, doc_id) if f["start_char"] is not None]
    assert {"critical", "major"} <= {f["severity"] for f in placed}
    marks = page.locator("main mark")
    texts = marks.all_inner_texts()
    for f in placed:
        assert any(f["claim_text"] in text for text in texts), f["claim_text"]
    for i in range(marks.count()):
        mark = marks.nth(i)
        assert mark.is_visible()
        background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
        label = mark.evaluate("el => getComputedStyle(el, '::after').content")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
        assert label.strip('"') == mark.get_attribute("data-label") != ""  # a label, not colour alone
        assert mark.get_attribute("title")  # hover shows the finding
    critical = page.locator("main mark.h-critical")
    assert critical.inner_text() == "six weeks"
    assert "CRITICAL" in critical.get_attribute("title")
    assert "worst problem" in page.locator("#worst").inner_text().lower()
    assert page.requests == [url]


@pytest.mark.parametrize("doc_id", ["hostile", "hostile_page"])
def test_clicking_a_finding_marks_its_sentence(report, page, doc_id):
    page.goto((report / "docs" / f"{doc_id}.html").as_uri())
    item = page.locator("aside li.finding", has=page.locator(".t-critical")).first
    mark = page.locator("main mark.h-critical")
    sentence = page.locator("main .sent", has=page.locator("mark.h-critical"))
    assert sentence.inner_text().strip() == WAXING
    assert "active" not in (sentence.get_attribute("class") or "")
    item.locator("a.claim").click()
    assert "active" in mark.get_attribute("class")
    assert "active" in sentence.get_attribute("class")
    assert "active" in item.get_attribute("class")
    # a second finding moves the mark
    page.locator("aside li.finding", has=page.locator(".t-major")).first.click()
    assert "active" not in mark.get_attribute("class")
    assert page.locator("main .active").count() >= 1


@pytest.mark.parametrize("doc_id", ["hostile", "hostile_page"])
def test_planted_markup_is_inert_visible_text(report, page, doc_id):
    url = (report / "docs" / f"{doc_id}.html").as_uri()
    page.goto(url)
    page.locator("aside li.finding").first.click()
    page.wait_for_timeout(100)
    article = page.locator("main").inner_text()
    assert SCRIPT in article and IMG in article
    assert page.get_by_text(IMG, exact=False).first.is_visible()
    assert page.locator("main script, main img, img").count() == 0
    assert page.locator("script").count() == 1
    assert page.dialogs == []
    assert page.requests == [url]


def test_html_title_from_a_scraped_page_is_text(report, page):
    page.goto((report / "docs" / "hostile_page.html").as_uri())
    assert page.locator("h1").inner_text() == f"Guide {IMG}"
    assert page.title() == f"Audit: Guide {IMG}"


def test_index_sorts_and_filters(report, page):
    url = (report / "index.html").as_uri()
    page.goto(url)
    ids = lambda: page.locator("#docs tbody tr:not([hidden]) td:first-child a").all_inner_texts()  # noqa: E731
    default = ids()
    assert sorted(default) == ["calm", "hostile", "hostile_page"]
    worst = page.locator("#docs tbody tr").evaluate_all("rows => rows.map(r => r.dataset.worst)")
    assert worst[0] == "critical" and worst[-1] != "critical"
    page.locator("#docs thead th", has_text="document").click()
    assert ids() == ["calm", "hostile", "hostile_page"]
    page.locator("#docs thead th", has_text="document").click()
    assert ids() == ["hostile_page", "hostile", "calm"]
    assert page.locator("#docs thead th", has_text="document").get_attribute("aria-sort") == "descending"

    page.fill("#filter", "calm")
    assert ids() == ["calm"]
    assert page.locator("#shown").inner_text() == "1 of 3 shown"
    page.fill("#filter", "")
    page.locator("#controls button[data-worst='critical']").click()
    assert set(ids()) == {"hostile", "hostile_page"}
    page.locator("#controls button[data-worst='']").click()
    assert len(ids()) == 3
    assert page.dialogs == []
    assert page.requests == [url]


def test_index_links_pages_shows_chart_and_failures(report, page):
    url = (report / "index.html").as_uri()
    page.goto(url)
    for href in page.locator("#docs tbody a").evaluate_all("links => links.map(a => a.href)"):
        assert Path(href.removeprefix("file://")).is_file()
    bars = page.locator("#chart a.seg")
    assert bars.count() >= 2
    tips = " ".join(bars.evaluate_all("bars => bars.map(b => b.title)"))
    assert "discrepant" in tips and "waxing and resurfacing window after the course" in tips
    failures = page.locator("#failures").inner_text()
    assert "broken.csv" in failures and "'id' column" in failures
    assert "critical" in page.locator("#worst").inner_text()
    assert page.requests == [url]


# ---------------------------------------------------------------- a large batch: the table is paged

BIG = 2_050  # 21 pages of 100, the last one half full
SEVERITY_CYCLE = ("minor", "major", "", "critical", "minor", "info", "major")


def big_audit(i: int) -> DocumentAudit:
    doc_id = f"doc-{i:05d}"
    severity = SEVERITY_CYCLE[i % len(SEVERITY_CYCLE)]
    if severity:
        findings = [finding("", "", doc_id=doc_id, claim_id=f"{doc_id}:{k}", severity=severity)
                    for k in range(1 + i % 3)]
    else:
        findings = [finding("", "", doc_id=doc_id, verdict="consistent", severity="info")]
    doc = Document(doc_id=doc_id, text="", source=f"site-{i % 17}/article.html", title=f"Article number {i}")
    words = 100 + (i * 7919) % BIG  # all different, so a sort by words has one right answer
    return DocumentAudit(doc, words, "isotretinoin", (), tuple(findings))


@pytest.fixture(scope="module")
def big_index(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("big")
    index_of(out, [big_audit(i) for i in range(BIG)], [])
    with (out / "summary.csv").open(encoding="utf-8", newline="") as table:
        rows = [{**row, "worst": row["worst_severity"], "words": int(row["words"]),
                 **{s: int(row[s]) for s in ("critical", "major", "minor")}} for row in csv.DictReader(table)]
    # the server's order, as write_index puts it: worst first
    rank = {"critical": 0, "major": 1, "minor": 2, "info": 3, "": 4}
    rows.sort(key=lambda r: (rank[r["worst"]], -r["critical"], -r["major"], -r["minor"], r["doc_id"]))
    return out / "index.html", rows


def test_index_pages_a_large_batch(big_index, page):
    path, rows = big_index
    url = path.as_uri()
    page.goto(url)
    ids = lambda: page.locator("#docs tbody tr:not([hidden]) td:first-child a").all_inner_texts()  # noqa: E731
    shown_range = lambda: page.locator("#pager .range").inner_text()  # noqa: E731
    button = lambda go: page.locator(f"#pager button[data-go='{go}']")  # noqa: E731
    default = [r["doc_id"] for r in rows]

    # one page of rows, critical first, and no more rows in the table than that
    assert page.locator("#docs tbody tr").count() == 100
    assert ids() == default[:100]
    assert page.locator("#docs tbody tr").first.get_attribute("data-worst") == "critical"
    assert shown_range() == f"Showing 1–100 of {BIG} · page 1 of 21"
    assert button("prev").is_disabled() and button("first").is_disabled() and button("next").is_enabled()

    button("next").click()
    assert ids() == default[100:200]
    assert shown_range() == f"Showing 101–200 of {BIG} · page 2 of 21"
    page.locator("#pager-bottom button[data-go='next']").click()  # the pager under the table too
    assert ids() == default[200:300]
    button("last").click()
    assert ids() == default[2000:]
    assert shown_range() == f"Showing 2001–{BIG} of {BIG} · page 21 of 21"
    assert button("next").is_disabled() and button("last").is_disabled()

    # sorting goes back to page 1, with the right first row; asc then desc for text columns
    by_words = [r["doc_id"] for r in sorted(rows, key=lambda r: -r["words"])]
    page.locator("#docs thead th", has_text="words").click()
    assert ids() == by_words[:100]
    assert shown_range().startswith(f"Showing 1–100 of {BIG} ")
    button("next").click()
    assert ids() == by_words[100:200]
    page.locator("#docs thead th", has_text="document").click()
    assert ids() == sorted(default)[:100]
    page.locator("#docs thead th", has_text="document").click()
    assert ids() == sorted(default, reverse=True)[:100]

    # a filter matching one document shows exactly it
    page.fill("#filter", "doc-01234")
    assert ids() == ["doc-01234"]
    assert page.locator("#shown").inner_text() == f"1 of {BIG} shown"
    assert shown_range() == "Showing 1–1 of 1 · page 1 of 1"
    assert button("next").is_disabled() and button("prev").is_disabled()
    page.fill("#filter", "no such document")
    assert ids() == [] and shown_range() == "No documents match"

    # the severity filter pages its matches in the sorted order; clearing restores the rest
    page.fill("#filter", "")
    page.locator("#controls button[data-worst='critical']").click()
    with_critical = {r["doc_id"] for r in rows if r["worst"] == "critical"}
    critical = [d for d in sorted(default, reverse=True) if d in with_critical]
    assert len(critical) > 100
    assert ids() == critical[:100]
    assert page.locator("#shown").inner_text() == f"{len(critical)} of {BIG} shown"
    button("last").click()
    assert ids() == critical[(len(critical) - 1) // 100 * 100:]
    page.locator("#controls button[data-worst='']").click()
    assert ids() == sorted(default, reverse=True)[:100]

    # a printout lists every document (in the current order), then the page goes back to paging
    page.evaluate("""() => addEventListener("beforeprint", () => {
      window.printed = [...document.querySelectorAll("#docs tbody td:first-child a")].map(a => a.textContent);
    })""")
    page.pdf()
    assert page.evaluate("() => window.printed") == sorted(default, reverse=True)
    assert ids() == sorted(default, reverse=True)[:100]
    assert page.dialogs == []
    assert page.requests == [url]


def test_index_without_script_lists_every_document(big_index, browser):
    path, rows = big_index
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        body = page.locator("#docs tbody tr")
        assert body.count() == BIG
        assert body.first.is_visible() and body.last.is_visible()
        assert page.locator("#docs tbody td:first-child a").first.inner_text() == rows[0]["doc_id"]
        assert page.locator("#pager").is_hidden()
    finally:
        context.close()


# ---------------------------------------------------------------- a long run: linked index files

@pytest.fixture(scope="module")
def long_index(tmp_path_factory) -> tuple[Path, list[str]]:
    from test_index import write_long_run  # tests/ is on sys.path (pytest's default import mode)

    out = tmp_path_factory.mktemp("long")
    return out, write_long_run(out)  # 25,000 documents: index.html, index-2.html, index-3.html


def test_index_files_of_a_long_run_link_to_each_other(long_index, page):
    out, expected = long_index
    page.set_default_timeout(20_000)
    ids = lambda: page.locator("#docs tbody tr td:first-child a").all_inner_texts()  # noqa: E731

    page.goto((out / "index.html").as_uri())
    assert ids() == expected[:100]  # the in-page pager: 100 rows at a time
    assert page.locator("#files .where").inner_text() == "page 1 of 3: documents 1–10000 of 25000, worst first"
    assert page.locator("#pager .range").inner_text() == "Showing 1–100 of 10000 · page 1 of 100"

    page.locator("#files a[rel=next]").click()
    page.wait_for_url("**/index-2.html")
    assert ids() == expected[10_000:10_100]
    assert page.locator("#files .where").inner_text().startswith("page 2 of 3: documents 10001–20000")
    page.locator("#files-bottom a[rel=next]").click()  # the links under the table too
    page.wait_for_url("**/index-3.html")
    assert ids() == expected[20_000:20_100]
    assert page.locator("#files a[rel=next]").count() == 0
    page.locator("#pager button[data-go='last']").click()
    assert ids() == expected[-100:]

    page.locator("#files a[rel=prev]").click()
    page.wait_for_url("**/index-2.html")
    page.locator("#overview").click()
    page.wait_for_url("**/index.html")
    assert page.locator("#chart a.seg").count() == 1 and "broken.csv" in page.locator("#failures").inner_text()
    assert page.dialogs == []
    assert [url.rsplit("/", 1)[1] for url in page.requests] == [
        "index.html", "index-2.html", "index-3.html", "index-2.html", "index.html"]


# -- a page not checked for missing statements says so, rather than "None." --

def _pages_of(text: str, title: str = "") -> tuple[str, str]:
    from auditor.audit import audit_documents, default_pipeline

    [audit] = audit_documents([Document("d", text, "d.txt", title=title)], default_pipeline())
    return render_document_html(audit, RUN), render_markdown(audit, RUN)


def test_a_news_report_says_its_missing_statements_were_not_checked():
    text = ("Health Canada implements new isotretinoin safety steps. Patients who can get pregnant must use "
            "two forms of contraception and take a pregnancy test every month.")
    for page in _pages_of(text):
        assert "Not checked: it reads as a news report of a rule change or a study" in page


def test_a_page_naming_its_drug_in_passing_says_why_nothing_is_owed():
    text = ("Brow lamination: who should wait. Not suitable if you are pregnant or breastfeeding. Clients who "
            "took Accutane during the past 6 months should not book. " + "Our studio uses gentle products "
            "and every visit starts with a short talk about your skin and any allergies. " * 5)
    for page in _pages_of(text):
        assert "Not checked: it names isotretinoin only in passing" in page


def test_an_advice_page_checked_and_complete_says_none_missing():
    text = ("Isotretinoin can cause birth defects: avoid pregnancy for one month after the last dose. Do not "
            "donate blood during treatment or for one month after it.")
    html, markdown = _pages_of(text)
    assert "Not checked" not in html and "Not checked" not in markdown
    assert "<p>None.</p>" in html
