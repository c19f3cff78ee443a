"""A full disk, a read-only --out, a file where a folder should be: one line naming the path,
exit status 2, and an output folder that a later run resumes as if nothing had happened."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.batch import run_audit
from auditor.cli import app

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "corpora" / "articles" / "a03-dosing-guide.txt").read_text(encoding="utf-8")
TABLES = ("findings.jsonl", "claims.jsonl", "findings.csv", "summary.csv", "findings.parquet")


def audit(*args: str):
    return CliRunner().invoke(app, ["audit", *args, "--quiet"])


def one_line(result) -> str:
    """The run's only output: one line, no traceback."""
    lines = result.output.strip().splitlines()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*.tmp"))


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """120 articles: about 3 MB of tables and pages."""
    path = tmp_path_factory.mktemp("in") / "batch.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{n}", "text": ARTICLE}) + "\n"
                            for n in range(120)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clean(batch, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "out"
    run_audit([str(batch)], out, workers=1, quiet=True)
    return out


@contextlib.contextmanager
def tmpfs(path: Path, options: str):
    """A small tmpfs at `path` (root only; skips the test where mounting is not allowed)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.parametrize(("workers", "reports", "size"), [
    ("1", "all", "3m"),  # about two batches of pages and rows fit
    ("2", "all", "4m"),  # the page a worker could not write (pages: about 38 KB a document)
    ("1", "none", "1m"),  # rows only: a table fills the disk
])
def test_a_full_disk_stops_the_run_in_one_line_and_the_folder_resumes(batch, clean, tmp_path,
                                                                      workers, reports, size):
    with tmpfs(tmp_path / "small", f"size={size}") as small:
        out = small / "out"
        result = audit(str(batch), "--out", str(out), "--workers", workers, "--reports", reports)
        line = one_line(result)
        assert result.exit_code == 2
        assert line.startswith(f"auditor: {out}") and line.endswith(": No space left on device")
        if reports == "none":
            assert line.split(": ")[1] in {str(out / name) for name in TABLES}
        saved = tmp_path / "saved"
        shutil.copytree(out, saved, symlinks=True)
    # the folder, moved where there is room, resumes: every committed document is kept
    resumed = run_audit([str(batch)], saved, workers=1, quiet=True, resume=True, reports=reports)
    assert resumed.resumed > 0 and resumed.documents + resumed.resumed == 120
    assert tables(saved) == tables(clean)
    assert leftovers(saved) == []


def test_a_read_only_out_is_refused_in_one_line_and_a_writable_one_works(batch, clean, tmp_path):
    with tmpfs(tmp_path / "ro", "size=1m,ro") as read_only:
        result = audit(str(batch), "--out", str(read_only / "out"), "--workers", "1")
        line = one_line(result)
        assert result.exit_code == 2
        assert line.startswith(f"auditor: {read_only}") and line.endswith(": Read-only file system")
    out = tmp_path / "out"
    assert audit(str(batch), "--out", str(out), "--workers", "1").exit_code == 0
    assert tables(out) == tables(clean)


def test_an_output_folder_made_read_only_keeps_its_state(batch, clean, tmp_path):
    with tmpfs(tmp_path / "mnt", "size=8m") as mount:
        out = mount / "out"
        run_audit([str(batch)], out, workers=1, quiet=True)
        before = tables(out)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        result = audit(str(batch), "--out", str(out), "--workers", "1", "--resume")
        line = one_line(result)
        assert result.exit_code == 2 and line.endswith(": Read-only file system")
        assert line.startswith(f"auditor: {out}")
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
        again = run_audit([str(batch)], out, workers=1, quiet=True, resume=True)
        assert (again.documents, again.resumed) == (0, 120)
        assert tables(out) == before == tables(clean)


def test_an_out_that_is_a_file_is_refused_in_one_line(batch, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("not a folder", encoding="utf-8")
    result = audit(str(batch), "--out", str(out), "--workers", "1")
    assert result.exit_code == 2
    assert one_line(result) == f"auditor: {out}: not a folder"
    result = audit(str(batch), "--out", str(out / "reports"), "--workers", "1")
    assert result.exit_code == 2
    assert one_line(result).startswith(f"auditor: {out}")
    assert out.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("where", ["docs", "summary.csv"])
def test_a_file_where_a_folder_should_be_inside_out(batch, clean, tmp_path, where):
    out = tmp_path / "out"
    run_audit([str(batch)], out, workers=1, quiet=True)
    blocker = out / where
    if blocker.is_dir():
        shutil.rmtree(blocker)
        blocker.write_text("not a folder", encoding="utf-8")
    else:  # a folder where a table should be
        blocker.unlink()
        blocker.mkdir()
    result = audit(str(batch), "--out", str(out), "--workers", "1")
    line = one_line(result)
    assert result.exit_code == 2 and line.startswith(f"auditor: {blocker}")
    if blocker.is_file():
        blocker.unlink()
    else:
        blocker.rmdir()
    assert audit(str(batch), "--out", str(out), "--workers", "1").exit_code == 0
    assert tables(out) == tables(clean)
    assert leftovers(out) == []
