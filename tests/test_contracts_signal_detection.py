"""Telling myths from facts apart from a lean, in signal-detection figures: the counts,
d′ and c on hand-worked cases (log-linear correction), one verdict for everything, and
which way and how strongly the mistakes lean."""

from __future__ import annotations

from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.signal_detection import Answer, discernment

Z = NormalDist().inv_cdf


def told(myths=(0, 0, 0), facts=(0, 0, 0), disputed=(0, 0)):
    """(called myth, called fact, called disputed) for myths, then facts; (called disputed,
    called something else) for disputed claims."""
    out = []
    for correct, counts in (("myth", myths), ("fact", facts)):
        for called, n in zip(("myth", "fact", "disputed"), counts):
            out += [Answer(correct, called)] * n
    out += [Answer("disputed", "disputed")] * disputed[0] + [Answer("disputed", "fact")] * disputed[1]
    return discernment(out)


def test_every_kind_of_answer_is_counted_where_it_belongs():
    d = told(myths=(3, 2, 1), facts=(4, 5, 6), disputed=(7, 8))
    assert d[:9] == (6, 3, 2, 15, 5, 4, 15, 7, 7)
    assert (d.distrust, d.naivety) == (4, 2)


def test_verdicts_are_read_whatever_their_case_and_spacing_and_other_answers_are_left_out():
    d = discernment([Answer("Myth", " MYTH "), Answer(" Fact", "fact"), Answer("Disputed", "Disputed"),
                     Answer("Article 10", "Article 5")])
    assert d[:9] == (1, 1, 0, 1, 1, 0, 1, 1, 0)


@pytest.mark.parametrize("myths,facts", [((6, 1, 1), (2, 7, 0)), ((5, 0, 0), (1, 4, 0)), ((1, 4, 0), (0, 5, 0)),
                                         ((2, 1, 0), (0, 1, 0)), ((0, 3, 0), (3, 1, 0))])
def test_d_prime_and_c_hand_worked(myths, facts):
    d = told(myths, facts)
    hit = (myths[0] + 0.5) / (sum(myths) + 1)
    false_alarm = (facts[0] + 0.5) / (sum(facts) + 1)
    assert d.d_prime == pytest.approx(Z(hit) - Z(false_alarm))
    assert d.bias == pytest.approx(-(Z(hit) + Z(false_alarm)) / 2)


def test_the_issue_example_in_figures():
    d = told(myths=(6, 1, 1), facts=(2, 7, 0))
    assert round(d.d_prime, 2) == 1.26 and round(d.bias, 2) == 0.04


def test_myths_and_facts_called_myths_at_the_same_raw_rate_tell_nothing_apart():
    # 1 of 3 myths and 2 of 6 facts called myths: corrected rates 1.5/4 and 2.5/7 differ,
    # but nothing told myths from facts.
    assert told(myths=(1, 2, 0), facts=(2, 4, 0)).d_prime == 0.0
    assert told(myths=(2, 1, 0), facts=(4, 2, 0)).d_prime == 0.0
    assert told(myths=(9, 0, 0), facts=(2, 0, 0)).d_prime == 0.0  # "myth" to everything
    assert told(myths=(0, 3, 0), facts=(0, 6, 0)).d_prime == 0.0  # "fact" to everything
    assert told(myths=(0, 0, 2), facts=(0, 0, 5)).d_prime == 0.0  # "disputed" to everything
    assert told(myths=(2, 1, 0), facts=(1, 3, 0)).d_prime > 0.5


def test_figures_of_no_answers_and_of_one_kind_are_finite():
    empty = told()
    assert (empty.d_prime, empty.bias) == (0.0, 0.0) and not empty.measured
    only_myths = told(myths=(3, 0, 0))
    assert not only_myths.measured
    assert only_myths.d_prime == pytest.approx(Z(3.5 / 4) - Z(0.5))
    assert not told(facts=(1, 1, 0)).measured
    assert told(myths=(1, 0, 0), facts=(0, 1, 0)).measured


def test_an_even_bias_is_written_zero_never_minus_zero():
    d = told(myths=(4, 0, 0), facts=(0, 4, 0))
    assert f"{d.bias:.2f}" == "0.00"
    assert f"{told().bias:.2f}" == "0.00"
    assert f"{told(myths=(2, 0, 0), facts=(2, 0, 0)).d_prime:.2f}" == "0.00"


def test_one_verdict_for_everything_is_named_from_two_answers_up():
    assert told(myths=(1, 0, 0)).blanket is None
    assert told(myths=(2, 0, 0)).blanket == "myth"
    assert told(myths=(1, 0, 0), facts=(1, 0, 0)).blanket == "myth"
    assert told(myths=(9, 0, 0), facts=(2, 0, 0)).blanket == "myth"
    assert told(myths=(0, 1, 0), facts=(0, 1, 0)).blanket == "fact"
    assert told(myths=(0, 3, 0), facts=(0, 6, 0)).blanket == "fact"
    assert told(myths=(0, 0, 1), facts=(0, 0, 1)).blanket == "disputed"
    assert told(myths=(1, 1, 0), facts=(0, 1, 0)).blanket is None
    assert told(myths=(1, 0, 1), facts=(0, 0, 1)).blanket is None
    assert told(myths=(2, 0, 0), disputed=(0, 3)).blanket == "myth"  # disputed claims are apart


def test_everything_called_a_myth_is_a_strong_lean_toward_distrust_even_when_c_is_small():
    d = told(myths=(2, 0, 0))  # c = −0.48, under the strong threshold, but "myth" to every one
    assert abs(d.bias) < 0.5
    assert (d.lean, d.strong) == ("distrust", True)
    n = told(facts=(0, 2, 0))
    assert abs(n.bias) < 0.5 and (n.lean, n.strong) == ("naivety", True)


def test_disputed_to_everything_leans_neither_way():
    d = told(myths=(0, 0, 2), facts=(0, 0, 1))
    assert d.bias > 0.5  # "myth" never said
    assert (d.lean, d.strong) == (None, False)


def test_with_nothing_misjudged_there_is_no_lean_whatever_c_says():
    d = told(myths=(5, 0, 0), facts=(0, 1, 0))
    assert d.bias < -0.1 and (d.lean, d.strong) == (None, False)
    f = told(myths=(1, 0, 0), facts=(0, 5, 0))
    assert f.bias > 0.1 and (f.lean, f.strong) == (None, False)


@pytest.mark.parametrize("myths,facts,lean,strong", [
    ((5, 0, 0), (1, 4, 0), "distrust", False),  # c = −0.35
    ((5, 0, 0), (5, 0, 0), "distrust", True),
    ((2, 1, 0), (0, 1, 0), "naivety", False),  # c = 0.18
    ((1, 4, 0), (0, 5, 0), "naivety", True),  # c = 1.03
    ((3, 2, 0), (2, 3, 0), None, False),  # c = 0
    ((1, 4, 0), (4, 1, 0), None, False),
    ((4, 1, 0), (0, 5, 0), "naivety", False),  # c = 0.35: mistakes only toward naivety
    ((5, 0, 0), (1, 5, 0), "distrust", False),  # c = −0.30
])
def test_the_lean_and_its_strength_follow_c(myths, facts, lean, strong):
    d = told(myths, facts)
    assert (d.lean, d.strong) == (lean, strong), d.bias


def test_a_lean_below_the_threshold_is_no_lean():
    d = told(myths=(9, 0, 0), facts=(1, 19, 0))  # one fact in twenty called a myth: c = −0.09
    assert -0.1 < d.bias < 0 and d.lean is None and not d.strong


@given(st.integers(1, 12), st.integers(1, 12))
def test_calling_everything_a_myth_never_tells_more_than_a_correct_session(myths, facts):
    sceptic = told(myths=(myths, 0, 0), facts=(facts, 0, 0))
    right = told(myths=(myths, 0, 0), facts=(0, facts, 0))
    assert sceptic.lean == "distrust" and sceptic.strong and sceptic.d_prime == 0.0
    assert right.d_prime > sceptic.d_prime and right.lean is None
