"""`mythquiz check` refuses a quote that is not word for word in its document: at once
for a small document, after one pass at the end for a large one, each time with the file
and line where the quote was written and the nearest match."""

from __future__ import annotations

from tui.core.model import Source
from tui.core.verbatim import SMALL_DOCUMENT, VerbatimCheck


def source(sid: str) -> Source:
    return Source(id=sid, file=f"{sid}.txt", title=sid, publisher="P", date="2020", date_note="",
                  genre="news report", perspective="", sha256="")


def checker(text: str) -> tuple[VerbatimCheck, list]:
    problems: list = []
    return VerbatimCheck({"doc": text}, {"doc": source("doc")}, problems), problems


def test_a_quote_of_a_small_document_is_checked_at_once():
    check, problems = checker("NATO’s door is open. It has always been open.")
    assert check.check("doc", "NATO’s door is open.", "items.yaml", 3, "item 'a'") is True
    assert check.check("doc", "NATO’s door is open.", "items.yaml", 9, "item 'b'") is True  # used again
    assert problems == []
    assert check.check("doc", "NATO's door is open.", "items.yaml", 12, "item 'c'") is False
    [problem] = problems
    assert (problem.file, problem.line) == ("items.yaml", 12)
    assert problem.message.startswith("item 'c': quote is not in doc (doc.txt): not found exactly; nearest match at "
                                      "line 1, column 1: at character 5 ")


def test_the_quotes_of_a_large_document_are_checked_in_one_pass_at_the_end():
    text = ("Filler sentence number one. " * 3000) + "The closing words are here."
    assert len(text) > SMALL_DOCUMENT
    check, problems = checker(text)
    assert check.check("doc", "The closing words are here.", "a.yaml", 1, "item 'a'") is True
    assert check.check("doc", "The closing word are here.", "a.yaml", 5, "item 'b'") is True  # noted, not yet looked
    assert check.check("doc", "The closing word are here.", "b.yaml", 7, "item 'c'") is True
    assert problems == []
    check.verify_pending()
    assert [(p.file, p.line) for p in problems] == [("a.yaml", 5), ("b.yaml", 7)]
    assert all("quote is not in doc (doc.txt)" in p.message for p in problems)
    check.verify_pending()  # looked for once only
    assert len(problems) == 2


def test_a_document_of_exactly_the_small_size_is_still_checked_at_once():
    text = ("x" * (SMALL_DOCUMENT - 10)) + " the end."
    text += " " * (SMALL_DOCUMENT - len(text))
    assert len(text) == SMALL_DOCUMENT
    check, problems = checker(text)
    assert check.check("doc", "the end!", "a.yaml", 2, "item 'a'") is False and len(problems) == 1


def test_a_document_one_character_over_the_small_size_waits_for_the_pass():
    text = ("x" * (SMALL_DOCUMENT - 10)) + " the end."
    text += " " * (SMALL_DOCUMENT + 1 - len(text))
    check, problems = checker(text)
    assert check.check("doc", "the end!", "a.yaml", 2, "item 'a'") is True and problems == []
    check.verify_pending()
    assert [(p.file, p.line) for p in problems] == [("a.yaml", 2)]


def test_the_small_size_is_64_kib():
    """A quote of a document up to 64 KiB (65,536 characters) is refused as it is read,
    so the item it belongs to is left out at once; a larger document's quotes are kept
    until the pass at the end."""
    text = ("x" * 65_500) + " the end."
    at_most = text + " " * (65_536 - len(text))
    over = at_most + " "
    check, problems = checker(at_most)
    assert check.check("doc", "the end!", "a.yaml", 2, "item 'a'") is False and len(problems) == 1
    check, problems = checker(over)
    assert check.check("doc", "the end!", "a.yaml", 2, "item 'a'") is True and problems == []
