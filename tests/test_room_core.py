"""The live room's state machine, without a web server: joins, answers, tally, reveal,
scores, resume from the store, and the report rows."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.engine import Session
from tui.core.room import Room
from tui.core.room_errors import (
    AlreadyAnswered, BadName, BadOption, NotOpen, RoomFull, UnknownToken, WrongCode,
)
from tui.core.room_store import RoomStore


def make_room(pack, path, **options) -> Room:
    options.setdefault("code", "123456")
    return Room.create(pack, RoomStore(path), seed=11, count=4, **options)


def test_questions_and_option_order_are_the_quizs(pack, tmp_path):
    room = make_room(pack, tmp_path)
    session = Session.create(pack, seed=11, count=4)
    assert [i.id for i in room.items] == [i.id for i in session.items]
    for n in range(len(session.items)):
        session.index = n
        assert room.options[n] == session.options()


def test_join_validates_code_and_name(pack, tmp_path):
    room = make_room(pack, tmp_path)
    with pytest.raises(WrongCode):
        room.join("654321", "Ann")
    for bad in ("", "   ", "x" * 41, "a\x00b", "tab\there", "bidi\u202eevil", None, 5):
        with pytest.raises(BadName):
            room.join("123456", bad)
    token = room.join("123456", " <b>Ann</b> ")
    assert room.participant(token).name == "<b>Ann</b>"
    assert len(room.join("123456", "x" * 40)) >= 30  # forty characters is allowed
    with pytest.raises(UnknownToken):
        room.participant("not-a-token")


def test_max_participants(pack, tmp_path):
    room = make_room(pack, tmp_path, max_participants=2)
    room.join("123456", "a")
    room.join("123456", "b")
    with pytest.raises(RoomFull):
        room.join("123456", "c")


def test_answer_rules(pack, tmp_path):
    room = make_room(pack, tmp_path)
    token = room.join("123456", "Ann")
    with pytest.raises(NotOpen):
        room.answer(token, 1, room.options[0][0])  # still in the lobby
    assert room.open_next()
    with pytest.raises(BadOption):
        room.answer(token, 1, "not an option")
    with pytest.raises(NotOpen):
        room.answer(token, 2, room.options[1][0])  # not the open question
    first = room.answer(token, 1, room.options[0][0])
    with pytest.raises(AlreadyAnswered):
        room.answer(token, 1, room.options[0][-1])
    assert room.state_for(token)["your_answer"] == first.answer
    room.close()
    late = room.join("123456", "Late")
    with pytest.raises(NotOpen):
        room.answer(late, 1, room.options[0][0])


def test_reveal_is_the_quiz_feedback_and_scores_count_after_reveal(pack, tmp_path):
    room = make_room(pack, tmp_path)
    token = room.join("123456", "Ann")
    room.open_next()
    item = room.items[0]
    room.answer(token, 1, item.answer)
    state = room.state_for(token)
    assert "verdict" not in state and state["score"]["right"] == 0
    assert room.reveal()
    state = room.state_for(token)
    verdict = state["verdict"]
    session = Session(pack, [item], 11)
    feedback = session.reveal()
    assert verdict["line"] == feedback.right_answer_line
    assert verdict["by"] == pack.sources[item.verdict_by].name
    assert verdict["explanation"] == item.explanation
    assert [e["text"] for e in verdict["excerpts"]] == [q.text for q in item.evidence]
    assert verdict["you_were_right"] is True
    assert state["score"] == {"right": 1, "answered": 1, "asked": 1}
    assert "leaderboard" not in state


def test_leaderboard_only_when_asked(pack, tmp_path):
    room = make_room(pack, tmp_path, leaderboard=True)
    token = room.join("123456", "Ann")
    assert room.state_for(token)["leaderboard"] == [{"name": "Ann", "right": 0, "points": 0}]


def test_phases(pack, tmp_path):
    room = make_room(pack, tmp_path)
    assert room.phase == "lobby" and not room.close() and not room.reveal()
    for number in range(1, room.total + 1):
        assert room.open_next() and room.current == number and room.phase == "open"
        assert room.close() and room.phase == "closed"
        assert room.reveal() and room.phase == "revealed"
    assert not room.open_next()  # no question left
    room.end()
    assert room.phase == "ended"
    with pytest.raises(NotOpen):
        room.join("123456", "Too late")


def test_timer_closes_and_can_be_extended(pack, tmp_path):
    now = [1000.0]
    room = make_room(pack, tmp_path, timer=30, clock=lambda: now[0])
    token = room.join("123456", "Ann")
    room.open_next()
    assert room.seconds_left() == 30
    now[0] += 20
    assert room.extend() and room.seconds_left() == 40
    now[0] += 41
    with pytest.raises(NotOpen):
        room.answer(token, 1, room.options[0][0])
    assert room.phase == "closed"


def test_resume_keeps_everything(pack, tmp_path):
    path = tmp_path
    room = make_room(pack, path)
    tokens = [room.join("123456", f"p{n}") for n in range(5)]
    room.open_next()
    for token in tokens[:3]:
        room.answer(token, 1, room.options[0][0])
    room.store.close()
    again = Room.resume(pack, RoomStore(path))
    assert again is not None
    assert (again.code, again.phase, again.current) == ("123456", "open", 1)
    assert again.tally() == room.tally()
    assert again.options == room.options
    with pytest.raises(AlreadyAnswered):
        again.answer(tokens[0], 1, again.options[0][-1])
    again.answer(tokens[4], 1, again.options[0][0])
    assert again.tally().answered == 4
    again.end()
    assert Room.resume(pack, RoomStore(path)) is None  # an ended room is not resumed


def test_report_rows_and_missed(pack, tmp_path):
    room = make_room(pack, tmp_path)
    a, b = room.join("123456", "a"), room.join("123456", "b")
    room.open_next()
    item = room.items[0]
    wrong = next(o for o in room.options[0] if o != item.answer)
    room.answer(a, 1, item.answer)
    room.answer(b, 1, wrong)
    room.reveal()
    room.end()
    report = room.report()
    assert [q["number"] for q in report["questions"]] == [1]  # only the questions asked
    assert report["questions"][0]["percent"] == 50
    assert report["missed"][0]["item"].id == item.id
    assert {(r["participant"], r["answer"], r["correct"]) for r in report["rows"]} == {
        ("a", item.answer, 1), ("b", wrong, 0)}
    assert set(report["rows"][0]) == {"room", "participant", "question_number", "round", "part", "item_id", "answer",
                                      "correct", "answered_at", "seconds_to_answer"}


# ---- properties: whatever the order of joins and answers ----

ACTION = st.one_of(
    st.tuples(st.just("join"), st.integers(0, 7)),
    st.tuples(st.just("answer"), st.integers(0, 7), st.integers(0, 4), st.integers(0, 3)),
    st.tuples(st.just("next")),
    st.tuples(st.just("close")),
    st.tuples(st.just("reveal")),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ACTION, max_size=60))
def test_no_answer_counted_twice_and_tally_equals_answers(pack, tmp_path, actions):
    room = make_room(pack, tmp_path)
    tokens: dict[int, str] = {}
    accepted: dict[tuple[str, int], str] = {}  # (token, question) -> option
    for action in actions:
        if action[0] == "join":
            if action[1] not in tokens:
                tokens[action[1]] = room.join("123456", f"p{action[1]}")
        elif action[0] == "answer":
            _, who, number, choice = action
            if who not in tokens:
                continue
            options = room.options[number - 1] if 1 <= number <= room.total else ("x",)
            option = options[choice % len(options)]
            should = (room.phase == "open" and number == room.current
                      and (tokens[who], number) not in accepted)
            try:
                room.answer(tokens[who], number, option)
            except (NotOpen, AlreadyAnswered, BadOption):
                assert not should
            else:
                assert should
                accepted[(tokens[who], number)] = option
        elif action[0] == "next":
            room.open_next()
        elif action[0] == "close":
            room.close()
        else:
            room.reveal()
    # Every accepted answer is in the store once, and the tally is the store's count.
    rows = room.store.db.execute("SELECT participant, question, answer FROM room_answers WHERE room = ?",
                                 (room.id,)).fetchall()
    assert len(rows) == len(set((p, q) for p, q, _ in rows)) == len(accepted)
    for number in range(1, room.total + 1):
        expected = sorted(o for (_, n), o in accepted.items() if n == number)
        assert sorted(o for _, q, o in rows if q == number) == expected
        assert sorted(room.counts.get((number, 1), Counter()).elements()) == expected
    if room.current:
        tally = room.tally()
        assert tally.answered == sum(tally.counts) == sum(1 for (_, n) in accepted if n == room.current)
        assert tally.joined == len(tokens)


def test_the_database_itself_refuses_a_second_answer(pack, tmp_path):
    import sqlite3

    room = make_room(pack, tmp_path)
    token = room.join("123456", "Ann")
    room.open_next()
    record = room.answer(token, 1, room.options[0][0])
    with pytest.raises(sqlite3.IntegrityError):  # not a Python check: the schema's UNIQUE
        room.store.db.execute(
            "INSERT INTO room_answers (room, participant, question, item, answer, correct, answered_at, "
            "seconds_to_answer) VALUES (?, ?, 1, ?, ?, 0, 0, 0)",
            (room.id, record.participant, record.item_id, room.options[0][-1]))
    version = room.store.db.execute("PRAGMA user_version").fetchone()[0]
    from tui.core.db_migrations import SCHEMA

    assert version == SCHEMA >= 2


def test_pages_behind_counts_recent_pages_that_have_not_seen_the_end(pack, tmp_path):
    now = [100.0]
    room = make_room(pack, tmp_path, clock=lambda: now[0])
    a, b, c = (room.join("123456", n) for n in "abc")
    room.state_for(a)
    room.state_for(b)
    now[0] += 30
    room.state_for(c)  # a and b stopped asking long ago (their phones slept)
    room.end()
    assert room.pages_behind() == 1
    room.state_for(c)
    assert room.pages_behind() == 0


def test_answers_arriving_together_are_judged_one_by_one(pack, tmp_path):
    room = make_room(pack, tmp_path)
    a, b = room.join("123456", "a"), room.join("123456", "b")
    room.open_next()
    first, second = room.options[0][0], room.options[0][-1]
    results = room.answer_many([(a, 1, first), (a, 1, second), (b, 1, "nope"), ("x", 1, first), (b, 1, second)])
    assert [type(r).__name__ for r in results] == ["StoredAnswer", "AlreadyAnswered", "BadOption",
                                                   "UnknownToken", "StoredAnswer"]
    assert room.state_for(a)["your_answer"] == first  # the first of the two stands
    assert room.tally().answered == 2


def test_speed_earns_nothing_unless_asked(pack, tmp_path):
    for bonus in (False, True):
        now = [0.0]
        room = make_room(pack, tmp_path / str(bonus), clock=lambda now=now: now[0], speed_bonus=bonus,
                         leaderboard=True)
        quick, slow = room.join("123456", "quick"), room.join("123456", "slow")
        room.open_next()
        answer = room.items[0].answer
        now[0] += 3
        room.answer(quick, 1, answer)
        now[0] += 30
        room.answer(slow, 1, answer)
        room.reveal()
        if bonus:
            assert room.state_for(quick)["score"]["speed"] == 1 and room.state_for(slow)["score"]["speed"] == 0
            assert [r["points"] for r in room.leaderboard_rows()] == [2, 1]
        else:
            assert "speed" not in room.state_for(quick)["score"]
            assert [r["points"] for r in room.leaderboard_rows()] == [1, 1]


def test_a_room_database_from_before_rounds_keeps_its_answers(pack, tmp_path, monkeypatch):
    """The forward migration (schema 2 → 3): answers keep their place as round 1, the new
    constraint allows a second round and still refuses a second answer in a round."""
    import sqlite3

    from tui.core import db_migrations

    steps = db_migrations.MIGRATIONS
    rounds_step = steps.index(next(s for s in steps if "room_answers_by_round" in str(s)))
    monkeypatch.setattr(db_migrations, "MIGRATIONS", db_migrations.MIGRATIONS[:rounds_step])
    monkeypatch.setattr(db_migrations, "SCHEMA", rounds_step)
    store = RoomStore(tmp_path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == rounds_step
    store.db.execute("INSERT INTO rooms (id, code, seed, settings, phase, current, created_at) "
                     "VALUES (1, '123', 11, '{}', 'open', 1, 'x')")
    store.db.execute("INSERT INTO room_questions (room, number, item, options, opened_at) VALUES (1, 1, ?, ?, 5)",
                     (pack.items[0].id, '["Myth", "Fact"]'))
    store.db.execute("INSERT INTO room_participants (id, room, token_hash, name, joined_at) "
                     "VALUES (1, 1, ?, 'Ann', 1)", ("a" * 64,))
    store.db.execute("INSERT INTO room_answers (room, participant, question, item, answer, correct, answered_at, "
                     "seconds_to_answer) VALUES (1, 1, 1, ?, 'Myth', 1, 6, 1)", (pack.items[0].id,))
    store.db.commit()
    store.close()
    monkeypatch.undo()
    store = RoomStore(tmp_path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == db_migrations.SCHEMA > rounds_step
    saved = store.load_room(1)
    assert [(a.participant, a.question, a.answer, a.round) for a in saved.answers] == [(1, 1, "Myth", 1)]
    assert saved.questions[0][3] is None  # one round so far
    row = (1, 1, 1, pack.items[0].id, "Fact", 0, 7, 1)
    sql = ("INSERT INTO room_answers (room, participant, question, round, item, answer, correct, answered_at, "
           "seconds_to_answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(sql, (1, 1, 1, 1) + row[3:])  # round 1 again
    store.db.execute(sql, (1, 1, 1, 2) + row[3:])  # round 2 is another answer
    store.db.rollback()


def test_a_second_round_survives_resume(pack, tmp_path):
    room = make_room(pack, tmp_path, kind="myth-or-fact")
    a, b = room.join("123456", "a"), room.join("123456", "b")
    room.open_next()
    right = room.items[0].answer
    wrong = next(o for o in room.options[0] if o != right)
    room.answer(a, 1, wrong)
    room.answer(b, 1, right)
    room.close()
    assert room.revote() and room.round == 2
    room.answer(a, 1, right, 2)
    room.store.close()
    back = Room.resume(pack, RoomStore(tmp_path))
    assert back.round == 2 and back.phase == "open" and not back.can_revote
    assert back.state_for(a)["your_answer"] == right and back.state_for(a)["your_first_answer"] == wrong
    with pytest.raises(AlreadyAnswered):
        back.answer(a, 1, wrong)
    back.answer(b, 1, right)
    assert back.reveal()
    q = back.report()["questions"][0]
    assert q["switches"] == {"both": 2, "wrong_to_right": 1, "right_to_wrong": 0, "changed": 1}


def test_pre_questions_are_closed_not_revealed_and_never_scored(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=1, code="123456", pre_post=2)
    assert room.total == 5 and [room.part(n) for n in range(1, 6)] == ["pre", "pre", "workshop", "post", "post"]
    assert [i.id for i in room.items[3:]] == [i.id for i in room.items[:2]]
    assert room.options[3:] == room.options[:2]
    token = room.join("123456", "Ann")
    room.open_next()
    room.answer(token, 1, room.items[0].answer)
    assert not room.revote()  # one round for a pre question
    assert not room.reveal() and room.phase == "closed"
    assert not room.reveal()
    state = room.state_for(token)
    assert "verdict" not in state and state["score"]["asked"] == 0 and state["part"] == "pre"
    room.end()  # ended on a pre question: still no verdict
    state = room.state_for(token)
    assert "verdict" not in state and state["score"] == {"right": 0, "answered": 0, "asked": 0}


def test_pre_post_needs_questions_to_spare(pack, tmp_path):
    from tui.core.room_plan import PlanError

    with pytest.raises(PlanError):
        Room.create(pack, RoomStore(tmp_path), seed=1, count=1, code="1", pre_post=len(pack.items))


def test_second_round_restarts_the_countdown_and_times_answers_from_its_opening(pack, tmp_path):
    now = [0.0]
    room = make_room(pack, tmp_path, clock=lambda: now[0], timer=60)
    token = room.join("123456", "Ann")
    room.open_next()
    now[0] = 50.0
    room.answer(token, 1, room.options[0][0])
    assert room.revote() and room.seconds_left() == 60
    now[0] = 58.0
    second = room.answer(token, 1, room.options[0][-1], 2)
    assert (second.round, second.seconds_to_answer) == (2, 8.0)
    now[0] = 111.0
    assert room.check_timer() and room.phase == "closed" and room.round == 2
