"""Old JSON files (progress.json, settings.json, flags.json) imported into progress.db:
every shape mythquiz has written, torn files, newer files, unknown keys, and the database's
own forward migrations."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MYTHQUIZ, run_env
from progress_helpers import count, query, quick_check
from tui.core import db_migrations
from tui.core.progress import Store
from tui.core.settings import SettingsStore

ITEMS = {
    "nato-promise": {"seen": 3, "right": 1, "wrong": 2, "box": 1, "last_seen": "2026-11-20T09:00:00+00:00"},
    "nato-article5": {"seen": 2, "right": 2, "wrong": 0, "box": 3, "last_seen": "2026-11-21T09:00:00+00:00"},
}
ANSWERS = [{"item": "nato-promise", "given": "Myth", "correct": False, "seconds": 4.2},
           {"item": "nato-article5", "given": "Fact", "correct": True, "seconds": 2.5}]
# The first layout (bc55d26): `name` always present, None unless given.
FIRST = {"schema": 1, "items": ITEMS, "settings": {}, "sessions": [
    {"date": "2026-11-20T09:00:00+00:00", "name": None, "seed": 4, "score": 1, "answered": 2, "total": 20,
     "best_streak": 1, "duration": 31.5, "review": False, "answers": ANSWERS}]}
# The layout since c5a2e54: the participant's name from --name.
NAMED = {"schema": 1, "items": ITEMS, "settings": {}, "sessions": [
    {"date": "2026-11-22T09:00:00+00:00", "name": "Ana", "seed": 9, "score": 1, "answered": 2, "total": 2,
     "best_streak": 1, "duration": 12.0, "review": True, "answers": ANSWERS}]}
SHAPES = {
    "first": FIRST,
    "named": NAMED,
    "empty": {"schema": 1},
    "items-only": {"schema": 1, "items": ITEMS},
    "unknown-keys": {"schema": 1, "future": [1, 2], "items": {
        "nato-promise": {**ITEMS["nato-promise"], "ease": 2.5}}, "sessions": [
        {**NAMED["sessions"][0], "mood": "ok", "answers": [{**ANSWERS[0], "hint": True}]}]},
    "odd-values": {"schema": 1, "items": {"x": {"right": "two", "wrong": -3, "box": 99}, "": {}, "y": []},
                   "sessions": [{"score": "x", "seed": True, "answers": "none"}, "not a session",
                                {"score": 5, "answered": 2, "answers": [{"given": "no item"}]}]},
}


def write(directory: Path, name: str, data) -> bytes:
    raw = json.dumps(data).encode("utf-8") if not isinstance(data, bytes) else data
    (directory / name).write_bytes(raw)
    return raw


def plain(data_dir: Path, *args: str, stdin: str = ""):
    return subprocess.run([str(MYTHQUIZ), "--plain", "--data-dir", str(data_dir), *args], input=stdin,
                          capture_output=True, text=True, env=run_env(), timeout=60)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_progress_file_shape_is_imported_once_and_kept(tmp_path, shape):
    raw = write(tmp_path, "progress.json", SHAPES[shape])
    store = Store(tmp_path)
    store.open()
    (line,) = store.warnings
    (kept,) = tmp_path.glob("progress.json.imported-*")
    assert "Imported progress.json" in line and kept.name in line and str(store.path) in line
    assert kept.read_bytes() == raw and not (tmp_path / "progress.json").exists()
    data = SHAPES[shape]
    path = tmp_path / "progress.db"
    items = {k: v for k, v in data.get("items", {}).items() if k and isinstance(v, dict)}
    assert count(path, "review") == len(items)
    sessions = [s for s in data.get("sessions", []) if isinstance(s, dict)]
    assert count(path, "sessions") == len(sessions)
    answers = sum(len([a for a in s["answers"] if isinstance(a, dict) and a.get("item")])
                  for s in sessions if isinstance(s.get("answers"), list))
    assert count(path, "answers") == answers
    if shape in ("first", "named", "items-only"):
        h = store.history("nato-promise")
        assert (h.right, h.wrong, h.box, h.last_seen) == (1, 2, 1, ITEMS["nato-promise"]["last_seen"])
        assert store.due_for_review(["nato-promise", "nato-article5"]) == ["nato-promise"]
    if shape in ("first", "named"):
        ((row, rows),) = list(store.sessions())
        s = data["sessions"][0]
        assert (row.name, row.seed, row.score, row.answered, row.total, row.duration, row.review) == (
            s["name"], s["seed"], s["score"], s["answered"], s["total"], s["duration"], s["review"])
        assert [(a.item, a.given, a.correct, a.seconds) for a in rows] == [
            (a["item"], a["given"], a["correct"], a["seconds"]) for a in ANSWERS]
    assert quick_check(path) == "ok"
    # Opened again: nothing more is imported, nothing more is said.
    again = Store(tmp_path)
    again.open()
    assert again.warnings == [] and count(path, "answers") == answers


def test_the_three_files_import_in_one_transaction_with_one_line(tmp_path):
    write(tmp_path, "progress.json", NAMED)
    write(tmp_path, "settings.json", {"schema": 1, "settings": {"theme": "nord", "animations": "off", "x": "y"}})
    write(tmp_path, "flags.json", {"schema": 1, "flags": [
        {"item": "nato-promise", "note": "  the date\nlooks wrong ", "date": "2026-11-20T09:00:00+00:00",
         "pack": "NATO"}, {"item": "", "note": "no item"}, "junk"]})
    result = plain(tmp_path, "stats")
    assert result.returncode == 0
    (line,) = result.stderr.strip().splitlines()
    assert all(name in line for name in ("progress.json", "settings.json", "flags.json"))
    assert "Sessions: 1." in result.stdout and "Answers given: 3." not in result.stdout
    assert SettingsStore(tmp_path).values() == {"theme": "nord", "animations": "off"}
    (flag,) = Store(tmp_path).flags()
    assert (flag.item, flag.note, flag.pack) == ("nato-promise", "the date looks wrong", "NATO")
    assert sorted(p.name.split(".imported-")[0] for p in tmp_path.glob("*.imported-*")) == [
        "flags.json", "progress.json", "settings.json"]


def test_a_file_put_back_after_a_kill_between_commit_and_rename_is_not_imported_twice(tmp_path):
    raw = write(tmp_path, "progress.json", NAMED)
    Store(tmp_path).open()
    write(tmp_path, "progress.json", raw)  # as if the rename had not happened
    store = Store(tmp_path)
    store.open()
    assert count(tmp_path / "progress.db", "sessions") == 1 and count(tmp_path / "progress.db", "answers") == 2
    assert not (tmp_path / "progress.json").exists()


@pytest.mark.parametrize("content, why", [
    (b'{"schema": 1, "items": {"nato-promise": {"seen"', "not valid JSON"),  # torn
    (b"\xff\xfe not utf-8", "not valid JSON"),
    (b"", "not valid JSON"),
    (b"[1, 2, 3]", "layout"),
    (b'{"schema": "one"}', "layout"),
    (b'{"schema": 1, "sessions": {}}', "layout"),
])
def test_a_torn_or_strange_file_is_moved_aside_and_the_quiz_runs(tmp_path, content, why):
    write(tmp_path, "progress.json", content)
    result = plain(tmp_path, "quiz", "--count", "1", "--seed", "2", stdin="1\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    (aside,) = tmp_path.glob("progress.json.broken-*")
    assert aside.read_bytes() == content
    (line,) = result.stderr.strip().splitlines()
    assert why in line and str(tmp_path / "progress.json") in line and str(aside) in line
    assert count(tmp_path / "progress.db", "answers") == 1


def test_a_file_from_a_newer_schema_is_left_alone(tmp_path):
    raw = write(tmp_path, "progress.json", {**NAMED, "schema": 2})
    result = plain(tmp_path, "quiz", "--count", "1", "--seed", "2", stdin="1\n")
    assert result.returncode == 0
    assert (tmp_path / "progress.json").read_bytes() == raw
    (line,) = result.stderr.strip().splitlines()
    assert "newer mythquiz" in line and "not imported" in line
    assert count(tmp_path / "progress.db", "sessions") == 1  # this run's own session, nothing imported


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["schema", "items", "sessions", "settings", "answers", "item", "seen",
                                         "right", "wrong", "box", "last_seen", "score", "answered", "seed",
                                         "given", "correct", "seconds", "date", "name"]), inner, max_size=6),
                    max_leaves=30))
def test_any_json_is_imported_or_moved_aside_never_a_traceback(tmp_path_factory, data):
    directory = tmp_path_factory.mktemp("any")
    if isinstance(data, dict):
        data.setdefault("schema", 1)
    (directory / "progress.json").write_text(json.dumps(data), encoding="utf-8")
    store = Store(directory)
    store.open()
    (line,) = store.warnings
    assert "Imported" in line or "moved to" in line or "newer" in line
    if (directory / "progress.db").exists():
        assert quick_check(directory / "progress.db") == "ok"


# ---- the database's own migrations ----


def test_migrations_run_forward_one_transaction_each(tmp_path, monkeypatch):
    Store(tmp_path).set_setting("theme", "nord")
    path = tmp_path / "progress.db"
    assert query(path, "PRAGMA user_version")[0][0] == db_migrations.SCHEMA
    steps = list(db_migrations.MIGRATIONS)
    monkeypatch.setattr(db_migrations, "MIGRATIONS", steps + ["CREATE TABLE later_step (id INTEGER PRIMARY KEY);"])
    monkeypatch.setattr(db_migrations, "SCHEMA", db_migrations.SCHEMA + 1)
    Store(tmp_path).open()
    assert query(path, "PRAGMA user_version")[0][0] == len(steps) + 1
    assert query(path, "SELECT count(*) FROM later_step") == [(0,)]
    assert SettingsStore(tmp_path).values() == {"theme": "nord"}


def test_a_failing_migration_leaves_the_previous_version_whole(tmp_path, monkeypatch):
    Store(tmp_path).set_setting("theme", "nord")
    path = tmp_path / "progress.db"
    steps = list(db_migrations.MIGRATIONS)
    monkeypatch.setattr(db_migrations, "MIGRATIONS", steps + ["CREATE TABLE half (x);\nINSERT INTO nowhere VALUES (1);"])
    monkeypatch.setattr(db_migrations, "SCHEMA", db_migrations.SCHEMA + 1)
    store = Store(tmp_path)
    store.open()
    assert store.read_only and any("cannot open" in w for w in store.warnings + [store.database.failure or ""])
    assert query(path, "PRAGMA user_version")[0][0] == len(steps)
    assert query(path, "SELECT name FROM sqlite_master WHERE name = 'half'") == []


def test_constraints_refuse_what_must_never_happen(tmp_path):
    Store(tmp_path).set_setting("theme", "nord")
    conn = sqlite3.connect(tmp_path / "progress.db")
    conn.execute("PRAGMA foreign_keys = ON")
    for bad in ("INSERT INTO answers (session, at, item, given, correct) VALUES (999, 'now', 'x', 'y', 1)",
                "INSERT INTO sessions (started, score, answered) VALUES ('now', 3, 2)",
                "INSERT INTO answers (session, at, item, given, correct, certainty) VALUES (1, 'now', 'x', 'y', 1, 7)",
                "INSERT INTO review (item, box) VALUES ('x', 9)",
                "INSERT INTO settings (key, value) VALUES ('theme', 'again')"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(bad)
    conn.close()


def test_the_saved_theme_is_known_before_the_first_frame_also_before_the_import(tmp_path):
    write(tmp_path, "settings.json", {"schema": 1, "settings": {"theme": "nord"}})
    assert SettingsStore(tmp_path).values() == {"theme": "nord"}  # read from the old file
    assert not (tmp_path / "progress.db").exists()  # reading it changed nothing
    Store(tmp_path).open()
    assert SettingsStore(tmp_path).values() == {"theme": "nord"}  # now from progress.db
    assert not (tmp_path / "settings.json").exists()
