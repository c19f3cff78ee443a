"""One run at a time into an output folder: `DIR/.auditor.lock`."""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.batch import run_audit
from auditor.lock import LOCK_FILE, OutputLock, OutputLocked
from auditor.report import writers

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "corpora" / "articles" / "a03-dosing-guide.txt").read_text(encoding="utf-8")


@pytest.fixture()
def articles(tmp_path) -> Path:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": ARTICLE}) + "\n"
                              for i in range(3)), encoding="utf-8")
    return source


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def lock_of(out: Path, **holder) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_FILE
    path.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                "started": "2026-01-01T00:00:00+00:00", **holder}),
                    encoding="utf-8")
    return path


def test_a_second_run_refuses_in_one_line_naming_the_holder_and_touches_nothing(
        articles, tmp_path):
    out = tmp_path / "out"
    run_audit([str(articles)], out, workers=1, quiet=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    with OutputLock(out), pytest.raises(OutputLocked) as refused:
        run_audit([str(articles)], out, workers=1, quiet=True, resume=True)
    message = str(refused.value)
    assert "\n" not in message
    assert f"pid {os.getpid()} on {socket.gethostname()}" in message and LOCK_FILE in message
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not (out / LOCK_FILE).exists()  # released with the block


def test_the_lock_is_released_however_the_run_ends(articles, tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(writers, "PAGE_WRITERS", (writers.PageWriter(".md", lambda *a: 1 / 0),
                                                  *writers.PAGE_WRITERS[1:]))
    with pytest.raises(ZeroDivisionError):
        run_audit([str(articles)], out, workers=1, quiet=True)
    assert not (out / LOCK_FILE).exists()
    monkeypatch.undo()
    assert run_audit([str(articles)], out, workers=1, quiet=True).documents == 3


def test_a_lock_left_by_a_dead_run_on_this_host_is_taken_over(articles, tmp_path):
    out = tmp_path / "out"
    lock_of(out, pid=dead_pid())
    assert run_audit([str(articles)], out, workers=1, quiet=True).documents == 3
    assert not (out / LOCK_FILE).exists()


def test_a_lock_whose_pid_now_names_another_process_is_taken_over(articles, tmp_path):
    out = tmp_path / "out"
    lock_of(out, pid=os.getppid(), process_start=1)  # alive, but not the process that locked
    assert run_audit([str(articles)], out, workers=1, quiet=True).documents == 3


@pytest.mark.parametrize("holder", [
    {"host": "elsewhere.example"},                 # cannot be checked from here
    {"pid": os.getppid()},                          # alive on this host
    {"host": "elsewhere.example", "pid": 1 << 22},  # even with a pid that is dead here
])
def test_a_live_or_foreign_lock_is_respected(articles, tmp_path, holder):
    out = tmp_path / "out"
    path = lock_of(out, **holder)
    with pytest.raises(OutputLocked, match=r"in use by another auditor run \(pid \d+ on "):
        run_audit([str(articles)], out, workers=1, quiet=True)
    assert path.exists() and not (out / "findings.jsonl").exists()


def test_an_unreadable_lock_is_respected(articles, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).write_text("not json", encoding="utf-8")
    with pytest.raises(OutputLocked, match="names no run: delete it"):
        run_audit([str(articles)], out, workers=1, quiet=True)


# -- real processes --------------------------------------------------------------------------

RACER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from auditor.lock import OutputLock, OutputLocked
    out, start, hold = Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    time.sleep(max(0.0, start - time.time()))
    try:
        with OutputLock(out):
            print("took", flush=True)
            time.sleep(hold)
    except OutputLocked as error:
        print("refused:", error, flush=True)
""")


def test_many_runs_racing_for_a_stale_lock_let_exactly_one_in(tmp_path):
    out = tmp_path / "out"
    lock_of(out, pid=dead_pid())
    start = time.time() + 1.5
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(out), str(start), "2"],
                               stdout=subprocess.PIPE, text=True) for _ in range(6)]
    said = [racer.communicate(timeout=60)[0].strip() for racer in racers]
    assert sorted(line.split()[0] for line in said) == ["refused:"] * 5 + ["took"], said
    assert not (out / LOCK_FILE).exists()


RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from auditor.batch import run_audit
    from auditor.lock import OutputLocked
    source, out, start = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    time.sleep(max(0.0, start - time.time()))
    try:
        result = run_audit([source], out, workers=1, quiet=True)
    except OutputLocked as error:
        print(f"auditor: {error}", file=sys.stderr)
        sys.exit(2)
    print(result.documents)
""")


def test_two_runs_started_at_once_one_refuses_and_the_other_writes_whole_tables(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": ARTICLE}) + "\n"
                              for i in range(40)), encoding="utf-8")
    out = tmp_path / "out"
    start = time.time() + 4  # both have imported the auditor by then
    runs = [subprocess.Popen([sys.executable, "-c", RUN, str(source), str(out), str(start)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    done = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in done) == [0, 2], done
    _, printed, _ = next(d for d in done if d[0] == 0)
    _, _, refusal = next(d for d in done if d[0] == 2)
    assert printed.strip() == "40"
    assert len(refusal.strip().splitlines()) == 1 and "in use by another auditor run" in refusal
    with (out / "summary.csv").open(encoding="utf-8", newline="") as table:
        ids = [row["doc_id"] for row in csv.DictReader(table)]
    assert sorted(ids) == sorted(f"d{i}" for i in range(40))  # each once
    findings = [json.loads(line) for line in (out / "findings.jsonl").open(encoding="utf-8")]
    assert {f["doc_id"] for f in findings} == set(ids)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 40
    assert manifest["counts"]["findings"] == len(findings)
    assert not (out / LOCK_FILE).exists()
    again = run_audit([str(source)], out, workers=1, quiet=True, resume=True)  # resumes cleanly
    assert again.resumed == 40 and again.documents == 0


def test_the_command_line_refuses_in_one_line(articles, tmp_path):
    from auditor.cli import app

    out = tmp_path / "out"
    out.mkdir()
    with OutputLock(out):
        result = CliRunner().invoke(app, ["audit", str(articles), "--out", str(out), "--quiet",
                                          "--workers", "1"])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "in use by another" in result.output
