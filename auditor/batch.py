"""An audit run over many inputs: read, audit, write, and account for every input.

`run_audit` streams documents in batches through the pipeline (in this process, a pool of
worker processes, or a dask.distributed cluster) and writes each batch's results, in input
order, as soon as it is back: the output is byte-identical whatever the number of workers, and
memory stays flat however long the run. Inputs that cannot be read, and documents the
pipeline fails on, are reported (stderr and `run.json`) and skipped; they never stop the run.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from auditor import __version__
from auditor.audit import DocumentAudit, audit_documents
from auditor.documents import ReadFailure, read_inputs
from auditor.lock import holds_output_lock
from auditor.model import Document
from auditor.nlp import build_pipeline, pipeline_reference
from auditor.policy import REPORT_CHOICES, gets_report, is_problem, severity_rank, worst_of
from auditor.reference import Reference, load_reference
from auditor.report.files import atomic_write, safe_name
from auditor.report.index import write_index
from auditor.report.tables import TableChunk, TableWriter, format_rows, naming
from auditor.report.writers import page_suffixes, remove_pages, render_pages, write_pages
from auditor.review import (
    REVIEWS_FILE,
    Review,
    apply_reviews,
    compare_runs,
    load_reviews,
    problem_fingerprints,
)
from auditor.verify import ANY_MARKET_TODAY, Setting

BATCH_SIZE = 32  # documents per task: small enough to keep workers even, big enough to amortise


class EngineUnavailable(RuntimeError):
    """The engine asked for cannot run (a dask scheduler that does not answer): one line."""


@dataclass
class RunResult:
    out: Path
    documents: int = 0
    resumed: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    worst_severity: str = ""
    manifest: dict = field(default_factory=dict)

    def reaches(self, severity: str) -> bool:
        """True when any finding is at least as severe as `severity`."""
        return bool(self.worst_severity) and (
            severity_rank(self.worst_severity) <= severity_rank(severity))


def unique_ids(items: Iterable[Document | ReadFailure]) -> Iterator[Document | ReadFailure]:
    """Documents with ids made unique in input order: a repeated id gets "-2", "-3", ...

    Ids are compared as their report file names (`safe_name`, case-folded), so two ids that
    would share `docs/<name>.md` are told apart too.
    """
    seen: dict[str, int] = {}
    taken: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            key = safe_name(item.doc_id).lower()
            if key in taken:
                count = seen.get(key, 1)
                while True:
                    count += 1
                    doc_id = f"{item.doc_id}-{count}"
                    if not safe_name(doc_id).endswith(f"-{count}"):  # cut by safe_name's limit
                        doc_id = f"{item.doc_id[:120]}-{count}"
                    if safe_name(doc_id).lower() not in taken:
                        break
                seen[key] = count
                item = replace(item, doc_id=doc_id)
                key = safe_name(doc_id).lower()
            taken.add(key)
        yield item


def text_hash(document: Document) -> str:
    """What `--resume` compares: the document's id and cleaned text, and the fields its audit or
    its rows depend on (title, URL, a batch row's drug and date); never where it was read from,
    so another spelling of the same path (relative, absolute) is the same document."""
    digest = hashlib.sha256()
    for part in (document.doc_id, document.title, document.url, document.drug, document.date,
                 document.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


# -- auditing one batch, wherever it runs ----------------------------------------------------


@dataclass
class BatchResult:
    """What a worker sends back for one batch: table rows, failures, and (for a driver that
    writes them, as with dask) the rendered reports as (file stem, one text per page writer, or
    None)."""

    tables: TableChunk
    failures: list[ReadFailure]
    reports: list[tuple[str, tuple[str, ...] | None]] = field(default_factory=list)


def audit_batch(batch: list[tuple[Document, str]], version: str, run: dict | None = None,
                out: str | None = None) -> BatchResult:
    """Audit a batch of (document, text hash) with this process's pipeline (built by `_warm`
    with the reference whose version is `version`), format its table
    rows and render its reports: all the per-document work happens here, in the worker. With
    `out` the reports are written into `out/docs`; without, they are returned (a `None` page
    for a document that gets none, whose old page the writer removes). Which documents get a
    page is `run["reports"]` (see `REPORT_CHOICES`). A document the pipeline fails on becomes
    a `ReadFailure` instead of failing its neighbours."""
    run = run or {}
    choice = run.get("reports", "all")
    nlp = _pipeline(version)
    reviews = _WORKER.get("reviews") or {}
    setting = Setting("" if run.get("jurisdiction", "any") == "any" else run["jurisdiction"],
                      run.get("as_of", ""))
    outcomes = _audit([document for document, _ in batch], nlp, setting)
    reference = pipeline_reference(nlp)
    audits, hashes, failures, reports = [], [], [], []
    for outcome, (_, digest) in zip(outcomes, batch, strict=True):
        if isinstance(outcome, ReadFailure):
            failures.append(outcome)
            continue
        if reviews:
            outcome = replace(outcome, findings=tuple(apply_reviews(outcome.findings, reviews)))
        audits.append(outcome)
        hashes.append(digest)
        name = safe_name(outcome.document.doc_id)
        problems = sum(is_problem(f.verdict) for f in outcome.findings)
        pages = render_pages(outcome, run, reference) if gets_report(choice, problems) else None
        if out is None:
            reports.append((name, pages))
        else:
            write_pages(Path(out), name, pages)
    return BatchResult(format_rows(audits, hashes), failures, reports)


def _audit(documents: list[Document], nlp, setting: Setting) -> list[DocumentAudit | ReadFailure]:
    try:
        return list(audit_documents(documents, nlp, batch_size=len(documents), setting=setting))
    except Exception:  # noqa: BLE001 -- find the culprit, one document at a time
        results: list[DocumentAudit | ReadFailure] = []
        for document in documents:
            try:
                results.append(next(audit_documents([document], nlp, setting=setting)))
            except Exception as error:  # noqa: BLE001
                reason = f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
                results.append(ReadFailure(document.source, f"document {document.doc_id[:80]}: "
                                                            f"pipeline error ({reason})"))
        return results


# This process's pipeline, built once by `_warm` before its first batch: a worker's state.
_WORKER: dict = {}


def _warm(reference: Reference, reviews: dict[str, Review] | None = None) -> str:
    """Build this process's pipeline from `reference`, and keep the run's review decisions;
    return the reference version."""
    _WORKER["pipeline"] = build_pipeline(reference)
    _WORKER["reviews"] = reviews or {}
    return reference.version


def _pipeline(version: str):
    nlp = _WORKER.get("pipeline")
    if nlp is None or pipeline_reference(nlp).version != version:
        raise RuntimeError(f"this process has no pipeline for reference {version}: _warm it first")
    return nlp


def _ordered(submit: Callable, batches: Iterable[list], window: int) -> Iterator:
    """(batch, result) in submission order, with at most `window` batches in flight."""
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            batch, future = pending.popleft()
            yield batch, future.result()
    while pending:
        batch, future = pending.popleft()
        yield batch, future.result()


def _local(stack: ExitStack, reference: Reference, reviews: dict[str, Review], workers: int,
           run: dict, out: Path, batches) -> Iterator:
    """Workers on this machine share --out, so they write the per-document reports too."""
    version = reference.version
    if workers <= 1:
        _warm(reference, reviews)
        return ((batch, audit_batch(batch, version, run, str(out))) for batch in batches)
    # fork: the workers inherit the imported modules, and each builds its pipeline once.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = stack.enter_context(ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method),
        initializer=_warm, initargs=(reference, reviews)))
    pool.submit(int).result()  # start the workers now, before any other thread (progress bar)
    return _ordered(lambda batch: pool.submit(audit_batch, batch, version, run, str(out)),
                    batches, 2 * workers)


def _dask(stack: ExitStack, reference: Reference, reviews: dict[str, Review], workers: int,
          scheduler: str, run: dict, batches) -> Iterator:
    """Remote workers may not see --out: they render the reports and this process writes them."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = stack.enter_context(Client(scheduler))
        except OSError as error:  # unreachable, refused, timed out: not a file of --out
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise EngineUnavailable(f"dask scheduler {scheduler}: {reason}") from error
    else:
        cluster = stack.enter_context(LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None))
        client = stack.enter_context(Client(cluster))
    # Every worker builds its pipeline now, from this process's reference (sent, not re-read).
    version = reference.version
    versions = client.run(_warm, reference, reviews)
    wrong = {worker: v for worker, v in versions.items() if v != version}
    if wrong:
        raise RuntimeError(f"dask workers read a different reference than {version}: {wrong}")
    window = 2 * max(1, sum(client.nthreads().values()))
    return _ordered(lambda batch: client.submit(audit_batch, batch, version, run,
                                                pure=False), batches, window)


# -- the run ---------------------------------------------------------------------------------


@holds_output_lock  # one run at a time into `out`: a second one raises OutputLocked
def run_audit(inputs: list[str], out: Path, reference: Reference | None = None, workers: int = 1,
              quiet: bool = False, *, resume: bool = False, engine: str = "local",
              scheduler: str = "", batch_size: int = BATCH_SIZE,
              progress: bool | None = None, reports: str = "all",
              setting: Setting = ANY_MARKET_TODAY, reviews: Path | None = None,
              total: int | None = None) -> RunResult:
    """Audit every input into `out`. `progress=None` shows a bar when stderr is a terminal
    (with an ETA when `total`, the number of documents, is known); `reports` says which
    documents get a page (`REPORT_CHOICES`); `reference` defaults to the bundled one;
    `setting` names the market and the date whose rules apply; `reviews` is the editors'
    decisions file (default: out/reviews.csv). Raises ReviewsError for an unusable one."""
    if reports not in REPORT_CHOICES:
        raise ValueError(f"reports must be one of {', '.join(REPORT_CHOICES)}, not {reports!r}")
    reference = reference or load_reference()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = RunResult(out=out)
    reviews_path = reviews or out / REVIEWS_FILE
    decisions = load_reviews(reviews_path)
    before, _ = problem_fingerprints(out / "findings.jsonl")  # before the writer replaces it
    previous_run = _previous_start(out / "run.json")
    run = {"tool_version": __version__, "reference_version": reference.version,
           "started_at": datetime.now(UTC).isoformat(timespec="seconds"), "reports": reports,
           "jurisdiction": setting.jurisdiction or "any", "as_of": setting.day}
    # A resume must match all of these: resumed documents keep the pages an earlier run wrote
    # for them, judged by the same reference, market and date.
    writer = TableWriter(out, {"tool": __version__, "reference": reference.version, "reports": reports,
                               "jurisdiction": run["jurisdiction"], "as_of": run["as_of"],
                               "reviews": _decisions_hash(decisions)}, resume)
    previous = writer.previous  # resumed documents not yet seen again in this run's input
    cleared = 0 if writer.resumed else _clear_pages(out)
    resumed_worst: Counter = Counter()
    reaudited: set[str] = set()
    bar = _Progress(quiet, progress, total)
    if cleared:
        bar.note(f"auditor: removed {cleared} pages an earlier run left in {out / 'docs'}")

    def fail(failure: ReadFailure) -> None:
        result.failures.append(failure)
        bar.note(f"auditor: skipped {failure}")

    def documents() -> Iterator[tuple[Document, str]]:
        for item in unique_ids(read_inputs(inputs)):
            if isinstance(item, ReadFailure):
                fail(item)
                continue
            digest = text_hash(item)
            done = previous.get(item.doc_id)
            if done is not None:
                if done[0] == digest:
                    del previous[item.doc_id]
                    resumed_worst[done[1]] += 1
                    result.resumed += 1
                    bar.advance()
                    continue
                reaudited.add(item.doc_id)
            yield item, digest

    def batches() -> Iterator[list[tuple[Document, str]]]:
        stream = documents()
        while batch := list(islice(stream, batch_size)):
            yield batch

    with ExitStack() as stack:
        if engine == "dask":
            results = _dask(stack, reference, decisions, workers, scheduler, run, batches())
        else:
            results = _local(stack, reference, decisions, workers, run, out, batches())
        stack.enter_context(bar)
        try:
            for batch, outcome in results:
                for failure in outcome.failures:
                    fail(failure)
                for name, pages in outcome.reports:
                    write_pages(out, name, pages)
                writer.append(outcome.tables)
                result.documents += outcome.tables.documents
                bar.advance(len(batch), outcome.tables.severities.get("critical", 0))
        except BaseException:
            writer.abort()
            raise
    stale = set(previous)  # resumed documents that changed or left the input
    writer.close(stale)
    gone = stale - reaudited
    for doc_id in gone:  # their rows are gone: their pages go too
        remove_pages(out, safe_name(doc_id))
    after, reviewed = problem_fingerprints(out / "findings.jsonl", decisions)
    changes = compare_runs(before, after, previous_run)
    elapsed = time.perf_counter() - started
    result.worst_severity = worst_of(writer.severities + resumed_worst)
    output = writer.output_counts()
    result.manifest = {
        **run,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "reference_dir": str(reference.root),
        "inputs": [str(i) for i in inputs],
        "engine": engine,
        "workers": workers,
        # The whole output, as its tables hold it after a resume too; this invocation apart.
        "counts": _counts(output["documents"], result.resumed, output["claims"], output["verdicts"],
                          output["severities"], len(result.failures)),
        "this_run": {**_counts(result.documents, result.resumed, writer.claims, writer.verdicts,
                               writer.severities, len(result.failures)), "dropped": len(gone)},
        "failures": [{"source": f.source, "reason": f.reason} for f in result.failures],
        "changes": changes,
        "reviews": {"file": str(reviews_path), "decisions": len(decisions),
                    "stale": sorted(set(decisions) - reviewed)},
        "timings": {
            "seconds": round(elapsed, 3),
            "documents_per_second": round(result.documents / elapsed, 2) if elapsed else None,
        },
    }
    with naming(out / "run.json"):
        atomic_write(out / "run.json", json.dumps(result.manifest, indent=2, ensure_ascii=False))
    # A resumed run's earlier findings are counted from findings.jsonl; a fresh run counted its own.
    write_index(out, result.failures, result.manifest, None if writer.resumed else writer.topics,
                reference.topic_labels)
    return result


def _previous_start(run_json: Path) -> str | None:
    """When the run whose output is in the folder started, or None when there is none."""
    try:
        started = json.loads(run_json.read_text(encoding="utf-8")).get("started_at")
    except (OSError, ValueError, AttributeError):
        return None
    return started if isinstance(started, str) else None


def _decisions_hash(decisions: dict[str, Review]) -> str:
    """What --resume compares of the decisions: a changed one audits everything again (a
    decision changes a document's pages and counts)."""
    digest = hashlib.sha256()
    for fingerprint in sorted(decisions):
        digest.update(f"{fingerprint}={decisions[fingerprint].decision};".encode())
    return digest.hexdigest()[:16]


def _clear_pages(out: Path) -> int:
    """Remove every page (docs/<name>.md, .html, ...) an earlier run left in `out`: a run that
    does not resume writes all its documents' pages anew, and an earlier run's page of a
    document not in this one would otherwise be listed beside them. Streams the folder: no
    list of its names is held. Returns how many went."""
    folder = out / "docs"
    suffixes = page_suffixes()
    removed = 0
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return 0
    with entries:
        for entry in entries:
            if entry.name.endswith(suffixes) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed


def _counts(documents: int, resumed: int, claims: int, verdicts: Counter, severities: Counter,
            failures: int) -> dict:
    return {"documents": documents, "resumed": resumed, "claims": claims,
            "findings": sum(verdicts.values()), "failures": failures,
            "by_verdict": dict(sorted(verdicts.items())), "by_severity": dict(sorted(severities.items()))}


class _Progress:
    """A progress line on a terminal's stderr; silent otherwise. Notes go above it."""

    def __init__(self, quiet: bool, show: bool | None, total: int | None = None):
        self.quiet = quiet
        self.show = not quiet and (sys.stderr.isatty() if show is None else show)
        self.total = total
        self.critical = 0
        self._bar = None

    def __enter__(self):
        if self.show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            if self.total:  # a bar, the count out of the total, and the time left
                columns = (BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                           TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                           TextColumn("ETA"), TimeRemainingColumn())
            else:
                columns = (SpinnerColumn(), TextColumn("{task.completed} documents"),
                           TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
            self._bar = Progress(*columns, TextColumn("[bold red]{task.fields[critical]}"),
                                 console=Console(stderr=True, force_terminal=True),
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task("audit", total=self.total or None, rate="",
                                            critical="")
            self._started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def advance(self, n: int = 1, critical: int = 0) -> None:
        self.critical += critical
        if self._bar is not None:
            task = self._bar.tasks[0]
            rate = (task.completed + n) / max(time.perf_counter() - self._started, 1e-9)
            self._bar.update(self._task, advance=n, rate=f"{rate:.1f}/s",
                             critical=f"{self.critical} critical" if self.critical else "")

    def note(self, message: str) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr)


__all__ = ["RunResult", "audit_batch", "run_audit", "text_hash", "unique_ids"]
