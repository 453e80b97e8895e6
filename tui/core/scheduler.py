"""When a question comes back for review: Leitner boxes (the default) or FSRS.

Leitner: a wrong answer puts an item in box 1, due at once; a right answer moves it up
one box (at most 6); an item in box n (n ≥ 2) comes back 2**n days after it was last
seen. Only items that were ever answered wrong are reviewed.

FSRS (`--scheduler fsrs`, the scheduler Anki adopted, from the `fsrs` package): each item
is a card; a right answer is rated Good, a wrong one Again, and the card's stability and
difficulty give its next due date. Every item ever answered is reviewed when due. The
cards are worked out from the kept answer log when FSRS is chosen, then kept up to date
answer by answer.

Both obey the same two rules (tests/test_scheduler.py checks them on random histories):
an item answered right moves later (it is not due again at the moment of the answer),
and an item answered wrong comes back no later than it would have after a right answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import fsrs

SCHEDULERS = ("leitner", "fsrs")
DEFAULT = "leitner"
MAX_BOX = 6


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# ---- the order of a review ----


def review_order(due: Iterable[tuple[str, int | None, int, str | None]], confident_errors: set[str]) -> list[str]:
    """Due items, given as (item, last answer right?, times wrong, last seen), in the order
    a review asks them: those last answered wrong at certainty 3 first (confident errors
    are the most worth correcting, and the likeliest to return: Butterfield & Metcalfe
    2001), then the others last answered wrong, then the most missed, then the longest ago."""
    return [item for item, *_ in sorted(
        due, key=lambda d: (d[0] not in confident_errors, 1 if d[1] else 0, -d[2], d[3] or "", d[0]))]


# ---- Leitner ----


def leitner_box(box: int, correct: bool) -> int:
    """The box after one answer."""
    return min(box + 1, MAX_BOX) if correct else 1


def leitner_due(box: int, last_seen: datetime) -> datetime:
    """When an item in `box`, last seen at `last_seen`, is due again."""
    return last_seen if box <= 1 else last_seen + timedelta(days=2**box)


# ---- FSRS ----

_scheduler: "fsrs.Scheduler | None" = None


def _fsrs() -> "fsrs.Scheduler":
    global _scheduler
    if _scheduler is None:
        import fsrs

        # No fuzzing: the same answers give the same due dates (tests, two machines).
        # No learning steps: a quiz question answered right the first time comes back in
        # days, not in ten minutes as a new flashcard would; a lapse (wrong after right)
        # still comes back within the session's day (the relearning step).
        _scheduler = fsrs.Scheduler(enable_fuzzing=False, learning_steps=())
    return _scheduler


def fsrs_review(card_json: str | None, correct: bool, when: datetime) -> tuple[str, datetime]:
    """One answer applied to an item's FSRS card: the new card (JSON) and its due date."""
    import fsrs

    card = fsrs.Card.from_json(card_json) if card_json else fsrs.Card(card_id=1, due=when)
    card, _ = _fsrs().review_card(card, fsrs.Rating.Good if correct else fsrs.Rating.Again, when)
    return card.to_json(), card.due


def fsrs_replay(answers: Iterable[tuple[datetime, bool]]) -> tuple[str, datetime] | None:
    """An item's card from its answers, oldest first (None if it has none): the same as
    fsrs_review applied answer by answer, without a JSON round trip at each step."""
    import fsrs

    scheduler = _fsrs()
    card = None
    for when, correct in answers:
        if card is None:
            card = fsrs.Card(card_id=1, due=when)
        card, _ = scheduler.review_card(card, fsrs.Rating.Good if correct else fsrs.Rating.Again, when)
    return None if card is None else (card.to_json(), card.due)
