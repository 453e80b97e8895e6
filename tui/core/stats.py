"""What the progress store says about a learner and a pack: the figures of the stats screen.

No Textual: the stats screen and `mythquiz --plain stats` both show these figures.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, NamedTuple

from .model import Pack

if TYPE_CHECKING:
    from .progress import Store

SPARKS = "▁▂▃▄▅▆▇█"
RECENT = 30  # sessions the stats screen charts; plain mode lists the last 12


class SessionPoint(NamedTuple):
    date: str
    score: int
    answered: int
    review: bool

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.answered) if self.answered else 0


class TopicAccuracy(NamedTuple):
    topic: str
    name: str
    right: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.answered) if self.answered else 0


class Stats(NamedTuple):
    sessions: tuple[SessionPoint, ...]  # the most recent, oldest first
    by_topic: tuple[TopicAccuracy, ...]
    best: SessionPoint | None
    longest_streak: int
    answers: int
    never_seen: int
    due: int
    items: int
    session_count: int = 0  # all of them, not only the recent ones shown
    scheduler: str = "leitner"


def compute(pack: Pack, store: Store | None, at: datetime | None = None, recent: int = RECENT) -> Stats:
    """The figures, from a few queries whose cost does not grow with the number of
    sessions (the last `recent` sessions, the best one, one row per item)."""
    if store is None:
        return Stats((), (), None, 0, 0, len(pack.items), 0, len(pack.items))

    def point(row) -> SessionPoint:
        return SessionPoint(row.started, row.score, row.answered, row.review)

    sessions = tuple(point(row) for row in store.recent_sessions(recent))
    best_row = store.best_session()
    histories = store.histories()
    right: dict[str, int] = {}
    answered: dict[str, int] = {}
    never = 0
    total_answers = 0
    for item in pack.items:
        h = histories.get(item.id)
        if h is None or h.seen == 0:
            never += 1
            continue
        right[item.topic] = right.get(item.topic, 0) + h.right
        answered[item.topic] = answered.get(item.topic, 0) + h.right + h.wrong
        total_answers += h.right + h.wrong
    by_topic = tuple(
        TopicAccuracy(t, pack.topic_name(t), right[t], answered[t]) for t in pack.topics if answered.get(t)
    )
    chosen = store.scheduler()
    due = len(store.due_for_review([item.id for item in pack.items], at or datetime.now(timezone.utc), chosen))
    return Stats(sessions, by_topic, point(best_row) if best_row else None, store.longest_streak(),
                 total_answers, never, due, len(pack.items), store.session_count(), chosen)


def sparkline(values: list[int], high: int = 100) -> str:
    """One block character per value, its height the value's share of `high`."""
    if not values:
        return ""
    top = len(SPARKS) - 1
    return "".join(SPARKS[min(top, round(top * v / high))] if high else SPARKS[0] for v in values)


def bar(part: int, whole: int, width: int = 20) -> str:
    filled = round(width * part / whole) if whole else 0
    return "█" * filled + "░" * (width - filled)


def short_date(iso: str) -> str:
    return iso[:10] if len(iso) >= 10 else iso


def lines(stats: Stats, recent: int = 12) -> list[str]:
    """The stats as self-contained lines (plain mode; the screen shows the same)."""
    out = []
    n = stats.session_count
    if n:
        last = stats.sessions[-recent:]
        out.append(f"Sessions: {n}. Last {len(last)} scores, oldest first: {sparkline([p.percent for p in last])}")
        for p in last:
            kind = " (review)" if p.review else ""
            out.append(f"  {short_date(p.date)}: {p.score} of {p.answered} ({p.percent}%){kind}")
    else:
        out.append("Sessions: none finished yet.")
    if stats.best:
        out.append(f"Best score: {stats.best.score} of {stats.best.answered} ({stats.best.percent}%) "
                   f"on {short_date(stats.best.date)}.")
    out.append(f"Longest streak: {stats.longest_streak}.")
    out.append(f"Answers given: {stats.answers}.")
    if stats.by_topic:
        out.append("Accuracy by topic:")
        width = max(len(t.name) for t in stats.by_topic)
        for t in stats.by_topic:
            out.append(f"  {t.name.ljust(width)}  {bar(t.right, t.answered)}  {t.percent:3d}%  "
                       f"{t.right} of {t.answered} right")
    out.append(f"Questions never seen: {stats.never_seen} of {stats.items}.")
    out.append(f"Questions due for review: {stats.due} (scheduler: {stats.scheduler}).")
    return out
