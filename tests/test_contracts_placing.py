"""Where the source reader highlights a quote, and where the checker and the coverage count
credit it: the first occurrence that begins a word (for a quote of twelve or more
characters opening with a letter or digit), else the first occurrence."""

from __future__ import annotations

import pytest

from tui.core.placing import place
from tui.core.quotes import locate_all


@pytest.mark.parametrize("doc,quote,expected", [
    # found first one character in, inside a word: the later place where it begins a word
    ("xabcdefghijkl then abcdefghijkl", "abcdefghijkl", 19),
    # the character after the first place is not a letter, the one before it is
    ("xa bcdefghijkl then a bcdefghijkl", "a bcdefghijkl", 20),
    # two characters in, after a letter that follows a space
    (" xabcdefghijkl then abcdefghijkl", "abcdefghijkl", 20),
    # at the very start, or after a space: the first place
    ("abcdefghijkl then abcdefghijkl", "abcdefghijkl", 0),
    (" abcdefghijkl then abcdefghijkl", "abcdefghijkl", 1),
    # inside a word and never at a word start: the first place all the same
    ("xabcdefghijkl and yabcdefghijkl", "abcdefghijkl", 1),
    # shorter than twelve characters: the first place, even inside a word
    ("xabcdefghijk then abcdefghijk", "abcdefghijk", 1),
    # opening with punctuation: the first place
    ("x“quoted words” then “quoted words”", "“quoted words”", 1),
    ("no such words", "abcdefghijkl", -1),
])
def test_a_quote_is_placed_where_it_begins_a_word(doc, quote, expected):
    assert place(doc, quote) == expected
    assert locate_all(doc, [quote]) == ({} if expected < 0 else {quote: expected})
