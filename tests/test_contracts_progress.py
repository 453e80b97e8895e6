"""Saving progress, as a learner relies on it: a damaged database that cannot be moved
aside is never overwritten, answers kept are read back exactly, a session is finished
once, and flags and settings keep only what they should."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from progress_helpers import answer, query
from tui.core.engine import Session
from tui.core.progress import MAX_NOTE, Store

DAMAGED = b"this is not a database at all" * 200


def one_answer(store: Store, pack, item_id: str = "snap-promise") -> bool:
    session = Session(pack, [pack.item(item_id)], seed=1)
    session.answer(session.options()[0])
    return store.record_answer(session, session.records[-1])


@pytest.fixture
def unmovable(tmp_path, monkeypatch):
    """A damaged progress.db in a data dir where nothing can be renamed."""
    (tmp_path / "progress.db").write_bytes(DAMAGED)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    return tmp_path


def test_a_damaged_database_that_cannot_be_moved_aside_is_never_overwritten(unmovable, small_pack):
    store = Store(unmovable)
    store.open()
    warnings = list(store.warnings)
    assert warnings and all(str(unmovable / "progress.db") in w and "not saved" in w for w in warnings)
    assert store.read_only
    assert one_answer(store, small_pack) is False
    assert store.finish_session(Session(small_pack, [small_pack.item("snap-who")], seed=1)) is False
    assert (unmovable / "progress.db").read_bytes() == DAMAGED
    assert sorted(p.name for p in unmovable.iterdir()) == ["progress.db"]


def test_a_damaged_database_that_cannot_be_moved_aside_is_said_once(unmovable, small_pack):
    store = Store(unmovable)
    store.open()
    one_answer(store, small_pack)
    assert len(store.warnings) == 1


def test_a_damaged_database_moved_aside_keeps_its_bytes_and_a_fresh_one_takes_the_answers(tmp_path, small_pack):
    (tmp_path / "progress.db").write_bytes(DAMAGED)
    store = Store(tmp_path)
    store.open()
    (warning,) = store.warnings
    (aside,) = tmp_path.glob("progress.db.broken-*")
    assert aside.read_bytes() == DAMAGED and str(aside) in warning
    assert not store.read_only and one_answer(store, small_pack) is True
    assert Store(tmp_path).history("snap-promise").seen == 1


def test_a_second_damaged_file_on_the_same_second_gets_a_name_of_its_own(tmp_path, small_pack):
    for _ in range(2):
        (tmp_path / "progress.db").write_bytes(DAMAGED)
        store = Store(tmp_path)
        store.open()
        store.close()
    assert len(list(tmp_path.glob("progress.db.broken-*"))) == 2


def test_an_answer_is_kept_with_what_was_given_and_how_long_it_took(tmp_path, small_pack):
    store = Store(tmp_path)
    session = Session(small_pack, [small_pack.item("snap-article")], seed=1)
    session.answer("Article 5")
    assert store.record_answer(session, session.records[-1]._replace(seconds=4.25), certainty=2) is True
    [(row, answers)] = list(store.sessions())
    assert (row.score, row.answered, row.total, row.finished) == (0, 1, 1, None)
    [kept] = answers
    assert (kept.item, kept.given, kept.correct, kept.certainty, kept.seconds) == (
        "snap-article", "Article 5", False, 2, 4.25)
    history = store.history("snap-article")
    assert (history.seen, history.right, history.wrong, history.box) == (1, 0, 1, 1)
    assert store.history("snap-who") is None


def test_a_session_is_finished_once_and_only_when_an_answer_was_kept(tmp_path, small_pack):
    store = Store(tmp_path)
    untouched = Session(small_pack, [small_pack.item("snap-who")], seed=1)
    assert store.finish_session(untouched) is False
    session = answer(store, small_pack, [("snap-who", True)], finish=False)
    assert not store.session_finished(session)
    assert store.finish_session(session) is True and store.session_finished(session)
    assert store.finish_session(session) is False
    assert store.session_count(finished_only=True) == 1


def test_without_saving_nothing_is_kept_but_a_flag_asked_for_is(tmp_path, small_pack):
    store = Store(tmp_path, save=False)
    assert one_answer(store, small_pack) is False
    assert store.add_flag("snap-who", "the date looks wrong", pack="small") is True
    assert store.session_count() == 0 and store.histories() == {}
    assert [(f.item, f.note, f.pack) for f in store.flags()] == [("snap-who", "the date looks wrong", "small")]


def test_a_flags_note_is_one_printable_line_of_at_most_the_limit(tmp_path):
    store = Store(tmp_path)
    assert store.add_flag("snap-who", "  \n\t ", pack=None) is False
    assert store.add_flag("snap-who", "two\nlines\x07 here", pack=None) is True
    assert store.add_flag("snap-who", "x" * (MAX_NOTE + 20), pack=None) is True
    notes = [f.note for f in store.flags()]
    assert notes == ["two lines here", "x" * MAX_NOTE]


def test_settings_keep_known_keys_and_an_unknown_scheduler_falls_back_to_leitner(tmp_path):
    store = Store(tmp_path)
    with pytest.raises(KeyError):
        store.set_setting("colour", "red")
    assert store.set_setting("theme", "light") is True
    assert store.set_setting("scheduler", "sm2") is True
    assert store.settings() == {"theme": "light", "scheduler": "sm2"}
    assert store.scheduler() == "leitner"


def test_best_and_recent_sessions(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-who", True), ("snap-article", False)])  # 50%
    answer(store, small_pack, [("snap-who", True)])  # 100%, 1 right
    answer(store, small_pack, [("snap-who", True), ("snap-article", True)])  # 100%, 2 right
    best = store.best_session()
    assert (best.score, best.answered, best.percent) == (2, 2, 100)
    assert [(r.score, r.answered) for r in store.recent_sessions(2)] == [(1, 1), (2, 2)]
    assert store.longest_streak() == 2
    every = list(store.sessions(batch=1))
    assert [len(answers) for _, answers in every] == [2, 1, 2]
    assert [a.item for a in every[0][1]] == ["snap-who", "snap-article"]


def test_items_due_come_wrong_first_then_most_missed_then_longest_ago(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-who", False), ("snap-who", True)])  # right last: box 2
    answer(store, small_pack, [("snap-article", False)])
    answer(store, small_pack, [("snap-promise", False), ("snap-promise", False)])
    ids = ["snap-promise", "snap-article", "snap-who"]
    soon = datetime.now(timezone.utc) + timedelta(minutes=1)
    assert store.due_for_review(ids, soon) == ["snap-promise", "snap-article"]
    assert store.due_for_review(ids, soon + timedelta(days=4)) == ["snap-promise", "snap-article", "snap-who"]
    assert store.due_for_review(["snap-article"], soon) == ["snap-article"]
    assert store.due_for_review(ids, datetime.now(timezone.utc) - timedelta(days=1)) == []
    assert query(tmp_path / "progress.db", "SELECT box FROM review WHERE item = 'snap-who'") == [(2,)]
    every = store.histories()
    assert {item: (h.seen, h.right, h.wrong) for item, h in every.items()} == {
        "snap-who": (2, 1, 1), "snap-article": (1, 0, 1), "snap-promise": (2, 0, 2)}


def test_an_old_progress_file_is_imported_with_its_counts_said(tmp_path):
    import json

    answers = [{"item": "snap-who", "given": "Oana Lungescu", "correct": True, "seconds": 2.5},
               {"item": "snap-article", "given": "Article 5", "correct": False}]
    old = {"schema": 1, "sessions": [
        {"date": "2026-01-02T10:00:00+00:00", "score": 1, "answered": 2, "total": 2, "answers": answers},
        {"date": "2026-01-03T10:00:00+00:00", "score": 1, "answered": 1, "total": 1, "answers": answers[:1]},
    ]}
    (tmp_path / "progress.json").write_text(json.dumps(old), encoding="utf-8")
    store = Store(tmp_path)
    store.open()
    (line,) = store.warnings
    assert "(2 sessions, 3 answers)" in line, line
    assert store.session_count() == 2


def test_changing_another_setting_leaves_the_fsrs_cards_as_they_are(tmp_path, small_pack):
    """Cards are rebuilt from the answer log once, when FSRS is chosen; an item known only
    from an old file keeps the card its imported history gave it, answered since or not."""
    import json

    old = {"schema": 1, "items": {"snap-promise": {"right": 3, "wrong": 0, "box": 4,
                                                    "last_seen": "2026-01-02T10:00:00+00:00"}}}
    (tmp_path / "progress.json").write_text(json.dumps(old), encoding="utf-8")
    store = Store(tmp_path)
    store.open()
    assert store.set_setting("scheduler", "fsrs") is True
    answer(store, small_pack, [("snap-promise", True)])
    path = tmp_path / "progress.db"
    before = query(path, "SELECT fsrs_card, fsrs_due FROM review WHERE item = 'snap-promise'")
    assert store.set_setting("theme", "light") is True
    assert store.set_setting("scheduler", "fsrs") is True  # chosen again: already the one in use
    assert query(path, "SELECT fsrs_card, fsrs_due FROM review WHERE item = 'snap-promise'") == before


def test_choosing_fsrs_gives_every_item_answered_before_a_card(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-article", False), ("snap-who", True)])  # under Leitner: no cards
    path = tmp_path / "progress.db"
    assert query(path, "SELECT count(*) FROM review WHERE fsrs_due IS NOT NULL") == [(0,)]
    assert store.set_setting("theme", "light") is True
    assert query(path, "SELECT count(*) FROM review WHERE fsrs_due IS NOT NULL") == [(0,)]
    assert store.set_setting("scheduler", "fsrs") is True
    assert query(path, "SELECT item FROM review WHERE fsrs_due IS NOT NULL ORDER BY item") == [
        ("snap-article",), ("snap-who",)]


def test_the_answers_of_many_sessions_are_read_whole_across_the_query_limit(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-who", True)])
    answer(store, small_pack, [("snap-article", False), ("snap-promise", True)])
    (first, _), (second, _) = list(store.sessions())
    # The real sessions first and 501st (last), among sessions with no answers: at the start
    # of the first and of the second group of 500 that one query asks for.
    wanted = [first.id] + [100_000 + n for n in range(499)] + [second.id]
    found = store.answers_of(wanted)
    assert [a.item for a in found[first.id]] == ["snap-who"]
    assert [a.item for a in found[second.id]] == ["snap-article", "snap-promise"]
    assert sum(len(rows) for rows in found.values()) == 3 and len(found) == len(wanted)


def test_choosing_fsrs_builds_each_card_from_every_answer_kept(tmp_path, small_pack):
    from tui.core import scheduler

    store = Store(tmp_path)
    answer(store, small_pack, [("snap-article", False), ("snap-article", True), ("snap-article", True)])
    path = tmp_path / "progress.db"
    log = [(scheduler.parse_time(at), bool(correct)) for at, correct in query(
        path, "SELECT at, correct FROM answers WHERE item = 'snap-article' ORDER BY at, id")]
    card, due = scheduler.fsrs_replay(log)
    assert store.set_setting("scheduler", "fsrs") is True
    assert query(path, "SELECT fsrs_card, fsrs_due FROM review WHERE item = 'snap-article'") == [
        (card, due.isoformat())]
    # Answered again under FSRS: the card moves on by that answer.
    answer(store, small_pack, [("snap-article", False)])
    log = [(scheduler.parse_time(at), bool(correct)) for at, correct in query(
        path, "SELECT at, correct FROM answers WHERE item = 'snap-article' ORDER BY at, id")]
    card, due = scheduler.fsrs_replay(log)
    assert query(path, "SELECT fsrs_card, fsrs_due FROM review WHERE item = 'snap-article'") == [
        (card, due.isoformat())]


def test_an_item_known_only_from_an_old_file_gets_its_card_from_its_last_answer(tmp_path):
    import json

    from tui.core import scheduler

    seen = "2026-01-02T10:00:00+00:00"
    old = {"schema": 1, "items": {"snap-promise": {"right": 3, "wrong": 0, "box": 4, "last_seen": seen}}}
    (tmp_path / "progress.json").write_text(json.dumps(old), encoding="utf-8")
    store = Store(tmp_path)
    store.open()
    assert store.set_setting("scheduler", "fsrs") is True
    card, due = scheduler.fsrs_review(None, True, scheduler.parse_time(seen))  # box 4: last answered right
    assert query(tmp_path / "progress.db", "SELECT fsrs_card, fsrs_due FROM review") == [(card, due.isoformat())]


def test_without_saving_the_progress_kept_before_is_still_read(tmp_path, small_pack):
    answer(Store(tmp_path), small_pack, [("snap-promise", False)])
    reader = Store(tmp_path, save=False)  # `--no-save`: review and stats still read what was kept
    assert reader.history("snap-promise").wrong == 1
    assert reader.session_count() == 1


def test_opening_says_which_old_files_it_will_import_and_then_none(tmp_path):
    import json

    (tmp_path / "flags.json").write_text(json.dumps({"schema": 1, "flags": []}), encoding="utf-8")
    store = Store(tmp_path)
    assert store.warnings == [] and not store.opened
    assert store.old_files() == [tmp_path / "flags.json"]
    store.open()
    assert store.opened and store.old_files() == []
    store.close()
    assert not store.opened


def test_opening_makes_the_database_only_when_answers_are_to_be_saved(tmp_path):
    Store(tmp_path / "saving").open()
    assert (tmp_path / "saving" / "progress.db").exists()
    Store(tmp_path / "not-saving", save=False).open()
    assert not (tmp_path / "not-saving").exists()


def test_a_store_closed_or_never_opened_still_saves_the_next_answer(tmp_path, small_pack):
    store = Store(tmp_path)
    store.close()  # never opened: nothing to close
    assert one_answer(store, small_pack) is True
    store.close()
    assert one_answer(store, small_pack) is True
    assert Store(tmp_path).history("snap-promise").seen == 2


def test_old_files_are_not_imported_into_a_database_that_cannot_be_written(tmp_path, small_pack):
    import json

    from tui.core import db_migrations

    answer(Store(tmp_path), small_pack, [("snap-who", True)])
    conn = sqlite3.connect(tmp_path / "progress.db")
    conn.execute(f"PRAGMA user_version = {db_migrations.SCHEMA + 1}")
    conn.close()
    old = json.dumps({"schema": 1, "flags": [{"item": "snap-who", "note": "kept for later"}]})
    (tmp_path / "flags.json").write_text(old, encoding="utf-8")
    store = Store(tmp_path)
    store.open()
    assert not any("Imported" in w for w in store.warnings)
    assert (tmp_path / "flags.json").read_text(encoding="utf-8") == old  # left for a mythquiz that can
    assert store.flags() == []


def test_old_files_beside_a_damaged_database_that_cannot_be_moved_are_left_alone(unmovable):
    import json

    old = json.dumps({"schema": 1, "flags": [{"item": "snap-who", "note": "kept for later"}]})
    (unmovable / "flags.json").write_text(old, encoding="utf-8")
    store = Store(unmovable)
    store.open()
    assert not any("Imported" in w for w in store.warnings)
    assert (unmovable / "flags.json").read_text(encoding="utf-8") == old
    assert (unmovable / "progress.db").read_bytes() == DAMAGED


def test_messages_can_be_read_while_a_long_import_is_under_way(tmp_path, monkeypatch):
    """The TUI imports in a worker and shows messages meanwhile: asking for them never
    waits for the import."""
    import json
    import threading

    from tui.core import progress_import

    (tmp_path / "flags.json").write_text(json.dumps({"schema": 1, "flags": []}), encoding="utf-8")
    entered, release = threading.Event(), threading.Event()
    real_import = progress_import.import_files

    def slow_import(conn, files, counts):
        entered.set()
        release.wait()
        real_import(conn, files, counts)

    monkeypatch.setattr(progress_import, "import_files", slow_import)
    store = Store(tmp_path)
    worker = threading.Thread(target=store.open)
    worker.start()
    try:
        assert entered.wait(timeout=60)
        reader = threading.Thread(target=lambda: store.warnings)
        reader.start()
        reader.join(timeout=30)
        waited = reader.is_alive()
    finally:
        release.set()
        worker.join()
    assert not waited
    assert any("Imported" in w for w in store.warnings)  # said once the import is done


def test_only_known_settings_with_text_values_are_read_back(tmp_path):
    store = Store(tmp_path)
    store.set_setting("theme", "dark")
    conn = sqlite3.connect(tmp_path / "progress.db")
    with conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('colour', 'red'), ('animations', X'6f6666')")
    conn.close()
    assert store.settings() == {"theme": "dark"}
