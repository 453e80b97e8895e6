"""`mythquiz stats`: the figures a learner reads about their own progress — sessions and
their scores, accuracy per topic, questions never seen and due for review — from answers
kept through the public recorder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from progress_helpers import answer
from tui.core.progress import Store
from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.core.signal_detection import Answer, discernment
from tui.core.stats import (RoomPoint, SessionPoint, Stats, bar, compute, due_line, lines, room_lines, short_date,
                            sparkline, trend_lines)


def test_no_store_means_every_question_unseen(small_pack):
    stats = compute(small_pack, None)
    assert (stats.sessions, stats.by_topic, stats.best, stats.answers) == ((), (), None, 0)
    assert stats.never_seen == stats.items == len(small_pack.items) == 3
    assert lines(stats)[0] == "Sessions: none finished yet."


def test_figures_from_two_sessions(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True), ("snap-article", False)])
    answer(store, small_pack, [("snap-promise", True), ("snap-article", True), ("snap-promise", False)])
    stats = compute(small_pack, store, at=datetime.now(timezone.utc) + timedelta(minutes=1))
    assert [(p.score, p.answered, p.percent) for p in stats.sessions] == [(1, 2, 50), (2, 3, 67)]
    assert (stats.best.score, stats.best.answered) == (2, 3)
    assert stats.session_count == 2 and stats.longest_streak == 2
    assert stats.answers == 5
    assert [(t.topic, t.right, t.answered, t.percent) for t in stats.by_topic] == [("enlargement", 3, 5, 60)]
    assert stats.never_seen == 1  # snap-who
    assert stats.due == 1 and stats.scheduler == "leitner"  # snap-promise, last answered wrong
    text = "\n".join(lines(stats))
    assert "Sessions: 2." in text and "2 of 3 (67%)" in text and "1 of 2 (50%)" in text
    assert "Longest streak: 2." in text and "Answers given: 5." in text
    assert "3 of 5 right" in text and "Questions never seen: 1 of 3." in text
    (due_line,) = [line for line in text.splitlines() if "due for review" in line]
    assert due_line.rstrip(".").endswith(": 1"), due_line


def test_only_the_last_sessions_are_listed(tmp_path, small_pack):
    store = Store(tmp_path)
    for right in (True, False, True):
        answer(store, small_pack, [("snap-who", right)])
    stats = compute(small_pack, store, recent=2)
    assert stats.session_count == 3 and [p.score for p in stats.sessions] == [0, 1]
    listed = [line for line in lines(stats, recent=1) if line.startswith("  ") and " of 1 (" in line]
    assert len(listed) == 1 and "1 of 1 (100%)" in listed[0]


def test_sparkline_and_bar_draw_shares():
    assert sparkline([]) == ""
    assert sparkline([0, 50, 100, 150]) == "▁▅██"
    assert sparkline([3, 0], high=0) == "▁▁"
    assert bar(1, 4, width=8) == "██░░░░░░"
    assert bar(0, 0, width=3) == "░░░"
    assert short_date("2026-03-01T09:30:00+00:00") == "2026-03-01" and short_date("2026") == "2026"


# ---- the trend, the rooms and what is due, in the words a learner reads ----

MEASURED = discernment([Answer("myth", "myth"), Answer("fact", "fact")])  # d′ > 0, no lean
CHANCE = discernment([Answer("myth", "myth"), Answer("fact", "myth")])  # d′ = 0, toward distrust
MYTHS_ONLY = discernment([Answer("myth", "myth")])  # one kind only: not measured


def on(day: int, d=MEASURED, score: int = 1, answered: int = 2, review: bool = False) -> SessionPoint:
    return SessionPoint(f"2026-03-{day:02d}T10:00:00+00:00", score, answered, review, d)


def with_sessions(*points: SessionPoint, **fields) -> Stats:
    return Stats(**{"sessions": tuple(points), "by_topic": (), "best": None, "longest_streak": 0, "answers": 0,
                    "never_seen": 0, "due": 0, "items": 3, **fields})


def test_the_trend_is_the_last_eight_measured_quizzes_and_one_sided_ones_are_counted_among_the_last_twelve():
    points = [on(1, MYTHS_ONLY)] + [on(2 + n) for n in range(12)]
    stats = with_sessions(*points)
    assert stats.trend == tuple(points[-8:])
    assert stats.one_sided == 0  # the one-sided quiz is the thirteenth from the end
    stats = with_sessions(*points[1:2], on(20, MYTHS_ONLY), *points[2:])
    assert stats.one_sided == 1 and stats.trend == tuple(points[-8:])


def test_one_quiz_is_listed_without_a_direction_and_two_are_compared_quiz_to_quiz():
    one = trend_lines(with_sessions(on(1)))
    assert one[0] == "Telling myths from facts, your last quiz with both myths and facts:"
    assert one[1].startswith("  2026-03-01: d′ = ") and "(no myth or fact misjudged)" in one[1]
    assert not any(line.startswith("Discernment is") for line in one)
    assert one[-1].startswith("Answers showed no lean in 1 of 1 (")
    two = trend_lines(with_sessions(on(1), on(2, CHANCE)), titled=False)
    assert two[0] == "Your last 2 quizzes with both myths and facts, oldest first:"
    assert ("Discernment is falling: d′ went from 1.35 in the first quiz to 0.00 in the last "
            "(0 is chance; higher tells them apart better).") in two
    assert "Answers showed a strong lean toward distrust in 1 of 2, no lean in 1 of 2 (" in two[-1]
    assert "Discernment is steady: d′ went from 1.35" in "\n".join(trend_lines(with_sessions(on(1), on(2))))


def test_quizzes_left_out_of_the_trend_are_counted_in_the_plural():
    lines_ = trend_lines(with_sessions(on(1, MYTHS_ONLY), on(2, MYTHS_ONLY), on(3)))
    assert lines_[-1] == "2 quizzes with only myths or only facts are left out: they cannot measure discernment."
    assert trend_lines(with_sessions(on(1, None))) == []  # no myth-or-fact answer at all: nothing to say


def room(code: str, participants: int, questions: int, answers: int, right: int, d=None) -> RoomPoint:
    return RoomPoint(code, "2026-03-04T10:00:00+00:00", participants, questions, answers, right, d)


def test_rooms_are_listed_with_their_counts_in_words():
    one = with_sessions(rooms=(room("111111", 1, 1, 1, 1),), room_count=1)
    assert room_lines(one) == ["Live rooms you ran: 1:",
                               "  111111 on 2026-03-04: 1 participant, 1 question, 1 of 1 answers right (100%)"]
    two = with_sessions(rooms=(room("111111", 2, 3, 6, 3), room("222222", 3, 2, 6, 4, CHANCE)), room_count=7)
    assert room_lines(two) == [
        "Live rooms you ran: 7. The last 2, oldest first:",
        "  111111 on 2026-03-04: 2 participants, 3 questions, 3 of 6 answers right (50%)",
        "  222222 on 2026-03-04: 3 participants, 2 questions, 4 of 6 answers right (67%); the class: "
        "d′ = 0.00, c = −0.67, a strong lean toward distrust (\"myth\" to every one)"]
    assert room_lines(with_sessions(rooms=two.rooms, room_count=2))[0] == "Live rooms you ran: 2, oldest first:"
    assert room_lines(with_sessions()) == []


def test_the_due_line_names_the_scheduler_and_when_none_is_due_the_next_date():
    soon = datetime(2026, 3, 5, 8, 0, tzinfo=timezone.utc)
    assert due_line(with_sessions(scheduler="fsrs", next_due=soon)) == (
        "Questions due for review under the FSRS scheduler: 0 (the next on 2026-03-05).")
    assert due_line(with_sessions(scheduler="fsrs")) == "Questions due for review under the FSRS scheduler: 0."
    due = Stats((), (), None, 0, 0, 0, 2, 3, scheduler="leitner", next_due=soon)
    assert due_line(due) == "Questions due for review under the Leitner scheduler: 2."


def test_the_best_session_and_review_sessions_are_said(tmp_path, small_pack):
    stats = with_sessions(on(1, review=True), on(2, score=2), best=on(2, score=2), session_count=2)
    text = lines(stats)
    assert "  2026-03-01: 1 of 2 (50%) (review)" in text and "  2026-03-02: 2 of 2 (100%)" in text
    assert "Best score: 2 of 2 (100%) on 2026-03-02." in text


def test_figures_count_what_was_answered_at_the_moment_asked_for(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-who", False), ("snap-who", True), ("snap-who", True), ("snap-article", False)])
    now = datetime.now(timezone.utc)
    stats = compute(small_pack, store, at=now + timedelta(days=5))  # snap-who (box 3) due after 8 days
    assert (stats.due, stats.answers, stats.never_seen) == (1, 4, 1)
    assert [(t.topic, t.right, t.answered) for t in stats.by_topic] == [("enlargement", 0, 1), ("threat", 2, 3)]
    assert compute(small_pack, store, at=now + timedelta(days=9)).due == 2
    yesterday = compute(small_pack, store, at=now - timedelta(days=1))
    assert yesterday.due == 0 and yesterday.next_due is not None and yesterday.next_due <= now + timedelta(minutes=1)


def test_a_myth_answered_in_a_recent_quiz_is_measured_but_not_when_asked_before_the_quiz(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True)])
    (point,) = compute(small_pack, store).sessions
    assert point.discernment is not None and (point.discernment.myths, point.discernment.myths_called_myths) == (1, 1)
    for _ in range(12):
        answer(store, small_pack, [("snap-who", True)])
    older = compute(small_pack, store)
    assert older.sessions[0].discernment is None  # beyond the last twelve: not read
    assert len(older.sessions) == 13


def test_a_rooms_figures_count_final_answers_and_leave_out_the_questions_before_the_quiz(tmp_path, small_pack):
    live = Room.create(small_pack, RoomStore(tmp_path), seed=11, count=2, code="424242", pre_post=1)
    ann, bo = live.join("424242", "Ann"), live.join("424242", "Bo")
    for n in range(len(live.items)):
        live.open_next()
        live.answer(ann, n + 1, live.items[n].answer)
        live.answer(bo, n + 1, next(o for o in live.options[n] if o != live.items[n].answer))
        live.close()
        if live.items[n].type == "myth-or-fact":  # Bo changes his mind in the re-vote
            assert live.revote()
            live.answer(bo, n + 1, live.items[n].answer, 2)
        live.reveal()
    live.end()
    stats = compute(small_pack, Store(tmp_path))
    (point,) = stats.rooms
    questions = len(live.items) - 1  # the pre question is in no figure
    assert (point.code, point.participants, point.questions) == ("424242", 2, questions)
    assert (point.answers, point.right) == (2 * questions, questions + 1)
    d = point.discernment
    assert d is not None and (d.myths, d.myths_called_myths) == (2, 2)  # Bo's final answer: myth
    assert stats.room_count == 1


def test_accuracy_by_topic_is_a_bar_of_twenty_cells_with_names_aligned():
    from tui.core.stats import TopicAccuracy

    stats = with_sessions(by_topic=(TopicAccuracy("enlargement", "NATO enlargement", 3, 5),
                                    TopicAccuracy("threat", "Threat", 1, 1)))
    text = lines(stats)
    at = text.index("Accuracy by topic:")
    assert text[at + 1:at + 3] == ["  NATO enlargement  " + "█" * 12 + "░" * 8 + "   60%  3 of 5 right",
                                   "  Threat            " + "█" * 20 + "  100%  1 of 1 right"]


def test_verdicts_measure_the_myth_or_fact_answers_among_any_answers(small_pack):
    from tui.core.stats import myth_or_fact_verdicts, verdicts

    d = verdicts(small_pack, [("snap-promise", "myth"), ("snap-who", "Oana Lungescu"), ("gone", "fact")])
    assert d is not None and (d.myths, d.myths_called_myths, d.facts) == (1, 1, 0)
    assert verdicts(small_pack, [("snap-promise", "fact")], myth_or_fact_verdicts(small_pack)).myths_called_facts == 1
    assert verdicts(small_pack, [("snap-who", "Oana Lungescu")]) is None


def test_four_quizzes_compare_the_average_of_the_first_two_with_the_last_two():
    from tui.core.score_words import number

    lines_ = trend_lines(with_sessions(on(1, CHANCE), on(2), on(3), on(4)))
    d = MEASURED.d_prime
    assert (f"Discernment is rising: d′ averaged {number(d / 2)} over the first 2 quizzes and {number(d)} over "
            "the last 2 (0 is chance; higher tells them apart better).") in lines_


def test_with_only_one_sided_quizzes_the_trend_says_why_there_is_none():
    one_sided = with_sessions(on(1, MYTHS_ONLY))
    why = "1 quiz with only myths or only facts is left out: it cannot measure discernment."
    assert trend_lines(one_sided) == [f"Telling myths from facts: no quiz yet asked both myths and facts; {why}"]
    assert trend_lines(one_sided, titled=False) == [f"No quiz yet asked both myths and facts; {why}"]
