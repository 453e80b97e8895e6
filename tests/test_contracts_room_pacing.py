"""The facilitator's pace: a countdown only with `--timer`, answering closed the moment it
runs out (and not before), no countdown left once a question is closed or revealed, and
the time a question was opened kept through closing, revealing and `--resume`, so answer
times and late joiners are measured from it."""

from __future__ import annotations

from tui.core.room import Room
from tui.core.room_results import LATE, NO_PRE
from tui.core.room_store import RoomStore


def make(pack, path, now: list[float], **options) -> Room:
    options.setdefault("count", 3)
    return Room.create(pack, RoomStore(path), seed=11, code="1", kind="myth-or-fact", clock=lambda: now[0],
                       **options)


def test_without_a_timer_there_is_no_countdown(pack, tmp_path):
    now = [0.0]
    room = make(pack, tmp_path, now)
    token = room.join("1", "Ann")
    assert room.item is None  # the lobby: no question yet
    assert room.open_next() and room.item is room.items[0]
    now[0] = 10_000.0
    assert room.seconds_left() is None and room.state_for(token)["seconds_left"] is None
    assert room.check_timer() is False and room.phase == "open"
    assert room.extend() is False and room.deadline is None


def test_the_countdown_closes_answering_when_it_runs_out_and_not_before(pack, tmp_path):
    now = [100.0]
    room = make(pack, tmp_path, now, timer=30)
    token = room.join("1", "Ann")
    room.open_next()
    now[0] = 129.5
    assert room.seconds_left() == 1 and room.check_timer() is False and room.phase == "open"
    assert room.state_for(token)["seconds_left"] == 1
    now[0] = 130.0
    assert room.check_timer() is True and room.phase == "closed"
    assert room.check_timer() is False  # already closed: this call closed nothing
    assert room.seconds_left() is None and room.deadline is None  # no countdown left to show
    assert room.extend() is False


def test_closing_or_revealing_leaves_no_countdown_even_after_resume(pack, tmp_path):
    now = [0.0]
    room = make(pack, tmp_path, now, timer=60)
    room.open_next()
    assert room.deadline == 60.0
    now[0] = 5.0
    assert room.close() and room.deadline is None and room.seconds_left() is None
    room.store.close()
    back = Room.resume(pack, RoomStore(tmp_path), clock=lambda: now[0])
    assert back.phase == "closed" and back.deadline is None
    assert back.reveal() and back.deadline is None
    assert back.open_next() and back.deadline == 65.0


def test_answer_times_after_resume_count_from_when_the_question_opened(pack, tmp_path):
    now = [1000.0]
    room = make(pack, tmp_path, now)
    token = room.join("1", "Ann")
    room.open_next()
    room.store.close()
    now[0] = 1012.5
    back = Room.resume(pack, RoomStore(tmp_path), clock=lambda: now[0])
    assert back.answer(token, 1, back.options[0][0]).seconds_to_answer == 12.5


def test_a_late_joiner_is_late_from_the_pre_questions_opening_not_its_closing(pack, tmp_path):
    now = [0.0]
    room = make(pack, tmp_path, now, pre_post=1, count=1)
    early = room.join("1", "Early")
    room.join("1", "Idle")  # joined in time, answered nothing
    now[0] = 10.0
    room.open_next()
    now[0] = 20.0
    room.join("1", "Late")  # the pre question was already open: they missed its start
    room.answer(early, 1, room.options[0][0])
    now[0] = 30.0
    assert room.close()
    now[0] = 40.0
    assert not room.reveal()  # a pre question is only closed
    room.end()
    why = {p["name"]: p["gain"] for p in room.report()["pre_post"]["people"]}
    assert why["Late"] == LATE and why["Idle"] == NO_PRE
