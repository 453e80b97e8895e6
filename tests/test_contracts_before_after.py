"""The same questions asked before a quiz and after it: the share right each time, whether
the comparison is complete, and Hake's normalised gain g = (post − pre) / (100 − pre)."""

from __future__ import annotations

import pytest

from tui.core.before_after import normalised_gain, pre_post
from tui.core.signal_detection import discernment

NONE = discernment([])


def test_the_share_right_before_and_after_hand_worked():
    p = pre_post(3, [True, True, False], [True, False, False], NONE, NONE)
    assert p.pre_percent == pytest.approx(200 / 3)
    assert p.post_percent == pytest.approx(100 / 3)
    assert p.complete
    assert p.gain == pytest.approx((100 / 3 - 200 / 3) / (100 - 200 / 3))  # −1.0: forgotten


def test_a_comparison_ended_early_has_no_gain():
    p = pre_post(3, [True, False, False], [True, True], NONE, NONE)
    assert not p.complete and p.gain is None
    assert p.post_percent == pytest.approx(100.0)


def test_nothing_answered_is_zero_percent_not_an_error():
    p = pre_post(2, [], [], NONE, NONE)
    assert (p.pre_percent, p.post_percent, p.complete, p.gain) == (0.0, 0.0, False, None)


def test_the_gain_of_a_complete_comparison_hand_worked():
    p = pre_post(4, [True, False, False, False], [True, True, True, False], NONE, NONE)
    assert (p.pre_percent, p.post_percent) == (25.0, 75.0)
    assert p.gain == pytest.approx(50 / 75)


@pytest.mark.parametrize("pre,post,gain", [
    (50, 75, 0.5), (0, 30, 0.3), (20, 100, 1.0), (60, 40, -0.5), (99, 100, 1.0), (10, 10, 0.0),
])
def test_normalised_gain_hand_worked(pre, post, gain):
    assert normalised_gain(pre, post) == pytest.approx(gain)


def test_nothing_left_to_gain_gives_no_gain():
    assert normalised_gain(100, 100) is None
    assert normalised_gain(100, 50) is None
