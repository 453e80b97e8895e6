"""The words around a verdict, as a learner reads them after an answer, in `show`, the
handout and the exports: each rule of `tui.core.wording` pinned by what it must print.

Items are the embedded pack's own, varied with `_replace` where a rule needs a case the
pack does not hold (an answer starting with "The", a source that is a party's statement).
"""

from __future__ import annotations

import pytest

from tui.core.model import Claimant, Quote
from tui.core.pack import load_pack
from tui.core.wording import (
    claimant_row,
    evidence_label,
    excerpt_block,
    fit,
    given_words,
    missed_sentence,
    party_line,
    question_text,
    rating_name,
    sentence,
    side_heading,
    sides,
    source_line,
    source_name,
    topic_line,
    verdict_line,
)


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def first(pack, type_, answer=None):
    return next(i for i in pack.items if i.type == type_ and (answer is None or i.answer == answer))


# ---- verdicts ----


def test_a_myth_is_called_a_myth_by_its_verdict_source(pack):
    item = first(pack, "myth-or-fact", "Myth")._replace(verdict_by="nato-2017")
    assert verdict_line(item, pack.sources) == "NATO's 2017 fact sheet calls this a myth."


def test_a_fact_is_supported_by_its_verdict_source(pack):
    item = first(pack, "myth-or-fact", "Fact")._replace(verdict_by="rferl-2016")
    assert verdict_line(item, pack.sources) == "RFE/RL's report of January 2016 (year inferred) supports this."


def test_a_who_said_verdict_names_the_speaker(pack):
    item = first(pack, "who-said")._replace(verdict_by="putin-2019", answer="Vladimir Putin")
    assert verdict_line(item, pack.sources) == (
        "The December 2019 report of Putin's remarks (date inferred) names Vladimir Putin as the speaker.")


def test_a_choice_verdict_fits_the_answer_into_the_sentence(pack):
    item = first(pack, "choice")._replace(verdict_by="nato-2022", answer="The United States")
    assert verdict_line(item, pack.sources) == "The answer is the United States; NATO's 2022 fact sheet says so."
    assert rating_name(item, pack.sources) == "The answer is the United States; NATO's 2022 fact sheet says so"


def test_a_verdict_source_missing_from_the_pack_is_named_as_the_pack(pack):
    item = first(pack, "myth-or-fact", "Myth")._replace(verdict_by="")
    assert verdict_line(item, pack.sources) == "The pack calls this a myth."
    assert source_name(None) == "the pack"


def test_a_disputed_verdict_names_who_takes_each_declared_side(pack):
    base = first(pack, "myth-or-fact", "Disputed")
    evidence = (
        Quote("nato-2017", "a", side="against"),
        Quote("putin-2019", "b", said_by="Vladimir Putin", side="for"),
        Quote("nato-2017", "c", side="against"),
        Quote("suciu-2022", "d", side="against"),
    )
    item = base._replace(evidence=evidence)
    assert verdict_line(item, pack.sources) == (
        "Disputed: Vladimir Putin supports this; NATO's 2017 fact sheet and "
        "Peter Suciu's analysis (2022, date inferred) dispute it.")
    assert rating_name(item, pack.sources) == verdict_line(item, pack.sources).rstrip(".")
    two = item._replace(evidence=evidence[:2])
    assert verdict_line(two, pack.sources) == (
        "Disputed: Vladimir Putin supports this; NATO's 2017 fact sheet disputes it.")


def test_sides_follow_the_declared_side_not_the_order_quoted(pack):
    item = first(pack, "myth-or-fact", "Disputed")._replace(evidence=(
        Quote("nato-2017", "a", side="against"), Quote("putin-2019", "b", said_by="Vladimir Putin", side="for"),
        Quote("nato-2017", "c", side="against"), Quote("putin-2019", "d", side="for")))
    grouped = sides(item, pack.sources)
    assert [(side.stance, side.who, [q.text for q in side.quotes]) for side in grouped] == [
        ("for", "Vladimir Putin and the December 2019 report of Putin's remarks (date inferred)", ["b", "d"]),
        ("against", "NATO's 2017 fact sheet", ["a", "c"])]
    assert side_heading(grouped[0]) == (
        "Vladimir Putin and the December 2019 report of Putin's remarks (date inferred) support this:")
    assert side_heading(grouped[1]) == "NATO's 2017 fact sheet disputes it:"


# ---- a party's own statement ----


def test_a_verdict_from_a_fact_sheet_says_it_is_one_partys_statement(pack):
    item = first(pack, "myth-or-fact", "Myth")._replace(verdict_by="nato-2017")
    assert party_line(item, pack.sources) == "NATO's 2017 fact sheet is one party's own statement, not a neutral judge."


def test_a_neutral_or_missing_verdict_source_gets_no_party_line(pack):
    item = first(pack, "myth-or-fact", "Fact")
    assert party_line(item._replace(verdict_by="rferl-2016"), pack.sources) is None
    assert party_line(item._replace(verdict_by=""), pack.sources) is None


def test_a_disputed_item_gets_no_party_line_even_with_a_fact_sheet_as_verdict_source(pack):
    item = first(pack, "myth-or-fact", "Disputed")._replace(verdict_by="nato-2017")
    assert party_line(item, pack.sources) is None


# ---- who makes the claim ----


def test_who_makes_a_myth_and_who_reports_it(pack):
    item = first(pack, "myth-or-fact", "Myth")._replace(
        claimed_by=Claimant("Russian government", per="nato-2017"))
    assert claimant_row(item, pack.sources) == (
        "Who makes this claim", "Russian government, as NATO's 2017 fact sheet reports it")


def test_whose_statement_a_fact_is_without_a_reporter(pack):
    item = first(pack, "myth-or-fact", "Fact")._replace(claimed_by=Claimant("Vladimir Putin", "Person"))
    assert claimant_row(item, pack.sources) == ("Whose statement this is", "Vladimir Putin")


def test_no_claimant_row_for_other_types_or_no_claimant(pack):
    claimant = Claimant("Russian government", per="nato-2017")
    assert claimant_row(first(pack, "choice")._replace(claimed_by=claimant), pack.sources) is None
    assert claimant_row(first(pack, "myth-or-fact", "Myth")._replace(claimed_by=None), pack.sources) is None


# ---- answers inside sentences ----


@pytest.mark.parametrize("answer,fitted", [
    ("The United States", "the United States"),
    ("Twelve", "twelve"),
    ("Bill Clinton refused", "Bill Clinton refused"),
    ("Article 10.", "Article 10"),  # a closing full stop goes: the sentence has its own
    ("It ended...", "it ended..."),  # an ellipsis stays
    ("  The alliance  ", "the alliance"),
    ("All: twelve", "all: twelve"),  # a first word followed by punctuation
])
def test_an_answer_keeps_its_capitals_unless_its_first_word_never_begins_a_name(answer, fitted):
    assert fit(answer) == fitted


def test_what_the_learner_answered_reads_inside_a_sentence():
    assert given_words("Myth") == "Myth"
    assert given_words("Disputed") == "Disputed"
    assert given_words("The Baltic states.") == "the Baltic states"


@pytest.mark.parametrize("text,ended", [
    ("Topic: Dialogue", "Topic: Dialogue."),
    ("Is NATO a threat?", "Is NATO a threat?"),
    ("Stop!", "Stop!"),
    ("He said “no.”", "He said “no.”"),
    ("He said \"no\"", "He said \"no\""),
    ("And then…", "And then…"),
    ("As follows:", "As follows:"),
    ("Done.  ", "Done."),
])
def test_a_sentence_ends_once(text, ended):
    assert sentence(text) == ended


def test_questions_read_as_their_type_asks(pack):
    myth = first(pack, "myth-or-fact")
    who = first(pack, "who-said")
    choice = first(pack, "choice")
    assert question_text(myth) == f"Myth or fact? {myth.prompt}"
    assert question_text(who) == f"Who said: “{who.prompt}”?"
    assert question_text(choice) == choice.prompt
    assert topic_line("Is NATO a threat to Russia?") == "Topic: Is NATO a threat to Russia?"
    assert topic_line("Dialogue") == "Topic: Dialogue."


def test_a_missed_question_is_followed_by_its_answer(pack):
    item = first(pack, "myth-or-fact", "Myth")._replace(prompt="NATO attacks", verdict_by="nato-2017")
    assert missed_sentence(item, pack.sources) == (
        "Myth or fact? NATO attacks. NATO's 2017 fact sheet calls this a myth.")


# ---- excerpts ----


def test_an_excerpt_is_a_block_with_its_source_below(pack):
    source = pack.sources["nato-2017"]
    block = excerpt_block("First line\nsecond line", source, line=12)
    assert block == ["│ First line", "│ second line", f"— {source.byline}, line 12"]
    assert excerpt_block("x", source, bar="> ") == ["> x", f"— {source.byline}"]


def test_a_quoted_speaker_is_named_before_the_source(pack):
    source = pack.sources["putin-2019"]
    assert source_line(source, 3, "Vladimir Putin") == f"— Vladimir Putin, quoted in {source.byline}, line 3"
    assert source_line(source) == f"— {source.byline}"


def test_evidence_is_numbered_only_when_there_is_more_than_one():
    assert evidence_label(1, 1) == "Evidence"
    assert evidence_label(2, 3) == "Evidence 2 of 3"
