"""A session's summary as a learner reads it: the score out of the answers whose verdict
was shown, per topic, the missed questions (errors made when sure first, with certainty),
the certainty-based score, myths and facts, and before against after."""

from __future__ import annotations

from tui.core.engine import Session
from tui.core.summary import confident_errors_first


def play(session: Session, plan: list[tuple[bool, int | None]]) -> None:
    for right, certainty in plan:
        item = session.current
        option = item.answer if right else next(o for o in session.options() if o != item.answer)
        session.answer(option, certainty if session.asks_certainty() else None)
        session.next()


def test_errors_made_when_sure_come_first_each_item_once(pack):
    a, b, c = pack.items[:3]
    assert confident_errors_first([(a, 1), (b, 3), (a, 3), (c, None)]) == [b, a, c]
    assert confident_errors_first([(a, 2), (b, None), (c, 1)]) == [a, b, c]  # none sure: as answered
    assert confident_errors_first([]) == []


def test_a_quiz_without_certainty_lists_the_missed_in_the_order_answered(pack):
    session = Session.create(pack, seed=6, count=4)
    play(session, [(True, None), (False, None), (True, None), (False, None)])
    summary = session.summary()
    assert [i.id for i in summary.missed] == [session.items[1].id, session.items[3].id]
    assert (summary.score, summary.answered, summary.total, summary.percent) == (2, 4, 4, 50)
    assert summary.certainty is None and summary.pre_post is None
    assert "Certainty" not in dict(summary.sections())
    assert "Before and after" not in dict(summary.sections())
    assert sum(t.total for t in summary.by_topic) == 4 and sum(t.right for t in summary.by_topic) == 2


def test_questions_asked_before_and_after_are_scored_apart_hand_worked(pack):
    session = Session.create(pack, seed=3, count=3, kind="myth-or-fact", certainty=True, pre_post=2)
    assert session.total == 7  # 2 before, 3 in the quiz, the same 2 after
    # before: wrong, right; quiz: right sure, wrong not sure, wrong sure; after: right fairly sure, wrong not sure
    play(session, [(False, None), (True, None), (True, 3), (False, 1), (False, 3), (True, 2), (False, 1)])
    summary = session.summary()
    assert (summary.score, summary.answered, summary.total) == (2, 5, 5)
    assert summary.percent == 40
    # errors made when sure first: question 5, then 4 and the second asked after (item 2 again)
    assert [i.id for i in summary.missed] == [session.items[4].id, session.items[3].id, session.items[1].id]
    assert sum(t.total for t in summary.by_topic) == 5 and sum(t.right for t in summary.by_topic) == 2
    c = summary.certainty
    assert (c.score, c.possible) == (3 + 0 - 6 + 2 + 0, 15)
    assert c.levels == {3: (1, 2), 2: (1, 1), 1: (0, 2)}
    d = summary.discernment
    assert d.myths + d.facts + d.disputed == 5
    p = summary.pre_post
    assert (p.pre, p.post) == ((False, True), (True, False))
    assert p.gain == 0.0
    pre_d, post_d = p.pre_discernment, p.post_discernment
    assert pre_d.myths + pre_d.facts + pre_d.disputed == 2
    assert post_d.myths + post_d.facts + post_d.disputed == 2
    headings = [heading for heading, _ in summary.sections()]
    assert headings == ["Certainty", "Myths and facts", "Before and after"]


def test_only_myth_or_fact_answers_count_toward_discernment(pack):
    session = Session.create(pack, seed=2, count=6, kind="choice")
    play(session, [(True, None)] * 6)
    d = session.summary().discernment
    assert d.myths + d.facts + d.disputed == 0
    assert session.summary().sections() == []


def test_topics_are_counted_one_answer_each(pack):
    threat = [i.id for i in pack.items if i.topic == "threat"][:3]
    session = Session.create(pack, seed=1, count=None, only_ids=threat)
    play(session, [(True, None), (False, None), (True, None)])
    [topic] = session.summary().by_topic
    assert (topic.right, topic.total, topic.percent) == (2, 3, 67)
