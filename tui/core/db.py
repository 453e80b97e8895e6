"""The one SQLite database in the data dir (`progress.db`): its connection and its schema.

Everything mythquiz keeps between runs lives here: answers, sessions, review state,
settings, flags, and the live room's tables. This module owns how the file is opened
(WAL, `synchronous`, busy timeout, foreign keys, `PRAGMA quick_check`, see _check), what happens to a
file that cannot be used (moved aside with a one-line warning, or left alone when a newer
mythquiz wrote it), and the schema, which only ever moves forward (its steps, and how to add one, are in
`db_migrations`).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from . import db_migrations
from .wal_sync import WalSync

FILE_NAME = "progress.db"

# How long a writer waits for another instance's transaction before giving up. Writes
# are short transactions (a learner's answer, a room's group of answers: about a
# millisecond), so this is reached only if another process hangs while holding the
# write lock.
BUSY_TIMEOUT_MS = 10_000

# synchronous=NORMAL, with the WAL synced to disk a moment after each commit by a thread
# of its own (wal_sync.py). From SQLite's documentation (pragma.html#pragma_synchronous,
# wal.html "Performance Considerations"): in WAL mode every setting keeps the database
# consistent and keeps committed transactions across an *application* crash (kill -9);
# only a power loss or a crash of the whole system can roll back transactions whose WAL
# frames were not yet synced. FULL syncs inside every commit, so the learner waited for the
# disk before each verdict (7 ms median, 16 ms p95 on the 2-core test machine under load);
# NORMAL plus the background sync keeps the promise the product makes (committed before
# the verdict; a killed process loses at most the answer in flight) and leaves a power
# cut at most about 50 ms (wal_sync.DELAY_SECONDS) plus one sync to catch an answer.
SYNCHRONOUS = "NORMAL"


# PRAGMA quick_check is O(size of the file): about 300 ms for 10,000 sessions of 20
# answers (33 MB). Every open checks every table but the big ones, those that grow with
# use: answers, sessions (checking it made an open at 10,000 sessions take 13 ms, not
# 0.7 ms) and the room's answers; what is left is bounded by the number of items,
# settings and rooms. The whole file, big tables too, is checked when it is small, or
# when its last whole check is more than a week old. A damaged page met later is reported by SQLite itself (SQLITE_CORRUPT) on the
# query or write that touches it, and the next open moves the file aside.
BIG_TABLES = ("answers", "sessions", "room_answers")
WHOLE_CHECK_BYTES = 4 * 2**20
WHOLE_CHECK_EVERY = timedelta(days=7)

# Error codes that say the file itself is damaged or is not a database (moved aside),
# as opposed to a file that cannot be reached or written (reported, nothing moved).
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class DatabaseError(Exception):
    """The database cannot be used or written: one line for the user."""


def reason(exc: BaseException) -> str:
    """An OSError's or sqlite3.Error's own words, for a one-line message."""
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def damaged(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return name.startswith(_DAMAGED)
    text = str(exc).lower()  # Python 3.10 has no error names
    return "not a database" in text or "malformed" in text


def _wal_mode(conn: sqlite3.Connection) -> str:
    """Put the database in WAL mode (kept in the file: a no-op once done); its mode after.

    Two instances creating the file at the same moment both try to change its mode, and
    SQLite then answers "database is locked" at once, without waiting through the busy
    timeout; so the change is tried again, for at most BUSY_TIMEOUT_MS."""
    import time

    end = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            name = getattr(exc, "sqlite_errorname", "")  # Python 3.10 has no error names
            busy = name == "SQLITE_BUSY" if name else "locked" in str(exc)
            if not busy or time.monotonic() > end:
                raise
            time.sleep(0.005)


class Database:
    """The database file of one data dir, opened on first use.

    After `open()`: `connection` is None when there is nothing to read (no file and none
    wanted) or the file cannot be used; `writable` says whether writes may be tried;
    `warnings` holds one-line messages for the user (a file moved aside, a newer schema).
    """

    def __init__(self, data_dir: Path, file_name: str = FILE_NAME) -> None:
        self.dir = Path(data_dir)
        self.path = self.dir / file_name
        self.connection: sqlite3.Connection | None = None
        self.writable = True
        self.newer = False  # written by a newer mythquiz: read, never written
        self.warnings: list[str] = []
        self._failure: str | None = None  # why writing is impossible this run
        self._wal_sync = WalSync(self.path)  # each commit reaches the disk soon after

    # ---- opening ----

    def open(self, create: bool) -> sqlite3.Connection | None:
        """Open (and create, if `create`) the database; migrate it forward; check it."""
        if self.connection is not None:
            return self.connection
        if self._failure is not None:
            return None
        if not create and not self.path.exists():
            return None
        if create:
            try:
                self.dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self._fail(f"cannot create the data dir {self.dir}: {reason(exc)}; nothing is saved this run")
                return None
        try:
            self.connection = self._connect()
        except sqlite3.Error as exc:
            if damaged(exc):
                self._set_aside(f"is damaged ({reason(exc)})")
                if self.writable:
                    return self.open(create=True)
            else:
                self._fail(f"cannot open {self.path}: {reason(exc)}; nothing is saved this run")
            return None
        return self.connection

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            whole = self._check(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > db_migrations.SCHEMA:
                conn.close()
                self.newer = True
                self.writable = False
                self.warnings.append(
                    f"{self.path} was written by a newer mythquiz (schema {version}, this one knows "
                    f"{db_migrations.SCHEMA}); it is left untouched and this run's answers are not saved.")
                # Read-only from here on: nothing of this run can change the file.
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                       check_same_thread=False)
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA query_only = ON")
                return conn
            if _wal_mode(conn) != "wal":
                raise sqlite3.OperationalError("the database cannot be put in WAL mode")
            conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
            conn.execute("PRAGMA foreign_keys = ON")
            db_migrations.migrate(conn, version)
            if whole and self.path.stat().st_size > WHOLE_CHECK_BYTES:  # remember when, for big files
                try:
                    conn.execute("INSERT OR REPLACE INTO checks (what, at) VALUES ('quick_check', ?)",
                                 (datetime.now(timezone.utc).isoformat(),))
                except sqlite3.Error:
                    pass  # checked again next time
        except BaseException:
            conn.close()
            raise
        return conn

    def _check(self, conn: sqlite3.Connection) -> bool:
        """PRAGMA quick_check, of the whole file or of all but the big tables (see
        BIG_TABLES); raises sqlite3.DatabaseError on damage. True if the whole was checked."""
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        whole = self.path.stat().st_size <= WHOLE_CHECK_BYTES or "checks" not in tables
        if not whole:
            last = conn.execute("SELECT at FROM checks WHERE what = 'quick_check'").fetchone()
            try:
                whole = last is None or datetime.now(timezone.utc) - datetime.fromisoformat(last[0]) > WHOLE_CHECK_EVERY
            except (TypeError, ValueError):
                whole = True
        if whole:
            results = [row[0] for row in conn.execute("PRAGMA quick_check")]
        else:
            results = [row[0] for table in tables if table not in BIG_TABLES
                       for row in conn.execute(f'PRAGMA quick_check("{table}")')]
        damage = [r for r in results if r != "ok"]
        if damage:
            raise sqlite3.DatabaseError("database disk image is malformed: " + damage[0])
        return whole

    def _set_aside(self, why: str) -> None:
        """Move a damaged file (and its WAL and shared-memory files) aside, with a warning."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.broken-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            self._fail(f"{self.path} {why} and could not be moved aside ({reason(exc)}); "
                       "this run's answers are not saved.")
            return  # said once, as the failure the store reports
        for suffix in ("-wal", "-shm"):
            extra = self.path.with_name(self.path.name + suffix)
            try:
                os.replace(extra, target.with_name(target.name + suffix))
            except OSError:
                pass
        self.warnings.append(f"{self.path} {why}; it was moved to {target} and progress starts afresh.")

    def met_damage(self, exc: sqlite3.Error) -> str | None:
        """A query or write met a damaged page: have the next open check the whole file
        (and so move it aside). The one-line message for the user, or None if `exc` is
        not damage."""
        if not damaged(exc):
            return None
        if self.connection is not None:
            try:
                self.connection.execute("DELETE FROM checks")
            except sqlite3.Error:
                pass  # then the check's age brings it about
        return (f"{self.path} is damaged ({reason(exc)}); it will be moved aside the next time "
                "mythquiz starts, and nothing more is saved this run")

    def _fail(self, message: str) -> None:
        self._failure = message
        self.writable = False

    @property
    def failure(self) -> str | None:
        """Why nothing can be written this run, if so."""
        return self._failure

    # ---- transactions ----

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction: committed when the block ends, rolled back if it
        raises. Raises DatabaseError (one line) when the database cannot be written."""
        conn = self.open(create=True)
        if conn is None or not self.writable:
            raise DatabaseError(self._failure or f"{self.path} cannot be written this run")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot save to {self.path}: {reason(exc)}") from None
        try:
            yield conn
            conn.execute("COMMIT")
            self._wal_sync.request()
        except sqlite3.Error as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            damage = self.met_damage(exc)
            if damage:
                self._fail(damage)
                raise DatabaseError(damage) from None
            raise DatabaseError(f"cannot save to {self.path}: {reason(exc)}; what was saved before is intact") from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def read(self) -> sqlite3.Connection | None:
        """The connection for queries; None when there is nothing to read."""
        return self.open(create=False)

    def close(self) -> None:
        """Sync what is committed to the disk, then close (a later write opens afresh)."""
        self._wal_sync.close()
        self._wal_sync = WalSync(self.path)
        if self.connection is not None:
            self.connection.close()
            self.connection = None
