"""The sentences that say what the scoring figures mean, as a learner, a facilitator or
`stats` reads them: discernment and lean, certainty-based marks and the advice they give,
and before against after. Each case is hand-worked; the figures come from
`signal_detection`, `certainty_marks` and `before_after`."""

from __future__ import annotations

from statistics import NormalDist

import pytest

from tui.core.before_after import pre_post
from tui.core.certainty_marks import calibration
from tui.core.score_words import (
    calibration_lines,
    certainty_words,
    discernment_lines,
    figures_phrase,
    gain_words,
    lean_phrase,
    mistakes_phrase,
    number,
    pre_post_lines,
    signed,
    unmeasured_reason,
)
from tui.core.signal_detection import Answer, discernment

Z = NormalDist().inv_cdf
GLOSS = "(below 0: quick to say myth; above 0: quick to say fact)"


def told(myths=(0, 0, 0), facts=(0, 0, 0), disputed=(0, 0)):
    """(called myth, called fact, called disputed) for myths, then facts; (called disputed,
    called myth) for disputed claims."""
    out = []
    for correct, counts in (("myth", myths), ("fact", facts)):
        for called, n in zip(("myth", "fact", "disputed"), counts):
            out += [Answer(correct, called)] * n
    out += [Answer("disputed", "disputed")] * disputed[0] + [Answer("disputed", "myth")] * disputed[1]
    return discernment(out)


# ---- figures ----


@pytest.mark.parametrize("x,text", [
    (1.256, "1.26"), (0.0, "0.00"), (-0.001, "0.00"), (-0.0, "0.00"), (-1.5, "−1.50"), (2, "2.00")])
def test_a_figure_has_two_places_and_a_true_minus_sign(x, text):
    assert number(x) == text


@pytest.mark.parametrize("n,plus,text", [
    (-6, False, "−6"), (-2, True, "−2"), (3, False, "3"), (3, True, "+3"), (0, True, "0"), (0, False, "0"),
    (1, True, "+1")])
def test_a_mark_has_a_true_minus_sign_and_a_plus_when_asked(n, plus, text):
    assert signed(n, plus) == text
    if not plus:
        assert signed(n) == text


@pytest.mark.parametrize("level,right,text", [
    (1, True, "Not sure and right: +1"), (1, False, "Not sure and wrong: 0"),
    (2, True, "Fairly sure and right: +2"), (2, False, "Fairly sure and wrong: −2"),
    (3, True, "Sure and right: +3"), (3, False, "Sure and wrong: −6")])
def test_what_each_certainty_earned_in_words(level, right, text):
    assert certainty_words(level, right) == text


# ---- myths and facts ----


def test_two_myths_both_called_myths_hand_worked():
    d = told(myths=(2, 0, 0))
    assert d.bias == pytest.approx(-Z(2.5 / 3) / 2)  # −0.48: the false-alarm rate is 0.5/1
    assert discernment_lines(d) == [
        "You recognised 2 of 2 myths.",
        "You answered \"myth\" to every myth-or-fact question (2 of them): a strong lean toward distrust, "
        "not telling myths from facts, whatever the score.",
        "Discernment cannot be measured from this quiz: only myths were answered (d′ needs at least one of "
        f"each). The bias c = −0.48 {GLOSS}.",
    ]
    assert figures_phrase(d) == ("d′ not measured (only myths were answered), c = −0.48, "
                                 "a strong lean toward distrust (\"myth\" to every one)")
    assert figures_phrase(d, True) == figures_phrase(d)


def test_facts_only_with_two_called_myths():
    d = told(facts=(2, 1, 0))
    assert discernment_lines(d) == [
        "You accepted 1 of 3 facts.",
        "Your answers show a slight lean toward distrust: you called 2 of 3 facts myths.",
        "Discernment cannot be measured from this quiz: only facts were answered (d′ needs at least one of "
        f"each). The bias c = −0.16 {GLOSS}.",
    ]
    assert figures_phrase(d) == "d′ not measured (only facts were answered), c = −0.16, a slight lean toward distrust"
    assert figures_phrase(d, mistakes=True, who="the class") == (
        "d′ not measured (only facts were answered), c = −0.16, a slight lean toward distrust "
        "(the class called 2 of 3 facts myths)")


def test_disputed_claims_alone_get_their_own_line_and_no_figures():
    d = told(disputed=(1, 1))
    assert discernment_lines(d) == ["You recognised 1 of 2 disputed claims as disputed."]
    assert figures_phrase(d) == "no myth-or-fact answers"
    assert unmeasured_reason(d) == "no myths or facts were answered"
    assert discernment_lines(told(disputed=(1, 0))) == ["You recognised 1 of 1 disputed claim as disputed."]


def test_disputed_to_every_myth_and_fact_leans_neither_way():
    d = told(myths=(0, 0, 1), facts=(0, 0, 1))
    assert discernment_lines(d) == [
        "You recognised 0 of 1 myth and accepted 0 of 1 fact.",
        "You answered \"disputed\" to every myth-or-fact question (2 of them): not telling myths from facts, "
        "whatever the score.",
        f"Discernment d′ = 0.00 (0 is chance); bias c = 0.67 {GLOSS}; here c only says that \"myth\" was "
        "never answered.",
    ]
    assert figures_phrase(d, True) == "d′ = 0.00, c = 0.67, no lean (\"disputed\" to every one)"


@pytest.mark.parametrize("myths,facts,more", [((5, 0, 0), (0, 1, 0), "myths than facts"),
                                              ((1, 0, 0), (0, 5, 0), "facts than myths")])
def test_with_nothing_misjudged_c_off_zero_is_put_down_to_the_mix(myths, facts, more):
    d = told(myths, facts)
    lines = discernment_lines(d)
    assert len(lines) == 2 and lines[0] == (
        "You recognised 5 of 5 myths and accepted 1 of 1 fact." if myths[0] == 5
        else "You recognised 1 of 1 myth and accepted 5 of 5 facts.")
    c = number(d.bias)
    assert lines[1] == (f"Discernment d′ = 2.06 (0 is chance); bias c = {c} {GLOSS}; with no myth or fact "
                        f"misjudged, c is off 0 only because more {more} were answered.")
    assert figures_phrase(d, mistakes=True) == f"d′ = 2.06, c = {c}, no lean (no myth or fact misjudged)"
    assert figures_phrase(d) == f"d′ = 2.06, c = {c}, no lean"


def test_one_fact_in_five_called_a_myth_is_a_slight_lean_toward_distrust():
    d = told(myths=(5, 0, 0), facts=(1, 4, 0))
    assert d.d_prime == pytest.approx(Z(5.5 / 6) - Z(1.5 / 6))
    assert discernment_lines(d) == [
        "You recognised 5 of 5 myths and accepted 4 of 5 facts.",
        "Your answers show a slight lean toward distrust: you called 1 of 5 facts a myth and 0 of 5 myths facts.",
        f"Discernment d′ = 2.06 (0 is chance); bias c = −0.35 {GLOSS}.",
    ]
    assert lean_phrase(d) == "a slight lean toward distrust"


def test_one_fact_alone_and_one_myth_in_three_called_a_fact():
    d = told(myths=(2, 1, 0), facts=(0, 1, 0))
    assert mistakes_phrase(d) == "you called 0 of 1 fact a myth and 1 of 3 myths a fact"
    assert mistakes_phrase(d, "the class") == "the class called 0 of 1 fact a myth and 1 of 3 myths a fact"
    assert lean_phrase(d) == "a slight lean toward naivety"


def test_most_myths_called_facts_is_a_strong_lean_toward_naivety():
    d = told(myths=(1, 4, 0), facts=(0, 5, 0))
    assert discernment_lines(d)[1] == (
        "Your answers show a strong lean toward naivety: you called 0 of 5 facts myths and 4 of 5 myths facts.")
    assert figures_phrase(d) == "d′ = 0.71, c = 1.03, a strong lean toward naivety"


def test_myths_and_facts_told_apart_little_better_than_chance():
    d = told(myths=(3, 2, 0), facts=(2, 3, 0))
    assert discernment_lines(d) == [
        "You recognised 3 of 5 myths and accepted 3 of 5 facts.",
        "Your answers show no lean: you called 2 of 5 facts myths and 2 of 5 myths facts.",
        f"Discernment d′ = 0.42 (0 is chance); bias c = 0.00 {GLOSS}.",
        "Myths and facts were told apart little better than by chance, however many answers were right.",
    ]


def test_myths_taken_for_facts_and_facts_for_myths_is_a_reversal():
    lines = discernment_lines(told(myths=(1, 4, 0), facts=(4, 1, 0)))
    assert lines[2] == f"Discernment d′ = −1.35 (0 is chance); bias c = 0.00 {GLOSS}."
    assert lines[3] == ("You took myths for facts and facts for myths more often than not: a systematic reversal, "
                        "not chance. The missed questions below show where.")
    assert len(lines) == 4


def test_myths_or_facts_called_disputed_are_counted():
    lines = discernment_lines(told(myths=(2, 0, 1), facts=(0, 2, 2)))
    assert lines[1] == "You called 3 myths or facts disputed."
    assert discernment_lines(told(myths=(2, 0, 1), facts=(0, 2, 0)))[1] == "You called 1 myth or fact disputed."


# ---- certainty ----


def test_nothing_marked_says_nothing():
    assert calibration_lines(calibration([])) == []


def test_one_answer_is_one_time_and_too_few_to_advise_on():
    assert calibration_lines(calibration([(3, True)])) == [
        "Certainty-based score: 3 of a possible 3.",
        "When sure you were right 1 of 1 time.",
        "Advice on how sure to be needs at least 5 answers at one level.",
    ]


RULE = "(\"sure\" pays only when you are right more than 80% of the time)"


def test_too_sure_at_two_levels_advises_less_at_each_surest_first():
    lines = calibration_lines(calibration([(3, True)] * 2 + [(3, False)] * 3 + [(2, True)] * 2 + [(2, False)] * 3))
    assert lines == [
        "Certainty-based score: −14 of a possible 30.",
        "When sure you were right 2 of 5 times; when fairly sure you were right 2 of 5 times.",
        "When you felt sure, \"not sure\" would have paid more; when you felt fairly sure, \"not sure\" would "
        f"have paid more {RULE}.",
    ]


def test_right_every_time_when_not_sure_advises_sure():
    assert calibration_lines(calibration([(1, True)] * 5)) == [
        "Certainty-based score: 5 of a possible 15.",
        "When not sure you were right 5 of 5 times.",
        f"When you felt not sure, \"sure\" would have paid more {RULE}.",
    ]
    assert calibration_lines(calibration([(1, True)] * 4))[2] == (
        "Advice on how sure to be needs at least 5 answers at one level.")


def test_right_four_times_in_five_when_sure_needs_no_advice():
    # At 80% "sure" and "fairly sure" both expect 1.2 a question: neither pays more.
    assert calibration_lines(calibration([(3, True)] * 4 + [(3, False)])) == [
        "Certainty-based score: 6 of a possible 15.", "When sure you were right 4 of 5 times."]


def test_well_chosen_levels_need_no_advice():
    assert calibration_lines(calibration([(3, True)] * 5 + [(1, True)] * 2 + [(1, False)] * 3)) == [
        "Certainty-based score: 17 of a possible 30.",
        "When sure you were right 5 of 5 times; when not sure you were right 2 of 5 times."]


def test_misjudged_both_ways_gets_no_one_piece_of_advice():
    assert calibration_lines(calibration([(3, True)] * 2 + [(3, False)] * 3 + [(1, True)] * 5))[2] == (
        "How sure you felt did not follow how often you were right, so there is no one way to advise "
        "(\"sure\" pays only when you are right more than 80% of the time, \"fairly sure\" more than two "
        "times in three).")


# ---- before and after ----


BOTH_MYTH = discernment([Answer("myth", "myth"), Answer("fact", "myth")])
BOTH_RIGHT = discernment([Answer("myth", "myth"), Answer("fact", "fact")])
NONE = discernment([])


def test_before_and_after_with_both_kinds_compares_the_figures():
    assert pre_post_lines(pre_post(2, [True, False], [True, True], BOTH_MYTH, BOTH_RIGHT)) == [
        "Asked before the quiz, without their verdicts, you got 1 of 2 questions right (50%); "
        "asked again after it, 2 of 2 (100%).",
        "Normalised gain: g = 1.00 (high), the share of what was missed before that was learned.",
        "Telling myths from facts, before: d′ = 0.00, c = −0.67, a strong lean toward distrust "
        "(\"myth\" to every one); after: d′ = 1.35, c = 0.00, no lean.",
    ]


def test_everything_right_before_has_no_gain():
    assert pre_post_lines(pre_post(2, [True, True], [True, False], BOTH_RIGHT, BOTH_MYTH))[1] == (
        "Normalised gain: g undefined (everything was right before).")


def test_a_quiz_ended_before_the_questions_came_again_has_no_gain():
    assert pre_post_lines(pre_post(2, [True, False], [True], BOTH_MYTH, BOTH_RIGHT)) == [
        "Asked before the quiz, without their verdicts, you got 1 of 2 questions right (50%); the quiz ended "
        "before they were asked again, so there is no gain to report."]


def test_myths_only_before_and_after_compares_the_lean_not_d_prime():
    pre = discernment([Answer("myth", "myth"), Answer("myth", "fact")])
    post = discernment([Answer("myth", "myth"), Answer("myth", "myth")])
    assert pre_post_lines(pre_post(2, [True, False], [True, True], pre, post))[2] == (
        "Discernment cannot be compared before and after: only myths were answered. Before, your answers "
        "showed no lean; after, a strong lean toward distrust.")


def test_no_myth_or_fact_before_and_after_says_only_the_shares_and_the_gain():
    assert pre_post_lines(pre_post(1, [False], [True], NONE, NONE)) == [
        "Asked before the quiz, without their verdicts, you got 0 of 1 question right (0%); "
        "asked again after it, 1 of 1 (100%).",
        "Normalised gain: g = 1.00 (high), the share of what was missed before that was learned."]
    assert pre_post_lines(pre_post(0, [], [], NONE, NONE)) == []


@pytest.mark.parametrize("g,text", [
    (0.29, "g = 0.29 (low)"), (0.3, "g = 0.30 (medium)"), (0.7, "g = 0.70 (medium)"), (0.71, "g = 0.71 (high)"),
    (-0.2, "g = −0.20 (low)"), (None, "g undefined (everything was right before)")])
def test_the_gain_and_its_band(g, text):
    assert gain_words(g) == text
