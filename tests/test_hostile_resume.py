"""Resume after the worst: a resumed run killed while it drops stale rows, another spelling of
the input's path, and a run.json that must describe the whole output after a resume."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from auditor.batch import run_audit

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpora" / "articles").glob("*.txt"))]
TABLES = ("findings.jsonl", "claims.jsonl", "findings.csv", "summary.csv", "findings.parquet")
CHANGED = {"d1", "d4", "d7"}  # their text changes before the resume
GONE = {"d10", "d11"}  # they leave the input before the resume


def write_batch(path: Path, changed: bool) -> Path:
    rows = []
    for n in range(12):
        doc_id = f"d{n}"
        if changed and doc_id in GONE:
            continue
        text = TEXTS[n % len(TEXTS)]
        if changed and doc_id in CHANGED:
            text += "\nThe course lasts 99 weeks.\n"
        rows.append({"id": doc_id, "text": text})
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


def summary_ids(out: Path) -> list[str]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        return [row["doc_id"] for row in csv.DictReader(handle)]


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if p.name.endswith(".tmp"))


class Batch:
    """One input file whose rows a test sets before each run: `batch.rows(changed=True)`."""

    def __init__(self, path: Path):
        self.path = path

    def rows(self, changed: bool) -> str:
        write_batch(self.path, changed)
        return str(self.path)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Batch:
    return Batch(tmp_path_factory.mktemp("inputs") / "in.jsonl")


@pytest.fixture(scope="module")
def first(source, tmp_path_factory) -> Path:
    """The output of a first run over the twelve documents (copy it before writing to it)."""
    out = tmp_path_factory.mktemp("first") / "out"
    run_audit([source.rows(changed=False)], out, workers=1, quiet=True, batch_size=3)
    return out


@pytest.fixture(scope="module")
def resumed(source, first, tmp_path_factory) -> Path:
    """The first run, then an uninterrupted resume over the changed input."""
    out = tmp_path_factory.mktemp("resumed") / "out"
    shutil.copytree(first, out)
    result = run_audit([source.rows(changed=True)], out, workers=1, quiet=True, resume=True,
                       batch_size=3)
    assert (result.documents, result.resumed) == (3, 7)
    return out


# -- row 13: kill -9 while a resumed run drops stale rows --------------------------------------


class Killed(BaseException):
    """The process dies here: nothing after it runs, no handler tidies up."""


@pytest.mark.parametrize("death", range(8))
def test_a_resume_killed_while_it_drops_rows_is_repaired_by_the_next(
        source, first, resumed, tmp_path, monkeypatch, death):
    # The resumed run dies at its `death`-th file rename once it starts closing the tables
    # (0: as it starts): every batch was appended, the stale rows are still there or half gone.
    import auditor.report.tables as tables_module

    out = tmp_path / "out"
    shutil.copytree(first, out)
    renames = {"closing": False, "count": 0}
    close, replace, rename = tables_module.TableWriter.close, os.replace, os.rename

    def dying(real):
        def wrapped(*args, **kwargs):
            if renames["closing"]:
                renames["count"] += 1
                if renames["count"] == death:
                    raise Killed
            return real(*args, **kwargs)
        return wrapped

    def closing(self, *args, **kwargs):
        renames["closing"] = True
        if death == 0:
            raise Killed
        return close(self, *args, **kwargs)

    monkeypatch.setattr(tables_module.TableWriter, "close", closing)
    monkeypatch.setattr(os, "replace", dying(replace))
    monkeypatch.setattr(os, "rename", dying(rename))
    changed = source.rows(changed=True)
    with contextlib.suppress(Killed):
        run_audit([changed], out, workers=1, quiet=True, resume=True, batch_size=3)
    monkeypatch.undo()

    again = run_audit([changed], out, workers=1, quiet=True, resume=True, batch_size=3)
    assert again.documents == 0 and again.resumed == 10  # repaired, nothing audited again
    ids = summary_ids(out)
    assert len(ids) == len(set(ids)) == 10
    assert tables(out) == tables(resumed)
    assert leftovers(out) == []


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import auditor.report.tables as tables
    from auditor.batch import run_audit

    renames = []
    close, replace = tables.TableWriter.close, os.replace

    def closing(self, *args, **kwargs):
        renames.append("close")
        return close(self, *args, **kwargs)

    def dying(source, target, *args, **kwargs):
        if renames:
            renames.append(target)
            if len(renames) == 3:  # the second rename of the close: one table is already cut
                os.kill(os.getpid(), signal.SIGKILL)
        return replace(source, target, *args, **kwargs)

    tables.TableWriter.close = closing
    os.replace = dying
    run_audit([sys.argv[1]], Path(sys.argv[2]), workers=1, quiet=True, resume=True, batch_size=3)
""")


def test_kill_9_in_the_middle_of_dropping_rows(source, first, resumed, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(first, out)
    changed = source.rows(changed=True)
    killed = subprocess.run([sys.executable, "-c", KILLER, changed, str(out)],
                            capture_output=True, text=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    again = run_audit([changed], out, workers=1, quiet=True, resume=True, batch_size=3)
    assert again.documents == 0 and again.resumed == 10
    assert tables(out) == tables(resumed)
    assert leftovers(out) == []


def test_a_resume_that_fails_after_reauditing_leaves_no_duplicate_rows(
        source, first, resumed, tmp_path, monkeypatch):
    # A resumed run that re-audits changed documents and then fails (an error, ^C) has
    # committed their new rows beside the old ones; the next resume keeps the new ones only.
    from auditor.report import writers  # the pages' writers: the Markdown one fails

    out = tmp_path / "out"
    shutil.copytree(first, out)
    calls = {"n": 0}
    render = writers.PAGE_WRITERS[0].render

    def failing(audit, run, labels):
        calls["n"] += 1
        if calls["n"] == 3:  # after the first batch (two changed documents) is committed
            raise KeyboardInterrupt
        return render(audit, run, labels)

    changed = source.rows(changed=True)
    monkeypatch.setattr(writers, "PAGE_WRITERS", (writers.PageWriter(".md", failing),
                                                  *writers.PAGE_WRITERS[1:]))
    with pytest.raises(KeyboardInterrupt):
        run_audit([changed], out, workers=1, quiet=True, resume=True, batch_size=2)
    monkeypatch.undo()
    again = run_audit([changed], out, workers=1, quiet=True, resume=True, batch_size=3)
    assert (again.documents, again.resumed) == (1, 9)
    ids = summary_ids(out)
    assert len(ids) == len(set(ids)) == 10
    assert tables(out) == tables(resumed)
    assert leftovers(out) == []


# -- row 14: another spelling of the same path ----------------------------------------------


def test_resume_by_another_spelling_of_the_path_audits_nothing_again(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n, text in enumerate(TEXTS[:4]):
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    first = run_audit(["articles"], out, workers=1, quiet=True)
    assert first.documents == 4
    before = tables(out)
    for spelling in (str(folder), "./articles/", str(folder / ".." / "articles")):
        again = run_audit([spelling], out, workers=1, quiet=True, resume=True)
        assert (again.documents, again.resumed) == (0, 4), spelling
        assert tables(out) == before
    # a changed text is still audited again, whatever the spelling
    (folder / "a2.txt").write_text(TEXTS[2] + "\nThe course lasts 99 weeks.\n", encoding="utf-8")
    again = run_audit([str(folder)], out, workers=1, quiet=True, resume=True)
    assert (again.documents, again.resumed) == (1, 3)


@pytest.mark.parametrize("field", ["title", "url", "drug", "date"])
def test_a_changed_field_that_the_audit_or_its_rows_show_is_audited_again(tmp_path, field):
    text = "Wait six weeks after your last dose before waxing."
    source = tmp_path / "in.jsonl"
    values = {"title": "Aftercare", "url": "https://example.org/a", "drug": "isotretinoin",
              "date": "2025-01-01"}
    source.write_text(json.dumps({"id": "a", "text": text, **values}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_audit([str(source)], out, workers=1, quiet=True)
    changed = {**values, field: {"title": "After care", "url": "https://example.org/b",
                                 "drug": "spironolactone", "date": "2026-12-01"}[field]}
    source.write_text(json.dumps({"id": "a", "text": text, **changed}) + "\n", encoding="utf-8")
    again = run_audit([str(source)], out, workers=1, quiet=True, resume=True)
    assert (again.documents, again.resumed) == (1, 0)


# -- row 15: run.json describes the whole output after a resume --------------------------------


def output_counts(out: Path) -> dict:
    """What the committed tables hold."""
    findings = [json.loads(line) for line in (out / "findings.jsonl").open(encoding="utf-8")]
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        summary = list(csv.DictReader(handle))
    problems = [f for f in findings if f["verdict"] != "consistent"]
    return {"documents": len(summary), "claims": sum(int(row["claims"]) for row in summary),
            "findings": len(findings),
            "by_verdict": dict(sorted(Counter(f["verdict"] for f in findings).items())),
            "by_severity": dict(sorted(Counter(f["severity"] for f in problems).items()))}


def test_run_json_after_an_all_skipped_resume_counts_the_whole_output(source, first, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(first, out)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    expected = output_counts(out)
    assert expected["findings"] > 0 and expected["documents"] == 12
    assert {k: manifest["counts"][k] for k in expected} == expected
    result = run_audit([source.rows(changed=False)], out, workers=1, quiet=True, resume=True, batch_size=3)
    assert (result.documents, result.resumed) == (0, 12)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert {k: manifest["counts"][k] for k in expected} == expected
    assert manifest["counts"]["resumed"] == 12
    this_run = manifest["this_run"]
    assert (this_run["documents"], this_run["resumed"], this_run["claims"], this_run["findings"]) \
        == (0, 12, 0, 0)


def test_run_json_after_a_partial_resume_counts_the_output_and_this_run_apart(
        source, first, resumed):
    manifest = json.loads((resumed / "run.json").read_text(encoding="utf-8"))
    expected = output_counts(resumed)
    assert expected["documents"] == 10
    assert {k: manifest["counts"][k] for k in expected} == expected
    this_run = manifest["this_run"]
    assert (this_run["documents"], this_run["resumed"], this_run["dropped"]) == (3, 7, 2)
    changed = [json.loads(line) for line in (resumed / "findings.jsonl").open(encoding="utf-8")]
    assert this_run["findings"] == sum(f["doc_id"] in CHANGED for f in changed)
    assert sum(this_run["by_verdict"].values()) == this_run["findings"]
