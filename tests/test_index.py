"""write_index: the batch overview built by streaming the committed summary.csv and findings.jsonl.

Hostile values stay text, rows come worst first across every index file, a long run is split
into linked files, stale files of a longer run go, a failed write leaves the old overview and no
temporary file, and memory does not grow with the number of documents. (Following the links
between the files in Chromium is in test_html_reports.py, which owns the browser.)
"""

from __future__ import annotations

import csv
import json
import random
import re
import tracemalloc
from pathlib import Path

import pytest

from auditor.report import index as overview
from auditor.report.files import safe_name
from auditor.report.index import write_index
from auditor.report.tables import SUMMARY_COLUMNS

RUN = {"tool_version": "0.1.0", "reference_version": "sha256:test", "started_at": "2026-01-01T00:00:00+00:00"}
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTES = "\" onmouseover=\"alert(1)\" x='y'"
SEVERITIES = ("critical", "major", "minor", "info")
RANK = {"critical": 0, "major": 1, "minor": 2, "info": 3, "": 4}
# one index row: (worst, data-worst) and the link to the document's page, as the template writes it
ROW = re.compile(r'<tr class="w-(\w+)" data-worst="(\w+)"><td data-v="[^"]*"><a href="([^"]*)">')


def summary_row(doc_id: str, worst: str = "", critical: int = 0, major: int = 0, minor: int = 0, info: int = 0,
                **fields) -> dict:
    counts = {"critical": critical, "major": major, "minor": minor, "info": info}
    if worst and not counts[worst]:
        counts[worst] = 1
    return {"doc_id": doc_id, "source": f"{doc_id}.html", "title": f"Title of {doc_id}", "url": "",
            "words": 100, "claims": 1, "main_drug": "isotretinoin", "consistent": 1,
            "discrepant": sum(counts.values()) - counts["info"], "unverified": 0, "omission": 0,
            **counts, "worst_severity": worst, "text_hash": "h", **fields}


def write_tables(out: Path, rows: list[dict], findings: list[dict] = ()) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "summary.csv").open("w", encoding="utf-8", newline="") as table:
        writer = csv.DictWriter(table, SUMMARY_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    with (out / "findings.jsonl").open("w", encoding="utf-8") as lines:
        for finding in findings:
            lines.write(json.dumps(finding, ensure_ascii=False) + "\n")


def order(rows: list[dict]) -> list[str]:
    """The doc_ids in the overview's order, worked out here independently: worst first."""
    def key(row):
        return (RANK[row["worst_severity"]], -row["critical"], -row["major"], -row["minor"], row["doc_id"])
    return [row["doc_id"] for row in sorted(rows, key=key)]


def listed(page: str) -> list[str]:
    """The page links of an index file's table rows, in order."""
    table = page[page.index('<table id="docs">'):page.index("</table>")]
    return [match[3] for match in ROW.finditer(table)]


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


# ---------------------------------------------------------------- escaping and order

def test_hostile_values_are_escaped_and_rows_come_worst_first(tmp_path):
    rows = [
        summary_row("a-calm"),
        summary_row(f"../b{SCRIPT}", "critical", critical=1, title=f"T{QUOTES}", source=f"s{IMG}"),
        summary_row("c-two-critical", "critical", critical=2),
        summary_row("d-major-many", "major", major=3, minor=1),
        summary_row("e-major-few", "major", major=1, minor=5, url="javascript:alert(1)"),
        summary_row("f-info", "info", info=2),
        summary_row("g-no-worst-column", "", minor=2),  # worst_severity empty: derived from the counts
        summary_row(f'h-{QUOTES}', "minor", minor=1, title=SCRIPT, source=f"../../{SCRIPT}"),
    ]
    findings = [{"doc_id": "x", "topic": f"topic{SCRIPT}", "verdict": "discrepant", "explanation": IMG},
                {"doc_id": "x", "topic": None, "verdict": "consistent"},
                {"doc_id": "x", "topic": "dose", "verdict": "omission"}]
    write_tables(tmp_path, rows, findings)
    failures = [{"source": f"bad{IMG}.csv", "reason": SCRIPT}]
    write_index(tmp_path, failures, RUN)

    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert SCRIPT not in page and IMG not in page and QUOTES not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6  # id, title, source, topic, failure
    assert "s&lt;img src=x onerror=alert(1)&gt;" in page and "bad&lt;img src=x onerror=alert(1)&gt;.csv" in page
    assert 'title="T&#34; onmouseover=&#34;alert(1)&#34; x=&#39;y&#39;"' in page
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page  # shown as text, never linked
    assert "topic&lt;script&gt;alert(1)&lt;/script&gt;: 1 discrepant" in page  # the chart's tooltip
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2 and not any(word in "".join(scripts) for word in ("alert", "Title of", "a-calm"))

    rows[6]["worst_severity"] = "minor"  # what the overview derives for it
    expected = order(rows)
    assert expected[:3] == ["c-two-critical", f"../b{SCRIPT}", "d-major-many"]
    assert listed(page) == [f"docs/{safe_name(doc_id)}.html" for doc_id in expected]
    assert 'href="docs/b_script_alert_1_script.html"' in page  # "../" cannot leave the folder
    worst = [m[1] for m in ROW.finditer(page)]
    assert worst == ["critical", "critical", "major", "major", "minor", "minor", "info", "none"]
    banner = page[page.index('id="worst"'):page.index("</div>", page.index('id="worst"'))]
    assert "2 of 8 documents have critical findings" in banner and "c-two-critical</bdi></a> (2 critical)" in banner
    assert "<b>Documents:</b> 8 ·" in page and "<b>Failures:</b> 1" in page
    assert re.search(r't-critical">critical</span> 3 · <span class="tag t-major">major</span> 4 ·', page)
    assert sorted(p.name for p in tmp_path.glob("index*")) == ["index.html"] and leftovers(tmp_path) == []


def test_failures_as_objects_and_an_empty_run(tmp_path):
    class Failure:
        source, reason = f"x{IMG}.csv", "no 'id' column"

    write_tables(tmp_path, [])
    write_index(tmp_path, [Failure()], RUN)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert listed(page) == [] and "<b>Documents:</b> 0" in page
    assert "x&lt;img src=x onerror=alert(1)&gt;.csv" in page and "no &#39;id&#39; column" in page
    assert "No document has critical findings." in page and 'id="files"' not in page


@pytest.mark.parametrize(("reports", "linked"), [
    ("all", ["crit", "calm", "omits"]), ("flagged", ["crit", "omits"]), ("none", [])])
def test_only_documents_with_a_page_are_linked(tmp_path, reports, linked):
    rows = [summary_row("crit", "critical"), summary_row("omits", "", omission=1), summary_row("calm")]
    write_tables(tmp_path, rows)
    write_index(tmp_path, [], {**RUN, "reports": reports})
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="docs/(\w+)\.html"', page) == ["crit"] * ("crit" in linked) + linked
    assert all(f'<td data-v="{doc_id}">' in page for doc_id in ("crit", "omits", "calm"))  # all listed
    assert 'id="worst" role="alert"><b>1 of 3 documents' in page


# ---------------------------------------------------------------- a long run: linked index files

LONG = 25_000


def write_long_run(out: Path) -> list[str]:
    """25,000 documents in a shuffled input order, sorted in runs of 4,000 merged 3 at a time;
    returns their doc_ids in the order the overview must list them."""
    rng = random.Random(5)
    rows = []
    for i in range(LONG):
        worst = rng.choice((*SEVERITIES, ""))
        counts = {s: rng.randint(1, 3) if s == worst else rng.randint(0, 2) * (RANK[s] > RANK[worst])
                  for s in SEVERITIES}
        rows.append(summary_row(f"doc-{i:05d}", worst, **counts))
    rng.shuffle(rows)
    write_tables(out, rows, [{"topic": "dose", "verdict": "discrepant"}] * 3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(overview, "SORT_RUN", 4_000)
        patch.setattr(overview, "MERGE_FAN_IN", 3)
        write_index(out, [{"source": "broken.csv", "reason": "unreadable"}], RUN)
    return order(rows)


@pytest.fixture(scope="module")
def long_run(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("long")
    return out, write_long_run(out)


def test_a_long_run_is_split_into_files_worst_first_over_all(long_run):
    out, expected = long_run
    assert sorted(p.name for p in out.glob("index*")) == ["index-2.html", "index-3.html", "index.html"]
    pages = [(out / name).read_text(encoding="utf-8") for name in ("index.html", "index-2.html", "index-3.html")]
    links = [listed(page) for page in pages]
    assert [len(x) for x in links] == [10_000, 10_000, 5_000]
    assert sum(links, []) == [f"docs/{doc_id}.html" for doc_id in expected]
    for k, page in enumerate(pages, 1):
        assert f"<title>Audit overview: {LONG} documents (page {k} of 3)</title>" in page
        assert f"<b>Documents:</b> {LONG} ·" in page and page.count('aria-label="Index pages"') == 2
        assert f'<span id="shown" aria-live="polite">{len(links[k - 1])} shown</span>' in page
        assert "default-src 'none'" in page and len(re.findall(r"<script>", page)) == 2
    first, middle, last = pages
    assert 'id="chart-section"' in first and 'id="failures-section"' in first and 'id="worst"' in first
    assert not any(mark in page for mark in ('id="chart-section"', 'id="failures"', 'id="worst"')
                   for page in (middle, last))
    assert '<a href="index-2.html" rel="next">' in first and 'rel="prev"' not in first
    assert '<a href="index.html" rel="prev">' in middle and '<a href="index-3.html" rel="next">' in middle
    assert '<a href="index-2.html" rel="prev">' in last and 'rel="next"' not in last
    assert "documents 10001–20000 of 25000" in middle
    assert leftovers(out) == []


# ---------------------------------------------------------------- rewriting an earlier run's overview

def test_stale_files_of_a_longer_run_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(overview, "ROWS_PER_FILE", 20)
    for name in ("index-2.html", "index-3.html", "index-4.html", "index-10.html"):
        (tmp_path / name).write_text("stale", encoding="utf-8")
    for name in ("index-02.html", "index-notes.html", "index-2.html.bak"):  # not ours: kept
        (tmp_path / name).write_text("mine", encoding="utf-8")
    rows = [summary_row(f"d{i:02d}", SEVERITIES[i % 4]) for i in range(50)]
    write_tables(tmp_path, rows)

    write_index(tmp_path, [], RUN)
    ours = sorted(p.name for p in tmp_path.glob("index*.html"))
    assert ours == ["index-02.html", "index-2.html", "index-3.html", "index-notes.html", "index.html"]
    assert "stale" not in (tmp_path / "index-3.html").read_text(encoding="utf-8")
    assert [len(listed((tmp_path / n).read_text(encoding="utf-8"))) for n in ("index.html", "index-2.html",
                                                                              "index-3.html")] == [20, 20, 10]
    write_tables(tmp_path, rows[:20])  # a smaller run into the same folder: one file is enough
    write_index(tmp_path, [], RUN)
    ours = sorted(p.name for p in tmp_path.glob("index*.html"))
    assert ours == ["index-02.html", "index-notes.html", "index.html"]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert len(listed(page)) == 20 and 'id="files"' not in page and "index-2.html" not in page
    assert (tmp_path / "index-2.html.bak").read_text(encoding="utf-8") == "mine"
    assert leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_old_overview_and_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setattr(overview, "ROWS_PER_FILE", 100)
    monkeypatch.setattr(overview, "SORT_RUN", 50)  # sorted runs in temporary files too
    write_tables(tmp_path, [summary_row(f"d{i:03d}", "minor") for i in range(250)])
    write_index(tmp_path, [], RUN)
    before = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("index*.html")}
    assert sorted(before) == ["index-2.html", "index-3.html", "index.html"]

    calls = 0

    def failing(doc_id: str) -> str:
        nonlocal calls
        calls += 1
        if calls == 180:  # half way through index-2.html
            raise OSError("disk full")
        return safe_name(doc_id)

    monkeypatch.setattr(overview, "safe_name", failing)
    write_tables(tmp_path, [summary_row(f"new{i:03d}", "major") for i in range(250)])
    with pytest.raises(OSError, match="disk full"):
        write_index(tmp_path, [], RUN)
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("index*.html")} == before
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- memory

MANY = 8_000


def test_memory_does_not_grow_with_the_run(tmp_path, monkeypatch):
    """Peak traced memory stays far below what holding the run takes (the old in-memory overview).

    8,000 documents with long fields, sorted in runs of 1,000 and listed 5,000 a file (in use:
    50,000 and 10,000, but tracing every allocation makes a run that long too slow for a unit
    test). The old overview held every row as a dict, then the whole page as one string: more
    than the size of the HTML written here, so a bound well under that size fails for it.
    """
    monkeypatch.setattr(overview, "SORT_RUN", 1_000)
    monkeypatch.setattr(overview, "MERGE_FAN_IN", 4)
    monkeypatch.setattr(overview, "ROWS_PER_FILE", 5_000)
    rng = random.Random(3)
    pad = "x" * 900
    rows = [summary_row(f"doc-{i:06d}", rng.choice((*SEVERITIES, "")), title=f"{pad} title {i}",
                        source=f"{pad} source {i}", url=f"https://example.org/{pad}/{i}") for i in range(MANY)]
    findings = [{"topic": rng.choice(("dose", "cure_rate", None)), "verdict": "discrepant"} for _ in range(5_000)]
    write_tables(tmp_path, rows, findings)
    del rows, findings
    overview.HTML_ENV.get_template("index.html.j2")  # compiled once per process: not the run's memory

    tracemalloc.start()
    try:
        write_index(tmp_path, [], RUN)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    html_size = sum(p.stat().st_size for p in tmp_path.glob("index*.html"))
    bound = 6_000_000
    assert html_size > 3 * bound  # the old overview held all of it at once, and every row besides
    assert peak < bound, f"peak {peak / 1e6:.1f} MB"
    assert sorted(p.name for p in tmp_path.glob("index*.html")) == ["index-2.html", "index.html"]
