"""Batch runs: workers, determinism, incremental output, resume, duplicate ids, dask."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import auditor.batch as batch
from auditor.batch import run_audit, unique_ids
from auditor.cli import app
from auditor.model import Document
from auditor.reference import load_reference
from auditor.report import writers

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpora" / "articles"
TABLES = ("findings.jsonl", "claims.jsonl", "findings.csv", "summary.csv", "findings.parquet")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Eight articles, one of them a JSONL batch with three more."""
    folder = tmp_path_factory.mktemp("corpus")
    names = sorted(ARTICLES.iterdir())[:7] + [ARTICLES / "b05-batch.jsonl"]
    for path in names:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def fresh(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    run_audit([str(corpus)], out, workers=1, quiet=True, batch_size=3)
    return out


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


def test_same_bytes_whatever_the_number_of_workers(corpus, fresh, tmp_path):
    run_audit([str(corpus)], tmp_path, workers=2, quiet=True, batch_size=2)
    assert tables(tmp_path) == tables(fresh)
    assert json.loads((fresh / "run.json").read_text())["counts"]["documents"] >= 10


def markdown_by(render) -> tuple:
    """The page writers, with the Markdown page rendered by `render`."""
    return tuple(writers.PageWriter(w.suffix, render) if w.suffix == ".md" else w
                 for w in writers.PAGE_WRITERS)


def test_a_killed_run_keeps_whole_lines_and_resume_finishes_it(corpus, fresh, tmp_path,
                                                               monkeypatch):
    calls = {"n": 0}
    render = writers.PAGE_WRITERS[0].render

    def dying(audit, run, labels):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt  # the run dies in the middle of its second batch
        return render(audit, run, labels)

    monkeypatch.setattr(writers, "PAGE_WRITERS", markdown_by(dying))
    with pytest.raises(KeyboardInterrupt):
        run_audit([str(corpus)], tmp_path, workers=1, quiet=True, batch_size=3)
    monkeypatch.undo()

    # Every line written so far is whole, and the first batch is complete.
    lines = (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["doc_id"] for line in lines)
    with (tmp_path / "summary.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) >= 3
    # A torn tail (a kill inside a write) is cut off by the next run.
    with (tmp_path / "findings.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"doc_id": "half a li')

    result = run_audit([str(corpus)], tmp_path, workers=1, quiet=True, resume=True,
                       batch_size=3)
    assert result.resumed >= 3
    assert result.documents + result.resumed == 10
    assert tables(tmp_path) == tables(fresh)


def test_resume_reaudits_a_changed_document_only(corpus, fresh, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(corpus, inputs)
    out = tmp_path / "out"
    run_audit([str(inputs)], out, workers=1, quiet=True)
    changed = sorted(inputs.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nIt lasts 99 weeks.\n",
                       encoding="utf-8")
    result = run_audit([str(inputs)], out, workers=1, quiet=True, resume=True)
    assert (result.documents, result.resumed) == (1, 9)
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["doc_id"] for row in csv.DictReader(handle)]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 10  # old rows replaced, not doubled
    assert ids[-1] == changed.stem


def test_a_changed_reference_reaudits_everything(corpus, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(ROOT / "reference", reference)
    out = tmp_path / "out"
    run_audit([str(corpus)], out, load_reference(reference), workers=1, quiet=True)
    assert run_audit([str(corpus)], out, load_reference(reference), workers=1, quiet=True,
                     resume=True).resumed == 10
    facts = reference / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = run_audit([str(corpus)], out, load_reference(reference), workers=1, quiet=True,
                      resume=True)
    assert (again.documents, again.resumed) == (10, 0)


def test_another_reports_choice_reaudits_so_every_linked_page_exists(corpus, tmp_path):
    # Resumed documents are not rendered again: after a run without pages, resuming with
    # --reports all would link pages nobody wrote. The choice is part of what a resume must match.
    run_audit([str(corpus)], tmp_path, workers=1, quiet=True, reports="none")
    assert not list((tmp_path / "docs").glob("*.html"))
    result = run_audit([str(corpus)], tmp_path, workers=1, quiet=True, reports="all", resume=True)
    assert (result.documents, result.resumed) == (10, 0)
    pages = {path.name for path in (tmp_path / "docs").glob("*.html")}
    # (the findings list links a finding's anchor in its page: docs/<id>.html#<fingerprint>)
    linked = set(re.findall(r'href="docs/([^"#]+)', (tmp_path / "index.html").read_text(encoding="utf-8")))
    assert len(linked) == 10 and linked == pages
    again = run_audit([str(corpus)], tmp_path, workers=1, quiet=True, reports="all", resume=True)
    assert again.resumed == 10  # the same choice again: nothing to redo


def test_repeated_ids_get_suffixes_in_input_order():
    def doc(doc_id):
        return Document(doc_id=doc_id, text="x", source="s")

    ids = [d.doc_id for d in unique_ids(doc(i) for i in ["a", "A", "a", "a-2", "../a", "b"])]
    assert ids == ["a", "A-2", "a-3", "a-2-2", "../a-4", "b"]
    long = "x" * 200
    names = {batch.safe_name(d.doc_id) for d in unique_ids([doc(long), doc(long), doc(long)])}
    assert len(names) == 3  # a suffix survives safe_name's length limit


def test_failures_are_reported_and_quiet_is_quiet(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(ARTICLES / "a01-clinic-leaflet.txt", tmp_path / "in")
    (tmp_path / "in" / "broken.jsonl").write_text('{"id": "x", "text": "tr\n', encoding="utf-8")
    result = run_audit([str(tmp_path / "in")], tmp_path / "out", workers=1, quiet=True)
    assert capsys.readouterr().err == ""
    assert [f["source"] for f in result.manifest["failures"]] == [
        f"{tmp_path / 'in' / 'broken.jsonl'}, line 1"]
    run_audit([str(tmp_path / "in")], tmp_path / "out2", workers=1, progress=False)
    assert "broken.jsonl, line 1: not valid JSON" in capsys.readouterr().err


def test_cli_exit_status(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    ok = runner.invoke(app, ["audit", str(bad), str(ARTICLES / "a01-clinic-leaflet.txt"),
                             "--out", str(tmp_path / "o1"), "--workers", "1", "--quiet"])
    assert ok.exit_code == 0, ok.output
    severe = runner.invoke(app, ["audit", str(ARTICLES), "--out", str(tmp_path / "o2"),
                                 "--workers", "1", "--quiet", "--fail-on", "critical"])
    assert severe.exit_code == 1


def test_dask_engine_matches_a_local_run(corpus, fresh, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        run_audit([str(corpus)], tmp_path, workers=1, quiet=True, engine="dask",
                  scheduler=cluster.scheduler_address, batch_size=4)
    assert tables(tmp_path) == tables(fresh)


def test_reports_are_readable_by_others_and_titles_lose_markdown_marks(tmp_path):
    from auditor.batch import run_audit

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.md").write_text(
        "# Isotretinoin guide\n\nWait six weeks after isotretinoin before waxing.\n",
        encoding="utf-8")
    run_audit([str(tmp_path / "in")], tmp_path / "out", workers=1, quiet=True)
    for name in ("run.json", "docs/page.md", "docs/page.html", "index.html"):
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == 0o644, name
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert ",Isotretinoin guide," in summary


def _summary(out: Path) -> list[dict]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_reports_flagged_writes_pages_only_for_documents_with_a_problem(corpus, fresh, tmp_path):
    shutil.copytree(fresh, tmp_path, dirs_exist_ok=True)  # an earlier run's pages are there
    run_audit([str(corpus)], tmp_path, workers=1, quiet=True, reports="flagged")
    rows = _summary(tmp_path)
    flagged = {batch.safe_name(r["doc_id"]) for r in rows if int(r["discrepant"]) + int(r["omission"])}
    assert flagged and len(flagged) < len(rows)  # the corpus has clean articles too
    pages = {p.stem for p in (tmp_path / "docs").glob("*.html")}
    assert pages == flagged
    assert {p.stem for p in (tmp_path / "docs").glob("*.md")} == flagged
    assert tables(tmp_path) == tables(fresh)  # the tables do not depend on the pages
    assert json.loads((tmp_path / "run.json").read_text())["reports"] == "flagged"
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for row in rows:
        link = f'href="docs/{batch.safe_name(row["doc_id"])}.html"'
        assert (link in index) == (batch.safe_name(row["doc_id"]) in flagged), row["doc_id"]


def test_reports_none_writes_tables_and_index_only(corpus, fresh, tmp_path):
    result = CliRunner().invoke(app, ["audit", str(corpus), "--out", str(tmp_path), "--workers", "2",
                                      "--reports", "none", "--quiet"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "docs").exists() or not any((tmp_path / "docs").iterdir())
    assert tables(tmp_path) == tables(fresh)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="docs/' not in index
    assert len(_summary(tmp_path)) >= 10
    assert all(row["doc_id"] in index for row in _summary(tmp_path))


def test_reports_must_be_a_known_choice(tmp_path):
    with pytest.raises(ValueError, match="flagged"):
        run_audit([str(ARTICLES)], tmp_path, quiet=True, reports="some")


def test_parquet_row_groups_fall_at_the_same_rows_however_the_run_is_batched(corpus, tmp_path):
    import pyarrow.parquet as pq

    from auditor.audit import audit_documents
    from auditor.documents import read_inputs
    from auditor.report.index import _topic_counts
    from auditor.report.tables import TableWriter, format_rows

    documents = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
    audits = list(audit_documents(documents))
    findings = sum(len(a.findings) for a in audits)
    assert findings > 30
    outs = []
    for size in (1, 2, 5):
        out = tmp_path / f"batches-of-{size}"
        out.mkdir()
        writer = TableWriter(out, {"tool": "t", "reference": "r"}, row_group_size=7)
        for start in range(0, len(audits), size):
            part = audits[start:start + size]
            writer.append(format_rows(part, ["h"] * len(part)))
        writer.close()
        assert writer.topics == _topic_counts(out / "findings.jsonl")  # what the index charts
        outs.append(out)
    parquet = [(out / "findings.parquet").read_bytes() for out in outs]
    assert parquet[0] == parquet[1] == parquet[2]
    metadata = pq.ParquetFile(outs[0] / "findings.parquet").metadata
    assert metadata.num_rows == findings
    assert metadata.num_row_groups == -(-findings // 7)
    rows = pq.read_table(outs[0] / "findings.parquet").to_pylist()
    lines = [json.loads(line) for line in (outs[0] / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    # The same rows; in Parquet a consistent finding's empty severity is null (a category).
    assert rows == [{**line, "severity": line["severity"] or None} for line in lines]
    assert not list(outs[0].glob(".*.tmp"))


def test_parquet_reads_as_an_analyst_expects(corpus, tmp_path):
    import pandas

    out = tmp_path / "out"
    run_audit([str(corpus)], out, workers=1, quiet=True)
    frame = pandas.read_parquet(out / "findings.parquet")
    assert list(frame.severity.cat.categories) == ["info", "minor", "major", "critical"]
    assert frame.severity.cat.ordered and frame.verdict.cat.ordered
    serious = frame[frame.severity >= "major"]
    assert len(serious) and set(serious.severity) <= {"major", "critical"}
    assert str(frame.start_char.dtype) == "Int64" and frame.start_char[frame.kind == "omission"].isna().all()
    summary = pandas.read_csv(out / "summary.csv", keep_default_na=False).set_index("doc_id")
    assert (frame.title == frame.doc_id.map(summary.title)).all()  # each finding names its page


def test_a_killed_run_leaves_no_half_written_parquet(corpus, tmp_path, monkeypatch):
    def dying(audit, run, labels):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers, "PAGE_WRITERS", markdown_by(dying))
    with pytest.raises(KeyboardInterrupt):
        run_audit([str(corpus)], tmp_path, workers=1, quiet=True, batch_size=2)
    assert not (tmp_path / "findings.parquet").exists()
    assert not list(tmp_path.glob(".findings.parquet*"))
