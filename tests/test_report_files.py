"""atomic_writer / atomic_write: one way to write a file a reader never sees half of."""

from __future__ import annotations

import os
import stat

import pytest

from auditor.report.files import AtomicFile, atomic_write, atomic_writer


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_streamed_write_appears_whole_when_the_block_ends(tmp_path):
    path = tmp_path / "sub" / "page.html"  # the folder is made as needed
    with atomic_writer(path) as handle:
        handle.writelines(["a\n", "b\r\n"])
        assert not path.exists() and len(leftovers(path.parent)) == 1
    assert path.read_bytes() == b"a\nb\r\n"  # newlines as written
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
    assert leftovers(path.parent) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "table.parquet"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(path, "wb") as handle:
        handle.write(b"half")
        raise RuntimeError
    assert path.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_whole_writes_and_long_lived_files_share_it(tmp_path):
    atomic_write(tmp_path / "a.txt", "é")
    atomic_write(tmp_path / "b.bin", b"\x00")
    assert (tmp_path / "a.txt").read_bytes() == "é".encode() and (tmp_path / "b.bin").read_bytes() == b"\x00"
    kept, dropped = AtomicFile(tmp_path / "c", "wb"), AtomicFile(tmp_path / "d", "w")
    kept.handle.write(b"c")
    dropped.handle.write("d")
    kept.commit()
    dropped.discard()
    kept.discard()  # after a commit: nothing to do
    assert (tmp_path / "c").read_bytes() == b"c" and not (tmp_path / "d").exists()
    assert leftovers(tmp_path) == []
    with pytest.raises(ValueError):
        AtomicFile(tmp_path / "e", "a")
