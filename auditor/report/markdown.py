"""The editor's Markdown report for one article, from `templates/document.md.j2`."""

from __future__ import annotations

import re
from collections import Counter

from jinja2 import Environment, PackageLoader

from auditor.documents import FORMAT_CHARACTERS
from auditor.policy import topic_label, worst_first

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#&~$])")
_FSI, _PDI = "\u2068", "\u2069"  # first-strong isolate and its end: bidi text stays inside


class _Inert(str):
    """Text already made inert Markdown, which the template's finalizer leaves as it is."""


def _md(text) -> _Inert:
    """Scraped text as inert Markdown: one line (no table broken), every character that could
    start markup, a link, an entity or HTML escaped, and invisible characters shown by name."""
    line = " ".join(("" if text is None else str(text)).split())
    line = FORMAT_CHARACTERS.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", line)
    return _Inert(_MD_SPECIAL.sub(r"\\\1", line))


def _isolated(text) -> _Inert:
    """An id, a title or a source as inert Markdown in a bidi isolate: right-to-left text or a
    stray override cannot reorder the rest of its line."""
    return _Inert(f"{_FSI}{_md(text)}{_PDI}")


def _finalize(value):
    """Every `{{ value }}` of the template is escaped, unless a filter already made it inert."""
    return value if isinstance(value, _Inert) else _md(value)


_ENV = Environment(loader=PackageLoader("auditor.report", "templates"), autoescape=False,
                   finalize=_finalize, keep_trailing_newline=True, trim_blocks=True,
                   lstrip_blocks=True)
_ENV.filters["md"] = _md
_ENV.filters["isolated"] = _isolated
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
