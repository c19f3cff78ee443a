"""The editor's HTML reports: one page per article and the batch overview `index.html`.

Both come from Jinja2 templates in `templates/` with autoescape on, because article text,
titles and sources are scraped and untrusted. Pages are self-contained (inline CSS and JS, a
strict Content-Security-Policy) so they open from file:// with no network at all.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader

from auditor.model import SEVERITIES, VERDICTS, Finding, severity_rank
from auditor.report.files import safe_name

_ENV = Environment(loader=PackageLoader("auditor.report", "templates"), autoescape=True,
                   trim_blocks=True, lstrip_blocks=True)
_VERDICT_ORDER = {"discrepant": 0, "omission": 1, "unverified": 2, "consistent": 3}
_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)
CHART_VERDICTS = ("discrepant", "omission", "unverified", "consistent")


def _topic(topic: str) -> str:
    return (topic or "other").replace("_", " ")


_ENV.filters["topic"] = _topic


def _finding_order(finding: Finding) -> tuple:
    return (severity_rank(finding.severity), _VERDICT_ORDER.get(finding.verdict, 9),
            finding.start_char or 0)


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
    mark: str = ""  # id of the highlight that shows it, "" when it is not in the text

    @property
    def label(self) -> str:
        return self.tone

    @property
    def tip(self) -> str:
        f = self.finding
        direction = f" ({f.direction})" if f.direction else ""
        return f"{self.tone.upper()} · {f.verdict}{direction} · {_topic(f.topic)}: {f.explanation}"


def _highlights(text: str, items: list[_Item]) -> list[tuple[int, int, _Item]]:
    """Non-overlapping (start, end, item) in text order; where claims overlap the worse wins.

    `items` come worst first, so the first to claim a stretch of text keeps it; a milder
    overlapping finding points at the winner's highlight.
    """
    kept: list[tuple[int, int, _Item]] = []
    starts: list[int] = []
    for item in items:
        start, end = item.finding.start_char, item.finding.end_char
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue
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
    """(start, end, id) of the sentences holding highlights, never cutting through one."""
    found: dict[tuple[int, int], str] = {}
    for start, end, item in marks:
        sentence = item.finding.sentence
        at = text.find(sentence, max(0, end - len(sentence))) if sentence else -1
        if 0 <= at <= start and end <= at + len(sentence):
            found.setdefault((at, at + len(sentence)), f"s{item.key}")
    spans, last_end = [], 0
    for (start, end), sid in sorted(found.items()):
        cuts = any(s < start < e or s < end < e for s, e, _ in marks)
        if start >= last_end and not cuts:
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


def render_document_html(audit, run: dict) -> str:
    """The page for one article: its text with every claim highlighted, and the findings."""
    document = audit.document
    items = [_Item(f, key, _tone(f)) for key, f in enumerate(sorted(audit.findings,
                                                                   key=_finding_order))]
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


@dataclass
class Overview:
    """What index.html needs, one small row per document, gathered as a run goes."""

    rows: list[dict] = field(default_factory=list)
    topics: Counter = field(default_factory=Counter)

    def add(self, audit) -> None:
        document = audit.document
        verdicts = Counter(f.verdict for f in audit.findings)
        severities = Counter(f.severity for f in audit.findings if f.verdict != "consistent")
        self.topics.update((f.topic or "other", f.verdict) for f in audit.findings)
        self.rows.append({
            "doc_id": document.doc_id, "title": document.title, "source": document.source,
            "url": document.url, "page": f"docs/{safe_name(document.doc_id)}.html",
            "words": audit.words, **{v: verdicts.get(v, 0) for v in VERDICTS},
            **{s: severities.get(s, 0) for s in SEVERITIES},
            "worst": next((s for s in SEVERITIES if severities.get(s)), ""),
        })


def _chart(topic_counts: Counter, width: int = 560, bar: int = 18, gap: int = 6) -> dict:
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
        bars.append({"topic": topic, "y": row * (bar + gap), "total": sum(topics[topic].values()),
                     "end": round(x, 1), "segments": segments})
    return {"bars": bars, "width": width, "bar": bar, "height": len(bars) * (bar + gap)}


def render_index(summaries: list[dict], failures: list, run: dict, topic_counts: Counter) -> str:
    """The batch overview: one row per document (worst first), a chart, and the failures."""
    rows = sorted(summaries, key=lambda r: (severity_rank(r["worst"]), -r["critical"],
                                            -r["major"], -r["minor"], r["doc_id"]))
    totals = Counter()
    for row in summaries:
        totals.update({k: row[k] for k in (*VERDICTS, *SEVERITIES)})
    failures = [f if isinstance(f, dict) else {"source": f.source, "reason": f.reason}
                for f in failures]
    return _ENV.get_template("index.html.j2").render(
        rows=rows, failures=failures, run=run, totals=totals, verdicts=VERDICTS,
        severities=SEVERITIES, chart=_chart(topic_counts), chart_verdicts=CHART_VERDICTS,
        with_critical=sum(1 for r in summaries if r["worst"] == "critical"),
        rank={s: i for i, s in enumerate(SEVERITIES)},
        critical=[r for r in rows[:5] if r["worst"] == "critical"],
    )
