"""Where a query shows in an item: the spans to highlight, and the snippet of another field
(answer, explanation, evidence…) that a list shows when the statement does not hold every
word."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .model import Item


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
