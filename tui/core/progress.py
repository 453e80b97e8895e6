"""The progress store: every answer, every session, review state, settings and flags, kept
in the data dir's SQLite database (`progress.db`, opened and migrated by `db.py`).

- Each answer is one short transaction (the answer row, its session's running figures,
  the item's review state), committed before its verdict is shown. Its cost does not
  grow with the history: a few indexed single-row writes.
- Two instances at once: SQLite's own locking, a busy timeout, nothing made by hand.
- Old JSON files (`progress.json`, `settings.json`, `flags.json`) found beside the
  database are imported once, in one transaction, and kept renamed beside it
  (`progress_import.py`). The TUI opens the store in a worker thread, so a big import does
  not hold up the first screen: the store's lock makes any other use wait for it.
- Everything that reads progress (review, stats, results, xAPI) asks the query methods
  (`progress_queries.py`), which read what they need, not the whole history.

Here: where the database is, opening it, and writing to it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import db, db_migrations, progress_import, scheduler
from .db import DatabaseError
from .progress_queries import Queries
from .progress_rows import (MAX_NOTE, SETTING_KEYS, AnswerRow, Flag, ItemHistory, RoomAnswerRow, RoomRow,
                            SessionRow, clean_note, now_iso)
from .review_state import apply_answer, rebuild_fsrs

if TYPE_CHECKING:
    from .answers import AnswerRecord
    from .engine import Session

__all__ = ["Store", "ProgressError", "default_data_dir", "FILE_NAME", "SCHEMA", "SETTING_KEYS", "MAX_NOTE",
           "AnswerRow", "Flag", "ItemHistory", "RoomAnswerRow", "RoomRow", "SessionRow", "clean_note", "now_iso"]

SCHEMA = db_migrations.SCHEMA
FILE_NAME = db.FILE_NAME


class ProgressError(Exception):
    """Progress cannot be saved (disk full, permissions, a read-only dir): one line."""


class Store(Queries):
    """The progress database of one data dir.

    `save=False` (`--no-save`) keeps answers and sessions out; settings and flags, asked
    for explicitly, are saved all the same. Safe to use from two threads (the TUI opens it
    in a worker): one lock around opening, reading and writing.
    """

    def __init__(self, data_dir: Path | None = None, *, save: bool = True) -> None:
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self.save = save
        self._db: db.Database | None = None
        self._messages: list[str] = []
        self._failure_said = False  # the database could not be opened, and the user was told
        self._sessions: weakref.WeakKeyDictionary[Session, int] = weakref.WeakKeyDictionary()
        self._finished: weakref.WeakSet[Session] = weakref.WeakSet()
        self._lock = threading.RLock()

    # ---- where, and opening ----

    @property
    def dir(self) -> Path:
        """The data dir, found on first use (platformdirs is not needed before then)."""
        if self._data_dir is None:
            self._data_dir = default_data_dir()
        return self._data_dir

    @property
    def path(self) -> Path:
        return self.dir / FILE_NAME

    @property
    def database(self) -> db.Database:
        if self._db is None:
            self._db = db.Database(self.dir)
        return self._db

    @property
    def warnings(self) -> list[str]:
        """One-line messages for the user, taken as they are shown (pop them). Never waits
        for an import under way: its messages come when it is done."""
        if self._lock.acquire(blocking=False):
            try:
                if self._db is not None and self._db.warnings:
                    self._messages.extend(self._db.warnings)
                    self._db.warnings.clear()
            finally:
                self._lock.release()
        return self._messages

    @property
    def read_only(self) -> bool:
        """True when nothing can be saved this run (a newer database, an unusable file)."""
        return not self.database.writable

    @property
    def opened(self) -> bool:
        return self._db is not None and self._db.connection is not None

    def old_files(self) -> list[Path]:
        """Old JSON files that opening the store will import (cheap: a few stat calls)."""
        return [] if self.opened else progress_import.found_in(self.dir)

    def open(self) -> None:
        """Open the database now (moving a broken one aside, importing old JSON files), so
        that warnings come before the first question rather than after the first answer."""
        with self._lock:
            legacy = progress_import.found_in(self.dir)
            # Made now when answers are to be saved, so that the first answer does not wait
            # for the file and its tables to be created.
            self.database.open(create=bool(legacy) or self.save)
            if self.database.failure and not self._failure_said:
                self._failure_said = True
                self._messages.append(self.database.failure)
            if legacy and self.database.writable:
                self._import(legacy)

    def _reader(self) -> sqlite3.Connection | None:
        if self._db is None or self._db.connection is None:
            self.open()
        return self.database.read()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            conn = self._reader()
            if conn is None:
                return []
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:  # a newer schema, or damage found after the check
                self._messages.append(self.database.met_damage(exc) or f"cannot read {self.path}: {db.reason(exc)}")
                return []

    def _transaction(self, change: Callable[[sqlite3.Connection], object]) -> bool:
        """Run `change(connection)` in one write transaction; ProgressError on failure."""
        with self._lock:
            if self._db is None or self._db.connection is None:
                self.open()
            if self.database.newer or self._failure_said:
                return False  # the user has been told why nothing is saved
            try:
                with self.database.write() as conn:
                    change(conn)
            except DatabaseError as exc:
                raise ProgressError(str(exc)) from None
            return True

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()

    # ---- recording a quiz ----

    def record_answer(self, session: Session, record: AnswerRecord, certainty: int | None = None) -> bool:
        """Keep one answer of `session`: the answer row, the session's running figures and
        the item's review state, in one transaction. False when saving is off or refused;
        ProgressError (one line) when it cannot be written."""
        if not self.save:
            return False
        certainty = record.certainty if certainty is None else certainty
        when = datetime.now(timezone.utc).replace(microsecond=0)
        at = when.isoformat()
        summary = session.summary()
        row = self._sessions.get(session)

        def change(conn: sqlite3.Connection) -> None:
            nonlocal row
            if row is None:
                row = conn.execute(
                    "INSERT INTO sessions (started, name, seed, filter, review, total) VALUES (?, ?, ?, ?, ?, ?)",
                    (at, session.name, session.seed, session.filter, int(session.review), session.total),
                ).lastrowid
            conn.execute(
                "INSERT INTO answers (session, at, item, given, correct, certainty, seconds, phase) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (row, at, record.item_id, record.given, int(record.correct), certainty, max(0.0, record.seconds),
                 record.phase),
            )
            conn.execute(
                "UPDATE sessions SET score = ?, answered = ?, best_streak = ?, duration = ? WHERE id = ?",
                (summary.score, summary.answered, summary.best_streak, max(0.0, summary.seconds), row),
            )
            if record.phase != "pre":  # a pre answer counts in no score, nor in the item's history
                apply_answer(conn, record.item_id, record.correct, when)

        if not self._transaction(change):
            return False
        assert row is not None
        self._sessions[session] = row
        return True

    def finish_session(self, session: Session) -> bool:
        """Mark `session` finished (or abandoned) with its final figures; once only, and
        only if one of its answers was kept."""
        row = self._sessions.get(session)
        if row is None or session in self._finished or not self.save:
            return False
        summary = session.summary()

        def change(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE sessions SET finished = ?, score = ?, answered = ?, best_streak = ?, duration = ? "
                "WHERE id = ? AND finished IS NULL",
                (now_iso(), summary.score, summary.answered, summary.best_streak, max(0.0, summary.seconds), row),
            )

        done = self._transaction(change)
        if done:
            self._finished.add(session)
        return done

    def session_finished(self, session: Session) -> bool:
        return session in self._finished

    # ---- settings and flags (saved even with --no-save) ----

    def settings(self) -> dict[str, str]:
        return {key: value for key, value in self._rows("SELECT key, value FROM settings")
                if key in SETTING_KEYS and isinstance(value, str)}

    def set_setting(self, key: str, value: str) -> bool:
        if key not in SETTING_KEYS:
            raise KeyError(key)

        def change(conn: sqlite3.Connection) -> None:
            old = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
            if key == "scheduler" and value == "fsrs" and (old is None or old[0] != "fsrs"):
                rebuild_fsrs(conn)  # the cards from the whole answer log, once

        return self._transaction(change)

    def scheduler(self) -> str:
        chosen = self.settings().get("scheduler", scheduler.DEFAULT)
        return chosen if chosen in scheduler.SCHEDULERS else scheduler.DEFAULT

    def add_flag(self, item_id: str, note: str, pack: str | None) -> bool:
        clean = clean_note(note)
        if not clean:
            return False
        return self._transaction(lambda conn: conn.execute(
            "INSERT INTO flags (at, item, note, pack) VALUES (?, ?, ?, ?)", (now_iso(), item_id, clean, pack)))

    # ---- old JSON files ----

    def _import(self, paths: list[Path]) -> None:
        """Bring old JSON files into the database in one transaction; keep them beside it."""
        found = [old for path in paths if (old := progress_import.read_old_file(path, self._messages))]
        if not found:
            return
        counts = {"sessions": 0, "answers": 0}
        try:
            self._transaction(lambda conn: progress_import.import_files(conn, found, counts))
        except ProgressError as exc:
            self._messages.append(f"{exc}; the old files were not imported and are left as they are.")
            return
        kept = progress_import.keep_beside(found)
        names = ", ".join(old.path.name for old in found)
        self._messages.append(
            f"Imported {names} into {self.path} ({counts['sessions']} sessions, {counts['answers']} answers); "
            f"the old files are kept beside it as {', '.join(kept)}.")


def default_data_dir() -> Path:
    env = os.environ.get("MYTHQUIZ_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("mythquiz", appauthor=False)
