"""The bundled reference ships inside the wheel: build one, install it into a fresh virtual
environment outside the checkout, and audit an article with no --reference. No network: the
wheel is built without build isolation and installed without its dependencies, which come from
this environment's site-packages (on PYTHONPATH, so its editable install of the checkout, a .pth
file, is not seen)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "corpora" / "articles" / "a01-clinic-leaflet.txt"


def _can_build_wheels() -> bool:
    """setuptools builds wheels itself from 70.1; before that it needs the `wheel` package."""
    from setuptools import __version__

    return importlib.util.find_spec("wheel") is not None or tuple(
        int(part) for part in __version__.split(".")[:2]) >= (70, 1)


pytestmark = pytest.mark.skipif(
    not _can_build_wheels() and os.environ.get("CI") != "true",
    reason="building a wheel offline needs the 'wheel' package (or setuptools >= 70.1)")


def _run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the project's wheel installed: its bin/ folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: building in the checkout would leave build/ there
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("auditor", "reference"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", work / "dist",
          source], cwd=work)
    [wheel] = (work / "dist").glob("*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work)
    python = venv / "bin" / "python"
    _run([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel], cwd=work)
    return venv / "bin"


def _env() -> dict:
    here = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sorted(here))}


def test_the_wheel_carries_the_reference(installed, tmp_path):
    code = ("import auditor, auditor.reference as r; print(auditor.__file__); print(r.BUNDLED); "
            "print(len(r.load_reference().facts))")
    module, bundled, facts = _run([installed / "python", "-c", code], cwd=tmp_path,
                                  env=_env()).stdout.split()
    bundled = Path(bundled)
    assert installed.parent in Path(module).parents  # the installed package, not the checkout
    assert bundled == Path(module).parent / "_reference"
    assert int(facts) >= 60
    assert sorted(p.name for p in bundled.glob("*.csv")) == sorted(
        p.name for p in (ROOT / "reference").glob("*.csv"))


def test_an_installed_wheel_audits_with_no_reference_option(installed, tmp_path):
    article = tmp_path / ARTICLE.name
    shutil.copy2(ARTICLE, article)
    out = tmp_path / "out"
    _run([installed / "auditor", "audit", article.name, "--out", out, "--workers", "1", "--quiet"],
         cwd=tmp_path, env=_env())
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]
    assert findings and any(f["reference_id"] for f in findings)
    assert json.loads((out / "run.json").read_text())["reference_version"].startswith("sha256:")


def test_an_installed_wheel_checks_its_reference(installed, tmp_path):
    result = _run([installed / "auditor", "reference", "check", "--as-of", "2026-12-02"],
                  cwd=tmp_path, env=_env())
    assert not [line for line in result.stdout.splitlines() if line.startswith("error")]
