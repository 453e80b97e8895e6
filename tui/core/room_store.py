"""Where a live room keeps what must survive a crash: its tables in `progress.db`.

The database module (`db.py`) owns the connection and the schema (the room's tables are
one of its migrations). One process writes (the room's server); every write is one short
transaction committed before the caller goes on, so an answer acknowledged to a
participant is on disk. The UNIQUE (room, participant, question, round) constraint
makes a second answer to the same question in the same round impossible by
construction: the insert does nothing, the first answer stands. A question has a second
round when the facilitator opens a re-vote (peer instruction); round 1 is every other
question's only one.

Tokens are kept as their SHA-256, so the database alone does not let anyone act as a
participant; the participant's own copy still works after `--resume`.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from .db import Database, DatabaseError

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
    round: int  # 1, or 2: given in the question's second round (the re-vote)


class StoredRoom(NamedTuple):
    id: int
    code: str
    seed: int
    settings: dict[str, Any]
    phase: str
    current: int
    deadline: float | None
    # item id, options, opened at, second round opened at (None: one round)
    questions: list[tuple[str, tuple[str, ...], float | None, float | None]]
    participants: list[StoredParticipant]
    answers: list[StoredAnswer]


# Answers per INSERT statement: 9 values each, under SQLite's oldest limit of 999.
ROWS_PER_INSERT = 100


class StoreError(Exception):
    """The room's database cannot be opened or written: one line for the user."""


class RoomStore:
    """The room's tables in the data dir's `progress.db`."""

    def __init__(self, data_dir: Path) -> None:
        self.database = Database(data_dir)
        conn = self.database.open(create=True)
        if conn is None or not self.database.writable:
            raise StoreError(self.database.failure or "; ".join(self.database.warnings)
                             or f"{self.database.path} cannot be written")
        self.db: sqlite3.Connection = conn
        self.warnings = self.database.warnings
        self.path = self.database.path

    def close(self) -> None:
        self.database.close()

    def _write(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """One statement in its own transaction, committed when this returns."""
        try:
            with self.database.write() as conn:
                return conn.execute(sql, params)
        except DatabaseError as exc:
            raise StoreError(str(exc)) from None

    # ---- writes ----

    def create_room(self, code: str, seed: int, settings: dict[str, Any],
                    questions: list[tuple[str, tuple[str, ...]]], created_at: str) -> int:
        try:
            with self.database.write() as conn:
                room = conn.execute(
                    "INSERT INTO rooms (code, seed, settings, created_at) VALUES (?, ?, ?, ?)",
                    (code, seed, json.dumps(settings, sort_keys=True), created_at),
                ).lastrowid
                conn.executemany(
                    "INSERT INTO room_questions (room, number, item, options) VALUES (?, ?, ?, ?)",
                    [(room, n, item_id, json.dumps(list(options)))
                     for n, (item_id, options) in enumerate(questions, 1)],
                )
        except DatabaseError as exc:
            raise StoreError(str(exc)) from None
        assert room is not None
        return room

    def set_phase(self, room: int, phase: str, current: int, deadline: float | None,
                  opened_at: float | None = None, revote_at: float | None = None) -> None:
        try:
            with self.database.write() as conn:
                conn.execute("UPDATE rooms SET phase = ?, current = ?, deadline = ? WHERE id = ?",
                             (phase, current, deadline, room))
                if opened_at is not None:
                    conn.execute("UPDATE room_questions SET opened_at = ? WHERE room = ? AND number = ?",
                                 (opened_at, room, current))
                if revote_at is not None:
                    conn.execute("UPDATE room_questions SET revote_at = ? WHERE room = ? AND number = ?",
                                 (revote_at, room, current))
        except DatabaseError as exc:
            raise StoreError(str(exc)) from None

    def add_participant(self, room: int, token_hash: str, name: str, joined_at: float) -> int:
        pid = self._write(
            "INSERT INTO room_participants (room, token_hash, name, joined_at) VALUES (?, ?, ?, ?)",
            (room, token_hash, name, joined_at)).lastrowid
        assert pid is not None
        return pid

    def add_answers(self, room: int, answers: list[StoredAnswer]) -> list[bool]:
        """Commit answers in one transaction (a group commit: one sync to disk for all that
        arrived together); for each, False if this participant had already answered this
        question in this round. The UNIQUE constraint decides, in the insert itself: no
        check before it; the rows that landed are read back after it. A few statements for
        the whole group, not one a row: the room commits on its event loop, where every
        statement is time that no request is served."""
        row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        try:
            with self.database.write() as conn:
                before = conn.execute("SELECT coalesce(max(rowid), 0) FROM room_answers").fetchone()[0]
                for start in range(0, len(answers), ROWS_PER_INSERT):
                    chunk = answers[start:start + ROWS_PER_INSERT]
                    conn.execute(
                        "INSERT INTO room_answers (room, participant, question, round, item, answer, "
                        f"correct, answered_at, seconds_to_answer) VALUES {', '.join([row] * len(chunk))} "
                        "ON CONFLICT (room, participant, question, round) DO NOTHING",
                        [value for a in chunk for value in (
                            room, a.participant, a.question, a.round, a.item_id, a.answer, int(a.correct),
                            a.answered_at, a.seconds_to_answer)],
                    )
                # Rows inserted now are the ones past the largest rowid before (this
                # transaction holds the only write lock).
                landed_text = conn.execute(
                    "SELECT group_concat(participant || ' ' || question || ' ' || round) FROM room_answers "
                    "WHERE rowid > ?", (before,)).fetchone()[0]
        except DatabaseError as exc:
            raise StoreError(str(exc)) from None
        landed = {tuple(map(int, key.split())) for key in landed_text.split(",")} if landed_text else set()
        inserted = []
        for a in answers:
            key = (a.participant, a.question, a.round)
            inserted.append(key in landed)
            landed.discard(key)  # the same key again in this group: the first one landed
        return inserted

    # ---- reads ----

    def find_room(self, code: str | None = None) -> int | None:
        """The latest room that has not ended (with this code, if given)."""
        sql = "SELECT id FROM rooms WHERE phase != 'ended'"
        params: tuple[Any, ...] = ()
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
            (item_id, tuple(json.loads(options)), opened_at, revote_at)
            for item_id, options, opened_at, revote_at in self.db.execute(
                "SELECT item, options, opened_at, revote_at FROM room_questions WHERE room = ? ORDER BY number",
                (room,))
        ]
        participants = [StoredParticipant(*r) for r in self.db.execute(
            "SELECT id, token_hash, name, joined_at FROM room_participants WHERE room = ? ORDER BY id", (room,))]
        answers = [
            StoredAnswer(p, q, i, a, bool(c), t, s, r)
            for p, q, i, a, c, t, s, r in self.db.execute(
                "SELECT participant, question, item, answer, correct, answered_at, seconds_to_answer, round "
                "FROM room_answers WHERE room = ? ORDER BY rowid", (room,))
        ]
        return StoredRoom(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6],
                          questions, participants, answers)
