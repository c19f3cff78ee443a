"""Writing files so that a reader never sees half of one: write beside, then rename.

One way to do it, in two shapes: `atomic_writer(path, mode)`, a context manager yielding a
handle to stream into (renamed over `path` when the block ends, removed when it raises), and
`atomic_write(path, data)` for a whole text or bytes at once. `AtomicFile` is the object
under both, for a file written over a longer span than one block (findings.parquet, written
a row group at a time during the run).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SERIAL = itertools.count()
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def temporary_name(path: Path) -> Path:
    """Where `path` is written before its rename: a hidden name beside it ending in ".tmp".

    It carries this process's id and a serial number, so concurrent writers never share one,
    and a file left by a killed process with a recycled id is simply overwritten.
    (`tempfile.mkstemp` did the same with random names, at twice the cost per file.)
    """
    return path.with_name(f".{path.name}.{os.getpid()}-{next(_SERIAL)}.tmp")


def _open_beside(temporary: Path) -> int:
    """A descriptor for `temporary`, mode 0644 whatever the umask (reports are for others to
    read), creating its folder if it is missing."""
    try:
        handle = os.open(temporary, _FLAGS, 0o644)
    except FileNotFoundError:
        temporary.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, _FLAGS, 0o644)
    try:
        os.fchmod(handle, 0o644)
    except BaseException:
        os.close(handle)
        temporary.unlink(missing_ok=True)
        raise
    return handle


class AtomicFile:
    """A file written beside `path` and renamed over it by `commit()`; `discard()` removes it.

    `mode` is "w" (UTF-8 text, newlines as written) or "wb". `temporary` names the file beside
    (by default `temporary_name(path)`). Once committed or discarded, both do nothing.
    """

    def __init__(self, path: Path, mode: str = "w", temporary: Path | None = None) -> None:
        if mode not in ("w", "wb"):
            raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
        self.path = Path(path)
        self.temporary = temporary or temporary_name(self.path)
        descriptor = _open_beside(self.temporary)
        try:
            self.handle: IO[Any] = (os.fdopen(descriptor, "wb") if mode == "wb" else
                                    os.fdopen(descriptor, "w", encoding="utf-8", newline=""))
        except BaseException:
            os.close(descriptor)
            self.temporary.unlink(missing_ok=True)
            raise
        self._open = True

    def commit(self) -> None:
        """Close the file and rename it over `path`; on failure it is removed."""
        if not self._open:
            return
        self._open = False
        try:
            self.handle.close()
            os.replace(self.temporary, self.path)
        except BaseException:
            self.temporary.unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        """Close the file and remove it: `path` stays as it was."""
        if not self._open:
            return
        self._open = False
        try:
            with contextlib.suppress(OSError):  # a flush on a full disk: the file goes anyway
                self.handle.close()
        finally:
            self.temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A handle to stream `path`'s new content into: renamed over `path` when the block ends,
    removed (leaving `path` as it was) when the block raises."""
    file = AtomicFile(path, mode)
    try:
        yield file.handle
    except BaseException:
        file.discard()
        raise
    file.commit()


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8, or bytes) to `path` as `atomic_writer` does, in one go.

    The many small pages of a run come through here: one `os.write` loop on a descriptor,
    without the buffered file object `atomic_writer` needs for streaming.
    """
    view = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
    temporary = temporary_name(path)
    handle = _open_beside(temporary)
    try:
        try:
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def naming(path: Path):
    """An OSError that names no file (a write on a full disk) names `path`: the one-line error
    the command prints says which file could not be written."""
    try:
        yield
    except OSError as error:
        if error.filename is not None:
            raise
        raise OSError(error.errno, error.strerror or str(error), str(path)) from error


def safe_name(doc_id: str) -> str:
    """A file name for a document id that stays inside the output folder ("../x" -> "x")."""
    name = _UNSAFE.sub("_", doc_id).strip("._")[:150]
    return name or "document"
