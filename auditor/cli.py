"""The `auditor` command line. Thin: it parses options and calls the modules that do the work."""

from __future__ import annotations

import re
import sys
import traceback
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from auditor.reference import ReferenceError

app = typer.Typer(
    help="Audit the numeric and safety claims of health articles against a cited reference.",
    no_args_is_help=True,
    add_completion=False,
)


class Severity(StrEnum):
    critical = "critical"
    major = "major"
    minor = "minor"
    info = "info"


def _version(value: bool) -> None:
    if value:
        from auditor import __version__

        typer.echo(f"auditor {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Audit health articles: `auditor audit corpora/ --out reports/`.

    Exit status: 0 done; 1 `--fail-on` reached (or `eval`'s thresholds broken, or `reference
    check` found errors); 2 usage error or nothing readable; 3 internal error.
    """


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class Reports(StrEnum):
    all = "all"
    flagged = "flagged"
    none = "none"


class Jurisdiction(StrEnum):
    US = "US"
    EU = "EU"
    UK = "UK"


class Format(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class Decision(StrEnum):
    false_alarm = "false_alarm"
    accepted = "accepted"
    fixed = "fixed"
    wont_fix = "wont_fix"


class UsageError(Exception):
    """A command line the audit cannot run: one line, exit 2."""


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
FAIL_ON_SHOWN = 20  # findings listed when --fail-on is reached; the rest are counted


@app.command()
def audit(
    inputs: Annotated[list[str], typer.Argument(
        help="Files or folders (searched recursively): .txt .md .html/.htm .jsonl .csv .parquet, "
             "and .gz of each; '-' reads one article from stdin. JSONL/CSV/Parquet hold one "
             "article per line or row (columns 'id' and 'text' or 'html'; optional 'url', "
             "'title'). A repeated id becomes '<id>-2', '<id>-3', ... in input order.",
        show_default=False)],
    reference: Annotated[Path | None, typer.Option(
        help="Reference folder (default: the bundled reference/).")] = None,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("reports"),
    workers: Annotated[int | None, typer.Option(
        min=1, help="Processes running the NLP pipeline (default: the number of cores).",
        show_default=False)] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue a run into the same --out: skip documents whose text is "
                         "unchanged since they were audited there. A changed reference, "
                         "tool version, review decision or --reports choice audits "
                         "everything again.")] = False,
    engine: Annotated[Engine, typer.Option(
        case_sensitive=False,
        help="'local' (processes on this machine) or 'dask' (dask.distributed).")] = Engine.local,
    scheduler: Annotated[str, typer.Option(
        help="With --engine dask: the scheduler address, e.g. tcp://10.0.0.5:8786 "
             "(default: a local cluster of --workers processes).")] = "",
    reports: Annotated[Reports, typer.Option(
        case_sensitive=False,
        help="Which documents get docs/<id>.md and .html: 'all', 'flagged' (a discrepancy or "
             "an omission), or 'none' (tables and index only: for runs of millions of pages).")
    ] = Reports.all,
    fail_on: Annotated[Severity | None, typer.Option(
        case_sensitive=False,
        help="Exit with status 1 when a finding not dismissed in the reviews reaches this "
             "severity, and list those findings.")] = None,
    reviews: Annotated[Path | None, typer.Option(
        help="The editors' decisions (default: OUT/reviews.csv; see `auditor review`).",
        show_default=False)] = None,
    jurisdiction: Annotated[Jurisdiction | None, typer.Option(
        case_sensitive=False,
        help="Judge by this market's rules only (and those that hold everywhere); by default a "
             "claim that agrees with any market's rule is consistent.")] = None,
    as_of: Annotated[str, typer.Option(
        "--as-of", help="Judge by the rules in force on this date (YYYY-MM-DD; default today; a "
                        "batch row's 'date' field wins for that row).")] = "",
    format_: Annotated[Format | None, typer.Option(
        "--format", case_sensitive=False,
        help="Also print the problems found on stdout: 'table' (the default for one article), "
             "'json' (every finding, one JSON object a line) or 'md' (a Markdown list for a "
             "ticket).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress or notes on stderr.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
) -> None:
    """Audit articles and write findings, claims, summary, per-article reports and run.json.

    Results are appended batch by batch, so a killed run keeps every finished document;
    unreadable inputs are skipped and listed in run.json. Exit status: 0 done; 1 --fail-on
    reached; 2 usage error or nothing readable (a missing path, a URL, no supported file,
    every input failed); 3 internal error.
    """
    with _errors(out, debug):
        result = _run_audit(inputs, reference, out, workers, resume, engine, scheduler, reports,
                            reviews, jurisdiction, as_of, quiet)
    counts = result.manifest["counts"]
    this_run = result.manifest["this_run"]
    if not counts["documents"]:
        reason = ("every input failed" if result.failures else
                  "no supported file (.txt .md .html .jsonl .csv .parquet, or .gz of each)")
        typer.echo(f"auditor: nothing audited: {reason}", err=True)
        raise typer.Exit(2)
    from auditor.terminal import changes_line, print_findings, reaching

    shown = format_ if format_ is not None else (Format.table if this_run["documents"] == 1
                                                 and counts["documents"] == 1 else None)
    if shown is not None:
        print_findings(out / "findings.jsonl", shown.value)
    if not quiet:
        typer.echo(changes_line(result.manifest, out), err=True)
    if fail_on is not None and result.reaches(fail_on.value):
        found, more = reaching(out / "findings.jsonl", fail_on.value, FAIL_ON_SHOWN)
        typer.echo(f"auditor: --fail-on {fail_on.value} reached by {len(found) + more} "
                   f"finding{'s' if len(found) + more != 1 else ''}:", err=True)
        for line in found:
            typer.echo(f"  {line}", err=True)
        if more:
            typer.echo(f"  ... and {more} more (findings.csv)", err=True)
        raise typer.Exit(1)


def _run_audit(inputs, reference, out, workers, resume, engine, scheduler, reports, reviews,
               jurisdiction, as_of, quiet):
    import os
    from datetime import date

    from auditor.batch import run_audit
    from auditor.documents import count_documents
    from auditor.reference import load_reference
    from auditor.verify import Setting

    for given in inputs:
        if _URL.match(given):
            raise UsageError(f"{given[:200]}: a URL; the auditor reads no network: save the "
                             f"page and audit the file")
        if given != "-" and not os.path.lexists(given):
            raise UsageError(f"{given[:200]}: no such file or folder")
    if inputs.count("-") > 1:
        raise UsageError("'-' (stdin) given more than once")
    if engine is Engine.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UsageError("--engine dask needs dask.distributed: "
                             "pip install -e '.[dask]'") from None
    if as_of:
        try:
            date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of!r} is not a YYYY-MM-DD date") from None
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: not a folder")
    setting = Setting(jurisdiction.value if jurisdiction else "", as_of)
    return run_audit(inputs, out, load_reference(reference), workers or os.cpu_count() or 1,
                     quiet, resume=resume, engine=engine.value, scheduler=scheduler,
                     reports=reports.value, setting=setting, reviews=reviews,
                     total=count_documents(inputs) if not quiet and sys.stderr.isatty() else None)


@contextmanager
def _errors(out: Path, debug: bool):
    """Every failure as one line on stderr and its exit status: 2 for what the user can fix
    (a usage error, a bad reference or reviews file, an output folder in use or unwritable),
    3 for an internal error (the traceback with --debug)."""
    from auditor.batch import EngineUnavailable
    from auditor.lock import OutputLocked
    from auditor.review import ReviewsError

    try:
        yield
    except typer.Exit:
        raise
    except UsageError as error:
        _fail(str(error), 2, debug)
    except ReferenceError as error:
        _fail(f"bad reference: {error}", 2, debug)
    except (ReviewsError, OutputLocked, EngineUnavailable) as error:
        _fail(str(error), 2, debug)
    except OSError as error:  # a full disk, a read-only --out, a file where a folder should be
        _fail(_unwritable(error, out), 2, debug)
    except KeyboardInterrupt:
        _fail("interrupted", 130, debug)
    except Exception as error:  # noqa: BLE001 -- an internal error: one line, exit 3
        first = str(error).splitlines()[0][:300] if str(error) else ""
        _fail(f"internal error: {type(error).__name__}{': ' if first else ''}{first}"
              f"{'' if debug else ' (--debug shows the traceback)'}", 3, debug)


def _fail(message: str, status: int, debug: bool):
    if debug:
        traceback.print_exc()
    typer.echo(f"auditor: {message}", err=True)
    raise typer.Exit(status)


def _unwritable(error: OSError, out: Path) -> str:
    """`<path>: <reason>`, one line: the file the error names, else the output folder (a page
    a worker could not write on a full disk names none)."""
    path = error.filename if error.filename is not None else out
    if isinstance(error, FileExistsError) and not Path(path).is_dir():
        reason = "not a folder"  # mkdir of --out, where a file of that name is
    else:
        reason = (error.strerror or str(error) or type(error).__name__).splitlines()[0]
    return f"{path}: {reason}"


@app.command()
def review(
    folder: Annotated[Path, typer.Argument(help="An audit's output folder (its --out).")],
    fingerprint: Annotated[str, typer.Argument(
        help="The finding's fingerprint (the `fingerprint` column; shown on its page).")],
    decision: Annotated[Decision, typer.Option(case_sensitive=False, help="The editor's decision.")],
    note: Annotated[str, typer.Option(help="Why, in a few words.")] = "",
    reviewer: Annotated[str, typer.Option(
        help="Who decided (default: $AUDITOR_REVIEWER, else the login name).",
        show_default=False)] = "",
    reviews: Annotated[Path | None, typer.Option(
        help="The decisions file (default: FOLDER/reviews.csv).", show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Record it even when no finding in FOLDER has this fingerprint.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
) -> None:
    """Record an editor's decision on a finding in reviews.csv; the next audit into FOLDER
    carries it onto the finding (a dismissed one, false_alarm or wont_fix, is shown apart and
    never counts toward --fail-on)."""
    import getpass
    import os
    from datetime import date

    from auditor.review import REVIEWS_FILE, Review, find_finding, record_review
    from auditor.terminal import plain

    with _errors(folder, debug):
        key = fingerprint.strip().lower()
        if not folder.is_dir():
            raise UsageError(f"{folder}: no such folder")
        finding = find_finding(folder / "findings.jsonl", key)
        if finding is None and not force:
            raise UsageError(f"{folder}: no finding with fingerprint {fingerprint[:40]!r} in "
                             f"findings.jsonl (--force records it anyway)")
        who = reviewer or os.environ.get("AUDITOR_REVIEWER", "")
        if not who:
            try:
                who = getpass.getuser()
            except (KeyError, OSError):
                who = ""
        path = reviews or folder / REVIEWS_FILE
        replaced = record_review(path, Review(key, decision.value, " ".join(note.split()),
                                              " ".join(who.split()), date.today().isoformat()))
        what = (f"{finding['doc_id']}: {finding.get('claim_text') or finding.get('topic')}"
                if finding else "no finding in this output")
        typer.echo(f"auditor: {'changed' if replaced else 'recorded'} {decision.value} for "
                   f"{key} ({plain(what, 80)}) in {path}", err=True)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold .jsonl file or folder (corpora/gold/FORMAT.md).")],
    inputs: Annotated[list[Path], typer.Option(
        "--input", help="Article files or folders to audit (repeat the option).")],
    reference: Annotated[Path | None, typer.Option(
        help="Reference folder (default: the bundled reference/).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    min_discrepancy_recall: Annotated[float, typer.Option(
        help="Exit 1 when discrepancy recall falls below this.")] = 0.95,
    max_false_alarm_rate: Annotated[float, typer.Option(
        help="Exit 1 when the false alarm rate exceeds this.")] = 0.05,
) -> None:
    """Score the auditor against gold annotations; exit 1 when a threshold is broken."""
    import json

    from auditor.evaluate import GoldError, compute_metrics, evaluate, render_text
    from auditor.nlp import build_pipeline
    from auditor.reference import load_reference

    try:
        evaluation = evaluate(gold, [str(p) for p in inputs], build_pipeline(load_reference(reference)))
    except GoldError as error:
        typer.echo(f"auditor: bad gold: {error}", err=True)
        raise typer.Exit(2) from None
    except ReferenceError as error:
        typer.echo(f"auditor: bad reference: {error}", err=True)
        raise typer.Exit(2) from None
    metrics = compute_metrics(evaluation, min_discrepancy_recall, max_false_alarm_rate)
    typer.echo(json.dumps(metrics, indent=2, ensure_ascii=False) if json_out
               else render_text(metrics))
    if not metrics["thresholds"]["passed"]:
        raise typer.Exit(1)


reference_app = typer.Typer(help="Check the reference table itself.", no_args_is_help=True)
app.add_typer(reference_app, name="reference")


@reference_app.command("check")
def reference_check(
    path: Annotated[Path | None, typer.Argument(
        help="Reference folder (default: the bundled reference/).", show_default=False)] = None,
    as_of: Annotated[str, typer.Option(
        "--as-of", help="Count review ages up to this date (YYYY-MM-DD; default today).")] = "",
    quiet: Annotated[bool, typer.Option(
        "--quiet", help="Print the errors and the counts only, not each warning.")] = False,
) -> None:
    """Check that the facts are defensible: one line per problem.

    Errors (exit 1): facts that contradict each other, facts without a quote, a source URL or
    valid provenance. Warnings (exit 0): reviews more than a year old, topics with no fact for a
    drug that has facts. Exit 2 when the reference cannot be read.
    """
    from datetime import date

    from auditor.reference import BUNDLED, check_reference, load_reference, provenance_problems

    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        typer.echo(f"auditor: --as-of {as_of!r} is not a YYYY-MM-DD date", err=True)
        raise typer.Exit(2) from None
    try:
        problems = provenance_problems(path or BUNDLED) or check_reference(load_reference(path), day)
    except ReferenceError as error:
        typer.echo(f"auditor: bad reference: {error}", err=True)
        raise typer.Exit(2) from None
    for problem in problems:
        if not quiet or problem.level == "error":
            typer.echo(str(problem))
    errors = sum(problem.level == "error" for problem in problems)
    typer.echo(f"auditor: {len(problems) - errors} warnings, {errors} errors", err=True)
    if errors:
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
