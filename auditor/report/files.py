"""Writing files so that a reader never sees half of one: write beside, then rename."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; reports are for others to read
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def safe_name(doc_id: str) -> str:
    """A file name for a document id that stays inside the output folder ("../x" -> "x")."""
    name = _UNSAFE.sub("_", doc_id).strip("._")[:150]
    return name or "document"
