"""What the progress store reads back, as review, `stats` and the exports rely on it: the
rooms run from a data dir with their answers, one room after another; when the next item
comes back; FSRS's own due dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from progress_helpers import answer
from tui.core.progress import Store
from tui.core.room import Room
from tui.core.room_store import RoomStore


def run_room(data_dir, pack, code: str, right: bool) -> Room:
    """A room of one question, where Ann answers it (right or wrong)."""
    live = Room.create(pack, RoomStore(data_dir), seed=3, count=1, code=code)
    ann = live.join(code, "Ann")
    live.open_next()
    item = live.items[0]
    live.answer(ann, 1, item.answer if right else next(o for o in live.options[0] if o != item.answer))
    live.close()
    live.reveal()
    live.end()
    return live


def test_every_room_is_read_back_with_its_own_answers_oldest_first(tmp_path, small_pack):
    first = run_room(tmp_path, small_pack, "111111", right=True)
    second = run_room(tmp_path, small_pack, "222222", right=False)
    store = Store(tmp_path)
    rooms = list(store.rooms())
    assert [(room.code, room.answers, room.right) for room, _ in rooms] == [("111111", 1, 1), ("222222", 1, 0)]
    assert [[(a.name, a.item, a.correct) for a in answers] for _, answers in rooms] == [
        [("Ann", first.items[0].id, True)], [("Ann", second.items[0].id, False)]]
    assert store.room_count() == 2
    assert [room.code for room in store.recent_rooms(1)] == ["222222"]
    (kept,) = rooms[0][1]
    when = datetime.fromisoformat(kept.answered_at)  # UTC, to the second
    assert when.utcoffset() == timedelta(0) and when.microsecond == 0
    assert abs(when - datetime.now(timezone.utc)) < timedelta(minutes=5)


def test_when_nothing_is_due_the_next_due_date_is_that_of_the_soonest_item(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-who", False), ("snap-who", True)])  # box 2: back in 4 days
    answer(store, small_pack, [("snap-article", False), ("snap-article", True), ("snap-article", True)])  # box 3
    ids = ["snap-who", "snap-article", "snap-promise"]
    now = datetime.now(timezone.utc)
    seen = datetime.fromisoformat(store.history("snap-who").last_seen)
    assert store.next_due(ids, now) == seen + timedelta(days=4)
    assert store.next_due(ids, now + timedelta(days=5)) == datetime.fromisoformat(
        store.history("snap-article").last_seen) + timedelta(days=8)
    assert store.next_due(ids, now + timedelta(days=9)) is None
    assert store.due_count(ids, now + timedelta(days=5)) == 1
    assert store.due_count(ids, now - timedelta(days=1)) == 0
    assert sorted(store.due_for_review(ids, now + timedelta(days=9))) == ["snap-article", "snap-who"]


def test_under_fsrs_an_item_answered_right_is_due_on_its_cards_date_not_at_once(tmp_path, small_pack):
    store = Store(tmp_path)
    assert store.set_setting("scheduler", "fsrs") is True
    answer(store, small_pack, [("snap-who", True)])
    now = datetime.now(timezone.utc)
    assert store.due_for_review(["snap-who"], now + timedelta(minutes=1)) == []
    assert store.due_count(["snap-who"], now + timedelta(minutes=1)) == 0
    later = store.next_due(["snap-who"], now + timedelta(minutes=1))
    assert later is not None and later > now + timedelta(hours=12)
    assert store.due_for_review(["snap-who"], later) == ["snap-who"]


def test_a_learner_with_nothing_kept_reads_zeros_and_nothing_else(tmp_path):
    store = Store(tmp_path, save=False)  # `--no-save` on a first run: no database at all
    assert (store.session_count(), store.session_count(finished_only=True), store.room_count(),
            store.longest_streak()) == (0, 0, 0, 0)
    assert (store.best_session(), store.history("snap-who"), store.histories(), store.flags()) == (None, None, {}, [])
    assert list(store.sessions()) == [] and list(store.rooms()) == [] and store.recent_sessions(5) == []
    assert store.due_for_review(["snap-who"]) == [] and store.next_due(["snap-who"]) is None
    assert not (tmp_path / "progress.db").exists()
