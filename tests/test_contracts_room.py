"""The room's rules for participants' requests as a caller meets them: a token or a
question number of the wrong kind is refused (never a crash, never taken as another
question), a failed commit refuses the whole group and counts nothing, the facilitator's
screen hears of each accepted answer and of nothing else, and the leaderboard is ten."""

from __future__ import annotations

import pytest

from tui.core.room import Room
from tui.core.room_errors import AlreadyAnswered, BadOption, NotSaved, UnknownToken
from tui.core.room_store import RoomStore, StoreError


def make(pack, path, **options) -> Room:
    options.setdefault("count", 3)
    return Room.create(pack, RoomStore(path), seed=11, code="1", kind="myth-or-fact", **options)


@pytest.mark.parametrize("token", [None, "", 12345, ["a"], b"bytes"])
def test_a_token_that_is_not_text_is_unknown(pack, tmp_path, token):
    room = make(pack, tmp_path)
    room.join("1", "Ann")
    room.open_next()
    with pytest.raises(UnknownToken):
        room.state_for(token)
    with pytest.raises(UnknownToken):
        room.answer(token, 1, room.options[0][0])


@pytest.mark.parametrize("number", [True, "1", 1.0, None, 0, 4])
def test_a_question_number_must_be_a_whole_number_of_the_room(pack, tmp_path, number):
    room = make(pack, tmp_path)
    token = room.join("1", "Ann")
    room.open_next()
    with pytest.raises(BadOption):
        room.answer(token, number, room.options[0][0])
    assert room.tally().answered == 0
    room.answer(token, 1, room.options[0][0])  # the same answer, numbered right, is taken


def test_a_failed_commit_refuses_every_answer_of_the_group_and_counts_none(pack, tmp_path, monkeypatch):
    room = make(pack, tmp_path)
    a, b = room.join("1", "a"), room.join("1", "b")
    room.open_next()
    heard: list[tuple[str, object]] = []
    room.subscribe(lambda event, detail: heard.append((event, detail)))

    def fail(*_: object) -> list[bool]:
        raise StoreError("disk I/O error")

    monkeypatch.setattr(room.store, "add_answers", fail)
    results = room.answer_many([(a, 1, room.options[0][0]), (b, 1, room.options[0][1])])
    assert [type(r) for r in results] == [NotSaved, NotSaved]
    assert room.tally().answered == 0 and heard == []
    monkeypatch.undo()
    room.answer(a, 1, room.options[0][0])  # nothing was kept: the answer may be given again
    assert room.tally().answered == 1


def test_the_facilitator_hears_each_accepted_answer_and_no_refused_one(pack, tmp_path):
    room = make(pack, tmp_path)
    token = room.join("1", "Ann")
    heard: list[tuple[str, object]] = []
    room.subscribe(lambda event, detail: heard.append((event, detail)))
    room.open_next()
    assert heard == [("phase", "open")]
    room.answer(token, 1, room.options[0][0])
    assert heard[-1] == ("answered", 1) and len(heard) == 2
    with pytest.raises(AlreadyAnswered):
        room.answer(token, 1, room.options[0][1])
    assert len(heard) == 2  # a refused answer changes nothing on the screen


def test_the_lobby_tally_has_no_options(pack, tmp_path):
    room = make(pack, tmp_path)
    room.join("1", "Ann")
    assert tuple(room.tally()) == (0, 1, 0, (), (), 1)


def test_the_leaderboard_shows_the_top_ten(pack, tmp_path):
    room = make(pack, tmp_path, leaderboard=True, count=1)
    tokens = [room.join("1", f"p{n:02}") for n in range(12)]
    room.open_next()
    right = room.items[0].answer
    for n, token in enumerate(tokens):  # the last two are right: they lead
        room.answer(token, 1, right if n >= 10 else next(o for o in room.options[0] if o != right))
    room.reveal()
    rows = room.leaderboard_rows()
    assert len(rows) == 10 and [r["name"] for r in rows[:3]] == ["p10", "p11", "p00"]
    assert len(room.state_for(tokens[0])["leaderboard"]) == 10
