"""Guards in the core that a mutation run showed no test would miss: time to answer,
the corpus-path guard, and the clean-up of a failed atomic write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core import engine
from tui.core.atomic import write_atomic
from tui.core.engine import Session


def test_a_corpus_file_reached_through_a_link_outside_the_corpus_is_refused(pack_copy, tmp_path):
    """A plain name that is a symbolic link to a file outside the corpus directory."""
    import subprocess
    import sys

    content, corpus = pack_copy
    outside = tmp_path / "elsewhere.txt"
    target = corpus / "nato-2017-russias-top-five-myths.txt"
    outside.write_bytes(target.read_bytes())  # the same bytes: only the place is wrong
    target.unlink()
    target.symlink_to(outside)
    done = subprocess.run([sys.executable, "-m", "tui", "check", "--content", str(content), "--corpus", str(corpus)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (1, 2), done.stdout + done.stderr
    problems = (done.stdout + done.stderr).splitlines()
    assert any(line.startswith(str(corpus / "sources.yaml")) and "nato-2017-russias-top-five-myths.txt" in line
               for line in problems), problems


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_temporary_left_by_a_killed_writer_is_swept_and_a_live_ones_is_kept(tmp_path):
    path = tmp_path / "results.csv"
    dead = tmp_path / f".{path.name}.999999999.tmp"  # no such process
    alive = tmp_path / f".{path.name}.{os.getppid()}.tmp"  # our parent: still running
    dead.write_bytes(b"torn")
    alive.write_bytes(b"in progress")
    write_atomic(path, b"whole")
    assert path.read_bytes() == b"whole"
    assert not dead.exists() and alive.exists()
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == sorted([path.name, alive.name])


def test_a_quiz_asks_twenty_questions_unless_told_and_its_summary_says_how_long_it_took(pack, monkeypatch):
    clock = iter([50.0, 51.0, 125.5])  # created, answered, summary
    monkeypatch.setattr(engine.time, "monotonic", lambda: next(clock))
    session = Session.create(pack, seed=3)
    assert session.total == 20
    session.answer(session.options()[0])
    assert session.summary().seconds == 75.5
