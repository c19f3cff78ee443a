"""The per-document pages a run writes, as a registry the batch runner loops over: it knows
that a document gets pages, not which formats they are.

A `Writer` is a file suffix and a function rendering one audited document to that file's text;
`PAGE_WRITERS` lists them in the order their files are written. A new format is one entry here.
Writers are handed what the pages name from the reference (`ReferenceNames`: topic labels and
each fact's source URL), taken from the `Reference` the run audits with.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from auditor.report.files import atomic_write
from auditor.report.markdown import render_markdown
from auditor.report.page import render_document_html

if TYPE_CHECKING:
    from auditor.audit import DocumentAudit
    from auditor.reference import Reference


@dataclass(frozen=True)
class ReferenceNames:
    """What a page names from the reference: each topic's label and each fact's source URL."""

    labels: Mapping[str, str] = field(default_factory=dict)  # topic id -> label
    sources: Mapping[str, str] = field(default_factory=dict)  # fact id -> source_url

    @classmethod
    def of(cls, reference: Reference | None) -> ReferenceNames:
        if reference is None:
            return cls()
        cached = _NAMES.get(id(reference))
        if cached is None or cached[0] is not reference:
            names = cls(reference.topic_labels,
                        {fact.id: fact.source_url for fact in reference.facts if fact.source_url})
            _NAMES.clear()  # one reference per process at a time: keep the last
            _NAMES[id(reference)] = cached = (reference, names)
        return cached[1]


_NAMES: dict[int, tuple[object, ReferenceNames]] = {}

Render = Callable[["DocumentAudit", dict, ReferenceNames], str]


class Writer(Protocol):
    """Renders one document's page: `docs/<name><suffix>`."""

    @property
    def suffix(self) -> str: ...

    def render(self, audit: DocumentAudit, run: dict, names: ReferenceNames, /) -> str: ...


@dataclass(frozen=True)
class PageWriter:
    """A `Writer` from a suffix and a render function `(audit, run, names) -> text`."""

    suffix: str
    render: Render


PAGE_WRITERS: tuple[Writer, ...] = (
    PageWriter(".md", lambda audit, run, names: render_markdown(audit, run, names.labels, names.sources)),
    PageWriter(".html", lambda audit, run, names: render_document_html(audit, run, names.labels, names.sources)),
)


def render_pages(audit: DocumentAudit, run: dict, reference: Reference | None = None) -> tuple[str, ...]:
    """The texts of one document's pages, one per writer of PAGE_WRITERS, in its order."""
    names = ReferenceNames.of(reference)
    return tuple(writer.render(audit, run, names) for writer in PAGE_WRITERS)


def write_pages(out: Path, name: str, pages: tuple[str, ...] | None) -> None:
    """docs/<name>.<suffix> for each writer, or, for a document that gets no page (None), none:
    an earlier run's page would otherwise be taken for this run's."""
    if pages is None:
        remove_pages(out, name)
        return
    for writer, text in zip(PAGE_WRITERS, pages, strict=True):
        atomic_write(out / "docs" / f"{name}{writer.suffix}", text)


def page_suffixes() -> tuple[str, ...]:
    """The suffixes of a document's pages: ".md", ".html"."""
    return tuple(writer.suffix for writer in PAGE_WRITERS)


def remove_pages(out: Path, name: str) -> None:
    """Remove docs/<name>.<suffix> for each writer, where they exist."""
    for writer in PAGE_WRITERS:
        (out / "docs" / f"{name}{writer.suffix}").unlink(missing_ok=True)
