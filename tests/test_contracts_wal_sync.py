"""Committed answers are synced to the disk soon after the commit, off the key path.

A commit returns before the disk has the answer (the database's `-wal` file is synced by
a thread of its own, tui/core/wal_sync.py); these tests check that the sync does happen:
for each committed answer of a quiz and of a room, and at once when the store is closed.
What fsync was asked of is read from the open file descriptor (Linux's /proc)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tui.core import wal_sync
from tui.core.progress import Store
from tui.core.wal_sync import WalSync

from progress_helpers import answer, count


@pytest.fixture
def synced(monkeypatch) -> list[str]:
    """The path of every file fsync is called on through wal_sync, in order."""
    paths: list[str] = []
    real = os.fsync
    lock = threading.Lock()

    def fsync(fd: int) -> None:
        with lock:
            paths.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(wal_sync.os, "fsync", fsync)
    return paths


def test_closing_the_store_syncs_every_committed_answer_at_once(tmp_path, small_pack, synced, monkeypatch):
    # A delay far longer than the test: only close() can have synced the file.
    monkeypatch.setattr(wal_sync, "DELAY_SECONDS", 3600.0)
    store = Store(tmp_path)
    answer(store, small_pack, [(small_pack.items[0].id, True), (small_pack.items[1].id, False)])
    wal = str(tmp_path / "progress.db-wal")
    assert wal not in synced  # not yet: the sync waits its delay
    store.close()
    assert wal in synced
    assert count(tmp_path / "progress.db", "answers") == 2


def test_the_thread_syncs_after_its_delay_without_a_close(tmp_path, small_pack, synced, monkeypatch):
    monkeypatch.setattr(wal_sync, "DELAY_SECONDS", 0.0)
    done = threading.Event()
    real = wal_sync.WalSync._sync

    def sync(self: WalSync) -> None:
        real(self)
        done.set()

    monkeypatch.setattr(wal_sync.WalSync, "_sync", sync)
    store = Store(tmp_path)
    answer(store, small_pack, [(small_pack.items[0].id, True)], finish=False)
    assert done.wait(10), "no sync after a committed answer"
    assert str(tmp_path / "progress.db-wal") in synced
    store.close()


def test_answers_committed_together_share_syncs(tmp_path, synced):
    wal = tmp_path / "progress.db-wal"
    wal.write_bytes(b"frames")
    sync = WalSync(tmp_path / "progress.db", delay=3600.0)
    for _ in range(50):
        sync.request()
    sync.close()
    assert synced.count(str(wal)) == 1  # one sync for the fifty, at close
    assert synced[-1] == str(tmp_path)  # then, the first time, the directory holding the file's name


def test_a_write_after_close_is_synced_by_its_caller(tmp_path, synced):
    wal = tmp_path / "progress.db-wal"
    wal.write_bytes(b"frames")
    sync = WalSync(tmp_path / "progress.db", delay=3600.0)
    sync.close()
    sync.request()
    assert str(wal) in synced


def test_a_wal_that_is_gone_or_cannot_be_synced_is_no_error(tmp_path, monkeypatch, synced):
    sync = WalSync(tmp_path / "progress.db", delay=0.0)
    sync.request()  # no -wal file: SQLite removed it after writing it into the database
    sync.close()
    assert synced == []
    (tmp_path / "progress.db-wal").write_bytes(b"frames")

    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(wal_sync.os, "fsync", broken)
    sync = WalSync(tmp_path / "progress.db", delay=3600.0)
    sync.request()
    sync.close()  # the commit stands; nothing is raised at the learner


def test_nothing_committed_nothing_synced(tmp_path, synced):
    (tmp_path / "progress.db-wal").write_bytes(b"frames")
    sync = WalSync(tmp_path / "progress.db", delay=3600.0)
    sync.close()
    assert synced == []


def test_one_request_one_sync(tmp_path, synced, monkeypatch):
    wal = tmp_path / "progress.db-wal"
    wal.write_bytes(b"frames")
    done = threading.Event()
    real = wal_sync.WalSync._sync

    def sync_and_tell(self: WalSync) -> None:
        real(self)
        done.set()

    monkeypatch.setattr(wal_sync.WalSync, "_sync", sync_and_tell)
    sync = WalSync(tmp_path / "progress.db", delay=0.0)
    sync.request()
    assert done.wait(10)
    sync.close()  # nothing is pending any more: no second sync
    assert synced.count(str(wal)) == 1
    sync.request()  # after close, synced by the caller; the directory only ever once
    assert synced.count(str(wal)) == 2
    assert synced.count(str(tmp_path)) == 1


def test_a_store_left_open_does_not_keep_mythquiz_from_exiting(tmp_path):
    """The sync's thread never holds the process open: a program that saved an answer
    and did not close its store still exits at once, and syncs as it does."""
    import subprocess
    import sys

    program = (
        "import os, sys; from pathlib import Path; from tui.core import wal_sync\n"
        "real = os.fsync\n"
        "wal_sync.os.fsync = lambda fd: (print(os.readlink(f'/proc/self/fd/{fd}')), real(fd))\n"
        "p = Path(sys.argv[1]) / 'progress.db'; Path(str(p) + '-wal').write_bytes(b'x')\n"
        "s = wal_sync.WalSync(p, delay=3600.0); s.request()\n"
    )
    done = subprocess.run([sys.executable, "-c", program, str(tmp_path)], timeout=30, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    # and what it committed was synced as it ended, though it never closed
    assert done.stdout.split() == [str(tmp_path / "progress.db-wal"), str(tmp_path)]


def test_every_write_transaction_is_synced(tmp_path, synced):
    from tui.core.db import Database

    database = Database(Path(tmp_path))
    with database.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('theme', 'x')")
    database.close()
    assert str(tmp_path / "progress.db-wal") in synced
