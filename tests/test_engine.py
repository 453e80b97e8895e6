"""The quiz engine: selection, order, grading, score, streak and summary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.engine import Session
from tui.core.selection import SelectionError, select_items, shuffled_options


def ids(session: Session) -> list[str]:
    return [item.id for item in session.items]


def test_same_seed_same_questions_and_option_order(pack):
    a = Session.create(pack, seed=42, count=15)
    b = Session.create(pack, seed=42, count=15)
    assert ids(a) == ids(b)
    assert [shuffled_options(i, 42) for i in a.items] == [shuffled_options(i, 42) for i in b.items]


def test_different_seed_different_order(pack):
    assert ids(Session.create(pack, seed=1, count=15)) != ids(Session.create(pack, seed=2, count=15))


def test_order_is_fixed_across_machines(pack):
    """The order is SHA-256 based: these values must never change between versions."""
    # A pinned sequence: the ids of a seed-3 session of the real pack are sorted by
    # sha256("3:<id>"); recompute independently of the engine.
    import hashlib

    expected = sorted((i.id for i in pack.items), key=lambda x: hashlib.sha256(f"3:{x}".encode()).digest())
    assert ids(Session.create(pack, seed=3, count=None)) == expected


def test_count_topic_and_type_filters(pack):
    session = Session.create(pack, seed=5, count=4, topic="enlargement", kind="choice")
    assert len(session.items) <= 4
    assert all(i.topic == "enlargement" and i.type == "choice" for i in session.items)


def test_unknown_topic_and_empty_selection_are_errors(pack):
    with pytest.raises(SelectionError, match="unknown topic"):
        select_items(pack, seed=1, topic="nope")
    with pytest.raises(SelectionError, match="unknown type"):
        select_items(pack, seed=1, kind="essay")
    with pytest.raises(SelectionError, match="no question"):
        select_items(pack, seed=1, only_ids=["not-an-id"])


def test_myth_or_fact_options_stay_in_order(pack):
    item = next(i for i in pack.items if i.type == "myth-or-fact")
    assert shuffled_options(item, 9) == ("Myth", "Fact", "Disputed")


def test_answering_scores_and_streaks(pack):
    session = Session.create(pack, seed=7, count=5)
    expected_score = 0
    streak = 0
    pattern = [True, True, False, True, True]
    for right in pattern:
        item = session.current
        wrong = next(o for o in session.options() if o != item.answer)
        feedback = session.answer(item.answer if right else wrong)
        expected_score += right
        streak = streak + 1 if right else 0
        assert feedback.correct is right
        assert feedback.score == expected_score == session.score
        assert feedback.streak == streak
        if item.verdict_by:  # a disputed item may name no verdict source
            assert feedback.verdict_source.id == item.verdict_by
        else:
            assert item.answer == "Disputed" and feedback.verdict_source is None
        assert feedback.excerpts and all(ex.line >= 1 and ex.column >= 1 for ex in feedback.excerpts)
        for ex in feedback.excerpts:
            assert ex.quote.text in pack.text_of(ex.quote.source)
        session.next()
    assert session.finished
    summary = session.summary()
    assert summary.score == 4 and summary.answered == 5 and summary.best_streak == 2
    assert len(summary.missed) == 1
    assert sum(t.total for t in summary.by_topic) == 5
    assert sum(t.right for t in summary.by_topic) == 4


def test_cannot_answer_twice_or_skip(pack):
    session = Session.create(pack, seed=7, count=2)
    with pytest.raises(ValueError):
        session.next()
    session.answer(session.options()[0])
    with pytest.raises(ValueError):
        session.answer(session.options()[0])
    with pytest.raises(ValueError):
        Session.create(pack, seed=7, count=2).answer("not an option")


def test_parse_answer_accepts_numbers_letters_and_text(pack):
    session = Session.create(pack, seed=1, count=None, kind="myth-or-fact")
    assert session.parse_answer("1") == "Myth"
    assert session.parse_answer(" f \n") == "Fact"
    assert session.parse_answer("MYTH") == "Myth"
    assert session.parse_answer("3") == "Disputed" and session.parse_answer(" d ") == "Disputed"
    assert session.parse_answer("4") is None
    assert session.parse_answer("") is None
    choice = Session.create(pack, seed=1, count=None, kind="choice")
    options = choice.options()
    assert choice.parse_answer(str(len(options))) == options[-1]
    assert choice.parse_answer("m") is None


def test_excerpt_positions_point_at_the_quote(pack):
    for item in pack.items:
        for quote in item.evidence:
            offset, line, column = pack.locate(quote)
            text = pack.text_of(quote.source)
            assert text.splitlines()[line - 1][column - 1 :].startswith(quote.text[:20].split("\n")[0])
            assert text[offset : offset + len(quote.text)] == quote.text


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**9), count=st.integers(1, 30), answers=st.lists(st.integers(0, 4), max_size=30))
def test_any_answer_sequence_keeps_score_equal_to_right_answers(pack, seed, count, answers):
    session = Session.create(pack, seed=seed, count=count)
    assert session.items == Session.create(pack, seed=seed, count=count).items
    right = 0
    for pick in answers:
        if session.finished:
            break
        options = session.options()
        feedback = session.answer(options[pick % len(options)])
        right += feedback.correct
        session.next()
    assert session.score == right == sum(r.correct for r in session.records)
    summary = session.summary()
    assert summary.score == right
    assert summary.answered == len(session.records)
    assert len(summary.missed) == summary.answered - right
