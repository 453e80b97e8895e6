"""Searching as the browse screen uses it: the results for every query, prepared in steps
between keystrokes, with each shortcut doing what it is there for (a one-letter search
reads no text once prepared, a word common to thousands of items is looked up in the word
index, a query typed before is answered from what was kept)."""

from __future__ import annotations

from tui.core.model import Item, Quote
from tui.core.search import SearchIndex, WordIndex


class Counted(str):
    """An item's search text that counts how often a search reads it."""

    reads = 0

    def __contains__(self, word: object) -> bool:
        Counted.reads += 1
        return super().__contains__(word)


class CountedItem(Item):
    def searchable_text(self) -> str:
        return Counted(Item.searchable_text(self))


def items(count: int) -> list[Item]:
    """`count` items; item 8192 alone holds a "q", every item an "e", and "the" is everywhere."""
    return [CountedItem(f"i{n}" + ("q" if n == 8192 else ""), "myth-or-fact", "t" if n % 2 else "u",
                        f"the statement {n}", "Myth", (), "s", "the explanation",
                        (Quote("s", "the words"),)) for n in range(count)]


def brute_force(pack: list[Item], query: str) -> list[int]:
    words = query.casefold().split()
    hits = [n for n, i in enumerate(pack) if all(w in Item.searchable_text(i) for w in words)]
    phrase = " ".join(words)
    return [n for n in hits if phrase in pack[n].prompt] + [n for n in hits if phrase not in pack[n].prompt]


def test_one_letter_searches_are_worked_out_ahead_for_every_item():
    index = SearchIndex(items(9000))
    index.prepare()
    assert index.ready
    Counted.reads = 0
    assert index.search("q") == [8192]
    assert index.search("E") == list(range(9000))
    assert index.search("z") == []
    assert Counted.reads == 0  # no text read


def test_a_word_in_thousands_of_items_is_looked_up_not_read_in_every_text(monkeypatch):
    index = SearchIndex(items(2000))
    answers = []
    lookup = WordIndex.lookup
    monkeypatch.setattr(WordIndex, "lookup",
                        lambda self, term, limit: answers.append(lookup(self, term, limit)) or answers[-1])
    index.prepare()
    Counted.reads = 0
    assert index.search("statement") == list(range(2000))
    assert answers and answers[-1] == list(range(2000)) and Counted.reads == 0
    odd = index.search("he", topic="t")  # a filtered pool: the word index, then the filter
    assert odd == list(range(1, 2000, 2)) and Counted.reads == 0


def test_the_index_is_ready_only_once_the_word_index_is_built():
    pack = items(100)
    index = SearchIndex(pack)
    assert not index.ready
    assert index.search("statement 7") == brute_force(pack, "statement 7")
    assert not index.ready  # the texts are prepared for the search, the word index is not yet
    index.prepare()
    assert index.ready


def test_a_long_budget_prepares_a_small_pack_without_a_pause():
    index = SearchIndex(items(100))
    assert list(index.steps(budget=60.0)) == [] and index.ready


def test_going_back_to_an_earlier_query_finds_its_result_kept():
    pack = items(300)
    index = SearchIndex(pack)
    first = index.find("statement 1")
    for n in range(SearchIndex.KEEP - 1):
        index.find(f"statement {n + 200}")
    assert index.find("statement 1") is first
    Counted.reads = 0
    narrowed = len(first)
    assert index.search("statement 12") == brute_force(pack, "statement 12")
    assert 0 < Counted.reads <= narrowed < 300  # only the results of "statement 1" are read again


def test_a_query_word_inside_another_is_not_tested_again():
    pack = items(200)
    index = SearchIndex(pack)
    Counted.reads = 0
    assert index.search("statement sta") == brute_force(pack, "statement sta")
    assert Counted.reads == 200  # "sta" lies in "statement": one word read in each text
