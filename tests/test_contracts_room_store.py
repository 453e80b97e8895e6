"""The room's store as `--resume` relies on it: the latest unfinished room is found (by its
code when one is given), read back exactly as it was saved, and a data dir the room cannot
write is refused at the start, in one line that says why."""

from __future__ import annotations

import sqlite3

import pytest

from tui.core.db_migrations import SCHEMA
from tui.core.room import Room
from tui.core.room_store import RoomStore, StoreError


def test_resume_finds_the_room_with_the_code_given(pack, tmp_path):
    store = RoomStore(tmp_path)
    older = Room.create(pack, store, seed=3, count=2, code="111111")
    newer = Room.create(pack, store, seed=4, count=2, code="222222")
    assert store.find_room() == newer.id and store.find_room("111111") == older.id
    assert store.find_room("333333") is None
    older.end()
    assert store.find_room("111111") is None and store.find_room() == newer.id
    newer.end()
    assert store.find_room() is None


def test_a_room_reads_back_as_it_was_saved(pack, tmp_path):
    now = [50.0]
    room = Room.create(pack, RoomStore(tmp_path), seed=7, count=2, code="424242", timer=30, leaderboard=True,
                       clock=lambda: now[0])
    room.join("424242", "Ann")
    room.open_next()
    saved = RoomStore(tmp_path).load_room(room.id)
    assert (saved.id, saved.code, saved.seed, saved.phase, saved.current, saved.deadline) == (
        room.id, "424242", 7, "open", 1, 80.0)
    assert saved.settings == {"count": 2, "leaderboard": True, "timer": 30, "speed_bonus": False, "pre_post": 0}
    assert [q[:3] for q in saved.questions] == [(room.items[0].id, room.options[0], 50.0),
                                                (room.items[1].id, room.options[1], None)]
    assert [(p.name, p.joined_at) for p in saved.participants] == [("Ann", 50.0)]
    back = Room.resume(pack, RoomStore(tmp_path))
    assert back.session.seed == 7 and back.leaderboard is True and back.timer == 30
    with pytest.raises(KeyError):
        RoomStore(tmp_path).load_room(room.id + 1)


def test_a_data_dir_that_cannot_be_made_is_refused_in_one_line(tmp_path):
    (tmp_path / "data").write_text("a file where the data dir should be", encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        RoomStore(tmp_path / "data")
    assert "data" in str(refused.value) and "\n" not in str(refused.value)


def test_a_database_from_a_newer_mythquiz_is_left_alone_and_the_room_says_so(tmp_path):
    with sqlite3.connect(tmp_path / "progress.db") as db:
        db.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    with pytest.raises(StoreError) as refused:
        RoomStore(tmp_path)
    assert "newer mythquiz" in str(refused.value)
