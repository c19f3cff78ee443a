"""The batch overview, `index.html` (and index-2.html, ... for a long run).

It is built at the end of a run from the committed summary.csv and findings.jsonl, streamed
(an external sort puts the documents worst first), so its memory does not grow with the run;
past ROWS_PER_FILE documents the listing goes on in index-2.html, index-3.html, ...
From `templates/index.html.j2` with autoescape on (see `templating`); self-contained.
"""

from __future__ import annotations

import csv
import heapq
import json
import operator
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from auditor.policy import (
    SEVERITIES,
    VERDICTS,
    gets_report,
    is_dismissed,
    is_problem,
    severity_rank,
    topic_label,
    worst_of,
)
from auditor.report.files import AtomicFile, naming, safe_name
from auditor.report.tables import read_cell
from auditor.report.templating import HTML_ENV

CHART_VERDICTS = ("discrepant", "omission", "unverified", "consistent")


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
    discrepancy or an omission) or "none"; its "changes" (since the previous run into `out`,
    optional) give the "since last run" line and mark new findings. `topic_counts`, (topic,
    verdict) -> findings for the chart, is counted from findings.jsonl when not given.

    findings.jsonl is read once, a line at a time, for the chart and the batch-wide findings
    view: the FINDINGS_SHOWN worst findings (heapq.nsmallest holds no more than those).
    """
    out = Path(out)
    with ExitStack() as stack:
        stats = _SummaryStats()
        pages = run.get("reports", "all")  # which documents have a docs/<id>.html to link to
        view = _findings_view(out / "findings.jsonl", pages, run.get("changes"), labels, topic_counts)
        fresh = _new_per_document(run.get("changes"))
        rows = (_Row(record, pages, fresh) for record in
                _external_sort(_summary_records(out / "summary.csv", stats), out, stack))
        head = list(islice(rows, 5))  # the worst: the banner names the critical ones
        parts = max(1, -(-stats.count // ROWS_PER_FILE))
        context = dict(
            count=stats.count, parts=parts, run=run, verdicts=VERDICTS, severities=SEVERITIES,
            totals=Counter(dict(zip(_COUNTS, stats.totals, strict=True))),
            with_critical=stats.with_critical, critical=[r for r in head if r.worst == "critical"],
            chart=_chart(view.topic_counts, labels),
            view=view, changes=_changes(run.get("changes")), unchecked=stats.unchecked,
            labels=labels or {},
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
    template = HTML_ENV.get_template("index.html.j2")
    parts, count = context["parts"], context["count"]
    done: list[AtomicFile] = []
    try:
        for part in range(1, parts + 1):
            first = (part - 1) * ROWS_PER_FILE
            shown = max(0, min(ROWS_PER_FILE, count - first))
            path = out / _index_name(part)
            done.append(target := AtomicFile(path, "w"))
            with naming(path):
                target.handle.writelines(template.generate(
                    rows=islice(rows, shown), part=part, shown=shown, first=first + 1, last=first + shown,
                    prev=_index_name(part - 1) if part > 1 else "",
                    next=_index_name(part + 1) if part < parts else "", **context))
                target.handle.close()  # written out now: a full disk names this file
        for target in done[1:] + done[:1]:  # index.html last: the files it links exist
            target.commit()
    except BaseException:
        for target in done:
            target.discard()
        raise


class _Row:
    """One document's row of the index. Attributes, not dict keys: Jinja looks those up first."""

    __slots__ = (*_TEXTS, "words", *_COUNTS, "worst", "rank", "page", "cells", "unchecked", "new", "resolved")

    def __init__(self, record: list, pages: str = "all", fresh: dict | None = None) -> None:
        self.rank = record[0]
        self.doc_id, self.title, self.source, self.url, self.words = record[4:9]
        for name, value in zip(_COUNTS, record[9:], strict=True):
            setattr(self, name, value)
        self.worst = SEVERITIES[self.rank] if self.rank < len(SEVERITIES) else ""
        linked = gets_report(pages, self.discrepant + self.omission)
        self.page = f"docs/{safe_name(self.doc_id)}.html" if linked else ""  # "": it has no page
        self.cells = tuple(getattr(self, name) for name in _CELLS)
        self.unchecked = _unchecked(self.unverified, self.consistent, self.discrepant, self.omission)
        self.new, self.resolved = (fresh or {}).get(self.doc_id, (0, 0))


class _SummaryStats:
    """What the overview counts while summary.csv streams by."""

    def __init__(self) -> None:
        self.count = 0
        self.with_critical = 0
        self.unchecked = 0  # documents with claims, none of them checkable
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
            stats.unchecked += _unchecked(*(counts[_COUNTS.index(v)] for v in
                                            ("unverified", "consistent", "discrepant", "omission")))
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
                segments.append({"verdict": verdict, "n": n, "x": round(x, 1), "w": round(w, 1),
                                 "pct": round(n / most * 100, 2)})
                x += w
        bars.append({"topic": topic_label(topic, labels), "id": topic, "y": row * (bar + gap),
                     "total": sum(topics[topic].values()),
                     "end": round(x, 1), "segments": segments})
    return {"bars": bars, "width": width, "bar": bar, "height": len(bars) * (bar + gap)}


def _unchecked(unverified: int, consistent: int, discrepant: int, omission: int) -> bool:
    """A document with claims none of which could be checked: every one unverified."""
    return unverified > 0 and not (consistent or discrepant or omission)


# -- the batch-wide findings view -------------------------------------------------------------

FINDINGS_SHOWN = 500  # the worst findings the overview lists; findings.csv has them all
_VIEW_VERDICTS = ("discrepant", "omission", "unverified")  # consistent findings are not listed
_VERDICT_ORDER = {verdict: i for i, verdict in enumerate(_VIEW_VERDICTS)}
_CLIP = 280  # characters of a claim or an explanation the list shows
# A consistent finding's line in findings.jsonl (json.dumps' spacing): inside a string value
# these quotes would be escaped, so only the verdict field itself can match.
_CONSISTENT = '"verdict": "consistent"'


@dataclass
class _Finding:
    """One finding of the batch-wide view, as the template shows it."""

    doc_id: str
    fingerprint: str
    severity: str
    verdict: str
    direction: str
    topic: str  # the topic id, for the filter
    label: str  # the topic as an editor reads it
    claim: str
    explanation: str
    review: str
    dismissed: bool
    new: bool
    page: str = ""  # docs/<id>.html#<fingerprint>, or "" when the document has no page


@dataclass
class _FindingsView:
    items: list[_Finding]
    total: int  # findings the view could list (all but the consistent ones)
    new: int  # of them, new since the previous run
    topics: list[tuple[str, str]]  # (topic id, label) of the listed findings, for the filter
    topic_counts: Counter = field(default_factory=Counter)

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _clip(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _CLIP else text[:_CLIP - 1] + "…"


def _findings_view(path: Path, pages: str, changes: dict | None, labels: dict[str, str] | None,
                   topic_counts: Counter | None) -> _FindingsView:
    """The FINDINGS_SHOWN worst findings of findings.jsonl (dismissed ones last), read a line
    at a time, and the chart's counts when the caller has none."""
    fresh = {(doc_id, fingerprint) for doc_id, entry in _documents(changes).items()
             for fingerprint in (entry.get("new") or ()) if isinstance(fingerprint, str)}
    counts: Counter = Counter()
    totals = {"all": 0, "new": 0}
    known = topic_counts is not None

    def candidates() -> Iterator[tuple]:
        if not path.exists():
            return
        with path.open(encoding="utf-8", newline="\n") as lines:
            for number, line in enumerate(lines):
                if not line.strip():
                    continue
                if known and _CONSISTENT in line:  # counted already, and never listed: not parsed
                    continue
                row = json.loads(line)
                verdict = row.get("verdict") or ""
                counts[(row.get("topic") or "other", verdict)] += 1
                if verdict not in _VERDICT_ORDER:
                    continue
                key = (str(row.get("doc_id", "")), str(row.get("fingerprint") or ""))
                new = key in fresh
                totals["all"] += 1
                totals["new"] += new
                dismissed = is_dismissed(_Review(row.get("review") or ""))
                yield ((dismissed, severity_rank(row.get("severity") or ""), _VERDICT_ORDER[verdict], number),
                       row, new, dismissed)

    chosen = heapq.nsmallest(FINDINGS_SHOWN, candidates(), key=operator.itemgetter(0))
    flagged = {row.get("doc_id") for _, row, _, _ in chosen if is_problem(row.get("verdict") or "")}
    items = []
    for _, row, new, dismissed in chosen:
        doc_id, fingerprint = str(row.get("doc_id", "")), str(row.get("fingerprint") or "")
        linked = pages == "all" or (pages == "flagged" and doc_id in flagged)
        topic = str(row.get("topic") or "other")
        items.append(_Finding(
            doc_id, fingerprint, str(row.get("severity") or ""), str(row.get("verdict") or ""),
            str(row.get("direction") or ""), topic, topic_label(topic, labels),
            _clip(str(row.get("claim_text") or "")), _clip(str(row.get("explanation") or "")),
            str(row.get("review") or ""), dismissed, new,
            f"docs/{safe_name(doc_id)}.html" + (f"#{fingerprint}" if fingerprint else "") if linked else ""))
    topics = sorted({(i.topic, i.label) for i in items}, key=lambda t: t[1].lower())
    return _FindingsView(items, totals["all"], totals["new"], topics,
                         counts if topic_counts is None else topic_counts)


@dataclass(frozen=True)
class _Review:
    review: str


def _documents(changes) -> dict:
    """changes["documents"], or {} when the run has none (an older run.json) or it is malformed."""
    documents = changes.get("documents") if isinstance(changes, dict) else None
    return {str(k): v for k, v in documents.items() if isinstance(v, dict)} if isinstance(documents, dict) else {}


def _new_per_document(changes) -> dict[str, tuple[int, int]]:
    """doc_id -> (new, resolved) findings since the previous run, for documents with either."""
    return {doc_id: (len(entry.get("new") or ()), len(entry.get("resolved") or ()))
            for doc_id, entry in _documents(changes).items()}


def _changes(changes) -> dict | None:
    """The "since last run" line's figures, or None when there is no previous run to compare."""
    if not isinstance(changes, dict) or not changes.get("previous_run"):
        return None
    total = changes.get("total") if isinstance(changes.get("total"), dict) else {}
    by_severity = total.get("new_by_severity") if isinstance(total.get("new_by_severity"), dict) else {}
    return {"previous_run": str(changes["previous_run"]), "new": _int(str(total.get("new", 0))),
            "resolved": _int(str(total.get("resolved", 0))), "unchanged": _int(str(total.get("unchanged", 0))),
            "by_severity": [(s, _int(str(by_severity.get(s, 0)))) for s in SEVERITIES
                            if _int(str(by_severity.get(s, 0)))]}
