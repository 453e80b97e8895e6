"""The pack's words, and which items hold each: what makes a search of a large pack fast.

On a large pack the first letters of a query still match thousands of items, and testing
each item's text for them means reading megabytes per keystroke. A query word never holds a
space, so it occurs in an item exactly when it occurs inside one of the item's
space-separated words, and the pack's distinct words are far fewer and shorter than its
texts. `WordIndex` is built in small steps, and can be kept between runs (`WordStore`).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import accumulate, repeat
from typing import Protocol
from zlib import crc32


class WordIndex:
    """Which items hold each distinct space-separated word of the pack's search texts.

    `lookup("rt")` finds every word containing "rt" in one string of all the words, and
    merges their lists of items: the same items as testing every text for "rt". Kept in
    four flat parts (a string and three arrays of 32-bit numbers), which take a few bytes
    per entry and are saved and read back in one piece (`dump`, `load`).
    """

    FORMAT = (1, sys.byteorder, array("I").itemsize)  # what `dump` writes; `load` checks it

    def __init__(self) -> None:
        self._words = "\n"  # every distinct word, each followed by "\n"
        self._starts = array("I", [1])  # where word k starts in `_words`; then the end
        self._offsets = array("I", [0])  # word k's items are _items[_offsets[k]:_offsets[k + 1]]
        self._items = array("I")  # item numbers, in order within each word's run
        self._count = 0  # items indexed
        self.ready = False

    def build(self, texts: Sequence[str]) -> Iterator[None]:
        """Index every text (its number is its place in `texts`), pausing (yielding) after
        each small part of the work; ready when the generator ends."""
        # Arrays, not lists: they hold no objects, so the garbage collector never walks
        # the hundreds of thousands of entries while the index grows.
        lists: defaultdict[str, array[int]] = defaultdict(partial(array, "I"))
        append, get = array.append, lists.__getitem__
        for start in range(0, len(texts), 64):
            for n in range(start, min(start + 64, len(texts))):
                distinct = set(texts[n].split())
                deque(map(append, map(get, distinct), repeat(n, len(distinct))), maxlen=0)  # C loops
            yield
        words, runs = list(lists), list(lists.values())
        del lists
        # Built aside and put in place at the end: another build (`prepare` while the
        # screen's steps are paused) never mixes with this one.
        starts, offsets, items = array("I", [1]), array("I", [0]), array("I")
        pieces = []
        for start in range(0, len(words), 4096):
            part, part_runs = words[start:start + 4096], runs[start:start + 4096]
            starts += array("I", accumulate(map(len, part), _next_start, initial=starts[-1]))[1:]
            offsets += array("I", accumulate(map(len, part_runs), initial=offsets[-1]))[1:]
            deque(map(items.extend, part_runs), maxlen=0)
            pieces.append("".join(map("{}\n".format, part)))
            yield
        self._words, self._starts, self._offsets, self._items = "\n" + "".join(pieces), starts, offsets, items
        self._count = len(texts)
        self.ready = True

    def dump(self) -> tuple[object, ...]:
        """The index as values that marshal can write, with a checksum of them."""
        parts = (self._words.encode("utf-8", "surrogatepass"), self._starts.tobytes(),
                 self._offsets.tobytes(), self._items.tobytes())
        return (self.FORMAT, *parts, checksum_of(parts))

    def load(self, data: object, count: int) -> bool:
        """Take the index from `dump`'s values if they are whole and fit `count` items.
        (Reading 10,000 items' index back takes a few milliseconds.)"""
        try:
            if not isinstance(data, tuple):
                return False
            layout, *parts, checksum = data
            if layout != self.FORMAT or len(parts) != 4 or checksum_of(parts) != checksum:
                return False
            words = parts[0].decode("utf-8", "surrogatepass")
            starts, offsets, items = array("I"), array("I"), array("I")
            for part, raw in zip((starts, offsets, items), parts[1:]):
                part.frombytes(raw)
        except (TypeError, ValueError):
            return False
        if (len(starts) != len(offsets) or not starts or starts[0] != 1 or starts[-1] != len(words)
                or offsets[0] != 0 or offsets[-1] != len(items)):
            return False
        self._words, self._starts, self._offsets, self._items = words, starts, offsets, items
        self._count = count
        self.ready = True
        return True

    def lookup(self, term: str, limit: int) -> list[int] | None:
        """The items (in order) whose text contains `term` (no whitespace in it), or None
        if the words holding it list more than `limit` items between them, or are more
        than `limit` / 8 + 256 words (ids with a common prefix): reading the texts is then the
        cheaper way."""
        find, starts, offsets, items = self._words.find, self._starts, self._offsets, self._items
        runs: list[array[int]] = []
        total = 0
        most_words = limit // 8 + 256
        pos = find(term)
        while pos >= 0:
            k = bisect_right(starts, pos) - 1  # the word the term was found in
            first, last = offsets[k], offsets[k + 1]
            total += last - first
            if total > limit or len(runs) >= most_words:
                return None
            runs.append(items[first:last])
            pos = find(term, max(pos + 1, starts[k + 1] - 1))  # from the end of that word
        found = runs[0].tolist() if len(runs) == 1 else sorted(set().union(*runs))
        if found and max(found) >= self._count:
            return None  # not this pack's index (a file made by hand): read the texts
        return found


def _next_start(at: int, length: int) -> int:
    return at + length + 1


def checksum_of(parts: Sequence[bytes]) -> int:
    """CRC-32 of the parts: a damaged saved index is refused (a tenth of the cost of reading it)."""
    crc = 0
    for part in parts:
        crc = crc32(part, crc)
    return crc


class WordStore(Protocol):
    """Somewhere to keep a pack's word index between runs (`tui.core.cache.WordsCache`), under a
    key that changes whenever any text it indexes does."""

    def read(self, key: str) -> object | None: ...

    def write(self, key: str, index: object) -> None: ...
