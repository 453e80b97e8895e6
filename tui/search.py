"""Searching and filtering the pack's items, for the explainer and `--plain browse`.

A query is split into words; an item matches when every word occurs (ignoring case) in
its statement or question, answer, choices, explanation, evidence, claim or claimant (see
`Item.searchable_text`). Items whose statement holds the whole query as a phrase come
first, then those whose answer or options hold it, then the rest, each group in pack
order. So "Article 10" puts the Open Door question before items that merely mention an
article and the number 10.

Built for typing: the lower-cased text of each item is computed once, each keystroke costs
one `in` test per candidate, and a query that extends the previous one only re-tests the
previous matches. Nothing here imports Textual.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

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


class SearchIndex:
    """The pack's items with their search text prepared, ready to be filtered per keystroke."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = list(items)
        self._texts: list[str] | None = None
        self._prompts: list[str] = []
        self._answers: list[str] = []
        self._pools: dict[tuple[str | None, str | None], list[int]] = {}
        # The last search, so that typing one more letter only re-tests its matches.
        self._last: tuple[tuple[str | None, str | None], str, list[int]] | None = None

    @property
    def ready(self) -> bool:
        return self._texts is not None

    def prepare(self) -> None:
        """Compute every item's lower-cased text (about 4 µs an item); idempotent."""
        if self._texts is not None:
            return
        self._prompts = [item.prompt.casefold() for item in self.items]
        self._answers = ["\n".join((item.answer, *item.choices)).casefold() for item in self.items]
        self._texts = [item.searchable_text() for item in self.items]

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
        terms = parse_query(query)
        key = (topic, kind)
        if not terms:
            self._last = None
            return self.pool(topic, kind)
        self.prepare()
        texts = self._texts
        assert texts is not None
        folded = " ".join(terms)
        candidates = self.pool(topic, kind)
        last = self._last
        # Every word of the longer query contains a word of the shorter one, so its
        # matches are among the shorter query's matches.
        if last is not None and last[0] == key and query.casefold().startswith(last[1]):
            candidates = last[2]
        if len(terms) == 1:
            word = terms[0]
            hits = [n for n in candidates if word in texts[n]]
        else:
            hits = [n for n in candidates if all(t in texts[n] for t in terms)]
        self._last = (key, query.casefold(), hits)
        prompts, answers = self._prompts, self._answers
        first, second, rest = [], [], []
        for n in hits:
            if folded in prompts[n]:
                first.append(n)
            elif folded in answers[n]:
                second.append(n)
            else:
                rest.append(n)
        return first + second + rest


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
