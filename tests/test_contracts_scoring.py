"""What a learner reads after a quiz about telling myths from facts: said whenever any
myth, fact or disputed claim was answered, whatever their mix."""

from __future__ import annotations

import pytest

from tui.core.score_words import discernment_lines
from tui.core.signal_detection import Answer, discernment


@pytest.mark.parametrize("answers", [
    [("myth", "myth"), ("fact", "fact")],  # as many myths as facts
    [("myth", "myth"), ("disputed", "disputed")],  # as many myths and facts as disputed claims
    [("fact", "myth"), ("disputed", "fact")],
    [("disputed", "myth")],  # one answer alone
])
def test_the_summary_is_said_for_any_mix_of_answers(answers):
    lines = discernment_lines(discernment(Answer(correct, given) for correct, given in answers))
    assert lines and lines[0].startswith("You ")


def test_nothing_is_said_when_no_myth_or_fact_was_answered():
    assert discernment_lines(discernment([])) == []


def test_before_and_after_explains_the_gain_only_when_there_is_one():
    from tui.core.before_after import pre_post
    from tui.core.score_words import pre_post_lines

    none = discernment([])
    learned = pre_post_lines(pre_post(2, [True, False], [True, True], none, none))
    assert learned[1] == ("Normalised gain: g = 1.00 (high), the share of what was missed before "
                          "that was learned."), learned
    all_right = pre_post_lines(pre_post(2, [True, True], [True, False], none, none))
    assert all_right[1] == "Normalised gain: g undefined (everything was right before).", all_right
