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


@app.command()
def audit(
    inputs: Annotated[list[Path], typer.Argument(
        help="Files or folders: .txt .md .html .jsonl .csv .parquet (and .gz of each).")],
    reference: Annotated[Path | None, typer.Option(
        help="Reference folder (default: the bundled reference/).")] = None,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("reports"),
    workers: Annotated[int, typer.Option(help="Processes for the NLP pipeline.")] = 1,
    fail_on: Annotated[Severity | None, typer.Option(
        help="Exit with status 1 when any finding reaches this severity.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress or notes on stderr.")] = False,
) -> None:
    """Audit articles and write findings, claims, summary, per-article reports and run.json."""
    from auditor.batch import run_audit

    try:
        result = run_audit([str(p) for p in inputs], out, str(reference or ""), workers, quiet)
    except ReferenceError as error:
        typer.echo(f"auditor: bad reference: {error}", err=True)
        raise typer.Exit(2) from None
    counts = result.manifest["counts"]
    if not quiet:
        verdicts = ", ".join(f"{n} {v}" for v, n in counts["by_verdict"].items())
        typer.echo(f"auditor: {counts['documents']} documents, {counts['claims']} claims "
                   f"({verdicts}); {counts['failures']} inputs skipped; wrote {out}/",
                   err=True)
    if fail_on is not None and result.reaches(fail_on.value):
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
