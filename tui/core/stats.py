"""What the progress store says about a learner and a pack: the figures of the stats screen.

No Textual: the stats screen and `mythquiz --plain stats` both show these figures.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, NamedTuple

from .model import Pack
from .progress import due_for_review, history

SPARKS = "▁▂▃▄▅▆▇█"


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
    sessions: tuple[SessionPoint, ...]
    by_topic: tuple[TopicAccuracy, ...]
    best: SessionPoint | None
    longest_streak: int
    answers: int
    never_seen: int
    due: int
    items: int


def compute(pack: Pack, data: dict[str, Any], at: datetime | None = None) -> Stats:
    sessions = []
    longest = 0
    for raw in data.get("sessions", []):
        if not isinstance(raw, dict):
            continue
        try:
            point = SessionPoint(str(raw.get("date", "")), int(raw.get("score", 0)),
                                 int(raw.get("answered", raw.get("total", 0))), bool(raw.get("review")))
            longest = max(longest, int(raw.get("best_streak", 0)))
        except (TypeError, ValueError):
            continue
        if point.answered > 0:
            sessions.append(point)
    right: dict[str, int] = {}
    answered: dict[str, int] = {}
    never = 0
    total_answers = 0
    for item in pack.items:
        h = history(data, item.id)
        if h is None or h.seen == 0:
            never += 1
            continue
        right[item.topic] = right.get(item.topic, 0) + h.right
        answered[item.topic] = answered.get(item.topic, 0) + h.right + h.wrong
        total_answers += h.right + h.wrong
    by_topic = tuple(
        TopicAccuracy(t, pack.topic_name(t), right[t], answered[t]) for t in pack.topics if answered.get(t)
    )
    best = max(sessions, key=lambda p: (p.percent, p.score), default=None)
    due = len(due_for_review(data, [item.id for item in pack.items], at or datetime.now(timezone.utc)))
    return Stats(tuple(sessions), by_topic, best, longest, total_answers, never, due, len(pack.items))


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
    n = len(stats.sessions)
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
    out.append(f"Questions due for review: {stats.due}.")
    return out
