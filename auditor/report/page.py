"""The editor's page for one article, `docs/<doc_id>.html`: the cleaned text with every claim
highlighted in place, and the findings beside it, worst first.

From `templates/document.html.j2` with autoescape on (see `templating`): article text is scraped
and untrusted. The page is self-contained, so it opens from file:// with no network at all.
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from auditor.model import Finding
from auditor.policy import DECISIONS, SEVERITIES, VERDICTS, is_dismissed, topic_label, worst_first
from auditor.report.markdown import decision_label, omissions_note, unchecked_note
from auditor.report.templating import HTML_ENV, web_url


def _tone(finding: Finding) -> str:
    """The colour family: a problem's severity, or the verdict when nothing is wrong."""
    if finding.verdict in ("consistent", "unverified"):
        return finding.verdict
    return finding.severity if finding.severity in SEVERITIES else "info"


@dataclass
class _Item:
    """A finding as the page shows it: its anchors, colour and label."""

    finding: Finding
    key: int
    tone: str
    topic: str  # the topic's label
    mark: str = ""  # id of the highlight that shows it, "" when it is not in the text
    anchor: str = ""  # the finding's id on the page: its fingerprint (else "f<key>")
    source: str = ""  # its fact's source URL, when it is safe to link
    dismissed: bool = False  # an editor set it aside (policy.is_dismissed)
    decision: str = ""  # the editor's decision, in words

    @property
    def label(self) -> str:
        return "dismissed" if self.dismissed else self.tone

    @property
    def tip(self) -> str:
        f = self.finding
        direction = f" ({f.direction})" if f.direction else ""
        dismissed = f"DISMISSED ({self.decision}) · " if self.dismissed else ""
        return f"{dismissed}{self.tone.upper()} · {f.verdict}{direction} · {self.topic}: {f.explanation}"


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


def render_document_html(audit, run: dict, labels: Mapping[str, str] | None = None,
                         sources: Mapping[str, str] | None = None) -> str:
    """The page for one article: its text with every claim highlighted, and the findings.
    `labels` names the topics and `sources` maps a fact's id to its source URL
    (`ReferenceNames`). Findings an editor dismissed are listed apart, greyed, and count toward
    neither the counts nor the banner."""
    document = audit.document
    sources = sources or {}
    title = document.title or document.doc_id
    items, anchors = [], set()
    for key, f in enumerate(sorted(audit.findings, key=worst_first)):
        label = topic_label(f.topic, labels)
        anchor = f.fingerprint if f.fingerprint and f.fingerprint not in anchors else f"f{key}"
        anchors.add(anchor)
        source = web_url(sources.get(f.reference_id, "")) if f.reference_id else ""
        items.append(_Item(f, key, _tone(f), label, anchor=anchor, source=source,
                           dismissed=is_dismissed(f), decision=decision_label(f.review)))
    shown = [i for i in items if not i.dismissed]
    marks = _highlights(document.text, shown + [i for i in items if i.dismissed])  # dismissed: last
    by_verdict = {v: [i for i in shown if i.finding.verdict == v] for v in VERDICTS}
    severities = Counter(i.finding.severity for i in shown if i.finding.verdict != "consistent")
    sections = [
        ("problems", "Problems in the text, worst first", by_verdict["discrepant"], "No discrepancies found."),
        ("omissions", "Missing statements", by_verdict["omission"], omissions_note(audit) or "None."),
        ("checked", "Checked: not verifiable or consistent",
         by_verdict["unverified"] + by_verdict["consistent"], "No other claims."),
    ]
    dismissed = [i for i in items if i.dismissed]
    if dismissed:
        sections.append(("dismissed", "Dismissed by an editor (not counted)", dismissed, ""))
    problems = sorted(by_verdict["discrepant"] + by_verdict["omission"], key=lambda i: i.key)
    checked = sum(1 for i in shown if i.finding.verdict == "consistent")
    return HTML_ENV.get_template("document.html.j2").render(
        doc=document, title=title, url=web_url(document.url),
        words=audit.words, claims=len(audit.claims), main_drug=audit.main_drug,
        verdicts=Counter(i.finding.verdict for i in shown), all_verdicts=VERDICTS,
        severities=[(s, severities.get(s, 0)) for s in SEVERITIES[:3]], dismissed=len(dismissed),
        blocks=_blocks(document.text, marks), worst=problems[0] if problems else None,
        unchecked=unchecked_note(audit.findings, len(audit.claims)), checked=checked,
        sections=sections, run=run, decisions=DECISIONS,
    )
