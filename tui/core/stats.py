"""What the progress store says about a learner and a pack: the figures of the stats screen.

No Textual: the stats screen and `mythquiz --plain stats` both show these figures, and
both say them in the same words (`trend_lines`, `room_lines`, `due_line`).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable, NamedTuple

from .model import Pack
from .score_words import figures_phrase, lean_phrase, number
from .signal_detection import Answer, Discernment, discernment

if TYPE_CHECKING:
    from .progress import RoomAnswerRow, Store

SPARKS = "▁▂▃▄▅▆▇█"
RECENT = 30  # sessions the stats screen charts; plain mode lists the last 12
TREND = 8  # quizzes with both myths and facts answered in the discernment trend
TREND_FROM = 12  # ... found among the last this many sessions (whose answers are read)
ROOMS = 5  # live rooms listed
SCHEDULER_NAMES = {"leitner": "Leitner", "fsrs": "FSRS"}
STEADY = 0.25  # a change in d′ smaller than this, between the earlier and later half, is "steady"


class SessionPoint(NamedTuple):
    date: str
    score: int
    answered: int
    review: bool
    discernment: Discernment | None = None  # None: no myth-or-fact answer in it

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


class RoomPoint(NamedTuple):
    code: str
    date: str
    participants: int
    questions: int
    answers: int
    right: int
    discernment: Discernment | None

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.answers) if self.answers else 0


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
    next_due: datetime | None = None  # when nothing is due: when the next item is
    rooms: tuple[RoomPoint, ...] = ()  # the most recent, oldest first
    room_count: int = 0

    @property
    def trend(self) -> tuple[SessionPoint, ...]:
        """The last TREND sessions (of the last TREND_FROM) in which both myths and facts
        were answered, oldest first: only those measure discernment, so only they are
        compared."""
        return tuple(p for p in self.sessions if p.discernment is not None and p.discernment.measured)[-TREND:]

    @property
    def one_sided(self) -> int:
        """Sessions among the last TREND_FROM with myth-or-fact answers of one kind only:
        left out of the trend."""
        return sum(1 for p in self.sessions[-TREND_FROM:] if p.discernment is not None and not p.discernment.measured)


def verdicts(pack: Pack, answers: Iterable[tuple[str, str]],
             mof: dict[str, str] | None = None) -> Discernment | None:
    """d′ and c over the myth-or-fact answers among (item id, given) pairs; None if none.
    `mof`: each myth-or-fact item's verdict, when already at hand."""
    if mof is None:
        mof = myth_or_fact_verdicts(pack)
    found = [Answer(mof[item_id], given) for item_id, given in answers if item_id in mof]
    if not found:
        return None
    d = discernment(found)
    return d if d.myths + d.facts else None


def myth_or_fact_verdicts(pack: Pack) -> dict[str, str]:
    return {item.id: item.answer for item in pack.items if item.type == "myth-or-fact"}


def final_answers(rows: list[RoomAnswerRow]) -> list[tuple[str, str]]:
    """(item id, given) of each participant's last answer to each question of a room (the
    re-vote's, where there was one)."""
    last: dict[tuple[int, int], RoomAnswerRow] = {}
    for row in rows:
        key = (row.participant, row.question)
        if key not in last or row.round > last[key].round:
            last[key] = row
    return [(row.item, row.given) for row in last.values()]


def compute(pack: Pack, store: Store | None, at: datetime | None = None, recent: int = RECENT) -> Stats:
    """The figures, from a few queries whose cost does not grow with the number of
    sessions (the last `recent` sessions and their answers, the best one, one row per
    item, the last few rooms)."""
    if store is None:
        return Stats((), (), None, 0, 0, len(pack.items), 0, len(pack.items))

    rows = store.recent_sessions(recent)
    answers = store.answers_of([row.id for row in rows[-TREND_FROM:]])
    mof = myth_or_fact_verdicts(pack)
    sessions = tuple(
        SessionPoint(row.started, row.score, row.answered, row.review,
                     verdicts(pack, ((a.item, a.given) for a in answers[row.id] if a.phase != "pre"), mof) if row.id in answers
                     else None)
        for row in rows)
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
    moment = at or datetime.now(timezone.utc)
    ids = [item.id for item in pack.items]
    due = store.due_count(ids, moment, chosen)
    rooms = tuple(
        RoomPoint(room.code, room.created, room.participants, room.questions - room.pre_post, room.answers, room.right,
                  verdicts(pack, final_answers([a for a in store.room_answers(room.id) if a.question > room.pre_post]),
                           mof))
        for room in store.recent_rooms(ROOMS))
    best = SessionPoint(best_row.started, best_row.score, best_row.answered, best_row.review) if best_row else None
    return Stats(sessions, by_topic, best, store.longest_streak(), total_answers, never, due, len(pack.items),
                 store.session_count(), chosen, None if due else store.next_due(ids, moment, chosen),
                 rooms, store.room_count() if rooms else 0)


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


def figures(d: Discernment) -> str:
    """`d′ = 1.20, c = −0.35, a strong lean toward distrust`: the quiz summary's words."""
    return figures_phrase(d)


def trend_lines(stats: Stats, titled: bool = True) -> list[str]:
    """Discernment and lean across the last quizzes that asked both myths and facts, in
    words and figures, oldest first (`titled`: the first line says what this is, where no
    heading does). The words compare the figures they quote: the average d′ of the
    earlier half of those quizzes against the later half."""
    points = stats.trend
    left_out = stats.one_sided
    why = (f"{left_out} {'quiz' if left_out == 1 else 'quizzes'} with only myths or only facts "
           f"{'is' if left_out == 1 else 'are'} left out: {'it' if left_out == 1 else 'they'} cannot measure "
           "discernment.")
    if not points:
        if not left_out:
            return []
        none = "no quiz yet asked both myths and facts; "
        return [f"Telling myths from facts: {none}{why}" if titled else none[0].upper() + none[1:] + why]
    which = (f"your last {len(points)} quizzes with both myths and facts, oldest first:" if len(points) > 1
             else "your last quiz with both myths and facts:")
    out = [f"Telling myths from facts, {which}" if titled else which[0].upper() + which[1:]]
    for p in points:
        d = p.discernment
        assert d is not None
        out.append(f"  {short_date(p.date)}: {figures_phrase(d, mistakes=True)}")
    values = [p.discernment.d_prime for p in points if p.discernment is not None]
    if len(values) > 1:
        half = len(values) // 2
        earlier, later = sum(values[:half]) / half, sum(values[-half:]) / half
        way = "rising" if later - earlier >= STEADY else "falling" if later - earlier <= -STEADY else "steady"
        said = (f"d′ went from {number(earlier)} in the first quiz to {number(later)} in the last" if half == 1
                else f"d′ averaged {number(earlier)} over the first {half} quizzes and {number(later)} over "
                     f"the last {half}")
        out.append(f"Discernment is {way}: {said} (0 is chance; higher tells them apart better).")
    leans = Counter(lean_phrase(p.discernment) for p in points if p.discernment is not None)
    order = [f"a {how} lean toward {way}" for way in ("distrust", "naivety") for how in ("strong", "slight")]
    counts = [(leans[what], what) for what in order + ["no lean"]]
    out.append("Answers showed " + ", ".join(f"{what} in {n} of {len(points)}" for n, what in counts if n)
               + " (c below 0: quick to say myth; above 0: quick to say fact).")
    if left_out:
        out.append(why[0].upper() + why[1:])
    return out


def room_lines(stats: Stats) -> list[str]:
    """The live rooms run from this data dir, the last few, oldest first."""
    if not stats.rooms:
        return []
    n = len(stats.rooms)
    if stats.room_count > n:
        out = [f"Live rooms you ran: {stats.room_count}. The last {n}, oldest first:"]
    else:
        out = [f"Live rooms you ran: {n}{', oldest first' if n > 1 else ''}:"]
    for r in stats.rooms:
        line = (f"  {r.code} on {short_date(r.date)}: {r.participants} "
                f"{'participant' if r.participants == 1 else 'participants'}, {r.questions} "
                f"{'question' if r.questions == 1 else 'questions'}, {r.right} of {r.answers} answers right "
                f"({r.percent}%)")
        if r.discernment is not None:
            line += f"; the class: {figures(r.discernment)}"
        out.append(line)
    return out


def due_line(stats: Stats) -> str:
    """How many questions are due, naming the scheduler; when none, when the next is."""
    name = SCHEDULER_NAMES.get(stats.scheduler, stats.scheduler)
    line = f"Questions due for review under the {name} scheduler: {stats.due}"
    if not stats.due and stats.next_due is not None:
        line += f" (the next on {short_date(stats.next_due.isoformat())})"
    return line + "."


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
    out += trend_lines(stats)
    if stats.by_topic:
        out.append("Accuracy by topic:")
        width = max(len(t.name) for t in stats.by_topic)
        for t in stats.by_topic:
            out.append(f"  {t.name.ljust(width)}  {bar(t.right, t.answered)}  {t.percent:3d}%  "
                       f"{t.right} of {t.answered} right")
    out.append(f"Questions never seen: {stats.never_seen} of {stats.items}.")
    out.append(due_line(stats))
    out += room_lines(stats)
    return out
