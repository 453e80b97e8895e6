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
words are far fewer and shorter than its texts. The index is built in small steps while
the list is on screen (`SearchIndex.steps`); until it is ready, and where a word is so
common that merging its lists would cost more than reading the texts, the texts are read.
Nothing here imports Textual.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict, deque
from itertools import accumulate, compress, repeat
from operator import contains, not_
from typing import Iterator, NamedTuple, Sequence

from .model import Item

ALL = None  # a filter that lets every topic or type through


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
    merges their lists of items: the same items as testing every text for "rt".
    """

    def __init__(self) -> None:
        self._items: defaultdict[str, list[int]] = defaultdict(list)  # word -> items, in order
        self._words = ""  # "\n" + every word + "\n", each followed by "\n"
        self._at: dict[int, list[int]] = {}  # where a word starts in `_words` -> its items
        self.ready = False

    def build(self, texts: Sequence[str]) -> Iterator[None]:
        """Index every text (its number is its place in `texts`), pausing (yielding) after
        each small part of the work; ready when the generator ends."""
        append, items = list.append, self._items.__getitem__
        for start in range(0, len(texts), 64):
            for n in range(start, min(start + 64, len(texts))):
                words = set(texts[n].split())
                deque(map(append, map(items, words), repeat(n, len(words))), maxlen=0)  # C loops
            yield
        # One string of every word, each on its own line, and where each starts.
        words, lists = list(self._items), list(self._items.values())
        pieces = []
        at = 1
        for start in range(0, len(words), 4096):
            part = words[start:start + 4096]
            starts = list(accumulate(map(len, part), lambda at, length: at + length + 1, initial=at))
            self._at.update(zip(starts, lists[start:start + 4096]))
            at = starts[-1]
            pieces.append("\n".join(part))
            yield
        self._words = "\n" + "\n".join(pieces) + "\n"
        self.ready = True

    def lookup(self, term: str, limit: int) -> list[int] | None:
        """The items (in order) whose text contains `term` (no whitespace in it), or None
        if the words holding it list more than `limit` items between them: reading the
        texts is then the cheaper way."""
        words, at = self._words, self._at
        find, rfind = words.find, words.rfind
        lists = []
        total = 0
        pos = find(term)
        while pos >= 0:
            found = at[rfind("\n", 0, pos) + 1]
            lists.append(found)
            total += len(found)
            if total > limit:
                return None
            pos = find(term, find("\n", pos))
        if len(lists) == 1:
            return list(lists[0])
        return sorted(set().union(*lists))


class SearchIndex:
    """The pack's items with their search text prepared, ready to be filtered per keystroke.

    Results are kept for the last few queries: a query that extends one of them (one more
    letter, one more word) only re-tests that query's matches, and going back (a deleted
    letter) finds its result ready.
    """

    KEEP = 24  # queries whose results are kept
    # Up to this many candidates, a word is tested on their texts rather than looked up.
    FEW = 400

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = list(items)
        self._texts: list[str] | None = None  # once every item's is ready
        self._partial: tuple[list[str], list[str], list[str]] = ([], [], [])  # being prepared
        self._prompts: list[str] = []
        self._answers: list[str] = []
        self._pools: dict[tuple[str | None, str | None], list[int]] = {}
        # (topic, type, normalised query) -> its result, oldest first.
        self._recent: dict[tuple[str | None, str | None, str], Matches] = {}
        self._words = WordIndex()

    @property
    def ready(self) -> bool:
        return self._texts is not None and self._words.ready

    def prepare(self) -> None:
        """Prepare everything at once (`steps` does the same in small steps); idempotent."""
        deque(self.steps(budget=None), maxlen=0)

    def steps(self, budget: float | None = 0.002) -> Iterator[None]:
        """Prepare the texts, then the word index, pausing (yielding) about every `budget`
        seconds, so that a screen can do it between keystrokes (None: without pausing).
        Searching works at every point: on the texts until the index is complete."""
        clock = time.perf_counter
        started = clock()
        for _ in self._parts():
            if budget is not None and clock() - started >= budget:
                yield
                started = clock()

    def _parts(self) -> Iterator[None]:
        yield from self._text_parts()
        assert self._texts is not None
        if not self._words.ready:
            yield from self._words.build(self._texts)

    def _prepare_texts(self) -> None:
        """Finish preparing the texts now: a search cannot wait for the next step."""
        deque(self._text_parts(), maxlen=0)

    def _text_parts(self) -> Iterator[None]:
        """Every item's lower-cased texts (about 4 µs an item), what a search reads, a few
        hundred items at a time."""
        items = self.items
        prompts, answers, texts = self._partial
        while self._texts is None:
            part = items[len(texts):len(texts) + 256]
            prompts += [item.prompt.casefold() for item in part]
            answers += ["\n".join((item.answer, *item.choices)).casefold() for item in part]
            texts += [item.searchable_text() for item in part]
            if len(texts) == len(items):
                self._prompts, self._answers, self._texts = prompts, answers, texts
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
        everything = hits is self._pools.get((None, None))
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
        fields.append(("claimed by", item.claimed_by))
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
