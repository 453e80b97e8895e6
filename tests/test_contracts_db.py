"""The progress database as a learner relies on it when something is wrong with it: a
damaged file is found (at once when small, in its small tables at once and in its big
tables weekly or when met when large) and moved aside; a newer one is only read; a write
that fails leaves the store able to save the next answer; the store can be opened in one
thread and used in another (the TUI opens it in a worker)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from progress_helpers import answer, query
from tui.core import db, db_migrations
from tui.core.engine import Session
from tui.core.progress import ProgressError, Store

PAGE_GARBAGE = bytes(range(256)) * 16  # one 4096-byte page of nonsense


def fill(path: Path, answers: int) -> None:
    """A progress.db with one session of `answers` long answers and one review row,
    written as another instance would."""
    store = Store(path.parent)
    store.set_setting("theme", "light")
    store.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO sessions (id, started, score, answered, total) "
                     "VALUES (1, '2026-01-01T00:00:00+00:00', 0, 1, 1)")
        conn.executemany("INSERT INTO answers (session, at, item, given, correct) "
                         "VALUES (1, '2026-01-01T00:00:00+00:00', ?, ?, 0)",
                         [(f"item-{n}", "x" * 2000) for n in range(answers)])
        conn.execute("INSERT INTO review (item, right, wrong) VALUES ('item-1', 0, 1)")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def damage(path: Path, table: str) -> None:
    """Overwrite the first page of `table` with nonsense."""
    conn = sqlite3.connect(path)
    root, size = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0], \
        conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(PAGE_GARBAGE[:size])


def set_last_whole_check(path: Path, when: datetime) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT OR REPLACE INTO checks (what, at) VALUES ('quick_check', ?)", (when.isoformat(),))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def opened(data_dir: Path) -> tuple[Store, list[str]]:
    store = Store(data_dir)
    store.open()
    return store, list(store.warnings)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A progress.db over the size checked whole at every open, its whole check recorded."""
    path = tmp_path_factory.mktemp("big") / "progress.db"
    fill(path, 1500)
    assert path.stat().st_size > db.WHOLE_CHECK_BYTES
    store = Store(path.parent)
    store.open()  # its first open checks it whole, and says when
    store.close()
    return path


def copy_of(big: Path, tmp_path: Path) -> Path:
    path = tmp_path / "progress.db"
    path.write_bytes(big.read_bytes())
    return path


def test_a_small_database_damaged_in_its_answers_is_moved_aside_when_opened(tmp_path):
    path = tmp_path / "progress.db"
    fill(path, 20)
    for _ in range(2):  # opened before: the whole is checked at every open all the same
        Store(tmp_path).open()
    damage(path, "answers")
    store, warnings = opened(tmp_path)
    assert store.opened and path.exists()  # a fresh database at once, before the first answer
    (warning,) = warnings
    assert "damaged" in warning and "moved" in warning and "\n" not in warning
    assert len([p for p in tmp_path.glob("progress.db.broken-*") if not p.name.endswith(("-wal", "-shm"))]) == 1
    assert store.session_count() == 0 and not store.read_only


def test_a_large_database_remembers_its_whole_check_and_checks_its_small_tables_at_every_open(big, tmp_path):
    path = copy_of(big, tmp_path)
    (at,) = query(path, "SELECT at FROM checks WHERE what = 'quick_check'")[0]
    assert datetime.now(timezone.utc) - datetime.fromisoformat(at) < timedelta(hours=1)
    damage(path, "review")
    _, warnings = opened(tmp_path)
    assert len(warnings) == 1 and "moved" in warnings[0]


def test_damage_in_a_large_tables_big_table_is_found_when_met_and_moved_aside_at_the_next_open(big, tmp_path):
    path = copy_of(big, tmp_path)
    week_old = datetime.now(timezone.utc) - timedelta(days=6)
    set_last_whole_check(path, week_old)
    damage(path, "answers")
    store, warnings = opened(tmp_path)
    assert warnings == []  # checked within the week: the big tables are not read at open
    assert query(path, "SELECT at FROM checks") == [(week_old.isoformat(),)]  # not a whole check
    list(store.sessions())
    assert any("damaged" in w and "next time" in w for w in store.warnings)
    store.close()
    _, warnings = opened(tmp_path)
    assert len(warnings) == 1 and "moved" in warnings[0]


def test_a_large_database_not_checked_whole_for_over_a_week_is_checked_whole(big, tmp_path):
    path = copy_of(big, tmp_path)
    set_last_whole_check(path, datetime.now(timezone.utc) - timedelta(days=8))
    damage(path, "answers")
    _, warnings = opened(tmp_path)
    assert len(warnings) == 1 and "moved" in warnings[0]


def test_a_large_database_of_another_program_at_version_zero_is_checked_and_taken_on(tmp_path, small_pack):
    path = tmp_path / "progress.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [("x" * 4000,)] * 1200)
    conn.close()
    assert path.stat().st_size > db.WHOLE_CHECK_BYTES
    store, warnings = opened(tmp_path)
    assert warnings == [] and not store.read_only
    answer(store, small_pack, [("snap-who", True)])
    assert store.session_count() == 1 and query(path, "SELECT count(*) FROM notes") == [(1200,)]


def test_a_newer_database_is_read_and_never_written(tmp_path, small_pack):
    writer = Store(tmp_path)
    answer(writer, small_pack, [("snap-who", False)])
    writer.close()  # its log checkpointed into the file: the bytes below are the whole database
    path = tmp_path / "progress.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {db_migrations.SCHEMA + 1}")
    conn.close()
    before = path.read_bytes()
    store = Store(tmp_path)
    worker = threading.Thread(target=store.open)  # opened in a worker, as the TUI does; read from here
    worker.start()
    worker.join()
    (warning,) = store.warnings
    assert "newer mythquiz" in warning and store.read_only
    assert store.history("snap-who").wrong == 1  # still read
    session = Session(small_pack, [small_pack.item("snap-who")], seed=1)
    session.answer(session.options()[0])
    assert store.record_answer(session, session.records[-1]) is False
    assert store.set_setting("theme", "light") is False
    store.close()
    assert path.read_bytes() == before


def test_an_answer_refused_by_the_database_leaves_the_next_one_saved(tmp_path, small_pack):
    store = Store(tmp_path)
    session = Session(small_pack, [small_pack.item("snap-who"), small_pack.item("snap-article")], seed=1)
    session.answer(session.options()[0])
    with pytest.raises(ProgressError) as refused:
        store.record_answer(session, session.records[-1], certainty=7)  # no such certainty: refused whole
    assert "intact" in str(refused.value) and "\n" not in str(refused.value)
    assert store.session_count() == 0 and store.histories() == {}
    session.next()
    session.answer(session.options()[0])
    assert store.record_answer(session, session.records[-1]) is True
    assert [len(answers) for _, answers in store.sessions()] == [1]


def test_a_store_opened_in_one_thread_saves_from_another(tmp_path, small_pack):
    store = Store(tmp_path)
    worker = threading.Thread(target=store.open)
    worker.start()
    worker.join()
    answer(store, small_pack, [("snap-who", True)])
    assert Store(tmp_path).session_count() == 1


def test_a_data_dir_that_cannot_be_made_is_said_in_the_systems_words_on_one_line(tmp_path):
    (tmp_path / "file").write_text("not a directory", encoding="utf-8")
    store = Store(tmp_path / "file" / "data")
    store.open()
    (warning,) = store.warnings
    assert "[Errno" not in warning and "\n" not in warning and "nothing is saved" in warning
    assert store.read_only


def test_damage_is_told_apart_from_other_errors_by_its_words_where_sqlite_gives_no_name():
    assert db.damaged(sqlite3.DatabaseError("file is not a database"))
    assert db.damaged(sqlite3.DatabaseError("database disk image is malformed"))
    assert not db.damaged(sqlite3.OperationalError("database is locked"))


def test_a_store_closed_reads_what_was_kept_as_it_saves_again(tmp_path, small_pack):
    answer(Store(tmp_path), small_pack, [("snap-who", False)])
    reader = Store(tmp_path, save=False)
    assert reader.history("snap-who").wrong == 1
    reader.close()
    assert reader.history("snap-who").wrong == 1  # opened again to read, as a saving store is to save


def test_a_write_to_a_newer_database_is_refused_before_any_transaction(tmp_path):
    Store(tmp_path).set_setting("theme", "light")
    conn = sqlite3.connect(tmp_path / "progress.db")
    conn.execute(f"PRAGMA user_version = {db_migrations.SCHEMA + 1}")
    conn.close()
    database = db.Database(tmp_path)
    assert database.open(create=True) is not None and not database.writable
    with pytest.raises(db.DatabaseError, match="cannot be written this run"):
        with database.write():
            pass
    database.close()


def test_a_large_database_checked_whole_after_a_week_remembers_it_anew(big, tmp_path):
    path = copy_of(big, tmp_path)
    set_last_whole_check(path, datetime.now(timezone.utc) - timedelta(days=8))
    store, warnings = opened(tmp_path)
    assert warnings == []
    store.close()
    (at,) = query(path, "SELECT at FROM checks WHERE what = 'quick_check'")[0]
    assert datetime.now(timezone.utc) - datetime.fromisoformat(at) < timedelta(hours=1)


def test_a_damaged_file_moved_aside_where_its_name_is_taken_is_numbered_from_two(tmp_path):
    now = datetime.now()
    taken = {f"progress.db.broken-{(now + timedelta(seconds=n)).strftime('%Y%m%d-%H%M%S')}" for n in range(-2, 60)}
    for name in taken:  # an earlier damaged file for every second around this one
        (tmp_path / name).write_bytes(b"earlier")
    (tmp_path / "progress.db").write_bytes(b"this is not a database at all" * 200)
    Store(tmp_path).open()
    (new,) = {p.name for p in tmp_path.glob("progress.db.broken-*")} - taken
    assert new[:-len("-2")] in taken and new.endswith("-2")


def test_a_data_dir_not_yet_there_is_made_with_its_parents(tmp_path, small_pack):
    store = Store(tmp_path / "new" / "nested" / "data")
    answer(store, small_pack, [("snap-who", True)])
    assert (tmp_path / "new" / "nested" / "data" / "progress.db").exists()


def test_two_instances_creating_the_database_at_the_same_moment_both_open_it(tmp_path):
    """The first start of two mythquiz at once: both put the new file in WAL mode, and
    neither gives up with "database is locked" (SQLite refuses that change at once, without
    waiting, while the other makes it)."""
    import subprocess
    import sys
    import time

    program = (
        "import sys, time; from pathlib import Path; from tui.core.db import Database\n"
        "start = float(sys.argv[2])\n"
        "while time.time() < start: pass\n"
        "db = Database(Path(sys.argv[1]))\n"
        "with db.write() as conn: conn.execute(\"INSERT INTO settings (key, value) VALUES (?, 'x')\", (sys.argv[3],))\n"
        "print(db.failure)\n"
    )
    for round_ in range(10):
        data = tmp_path / str(round_)
        start = str(time.time() + 0.5)
        procs = [subprocess.Popen([sys.executable, "-c", program, str(data), start, f"k{n}"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
        outs = [p.communicate(timeout=60) for p in procs]
        assert [(p.returncode, out.strip(), err) for p, (out, err) in zip(procs, outs)] == [(0, "None", "")] * 2
