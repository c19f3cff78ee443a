"""One run at a time per output folder: an advisory lock file, `DIR/.auditor.lock`.

Two runs appending to the same tables would interleave their rows and leave a state that no
`--resume` can read, so a run takes the lock before it touches DIR and gives it back when it
ends, however it ends. The file is created with O_EXCL and names its holder (pid, host, start
time); a second run refuses in one line that names it. A lock left by a run that died (`kill
-9`, a power cut) is taken over when its holder is on this host and no longer alive; a holder on
another host cannot be checked, so the message says how to remove its lock by hand.
"""

from __future__ import annotations

import fcntl
import functools
import inspect
import json
import os
import socket
import uuid
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = ".auditor.lock"


class OutputLocked(RuntimeError):
    """Another run holds the output folder; the message is one line naming it."""


class OutputLock:
    """`with OutputLock(out):` holds `out/.auditor.lock` for the block (`out` must exist)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.path = self.out / LOCK_FILE
        self.holder = {"pid": os.getpid(), "host": socket.gethostname(),
                       "started": datetime.now(UTC).isoformat(timespec="seconds"),
                       "process_start": _process_start(os.getpid()), "token": uuid.uuid4().hex}

    def __enter__(self) -> OutputLock:
        # Runs on this host take the lock one at a time (flock on the folder, released by the
        # kernel even if a run dies here): a stale lock is then removed and replaced by exactly
        # one of them. Runs on other hosts never remove a lock, so O_EXCL alone keeps them out.
        guard = os.open(self.out, os.O_RDONLY)
        try:
            fcntl.flock(guard, fcntl.LOCK_EX)
            self._take()
        finally:
            os.close(guard)  # releases the flock
        return self

    def __exit__(self, *exc) -> None:
        if _read(self.path).get("token") == self.holder["token"]:
            self.path.unlink(missing_ok=True)

    def _take(self) -> None:
        for _ in range(2):
            try:
                descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = _read(self.path)
                if not _dead_here(holder):
                    raise OutputLocked(self._refusal(holder)) from None
                self.path.unlink(missing_ok=True)  # its run died: take its place
                continue
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(self.holder) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            return
        raise OutputLocked(f"{self.out}: could not take {self.path}, which keeps coming back")

    def _refusal(self, holder: dict) -> str:
        if not holder:
            return (f"{self.out} is locked by {self.path}, which names no run: delete it if no "
                    "auditor run is writing there")
        where = f"pid {holder.get('pid')} on {holder.get('host')}, since {holder.get('started')}"
        return (f"{self.out} is in use by another auditor run ({where}): wait for it to finish, "
                f"or delete {self.path} if that run is gone")


def holds_output_lock(run):
    """Decorate a function with an `out` folder argument: it runs holding that folder's lock
    (the folder is created first). A second call on the same folder raises `OutputLocked`."""
    signature = inspect.signature(run)

    @functools.wraps(run)
    def locked(*args, **kwargs):
        out = Path(signature.bind(*args, **kwargs).arguments["out"])
        out.mkdir(parents=True, exist_ok=True)
        with OutputLock(out):
            return run(*args, **kwargs)

    return locked


def _read(path: Path) -> dict:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def _dead_here(holder: dict) -> bool:
    """True when the holder ran on this host and is gone (or its pid now names another process)."""
    pid = holder.get("pid")
    if holder.get("host") != socket.gethostname() or not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        pass
    started = holder.get("process_start")
    return started is not None and _process_start(pid) not in (None, started)


def _process_start(pid: int) -> int | None:
    """When the process started, in clock ticks since boot (Linux), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rpartition(")")[2].split()[19])
    except (OSError, ValueError, IndexError):
        return None


__all__ = ["LOCK_FILE", "OutputLock", "OutputLocked", "holds_output_lock"]
