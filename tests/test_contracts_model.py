"""The model's properties as the app shows them: dates in words (inferred ones marked), how
a source is named, which items are disputed, the answers offered, search text, where a
quote stands (line and column), how often each source is cited, and quotation marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.model import Claimant, Item, Pack, Quote, Source, human_date, quoted

DOC = "First line\nSecond line here\n\nFourth: the quote is here.\n"


def source(**changes) -> Source:
    base = Source(id="alpha", file="alpha.txt", title="Alpha Report", publisher="Alpha Press", date="2022-09-21",
                  date_note="printed", genre="news report", perspective="theirs", sha256="0" * 64)
    return base._replace(**changes)


def item(**changes) -> Item:
    base = Item(id="m-one", type="myth-or-fact", topic="threat", prompt="A claim.", answer="Myth", choices=(),
                verdict_by="alpha", explanation="Because.", evidence=(Quote("alpha", "the quote is here"),))
    return base._replace(**changes)


def pack(items: list[Item], texts: dict[str, str] | None = None, sources: dict[str, Source] | None = None) -> Pack:
    return Pack("T", "D", {"threat": "Is it a threat?"}, sources or {"alpha": source(), "beta": source(id="beta")},
                items, Path("content"), Path("corpus"), texts=texts if texts is not None else {"alpha": DOC})


@pytest.mark.parametrize(("iso", "words"), [
    ("2022-09-21", "21 September 2022"), ("2022-01-05", "5 January 2022"), ("2022-12", "December 2022"),
    ("2022-01", "January 2022"), ("2017", "2017"), ("2022-13", "2022-13"), ("2022-xx-01", "2022-xx-01"),
])
def test_human_date(iso, words):
    assert human_date(iso) == words


def test_a_source_is_named_by_its_cite_as_else_by_genre_publisher_and_date():
    assert source().name == "news report by Alpha Press, 21 September 2022"
    assert source(cite_as="Alpha's report").name == "Alpha's report"
    assert source(publisher=None).name == "news report by an unnamed publisher, 21 September 2022"
    assert source(date="2017", date_inferred=True).name == "news report by Alpha Press, 2017 (inferred)"
    assert source().date_inferred is False and source().shown_date == "21 September 2022"


def test_a_sources_byline():
    assert source().byline == "Alpha Report — Alpha Press, 21 September 2022 (news report)"
    assert source(publisher=None).byline == (
        "Alpha Report — publisher not named in the text, 21 September 2022 (news report)")


def test_a_fact_sheet_is_a_partys_statement():
    assert source(genre="official fact sheet").is_party_statement
    assert not source(genre="news report").is_party_statement


def test_only_a_disputed_myth_or_fact_item_is_disputed():
    assert item(answer="Disputed").disputed
    assert not item(answer="Myth").disputed
    assert not item(type="choice", answer="Disputed", choices=("Disputed", "Agreed", "Unknown")).disputed


def test_the_answers_offered():
    assert item().options == ("Myth", "Fact", "Disputed")
    assert item(type="choice", choices=("a", "b", "c")).options == ("a", "b", "c")
    assert item(type="who-said", choices=("x", "y", "z")).kind_label == "Who said it?"
    assert item().kind_label == "Myth or fact?"
    assert item().line == 0 and item().file == ""


def test_search_text_holds_every_text_of_the_item_casefolded():
    text = item(claimed_by=Claimant("Critics Of NATO"), claim_quote=Quote("beta", "Their Words"),
                evidence=(Quote("alpha", "First Quote"), Quote("alpha", "Second Quote"))).searchable_text()
    for part in ("m-one", "a claim.", "myth", "because.", "first quote", "second quote", "critics of nato",
                 "their words"):
        assert part in text.split("\n")
    assert item().searchable_text() == "m-one\na claim.\nmyth\nbecause.\nthe quote is here"


def test_items_found_by_id_and_topics_named():
    p = pack([item(), item(id="m-two")])
    assert p.item("m-two") == item(id="m-two")
    assert p.item("m-three") is None
    assert p.topic_name("threat") == "Is it a threat?" and p.topic_name("other") == "other"


def test_a_quote_is_placed_by_line_and_column():
    p = pack([item()])
    assert p.locate(Quote("alpha", "First")) == (0, 1, 1)
    assert p.locate(Quote("alpha", "line here")) == (18, 2, 8)
    assert p.locate(Quote("alpha", "the quote is here")) == (37, 4, 9)
    assert p.locate(Quote("alpha", "the quote is here")) == (37, 4, 9)  # again, from the same lines
    assert p.locate(Quote("alpha", "Fourth")) == (29, 4, 1)
    assert p.locate(Quote("alpha", "not in the document")) is None


def test_a_document_is_read_from_its_file_once(tmp_path):
    doc = tmp_path / "alpha.txt"
    doc.write_text(DOC, encoding="utf-8")
    p = pack([item()], texts={}, sources={"alpha": source(path=doc)})
    assert p.text_of("alpha") == DOC
    doc.unlink()
    assert p.text_of("alpha") == DOC
    given = pack([item()], sources={"alpha": source(path=None)})
    assert given.text_of("alpha") == DOC  # a text handed in is used, no file read


def test_citation_counts_each_item_once_per_source():
    items = [
        item(evidence=(Quote("alpha", "a"), Quote("alpha", "b"))),  # alpha: evidence and verdict, once
        item(id="two", verdict_by="beta", evidence=(Quote("alpha", "a"),)),
        item(id="three", verdict_by="", claim_quote=Quote("beta", "c"), evidence=(Quote("gamma", "x"),)),
    ]
    assert pack(items).citation_counts() == {"alpha": 2, "beta": 2}
    assert pack([]).citation_counts() == {"alpha": 0, "beta": 0}


@pytest.mark.parametrize(("text", "shown"), [
    ("plain", "“plain”"), ("“already”", "“already”"), ('"straight"', '"straight"'), ("'single'", "'single'"),
    ("«guillemets»", "«guillemets»"), ("a “mid” mark", "“a “mid” mark”"),
])
def test_quoted_adds_marks_unless_the_text_has_its_own(text, shown):
    assert quoted(text) == shown
