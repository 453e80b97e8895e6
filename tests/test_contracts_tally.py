"""A facilitator's show of hands: keys 1–n add a hand to that option, other numbers are
refused, and each option's share is a whole percentage of the hands counted."""

from __future__ import annotations

from tui.core.tally import Tally


def test_hands_are_counted_per_option_and_shared_in_whole_percentages():
    tally = Tally(("Myth", "Fact", "Disputed"))
    assert tally.total == 0 and [tally.share(i) for i in range(3)] == [0, 0, 0]
    for number in (1, 1, 3):
        assert tally.add(number) is True
    assert tally.hands == [2, 0, 1] and tally.total == 3
    assert [tally.share(i) for i in range(3)] == [67, 0, 33]


def test_a_number_outside_the_options_is_refused():
    tally = Tally(("a", "b"))
    assert tally.add(0) is False and tally.add(3) is False and tally.add(-1) is False
    assert tally.hands == [0, 0]
    assert tally.add(2) is True and tally.hands == [0, 1]


def test_clearing_starts_the_count_again():
    tally = Tally(("a", "b", "c", "d"))
    tally.add(4)
    tally.add(4)
    tally.clear()
    assert tally.hands == [0, 0, 0, 0] and tally.total == 0
    tally.add(4)
    assert tally.share(3) == 100
