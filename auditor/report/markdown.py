"""The editor's Markdown report for one article, from `templates/document.md.j2`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from urllib.parse import quote

from jinja2 import Environment, PackageLoader

from auditor.documents import FORMAT_CHARACTERS
from auditor.policy import is_dismissed, topic_label, unchecked_why, worst_first
from auditor.report.templating import web_url

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#&~$])")
_FSI, _PDI = "\u2068", "\u2069"  # first-strong isolate and its end: bidi text stays inside


class _Inert(str):
    """Text already made inert Markdown, which the template's finalizer leaves as it is."""


def inert_markdown(text) -> _Inert:
    """Scraped text as inert Markdown: one line (no table broken), every character that could
    start markup, a link, an entity or HTML escaped, and invisible characters shown by name."""
    line = " ".join(("" if text is None else str(text)).split())
    line = FORMAT_CHARACTERS.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", line)
    return _Inert(_MD_SPECIAL.sub(r"\\\1", line))


def _isolated(text) -> _Inert:
    """An id, a title or a source as inert Markdown in a bidi isolate: right-to-left text or a
    stray override cannot reorder the rest of its line."""
    return _Inert(f"{_FSI}{inert_markdown(text)}{_PDI}")


def _finalize(value):
    """Every `{{ value }}` of the template is escaped, unless a filter already made it inert."""
    return value if isinstance(value, _Inert) else inert_markdown(value)


def _link(text, url: str) -> _Inert:
    """`text` as inert Markdown, linked to `url` when it is an http(s) URL (percent-encoded so
    no character of it can end the link or start markup); else the text alone."""
    label = inert_markdown(text)
    url = web_url(url or "")
    if not url:
        return label
    return _Inert(f"[{label or 'source'}]({quote(url, safe=_URL_SAFE)})")


_URL_SAFE = ":/?#@!$&'*+,;=%~-._"  # not ( ) < > [ ] ` space: they could end the link or start markup


def decision_label(review: str) -> str:
    """An editor's decision as words: "false_alarm" is "false alarm", "wont_fix" "won't fix"."""
    return {"wont_fix": "won't fix"}.get(review, (review or "").replace("_", " "))


def unchecked_note(findings, claims: int) -> str:
    """What a page with no checkable claim says instead of an all-clear, or "" when some claim
    was checked (or it has a problem): "3 claims, none checkable: no facts for doxycycline"."""
    shown = [f for f in findings if not is_dismissed(f)]
    if any(f.verdict != "unverified" for f in shown):
        return ""
    if not shown and claims:
        return ""  # every finding was dismissed: the editor has looked
    if not shown:
        return "No claim to check was found in the text."
    n = len(shown)
    return f"{n} claim{'s' if n != 1 else ''}, none checkable: {unchecked_why(shown)}"


def omissions_note(audit) -> str:
    """What "Missing statements" says when it lists none: "" when the page was checked, or why it
    was not ("Not checked: it reads as a news report ..."), never an all-clear it did not earn."""
    unchecked = audit.omissions_unchecked
    return f"Not checked: {unchecked}, so no statement is owed." if unchecked else ""


_ENV = Environment(loader=PackageLoader("auditor.report", "templates"), autoescape=False,
                   finalize=_finalize, keep_trailing_newline=True, trim_blocks=True,
                   lstrip_blocks=True)
_ENV.filters["md"] = inert_markdown
_ENV.filters["isolated"] = _isolated
_ENV.filters["topic"] = topic_label
_ENV.filters["decision"] = decision_label


def render_markdown(audit, run: dict, labels: Mapping[str, str] | None = None,
                    sources: Mapping[str, str] | None = None) -> str:
    """The Markdown page for one article. `labels` names the topics, `sources` maps a fact's id
    to its source URL (`ReferenceNames`); findings an editor dismissed are listed apart."""
    findings = sorted(audit.findings, key=worst_first)
    shown = [f for f in findings if not is_dismissed(f)]
    problems = [f for f in shown if f.verdict == "discrepant"]
    omissions = [f for f in shown if f.verdict == "omission"]
    checked = [f for f in shown if f.verdict in ("consistent", "unverified")]
    dismissed = [f for f in findings if is_dismissed(f)]
    sources = sources or {}
    document = audit.document
    return _ENV.get_template("document.md.j2").render(
        dismissed=dismissed, unchecked=unchecked_note(findings, len(audit.claims)),
        links={f.reference_id: _link(f.citation or "source", sources.get(f.reference_id, ""))
               for f in findings if f.reference_id},
        title=document.title or document.doc_id, source=document.source, url=document.url,
        doc_id=document.doc_id, words=audit.words, claims=len(audit.claims),
        main_drug=audit.main_drug, verdicts=dict(Counter(f.verdict for f in findings)),
        problems=problems, omissions=omissions, checked=checked,
        omissions_note=omissions_note(audit),
        reference_version=run["reference_version"], tool_version=run["tool_version"],
        run_time=run["started_at"], labels=labels or {},
    )
