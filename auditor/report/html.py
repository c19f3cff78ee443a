"""The editor's HTML reports: one page per article and the batch overview `index.html`.

The overview is built at the end of a run from the committed summary.csv and findings.jsonl,
streamed (an external sort puts the documents worst first), so its memory does not grow with
the run; past ROWS_PER_FILE documents the listing goes on in index-2.html, index-3.html, ...

Both come from Jinja2 templates in `templates/` with autoescape on, because article text,
titles and sources are scraped and untrusted. Pages are self-contained (inline CSS and JS, a
strict Content-Security-Policy) so they open from file:// with no network at all.
"""

from __future__ import annotations

import bisect
import csv
import heapq
import json
import operator
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from jinja2 import Environment, PackageLoader

from auditor.model import Finding
from auditor.policy import SEVERITIES, VERDICTS, gets_report, severity_rank, topic_label, worst_first, worst_of
from auditor.report.files import safe_name
from auditor.report.tables import naming, read_cell

_ENV = Environment(loader=PackageLoader("auditor.report", "templates"), autoescape=True,
                   trim_blocks=True, lstrip_blocks=True)
_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)
CHART_VERDICTS = ("discrepant", "omission", "unverified", "consistent")


def _tone(finding: Finding) -> str:
    """The colour family: a problem's severity, or the verdict when nothing is wrong."""
    if finding.verdict in ("consistent", "unverified"):
        return finding.verdict
    return finding.severity if finding.severity in SEVERITIES else "info"


def _web_url(url: str) -> str:
    """The URL when it is safe to link (http/https only: never `javascript:`), else ""."""
    return url if url and _WEB_URL.match(url) else ""


@dataclass
class _Item:
    """A finding as the page shows it: its anchors, colour and label."""

    finding: Finding
    key: int
    tone: str
    topic: str  # the topic's label
    mark: str = ""  # id of the highlight that shows it, "" when it is not in the text

    @property
    def label(self) -> str:
        return self.tone

    @property
    def tip(self) -> str:
        f = self.finding
        direction = f" ({f.direction})" if f.direction else ""
        return f"{self.tone.upper()} · {f.verdict}{direction} · {self.topic}: {f.explanation}"


def _highlights(text: str, items: list[_Item]) -> list[tuple[int, int, _Item]]:
    """Non-overlapping (start, end, item) in text order; where claims overlap the worse wins.

    `items` come worst first, so the first to claim a stretch of text keeps it; a milder
    overlapping finding points at the winner's highlight (the first in the text, if it overlaps
    two). Claims are placed in one pass in text order: only claims that overlap, directly or in
    a chain, compete with each other, so each such cluster is settled alone.
    """
    spans = sorted((item.finding.start_char, rank, item.finding.end_char, item)
                   for rank, item in enumerate(items)
                   if item.finding.start_char is not None and item.finding.end_char is not None
                   and 0 <= item.finding.start_char < item.finding.end_char <= len(text))
    kept: list[tuple[int, int, _Item]] = []
    cluster: list[tuple] = []
    reach = 0  # where the current cluster's claims end
    for span in spans:
        if span[0] >= reach:  # overlaps no claim before it: the cluster before is complete
            kept += _worst_wins(cluster)
            cluster = []
        cluster.append(span)
        reach = max(reach, span[2])
    return kept + _worst_wins(cluster)


def _worst_wins(cluster: list[tuple]) -> list[tuple[int, int, _Item]]:
    """The highlights of one cluster of (start, rank, end, item), in text order."""
    kept: list[tuple[int, int, _Item]] = []
    starts: list[int] = []
    for start, _, end, item in sorted(cluster, key=operator.itemgetter(1)):  # worst first
        at = bisect.bisect_left(starts, start)
        clash = next((kept[i] for i in (at - 1, at) if 0 <= i < len(kept)
                      and kept[i][0] < end and start < kept[i][1]), None)
        if clash:
            item.mark = clash[2].mark
            continue
        item.mark = f"m{item.key}"
        kept.insert(at, (start, end, item))
        starts.insert(at, start)
    return kept


def _sentences(text: str, marks: list[tuple[int, int, _Item]]) -> list[tuple[int, int, str]]:
    """(start, end, id) of the sentences holding highlights, never cutting through one.

    One pass over the highlights in text order: a sentence is looked for only where it could
    hold its highlight, once for a run of highlights in the same sentence.
    """
    found: dict[tuple[int, int], str] = {}
    last, last_at = "", -1  # the sentence found last, and where
    for start, end, item in marks:
        sentence = item.finding.sentence
        if not sentence:
            continue
        if last_at <= start and end <= last_at + len(last) and sentence == last:
            continue  # the sentence the highlight before found: looking again would find it
        at = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
        if at >= 0:
            found.setdefault((at, at + len(sentence)), f"s{item.key}")
            last, last_at = sentence, at
    starts = [start for start, _, _ in marks]

    def cut(position: int) -> bool:  # inside a highlight? (they are sorted and disjoint)
        i = bisect.bisect_left(starts, position) - 1
        return i >= 0 and position < marks[i][1]

    spans, last_end = [], 0
    for (start, end), sid in sorted(found.items()):
        if start >= last_end and not cut(start) and not cut(end):
            spans.append((start, end, sid))
            last_end = end
    return spans


def _blocks(text: str, marks: list[tuple[int, int, _Item]]) -> list[dict]:
    """The article as blocks (a sentence with an id, or the text between) of text/highlight parts."""
    cuts, pos = [], 0
    for start, end, sid in _sentences(text, marks):
        if pos < start:
            cuts.append((pos, start, ""))
        cuts.append((start, end, sid))
        pos = end
    if pos < len(text):
        cuts.append((pos, len(text), ""))
    blocks, m = [], 0
    for low, high, sid in cuts:
        parts, pos = [], low
        while m < len(marks) and marks[m][1] <= high:
            start, end, item = marks[m]
            if pos < start:
                parts.append((text[pos:start], None))
            parts.append((text[start:end], item))
            pos, m = end, m + 1
        if pos < high:
            parts.append((text[pos:high], None))
        blocks.append({"sid": sid, "parts": parts})
    return blocks


def render_document_html(audit, run: dict, labels: dict[str, str] | None = None) -> str:
    """The page for one article: its text with every claim highlighted, and the findings.
    `labels` names the topics (`Reference.topic_labels`)."""
    document = audit.document
    items = [_Item(f, key, _tone(f), topic_label(f.topic, labels))
             for key, f in enumerate(sorted(audit.findings, key=worst_first))]
    marks = _highlights(document.text, items)
    by_verdict = {v: [i for i in items if i.finding.verdict == v] for v in VERDICTS}
    severities = Counter(f.severity for f in audit.findings if f.verdict != "consistent")
    sections = [
        ("Problems in the text, worst first", by_verdict["discrepant"], "No discrepancies found."),
        ("Missing statements", by_verdict["omission"], "None."),
        ("Checked: not verifiable or consistent",
         by_verdict["unverified"] + by_verdict["consistent"], "No other claims."),
    ]
    problems = sorted(by_verdict["discrepant"] + by_verdict["omission"], key=lambda i: i.key)
    return _ENV.get_template("document.html.j2").render(
        doc=document, title=document.title or document.doc_id, url=_web_url(document.url),
        words=audit.words, claims=len(audit.claims), main_drug=audit.main_drug,
        verdicts=Counter(f.verdict for f in audit.findings), all_verdicts=VERDICTS,
        severities=[(s, severities.get(s, 0)) for s in SEVERITIES[:3]],
        blocks=_blocks(document.text, marks), worst=problems[0] if problems else None,
        sections=sections, run=run,
    )


# -- the batch overview: index.html (and index-2.html, ... for a long run) -----------------

ROWS_PER_FILE = 10_000  # documents in one index file; later ones go to index-2.html, index-3.html, ...
SORT_RUN = 50_000  # documents sorted in memory at a time; each sorted run goes to a temporary file
MERGE_FAN_IN = 128  # sorted runs merged at once (open files); more runs are merged in rounds first
_COUNTS = (*VERDICTS, *SEVERITIES)  # the count columns of summary.csv
_CELLS = (*SEVERITIES, *VERDICTS)  # the same counts, in the order the table shows them
_TEXTS = ("doc_id", "title", "source", "url")
# A record, as sorted and spilled: [severity rank, -critical, -major, -minor, doc_id] (the order
# key), then title, source, url, words and the _COUNTS: plain str and int, as JSON holds them.
_KEY = operator.itemgetter(0, 1, 2, 3, 4)
_DUMPS = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode
_INDEX_FILE = re.compile(r"^index-([1-9][0-9]*)\.html$")


def write_index(out: Path, failures: list, run: dict, topic_counts: Counter | None = None,
                labels: dict[str, str] | None = None) -> None:
    """Write out/index.html (and index-2.html, ... for a long run) from the run's committed tables.

    Reads `out/summary.csv` (one row per document) and `out/findings.jsonl` (only `topic` and
    `verdict`, for the chart) as streams. The documents are put worst first by an external
    sort (sorted runs of SORT_RUN in anonymous temporary files in `out`, then merged) and
    rendered as they come, ROWS_PER_FILE to a file, so memory does not grow with the run.
    index.html has the overview (totals, critical banner, chart, failures) and the first
    documents; each later file is a self-contained page of the next ones, all linked in order.
    Every file is written beside and renamed into place (index.html last), and index-N.html
    files left by an earlier, longer run are removed. `failures` are objects with `.source`
    and `.reason` or dicts with those keys; `run` is the run's manifest, whose "reports" says
    which documents have a page to link to: "all" (the default), "flagged" (those with a
    discrepancy or an omission) or "none". `topic_counts`, (topic, verdict) -> findings for the
    chart, spares reading findings.jsonl when the caller has counted them as the run went.
    """
    out = Path(out)
    with ExitStack() as stack:
        stats = _SummaryStats()
        pages = run.get("reports", "all")  # which documents have a docs/<id>.html to link to
        rows = (_Row(record, pages) for record in
                _external_sort(_summary_records(out / "summary.csv", stats), out, stack))
        head = list(islice(rows, 5))  # the worst: the banner names the critical ones
        parts = max(1, -(-stats.count // ROWS_PER_FILE))
        context = dict(
            count=stats.count, parts=parts, run=run, verdicts=VERDICTS, severities=SEVERITIES,
            totals=Counter(dict(zip(_COUNTS, stats.totals, strict=True))),
            with_critical=stats.with_critical, critical=[r for r in head if r.worst == "critical"],
            chart=_chart(topic_counts if topic_counts is not None else _topic_counts(out / "findings.jsonl"),
                         labels),
            chart_verdicts=CHART_VERDICTS,
            failures=[f if isinstance(f, dict) else {"source": f.source, "reason": f.reason} for f in failures],
        )
        _write_parts(out, chain(head, rows), context)
    for path in out.glob("index-*.html"):
        match = _INDEX_FILE.match(path.name)
        if match and int(match[1]) > parts:
            path.unlink(missing_ok=True)


def _index_name(part: int) -> str:
    return "index.html" if part == 1 else f"index-{part}.html"


def _write_parts(out: Path, rows: Iterator[_Row], context: dict) -> None:
    """Render index file 1..parts, ROWS_PER_FILE rows each, beside; rename them all at the end."""
    template = _ENV.get_template("index.html.j2")
    parts, count, done = context["parts"], context["count"], []
    try:
        for part in range(1, parts + 1):
            first = (part - 1) * ROWS_PER_FILE
            shown = max(0, min(ROWS_PER_FILE, count - first))
            path = out / _index_name(part)
            handle, temporary = tempfile.mkstemp(dir=out, prefix=f".{path.name}.", suffix=".tmp")
            done.append((temporary, path))
            with naming(path), os.fdopen(handle, "w", encoding="utf-8", newline="") as target:
                target.writelines(template.generate(
                    rows=islice(rows, shown), part=part, shown=shown, first=first + 1, last=first + shown,
                    prev=_index_name(part - 1) if part > 1 else "",
                    next=_index_name(part + 1) if part < parts else "", **context))
            os.chmod(temporary, 0o644)  # mkstemp makes 0600; reports are for others to read
        for temporary, path in done[1:] + done[:1]:  # index.html last: the files it links exist
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in done:
            Path(temporary).unlink(missing_ok=True)
        raise


class _Row:
    """One document's row of the index. Attributes, not dict keys: Jinja looks those up first."""

    __slots__ = (*_TEXTS, "words", *_COUNTS, "worst", "rank", "page", "cells")

    def __init__(self, record: list, pages: str = "all") -> None:
        self.rank = record[0]
        self.doc_id, self.title, self.source, self.url, self.words = record[4:9]
        for name, value in zip(_COUNTS, record[9:], strict=True):
            setattr(self, name, value)
        self.worst = SEVERITIES[self.rank] if self.rank < len(SEVERITIES) else ""
        linked = gets_report(pages, self.discrepant + self.omission)
        self.page = f"docs/{safe_name(self.doc_id)}.html" if linked else ""  # "": it has no page
        self.cells = tuple(getattr(self, name) for name in _CELLS)


class _SummaryStats:
    """What the overview counts while summary.csv streams by."""

    def __init__(self) -> None:
        self.count = 0
        self.with_critical = 0
        self.totals = [0] * len(_COUNTS)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def _summary_records(path: Path, stats: _SummaryStats) -> Iterator[list]:
    """summary.csv as sort records, one at a time; the counts and totals go into `stats`."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None) or []
        width = len(header)
        at = {name: i for i, name in enumerate(header)}  # a missing column: -1, the "" appended
        texts = [at.get(name, -1) for name in _TEXTS]
        words, worst_at = at.get("words", -1), at.get("worst_severity", -1)
        counts_at = [at.get(name, -1) for name in _COUNTS]
        totals, severities_from = stats.totals, len(VERDICTS)
        for row in reader:
            if not row:
                continue
            if len(row) < width:
                row += [""] * (width - len(row))
            row.append("")
            counts = [_int(row[i]) for i in counts_at]
            worst = row[worst_at]
            if worst not in SEVERITIES:  # as the writer derives it: the worst severity counted
                worst = worst_of(dict(zip(SEVERITIES, counts[severities_from:], strict=True)))
            stats.count += 1
            stats.with_critical += worst == "critical"
            for i, n in enumerate(counts):
                totals[i] += n
            critical, major, minor = counts[severities_from:severities_from + 3]
            # Text cells come back as they were before the CSV writer neutralised formulas.
            yield [severity_rank(worst), -critical, -major, -minor, *(read_cell(row[i]) for i in texts),
                   _int(row[words]),
                   *counts]


def _external_sort(records: Iterator[list], folder: Path, stack: ExitStack) -> Iterator[list]:
    """All `records`, read now, in _KEY order (stable), holding SORT_RUN of them at most.

    Sorted runs go to anonymous temporary files in `folder`, which `stack` closes (and the
    system then removes them, whatever happens); at most MERGE_FAN_IN are merged at once.
    """
    runs: list = []
    while chunk := list(islice(records, SORT_RUN)):
        chunk.sort(key=_KEY)
        if not runs and len(chunk) < SORT_RUN:
            return iter(chunk)  # it all fits in one run: no temporary file
        runs.append(_spill(chunk, folder, stack))
        del chunk
    while len(runs) > MERGE_FAN_IN:  # merge neighbours, so equal keys keep their input order
        merged = []
        for at in range(0, len(runs), MERGE_FAN_IN):
            group = runs[at:at + MERGE_FAN_IN]
            merged.append(_spill(heapq.merge(*map(_read_run, group), key=_KEY), folder, stack))
            for run in group:
                run.close()
        runs = merged
    return heapq.merge(*map(_read_run, runs), key=_KEY)


def _spill(records: Iterable[list], folder: Path, stack: ExitStack):
    run = stack.enter_context(tempfile.TemporaryFile(  # noqa: SIM115 (the stack closes it)
        "w+", encoding="utf-8", newline="\n", dir=folder, prefix=".index-sort-"))
    with naming(folder):
        run.writelines(_DUMPS(record) + "\n" for record in records)
        run.seek(0)
    return run


def _read_run(run) -> Iterator[list]:
    return map(json.loads, run)


def _topic_counts(path: Path) -> Counter:
    """(topic or "other", verdict) -> findings, from findings.jsonl, a line at a time."""
    counts: Counter = Counter()
    with path.open(encoding="utf-8", newline="\n") as lines:
        for line in lines:
            if line.strip():
                finding = json.loads(line)
                counts[(finding.get("topic") or "other", finding.get("verdict"))] += 1
    return counts


def _chart(topic_counts: Counter, labels: dict[str, str] | None = None, width: int = 560, bar: int = 18,
           gap: int = 6) -> dict:
    """Geometry of a stacked bar per topic (findings by verdict), problems first."""
    topics: dict[str, Counter] = {}
    for (topic, verdict), n in topic_counts.items():
        topics.setdefault(topic, Counter())[verdict] += n
    order = sorted(topics, key=lambda t: (-(topics[t]["discrepant"] + topics[t]["omission"]),
                                          -sum(topics[t].values()), t))
    most = max((sum(c.values()) for c in topics.values()), default=1)
    bars = []
    for row, topic in enumerate(order):
        x, segments = 0.0, []
        for verdict in CHART_VERDICTS:
            n = topics[topic][verdict]
            if n:
                w = n / most * width
                segments.append({"verdict": verdict, "n": n, "x": round(x, 1), "w": round(w, 1)})
                x += w
        bars.append({"topic": topic_label(topic, labels), "y": row * (bar + gap),
                     "total": sum(topics[topic].values()),
                     "end": round(x, 1), "segments": segments})
    return {"bars": bars, "width": width, "bar": bar, "height": len(bars) * (bar + gap)}
