"""What a participant's device is told (`GET /api/state`): the current question as it is
asked, their own answer (their first one too in a second round), a score over revealed
questions only, speed points only for right answers given quickly, and a leaderboard by
points."""

from __future__ import annotations

from tui.core.explain import question_text
from tui.core.room import Room
from tui.core.room_store import RoomStore


def make(pack, path, now: list[float], **options) -> Room:
    options.setdefault("count", 3)
    return Room.create(pack, RoomStore(path), seed=11, code="1", kind="myth-or-fact", clock=lambda: now[0],
                       **options)


def wrong(room: Room, number: int) -> str:
    return next(o for o in room.options[number - 1] if o != room.items[number - 1].answer)


def test_the_lobby_shows_no_question(pack, tmp_path):
    room = make(pack, tmp_path, [0.0])
    state = room.state_for(room.join("1", "Ann"))
    assert (state["phase"], state["question"], state["part"], state["your_answer"]) == ("lobby", None, None, None)
    assert state["score"] == {"right": 0, "answered": 0, "asked": 0} and "verdict" not in state


def test_each_question_is_shown_as_asked(pack, tmp_path):
    room = make(pack, tmp_path, [0.0])
    token = room.join("1", "Ann")
    for number in (1, 2, 3):
        room.open_next()
        shown = room.state_for(token)["question"]
        item = room.items[number - 1]
        assert shown == {"number": number, "total": 3, "text": question_text(item), "kind": item.kind_label,
                         "topic": pack.topic_name(item.topic), "options": list(room.options[number - 1])}
        room.reveal()


def test_the_score_counts_revealed_questions_only(pack, tmp_path):
    room = make(pack, tmp_path, [0.0])
    token = room.join("1", "Ann")
    room.open_next()
    room.answer(token, 1, room.items[0].answer)
    assert room.state_for(token)["score"] == {"right": 0, "answered": 0, "asked": 0}  # not revealed yet
    room.reveal()
    assert room.state_for(token)["score"] == {"right": 1, "answered": 1, "asked": 1}
    room.open_next()
    room.answer(token, 2, wrong(room, 2))
    assert room.state_for(token)["score"] == {"right": 1, "answered": 1, "asked": 1}  # question 2 is open
    room.close()
    assert room.state_for(token)["score"] == {"right": 1, "answered": 1, "asked": 1}  # closed, not revealed
    room.reveal()
    assert room.state_for(token)["score"] == {"right": 1, "answered": 2, "asked": 2}
    room.open_next()
    room.end()  # ended on an open question: its verdict is out
    assert room.state_for(token)["score"] == {"right": 1, "answered": 2, "asked": 3}


def test_a_second_round_shows_the_first_answer_and_the_reveal_the_final_one(pack, tmp_path):
    room = make(pack, tmp_path, [0.0])
    token = room.join("1", "Ann")
    room.open_next()
    room.answer(token, 1, wrong(room, 1))
    state = room.state_for(token)
    assert state["round"] == 1 and "your_first_answer" not in state
    room.revote()
    state = room.state_for(token)
    assert (state["round"], state["your_answer"], state["your_first_answer"]) == (2, None, wrong(room, 1))
    room.answer(token, 1, room.items[0].answer)
    room.reveal()
    state = room.state_for(token)
    assert state["your_answer"] == room.items[0].answer and state["verdict"]["you_were_right"] is True
    other = room.state_for(room.join("1", "Late"))  # answered nothing
    assert other["your_answer"] is None and other["verdict"]["you_were_right"] is None


def test_speed_points_without_a_timer_are_for_right_answers_within_ten_seconds(pack, tmp_path):
    now = [0.0]
    room = make(pack, tmp_path, now, speed_bonus=True, count=1)
    on_time, late, quick_but_wrong = (room.join("1", n) for n in ("on time", "late", "wrong"))
    room.open_next()
    now[0] = 1.0
    room.answer(quick_but_wrong, 1, wrong(room, 1))
    now[0] = 10.0
    room.answer(on_time, 1, room.items[0].answer)
    now[0] = 10.5
    room.answer(late, 1, room.items[0].answer)
    room.reveal()
    assert [room.state_for(t)["score"]["speed"] for t in (on_time, late, quick_but_wrong)] == [1, 0, 0]


def test_with_a_timer_a_speed_point_is_for_the_first_half_of_it(pack, tmp_path):
    now = [0.0]
    room = make(pack, tmp_path, now, speed_bonus=True, timer=30, count=1)
    quick, slow = room.join("1", "quick"), room.join("1", "slow")
    room.open_next()
    now[0] = 14.0
    room.answer(quick, 1, room.items[0].answer)
    now[0] = 16.0
    room.answer(slow, 1, room.items[0].answer)
    room.reveal()
    assert [room.state_for(t)["score"]["speed"] for t in (quick, slow)] == [1, 0]


def test_the_leaderboard_ranks_by_points_then_by_who_joined_first(pack, tmp_path):
    now = [0.0]
    room = make(pack, tmp_path, now, speed_bonus=True, leaderboard=True)
    fast, steady, tied = room.join("1", "fast"), room.join("1", "steady"), room.join("1", "tied")
    for number in (1, 2, 3):
        room.open_next()
        now[0] += 1
        right = room.items[number - 1].answer
        room.answer(fast, number, right if number < 3 else wrong(room, number))  # 2 right, both quick
        room.answer(tied, number, right if number < 3 else wrong(room, number))
        now[0] += 60
        room.answer(steady, number, right)  # 3 right, all slow
        room.reveal()
    assert room.leaderboard_rows() == [{"name": "fast", "right": 2, "points": 4},
                                       {"name": "tied", "right": 2, "points": 4},
                                       {"name": "steady", "right": 3, "points": 3}]
