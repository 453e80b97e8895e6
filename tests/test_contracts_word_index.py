"""The word index a large pack's search uses: a word looked up gives exactly the items
whose text holds it, in order, however many texts and distinct words the pack has; it
declines (None) when merging would cost more than reading the texts; saved and read
back, it finds the same, and a saved index that does not fit is refused."""

from __future__ import annotations

import marshal
from collections import deque

from tui.core.word_index import WordIndex, checksum_of


def built(texts: list[str]) -> WordIndex:
    index = WordIndex()
    assert not index.ready
    deque(index.build(texts), maxlen=0)
    assert index.ready
    return index


def test_a_pack_of_many_texts_and_thousands_of_distinct_words_is_indexed_whole():
    # 300 texts (built 64 at a time) over 6,000 distinct words (put in place 4,096 at a time).
    texts = [" ".join(f"w{(n * 37 + j) % 6000}" for j in range(40)) + f" shared item{n}" for n in range(300)]
    index = built(texts)
    again = WordIndex()
    assert again.load(marshal.loads(marshal.dumps(index.dump())), len(texts)) and again.ready
    vocabulary = sorted({word for text in texts for word in text.split()})
    for term in [*vocabulary, "w12", "item6", "d"]:
        expected = [n for n, text in enumerate(texts) if term in text]
        assert index.lookup(term, limit=10 ** 9) == expected, term
        assert again.lookup(term, limit=10 ** 9) == expected, term


def test_a_term_in_very_many_distinct_words_is_declined():
    """Ids with a common prefix: 1,200 distinct words hold "zq". Merging their lists is worth
    it only up to limit / 8 + 256 words; past that the texts are read instead."""
    texts = [f"zq{n:04d} common" for n in range(1200)]
    index = built(texts)
    assert index.lookup("zq", limit=8000) == list(range(1200))  # 1,200 words <= 8000 / 8 + 256
    assert index.lookup("zq", limit=7000) is None  # 1,200 words > 7000 / 8 + 256
    assert index.lookup("zq0042", limit=1) == [42]
    assert index.lookup("common", limit=1199) is None  # more items than the limit


def test_a_word_holding_the_term_twice_counts_its_items_once():
    index = built(["aba", "x"])
    assert index.lookup("a", limit=1) == [0]


def test_an_index_saved_before_any_text_reads_back_empty():
    empty = WordIndex()
    assert empty.load(WordIndex().dump(), 0) and empty.ready and empty.lookup("nato", limit=10) == []
    none = built([])
    assert none.lookup("nato", limit=10) == []


def test_a_saved_index_whose_parts_disagree_is_refused():
    texts = ["nato door open", "russia door", "open skies"]
    layout, words, starts, offsets, items, _ = built(texts).dump()

    def sealed(*parts):
        return (layout, *parts, checksum_of(parts))

    assert WordIndex().load(sealed(words, starts, offsets, items), len(texts))
    first_moved = (2).to_bytes(4, "little" if layout[1] == "little" else "big") + starts[4:]
    for bad in [sealed(words, b"", b"", items),  # no words at all, not even the end
                sealed(words, first_moved, offsets, items),  # the first word does not start at 1
                sealed(words, starts, offsets, items + items[:4])]:  # more items than the offsets say
        index = WordIndex()
        assert not index.load(bad, len(texts)) and not index.ready
    assert not WordIndex().load((layout, words, starts, offsets, 12345, 0), len(texts))  # not bytes
