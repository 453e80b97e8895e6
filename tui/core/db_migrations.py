"""The schema of `progress.db`, one step per version, and how the steps are run.

How to add a migration (the only place the schema changes):

    Append one step to MIGRATIONS below. A step is SQL text (one or more statements,
    each ending with `;`) or a function `step(connection)`. Never edit or reorder a step
    that has shipped: a database records in `PRAGMA user_version` how many steps it has
    had, and runs the rest, each in its own transaction together with the new
    user_version, so a killed migration leaves the previous version whole. Say what must
    never happen with UNIQUE, CHECK and FOREIGN KEY constraints, not with Python checks
    before a write. A table that grows with use belongs in BIG_TABLES (`db`) too (the
    open-time check reads it whole only now and then).
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Iterator

Step = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Step] = [
    # 1: progress (answers, sessions, review state), settings, flags, imported files.
    """
    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY,
        started     TEXT    NOT NULL,                  -- ISO 8601, UTC
        finished    TEXT,                              -- NULL while under way (or killed)
        name        TEXT,                              -- the participant, in a workshop
        seed        INTEGER,
        filter      TEXT,                              -- e.g. "topic=nato-expansion type=choice"
        review      INTEGER NOT NULL DEFAULT 0 CHECK (review IN (0, 1)),
        score       INTEGER NOT NULL DEFAULT 0 CHECK (score >= 0),
        answered    INTEGER NOT NULL DEFAULT 0 CHECK (answered >= 0),
        total       INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
        best_streak INTEGER NOT NULL DEFAULT 0 CHECK (best_streak >= 0),
        duration    REAL    NOT NULL DEFAULT 0 CHECK (duration >= 0),
        CHECK (score <= answered),
        CHECK (best_streak <= answered)
    );
    CREATE INDEX sessions_started ON sessions (started);

    CREATE TABLE answers (
        id        INTEGER PRIMARY KEY,
        session   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at        TEXT    NOT NULL,                    -- ISO 8601, UTC
        item      TEXT    NOT NULL CHECK (item <> ''),
        given     TEXT    NOT NULL,
        correct   INTEGER NOT NULL CHECK (correct IN (0, 1)),
        certainty INTEGER CHECK (certainty BETWEEN 1 AND 3),  -- NULL: not asked
        seconds   REAL    CHECK (seconds >= 0)
    );
    CREATE INDEX answers_session ON answers (session);
    CREATE INDEX answers_item ON answers (item, at);

    CREATE TABLE review (
        item      TEXT    PRIMARY KEY CHECK (item <> ''),
        right     INTEGER NOT NULL DEFAULT 0 CHECK (right >= 0),
        wrong     INTEGER NOT NULL DEFAULT 0 CHECK (wrong >= 0),
        last_seen TEXT,
        last_correct INTEGER CHECK (last_correct IN (0, 1)),
        box       INTEGER NOT NULL DEFAULT 1 CHECK (box BETWEEN 1 AND 6),  -- Leitner
        fsrs_card TEXT,                                -- FSRS card as JSON, when FSRS is used
        fsrs_due  TEXT
    ) WITHOUT ROWID;

    CREATE TABLE settings (
        key   TEXT PRIMARY KEY CHECK (key <> ''),
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE flags (
        id   INTEGER PRIMARY KEY,
        at   TEXT NOT NULL,
        item TEXT NOT NULL CHECK (item <> ''),
        note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
        pack TEXT
    );

    -- When the whole file last passed PRAGMA quick_check (see _check).
    CREATE TABLE checks (
        what TEXT PRIMARY KEY,
        at   TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Old JSON files brought in, by content: a file is never imported twice, even when
    -- the process was killed between the import's commit and the file's renaming.
    CREATE TABLE imports (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        file   TEXT NOT NULL,
        at     TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2: the live room (`mythquiz room`): rooms, the questions each asks, its participants
    # and their answers. One answer per participant per question, by a UNIQUE constraint.
    # Times are Unix seconds (REAL): seconds_to_answer is their difference.
    """
    CREATE TABLE rooms (
        id         INTEGER PRIMARY KEY,
        code       TEXT    NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
        seed       INTEGER NOT NULL,
        settings   TEXT    NOT NULL,                   -- JSON: count, leaderboard, timer
        phase      TEXT    NOT NULL DEFAULT 'lobby'
                   CHECK (phase IN ('lobby', 'open', 'closed', 'revealed', 'ended')),
        current    INTEGER NOT NULL DEFAULT 0 CHECK (current >= 0),  -- 0: the lobby
        deadline   REAL,                               -- the open question's countdown
        created_at TEXT    NOT NULL                    -- ISO 8601, UTC
    );
    CREATE INDEX rooms_code ON rooms (code, phase);

    CREATE TABLE room_questions (
        room      INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        number    INTEGER NOT NULL CHECK (number >= 1),
        item      TEXT    NOT NULL CHECK (item <> ''),
        options   TEXT    NOT NULL,                    -- JSON list, in the order shown
        opened_at REAL,
        PRIMARY KEY (room, number)
    ) WITHOUT ROWID;

    CREATE TABLE room_participants (
        id         INTEGER PRIMARY KEY,
        room       INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        token_hash TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),  -- SHA-256 hex
        name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        joined_at  REAL    NOT NULL
    );
    CREATE INDEX room_participants_room ON room_participants (room);

    CREATE TABLE room_answers (
        room              INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        participant       INTEGER NOT NULL REFERENCES room_participants (id) ON DELETE CASCADE,
        question          INTEGER NOT NULL,
        item              TEXT    NOT NULL CHECK (item <> ''),
        answer            TEXT    NOT NULL,
        correct           INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at       REAL    NOT NULL,
        seconds_to_answer REAL    NOT NULL CHECK (seconds_to_answer >= 0),
        UNIQUE (room, participant, question),
        FOREIGN KEY (room, question) REFERENCES room_questions (room, number)
    );
    """,
    # 3: the live room's second round (peer re-vote): one answer per participant per
    # question per round; a question's second round opened at `revote_at` (NULL: one round).
    """
    ALTER TABLE room_questions ADD COLUMN revote_at REAL;
    CREATE TABLE room_answers_by_round (
        room              INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        participant       INTEGER NOT NULL REFERENCES room_participants (id) ON DELETE CASCADE,
        question          INTEGER NOT NULL,
        round             INTEGER NOT NULL DEFAULT 1 CHECK (round IN (1, 2)),
        item              TEXT    NOT NULL CHECK (item <> ''),
        answer            TEXT    NOT NULL,
        correct           INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at       REAL    NOT NULL,
        seconds_to_answer REAL    NOT NULL CHECK (seconds_to_answer >= 0),
        UNIQUE (room, participant, question, round),
        FOREIGN KEY (room, question) REFERENCES room_questions (room, number)
    );
    INSERT INTO room_answers_by_round (room, participant, question, round, item, answer, correct,
                                       answered_at, seconds_to_answer)
        SELECT room, participant, question, 1, item, answer, correct, answered_at, seconds_to_answer
        FROM room_answers ORDER BY rowid;
    DROP TABLE room_answers;
    ALTER TABLE room_answers_by_round RENAME TO room_answers;
    """,
    # 4: each quiz answer's phase with --pre-post: "pre" (asked before the quiz, verdict
    # kept back, in no score), "quiz", or "post" (the pre question asked again at the end),
    # so that exports can recompute the score, the figures and the gain.
    """
    ALTER TABLE answers ADD COLUMN phase TEXT NOT NULL DEFAULT 'quiz' CHECK (phase IN ('pre', 'quiz', 'post'));
    """,
]

SCHEMA = len(MIGRATIONS)


def statements(sql: str) -> Iterator[str]:
    """The statements of a migration text, one by one (executescript would commit)."""
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip() and not pending.strip().startswith("--"):
        raise ValueError(f"a migration statement does not end with ';': {pending.strip()[:60]}")


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Run the steps after `version`, each in its own transaction with its user_version."""
    while version < SCHEMA:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another instance may have migrated while this one waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA:
                step = MIGRATIONS[version]
                if isinstance(step, str):
                    for statement in statements(step):
                        conn.execute(statement)
                else:
                    step(conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
