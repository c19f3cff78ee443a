"""The `auditor` command line. Thin: it parses options and calls the modules that do the work."""

from __future__ import annotations

import sys
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


@app.callback()
def main() -> None:
    """Audit health articles: `auditor audit corpora/ --out reports/`."""


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


@app.command()
def audit(
    inputs: Annotated[list[Path], typer.Argument(
        help="Files or folders (searched recursively): .txt .md .html/.htm .jsonl .csv .parquet, "
             "and .gz of each. JSONL/CSV/Parquet hold one article per line or row (columns "
             "'id' and 'text' or 'html'; optional 'url', 'title'). A repeated id becomes "
             "'<id>-2', '<id>-3', ... in input order.")],
    reference: Annotated[Path | None, typer.Option(
        help="Reference folder (default: the bundled reference/).")] = None,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("reports"),
    workers: Annotated[int | None, typer.Option(
        help="Processes running the NLP pipeline (default: the number of cores).",
        show_default=False)] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue a run into the same --out: skip documents whose text is "
                         "unchanged since they were audited there. A changed reference, "
                         "tool version or --reports choice audits everything again.")] = False,
    engine: Annotated[Engine, typer.Option(
        help="'local' (processes on this machine) or 'dask' (dask.distributed).")] = Engine.local,
    scheduler: Annotated[str, typer.Option(
        help="With --engine dask: the scheduler address, e.g. tcp://10.0.0.5:8786 "
             "(default: a local cluster of --workers processes).")] = "",
    reports: Annotated[Reports, typer.Option(
        help="Which documents get docs/<id>.md and .html: 'all', 'flagged' (a discrepancy or "
             "an omission), or 'none' (tables and index only: for runs of millions of pages).")
    ] = Reports.all,
    fail_on: Annotated[Severity | None, typer.Option(
        help="Exit with status 1 when any finding reaches this severity.")] = None,
    jurisdiction: Annotated[Jurisdiction | None, typer.Option(
        case_sensitive=False,
        help="Judge by this market's rules only (and those that hold everywhere); by default a "
             "claim that agrees with any market's rule is consistent.")] = None,
    as_of: Annotated[str, typer.Option(
        "--as-of", help="Judge by the rules in force on this date (YYYY-MM-DD; default today; a "
                        "batch row's 'date' field wins for that row).")] = "",
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress or notes on stderr.")] = False,
) -> None:
    """Audit articles and write findings, claims, summary, per-article reports and run.json.

    Results are appended batch by batch, so a killed run keeps every finished document;
    unreadable inputs are skipped and listed in run.json (exit status 0 unless --fail-on).
    """
    import os
    from datetime import date

    from auditor.batch import run_audit
    from auditor.lock import OutputLocked
    from auditor.reference import load_reference
    from auditor.verify import Setting

    if engine is Engine.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            typer.echo("auditor: --engine dask needs dask.distributed: "
                       "pip install -e '.[dask]'", err=True)
            raise typer.Exit(2) from None
    try:
        if as_of:
            try:
                date.fromisoformat(as_of)
            except ValueError:
                typer.echo(f"auditor: --as-of {as_of!r} is not a YYYY-MM-DD date", err=True)
                raise typer.Exit(2) from None
        setting = Setting(jurisdiction.value if jurisdiction else "", as_of)
        result = run_audit([str(p) for p in inputs], out, load_reference(reference),
                           workers or os.cpu_count() or 1, quiet, resume=resume,
                           engine=engine.value, scheduler=scheduler, reports=reports.value,
                           setting=setting)
    except ReferenceError as error:
        typer.echo(f"auditor: bad reference: {error}", err=True)
        raise typer.Exit(2) from None
    except OutputLocked as error:
        typer.echo(f"auditor: {error}", err=True)
        raise typer.Exit(2) from None
    except OSError as error:  # a full disk, a read-only --out, a file where a folder should be
        typer.echo(f"auditor: {_unwritable(error, out)}", err=True)
        raise typer.Exit(2) from None
    counts = result.manifest["counts"]
    if not quiet:
        verdicts = ", ".join(f"{n} {v}" for v, n in counts["by_verdict"].items())
        typer.echo(f"auditor: {counts['documents']} documents, {counts['claims']} claims "
                   f"({verdicts}); {counts['failures']} inputs skipped; wrote {out}/",
                   err=True)
    if fail_on is not None and result.reaches(fail_on.value):
        raise typer.Exit(1)


def _unwritable(error: OSError, out: Path) -> str:
    """`<path>: <reason>`, one line: the file the error names, else the output folder (a page
    a worker could not write on a full disk names none)."""
    path = error.filename if error.filename is not None else out
    if isinstance(error, FileExistsError) and not Path(path).is_dir():
        reason = "not a folder"  # mkdir of --out, where a file of that name is
    else:
        reason = (error.strerror or str(error) or type(error).__name__).splitlines()[0]
    return f"{path}: {reason}"


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
