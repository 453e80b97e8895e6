"""When a missed question comes back, in the exact figures README promises: a wrong
answer puts an item in box 1, due at once; a right one moves it up a box, at most 6;
box n (n ≥ 2) comes back 2**n days after it was last seen. Dates without a zone are UTC."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tui.core import scheduler

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("box,correct,after", [
    (1, True, 2), (2, True, 3), (5, True, 6), (6, True, 6), (4, False, 1), (1, False, 1), (6, False, 1),
])
def test_a_right_answer_moves_up_one_box_to_at_most_six_and_a_wrong_one_back_to_one(box, correct, after):
    assert scheduler.leitner_box(box, correct) == after
    assert scheduler.MAX_BOX == 6


@pytest.mark.parametrize("box,days", [(1, 0), (2, 4), (3, 8), (6, 64)])
def test_an_item_in_box_n_comes_back_two_to_the_n_days_later(box, days):
    assert scheduler.leitner_due(box, T0) == T0 + timedelta(days=days)


@pytest.mark.parametrize("text,moment", [
    ("2026-03-01T09:30:00+00:00", T0),
    ("2026-03-01T09:30:00", T0),  # no zone: UTC
    ("2026-03-01T11:30:00+02:00", T0),
    (None, None), ("", None), ("yesterday", None),
])
def test_kept_times_are_read_back_or_ignored(text, moment):
    assert scheduler.parse_time(text) == moment
    if moment is not None:
        assert scheduler.parse_time(text).tzinfo is not None


def test_fsrs_a_right_answer_comes_back_in_days_and_a_lapse_within_the_day():
    card, right = scheduler.fsrs_review(None, True, T0)
    _, wrong = scheduler.fsrs_review(None, False, T0)
    assert right >= T0 + timedelta(days=1)  # no ten-minute learning step for a quiz question
    assert T0 < wrong <= right
    later = T0 + timedelta(days=3)
    _, lapse = scheduler.fsrs_review(card, False, later)  # wrong after right: the relearning step
    assert later < lapse < later + timedelta(hours=1)


def test_fsrs_replay_of_no_answers_is_no_card_and_of_some_is_their_review_in_order():
    assert scheduler.fsrs_replay([]) is None
    first, _ = scheduler.fsrs_review(None, True, T0)
    second, due = scheduler.fsrs_review(first, False, T0 + timedelta(days=3))
    assert scheduler.fsrs_replay([(T0, True), (T0 + timedelta(days=3), False)]) == (second, due)


def test_the_default_scheduler_is_leitner():
    assert scheduler.DEFAULT == "leitner" and set(scheduler.SCHEDULERS) == {"leitner", "fsrs"}


def test_a_review_asks_confident_errors_then_other_errors_then_the_most_missed_then_the_oldest():
    due = [
        # (item, last answer right?, times wrong, last seen)
        ("right-once-missed", 1, 1, "2026-01-01T00:00:00+00:00"),
        ("wrong-old", 0, 1, "2026-01-01T00:00:00+00:00"),
        ("wrong-new", 0, 1, "2026-02-01T00:00:00+00:00"),
        ("wrong-often", 0, 3, "2026-03-01T00:00:00+00:00"),
        ("sure-and-wrong", 0, 1, "2026-03-01T00:00:00+00:00"),
        ("never-dated", 0, 1, None),
        ("right-often-missed", 1, 4, "2026-03-01T00:00:00+00:00"),
        ("b-tie", 0, 2, "2026-02-01T00:00:00+00:00"),
        ("a-tie", 0, 2, "2026-02-01T00:00:00+00:00"),
    ]
    assert scheduler.review_order(due, {"sure-and-wrong", "right-once-missed-not-due"}) == [
        "sure-and-wrong",
        "wrong-often", "a-tie", "b-tie", "never-dated", "wrong-old", "wrong-new",
        "right-often-missed", "right-once-missed",
    ]
    assert scheduler.review_order([], {"x"}) == []
