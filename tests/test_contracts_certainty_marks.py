"""Certainty-based marking as a learner is scored by it (Gardner-Medwin's scheme): what an
answer earns at each level, the score out of the possible, how often the learner was right
at each level, and which level would have paid on average."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.certainty_marks import CERTAINTY_NAMES, best_certainty, calibration, certainty_mark, expected_mark


def test_each_level_earns_its_marks_right_and_wrong():
    assert {(level, right): certainty_mark(level, right) for level in (1, 2, 3) for right in (True, False)} == {
        (1, True): 1, (1, False): 0,
        (2, True): 2, (2, False): -2,
        (3, True): 3, (3, False): -6,
    }


def test_the_levels_are_named_one_to_three():
    assert CERTAINTY_NAMES == {1: "not sure", 2: "fairly sure", 3: "sure"}


def test_no_answers_score_nothing_out_of_nothing_at_every_level():
    c = calibration([])
    assert (c.score, c.possible, c.levels) == (0, 0, {1: (0, 0), 2: (0, 0), 3: (0, 0)})


def test_a_session_is_scored_out_of_sure_and_right_on_every_answer_hand_worked():
    marked = [(3, True), (3, False), (2, True), (2, True), (2, False), (1, False), (1, True), (1, True)]
    c = calibration(marked)
    assert c.score == 3 - 6 + 2 + 2 - 2 + 0 + 1 + 1
    assert c.possible == 3 * 8
    assert c.levels == {1: (2, 3), 2: (2, 3), 3: (1, 2)}


def test_one_answer_alone_is_counted_at_its_level_only():
    assert calibration([(1, True)]) == (1, 3, {1: (1, 1), 2: (0, 0), 3: (0, 0)})
    assert calibration([(3, False)]) == (-6, 3, {1: (0, 0), 2: (0, 0), 3: (0, 1)})
    assert calibration([(2, False)]) == (-2, 3, {1: (0, 0), 2: (0, 1), 3: (0, 0)})


@pytest.mark.parametrize("share,level", [
    (1.0, 3), (0.81, 3),
    (0.8, 2),  # "sure" pays only above 80%: at exactly 80% sure and fairly sure both expect 1.2
    (0.7, 2), (0.67, 2),
    (2 / 3, 1),  # at exactly two in three, fairly sure and not sure both expect 2/3
    (0.6, 1), (0.5, 1), (0.0, 1),
])
def test_the_level_that_pays_follows_how_often_one_is_right(share, level):
    assert best_certainty(share) == level


@pytest.mark.parametrize("level,share,mark", [
    (1, 0.5, 0.5), (2, 0.5, 0.0), (3, 0.5, -1.5),
    (2, 0.75, 1.0), (3, 0.9, 2.1), (3, 0.25, -3.75), (1, 1.0, 1.0), (3, 0.0, -6.0),
])
def test_the_average_mark_at_a_level_hand_worked(level, share, mark):
    assert expected_mark(level, share) == pytest.approx(mark)


@given(st.lists(st.tuples(st.sampled_from([1, 2, 3]), st.booleans()), max_size=30))
def test_the_score_is_the_sum_of_the_marks_and_the_levels_count_every_answer(marked):
    c = calibration(marked)
    assert c.score == sum(certainty_mark(level, right) for level, right in marked)
    assert c.possible == 3 * len(marked)
    for level in (1, 2, 3):
        at = [right for lv, right in marked if lv == level]
        assert c.levels[level] == (sum(at), len(at))
