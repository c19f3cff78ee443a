"""Times the batch overview (index.html) in headless Chromium at a large batch size.

    python benchmarks/index_browser.py [-n 10000] [--repeats 3] [--template path/to/index.html.j2]

Writes the run's tables (summary.csv, findings.jsonl) for N synthetic documents (seeded random
findings, no NLP) with the real `TableWriter`, builds the overview from them with the real
`write_index`, opens index.html from file:// in Debian's Chromium through Playwright and
measures, per repeat, in a fresh browser context (index.html holds at most the first
ROWS_PER_FILE = 10,000 documents; later ones go to index-2.html, ...):

- DOMContentLoaded: navigation start to the end of the DOMContentLoaded handlers (in-page);
- first page: goto() until the first table row is laid out and a frame has gone by (wall clock);
- sort: a click on the "words" header until the next frame after the re-render (in-page);
- filter: typing a query that matches 10 documents until the next frame (in-page);
- clear: emptying the filter again (all documents match) until the next frame (in-page).

It prints the median of each over the repeats, in milliseconds. `--template` renders with
another index template (e.g. an older copy) to compare before and after a change.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from auditor.audit import DocumentAudit
from auditor.model import Document, Finding
from auditor.policy import SEVERITIES
from auditor.report import templating
from auditor.report.index import write_index
from auditor.report.tables import TableWriter, format_rows

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
RUN = {"tool_version": "bench", "reference_version": "sha256:bench", "started_at": "2026-01-01T00:00:00+00:00"}
TOPICS = ("cure_rate", "waxing_interval", "dose", "pregnancy", "relapse", "duration", "side_effects")
SITES = 50

# Waits for the frame after the current one, so style, layout and paint of a change are done.
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"
TIMED = """async ([action, arg]) => {
  const t0 = performance.now();
  if (action === "sort") {
    [...document.querySelectorAll("#docs thead th")].find(th => th.textContent.trim() === arg).click();
  } else {
    const input = document.getElementById("filter");
    input.value = arg;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  }
  document.body.offsetHeight;  // force the layout now, as a user's next frame would
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - t0;
}"""
FIRST_ROW_LAID_OUT = """() => {
  const row = document.querySelector("#docs tbody tr");
  return row !== null && row.getBoundingClientRect().height > 0;
}"""


def synthetic_audit(i: int, rng: random.Random) -> DocumentAudit:
    doc_id = f"doc-{i:05d}"
    site = i % SITES
    document = Document(doc_id=doc_id, text="", source=f"corpus/site-{site}/{doc_id}.html",
                        title=f"Isotretinoin article {i}: what site {site} says about aftercare",
                        url=f"https://site-{site}.example/articles/{i}" if i % 2 else "")
    findings = []
    for k in range(rng.randint(0, 12)):
        verdict = rng.choices(("consistent", "discrepant", "unverified", "omission"), (5, 2, 3, 1))[0]
        severity = "info" if verdict == "consistent" else rng.choices(SEVERITIES, (1, 4, 8, 6))[0]
        findings.append(Finding(
            doc_id=doc_id, claim_id=f"{doc_id}:{k}", kind="numeric", drug="isotretinoin",
            topic=rng.choice(TOPICS), claim_text="", sentence="", start_char=None, end_char=None,
            value_low=None, value_high=None, unit="", qualifier="", context="asserted",
            reference_id="r", reference_value="", citation="", verdict=verdict, direction="",
            severity=severity, explanation=""))
    return DocumentAudit(document, rng.randint(150, 3000), "isotretinoin", (), tuple(findings))


def build_index(n: int, out: Path, seed: int = 7) -> Path:
    """Writes out/index.html for n synthetic documents through the real tables and `write_index`."""
    rng = random.Random(seed)
    writer = TableWriter(out, {"tool": "bench"})
    for start in range(0, n, 1_000):
        audits = [synthetic_audit(i, rng) for i in range(start, min(n, start + 1_000))]
        writer.append(format_rows(audits, ["bench"] * len(audits)))
    writer.close()
    failures = [{"source": f"corpus/broken-{i}.csv", "reason": "no 'id' column"} for i in range(3)]
    write_index(out, failures, RUN)
    return out / "index.html"


def use_template(path: Path) -> None:
    """Renders index.html.j2 from `path` instead of the package's template."""
    from jinja2 import ChoiceLoader, DictLoader

    override = DictLoader({"index.html.j2": path.read_text(encoding="utf-8")})
    templating.HTML_ENV.loader = ChoiceLoader([override, templating.HTML_ENV.loader])


def measure(browser, url: str) -> dict[str, float]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(180_000)
        start = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(FIRST_ROW_LAID_OUT)
        page.evaluate(NEXT_FRAME)
        first = (time.perf_counter() - start) * 1000
        dcl = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        return {
            "DOMContentLoaded": dcl,
            "first page": first,
            "sort": page.evaluate(TIMED, ["sort", "words"]),
            "filter": page.evaluate(TIMED, ["filter", "doc-0123"]),
            "clear": page.evaluate(TIMED, ["filter", ""]),
        }
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--template", type=Path, help="an index.html.j2 to render instead of the package's")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium", file=sys.stderr)
        return 2
    if args.template:
        use_template(args.template)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        path = build_index(args.n, Path(tmp))
        print(f"{args.n} documents: index.html {path.stat().st_size / 1e6:.1f} MB, "
              f"rendered in {time.perf_counter() - started:.1f} s")
        runs: list[dict[str, float]] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(args.repeats):
                    runs.append(measure(browser, path.as_uri()))
            finally:
                browser.close()
    print(f"{'measure':<18} {'median ms':>10}   runs")
    for name in runs[0]:
        values = [run[name] for run in runs]
        print(f"{name:<18} {statistics.median(values):>10.0f}   {' '.join(f'{v:.0f}' for v in values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

