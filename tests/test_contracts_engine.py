"""What a learner relies on from the quiz engine, each rule pinned where a mutation run
showed no test would notice it broken: revealing an answer without grading, feedback
that still names its sources when built without the pack's, selection bounds, and the
figures of a summary."""

from __future__ import annotations

import pytest

from tui.core.engine import Session
from tui.core.selection import SelectionError, new_seed, select_items


def wrong_option(session: Session) -> str:
    return next(o for o in session.options() if o != session.current.answer)


def test_a_revealed_answer_is_shown_without_grading_anyone(pack):
    session = Session.create(pack, seed=11, count=2)
    item = session.current
    feedback = session.reveal()
    assert feedback.item == item and feedback.given == ""
    assert session.score == 0 and session.records == []
    assert not session.awaiting_answer
    with pytest.raises(ValueError):
        session.reveal()  # once per question
    with pytest.raises(ValueError):
        session.answer(item.answer)  # and no answer after it
    session.next()
    assert session.current is not item and session.awaiting_answer


def test_nothing_is_revealed_after_the_last_question(pack):
    session = Session.create(pack, seed=11, count=1)
    session.reveal()
    session.next()
    assert session.finished and session.current is None and session.options() == ()
    with pytest.raises(ValueError):
        session.reveal()
    with pytest.raises(ValueError):
        session.answer("Myth")


def test_feedback_built_without_the_packs_sources_names_the_verdict_source(pack):
    session = Session.create(pack, seed=1, count=None, kind="myth-or-fact")
    while session.current.answer == "Disputed" or not session.current.verdict_by:
        session.reveal()
        session.next()
    feedback = session.answer(session.current.answer)
    name = pack.sources[session.current.verdict_by].name
    # Only the verdict source is known: the sentence must still name it, not "the pack".
    bare = feedback._replace(sources=None, excerpts=())
    assert name in bare.right_answer_line
    assert bare.right_answer_line == feedback.right_answer_line


def test_feedback_without_the_packs_sources_names_a_disputes_sides_from_its_excerpts(pack):
    session = Session.create(pack, seed=1, count=None, kind="myth-or-fact")
    while session.current.answer != "Disputed":
        session.reveal()
        session.next()
    feedback = session.answer("Disputed")
    bare = feedback._replace(sources=None)
    assert bare.right_answer_line == feedback.right_answer_line


def test_a_quiz_of_one_question_is_allowed_and_of_none_is_not(pack):
    assert len(select_items(pack, seed=5, count=1)) == 1
    with pytest.raises(SelectionError):
        select_items(pack, seed=5, count=0)


def test_asking_for_more_questions_than_match_gives_all_of_them_in_the_seeds_order(pack):
    every = select_items(pack, seed=8, count=None, kind="who-said")
    assert len(every) == sum(1 for i in pack.items if i.type == "who-said")
    assert select_items(pack, seed=8, count=len(every) + 5, kind="who-said") == every
    assert select_items(pack, seed=8, count=len(every), kind="who-said") == every
    assert select_items(pack, seed=8, count=3, kind="who-said") == every[:3]


def test_chosen_ids_are_asked_in_the_order_given(pack):
    wanted = [pack.items[5].id, pack.items[0].id, pack.items[9].id]
    assert [i.id for i in select_items(pack, seed=1, count=None, only_ids=wanted)] == wanted
    assert [i.id for i in select_items(pack, seed=1, count=2, only_ids=wanted)] == wanted[:2]


def test_a_seed_shown_to_the_user_has_at_most_six_digits():
    seeds = {new_seed() for _ in range(200)}
    assert all(0 <= s < 1_000_000 for s in seeds)
    assert len(seeds) > 1


def test_the_question_number_counts_from_one_and_stops_at_the_total(pack):
    session = Session.create(pack, seed=2, count=2)
    assert (session.number, session.total) == (1, 2)
    session.answer(session.options()[0])
    assert session.number == 1  # still question 1 while its feedback shows
    session.next()
    assert session.number == 2
    session.answer(session.options()[0])
    session.next()
    assert session.finished and session.number == 2


def test_a_summary_counts_right_answers_per_topic_and_rounds_the_percentage(pack):
    session = Session.create(pack, seed=4, count=None, topic="threat")
    pattern = [True, False, True]
    for right in pattern:
        session.answer(session.current.answer if right else wrong_option(session))
        session.next()
    summary = session.summary()
    assert summary.score == 2 and summary.answered == 3
    assert summary.percent == 67  # 2 of 3, rounded
    [topic] = summary.by_topic
    assert (topic.topic, topic.name, topic.right, topic.total, topic.percent) == (
        "threat", pack.topic_name("threat"), 2, 3, 67)
    assert [i.id for i in summary.missed] == [session.items[1].id]


def test_a_summary_lists_topics_in_the_packs_order_and_none_unanswered(pack):
    topics = list(pack.topics)
    ids = [next(i.id for i in pack.items if i.topic == topics[2]),
           next(i.id for i in pack.items if i.topic == topics[0])]
    session = Session.create(pack, seed=1, count=None, only_ids=ids)
    session.answer(wrong_option(session))
    session.next()
    session.answer(session.current.answer)
    summary = session.summary()
    assert [(t.topic, t.right, t.total, t.percent) for t in summary.by_topic] == [
        (topics[0], 1, 1, 100), (topics[2], 0, 1, 0)]


def test_an_empty_summary_is_zero_percent(pack):
    summary = Session.create(pack, seed=4, count=3).summary()
    assert (summary.score, summary.answered, summary.percent, summary.by_topic, summary.missed) == (0, 0, 0, (), ())


def test_discernment_counts_only_myth_or_fact_answers(pack):
    myth = next(i for i in pack.items if i.type == "myth-or-fact" and i.answer == "Myth")
    fact = next(i for i in pack.items if i.type == "myth-or-fact" and i.answer == "Fact")
    choice = next(i for i in pack.items if i.type == "choice")
    session = Session.create(pack, seed=1, count=None, only_ids=[myth.id, fact.id, choice.id])
    session.answer("Myth")
    session.next()
    session.answer("Myth")  # a fact called a myth
    session.next()
    session.answer(session.current.answer)
    d = session.summary().discernment
    assert (d.myths, d.myths_called_myths, d.facts, d.facts_called_myths) == (1, 1, 1, 1)
    assert d.lean == "distrust"


def test_typed_answers_outside_the_options_are_not_taken(pack):
    session = Session.create(pack, seed=1, count=None, kind="myth-or-fact")
    assert session.parse_answer("0") is None
    assert session.parse_answer("   ") is None
    assert session.parse_answer("disputed") == "Disputed"
    assert session.parse_answer("FACT") == "Fact"
    assert session.parse_answer("Mythical") is None
    choice = Session.create(pack, seed=1, count=None, kind="choice")
    options = choice.options()
    assert choice.parse_answer(f" {options[1].upper()} ") == options[1]
    assert choice.parse_answer(str(len(options) + 1)) is None
    assert choice.parse_answer("1") == options[0]


def test_a_run_of_wrong_answers_has_no_streak(pack):
    session = Session.create(pack, seed=6, count=3)
    for _ in range(3):
        feedback = session.answer(wrong_option(session))
        assert feedback.streak == 0
        session.next()
    assert session.best_streak == 0 and session.summary().best_streak == 0


def test_what_the_questions_were_chosen_by_is_kept_with_the_session(pack):
    assert Session.create(pack, seed=1, topic="threat", kind="choice").filter == "topic=threat type=choice"
    assert Session.create(pack, seed=1, topic="threat").filter == "topic=threat"
    assert Session.create(pack, seed=1).filter is None


def test_an_excerpt_that_cannot_be_placed_has_no_line(pack):
    from tui.core.answers import excerpt
    from tui.core.model import Quote

    for quote in pack.items[1].evidence:  # quotes from a few lines into their documents
        placed = excerpt(pack, quote)
        line = pack.text_of(quote.source).split("\n")[placed.line - 1]
        assert line[placed.column - 1:].startswith(quote.text.split("\n")[0])
    lost = excerpt(pack, Quote(pack.items[0].evidence[0].source, "words that are in no document at all"))
    assert (lost.line, lost.column) == (0, 0)


def test_times_are_kept_to_the_millisecond_per_answer_and_the_tenth_per_quiz(pack, monkeypatch):
    from tui.core import engine

    clock = iter([10.0, 11.23456, 22.3456])  # created, answered, summary
    monkeypatch.setattr(engine.time, "monotonic", lambda: next(clock))
    session = Session.create(pack, seed=2, count=2)
    session.answer(session.options()[0])
    assert session.records[0].seconds == 1.235
    assert session.summary().seconds == 12.3


def test_a_quiz_is_not_a_review_and_asks_no_certainty_unless_told(pack):
    made = Session.create(pack, seed=3, count=2)
    direct = Session(pack, list(made.items), seed=3)
    for session in (made, direct):
        assert session.review is False and session.asks_certainty() is False
        feedback = session.answer(session.current.answer)  # no "how sure?" needed
        assert feedback.certainty_line is None
        assert feedback.revealed and session.score == 1  # asked as a quiz question, not held back
    assert Session.create(pack, seed=3, count=2, review=True).review is True


def test_a_facilitators_reveal_shows_the_verdict_as_an_answer_would(pack):
    session = Session.create(pack, seed=11, count=2)
    feedback = session.reveal()
    assert feedback.revealed
    assert feedback.right_answer_line == session.possible_verdicts(0)[session.current.answer].right_answer_line


def test_the_claim_in_its_makers_words_comes_with_the_items_that_quote_it(pack):
    quoted = [i.id for i in pack.items if i.claim_quote][:2]
    plain = [i.id for i in pack.items if not i.claim_quote][:1]
    session = Session.create(pack, seed=1, count=None, only_ids=quoted + plain)
    for _ in range(2):
        claim = session.answer(session.current.answer).claim
        assert claim is not None and claim.quote == session.current.claim_quote
        assert claim.line >= 1 and claim.source == pack.sources[claim.quote.source]
        session.next()
    assert session.answer(session.current.answer).claim is None


def test_myth_or_fact_letters_are_not_answers_to_other_questions(pack):
    for kind in ("choice", "who-said"):
        session = Session.create(pack, seed=1, count=1, kind=kind)
        for typed in ("m", "f", "d", "myth", "fact", "disputed"):
            assert session.parse_answer(typed) is None


def test_a_certainty_score_counts_every_marked_answer_hand_worked(pack):
    session = Session.create(pack, seed=3, count=3, kind="myth-or-fact", certainty=True, pre_post=1)
    plan = [(False, None), (True, 3), (False, 2), (True, 1), (True, 3)]  # before, quiz x3, after
    answered = []
    for right, level in plan:
        item = session.current
        option = item.answer if right else wrong_option(session)
        answered.append(session.answer(option, level).answered)
        session.next()
    assert session.certainty_score == 3 - 2 + 1 + 3
    assert answered == [0, 1, 2, 3, 4]  # the answer before the quiz is not counted
    assert session.score == 3


def test_the_phases_of_a_quiz_without_before_and_after_are_all_quiz(pack):
    from tui.core.answers import QUIZ

    session = Session.create(pack, seed=3, count=3)
    assert [session.phase(i) for i in range(3)] == [QUIZ] * 3
    for n in range(3):
        assert session.answer(session.current.answer).answered == n + 1
        session.next()
    assert [r.phase for r in session.records] == [QUIZ] * 3


def test_seconds_to_answer_count_from_when_each_question_was_shown(pack, monkeypatch):
    from tui.core import engine

    clock = iter([100.0, 112.5, 130.0, 131.25])  # created, answered, next shown, answered
    monkeypatch.setattr(engine.time, "monotonic", lambda: next(clock))
    session = Session.create(pack, seed=1, count=2)
    session.answer(session.options()[0])
    session.next()
    session.answer(session.options()[0])
    assert [record.seconds for record in session.records] == [12.5, 1.25]
