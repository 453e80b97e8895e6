"""What the progress store hands out: one named tuple per kind of row, and the small
rules every part of the store shares (the setting keys, a flag's note, the time)."""

from datetime import datetime, timezone
from typing import Any, NamedTuple

from .percent import percent

MAX_NOTE = 500
SETTING_KEYS = ("theme", "animations", "scheduler", "certainty")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def clean_note(note: str) -> str:
    """A flag's note on one line, printable characters only, at most MAX_NOTE long."""
    return "".join(ch for ch in " ".join(str(note).split()) if ch.isprintable())[:MAX_NOTE]


class ItemHistory(NamedTuple):
    seen: int
    right: int
    wrong: int
    last_seen: str | None
    box: int


class SessionRow(NamedTuple):
    """A session as kept: running figures while under way, final ones once finished."""
    id: int
    started: str
    finished: str | None
    name: str | None
    seed: int | None
    filter: str | None
    review: bool
    score: int
    answered: int
    total: int
    best_streak: int
    duration: float

    @property
    def percent(self) -> int:
        return percent(self.score, self.answered)


class AnswerRow(NamedTuple):
    id: int
    session: int
    at: str
    item: str
    given: str
    correct: bool
    certainty: int | None
    seconds: float | None
    phase: str = "quiz"  # with --pre-post: "pre" (in no score), "quiz" or "post"


class Flag(NamedTuple):
    at: str
    item: str
    note: str
    pack: str | None


class RoomRow(NamedTuple):
    """A live room a facilitator ran from this data dir, with its figures (`answers` and
    `right` count each participant's final answer to a question: the re-vote's, if any;
    a pre question's answers count in neither)."""
    id: int
    code: str
    seed: int
    created: str  # ISO 8601, UTC
    phase: str
    questions: int
    participants: int
    answers: int
    right: int
    pre_post: int  # --pre-post K: questions 1 to K were pre questions, in no score

    @property
    def percent(self) -> int:
        return percent(self.right, self.answers)


class RoomAnswerRow(NamedTuple):
    """One participant's answer in a live room."""
    participant: int
    name: str  # the nickname the participant joined with
    question: int
    round: int  # 2: given in the question's re-vote
    item: str
    given: str
    correct: bool
    answered_at: str  # ISO 8601, UTC
    seconds: float


SESSION_COLUMNS = "id, started, finished, name, seed, filter, review, score, answered, total, best_streak, duration"
ANSWER_COLUMNS = "id, session, at, item, given, correct, certainty, seconds, phase"
ROOM_COLUMNS = "id, code, seed, created_at, phase"


def session_row(raw: tuple[Any, ...]) -> SessionRow:
    return SessionRow._make((*raw[:6], bool(raw[6]), *raw[7:]))


def answer_row(raw: tuple[Any, ...]) -> AnswerRow:
    return AnswerRow._make((*raw[:5], bool(raw[5]), *raw[6:]))
