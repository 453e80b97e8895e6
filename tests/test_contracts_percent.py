"""The one rule for a share shown as a percentage, which every screen, report and export
uses: whole percentages, a half to the even number, and a share of nothing is 0."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.core.percent import percent


def test_shares_are_whole_percentages_of_the_whole():
    assert percent(2, 3) == 67
    assert percent(1, 3) == 33
    assert percent(3, 4) == 75
    assert percent(5, 5) == 100
    assert percent(0, 7) == 0


def test_a_half_goes_to_the_even_number():
    assert percent(1, 8) == 12  # 12.5
    assert percent(3, 8) == 38  # 37.5


def test_a_share_of_nothing_is_zero_not_an_error():
    assert percent(0, 0) == 0


@given(st.integers(0, 500), st.integers(1, 500))
def test_a_share_is_within_half_a_point_of_the_exact_one(part, whole):
    assert abs(percent(part, whole) - 100 * part / whole) <= 0.5
