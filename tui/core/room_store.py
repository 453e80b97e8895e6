"""Where a live room keeps what must survive a crash: SQLite in the data dir.

One process writes (the room's server); WAL mode; every write is one short transaction
committed before the caller goes on, so an answer acknowledged to a participant is on
disk. The UNIQUE (room, participant, question) constraint makes a second answer to the
same question impossible by construction: the insert fails, the first answer stands.

Tokens are kept as their SHA-256, so the database alone does not let anyone act as a
participant; the participant's own copy still works after `--resume`.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

FILE_NAME = "progress.db"

# The room's tables, one migration. They live beside the progress tables in one file.
ROOM_SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    seed INTEGER NOT NULL,
    settings TEXT NOT NULL,
    phase TEXT NOT NULL DEFAULT 'lobby'
        CHECK (phase IN ('lobby', 'open', 'closed', 'revealed', 'ended')),
    current INTEGER NOT NULL DEFAULT 0 CHECK (current >= 0),
    deadline REAL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS questions (
    room INTEGER NOT NULL REFERENCES rooms (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    item_id TEXT NOT NULL,
    options TEXT NOT NULL,
    opened_at REAL,
    PRIMARY KEY (room, number)
);
CREATE TABLE IF NOT EXISTS participants (
    id INTEGER PRIMARY KEY,
    room INTEGER NOT NULL REFERENCES rooms (id),
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    joined_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    room INTEGER NOT NULL REFERENCES rooms (id),
    participant INTEGER NOT NULL REFERENCES participants (id),
    question INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at REAL NOT NULL,
    seconds_to_answer REAL NOT NULL CHECK (seconds_to_answer >= 0),
    UNIQUE (room, participant, question),
    FOREIGN KEY (room, question) REFERENCES questions (room, number)
);
"""


class StoredParticipant(NamedTuple):
    id: int
    token_hash: str
    name: str
    joined_at: float


class StoredAnswer(NamedTuple):
    participant: int
    question: int
    item_id: str
    answer: str
    correct: bool
    answered_at: float
    seconds_to_answer: float


class StoredRoom(NamedTuple):
    id: int
    code: str
    seed: int
    settings: dict[str, Any]
    phase: str
    current: int
    deadline: float | None
    questions: list[tuple[str, tuple[str, ...], float | None]]  # item id, options, opened at
    participants: list[StoredParticipant]
    answers: list[StoredAnswer]


class DuplicateAnswer(Exception):
    """The participant already answered this question; the first answer stands."""


class RoomStore:
    """The room's tables in one SQLite file (or in memory, for tests: path None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we say where transactions begin and end.
        self.db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None,
                                  check_same_thread=False)
        self.db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            self.db.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a commit survives the process being killed (kill -9, a crash);
            # only a power cut can lose the last commits.
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA busy_timeout = 5000")
        self.db.executescript(ROOM_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _tx(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        """One statement in its own committed transaction."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db.execute(sql, params)

    # ---- writes ----

    def create_room(self, code: str, seed: int, settings: dict[str, Any],
                    questions: list[tuple[str, tuple[str, ...]]], created_at: str) -> int:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            room = self.db.execute(
                "INSERT INTO rooms (code, seed, settings, created_at) VALUES (?, ?, ?, ?)",
                (code, seed, json.dumps(settings, sort_keys=True), created_at),
            ).lastrowid
            self.db.executemany(
                "INSERT INTO questions (room, number, item_id, options) VALUES (?, ?, ?, ?)",
                [(room, n, item_id, json.dumps(list(options)))
                 for n, (item_id, options) in enumerate(questions, 1)],
            )
        assert room is not None
        return room

    def set_phase(self, room: int, phase: str, current: int, deadline: float | None,
                  opened_at: float | None = None) -> None:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("UPDATE rooms SET phase = ?, current = ?, deadline = ? WHERE id = ?",
                            (phase, current, deadline, room))
            if opened_at is not None:
                self.db.execute("UPDATE questions SET opened_at = ? WHERE room = ? AND number = ?",
                                (opened_at, room, current))

    def add_participant(self, room: int, token_hash: str, name: str, joined_at: float) -> int:
        pid = self._tx("INSERT INTO participants (room, token_hash, name, joined_at) VALUES (?, ?, ?, ?)",
                       (room, token_hash, name, joined_at)).lastrowid
        assert pid is not None
        return pid

    def add_answer(self, room: int, answer: StoredAnswer) -> None:
        """Commit one answer; DuplicateAnswer if this participant answered this question."""
        try:
            self._tx(
                "INSERT INTO answers (room, participant, question, item_id, answer, correct, "
                "answered_at, seconds_to_answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (room, answer.participant, answer.question, answer.item_id, answer.answer,
                 int(answer.correct), answer.answered_at, answer.seconds_to_answer),
            )
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise DuplicateAnswer from None
            raise

    # ---- reads ----

    def find_room(self, code: str | None = None) -> int | None:
        """The latest room that has not ended (with this code, if given)."""
        sql = "SELECT id FROM rooms WHERE phase != 'ended'"
        params: tuple = ()
        if code is not None:
            sql += " AND code = ?"
            params = (code,)
        row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
        return row[0] if row else None

    def load_room(self, room: int) -> StoredRoom:
        row = self.db.execute(
            "SELECT id, code, seed, settings, phase, current, deadline FROM rooms WHERE id = ?", (room,)
        ).fetchone()
        if row is None:
            raise KeyError(room)
        questions = [
            (item_id, tuple(json.loads(options)), opened_at)
            for item_id, options, opened_at in self.db.execute(
                "SELECT item_id, options, opened_at FROM questions WHERE room = ? ORDER BY number", (room,))
        ]
        participants = [StoredParticipant(*r) for r in self.db.execute(
            "SELECT id, token_hash, name, joined_at FROM participants WHERE room = ? ORDER BY id", (room,))]
        answers = [
            StoredAnswer(p, q, i, a, bool(c), t, s)
            for p, q, i, a, c, t, s in self.db.execute(
                "SELECT participant, question, item_id, answer, correct, answered_at, seconds_to_answer "
                "FROM answers WHERE room = ? ORDER BY rowid", (room,))
        ]
        return StoredRoom(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6],
                          questions, participants, answers)
