"""Shared fixtures: the real pipeline and reference, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def reference():
    from auditor.reference import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def nlp():
    from auditor.audit import default_pipeline

    return default_pipeline()


@pytest.fixture()
def reference_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled reference folder."""
    target = tmp_path / "reference"
    shutil.copytree(ROOT / "reference", target)
    return target
