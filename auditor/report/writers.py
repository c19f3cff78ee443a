"""The per-document pages a run writes, as a registry the batch runner loops over: it knows
that a document gets pages, not which formats they are.

A `Writer` is a file suffix and a function rendering one audited document to that file's text;
`PAGE_WRITERS` lists them in the order their files are written. A new format is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from auditor.report.files import atomic_write
from auditor.report.markdown import render_markdown
from auditor.report.page import render_document_html

if TYPE_CHECKING:
    from auditor.audit import DocumentAudit

Render = Callable[["DocumentAudit", dict, "dict[str, str] | None"], str]


class Writer(Protocol):
    """Renders one document's page: `docs/<name><suffix>`."""

    @property
    def suffix(self) -> str: ...

    def render(self, audit: DocumentAudit, run: dict, labels: dict[str, str] | None, /) -> str: ...


@dataclass(frozen=True)
class PageWriter:
    """A `Writer` from a suffix and a render function `(audit, run, labels) -> text`."""

    suffix: str
    render: Render


PAGE_WRITERS: tuple[Writer, ...] = (PageWriter(".md", render_markdown),
                                    PageWriter(".html", render_document_html))


def render_pages(audit: DocumentAudit, run: dict, labels: dict[str, str] | None = None) -> tuple[str, ...]:
    """The texts of one document's pages, one per writer of PAGE_WRITERS, in its order."""
    return tuple(writer.render(audit, run, labels) for writer in PAGE_WRITERS)


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
