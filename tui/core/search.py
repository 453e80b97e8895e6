"""Searching and filtering the pack's items, for the explainer and `--plain browse`.

A query is split into words; an item matches when every word occurs (ignoring case) in
its statement or question, answer, choices, explanation, evidence, claim or claimant (see
`Item.searchable_text`). Items whose statement holds the whole query as a phrase come
first, then those whose answer or options hold it, then the rest, each group in pack
order. So "Article 10" puts the Open Door question before items that merely mention an
article and the number 10.

Built for typing: the lower-cased text of each item is computed once; a query that extends
an earlier one (one more letter) only re-tests that one's matches, and only for the words
that changed; the tests run in C loops (`map`/`compress`), not one Python step per item;
and the ranking is worked out only for the rows that are read (`Matches`).

On a large pack the first letters of a query still match thousands of items, and testing
each item's text for them means reading megabytes per keystroke. So the items' words are
indexed (`WordIndex`): a query word never holds a space, so it occurs in an item exactly
when it occurs inside one of the item's space-separated words, and the pack's distinct
words are far fewer and shorter than its texts. The items holding each single letter or
digit are worked out ahead too. All of it is prepared in small steps while the list is
on screen (`SearchIndex.steps`), and the word index can be kept between runs (`WordStore`,
under a digest of the texts). Until it is ready, and where a word is so common that
merging its lists would cost more than reading the texts, the texts are read: the
results are the same either way. Nothing here imports Textual.
"""

from __future__ import annotations

import re
import sys
import time
from array import array
from bisect import bisect_right
from collections import defaultdict, deque
from itertools import accumulate, compress, repeat
from functools import partial
from hashlib import sha256
from operator import contains, not_
from typing import Iterator, NamedTuple, Protocol, Sequence
from zlib import crc32

from .model import Item

ALL = None  # a filter that lets every topic or type through
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"  # one-letter searches worked out ahead


def parse_query(query: str) -> tuple[str, ...]:
    """The words of a query, case-folded: what every match must contain."""
    return tuple(query.casefold().split())


def display_prompt(item: Item) -> str:
    """The item's statement or question as shown in lists; words said are in quotes."""
    return f"“{item.prompt}”" if item.type == "who-said" else item.prompt


def filter_items(items: Sequence[Item], topic: str | None = ALL, kind: str | None = ALL) -> list[Item]:
    """Items of one topic and/or one type, in pack order."""
    return [i for i in items if topic in (None, i.topic) and kind in (None, i.type)]


class Matches(Sequence[int]):
    """The items matching a query, best first, as indexes into the pack's items.

    `len()` is known at once; the ranking (phrase in the statement, then in the answer or
    options, then the rest) is worked out only as far as the rows asked for need, so a
    keystroke that matches thousands of items ranks just the few on screen.
    """

    def __init__(self, hits: list[int], phrase: str | None = None,
                 prompts: Sequence[str] = (), answers: Sequence[str] = ()) -> None:
        self.hits = hits  # every match, in pack order
        self._phrase = phrase
        self._prompts = prompts
        self._answers = answers
        self._first: list[int] = []  # the phrase in the statement, in pack order
        self._second: list[int] = []  # the phrase in the answer or options
        self._rest: list[int] = []
        self._done = 0  # how many of `hits` are sorted into the three groups
        self._ranked: list[int] | None = hits if phrase is None else None

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, n):  # type: ignore[override]
        if isinstance(n, slice):
            return self.ranked()[n]
        if n < 0:
            n += len(self.hits)
        if not 0 <= n < len(self.hits):
            raise IndexError(n)
        if self._ranked is not None:
            return self._ranked[n]
        # The first groups' leading rows are final as soon as they are found.
        step = 64
        while n >= len(self._first) and self._done < len(self.hits):
            self._sort(step)
            step *= 4
        if n < len(self._first):
            return self._first[n]
        return self.ranked()[n]

    def __iter__(self):
        return iter(self.ranked())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Matches, list)):
            return self.ranked() == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Matches({len(self.hits)} items)"

    def ranked(self) -> list[int]:
        """Every match, best first."""
        if self._ranked is None:
            self._sort(len(self.hits))
            self._ranked = self._first + self._second + self._rest
        return self._ranked

    def _sort(self, count: int) -> None:
        """Put the next `count` hits into their groups (C-level loops: no Python per item)."""
        chunk = self.hits[self._done:self._done + count]
        self._done += len(chunk)
        phrase = self._phrase
        in_prompt = list(map(contains, map(self._prompts.__getitem__, chunk), repeat(phrase)))
        self._first += compress(chunk, in_prompt)
        others = list(compress(chunk, map(not_, in_prompt)))
        in_answer = list(map(contains, map(self._answers.__getitem__, others), repeat(phrase)))
        self._second += compress(others, in_answer)
        self._rest += compress(others, map(not_, in_answer))


def _needed(terms: Sequence[str], known: Sequence[str] = ()) -> list[str]:
    """The words that still have to be tested, longest first: a word inside another word of
    the query, or inside a word every candidate already holds (`known`), is implied."""
    words = sorted(set(terms), key=len, reverse=True)
    needed: list[str] = []
    for word in words:
        if any(word in other for other in known) or any(word in other for other in needed):
            continue
        needed.append(word)
    return needed


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
                words = set(texts[n].split())
                deque(map(append, map(get, words), repeat(n, len(words))), maxlen=0)  # C loops
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
        return (self.FORMAT, *parts, _checksum(parts))

    def load(self, data: object, count: int) -> bool:
        """Take the index from `dump`'s values if they are whole and fit `count` items.
        (Reading 10,000 items' index back takes a few milliseconds.)"""
        try:
            layout, *parts, checksum = data  # type: ignore[misc]
            if layout != self.FORMAT or len(parts) != 4 or _checksum(parts) != checksum:
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
        than `limit` / 8 words (ids with a common prefix): reading the texts is then the
        cheaper way."""
        find, starts, offsets, items = self._words.find, self._starts, self._offsets, self._items
        runs = []
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


def _checksum(parts: Sequence[bytes]) -> int:
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


class SearchIndex:
    """The pack's items with their search text prepared, ready to be filtered per keystroke.

    Results are kept for the last few queries: a query that extends one of them (one more
    letter, one more word) only re-tests that query's matches, and going back (a deleted
    letter) finds its result ready.
    """

    KEEP = 24  # queries whose results are kept
    # Up to this many candidates, a word is tested on their texts rather than looked up.
    FEW = 400

    def __init__(self, items: Sequence[Item], store: WordStore | None = None) -> None:
        self.items = list(items)
        self._store = store  # where the word index is kept between runs, if anywhere
        self._texts: list[str] | None = None  # once every item's is ready
        self._partial: tuple[list[str], list[str], list[str]] = ([], [], [])  # being prepared
        self._digest = sha256()  # of the texts, as they are prepared
        self._key = ""  # their digest when all are: what a saved word index must match
        self._prompts: list[str] = []
        self._answers: list[str] = []
        self._pools: dict[tuple[str | None, str | None], list[int]] = {}
        # (topic, type, normalised query) -> its result, oldest first.
        self._recent: dict[tuple[str | None, str | None, str], Matches] = {}
        self._words = WordIndex()
        # Each letter or digit -> the items whose text holds it (None: every item).
        self._letters: dict[str, array[int] | None] = {}

    @property
    def ready(self) -> bool:
        return self._texts is not None and self._words.ready

    def prepare(self) -> None:
        """Prepare everything at once (`steps` does the same in small steps); idempotent."""
        deque(self.steps(budget=None), maxlen=0)

    def steps(self, budget: float | None = 0.002) -> Iterator[None]:
        """Prepare the texts, the word index and the one-letter searches, pausing (yielding)
        about every `budget` seconds, so that a screen can do it between keystrokes (None:
        without pausing). Searching works at every point: on the texts until the rest is
        ready."""
        clock = time.perf_counter
        started = clock()
        for _ in self._parts():
            if budget is not None and clock() - started >= budget:
                yield
                started = clock()

    def _parts(self) -> Iterator[None]:
        # The texts first (every search reads them until the rest is ready), then the word
        # index (without it a word of two or three letters reads every text), then the
        # one-letter searches (which read every text quickly without them).
        yield from self._text_parts()
        yield from self._word_parts()
        yield from self._letter_parts()

    def _word_parts(self) -> Iterator[None]:
        assert self._texts is not None
        if self._words.ready:
            return
        store = self._store
        if store is not None:
            saved = store.read(self._key)
            yield
            if saved is not None and self._words.load(saved, len(self.items)):
                return
        yield from self._words.build(self._texts)
        if store is not None:
            store.write(self._key, self._words.dump())

    def _letter_parts(self) -> Iterator[None]:
        """The items holding each letter and digit: the first keystroke of most searches,
        and the one that matches most items."""
        texts = self._texts
        assert texts is not None
        for letter in LETTERS:
            if letter in self._letters:
                continue
            found = array("I")
            for start in range(0, len(texts), 8192):
                part = texts[start:start + 8192]
                found.extend(compress(range(start, start + len(part)), map(contains, part, repeat(letter))))
                yield
            self._letters[letter] = None if len(found) == len(texts) else found

    def _prepare_texts(self) -> None:
        """Finish preparing the texts now: a search cannot wait for the next step."""
        deque(self._text_parts(), maxlen=0)

    def _text_parts(self) -> Iterator[None]:
        """Every item's lower-cased texts (about 4 µs an item), what a search reads, 64
        items at a time."""
        items = self.items
        prompts, answers, texts = self._partial
        while self._texts is None:
            part = items[len(texts):len(texts) + 64]
            prompts += [item.prompt.casefold() for item in part]
            answers += ["\n".join((item.answer, *item.choices)).casefold() for item in part]
            texts += [item.searchable_text() for item in part]
            # Each text with its length: no two different packs give the same stream.
            self._digest.update("".join(f"{len(text)}:{text}" for text in texts[-len(part):])
                                .encode("utf-8", "surrogatepass"))
            if len(texts) == len(items):
                self._prompts, self._answers, self._texts = prompts, answers, texts
                self._key = f"{WordIndex.FORMAT}:{len(texts)}:{self._digest.hexdigest()}"
            else:
                yield

    def pool(self, topic: str | None = ALL, kind: str | None = ALL) -> list[int]:
        """Indexes of the items that pass the topic and type filters, in pack order."""
        key = (topic, kind)
        found = self._pools.get(key)
        if found is None:
            if topic is None and kind is None:
                found = list(range(len(self.items)))
            else:
                found = [n for n, i in enumerate(self.items)
                         if topic in (None, i.topic) and kind in (None, i.type)]
            self._pools[key] = found
        return found

    def search(self, query: str, topic: str | None = ALL, kind: str | None = ALL) -> list[int]:
        """Indexes of the matching items, best first (see the module's docstring)."""
        return list(self.find(query, topic, kind))

    def find(self, query: str, topic: str | None = ALL, kind: str | None = ALL) -> Matches:
        """The matching items as `Matches`: counted at once, ranked as far as it is read."""
        terms = parse_query(query)
        if not terms:
            return Matches(self.pool(topic, kind))
        self._prepare_texts()
        # The query as words: "nato" and "nato " are the same search, and both "natoe"
        # and "nato e" extend it.
        norm = " ".join(terms)
        key = (topic, kind, norm)
        recent = self._recent
        found = recent.pop(key, None)
        if found is None:
            candidates = self.pool(topic, kind)
            known: tuple[str, ...] = ()
            # The longest earlier query that this one extends: each word of that query lies
            # within a word of this one, so this one's matches are among that one's.
            best = -1
            for (t, k, earlier), result in recent.items():
                if t == topic and k == kind and len(earlier) > best and norm.startswith(earlier):
                    best, candidates, known = len(earlier), result.hits, parse_query(earlier)
            hits = candidates
            for word in _needed(terms, known):
                hits = self._narrow(hits, word)
            if hits is candidates:
                hits = list(hits)
            found = Matches(hits, norm, self._prompts, self._answers)
        recent[key] = found
        if len(recent) > self.KEEP:
            del recent[next(iter(recent))]
        return found

    def _narrow(self, hits: list[int], word: str) -> list[int]:
        """Those of `hits` (in order) whose text contains `word`."""
        texts = self._texts
        assert texts is not None
        # Every item (the whole pack, or a result that kept every item), in order.
        everything = len(hits) == len(texts)
        if len(word) == 1 and everything and word in self._letters:
            found = self._letters[word]
            return list(hits) if found is None else found.tolist()
        if len(word) > 1 and len(hits) > self.FEW and self._words.ready:
            # Merging the lists of up to a few times as many entries as there are items
            # costs less than reading every text (a one-letter word is found by C's memchr
            # in the texts, faster than any merge).
            found = self._words.lookup(word, limit=4 * len(hits))
            if found is not None:
                if everything:
                    return found
                keep = set(found)
                return list(compress(hits, map(keep.__contains__, hits)))
        if everything:
            tested = map(contains, texts, repeat(word))
        else:
            tested = map(contains, map(texts.__getitem__, hits), repeat(word))
        return list(compress(hits, tested))


def match_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the query's words occur in `text` (ignoring case), merged and in order."""
    if not terms or not text:
        return []
    pattern = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    spans = sorted(m.span() for m in re.finditer(pattern, text, flags=re.IGNORECASE) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class Snippet(NamedTuple):
    """Where a match outside the statement was found: which field, and the words around it."""

    field: str
    text: str
    spans: list[tuple[int, int]]


def _fields(item: Item) -> list[tuple[str, str]]:
    fields = [("answer", item.answer), ("options", " · ".join(item.choices))]
    if item.claimed_by:
        fields.append(("claimed by", item.claimed_by.name))
    fields.append(("explanation", item.explanation))
    if item.claim_quote:
        fields.append(("claim", item.claim_quote.text))
    fields += [("evidence", q.text) for q in item.evidence]
    fields.append(("id", item.id))
    return fields


def snippet(item: Item, terms: Sequence[str], width: int = 90) -> Snippet | None:
    """The first field other than the statement where a query word occurs, cut to about
    `width` characters around the first occurrence; None if the statement shows them all."""
    if not terms:
        return None
    prompt = item.prompt.casefold()
    missing = [t for t in terms if t not in prompt]
    if not missing:
        return None
    for field, text in _fields(item):
        if not text or not any(t in text.casefold() for t in missing):
            continue
        spans = match_spans(text, missing)
        if not spans:
            continue
        first = spans[0][0]
        start = max(0, first - width // 3)
        if start:
            space = text.rfind(" ", 0, start + 1)
            start = space + 1 if space > first - width // 2 else start
        end = min(len(text), start + width)
        cut = text[start:end]
        prefix = "…" if start else ""
        suffix = "…" if end < len(text) else ""
        shown = prefix + cut + suffix
        shift = len(prefix) - start
        kept = [(max(s + shift, len(prefix)), min(e + shift, len(prefix) + len(cut)))
                for s, e in match_spans(text, terms) if e > start and s < end]
        return Snippet(field, shown, kept)
    return None
