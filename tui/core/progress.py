"""The progress store: every answer, every session, review state, settings and flags, kept
in the data dir's SQLite database (`progress.db`, opened and migrated by `db.py`).

- Each answer is one short transaction (the answer row, its session's running figures,
  the item's review state), committed before its verdict is shown. Its cost does not
  grow with the history: a few indexed single-row writes.
- Two instances at once: SQLite's own locking, a busy timeout, nothing made by hand.
- Old JSON files (`progress.json`, `settings.json`, `flags.json`) found beside the
  database are imported once, in one transaction, and kept renamed beside it.
- Everything that reads progress (review, stats, results, xAPI) asks the query methods
  below, which read what they need, not the whole history.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from . import db, scheduler
from .db import DatabaseError

if TYPE_CHECKING:
    from .engine import AnswerRecord, Session

SCHEMA = db.SCHEMA
FILE_NAME = db.FILE_NAME
LEGACY_FILES = ("progress.json", "settings.json", "flags.json")
LEGACY_SCHEMA = 1  # the JSON files' own schema number, the only one ever written
MAX_NOTE = 500
SETTING_KEYS = ("theme", "animations", "scheduler")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class ProgressError(Exception):
    """Progress cannot be saved (disk full, permissions, a read-only dir): one line."""


class ItemHistory(NamedTuple):
    seen: int
    right: int
    wrong: int
    last_seen: str | None
    box: int

    def due_at(self) -> datetime | None:
        last = scheduler.parse_time(self.last_seen)
        return None if last is None else scheduler.leitner_due(self.box, last)


class SessionRow(NamedTuple):
    """A session as kept: running figures while under way, final ones once finished."""
    id: int
    started: str
    finished: str | None
    name: str | None
    seed: int | None
    filter: str | None
    review: bool
    score: int
    answered: int
    total: int
    best_streak: int
    duration: float

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.answered) if self.answered else 0


class AnswerRow(NamedTuple):
    id: int
    session: int
    at: str
    item: str
    given: str
    correct: bool
    certainty: int | None
    seconds: float | None


class Flag(NamedTuple):
    at: str
    item: str
    note: str
    pack: str | None


_SESSION_COLUMNS = "id, started, finished, name, seed, filter, review, score, answered, total, best_streak, duration"
_ANSWER_COLUMNS = "id, session, at, item, given, correct, certainty, seconds"


def _session_row(raw: tuple) -> SessionRow:
    return SessionRow(*raw[:6], bool(raw[6]), *raw[7:])


def _answer_row(raw: tuple) -> AnswerRow:
    return AnswerRow(*raw[:5], bool(raw[5]), *raw[6:])


def clean_note(note: str) -> str:
    """A flag's note on one line, printable characters only, at most MAX_NOTE long."""
    return "".join(ch for ch in " ".join(str(note).split()) if ch.isprintable())[:MAX_NOTE]


class Store:
    """The progress database of one data dir.

    `save=False` (`--no-save`) keeps answers and sessions out; settings and flags, asked
    for explicitly, are saved all the same.
    """

    def __init__(self, data_dir: Path | None = None, *, save: bool = True) -> None:
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self.save = save
        self._db: db.Database | None = None
        self._messages: list[str] = []
        self._failure_said = False  # the database could not be opened, and the user was told
        self._sessions: weakref.WeakKeyDictionary[Session, int] = weakref.WeakKeyDictionary()
        self._finished: weakref.WeakSet[Session] = weakref.WeakSet()

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
        """One-line messages for the user, taken as they are shown (pop them)."""
        if self._db is not None and self._db.warnings:
            self._messages.extend(self._db.warnings)
            self._db.warnings.clear()
        return self._messages

    @property
    def read_only(self) -> bool:
        """True when nothing can be saved this run (a newer database, an unusable file)."""
        return not self.database.writable

    def open(self) -> None:
        """Open the database now (moving a broken one aside, importing old JSON files), so
        that warnings come before the first question rather than after the first answer."""
        legacy = [self.dir / name for name in LEGACY_FILES if (self.dir / name).is_file()]
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

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        conn = self._reader()
        if conn is None:
            return []
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:  # a newer schema, or damage found after the check
            self._messages.append(self.database.met_damage(exc) or f"cannot read {self.path}: {db.reason(exc)}")
            return []

    def _transaction(self, change) -> bool:
        """Run `change(connection)` in one write transaction; ProgressError on failure."""
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
                "INSERT INTO answers (session, at, item, given, correct, certainty, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (row, at, record.item_id, record.given, int(record.correct), certainty, max(0.0, record.seconds)),
            )
            conn.execute(
                "UPDATE sessions SET score = ?, answered = ?, best_streak = ?, duration = ? WHERE id = ?",
                (summary.score, summary.answered, summary.best_streak, max(0.0, summary.seconds), row),
            )
            _apply_answer(conn, record.item_id, record.correct, when)

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
                _rebuild_fsrs(conn)  # the cards from the whole answer log, once

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

    def flags(self) -> list[Flag]:
        return [Flag(*row) for row in self._rows("SELECT at, item, note, pack FROM flags ORDER BY id")]

    # ---- queries ----

    def history(self, item_id: str) -> ItemHistory | None:
        rows = self._rows("SELECT right, wrong, last_seen, box FROM review WHERE item = ?", (item_id,))
        if not rows:
            return None
        right, wrong, last_seen, box = rows[0]
        return ItemHistory(right + wrong, right, wrong, last_seen, box)

    def histories(self) -> dict[str, ItemHistory]:
        """Every item ever answered (one row per item, not per answer)."""
        return {item: ItemHistory(right + wrong, right, wrong, last_seen, box)
                for item, right, wrong, last_seen, box in self._rows(
                    "SELECT item, right, wrong, last_seen, box FROM review")}

    def due_for_review(self, item_ids: list[str], at: datetime | None = None,
                       using: str | None = None) -> list[str]:
        """The items of `item_ids` due under the chosen scheduler: those last answered
        wrong at certainty 3 first (`scheduler.review_order`), then those last answered wrong,
        then the most missed, then the longest ago."""
        moment = at or datetime.now(timezone.utc)
        wanted = set(item_ids)
        chosen = using or self.scheduler()
        due: list[tuple[int, int, str, str]] = []
        for item, right, wrong, last_seen, box, last_correct, fsrs_due in self._rows(
                "SELECT item, right, wrong, last_seen, box, last_correct, fsrs_due FROM review"):
            if item not in wanted:
                continue
            last = scheduler.parse_time(last_seen)
            if chosen == "fsrs":
                when = scheduler.parse_time(fsrs_due) or last
            else:
                if wrong == 0:
                    continue
                when = None if last is None else scheduler.leitner_due(box, last)
            if when is None or when <= moment:
                due.append((item, last_correct, wrong, last_seen))
        return scheduler.review_order(due, self._confident_errors([row[0] for row in due if not row[1]]))

    def _confident_errors(self, item_ids: list[str]) -> set[str]:
        """Those of `item_ids` whose last answer was wrong at certainty 3 (one indexed look-up each)."""
        return {item for item in item_ids if self._rows(
            "SELECT 1 FROM (SELECT correct, certainty FROM answers WHERE item = ? ORDER BY at DESC, id DESC LIMIT 1) "
            "WHERE correct = 0 AND certainty = 3", (item,))}

    def session_count(self, finished_only: bool = False) -> int:
        where = " AND finished IS NOT NULL" if finished_only else ""
        rows = self._rows(f"SELECT count(*) FROM sessions WHERE answered > 0{where}")
        return rows[0][0] if rows else 0

    def recent_sessions(self, n: int) -> list[SessionRow]:
        """The last `n` sessions with an answer, oldest first."""
        rows = self._rows(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE answered > 0 "
                          "ORDER BY started DESC, id DESC LIMIT ?", (n,))
        return [_session_row(r) for r in reversed(rows)]

    def best_session(self) -> SessionRow | None:
        rows = self._rows(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE answered > 0 "
                          "ORDER BY CAST(score AS REAL) / answered DESC, score DESC, id LIMIT 1")
        return _session_row(rows[0]) if rows else None

    def longest_streak(self) -> int:
        rows = self._rows("SELECT coalesce(max(best_streak), 0) FROM sessions")
        return rows[0][0] if rows else 0

    def sessions(self, batch: int = 500) -> Iterator[tuple[SessionRow, list[AnswerRow]]]:
        """Every session with an answer and its answers, oldest first, read in batches."""
        last = 0
        while True:
            rows = [_session_row(r) for r in self._rows(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE answered > 0 AND id > ? ORDER BY id LIMIT ?",
                (last, batch))]
            if not rows:
                return
            answers: dict[int, list[AnswerRow]] = {row.id: [] for row in rows}
            for raw in self._rows(f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE session BETWEEN ? AND ? "
                                  "ORDER BY session, id", (rows[0].id, rows[-1].id)):
                if raw[1] in answers:
                    answers[raw[1]].append(_answer_row(raw))
            for row in rows:
                yield row, answers[row.id]
            last = rows[-1].id

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    # ---- old JSON files ----

    def _import(self, files: list[Path]) -> None:
        """Bring old JSON files into the database in one transaction; keep them beside it."""
        from hashlib import sha256

        found: list[tuple[Path, bytes, dict[str, Any]]] = []
        for path in files:
            data = self._legacy(path)
            if data is not None:
                found.append((path, data.pop("\0raw"), data))
        if not found:
            return
        counts = {"sessions": 0, "answers": 0}

        def change(conn: sqlite3.Connection) -> None:
            for path, raw, data in found:
                digest = sha256(raw).hexdigest()
                if conn.execute("SELECT 1 FROM imports WHERE sha256 = ?", (digest,)).fetchone():
                    continue  # imported before a kill stopped the renaming
                conn.execute("INSERT INTO imports (sha256, file, at) VALUES (?, ?, ?)", (digest, str(path), now_iso()))
                if path.name == "progress.json":
                    _import_progress(conn, data, counts)
                elif path.name == "settings.json":
                    _import_settings(conn, data.get("settings", {}), replace=True)
                else:
                    _import_flags(conn, data.get("flags", []))

        try:
            self._transaction(change)
        except ProgressError as exc:
            self._messages.append(f"{exc}; the old files were not imported and are left as they are.")
            return
        kept = []
        for path, _, _ in found:
            target = _free_name(path, "imported")
            try:
                os.replace(path, target)
                kept.append(target.name)
            except OSError:
                kept.append(f"{path.name} (left in place)")
        names = ", ".join(path.name for path, _, _ in found)
        self._messages.append(
            f"Imported {names} into {self.path} ({counts['sessions']} sessions, {counts['answers']} answers); "
            f"the old files are kept beside it as {', '.join(kept)}.")

    def _legacy(self, path: Path) -> dict[str, Any] | None:
        """An old JSON file's data (with its bytes under "\\0raw"), or None with a warning."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self._messages.append(f"{path} cannot be read ({db.reason(exc)}); it is not imported.")
            return None
        try:
            import json  # only for old files: not on the way to the first screen

            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self._set_aside(path, "is not valid JSON")
            return None
        lists = {"progress.json": ("sessions",), "flags.json": ("flags",)}.get(path.name, ())
        dicts = {"progress.json": ("items", "settings"), "settings.json": ("settings",)}.get(path.name, ())
        if not (isinstance(data, dict) and isinstance(data.get("schema"), int)
                and all(isinstance(data.get(k, []), list) for k in lists)
                and all(isinstance(data.get(k, {}), dict) for k in dicts)):
            self._set_aside(path, f"does not have the layout of a {path.stem} file")
            return None
        if data["schema"] > LEGACY_SCHEMA:
            self._messages.append(
                f"{path} was written by a newer mythquiz (schema {data['schema']}, this one knows "
                f"{LEGACY_SCHEMA}); it is left untouched and not imported.")
            return None
        data["\0raw"] = raw
        return data

    def _set_aside(self, path: Path, why: str) -> None:
        target = _free_name(path, "broken")
        try:
            os.replace(path, target)
            self._messages.append(f"{path} {why}; it was moved to {target} and is not imported.")
        except OSError as exc:
            self._messages.append(f"{path} {why} and could not be moved aside ({db.reason(exc)}); it is not imported.")


def _free_name(path: Path, what: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{what}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{what}-{stamp}-{n}")
    return target


# ---- review state ----


def _apply_answer(conn: sqlite3.Connection, item_id: str, correct: bool, when: datetime) -> None:
    """One answer moves the item between Leitner boxes (and its FSRS card, if chosen)."""
    old = conn.execute("SELECT box, fsrs_card FROM review WHERE item = ?", (item_id,)).fetchone()
    box = scheduler.leitner_box(old[0] if old else 1, correct)
    card = due = None
    chosen = conn.execute("SELECT value FROM settings WHERE key = 'scheduler'").fetchone()
    if chosen is not None and chosen[0] == "fsrs":
        card, moment = scheduler.fsrs_review(old[1] if old else None, correct, when)
        due = moment.isoformat()
    conn.execute(
        "INSERT INTO review (item, right, wrong, last_seen, last_correct, box, fsrs_card, fsrs_due) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item) DO UPDATE SET "
        "right = right + excluded.right, wrong = wrong + excluded.wrong, last_seen = excluded.last_seen, "
        "last_correct = excluded.last_correct, box = excluded.box, "
        "fsrs_card = coalesce(excluded.fsrs_card, fsrs_card), fsrs_due = coalesce(excluded.fsrs_due, fsrs_due)",
        (item_id, int(correct), int(not correct), when.isoformat(), int(correct), box, card, due),
    )


def _rebuild_fsrs(conn: sqlite3.Connection) -> None:
    """Every item's FSRS card from its kept answers, oldest first. An item whose answers
    were not kept (imported review state only) starts from its last answer."""
    current: str | None = None
    log: list[tuple[datetime, bool]] = []

    def flush() -> None:
        built = scheduler.fsrs_replay(log)
        if current is not None and built is not None:
            conn.execute("UPDATE review SET fsrs_card = ?, fsrs_due = ? WHERE item = ?",
                         (built[0], built[1].isoformat(), current))

    conn.execute("UPDATE review SET fsrs_card = NULL, fsrs_due = NULL")
    for item, at, correct in conn.execute("SELECT item, at, correct FROM answers ORDER BY item, at, id").fetchall():
        if item != current:
            flush()
            current, log = item, []
        when = scheduler.parse_time(at)
        if when is not None:
            log.append((when, bool(correct)))
    flush()
    for item, last_seen, last_correct, wrong in conn.execute(
            "SELECT item, last_seen, last_correct, wrong FROM review WHERE fsrs_card IS NULL").fetchall():
        when = scheduler.parse_time(last_seen)
        if when is not None:
            card, due = scheduler.fsrs_review(None, bool(last_correct if last_correct is not None else wrong == 0), when)
            conn.execute("UPDATE review SET fsrs_card = ?, fsrs_due = ? WHERE item = ?", (card, due.isoformat(), item))


# ---- the import of old JSON files ----


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)) and value == value and abs(value) < 2**62:
        return max(0, int(value))
    return default


def _num(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and abs(value) < 1e12:
        return max(0.0, float(value))
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _import_progress(conn: sqlite3.Connection, data: dict[str, Any], counts: dict[str, int]) -> None:
    for item, raw in data.get("items", {}).items():
        if not (isinstance(item, str) and item and isinstance(raw, dict)):
            continue
        right, wrong = _int(raw.get("right")), _int(raw.get("wrong"))
        box = min(max(_int(raw.get("box"), 1), 1), scheduler.MAX_BOX)
        last = _text(raw.get("last_seen"))
        # The old files kept no last verdict; the box tells it: box 1 after a wrong answer.
        last_correct = None if right + wrong == 0 else int(box > 1)
        conn.execute(
            "INSERT INTO review (item, right, wrong, last_seen, box, last_correct) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (item) DO UPDATE SET right = right + excluded.right, wrong = wrong + excluded.wrong, "
            "last_correct = coalesce(excluded.last_correct, last_correct), "
            "last_seen = CASE WHEN excluded.last_seen > coalesce(last_seen, '') THEN excluded.last_seen "
            "ELSE last_seen END, box = excluded.box",
            (item, right, wrong, last, box, last_correct))
    for raw in data.get("sessions", []):
        if not isinstance(raw, dict):
            continue
        answers = [a for a in raw.get("answers", []) if isinstance(a, dict) and _text(a.get("item"))] \
            if isinstance(raw.get("answers"), list) else []
        date = _text(raw.get("date")) or now_iso()
        score = _int(raw.get("score"))
        answered = max(_int(raw.get("answered"), len(answers) or _int(raw.get("total"))), score)
        seed = raw.get("seed")
        row = conn.execute(
            "INSERT INTO sessions (started, finished, name, seed, review, score, answered, total, best_streak, duration) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (date, date, _text(raw.get("name")), seed if isinstance(seed, int) and not isinstance(seed, bool)
             and abs(seed) < 2**62 else None, int(bool(raw.get("review"))), score, answered,
             max(_int(raw.get("total")), answered), min(_int(raw.get("best_streak")), answered),
             _num(raw.get("duration")) or 0.0)).lastrowid
        conn.executemany(
            "INSERT INTO answers (session, at, item, given, correct, seconds) VALUES (?, ?, ?, ?, ?, ?)",
            [(row, date, a["item"], str(a.get("given", "")), int(bool(a.get("correct"))), _num(a.get("seconds")))
             for a in answers])
        counts["sessions"] += 1
        counts["answers"] += len(answers)
    _import_settings(conn, data.get("settings", {}), replace=False)


def _import_settings(conn: sqlite3.Connection, settings: Any, replace: bool) -> None:
    if not isinstance(settings, dict):
        return
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    for key, value in settings.items():
        if key in SETTING_KEYS and isinstance(value, str):
            conn.execute(f"{verb} INTO settings (key, value) VALUES (?, ?)", (key, value))


def _import_flags(conn: sqlite3.Connection, flags: list[Any]) -> None:
    for flag in flags:
        if not isinstance(flag, dict):
            continue
        item, note = _text(flag.get("item")), clean_note(str(flag.get("note", "")))
        if item and note:
            conn.execute("INSERT INTO flags (at, item, note, pack) VALUES (?, ?, ?, ?)",
                         (_text(flag.get("date")) or now_iso(), item, note, _text(flag.get("pack"))))


def default_data_dir() -> Path:
    env = os.environ.get("MYTHQUIZ_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("mythquiz", appauthor=False)
