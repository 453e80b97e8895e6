"""An export written over an old one (`-o results.csv`, a room report) is the old file or
the new one, never a torn one; temporaries of killed writers are swept, those of live
writers and files that only look alike are left alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from tui.core.atomic import write_atomic


def test_a_large_file_is_written_whole_and_replaces_the_old_one(tmp_path):
    path = tmp_path / "report.md"
    path.write_bytes(b"old report")
    data = os.urandom(3 * 1024 * 1024)  # more than one write call may take
    write_atomic(path, data)
    assert path.read_bytes() == data
    write_atomic(path, b"")
    assert path.read_bytes() == b""
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_written_file_is_not_executable(tmp_path):
    path = tmp_path / "results.csv"
    write_atomic(path, b"a,b\n")
    assert stat.S_IMODE(path.stat().st_mode) & 0o111 == 0


def test_a_live_writers_temporary_and_look_alike_files_are_left_alone(tmp_path):
    path = tmp_path / "results.csv"
    # Another writer, alive until told to stop; a hang-up would end it (whatever its parent ignores).
    writer = subprocess.Popen(
        [sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGHUP, signal.SIG_DFL); "
                               "print('ready', flush=True); print(sys.stdin.readline().strip(), flush=True); "
                               "sys.stdin.readline()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "ready\n"
        live = tmp_path / f".{path.name}.{writer.pid}.tmp"
        not_a_pid = tmp_path / f".{path.name}.draft.tmp"
        mine = tmp_path / f".{path.name}.{os.getpid()}.tmp"
        dead = tmp_path / f".{path.name}.999999999.tmp"
        for leftover in (live, not_a_pid, dead):
            leftover.write_bytes(b"partial")
        write_atomic(path, b"whole")
        assert path.read_bytes() == b"whole"
        assert live.exists() and not_a_pid.exists() and not dead.exists() and not mine.exists()
        # Asking whether a writer lives must not signal it: it still answers.
        try:
            writer.stdin.write("still here\n")
            writer.stdin.flush()
        except BrokenPipeError:
            pass
        assert writer.stdout.readline() == "still here\n"
    finally:
        writer.kill()
        writer.wait()


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "results.csv"
    path.write_bytes(b"old results")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(path, b"new results")
    assert path.read_bytes() == b"old results"
    assert [p.name for p in tmp_path.iterdir()] == ["results.csv"]


def test_a_file_kept_is_synced_to_disk_with_its_directory_and_a_cache_file_is_not(tmp_path, monkeypatch):
    """What a crash or a power cut can take: a synced file is on disk (its data and its
    name) once write_atomic returns; `sync=False` asks for neither."""
    synced: list[str] = []
    real_fsync = os.fsync

    def spy(fd):
        synced.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else os.fstat(fd).st_size)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(tmp_path / "report.md", b"12345")
    assert synced == [5, "dir"]  # the whole file, then the directory that names it
    synced.clear()
    write_atomic(tmp_path / "pack.bin", b"123", sync=False)
    assert synced == [] and (tmp_path / "pack.bin").read_bytes() == b"123"


def test_a_killed_writers_temporary_is_swept_only_for_its_own_file(tmp_path):
    path = tmp_path / "results.csv"
    dead = tmp_path / f".{path.name}.999999999.tmp"
    others = tmp_path / ".other.csv.999999999.tmp"
    dead.write_bytes(b"partial")
    others.write_bytes(b"partial")
    write_atomic(path, b"whole", sync=False)
    assert not dead.exists() and others.exists()
