"""Quotes are found in one pass over a document: the answer must be exactly what searching
for each quote on its own gives, whatever the text and wherever the quotes begin."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.quotes import KEY, find_all

# A small alphabet makes matches, near misses and quotes starting inside words common.
TEXT = st.text(alphabet="ab c.“”’-\u00a0Åé1\n", max_size=300)
DOC = st.text(alphabet="ab c.“”’-\u00a0Åé1\n", min_size=60, max_size=300)


def brute_force(doc: str, quotes: list[str]) -> set[str]:
    return {quote for quote in quotes if quote in doc}


@settings(max_examples=400, deadline=None)
@given(doc=DOC, picks=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=30),
       others=st.lists(TEXT, max_size=10))
def test_find_all_is_exactly_the_quotes_in_the_document(doc: str, picks: list[tuple[int, int]], others: list[str]):
    cut = [doc[start:start + length] for start, length in picks]  # substrings: many begin mid-word
    quotes = cut + others + [q + "x" for q in cut]  # and near misses that run one character on
    assert find_all(doc, quotes) == brute_force(doc, quotes)


def test_quotes_long_and_short_begin_anywhere():
    doc = "NATO is a defensive alliance. “Our exercises are announced.” Such an agreement was never made."
    quotes = [
        "Such an agreement was never made.",  # at a word
        "“Our exercises are announced.”",  # begins with punctuation
        "efensive alliance",  # inside a word, longer than KEY
        "was",  # shorter than KEY
        "Such an agreement was always made.",  # missing
        "never made. And more",  # runs past the end
    ]
    assert len(quotes[2]) >= KEY
    assert find_all(doc, quotes) == set(quotes[:4])
