"""The explainer's words about an item and its sources, as the item page, the source
reader and plain mode show them: whose voice each document carries, who claims and who
rebuts, the headings over the excerpts, and where in a document each quotation is marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.explain import (first_evidence_mark, genre_note, item_detail, item_quotes, reader_marks, roles,
                              source_facts)
from tui.core.model import Claimant, Item, Pack, Quote, Source

TEXTS = {
    "fs": "Fact sheet title\nNATO is a defensive alliance. Its door is open.\nNo threat to Russia.",
    "news": "News report\nThe minister said the alliance is a threat.\nOfficials denied it.",
}


def source(sid: str, genre: str, publisher: str | None = "Publisher", cite_as: str | None = None) -> Source:
    return Source(id=sid, file=f"{sid}.txt", title=f"Title {sid}", publisher=publisher, date="2022-09-21",
                  date_note="printed on the page", genre=genre, perspective="one view", sha256="", cite_as=cite_as)


SOURCES = {"fs": source("fs", "official fact sheet", "NATO", "NATO's fact sheet"),
           "news": source("news", "news report", "RFE/RL", "RFE/RL's report")}


def item(**fields) -> Item:
    base = dict(id="a", type="myth-or-fact", topic="threat", prompt="NATO threatens Russia", answer="Myth",
                choices=(), verdict_by="fs", explanation="Because.",
                evidence=(Quote("fs", "NATO is a defensive alliance."),))
    base.update(fields)
    return Item(**base)


def pack_of(*items: Item) -> Pack:
    return Pack("T", "D", {"threat": "Is NATO a threat?"}, SOURCES, list(items), Path("."), Path("."), texts=dict(TEXTS))


@pytest.mark.parametrize("genre,note", [
    ("official fact sheet", "official fact sheet — one party's own statement, not a neutral report"),
    ("news report", "news report — it reports what others said"),
    ("policy analysis", "policy analysis — one writer's reading of events"),
    ("speech transcript", "speech transcript"),
])
def test_each_kind_of_document_says_whose_voice_it_carries(genre, note):
    assert genre_note(source("x", genre)) == note


def test_source_facts_count_citing_items_in_words():
    facts = dict(source_facts(SOURCES["news"], 1))
    assert facts["Cited by"] == "1 item" and facts["Publisher"] == "RFE/RL"
    assert dict(source_facts(SOURCES["news"], 2))["Cited by"] == "2 items"
    assert dict(source_facts(SOURCES["news"], 0))["Cited by"] == "0 items"
    plain = source_facts(source("x", "speech transcript", publisher=None))
    assert "Cited by" not in dict(plain) and dict(plain)["Publisher"] == "not named in the text"
    assert plain[-1] == ("File", "x.txt")


def test_who_rebuts_a_myth_and_who_judges_a_fact():
    assert [label for label, _ in roles(pack_of(), item())] == ["Who rebuts it"]
    assert [label for label, _ in roles(pack_of(), item(answer="Fact"))] == ["Judged a fact by"]
    claimed = item(claimed_by=Claimant("Sergei Lavrov", "Person"))
    assert [label for label, _ in roles(pack_of(), claimed)] == ["Who makes this claim", "Who rebuts it"]
    who = item(type="who-said", prompt="Its door is open.", answer="NATO", choices=("NATO", "Russia", "RFE/RL"))
    assert roles(pack_of(), who) == [("Reported by", "NATO's fact sheet: “Title fs”, NATO, 21 September 2022; "
                                                    "official fact sheet — one party's own statement, not a "
                                                    "neutral report")]
    choice = item(type="choice", answer="Article 10", choices=("Article 5", "Article 10", "Article 4"))
    assert [label for label, _ in roles(pack_of(), choice)] == ["Source of the answer"]


def test_a_disputed_claim_names_each_document_once_under_its_side():
    disputed = item(answer="Disputed", verdict_by="", evidence=(
        Quote("news", "the alliance is a threat.", side="for"),
        Quote("fs", "NATO is a defensive alliance.", side="against"),
        Quote("fs", "No threat to Russia.", side="against")))
    rows = roles(pack_of(disputed), disputed)
    assert [(label, text.split(":")[0]) for label, text in rows] == [
        ("Quoted for it", "RFE/RL's report"), ("Quoted against it", "NATO's fact sheet")]


def test_headings_over_the_excerpts():
    one = item_detail(pack_of(), item())
    assert one.words_heading == "In the source's own words" and one.evidence_heading(1) == "Evidence"
    assert one.claim is None and one.prompt == "NATO threatens Russia" and one.kind == "Myth or fact"
    two = item_detail(pack_of(), item(evidence=(Quote("fs", "NATO is a defensive alliance."),
                                                Quote("news", "Officials denied it."))))
    assert two.words_heading == "In the sources' own words" and two.evidence_heading(2) == "Evidence 2 of 2"
    same = item_detail(pack_of(), item(evidence=(Quote("fs", "NATO is a defensive alliance."),
                                                 Quote("fs", "Its door is open."))))
    assert same.words_heading == "In the source's own words"
    claim = item_detail(pack_of(), item(claim_quote=Quote("news", "the alliance is a threat.")))
    assert claim.words_heading == "Both sides in their own words" and claim.claim.quote.source == "news"
    who = item_detail(pack_of(), item(type="who-said", prompt="Its door is open.", answer="NATO",
                                      choices=("NATO", "Russia", "RFE/RL")))
    assert who.prompt == "“Its door is open.”" and who.prompt_label == "Words said"


def test_every_quotation_of_an_item_is_labelled():
    two = item(evidence=(Quote("fs", "NATO is a defensive alliance."), Quote("news", "Officials denied it.")),
               claim_quote=Quote("news", "the alliance is a threat."))
    assert [label for label, _ in item_quotes(two)] == ["evidence 1 of 2", "evidence 2 of 2",
                                                        "the claim in its maker's own words"]
    who = item(type="who-said", prompt="Its door is open.", answer="NATO", choices=("NATO", "Russia", "RFE/RL"))
    assert item_quotes(who) == [("evidence", Quote("fs", "NATO is a defensive alliance.")),
                                ("the words said", Quote("fs", "Its door is open."))]


def test_reader_marks_merge_overlaps_keep_touching_quotes_apart_and_name_their_lines():
    text = TEXTS["fs"]
    marked = item(evidence=(Quote("fs", "NATO is a defensive"), Quote("fs", "a defensive alliance."),
                            Quote("fs", " Its door is open."), Quote("news", "Officials denied it."),
                            Quote("fs", "No threat to Russia.")))
    marks = reader_marks(pack_of(marked), marked)
    start = text.index("NATO is")
    assert [(m.source, m.start, m.end, m.line, m.labels) for m in marks] == [
        ("fs", start, start + len("NATO is a defensive alliance."), 2, ("evidence 1 of 5", "evidence 2 of 5")),
        ("fs", start + len("NATO is a defensive alliance."), text.index(" Its door") + len(" Its door is open."), 2,
         ("evidence 3 of 5",)),
        ("fs", text.index("No threat"), len(text), 3, ("evidence 5 of 5",)),
        ("news", TEXTS["news"].index("Officials"), len(TEXTS["news"]), 3, ("evidence 4 of 5",)),
    ]
    assert first_evidence_mark(marks) == 0
    assert first_evidence_mark(list(reversed(marks))) == 3


def test_the_first_evidence_mark_is_found_wherever_it_is_and_the_first_mark_otherwise():
    claim_first = item(evidence=(Quote("news", "Officials denied it."),),
                       claim_quote=Quote("fs", "NATO is a defensive alliance."))
    marks = reader_marks(pack_of(claim_first), claim_first)
    assert [m.labels for m in marks] == [("evidence",), ("the claim in its maker's own words",)]
    assert first_evidence_mark(marks) == 0 and first_evidence_mark(marks[1:]) == 0
    assert first_evidence_mark(list(reversed(marks))) == 1


def test_a_document_opening_with_a_blank_line_counts_it_in_a_marks_line():
    sources = {**SOURCES, "lead": source("lead", "speech transcript")}
    lead = item(evidence=(Quote("lead", "After a blank line."),), verdict_by="lead")
    pack = Pack("T", "D", {"threat": "Is NATO a threat?"}, sources, [lead], Path("."), Path("."),
                texts={**TEXTS, "lead": "\nAfter a blank line."})
    [mark] = reader_marks(pack, lead)
    assert (mark.start, mark.line) == (1, 2)
