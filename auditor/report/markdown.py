"""The editor's Markdown report for one article, from `templates/document.md.j2`."""

from __future__ import annotations

import re
from collections import Counter

from jinja2 import Environment, PackageLoader

from auditor.policy import topic_label, worst_first

_ENV = Environment(loader=PackageLoader("auditor.report", "templates"), autoescape=False,
                   keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def _md(text) -> str:
    """Scraped text as inert Markdown: no tables broken, no links or HTML smuggled in."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


_ENV.filters["md"] = _md
_ENV.filters["topic"] = topic_label


def render_markdown(audit, run: dict, labels: dict[str, str] | None = None) -> str:
    findings = sorted(audit.findings, key=worst_first)
    problems = [f for f in findings if f.verdict == "discrepant"]
    omissions = [f for f in findings if f.verdict == "omission"]
    checked = [f for f in findings if f.verdict in ("consistent", "unverified")]
    document = audit.document
    return _ENV.get_template("document.md.j2").render(
        title=document.title or document.doc_id, source=document.source, url=document.url,
        doc_id=document.doc_id, words=audit.words, claims=len(audit.claims),
        main_drug=audit.main_drug, verdicts=dict(Counter(f.verdict for f in findings)),
        problems=problems, omissions=omissions, checked=checked,
        reference_version=run["reference_version"], tool_version=run["tool_version"],
        run_time=run["started_at"], labels=labels or {},
    )
