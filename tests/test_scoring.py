"""Scoring beyond a right-answer count: discernment and lean (MIST-20's terms), d′ and c,
certainty-based marking with calibration, and Hake's normalised gain."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.scoring import (
    Answer, best_certainty, calibration, calibration_lines, certainty_mark, certainty_words,
    discernment, discernment_lines, gain_words, normalised_gain,
)


def answers(myths: tuple[int, int, int], facts: tuple[int, int, int]) -> list[Answer]:
    """(called myth, called fact, called disputed) for myth items, then for fact items."""
    out = []
    for correct, counts in (("myth", myths), ("fact", facts)):
        for called, n in zip(("myth", "fact", "disputed"), counts):
            out += [Answer(correct, called)] * n
    return out


def test_the_issue_example_in_words_and_figures():
    d = discernment(answers((6, 1, 1), (2, 7, 0)))
    lines = discernment_lines(d)
    assert lines[0] == "You recognised 6 of 8 myths and accepted 7 of 9 facts."
    assert lines[1] == "Your mistakes lean toward distrust: you called 2 facts myths and 1 myth a fact."
    assert lines[2] == "You called 1 myth or fact disputed."
    # Hand-worked: H = 6.5/9, F = 2.5/10.
    z = __import__("statistics").NormalDist().inv_cdf
    assert d.d_prime == pytest.approx(z(6.5 / 9) - z(2.5 / 10))
    assert d.bias == pytest.approx(-(z(6.5 / 9) + z(2.5 / 10)) / 2)
    assert "d′ = 1.26" in lines[3]


def test_all_right_all_wrong_and_empty_give_finite_figures():
    right = discernment(answers((4, 0, 0), (0, 4, 0)))
    wrong = discernment(answers((0, 4, 0), (0, 0, 0)) + answers((0, 0, 0), (4, 0, 0)))
    empty = discernment([])
    assert right.d_prime > 2 and right.lean is None and right.bias == pytest.approx(0)
    assert wrong.d_prime < -2 and wrong.lean is None and wrong.naivety == wrong.distrust == 4
    assert discernment_lines(wrong)[1] == ("Your mistakes do not lean either way: "
                                           "you called 4 facts myths and 4 myths facts.")
    assert "bias c = 0.00" in discernment_lines(wrong)[2]
    assert math.isfinite(empty.d_prime) and empty.d_prime == 0 and discernment_lines(empty) == []


def test_blanket_scepticism_is_not_reported_as_success():
    # A myth-heavy quiz answered "myth" every time: 9 of 11 right, but no discernment.
    d = discernment(answers((9, 0, 0), (2, 0, 0)))
    assert d.lean == "distrust" and d.bias < -0.5
    assert abs(d.d_prime) < 0.5
    assert "lean toward distrust" in " ".join(discernment_lines(d))
    # Blanket credulity, the other way.
    n = discernment(answers((0, 3, 0), (0, 6, 0)))
    assert n.lean == "naivety" and n.bias > 0.5 and abs(n.d_prime) < 0.5


def test_both_levels_misjudged_are_both_advised_most_certain_first():
    lines = calibration_lines(calibration([(3, True), (3, False)] + [(1, True)] * 3))
    assert lines[1] == "When sure you were right 1 of 2 times; when not sure you were right 3 of 3 times."
    assert lines[2] == ("When you felt sure, \"not sure\" would have paid more; when you felt not sure, "
                        "\"sure\" would have paid more (\"sure\" pays only when you are right more than 80% of the time).")


def test_a_single_answer_is_reported_and_myths_or_facts_called_disputed_add_up():
    assert discernment_lines(discernment([Answer("disputed", "myth")])) == [
        "You recognised 0 of 1 disputed claim as disputed."]
    d = discernment([Answer("myth", "disputed"), Answer("fact", "disputed"), Answer("fact", "disputed"),
                     Answer("disputed", "disputed")])
    assert d.called_disputed == 3 and "You called 3 myths or facts disputed." in discernment_lines(d)


def test_one_myth_and_one_fact_are_reported():
    lines = discernment_lines(discernment([Answer("myth", "myth"), Answer("fact", "myth")]))
    assert lines[0] == "You recognised 1 of 1 myth and accepted 0 of 1 fact."
    assert lines[1] == "Your mistakes lean toward distrust: you called 1 fact a myth and 0 myths facts."


def test_disputed_claims_are_counted_on_their_own_line():
    d = discernment([Answer("disputed", "disputed"), Answer("disputed", "myth"), Answer("disputed", "fact")])
    assert discernment_lines(d) == ["You recognised 1 of 3 disputed claims as disputed."]


@given(st.integers(0, 30), st.integers(0, 30))
def test_all_myth_answers_lean_to_distrust_and_never_out_discern_a_correct_session(myths, facts):
    all_myth = discernment(answers((myths, 0, 0), (facts, 0, 0)))
    correct = discernment(answers((myths, 0, 0), (0, facts, 0)))
    if facts:
        assert all_myth.lean == "distrust"
    assert all_myth.d_prime <= correct.d_prime + 1e-12
    assert all_myth.bias <= correct.bias + 1e-12


@given(st.tuples(*[st.integers(0, 20)] * 3), st.tuples(*[st.integers(0, 20)] * 3))
def test_counts_add_up_and_figures_are_finite(myths, facts):
    d = discernment(answers(myths, facts))
    assert d.myths == sum(myths) and d.facts == sum(facts)
    assert d.distrust == facts[0] and d.naivety == myths[1]
    assert math.isfinite(d.d_prime) and math.isfinite(d.bias)


def test_certainty_based_marks_and_words():
    assert [certainty_mark(c, True) for c in (1, 2, 3)] == [1, 2, 3]
    assert [certainty_mark(c, False) for c in (1, 2, 3)] == [0, -2, -6]
    assert certainty_words(3, True) == "Sure and right: +3"
    assert certainty_words(3, False) == "Sure and wrong: −6"
    assert certainty_words(1, False) == "Not sure and wrong: 0"
    assert certainty_words(1, True) == "Not sure and right: +1"
    assert certainty_words(2, True) == "Fairly sure and right: +2"
    assert certainty_words(2, False) == "Fairly sure and wrong: −2"


def test_calibration_per_level_and_the_advice_it_implies():
    marked = [(3, True)] * 9 + [(3, False)] + [(1, True)] * 2 + [(1, False)] * 3
    c = calibration(marked)
    assert c.score == 9 * 3 - 6 + 2 and c.possible == 3 * 15
    lines = calibration_lines(c)
    assert lines[0] == "Certainty-based score: 23 of a possible 45."
    assert lines[1] == "When sure you were right 9 of 10 times; when not sure you were right 2 of 5 times."
    assert len(lines) == 2  # 90% right when sure, 40% when not sure: both levels were well chosen
    over = calibration_lines(calibration([(3, True), (3, False)]))
    assert over[2] == ("When you felt sure, \"not sure\" would have paid more "
                       "(\"sure\" pays only when you are right more than 80% of the time).")


@given(st.floats(0, 1))
def test_the_level_advised_is_the_one_with_the_highest_expected_mark(p):
    expected = {1: p, 2: 4 * p - 2, 3: 9 * p - 6}
    assert expected[best_certainty(p)] == pytest.approx(max(expected.values()))


def test_normalised_gain_and_its_bands():
    assert normalised_gain(40, 70) == pytest.approx(0.5)
    assert gain_words(normalised_gain(40, 70)) == "g = 0.50 (medium)"
    assert gain_words(normalised_gain(50, 55)) == "g = 0.10 (low)"
    assert gain_words(normalised_gain(20, 100)) == "g = 1.00 (high)"
    assert normalised_gain(100, 100) is None and "undefined" in gain_words(None)
    assert normalised_gain(60, 40) == pytest.approx(-0.5)


def test_plain_quiz_summary_reports_blanket_scepticism_as_a_lean_not_a_success():
    """Through the real command: every myth-or-fact answer "m"."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "tui", "--plain", "--no-save", "quiz", "--type", "myth-or-fact",
                           "--count", "10", "--seed", "2"], input="m\n" * 10, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Your mistakes lean toward distrust: you called" in out
    assert "and 0 myths facts." in out
    assert "Discernment d′ = 0.00 (0 is chance)" in out
