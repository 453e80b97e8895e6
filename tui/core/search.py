"""Searching and filtering the pack's items, for the explainer and `--plain browse`.

A query is split into words; an item matches when every word occurs (ignoring case) in
its statement or question, answer, choices, explanation, evidence, claim or claimant (see
`Item.searchable_text`). The matches come best first (`matches.Matches`: the phrase in the
statement, then in the answer or options, then the rest).

Built for typing: the lower-cased text of each item is computed once; a query that extends
an earlier one (one more letter) only re-tests that one's matches, and only for the words
that changed; the tests run in C loops (`map`/`compress`), not one Python step per item;
and the ranking is worked out only for the rows that are read (`Matches`).

On a large pack the items' words are indexed (`word_index.WordIndex`), and the items
holding each single letter or digit are worked out ahead too. All of it is prepared in
small steps while the list is on screen (`SearchIndex.steps`), and the word index can be
kept between runs (`WordStore`, under a digest of the texts). Until it is ready, and where
a word is so common that merging its lists would cost more than reading the texts, the
texts are read: the results are the same either way. What a list shows of a match is in
`search_snippet`. Nothing here imports Textual.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterator, Sequence
from hashlib import sha256
from itertools import compress, repeat
from operator import contains

from .matches import Matches
from .model import Item
from .search_snippet import Snippet, match_spans, snippet
from .word_index import WordIndex, WordStore

# Matches, match_spans, snippet and Snippet are part of what a search gives its callers.
__all__ = [
    "ALL", "LETTERS", "Matches", "SearchIndex", "Snippet", "WordIndex", "WordStore", "display_prompt",
    "filter_items", "match_spans", "parse_query", "snippet",
]

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
        for _ in self.steps(budget=None):
            pass

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
        for _ in self._text_parts():
            pass

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
            # With no word left to test, the result shares its list with the earlier one (or
            # the pool): no result's list is ever changed.
            hits = candidates
            for word in _needed(terms, known):
                hits = self._narrow(hits, word)
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
            holding = self._letters[word]
            return list(hits) if holding is None else holding.tolist()
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
