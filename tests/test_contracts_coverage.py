"""`mythquiz coverage`: how many substantive sentences of the corpus the pack quotes.
A sentence counts as quoted when at least half of its characters lie in the pack's quotes,
and is left out as boilerplate when at least half lie in a listed boilerplate passage."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.coverage import coverage, pack_quotes, sentences
from tui.core.model import Item, Pack, Quote, Source

TEXT = (
    "NATO was founded in 1949. The U.S. joined at once! Gen. Smith said “Yes.” Then 12 states met.\n"
    "\n"
    "  • – \n"
    "A title line\n"
    "Is it? (Maybe.) No."
)


def test_a_document_is_split_into_sentences_with_their_places():
    found = sentences(TEXT, "doc")
    assert [s.text for s in found] == [
        "NATO was founded in 1949.", "The U.S. joined at once!", "Gen. Smith said “Yes.”",
        "Then 12 states met.", "A title line", "Is it?", "(Maybe.)", "No."]
    assert [s.line for s in found] == [1, 1, 1, 1, 4, 5, 5, 5]
    assert all(TEXT[s.start:s.end] == s.text and s.source == "doc" for s in found)


def test_an_abbreviation_at_the_end_of_a_line_does_not_lose_the_rest():
    assert [s.text for s in sentences("Talks with the U.S. Then more talks.\nSee Vol. 3 of it.")] == [
        "Talks with the U.S. Then more talks.", "See Vol. 3 of it."]


def source(sid: str, boilerplate: tuple[str, ...] = ()) -> Source:
    return Source(id=sid, file=f"{sid}.txt", title=sid, publisher="P", date="2020", date_note="",
                  genre="news report", perspective="", sha256="", boilerplate=boilerplate)


def item(iid: str, type_: str, evidence: tuple[Quote, ...], verdict_by: str = "a", prompt: str = "Q?",
         claim: Quote | None = None) -> Item:
    answer, choices = ("Myth", ()) if type_ == "myth-or-fact" else ("x", ("x", "y"))
    return Item(id=iid, type=type_, topic="t", prompt=prompt, answer=answer, choices=choices,
                verdict_by=verdict_by, explanation="", evidence=evidence, claim_quote=claim)


def make_pack(texts: dict[str, str], items: list[Item], boilerplate: dict[str, tuple[str, ...]] | None = None) -> Pack:
    sources = {sid: source(sid, (boilerplate or {}).get(sid, ())) for sid in texts}
    return Pack("t", "", {"t": "T"}, sources, items, Path("."), Path("."), texts=dict(texts))


DOC_A = "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu. Copyright 2020 The Press."
DOC_B = "Who said this exactly? Nobody at all. Some other words here."


def test_sentences_at_least_half_quoted_count_and_boilerplate_is_left_out():
    pack = make_pack(
        {"a": DOC_A, "b": DOC_B},
        [
            item("i1", "myth-or-fact", (Quote("a", "Alpha beta gamma delta."),)),  # a whole sentence
            item("i2", "choice", (Quote("a", "Epsilon zeta"),)),  # 12 of 23 characters: quoted
            item("i3", "choice", (Quote("a", "Iota kappa"),)),  # 10 of 21: not quoted
            item("i4", "who-said", (), verdict_by="b", prompt="Who said this exactly?"),  # the words said
            item("i5", "myth-or-fact", (), claim=Quote("b", "Some other words here.")),  # a claim quote
        ],
        boilerplate={"a": ("Copyright 2020 The Press.",)},
    )
    result = coverage(pack)
    assert (result.quoted, result.total) == (4, 6)
    assert [s.text for s in result.uncovered] == ["Iota kappa lambda mu.", "Nobody at all."]
    assert result.summary() == "4 of 6 substantive sentences quoted (67%)"
    assert pack_quotes(pack) == {
        "a": {"Alpha beta gamma delta.", "Epsilon zeta", "Iota kappa"},
        "b": {"Who said this exactly?", "Some other words here."}}


def test_exactly_half_quoted_counts_and_exactly_half_boilerplate_is_left_out():
    doc = "Abcd efgh. Ijkl mnop."  # two sentences of 10 characters
    half = coverage(make_pack({"a": doc}, [item("i", "choice", (Quote("a", "Abcd "),))]))
    assert (half.quoted, half.total) == (1, 2)
    boiler = coverage(make_pack({"a": doc}, [], boilerplate={"a": ("Ijkl ",)}))
    assert (boiler.quoted, boiler.total) == (0, 1)
    less = coverage(make_pack({"a": doc}, [], boilerplate={"a": ("Ijkl",)}))  # 4 of 10: still counted
    assert (less.quoted, less.total) == (0, 2)


def test_every_place_of_a_repeated_boilerplate_passage_is_left_out():
    doc = "Read more here. Real news today. Read more here."
    result = coverage(make_pack({"a": doc}, [], boilerplate={"a": ("Read more here.",)}))
    assert (result.total, [s.text for s in result.uncovered]) == (1, ["Real news today."])


def test_a_corpus_with_nothing_substantive_is_fully_covered():
    result = coverage(make_pack({"a": "\n  \n"}, []))
    assert (result.quoted, result.total, result.percent) == (0, 0, 100.0)
    assert result.summary() == "0 of 0 substantive sentences quoted (100%)"


def test_quotes_spread_over_a_document_each_count_only_for_their_own_sentence():
    doc = ("Delta eps gamma delta gamma alpha. Eps theta beta beta gamma gamma. Beta iota. "
           "Iota eps iota delta delta.")
    quotes = ["Beta", "Eps theta bet", "Iota eps iota delta de", "Delta eps "]
    result = coverage(make_pack({"a": doc}, [item(f"i{n}", "choice", (Quote("a", q),)) for n, q in enumerate(quotes)]))
    assert (result.quoted, result.total) == (1, 4)  # only the last sentence is half quoted or more


def test_a_boilerplate_passage_found_twice_leaves_both_places_out():
    doc = "Kappa gamma. Delta delta beta theta gamma. Kappa gamma. Alpha eps delta gamma."
    result = coverage(make_pack({"a": doc}, [], boilerplate={"a": ("Kappa gamma.",)}))
    assert (result.quoted, result.total) == (0, 2)


def test_a_fully_quoted_corpus_is_a_hundred_percent():
    doc = "Abcd efgh. Ijkl mnop."
    result = coverage(make_pack({"a": doc}, [item("i", "choice", (Quote("a", doc),))]))
    assert result.percent == 100.0 and result.summary() == "2 of 2 substantive sentences quoted (100%)"


@pytest.mark.parametrize("doc, quote, credited", [
    # A long quote that also occurs inside a word earlier: the occurrence that begins a word.
    ("Thexabcdefghijkl is odd. Then abcdefghijkl again.", "abcdefghijkl", "Then abcdefghijkl again."),
    # A long quote found only inside a word: its first occurrence.
    ("Thexabcdefghijkl is odd. Then zabcdefghijkl again.", "abcdefghijkl", "Thexabcdefghijkl is odd."),
])
def test_coverage_credits_the_sentence_the_reader_highlights(doc, quote, credited):
    """The source reader (`Pack.locate`) and the coverage count place a quote at the same
    occurrence, so the sentence counted as quoted is the one a learner is shown."""
    pack = make_pack({"a": doc}, [item("i", "choice", (Quote("a", quote),))])
    offset = pack.locate(Quote("a", quote))[0]
    result = coverage(pack)
    uncovered = [s.text for s in result.uncovered]
    assert credited not in uncovered and len(uncovered) == 1, uncovered
    assert doc.index(credited) <= offset < doc.index(credited) + len(credited)
