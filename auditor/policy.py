"""The editor's policy, defined once: verdicts, severities, what counts as a problem, the order
findings are shown in, how a topic is named, and which documents get a page.

Every stage and every writer imports these; none keeps its own copy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

VERDICTS = ("consistent", "discrepant", "unverified", "omission")
SEVERITIES = ("critical", "major", "minor", "info")
PROBLEMS = frozenset({"discrepant", "omission"})
_VERDICT_ORDER = {"discrepant": 0, "omission": 1, "unverified": 2, "consistent": 3}

# Contexts in which a claim is no advice of the page's, so it is listed but not checked.
NOT_ADVICE = {"anecdotal": "a first-person experience, not advice",
              "question": "a question, not a statement",
              "study": "a study's own methods or results, not advice"}

DECISIONS = ("false_alarm", "accepted", "fixed", "wont_fix")  # an editor's review of a finding
DISMISSED = frozenset({"false_alarm", "wont_fix"})  # shown apart; never count toward --fail-on

REPORT_CHOICES = {  # --reports: which documents get docs/<id>.md and .html
    "all": "every document",
    "flagged": "documents with a discrepancy or an omission",
    "none": "no document (tables and index only)",
}


def severity_rank(severity: str) -> int:
    """0 for critical, the worst; larger is milder; an unknown or empty severity is last."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def milder(severity: str) -> str:
    """One step milder, never past `info`."""
    return SEVERITIES[min(severity_rank(severity) + 1, len(SEVERITIES) - 1)]


def worst_of(severities: Mapping[str, int]) -> str:
    """The worst severity with a count, or "": from a Counter or any mapping of counts."""
    return next((s for s in SEVERITIES if severities.get(s)), "")


def is_problem(verdict: str) -> bool:
    """A finding an editor must act on: a discrepancy or a missing statement."""
    return verdict in PROBLEMS


def is_dismissed(finding) -> bool:
    """An editor has set this finding aside: it is shown greyed and counts toward nothing."""
    return getattr(finding, "review", "") in DISMISSED


def worst_first(finding) -> tuple:
    """The sort key that puts findings worst first: severity, then verdict, then text order."""
    return (severity_rank(finding.severity), _VERDICT_ORDER.get(finding.verdict, 9),
            finding.start_char or 0)


_ANCHOR = re.compile(r"_(?:before|after)$")


def base_topic(topic: str) -> str:
    """The topic without its side of the course: "pregnancy_window_after" is "pregnancy_window"."""
    return _ANCHOR.sub("", topic)


def topic_label(topic: str, labels: Mapping[str, str] | None = None) -> str:
    """A topic id as an editor reads it: its label from the reference, else the id in words."""
    label = (labels or {}).get(topic) or (topic or "other").replace("_", " ").strip()
    return label or "other"  # "_" alone is no words: never an empty label in a page


def gets_report(choice: str, problems: int) -> bool:
    """Whether a document with `problems` discrepancies and omissions gets a page under `choice`:
    the rule the workers write pages by and the index links them by."""
    return choice == "all" or (choice == "flagged" and problems > 0)


def unchecked_why(findings) -> str:
    """Why none of these (unverified) findings was checked, each reason once: "no facts for
    doxycycline", "a study's own methods or results", "no drug named"."""
    told, unnamed, factless, incomparable = [], False, set(), set()
    for f in findings:
        if f.context in NOT_ADVICE:
            reason = NOT_ADVICE[f.context].split(", not ")[0]
            if reason not in told:
                told.append(reason)
        elif not f.drug:
            unnamed = True
        elif f.reference_id:
            incomparable.add(f.drug)  # a fact in other units, or one no longer in force
        else:
            factless.add(f.drug)
    reasons = [f"no facts for {', '.join(sorted(factless))}"] if factless else []
    reasons += [f"no comparable fact for {', '.join(sorted(incomparable))}"] if incomparable else []
    reasons += told + (["no drug named"] if unnamed else [])
    return "; ".join(reasons) or "no drug named"
