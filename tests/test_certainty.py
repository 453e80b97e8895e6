"""Certainty-based marking, questions asked before and after a quiz, and confident errors
first: the engine's arithmetic on hand-worked sessions, and the review order kept in the
progress database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.answers import PRE, POST, QUIZ
from tui.core.engine import Session
from tui.core.progress import Store
from tui.core.certainty_marks import calibration
from tui.core.score_words import calibration_lines, discernment_lines, pre_post_lines
from tui.core.signal_detection import Answer, discernment


def myth_or_fact(pack, count: int, **options) -> Session:
    return Session.create(pack, seed=3, count=count, kind="myth-or-fact", **options)


def play(session: Session, right: list[bool], certainty: list[int | None]) -> None:
    """Answer each question right or wrong as told, at the certainty given."""
    for want, level in zip(right, certainty):
        item = session.current
        wrong = next(o for o in session.options() if o != item.answer)
        session.answer(item.answer if want else wrong, level)
        session.next()


def test_certainty_marks_feedback_words_and_summary_hand_worked(pack):
    session = myth_or_fact(pack, 5, certainty=True)
    right = [True, False, True, False, True]
    levels = [3, 3, 2, 1, 1]
    feedbacks = []
    for want, level in zip(right, levels):
        item = session.current
        option = item.answer if want else next(o for o in session.options() if o != item.answer)
        feedbacks.append(session.answer(option, level))
        session.next()
    assert [f.certainty_line for f in feedbacks] == [
        "Sure and right: +3", "Sure and wrong: −6", "Fairly sure and right: +2", "Not sure and wrong: 0",
        "Not sure and right: +1"]
    assert session.certainty_score == 3 - 6 + 2 + 0 + 1
    summary = session.summary()
    assert summary.certainty.score == 0 and summary.certainty.possible == 15
    assert summary.certainty.levels == {3: (1, 2), 2: (1, 1), 1: (1, 2)}
    lines = dict(summary.sections())["Certainty"]
    assert lines[0] == "Certainty-based score: 0 of a possible 15."
    # Two answers at each level: too few to advise on.
    assert lines[2] == "Advice on how sure to be needs at least 5 answers at one level."
    # Errors made when sure come first in the missed list (retry missed asks them first).
    assert summary.missed[0].id == session.items[1].id


def test_certainty_is_required_when_asked_and_refused_when_not(pack):
    session = myth_or_fact(pack, 2, certainty=True)
    with pytest.raises(ValueError):
        session.answer("Myth")
    with pytest.raises(ValueError):
        session.answer("Myth", 4)
    assert session.records == []
    plain = myth_or_fact(pack, 2)
    with pytest.raises(ValueError):
        plain.answer("Myth", 3)
    assert plain.summary().certainty is None


def test_all_wrong_when_sure_scores_minus_six_each_and_the_possible_is_three_each():
    c = calibration([(3, False)] * 4)
    assert (c.score, c.possible) == (-24, 12)
    assert calibration_lines(c)[0] == "Certainty-based score: −24 of a possible 12."
    assert calibration_lines(calibration([])) == []


def test_before_and_after_asks_the_same_questions_and_keeps_the_first_verdicts_back(pack):
    session = myth_or_fact(pack, 3, pre_post=2, certainty=True)
    items = session.items
    assert len(items) == 3 + 2 * 2
    assert [item.id for item in items[:2]] == [item.id for item in items[-2:]]
    assert {item.id for item in items[:2]}.isdisjoint(item.id for item in items[2:5])
    assert [session.phase(i) for i in range(7)] == [PRE, PRE, QUIZ, QUIZ, QUIZ, POST, POST]
    # Before: no certainty asked, nothing scored, nothing revealed.
    assert not session.asks_certainty()
    feedback = session.answer(items[0].answer)
    assert not feedback.revealed and session.score == 0 and feedback.answered == 0
    session.next()
    wrong = next(o for o in session.options() if o != items[1].answer)
    session.answer(wrong)
    session.next()
    play(session, [True, True, False, True, True], [1, 2, 3, 3, 3])
    summary = session.summary()
    # The score is out of the answers whose verdict was shown.
    assert (summary.score, summary.answered, summary.total) == (4, 5, 5)
    p = summary.pre_post
    assert p.pre == (True, False) and p.post == (True, True)
    assert p.gain == pytest.approx(1.0)  # 50% before, 100% after: all there was to learn
    lines = pre_post_lines(p)
    assert lines[0] == ("Asked before the quiz, without their verdicts, you got 1 of 2 questions right (50%); "
                        "asked again after it, 2 of 2 (100%).")
    assert lines[1].startswith("Normalised gain: g = 1.00 (high)")
    assert lines[2].startswith("Telling myths from facts, before: d′ = ")


def test_before_and_after_hand_worked_gain_and_the_undefined_case(pack):
    session = myth_or_fact(pack, 2, pre_post=2)
    play(session, [True, True, False, True, True, True], [None] * 6)
    assert "g undefined" in pre_post_lines(session.summary().pre_post)[1]
    ended = myth_or_fact(pack, 2, pre_post=2)
    play(ended, [False, True], [None] * 2)
    lines = pre_post_lines(ended.summary().pre_post)
    assert len(lines) == 1 and "no gain to report" in lines[0]


def test_pre_post_needs_questions_left_for_the_quiz(pack):
    from tui.core.selection import SelectionError

    with pytest.raises(SelectionError):
        Session.create(pack, seed=1, count=None, only_ids=[pack.items[0].id], pre_post=1)


def test_all_fact_answers_lean_toward_naivety_hand_worked():
    d = discernment([Answer("myth", "fact")] * 3 + [Answer("fact", "fact")] * 5)
    assert d.lean == "naivety" and d.d_prime == 0.0
    # Hit rate 0.5/4 (no myth called a myth), false alarms 0.5/6: c = −(−1.150 − 1.383) / 2.
    assert d.bias == pytest.approx(1.267, abs=0.001)
    lines = discernment_lines(d)
    assert lines[1] == ("You answered \"fact\" to every myth-or-fact question (8 of them): a strong lean toward "
                        "naivety, not telling myths from facts, whatever the score.")
    assert lines[-1].startswith("Discernment d′ = 0.00 (0 is chance); bias c = 1.27")


def test_a_well_told_session_gets_no_chance_line():
    d = discernment([Answer("myth", "myth")] * 6 + [Answer("fact", "fact")] * 6)
    assert not any("chance," in line for line in discernment_lines(d))


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from([1, 2, 3]), st.booleans()), max_size=40))
def test_certainty_score_never_beats_sure_on_every_right_answer(marked):
    c = calibration(marked)
    assert -6 * len(marked) <= c.score <= c.possible == 3 * len(marked)
    assert sum(n for _, n in c.levels.values()) == len(marked)


def _answer(store: Store, pack, item_id: str, right: bool, certainty: int | None) -> None:
    session = Session.create(pack, seed=1, count=None, only_ids=[item_id], certainty=certainty is not None)
    item = session.current
    option = item.answer if right else next(o for o in session.options() if o != item.answer)
    session.answer(option, certainty)
    store.record_answer(session, session.records[-1])


def test_review_asks_errors_made_when_sure_first(tmp_path, pack):
    store = Store(tmp_path)
    ids = [item.id for item in pack.items if item.type == "myth-or-fact"][:4]
    # Missed more often, but not when sure: would come first without certainty.
    _answer(store, pack, ids[0], False, None)
    _answer(store, pack, ids[0], False, 1)
    _answer(store, pack, ids[1], False, 2)
    _answer(store, pack, ids[2], False, 3)
    # Wrong when sure once, right since: no longer a confident error.
    _answer(store, pack, ids[3], False, 3)
    _answer(store, pack, ids[3], True, 3)
    later = datetime.now(timezone.utc) + timedelta(days=400)
    due = store.due_for_review(ids, at=later)
    assert due[0] == ids[2]
    assert due.index(ids[0]) < due.index(ids[1])  # otherwise as before: the most missed next
    assert due[-1] == ids[3]  # last answered right
    # Kept per answer, for exports and stats.
    rows = [answer.certainty for _, answers in store.sessions() for answer in answers]
    assert rows == [None, 1, 2, 3, 3, 3]


def test_no_advice_where_another_level_would_only_have_paid_the_same():
    # Right 2 of 3 times when fairly sure: +2 +2 −2 = 2, the same as 1 + 1 + 0 when not sure.
    lines = calibration_lines(calibration([(2, True), (2, True), (2, False)] * 2))
    assert len(lines) == 2
    # Right 1 of 3 times: "not sure" (1) beats "fairly sure" (−2).
    assert "\"not sure\" would have paid more" in calibration_lines(
        calibration([(2, True), (2, False), (2, False)] * 2))[2]


def test_before_and_after_of_one_kind_compares_no_d_prime(pack):
    # The reviewer's run: one pre/post question, a myth, answered "Fact" before and "Myth" after.
    session = Session.create(pack, seed=9, count=2, kind="myth-or-fact", pre_post=1)
    assert session.items[0].answer == "Myth"
    for typed in ("Fact", "Myth", "Fact", "Myth"):
        session.answer(typed)
        session.next()
    lines = pre_post_lines(session.summary().pre_post)
    assert lines[-1] == ("Discernment cannot be compared before and after: only myths were answered. "
                         "Before, your answers showed a slight lean toward naivety; after, no lean.")
    assert "d′ =" not in " ".join(lines)


def test_before_and_after_with_both_kinds_compares_the_figures():
    from tui.core.before_after import pre_post

    myth_fact = [Answer("myth", "myth"), Answer("fact", "myth")]
    p = pre_post(2, [True, False], [True, True], discernment(myth_fact),
                 discernment([Answer("myth", "myth"), Answer("fact", "fact")]))
    assert pre_post_lines(p)[-1] == ("Telling myths from facts, before: d′ = 0.00, c = −0.67, a strong lean toward "
                                     "distrust (\"myth\" to every one); after: d′ = 1.35, c = 0.00, no lean.")


def test_the_trend_words_compare_the_averages_they_quote():
    from tui.core.score_words import number
    from tui.core.stats import SessionPoint, Stats, trend_lines

    def point(myths: tuple[int, int], facts: tuple[int, int]) -> SessionPoint:
        d = discernment([Answer("myth", "myth")] * myths[0] + [Answer("myth", "fact")] * myths[1]
                        + [Answer("fact", "fact")] * facts[0] + [Answer("fact", "myth")] * facts[1])
        return SessionPoint("2026-12-01", 0, 0, False, d)

    # Four measured quizzes, a myths-only one between them (left out, and said so).
    points = [point((1, 3), (1, 3)), point((2, 2), (2, 2)), point((3, 0), (0, 0)), point((4, 0), (3, 1)),
              point((4, 0), (4, 0))]
    lines = trend_lines(Stats(tuple(points), (), None, 0, 0, 0, 0, 0))
    ds = [p.discernment.d_prime for p in points if p.discernment.measured]
    earlier, later = (ds[0] + ds[1]) / 2, (ds[2] + ds[3]) / 2
    assert len([line for line in lines if line.startswith("  2026")]) == 4
    assert (f"Discernment is rising: d′ averaged {number(earlier)} over the first 2 quizzes and "
            f"{number(later)} over the last 2 (0 is chance; higher tells them apart better).") in lines
    assert number(ds[0]).startswith("−") and f"d′ = {number(ds[0])}," in lines[1]
    assert lines[-1] == "1 quiz with only myths or only facts is left out: it cannot measure discernment."
    # Only one-sided quizzes: no trend, and why (under the stats screen's heading too).
    one_sided = Stats((points[2],), (), None, 0, 0, 0, 0, 0)
    assert trend_lines(one_sided) == ["Telling myths from facts: no quiz yet asked both myths and facts; 1 quiz "
                                      "with only myths or only facts is left out: it cannot measure discernment."]
    assert trend_lines(one_sided, titled=False)[0].startswith("No quiz yet asked both myths and facts; 1 quiz")
