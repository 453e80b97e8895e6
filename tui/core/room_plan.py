"""Which questions a live room asks, in what order, and what part of the session each is.

A room asks the quiz engine's selection (the same items, seed and option order as
`mythquiz quiz`). With pre/post (`--pre-post K`) it asks K pre questions first, without
revealing them, then the N workshop questions, then the same K again as post questions,
revealed this time: N + 2K questions, numbered in that order. A post question shows its
options in the same order as its pre question (the options' order depends only on the
item and the seed).
"""

from __future__ import annotations

from .engine import Session
from .selection import DEFAULT_COUNT, shuffled_options
from .model import Pack

PRE, WORKSHOP, POST = "pre", "workshop", "post"


class PlanError(ValueError):
    """The pack cannot fill the room the options ask for: one line for the user."""


def choose(pack: Pack, *, seed: int | None, count: int | None, topic: str | None, kind: str | None,
           pre_post: int = 0) -> Session:
    """The session of a new room: N questions, or K pre + N workshop + the same K post."""
    count = count or DEFAULT_COUNT
    session = Session.create(pack, seed=seed, count=count + pre_post, topic=topic, kind=kind)
    if not pre_post:
        return session
    chosen = session.items
    if len(chosen) <= pre_post:
        raise PlanError(f"--pre-post {pre_post} needs at least {pre_post + 1} questions, and only "
                        f"{len(chosen)} match")
    pre = chosen[:pre_post]
    planned = Session(pack, pre + chosen[pre_post:] + pre, session.seed)
    planned.filter = session.filter
    return planned


def restored(pack: Pack, item_ids: list[str], seed: int) -> Session:
    """The session of a room being resumed, from its stored question list. KeyError naming
    an item the pack no longer has."""
    items = []
    for item_id in item_ids:
        item = pack.item(item_id)
        if item is None:
            raise KeyError(item_id)
        items.append(item)
    return Session(pack, items, seed)


def options_of(session: Session) -> list[tuple[str, ...]]:
    """Each question's options, in the order shown (the quiz's: `Session.options`)."""
    return [shuffled_options(item, session.seed) for item in session.items]


def part_of(number: int, total: int, pre_post: int) -> str:
    """'pre', 'workshop' or 'post': the part of the room that question `number` is in."""
    if pre_post and 1 <= number <= pre_post:
        return PRE
    if pre_post and number > total - pre_post:
        return POST
    return WORKSHOP
