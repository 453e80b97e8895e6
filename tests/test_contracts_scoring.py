"""What a learner reads after a quiz about telling myths from facts: said whenever any
myth, fact or disputed claim was answered, whatever their mix."""

from __future__ import annotations

import pytest

from tui.core.scoring import Answer, discernment, discernment_lines


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
