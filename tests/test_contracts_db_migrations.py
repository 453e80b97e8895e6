"""Migrations as a returning user relies on them: a progress.db written by an older
mythquiz is brought forward with everything it held (answers, rooms and their answers),
and a migration step written as Python runs like one written as SQL."""

from __future__ import annotations

import sqlite3

import pytest

from progress_helpers import query
from tui.core import db_migrations
from tui.core.progress import Store


def older_database(path, version: int, rows: list[str]) -> None:
    """A database as a mythquiz of schema `version` left it, holding `rows`."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for step in db_migrations.MIGRATIONS[:version]:
            assert isinstance(step, str)
            for statement in db_migrations.statements(step):
                conn.execute(statement)
        for sql in rows:
            conn.execute(sql)
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()


def test_answers_kept_before_phases_existed_are_read_as_quiz_answers(tmp_path):
    older_database(tmp_path / "progress.db", 3, [
        "INSERT INTO sessions (id, started, score, answered, total) VALUES (1, '2026-01-02T10:00:00+00:00', 1, 1, 1)",
        "INSERT INTO answers (session, at, item, given, correct, seconds) "
        "VALUES (1, '2026-01-02T10:00:00+00:00', 'snap-who', 'Oana Lungescu', 1, 2.5)",
        "INSERT INTO review (item, right, wrong, last_seen, box) VALUES ('snap-who', 1, 0, '2026-01-02T10:00:00+00:00', 2)",
    ])
    store = Store(tmp_path)
    [(session, answers)] = list(store.sessions())
    assert (session.score, session.answered) == (1, 1)
    assert [(a.item, a.given, a.correct, a.seconds, a.phase) for a in answers] == [
        ("snap-who", "Oana Lungescu", True, 2.5, "quiz")]
    assert store.history("snap-who").box == 2
    assert query(tmp_path / "progress.db", "PRAGMA user_version") == [(db_migrations.SCHEMA,)]


def test_a_rooms_answers_from_before_re_votes_are_kept_as_first_round_answers(tmp_path):
    older_database(tmp_path / "progress.db", 2, [
        "INSERT INTO rooms (id, code, seed, settings, phase, created_at) "
        "VALUES (1, 'ABCD', 7, '{}', 'ended', '2026-01-02T10:00:00+00:00')",
        "INSERT INTO room_questions (room, number, item, options) VALUES (1, 1, 'snap-who', '[]')",
        f"INSERT INTO room_participants (id, room, token_hash, name, joined_at) VALUES (1, 1, '{'a' * 64}', 'Ana', 1.0)",
        "INSERT INTO room_answers (room, participant, question, item, answer, correct, answered_at, seconds_to_answer) "
        "VALUES (1, 1, 1, 'snap-who', 'Oana Lungescu', 1, 5.0, 4.0)",
    ])
    store = Store(tmp_path)
    [room] = store.recent_rooms(5)
    assert (room.code, room.questions, room.participants, room.answers, room.right) == ("ABCD", 1, 1, 1, 1)
    [kept] = store.room_answers(1)
    assert (kept.name, kept.item, kept.given, kept.correct, kept.round, kept.seconds) == (
        "Ana", "snap-who", "Oana Lungescu", True, 1, 4.0)


def test_a_migration_step_written_as_python_runs_once_in_its_turn(tmp_path, monkeypatch):
    Store(tmp_path).set_setting("theme", "nord")
    calls = []

    def step(conn: sqlite3.Connection) -> None:
        calls.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("UPDATE settings SET value = 'dark' WHERE key = 'theme'")

    monkeypatch.setattr(db_migrations, "MIGRATIONS", [*db_migrations.MIGRATIONS, step])
    monkeypatch.setattr(db_migrations, "SCHEMA", db_migrations.SCHEMA + 1)
    assert Store(tmp_path).settings() == {"theme": "dark"}
    assert Store(tmp_path).settings() == {"theme": "dark"}
    assert calls == [db_migrations.SCHEMA - 1]  # once, run on the version before it


def test_a_migration_statement_without_its_semicolon_is_refused_by_name():
    text = "CREATE TABLE done (x);\n-- a comment at the end is fine\n"
    assert [s.strip() for s in db_migrations.statements(text)] == ["CREATE TABLE done (x);"]
    unfinished = "CREATE TABLE unfinished (a_long_column_name_to_pass_sixty_characters INTEGER, more TEXT)"
    with pytest.raises(ValueError) as refused:
        list(db_migrations.statements("CREATE TABLE done (x);\n" + unfinished))
    assert str(refused.value).endswith(": " + unfinished[:60])
