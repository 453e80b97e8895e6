"""Which questions a session asks, in what order, and which answer is right.

Order is decided by SHA-256 of the seed and the item id (and of each option), not by
Python's `random`, so a seed gives the same questions and the same option order on every
machine and every version of Python, and adding items to a pack does not reshuffle the
relative order of the others.
"""

from __future__ import annotations

import os
from hashlib import sha256

from .model import Item, Pack

DEFAULT_COUNT = 20


def _rank(*parts: object) -> bytes:
    return sha256(":".join(str(p) for p in parts).encode("utf-8")).digest()


def new_seed() -> int:
    """A fresh seed for a session nobody asked to repeat (shown, so it can be repeated)."""
    return int.from_bytes(os.urandom(4), "big") % 1_000_000


class SelectionError(ValueError):
    """The filters leave no question, or name a topic or type the pack does not have."""


def select_items(
    pack: Pack,
    *,
    seed: int,
    count: int | None = DEFAULT_COUNT,
    topic: str | None = None,
    kind: str | None = None,
    only_ids: list[str] | None = None,
) -> list[Item]:
    """The session's items in their deterministic order."""
    if topic is not None and topic not in pack.topics:
        raise SelectionError(f"unknown topic {topic!r}; topics: {', '.join(pack.topics)}")
    if kind is not None and kind not in ("myth-or-fact", "choice", "who-said"):
        raise SelectionError(f"unknown type {kind!r}; types: myth-or-fact, choice, who-said")
    if count is not None and count < 1:
        raise SelectionError("--count must be at least 1")
    pool = pack.items
    if only_ids is not None:
        wanted = set(only_ids)
        pool = [item for item in pool if item.id in wanted]
    if topic is not None:
        pool = [item for item in pool if item.topic == topic]
    if kind is not None:
        pool = [item for item in pool if item.type == kind]
    if not pool:
        raise SelectionError("no question matches these choices")
    if only_ids is not None:
        order = {item_id: i for i, item_id in enumerate(only_ids)}
        ordered = sorted(pool, key=lambda item: order[item.id])
    else:
        # The same key as _rank(seed, item.id), built in one pass: a pack may hold 10,000 items.
        prefix = f"{seed}:".encode("utf-8")
        keys = [sha256(prefix + item.id.encode("utf-8")).digest() for item in pool]
        if count is not None and count < len(pool):
            import heapq

            return [pool[i] for _, i in heapq.nsmallest(count, zip(keys, range(len(pool))))]
        ordered = [pool[i] for _, i in sorted(zip(keys, range(len(pool))))]
    return ordered[:count] if count is not None else ordered


def is_right(item: Item, option: str) -> bool:
    """Does `option` answer `item` rightly? The one place answers are graded."""
    return option == item.answer


def shuffled_options(item: Item, seed: int) -> tuple[str, ...]:
    """Myth/Fact/Disputed stay in that order (keys m, f, d); other options are shuffled by seed."""
    if item.type == "myth-or-fact":
        return item.options
    return tuple(sorted(item.options, key=lambda option: _rank(seed, item.id, option)))
