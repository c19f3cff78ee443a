"""The editor's loop, through the command line as an editor uses it: audit, record decisions,
edit, audit again; what changed since the last run; and an exit status for every outcome."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.review import (
    Review,
    ReviewsError,
    compare_runs,
    fingerprint,
    load_reviews,
    normalise_words,
    record_review,
)

RUNNER = CliRunner()

AFTERCARE = ("Isotretinoin aftercare\n\n"
             "After your final isotretinoin capsule, wait two weeks before any waxing appointment.\n\n"
             "Keep lips moist with a plain balm.\n")
DONATION = ("Isotretinoin and donating blood\n\n"
            "You can give blood again one week after the last isotretinoin dose.\n\n"
            "Avoid pregnancy while on isotretinoin and for one month after stopping.\n")


def audit(*args: str, input: str | None = None):
    return RUNNER.invoke(app, ["audit", *args], input=input)


def rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]


def problems(out: Path) -> dict[str, dict]:
    return {r["fingerprint"]: r for r in rows(out) if r["verdict"] in ("discrepant", "omission")}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "aftercare.txt").write_text(AFTERCARE)
    (folder / "donation.txt").write_text(DONATION)
    return folder


def test_an_editors_round(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = audit(str(articles), "--out", str(out), "--workers", "1", "--fail-on", "critical")
    assert first.exit_code == 1, first.output  # two critical findings, none reviewed
    found = problems(out)
    waxing = next(fp for fp, r in found.items() if r["doc_id"] == "aftercare")
    donation = next(fp for fp, r in found.items() if r["doc_id"] == "donation")
    assert "--fail-on critical reached by 2 findings" in first.stderr
    assert waxing in first.stderr and donation in first.stderr

    # The editor dismisses the waxing finding, then the writer fixes the donation sentence
    # and adds a new error elsewhere in that article.
    dismissed = RUNNER.invoke(app, ["review", str(out), waxing, "--decision", "FALSE_ALARM",
                                    "--note", "the clinic's own protocol", "--reviewer", "ed"])
    assert dismissed.exit_code == 0, dismissed.output
    assert f"recorded false_alarm for {waxing}" in dismissed.stderr
    (articles / "donation.txt").write_text(DONATION.replace(
        "You can give blood again one week after the last isotretinoin dose.",
        "Do not donate blood while taking isotretinoin or for one month after the last dose.")
        + "\nYou may get pregnant one week after stopping isotretinoin.\n")

    again = audit(str(articles), "--out", str(out), "--workers", "1", "--fail-on", "critical")
    now = problems(out)
    assert now[waxing]["review"] == "false_alarm"  # the decision carried onto the finding
    assert donation not in now
    changes = json.loads((out / "run.json").read_text())["changes"]
    assert changes["previous_run"]
    assert changes["documents"]["donation"]["resolved"] == [donation]
    assert changes["documents"]["donation"]["new"] == sorted(
        fp for fp, r in now.items() if r["doc_id"] == "donation")
    assert "aftercare" not in changes["documents"]  # nothing changed there
    assert changes["total"]["resolved"] == 1 and changes["total"]["unchanged"] == 1
    (new,) = changes["documents"]["donation"]["new"]
    assert now[new]["severity"] == "critical" and changes["total"]["new_by_severity"] == {"critical": 1}
    assert "since last run +1 new (1 critical), 1 resolved" in again.stderr
    # The gate trips on the new critical finding only: the dismissed one is not listed.
    assert again.exit_code == 1
    assert "reached by 1 finding:" in again.stderr and new in again.stderr
    assert waxing not in again.stderr
    RUNNER.invoke(app, ["review", str(out), new, "--decision", "wont_fix"])
    gate = audit(str(articles), "--out", str(out), "--workers", "1", "--fail-on", "critical")
    assert gate.exit_code == 0, gate.output  # every critical finding is dismissed
    assert "since last run +0 new, 0 resolved" in gate.stderr
    summary = {r["doc_id"]: r for r in csv.DictReader((out / "summary.csv").open())}
    assert summary["aftercare"]["critical"] == "0" and summary["aftercare"]["worst_severity"] == ""
    run = json.loads((out / "run.json").read_text())
    assert run["reviews"]["decisions"] == 2 and run["reviews"]["stale"] == []


def test_a_fingerprint_is_what_a_finding_says_not_where(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    audit(str(articles), "--out", str(out), "--workers", "1")
    before = {r["fingerprint"] for r in rows(out)}
    # Paragraphs moved and re-spaced, another sentence edited: the same findings.
    moved = DONATION.split("\n\n")
    (articles / "donation.txt").write_text("\n\n".join([moved[0], moved[2], "  " + moved[1]]))
    (articles / "aftercare.txt").write_text(AFTERCARE.replace("plain balm", "fragrance-free balm"))
    audit(str(articles), "--out", str(out), "--workers", "1")
    assert {r["fingerprint"] for r in rows(out)} == before
    assert len(before) == len(rows(out))


def test_fingerprints_ignore_case_spacing_and_punctuation_but_not_words():
    base = fingerprint("a", "numeric", "isotretinoin", "blood_donation_after", "one week",
                       "Give blood one week after.")
    assert base == fingerprint("a", "numeric", "isotretinoin", "blood_donation_after", "One  week",
                               "give blood, one week after")
    assert base != fingerprint("a", "numeric", "isotretinoin", "blood_donation_after", "two weeks",
                               "Give blood two weeks after.")
    assert base != fingerprint("b", "numeric", "isotretinoin", "blood_donation_after", "one week",
                               "Give blood one week after.")  # another document
    assert normalise_words("Ça, c'est\u00a0TOUT!") == "ça c est tout"


def test_changes_on_a_first_run_count_without_listing():
    after = {"a": {"f1": "critical", "f2": "minor"}}
    first = compare_runs({}, after, None)
    assert first["total"]["new"] == 2 and first["documents"] == {}
    assert first["total"]["new_by_severity"] == {"critical": 1, "minor": 1}
    later = compare_runs({"a": {"f1": "critical"}, "gone": {"f3": "major"}}, after, "2026-12-01")
    assert later["documents"] == {"a": {"new": ["f2"], "resolved": [], "unchanged": 1},
                                  "gone": {"new": [], "resolved": ["f3"], "unchanged": 0}}


def test_a_decision_for_no_finding_is_reported_stale(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    record_review(out / "reviews.csv", Review("0123456789ab", "accepted", "old", "ed", "2026-11-30"))
    result = audit(str(articles), "--out", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert json.loads((out / "run.json").read_text())["reviews"]["stale"] == ["0123456789ab"]
    assert "1 review decisions match no finding" in result.stderr


def test_review_refuses_an_unknown_fingerprint_unless_forced(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    audit(str(articles), "--out", str(out), "--workers", "1")
    unknown = RUNNER.invoke(app, ["review", str(out), "ffffffffffff", "--decision", "fixed"])
    assert unknown.exit_code == 2 and "no finding with fingerprint" in unknown.stderr
    assert not (out / "reviews.csv").exists()
    forced = RUNNER.invoke(app, ["review", str(out), "ffffffffffff", "--decision", "fixed",
                                 "--force", "--note", "=HYPERLINK(\"http://x\")"])
    assert forced.exit_code == 0, forced.output
    text = (out / "reviews.csv").read_text()
    assert "'=HYPERLINK" in text  # a spreadsheet shows the note, never runs it
    assert load_reviews(out / "reviews.csv")["ffffffffffff"].note == '=HYPERLINK("http://x")'
    bad = RUNNER.invoke(app, ["review", str(out), "ffffffffffff", "--decision", "maybe"])
    assert bad.exit_code == 2


def test_a_bad_reviews_file_is_one_line_and_exit_2(articles: Path, tmp_path: Path):
    reviews = tmp_path / "reviews.csv"
    reviews.write_text("fingerprint,decision\n0123456789ab,ignore\n")
    result = audit(str(articles), "--out", str(tmp_path / "out"), "--reviews", str(reviews))
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"auditor: {reviews} line 2: decision 'ignore' is not one of "
                                     "false_alarm, accepted, fixed, wont_fix")
    reviews.write_text("id,verdict\n")
    with pytest.raises(ReviewsError, match="no fingerprint or decision column"):
        load_reviews(reviews)


# -- exit status: one test each ----------------------------------------------------------


def test_exit_0_when_done(articles: Path, tmp_path: Path):
    result = audit(str(articles), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith(f"wrote {tmp_path / 'out'}/")


@pytest.mark.parametrize("given, says", [
    ("missing.txt", "missing.txt: no such file or folder"),
    ("https://example.org/acne", "https://example.org/acne: a URL; the auditor reads no network"),
])
def test_exit_2_for_a_path_that_cannot_be_read(tmp_path: Path, given: str, says: str):
    target = str(tmp_path / given) if "://" not in given else given
    result = audit(target, "--out", str(tmp_path / "out"), "--fail-on", "critical")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_exit_2_when_nothing_is_readable(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK\x03\x04")
    result = audit(str(empty), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "nothing audited: no supported file" in result.stderr
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"   \n")
    result = audit(str(broken), "--out", str(tmp_path / "out2"))
    assert result.exit_code == 2 and "nothing audited: every input failed" in result.stderr


@pytest.mark.parametrize("options", [["--workers", "0"], ["--workers", "-3"],
                                     ["--reports", "some"], ["--as-of", "yesterday"]])
def test_exit_2_for_a_usage_error(articles: Path, tmp_path: Path, options: list[str]):
    assert audit(str(articles), "--out", str(tmp_path / "out"), *options).exit_code == 2


def test_choices_ignore_case(articles: Path, tmp_path: Path):
    result = audit(str(articles), "--out", str(tmp_path / "out"), "--workers", "1",
                   "--fail-on", "CRITICAL", "--reports", "Flagged", "--format", "JSON")
    assert result.exit_code == 1, result.output


def test_exit_3_for_an_internal_error_in_one_line(articles: Path, tmp_path: Path, monkeypatch):
    import auditor.batch

    def broken(*args, **kwargs):
        raise RuntimeError("the scheduler at tcp://10.0.0.5:8786 did not answer\nsecond line")

    monkeypatch.setattr(auditor.batch, "run_audit", broken)
    result = audit(str(articles), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert result.stderr == ("auditor: internal error: RuntimeError: the scheduler at "
                             "tcp://10.0.0.5:8786 did not answer (--debug shows the traceback)\n")
    debug = audit(str(articles), "--out", str(tmp_path / "out"), "--debug")
    assert debug.exit_code == 3 and "Traceback (most recent call last)" in debug.stderr


def test_version_and_python_dash_m(tmp_path: Path):
    from auditor import __version__

    assert RUNNER.invoke(app, ["--version"]).stdout == f"auditor {__version__}\n"
    module = subprocess.run([sys.executable, "-m", "auditor", "--version"], capture_output=True,
                            text=True, check=False)
    assert module.returncode == 0 and module.stdout == f"auditor {__version__}\n"


# -- one article in the terminal ---------------------------------------------------------


def test_one_article_prints_its_problems_worst_first(articles: Path, tmp_path: Path):
    result = audit(str(articles / "donation.txt"), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any("critical" in line and "one week" in line for line in lines)
    assert lines[-1] == "2 findings: 1 consistent, 1 discrepant."


@pytest.mark.parametrize(("text", "why"), [
    ("Minocycline is taken for 12 weeks at 100 mg a day.\n", "2 claims, none checkable: no facts for minocycline."),
    ("Isotretinoin in adult acne: a cohort study\n\nMethods: 80 adults took isotretinoin for 30 weeks.\n"
     "Results: 97% of patients were clear.\n", "1 claim, none checkable: a study's own methods or results."),
])
def test_the_last_line_says_why_nothing_was_checkable(tmp_path: Path, text: str, why: str):
    result = audit("-", "--out", str(tmp_path / "out"), input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == why


def test_stdin_and_markdown_for_a_ticket(tmp_path: Path):
    hostile = "Isotretinoin [x](javascript:alert(1)): wait two weeks after the last dose before waxing.\n"
    result = audit("-", "--out", str(tmp_path / "out"), "--format", "md", input=hostile)
    assert result.exit_code == 0, result.output
    item = next(line for line in result.stdout.splitlines() if line.startswith("- **critical**"))
    assert "](" not in item.replace("\\](", "")  # no live link from the page's text
    assert rows(tmp_path / "out")[0]["doc_id"] == "stdin"


def test_json_lines_are_the_stored_findings(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = audit(str(articles), "--out", str(out), "--workers", "1", "--format", "json")
    assert [json.loads(line) for line in result.stdout.splitlines()] == rows(out)


def test_terminal_text_cannot_drive_the_terminal(tmp_path: Path):
    text = "Isotretinoin \x1b[2J\x1b]0;owned\x07: wait two weeks after the last dose before waxing.\n"
    result = audit("-", "--out", str(tmp_path / "out"), input=text)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


# -- the output folder --------------------------------------------------------------------


def test_an_earlier_runs_pages_are_cleared_with_a_note(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    audit(str(articles), "--out", str(out), "--workers", "1")
    assert (out / "docs" / "aftercare.html").exists()
    result = audit(str(articles / "donation.txt"), "--out", str(out), "--workers", "1")
    assert sorted(p.name for p in (out / "docs").iterdir()) == ["donation.html", "donation.md"]
    assert f"removed 4 pages an earlier run left in {out / 'docs'}" in result.stderr
    resumed = audit(str(articles / "donation.txt"), "--out", str(out), "--workers", "1", "--resume")
    assert "removed" not in resumed.stderr  # a resumed run keeps its pages
    assert sorted(p.name for p in (out / "docs").iterdir()) == ["donation.html", "donation.md"]


def test_progress_knows_the_total_when_it_is_cheap(articles: Path, tmp_path: Path):
    from auditor.documents import count_documents

    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}\n')
    table = tmp_path / "batch.csv"
    table.write_text('id,text\na,"two\nlines"\n')
    assert count_documents([str(articles), str(batch)]) == 4
    assert count_documents([str(table)]) is None  # a quoted cell may hold a line break
    assert count_documents(["-"]) is None


def test_the_progress_bar_shows_the_total_and_the_critical_count(capsys):
    from auditor.batch import _Progress

    with _Progress(quiet=False, show=True, total=40) as bar:
        bar.advance(10, critical=2)
        bar._bar.refresh()
    shown = capsys.readouterr().err
    assert "10/40" in shown and "2 critical" in shown and "ETA" in shown


def test_an_unreachable_scheduler_is_named_not_the_output_folder(articles: Path, tmp_path: Path,
                                                                 monkeypatch):
    import distributed

    def unreachable(address, **kwargs):
        raise OSError(f"Timed out trying to connect to {address} after 30 s")

    monkeypatch.setattr(distributed, "Client", unreachable)
    result = audit(str(articles), "--out", str(tmp_path / "out"), "--engine", "DASK",
                   "--scheduler", "tcp://10.0.0.5:8786")
    assert result.exit_code == 2
    assert result.stderr == ("auditor: dask scheduler tcp://10.0.0.5:8786: Timed out trying to "
                             "connect to tcp://10.0.0.5:8786 after 30 s\n")


def test_fail_on_lists_the_worst_and_counts_the_rest(tmp_path: Path):
    from auditor.terminal import reaching

    rows = [{"doc_id": "a", "verdict": "discrepant", "severity": s, "review": r, "start_char": n,
             "claim_text": f"claim {n}", "fingerprint": f"{n:012x}", "explanation": "x"}
            for n, (s, r) in enumerate([("major", ""), ("critical", ""), ("minor", ""),
                                        ("critical", "false_alarm"), ("major", "")])]
    path = tmp_path / "findings.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    lines, more = reaching(path, "major", 2)
    assert [line.split(":")[0] for line in lines] == ["critical", "major"] and more == 1
    assert "claim 1" in lines[0] and "claim 3" not in "".join(lines)  # the dismissed one
