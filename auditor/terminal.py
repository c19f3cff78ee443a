"""What `auditor audit` prints: an article's problems in the terminal (a table, JSON lines or a
Markdown list for a ticket), the findings that reached --fail-on, and the closing line that
says what changed since the last run.

Every line reads the run's findings.jsonl as a stream. Scraped text reaches a terminal here, so
control characters (an escape sequence could rewrite the screen) and bidi controls are shown
by name, and nothing is parsed as rich markup.
"""

from __future__ import annotations

import heapq
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from auditor.documents import FORMAT_CHARACTERS
from auditor.policy import is_dismissed, is_problem, severity_rank, unchecked_why, worst_first
from auditor.report.markdown import inert_markdown

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text, limit: int = 0) -> str:
    """One line of scraped text safe for a terminal: controls shown by name, spacing folded,
    cut at `limit` characters (0: never)."""
    line = " ".join(("" if text is None else str(text)).split())
    line = _CONTROL.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", line)
    line = FORMAT_CHARACTERS.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", line)
    return line if not limit or len(line) <= limit else line[:limit - 1] + "…"


def _md_line(text, limit: int = 0) -> str:
    """`plain`, escaped as the Markdown page escapes scraped text."""
    return inert_markdown(plain(text, limit))


class _Row(dict):
    """A findings.jsonl row, with the attributes `worst_first` and `is_dismissed` read."""

    def __getattr__(self, name):
        return self.get(name, "")


def _rows(findings_jsonl: Path) -> Iterator[_Row]:
    with findings_jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield _Row(json.loads(line))


def print_findings(findings_jsonl: Path, style: str, stream=None) -> None:
    """Print the findings of findings.jsonl to `stream` (stdout): 'json' every finding as it is
    stored, one JSON object a line; 'table' and 'md' the problems, worst first, dismissed ones
    apart, then one line that says what the rest were."""
    stream = stream or sys.stdout
    if style == "json":
        with findings_jsonl.open(encoding="utf-8") as handle:
            for line in handle:
                stream.write(line)
        return
    rows = list(_rows(findings_jsonl))
    problems = sorted((r for r in rows if is_problem(r.verdict)), key=worst_first)
    open_, dismissed = ([r for r in problems if not is_dismissed(r)],
                        [r for r in problems if is_dismissed(r)])
    several = len({r.doc_id for r in rows}) > 1
    if style == "md":
        _markdown(open_, dismissed, several, stream)
    else:
        _table(open_, dismissed, several, stream)
    print(_tally(rows), file=stream)


def _tally(rows: list[_Row]) -> str:
    """One honest line on what was checked: "12 findings: 2 discrepant, ...", or, when nothing
    could be compared, that none was checkable and why."""
    verdicts = Counter(r.verdict for r in rows)
    if not rows:
        return "No claim found to check."
    checked = verdicts["consistent"] + verdicts["discrepant"]
    counts = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
    if not checked and verdicts["unverified"]:
        unverified = [r for r in rows if r.verdict == "unverified"]
        return f"{_plural(len(unverified), 'claim')}, none checkable: {unchecked_why(unverified)}."
    return f"{_plural(len(rows), 'finding')}: {counts}."


def _reference(row: _Row, cited: bool = True) -> str:
    if not row.reference_value:
        return ""
    if cited and row.citation:
        return f"{row.reference_value} ({row.citation})"
    return str(row.reference_value)


def _claim(row: _Row) -> str:
    """The claim's words, or for a statement the article leaves out, what is missing."""
    return row.claim_text or f"(missing) {str(row.topic).replace('_', ' ')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _table(open_: list[_Row], dismissed: list[_Row], several: bool, stream) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not open_ and not dismissed:
        print("No discrepancy or omission.", file=stream)
        return
    table = Table(show_lines=False, header_style="bold", expand=False)
    if several:
        table.add_column("document", overflow="fold")
    for name in ("severity", "claim", "reference", "why", "fingerprint"):
        table.add_column(name, overflow="fold")
    styles = {"critical": "bold red", "major": "red", "minor": "yellow"}
    for row in [*open_, *dismissed]:
        gone = is_dismissed(row)
        severity = f"{row.severity} ({row.review})" if gone else row.severity
        cells = [Text(severity, style="dim" if gone else styles.get(row.severity, "")),
                 Text(plain(_claim(row), 80)),
                 Text(plain(_reference(row, cited=False), 80)), Text(plain(row.explanation, 240)),
                 Text(row.fingerprint)]
        if several:
            cells.insert(0, Text(plain(row.doc_id, 40)))
        table.add_row(*cells, style="dim" if gone else None)
    Console(file=stream, highlight=False, soft_wrap=False,
            width=None if stream.isatty() else 160).print(table)


def _markdown(open_: list[_Row], dismissed: list[_Row], several: bool, stream) -> None:
    if not open_:
        print("No open discrepancy or omission.", file=stream)
    for row in open_:
        print(_markdown_item(row, several), file=stream)
    if dismissed:
        print("\nDismissed by an editor:", file=stream)
        for row in dismissed:
            print(_markdown_item(row, several), file=stream)


def _markdown_item(row: _Row, several: bool) -> str:
    where = f"{_md_line(row.doc_id, 60)} · " if several else ""
    claim = _md_line(_claim(row), 120)
    reference = _md_line(_reference(row), 160)
    review = f" *{row.review}*" if row.review else ""
    line = (f"- **{row.severity}** {where}“{claim}”: {_md_line(row.explanation, 1000)}"
            f"{review}")
    if reference:
        line += f" Reference: {reference}."
    return f"{line} `{row.fingerprint}`"


def reaching(findings_jsonl: Path, severity: str, limit: int) -> tuple[list[str], int]:
    """The problems at least as severe as `severity` that no editor dismissed, worst first: up
    to `limit` one-line descriptions, and how many more there are."""
    cut = severity_rank(severity)
    count = 0

    def reached():  # streamed: a batch's findings are never all held
        nonlocal count
        for row in _rows(findings_jsonl):
            if is_problem(row.verdict) and not is_dismissed(row) and severity_rank(row.severity) <= cut:
                count += 1
                yield row

    found = heapq.nsmallest(limit, reached(), key=worst_first)
    lines = [f"{r.severity}: {plain(r.doc_id, 40)}: {plain(_claim(r), 60)} "
             f"[{r.fingerprint}] {plain(r.explanation, 120)}" for r in found]
    return lines, count - len(found)


def changes_line(manifest: dict, out: Path) -> str:
    """The run's last line: what was audited, what was already there, and what changed."""
    this_run, counts = manifest["this_run"], manifest["counts"]
    parts = [f"{this_run['documents']} audited"]
    if this_run.get("resumed"):
        parts.append(f"{this_run['resumed']} unchanged")
    if this_run.get("dropped"):
        parts.append(f"{this_run['dropped']} removed")
    if this_run.get("failures"):
        parts.append(f"{this_run['failures']} inputs skipped")
    line = f"auditor: {', '.join(parts)}"
    verdicts = counts.get("by_verdict", {})
    problems = verdicts.get("discrepant", 0) + verdicts.get("omission", 0)
    line += f"; {_plural(problems, 'problem')} in {_plural(counts['documents'], 'document')}"
    changes = manifest.get("changes") or {}
    total = changes.get("total") or {}
    if changes.get("previous_run"):
        new = total.get("new", 0)
        severe = ", ".join(f"{n} {s}" for s, n in (total.get("new_by_severity") or {}).items())
        line += f"; since last run +{new} new" + (f" ({severe})" if new and severe else "")
        line += f", {total.get('resolved', 0)} resolved"
    stale = (manifest.get("reviews") or {}).get("stale") or []
    if stale:
        line += f"; {len(stale)} review decisions match no finding"
    return f"{line}; wrote {out}/"
