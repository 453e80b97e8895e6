"""Scoring beyond a right-answer count: discernment and lean (MIST-20's terms), d′ and c,
certainty-based marking with calibration, and Hake's normalised gain."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.before_after import normalised_gain
from tui.core.certainty_marks import CERTAINTY_NAMES, best_certainty, calibration, certainty_mark
from tui.core.score_words import calibration_lines, certainty_words, discernment_lines, figures_phrase, gain_words, lean_phrase, number
from tui.core.signal_detection import STRONG, Answer, discernment


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
    # By raw counts the mistakes lean toward distrust (2 against 1), but c compares rates
    # (the myth called disputed is a miss too): c = 0.04, within ±0.1, is no lean.
    assert lines[1] == "Your answers show no lean: you called 2 of 9 facts myths and 1 of 8 myths a fact."
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
    assert discernment_lines(wrong)[1] == ("Your answers show no lean: "
                                           "you called 4 of 4 facts myths and 4 of 4 myths facts.")
    assert "bias c = 0.00" in discernment_lines(wrong)[2]
    # Every myth called a fact and every fact a myth: a reversal, not chance.
    assert "systematic reversal, not chance" in discernment_lines(wrong)[3]
    assert "chance, however" not in " ".join(discernment_lines(wrong))
    assert "d′ = −2.56" in discernment_lines(wrong)[2]  # a true minus sign
    assert math.isfinite(empty.d_prime) and empty.d_prime == 0 and discernment_lines(empty) == []


def test_blanket_scepticism_is_not_reported_as_success():
    # A myth-heavy quiz answered "myth" every time: 9 of 11 right, but no discernment.
    d = discernment(answers((9, 0, 0), (2, 0, 0)))
    assert d.lean == "distrust" and d.bias < -0.5
    assert abs(d.d_prime) < 0.5
    assert d.d_prime == 0 and d.strong
    assert discernment_lines(d)[1] == ("You answered \"myth\" to every myth-or-fact question (11 of them): "
                                       "a strong lean toward distrust, not telling myths from facts, whatever the score.")
    # Blanket credulity, the other way.
    n = discernment(answers((0, 3, 0), (0, 6, 0)))
    assert n.lean == "naivety" and n.bias > 0.5 and abs(n.d_prime) < 0.5


def test_levels_misjudged_both_ways_get_one_line_not_contradictory_advice():
    lines = calibration_lines(calibration([(3, True)] * 2 + [(3, False)] * 3 + [(1, True)] * 5))
    assert lines[1] == "When sure you were right 2 of 5 times; when not sure you were right 5 of 5 times."
    assert lines[2].startswith("How sure you felt did not follow how often you were right, so there is no one way")
    assert len(lines) == 3 and "would have paid more" not in " ".join(lines)


def test_too_few_answers_at_a_level_give_no_advice():
    # The reviewer's case: one answer at each level.
    lines = calibration_lines(calibration([(1, True), (2, True), (3, True)]))
    assert lines[2] == "Advice on how sure to be needs at least 5 answers at one level."
    assert len(lines) == 3
    # Four wrong "sure" answers: still too few; the fifth makes a pattern.
    assert "would have paid more" not in " ".join(calibration_lines(calibration([(3, False)] * 4)))
    assert "When you felt sure, \"not sure\" would have paid more" in calibration_lines(
        calibration([(3, False)] * 5))[2]
    # Enough at one level, too few at another: advice for the one only.
    lines = calibration_lines(calibration([(3, False)] * 5 + [(1, True)]))
    assert lines[2].startswith("When you felt sure, \"not sure\" would have paid more (")


@given(st.lists(st.tuples(st.integers(1, 3), st.booleans()), max_size=40))
def test_advice_never_goes_both_ways(marked):
    text = " ".join(calibration_lines(calibration(marked)))
    said = {(level, better) for level in CERTAINTY_NAMES.values() for better in CERTAINTY_NAMES.values()
            if f"when you felt {level}, \"{better}\"" in text.lower()}
    rank = {name: n for n, name in CERTAINTY_NAMES.items()}
    assert len({rank[better] > rank[level] for level, better in said}) <= 1


def test_a_single_answer_is_reported_and_myths_or_facts_called_disputed_add_up():
    assert discernment_lines(discernment([Answer("disputed", "myth")])) == [
        "You recognised 0 of 1 disputed claim as disputed."]
    d = discernment([Answer("myth", "disputed"), Answer("fact", "disputed"), Answer("fact", "disputed"),
                     Answer("fact", "fact"), Answer("disputed", "disputed")])
    assert d.called_disputed == 3 and "You called 3 myths or facts disputed." in discernment_lines(d)
    # "disputed" to every myth and fact: called out as such, and no lean claimed from c.
    every = discernment([Answer("myth", "disputed"), Answer("fact", "disputed")])
    assert every.lean is None and discernment_lines(every)[1].startswith(
        "You answered \"disputed\" to every myth-or-fact question (2 of them): not telling")


def test_one_myth_and_one_fact_are_reported():
    lines = discernment_lines(discernment([Answer("myth", "myth"), Answer("fact", "myth")]))
    assert lines[0] == "You recognised 1 of 1 myth and accepted 0 of 1 fact."
    assert lines[1].startswith("You answered \"myth\" to every myth-or-fact question (2 of them): a strong lean")
    lines = discernment_lines(discernment([Answer("myth", "fact"), Answer("fact", "fact"), Answer("fact", "myth")]))
    assert lines[1] == "Your answers show a slight lean toward naivety: you called 1 of 2 facts a myth and 1 of 1 myth a fact."


def test_disputed_claims_are_counted_on_their_own_line():
    d = discernment([Answer("disputed", "disputed"), Answer("disputed", "myth"), Answer("disputed", "fact")])
    assert discernment_lines(d) == ["You recognised 1 of 3 disputed claims as disputed."]


@given(st.integers(0, 30), st.integers(0, 30))
def test_all_myth_answers_lean_to_distrust_and_never_out_discern_a_correct_session(myths, facts):
    all_myth = discernment(answers((myths, 0, 0), (facts, 0, 0)))
    correct = discernment(answers((myths, 0, 0), (0, facts, 0)))
    words = " ".join(discernment_lines(all_myth))
    if myths + facts >= 2:
        assert all_myth.lean == "distrust" and all_myth.strong
        assert "a strong lean toward distrust" in words and "You answered \"myth\" to every" in words
        assert "a strong lean toward distrust" in figures_phrase(all_myth)
    if myths and facts:  # measured: 0, never above a mixed correct session's d′
        assert all_myth.d_prime == 0 < correct.d_prime
        assert "Discernment d′ = 0.00" in words
    else:  # one kind only: no d′ figure at all
        assert "d′ =" not in words and "d′ not measured" in figures_phrase(all_myth) or not myths + facts
    assert all_myth.bias <= correct.bias + 1e-12


def test_one_kind_only_gives_no_d_prime_but_says_why():
    # The reviewer's all-"myth" run of 3 questions, all of them myths.
    lines = discernment_lines(discernment(answers((3, 0, 0), (0, 0, 0))))
    assert lines == [
        "You recognised 3 of 3 myths.",
        "You answered \"myth\" to every myth-or-fact question (3 of them): a strong lean toward distrust, "
        "not telling myths from facts, whatever the score.",
        "Discernment cannot be measured from this quiz: only myths were answered (d′ needs at least one of each). "
        "The bias c = −0.58 (below 0: quick to say myth; above 0: quick to say fact)."]
    # 3 facts all called myths (--seed 5): no d′ either, never −1.15.
    text = " ".join(discernment_lines(discernment(answers((0, 0, 0), (3, 0, 0)))))
    assert "only facts were answered" in text and "d′ =" not in text and "strong lean toward distrust" in text
    # A single myth called a myth: no d′, no lean, and c explained.
    text = " ".join(discernment_lines(discernment(answers((1, 0, 0), (0, 0, 0)))))
    assert "d′ =" not in text and "lean" not in text and "c is off 0 only because more myths" in text


def test_nineteen_myths_and_a_disputed_answer():
    """19 × "m" and one "d" (to a disputed claim): 7 myths, 8 facts, 5 disputed claims."""
    d = discernment(answers((7, 0, 0), (8, 0, 0)) + [Answer("disputed", "myth")] * 4
                    + [Answer("disputed", "disputed")])
    lines = discernment_lines(d)
    assert lines[:3] == [
        "You recognised 7 of 7 myths and accepted 0 of 8 facts.",
        "You answered \"myth\" to every myth-or-fact question (15 of them): a strong lean toward distrust, "
        "not telling myths from facts, whatever the score.",
        "You recognised 1 of 5 disputed claims as disputed."]
    assert lines[3].startswith("Discernment d′ = 0.00 (0 is chance); bias c = −1.56")
    # The same with the "d" given to a fact instead: the answers vary, so no blanket
    # call; 0 of 8 facts accepted is still a strong lean, and d′ is low.
    e = discernment(answers((7, 0, 0), (7, 0, 1)))
    assert e.blanket is None and lean_phrase(e) == "a strong lean toward distrust"


def test_the_lean_follows_c_not_raw_counts():
    # The reviewer's `f m f d m` (count 5, seed 9): 1 of 1 myth called a fact, 2 of 4
    # facts called myths, one fact called disputed. Raw counts (2 against 1) said
    # distrust while c = 0.34 said "quick to say fact"; now the words follow c.
    d = discernment(answers((0, 1, 0), (2, 1, 1)))
    assert number(d.bias) == "0.34" and d.lean == "naivety" and not d.strong
    assert discernment_lines(d)[1] == ("Your answers show a slight lean toward naivety: you called 2 of 4 facts "
                                       "myths and 1 of 1 myth a fact.")
    # `f m m m m f d f` (count 8): every myth and fact misjudged, c = −0.07: no lean, and
    # d′ = −2.43 is a reversal, not chance.
    e = discernment(answers((0, 3, 0), (4, 0, 0)) + [Answer("disputed", "disputed")])
    assert number(e.bias) == "−0.07" and e.lean is None
    lines = discernment_lines(e)
    assert lines[1] == "Your answers show no lean: you called 4 of 4 facts myths and 3 of 3 myths facts."
    assert "d′ = −2.43" in lines[3] and "systematic reversal" in lines[4]


@given(st.tuples(*[st.integers(0, 12)] * 3), st.tuples(*[st.integers(0, 12)] * 3))
def test_words_never_contradict_c(myths, facts):
    d = discernment(answers(myths, facts))
    phrase = lean_phrase(d)
    if "distrust" in phrase:
        assert d.bias < 0
    if "naivety" in phrase:
        assert d.bias > 0
    if "strong" in phrase and d.blanket is None:
        assert abs(d.bias) >= STRONG
    assert not re.search(r"-\d", figures_phrase(d) + " ".join(discernment_lines(d)))  # true minus signs


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
    over = calibration_lines(calibration([(3, True), (3, False)] * 3))
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
    assert gain_words(-0.5) == "g = −0.50 (low)"  # a true minus sign


def test_plain_quiz_summary_reports_blanket_scepticism_as_a_lean_not_a_success():
    """Through the real command: every myth-or-fact answer "m"."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "tui", "--plain", "--no-save", "quiz", "--type", "myth-or-fact",
                           "--count", "10", "--seed", "2"], input="m\n" * 10, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "You answered \"myth\" to every myth-or-fact question" in out
    assert "a strong lean toward distrust" in out
    assert "Discernment d′ = 0.00 (0 is chance)" in out
