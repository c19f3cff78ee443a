"""The editor's loop: the decisions editors record against a finding's fingerprint
(`auditor.model.fingerprint`: what a finding says, never where it stands), and what changed
since the previous run.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from auditor.model import FINGERPRINT_LENGTH, fingerprint, normalise_words
from auditor.policy import DECISIONS, SEVERITIES, is_problem
from auditor.report.files import atomic_write

# -- decisions: reviews.csv ------------------------------------------------------------------

REVIEW_COLUMNS = ("fingerprint", "decision", "note", "reviewer", "date")
REVIEWS_FILE = "reviews.csv"
MAX_REVIEWS_BYTES = 64 * 1024 * 1024  # a million decisions fit many times over
_FINGERPRINT = re.compile(rf"[0-9a-f]{{{FINGERPRINT_LENGTH}}}")


class ReviewsError(ValueError):
    """reviews.csv cannot be used; the message is one line naming the file, the line and why."""


@dataclass(frozen=True, slots=True)
class Review:
    fingerprint: str
    decision: str
    note: str = ""
    reviewer: str = ""
    date: str = ""


def load_reviews(path: Path) -> dict[str, Review]:
    """The decisions in `path` by fingerprint (a later row for a fingerprint wins); {} when
    the file does not exist. Raises ReviewsError for a file that is there but wrong."""
    from auditor.report.tables import read_cell  # pyarrow: only when reviews are read

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ReviewsError(f"{path}: {error.strerror or error}") from None
    if size > MAX_REVIEWS_BYTES:
        raise ReviewsError(f"{path}: {size:,} bytes, over the {MAX_REVIEWS_BYTES:,}-byte limit")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewsError(f"{path}: not readable as UTF-8 text ({type(error).__name__})") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(rows, [])]
    missing = [name for name in ("fingerprint", "decision") if name not in header]
    if missing:
        raise ReviewsError(f"{path}: no {' or '.join(missing)} column in the header "
                           f"(expected {','.join(REVIEW_COLUMNS)})")
    where = {name: header.index(name) for name in REVIEW_COLUMNS if name in header}
    reviews: dict[str, Review] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: read_cell(row[i]).strip() if i < len(row) else "" for name, i in where.items()}
        fingerprint, decision = cells["fingerprint"].lower(), cells["decision"].lower()
        if not _FINGERPRINT.fullmatch(fingerprint):
            raise ReviewsError(f"{path} line {number}: {cells['fingerprint'][:40]!r} is not a "
                               f"fingerprint ({FINGERPRINT_LENGTH} hex digits)")
        if decision not in DECISIONS:
            raise ReviewsError(f"{path} line {number}: decision {cells['decision'][:40]!r} is "
                               f"not one of {', '.join(DECISIONS)}")
        reviews[fingerprint] = Review(fingerprint, decision, cells.get("note", ""),
                                      cells.get("reviewer", ""), cells.get("date", ""))
    return reviews


def save_reviews(path: Path, reviews: dict[str, Review]) -> None:
    """Write `reviews` to `path` (beside, then renamed), cells safe for a spreadsheet."""
    from auditor.report.tables import spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REVIEW_COLUMNS)
    for review in reviews.values():
        writer.writerow([spreadsheet_safe(getattr(review, name)) for name in REVIEW_COLUMNS])
    atomic_write(path, buffer.getvalue())


def record_review(path: Path, review: Review) -> bool:
    """Add or replace the decision for `review.fingerprint` in `path`; True when it replaced
    an earlier decision."""
    reviews = load_reviews(path)
    replaced = review.fingerprint in reviews
    reviews[review.fingerprint] = review
    save_reviews(path, reviews)
    return replaced


def apply_reviews(findings: Iterable, reviews: dict[str, Review]) -> list:
    """The findings with the decision recorded for each, if any, in their `review` field."""
    return [replace(f, review=reviews[f.fingerprint].decision) if f.fingerprint in reviews else f
            for f in findings]


# -- what changed since the previous run -----------------------------------------------------


_FINGERPRINT_FIELD = re.compile(r'"fingerprint": "([0-9a-f]+)"')


def problem_fingerprints(findings_jsonl: Path, watched: Iterable[str] = ()
                         ) -> tuple[dict[str, dict[str, str]], set[str]]:
    """doc_id -> {fingerprint: severity} for the discrepancies and omissions of a run's
    findings.jsonl, and which of the `watched` fingerprints (the reviewed ones) it holds at all,
    in one streamed pass; ({}, set()) when there is none. A line it cannot read is passed over:
    the comparison is a courtesy, never a reason to fail a run."""
    found: dict[str, dict[str, str]] = {}
    watched = set(watched)
    seen: set[str] = set()
    try:
        handle = findings_jsonl.open(encoding="utf-8", errors="replace")
    except OSError:
        return found, seen
    with handle:
        for line in handle:
            if watched and (match := _FINGERPRINT_FIELD.search(line)) and match[1] in watched:
                seen.add(match[1])
            if '"discrepant"' not in line and '"omission"' not in line:
                continue
            try:
                row = json.loads(line)
                if is_problem(row["verdict"]) and row.get("fingerprint"):
                    found.setdefault(str(row["doc_id"]), {})[row["fingerprint"]] = row.get("severity", "")
            except (ValueError, KeyError, TypeError):
                continue
    return found, seen


def compare_runs(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]],
                 previous_run: str | None) -> dict:
    """`changes` for run.json: new, resolved and unchanged problem findings, in total and per
    document (only documents with a new or resolved one). A document audited in neither run is
    not mentioned; one that left the input resolves its findings."""
    total = {"new": 0, "resolved": 0, "unchanged": 0}
    new_by_severity: Counter = Counter()
    documents: dict[str, dict] = {}
    first = previous_run is None and not before  # nothing to compare with: no list of all
    for doc_id in sorted(before.keys() | after.keys()):
        old, now = before.get(doc_id, {}), after.get(doc_id, {})
        new = sorted(now.keys() - old.keys())
        resolved = sorted(old.keys() - now.keys())
        unchanged = len(now.keys() & old.keys())
        total["new"] += len(new)
        total["resolved"] += len(resolved)
        total["unchanged"] += unchanged
        new_by_severity.update(now[fp] for fp in new)
        if (new or resolved) and not first:
            documents[doc_id] = {"new": new, "resolved": resolved, "unchanged": unchanged}
    by_severity = {s: new_by_severity[s] for s in SEVERITIES if new_by_severity[s]}
    return {"previous_run": previous_run, "total": {**total, "new_by_severity": by_severity},
            "documents": documents}



def find_finding(findings_jsonl: Path, fingerprint: str) -> dict | None:
    """The row of findings.jsonl with this fingerprint, or None (streamed)."""
    needle = f'"fingerprint": "{fingerprint}"'
    try:
        with findings_jsonl.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if needle in line:
                    return json.loads(line)
    except (OSError, ValueError):
        return None
    return None


__all__ = ["FINGERPRINT_LENGTH", "Review", "ReviewsError", "apply_reviews", "compare_runs",
           "find_finding", "fingerprint", "load_reviews", "normalise_words", "problem_fingerprints",
           "record_review", "save_reviews"]
