"""What an answer leaves a learner: the verdict's word and mark, what a certainty earned,
each option marked, the verdict prepared before the key the same as the one given after
it, and the evidence placed in its document."""

from __future__ import annotations

from tui.core.answers import excerpt, excerpt_sides
from tui.core.engine import Session


def wrong_option(session: Session) -> str:
    return next(o for o in session.options() if o != session.current.answer)


def test_a_right_answer_reads_correct_with_a_tick_and_a_wrong_one_incorrect_with_a_cross(pack):
    session = Session.create(pack, seed=5, count=2)
    right = session.answer(session.current.answer)
    assert (right.correct, right.verdict_word, right.symbol) == (True, "Correct", "✓")
    session.next()
    wrong = session.answer(wrong_option(session))
    assert (wrong.correct, wrong.verdict_word, wrong.symbol) == (False, "Incorrect", "✗")


def test_what_a_certainty_earned_is_said_only_when_certainty_was_asked(pack):
    plain = Session.create(pack, seed=5, count=1)
    assert plain.answer(plain.current.answer).certainty_line is None
    marked = Session.create(pack, seed=5, count=2, certainty=True)
    assert marked.answer(marked.current.answer, 2).certainty_line == "Fairly sure and right: +2"
    marked.next()
    assert marked.answer(wrong_option(marked), 3).certainty_line == "Sure and wrong: −6"


def test_each_option_is_marked_right_given_or_neither(pack):
    session = Session.create(pack, seed=4, count=2, kind="choice")
    options = session.options()
    right = session.current.answer
    wrong = next(o for o in options if o != right)
    marks = dict(zip(options, session.answer(wrong).option_marks(options)))
    assert marks[right] == ("✓", "right answer") and marks[wrong] == ("✗", "your answer")
    assert all(marks[o] == (" ", "") for o in options if o not in (right, wrong))
    session.next()
    options = session.options()
    marks = dict(zip(options, session.answer(session.current.answer).option_marks(options)))
    assert marks[session.current.answer] == ("✓", "right answer, your answer")
    assert all(mark == (" ", "") for option, mark in marks.items() if option != session.current.answer)


def same_verdict(prepared, given) -> None:
    assert (prepared.item, prepared.given, prepared.correct, prepared.revealed) == (
        given.item, given.given, given.correct, given.revealed)
    assert (prepared.verdict_word, prepared.symbol, prepared.certainty_line) == (
        given.verdict_word, given.symbol, given.certainty_line)
    assert (prepared.right_answer_line, prepared.party_line) == (given.right_answer_line, given.party_line)


def test_the_verdict_prepared_before_the_key_is_the_one_the_answer_gets(pack):
    session = Session.create(pack, seed=9, count=None, kind="myth-or-fact")
    seen = set()
    while not session.finished and len(seen) < 3:  # a myth, a fact and a disputed claim
        item = session.current
        option = wrong_option(session) if item.answer in seen else item.answer
        prepared = session.possible_verdicts(session.index)
        assert set(prepared) == set(session.options())
        same_verdict(prepared[option], session.answer(option))
        seen.add(item.answer)
        session.next()
    assert seen == {"Myth", "Fact", "Disputed"}


def test_a_prepared_verdict_says_what_its_certainty_earns(pack):
    session = Session.create(pack, seed=9, count=2, certainty=True)
    option = wrong_option(session)
    prepared = session.possible_verdicts(session.index, 3)[option]
    same_verdict(prepared, session.answer(option, 3))


def test_an_excerpt_stands_at_its_line_and_column_in_its_document(pack):
    for item in pack.items[:6]:
        for quote in item.evidence:
            placed = excerpt(pack, quote)
            assert placed.source == pack.sources[quote.source]
            lines = pack.text_of(quote.source).split("\n")
            assert placed.line >= 1 and placed.column >= 1
            assert lines[placed.line - 1][placed.column - 1:].startswith(quote.text.split("\n")[0])


def test_a_disputed_claims_excerpts_are_grouped_supporting_side_first(pack):
    item = next(i for i in pack.items if i.disputed)
    excerpts = [excerpt(pack, q) for q in reversed(item.evidence)]
    grouped = excerpt_sides(item, excerpts, pack.sources)
    assert [side.stance for side, _ in grouped] == ["for", "against"]
    for side, group in grouped:
        assert [ex.quote for ex in group] == [q for q in item.evidence if q.side == side.stance]
    assert sum(len(group) for _, group in grouped) == len(item.evidence)
