"""An audit run over many inputs: read, audit, write, and account for every input.

`run_audit` streams documents through the pipeline and writes each one's results as it
finishes. Inputs that cannot be read are reported (stderr and `run.json`) and skipped; they
never stop the run.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from auditor import __version__
from auditor.audit import audit_documents
from auditor.documents import ReadFailure, read_inputs
from auditor.model import Document, severity_rank
from auditor.reference import load_reference
from auditor.report.files import atomic_write, safe_name
from auditor.report.html import Overview, render_document_html, render_index
from auditor.report.markdown import render_markdown
from auditor.report.tables import TableWriter


@dataclass
class RunResult:
    out: Path
    documents: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    worst_severity: str = ""
    manifest: dict = field(default_factory=dict)

    def reaches(self, severity: str) -> bool:
        """True when any finding is at least as severe as `severity`."""
        return bool(self.worst_severity) and (
            severity_rank(self.worst_severity) <= severity_rank(severity))


def unique_ids(items: Iterable[Document | ReadFailure]) -> Iterator[Document | ReadFailure]:
    """Documents with ids made unique in input order: a repeated id gets "-2", "-3", ..."""
    seen: dict[str, int] = {}
    taken: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            key = safe_name(item.doc_id).lower()
            if key in taken:
                count = seen.get(key, 1)
                while f"{key}-{count + 1}" in taken:
                    count += 1
                seen[key] = count + 1
                item = replace(item, doc_id=f"{item.doc_id}-{count + 1}")
                key = f"{key}-{count + 1}"
            taken.add(key)
        yield item


def run_audit(inputs: list[str], out: Path, reference_dir: str = "", workers: int = 1,
              quiet: bool = False) -> RunResult:
    reference = load_reference(reference_dir or None)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    result = RunResult(out=out)
    run = {"tool_version": __version__, "reference_version": reference.version,
           "started_at": started_at}

    def documents() -> Iterator[Document]:
        for item in unique_ids(read_inputs(inputs)):
            if isinstance(item, ReadFailure):
                result.failures.append(item)
                if not quiet:
                    print(f"auditor: skipped {item}", file=sys.stderr)
            else:
                yield item

    writer = TableWriter(out)
    overview = Overview()
    try:
        for audit in audit_documents(documents(), reference_dir, n_process=max(1, workers)):
            writer.add(audit)
            atomic_write(out / "docs" / f"{safe_name(audit.document.doc_id)}.md",
                         render_markdown(audit, run))
            atomic_write(out / "docs" / f"{safe_name(audit.document.doc_id)}.html",
                         render_document_html(audit, run))
            overview.add(audit)
            result.documents += 1
    except BaseException:
        writer.abort()
        raise
    writer.close()
    elapsed = time.perf_counter() - started
    severities = writer.severities
    result.worst_severity = next((s for s in ("critical", "major", "minor", "info")
                                  if severities.get(s)), "")
    result.manifest = {
        **run,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "reference_dir": str(reference.root),
        "inputs": [str(i) for i in inputs],
        "counts": {
            "documents": result.documents,
            "claims": writer.claims,
            "findings": sum(writer.verdicts.values()),
            "failures": len(result.failures),
            "by_verdict": dict(sorted(writer.verdicts.items())),
            "by_severity": dict(sorted(severities.items())),
        },
        "failures": [{"source": f.source, "reason": f.reason} for f in result.failures],
        "timings": {
            "seconds": round(elapsed, 3),
            "documents_per_second": round(result.documents / elapsed, 2) if elapsed else None,
        },
    }
    atomic_write(out / "run.json", json.dumps(result.manifest, indent=2, ensure_ascii=False))
    atomic_write(out / "index.html", render_index(overview.rows, result.failures, result.manifest,
                                                  overview.topics))
    return result
