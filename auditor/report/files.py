"""Writing files so that a reader never sees half of one: write beside, then rename."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SERIAL = itertools.count()


def atomic_write(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file beside it and a rename.

    The temporary name carries this process's id and a serial number, so concurrent writers
    never share one, and a file left by a killed process with a recycled id is simply
    overwritten. Reports are for others to read: the mode is 0644 whatever the umask.
    (`tempfile.mkstemp` did the same with random names, at twice the cost per file.)
    """
    data = text.encode("utf-8")
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{next(_SERIAL)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        handle = os.open(temporary, flags, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, flags, 0o644)
    try:
        try:
            os.fchmod(handle, 0o644)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def safe_name(doc_id: str) -> str:
    """A file name for a document id that stays inside the output folder ("../x" -> "x")."""
    name = _UNSAFE.sub("_", doc_id).strip("._")[:150]
    return name or "document"
