"""Committed answers reach the disk a moment after they are committed, off the key path.

The database runs in WAL mode with `synchronous=NORMAL` (db.py): a commit appends to the
`-wal` file and returns without waiting for the disk. From then on the answer survives
anything that happens to mythquiz itself — a crash, a kill -9, a closed terminal — since
the operating system holds the file. What it would not survive, until the disk has the
file too, is a power cut or a crash of the whole computer. `WalSync` closes that gap a
moment later: after a commit it is asked to `request()` a sync, and a thread of its own
calls fsync on the `-wal` file (what `synchronous=FULL` would have done inside the commit,
while the learner waited for the verdict). Answers committed close together share one
sync. `close()` syncs whatever is still pending before the database is closed.

Why not FULL: on this project's 2-core test machine one fsync took 7 ms at the median
and 16 ms at the 95th percentile while other work ran (and on a laptop's or a school
computer's disk it can take longer): on every answer, that wait was the largest part of
the key → verdict time (README, "Decisions where the contract was silent").
"""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path

# How long the thread waits, once asked, before it syncs: the verdict is drawn in that
# time without the sync's thread taking the interpreter from it, and answers given
# together (a room's burst) are synced together. Also the most a power cut can lose.
DELAY_SECONDS = 0.05


class WalSync:
    """fsync of one database's `-wal` file, in a thread, soon after each `request()`."""

    def __init__(self, database: Path, delay: float | None = None) -> None:
        self.wal = database.with_name(database.name + "-wal")
        self.delay = DELAY_SECONDS if delay is None else delay
        self._cond = threading.Condition()
        self._pending = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self._dir_synced = False

    def request(self) -> None:
        """A transaction was just committed: have it on the disk soon."""
        with self._cond:
            closed = self._closed
            if not closed:
                self._pending = True
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="wal-sync", daemon=True)
                    self._thread.start()
                    atexit.register(self.close)  # a program that ends without closing syncs too
                self._cond.notify()
        if closed:  # a write after close(): synced by its own caller
            self._sync()

    def close(self) -> None:
        """Sync what is pending, now, and stop the thread."""
        with self._cond:
            self._closed = True
            self._cond.notify()
            thread = self._thread
        if thread is not None:
            thread.join()
        with self._cond:
            pending = self._pending
        if pending:
            self._sync()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                # Let the commit's caller finish drawing (and further commits join this
                # sync), unless the database is being closed.
                self._cond.wait_for(lambda: self._closed, timeout=self.delay)
                if self._closed:
                    return  # close() syncs what is pending
                self._pending = False
            self._sync()  # outside the lock: a commit meanwhile only asks for the next sync

    def _sync(self) -> None:
        """fsync the `-wal` file (and, the first time, its directory, which holds the
        file's name). A file that is gone has nothing left to sync: SQLite removes it
        after writing everything into the database file, which it syncs itself."""
        try:
            fd = os.open(self.wal, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass  # the commit stands; the operating system writes the file back in time
        finally:
            os.close(fd)
        if not self._dir_synced:
            self._dir_synced = True
            try:
                dir_fd = os.open(self.wal.parent, os.O_RDONLY)
            except OSError:
                return
            try:
                os.fsync(dir_fd)
            except OSError:
                pass
            finally:
                os.close(dir_fd)
