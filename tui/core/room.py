"""A live room: participants answer on their own devices, the facilitator paces.

No Textual, no aiohttp: the web server, the plain and the full-screen facilitator all
drive this one `Room`. The questions are the quiz engine's (the same selection, seed and
option order as `mythquiz quiz`), and the reveal is built from the engine's feedback, so
a participant's device shows what the quiz shows.

Phases: lobby (nobody asked yet) → open (answers taken) → closed → revealed → open (the
next question) … → ended. The store commits every accepted answer before `answer`
returns, and a second answer to the same question is refused by the store's UNIQUE
constraint, not by a check before the write.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Callable, NamedTuple

from .engine import Feedback, Session
from .model import Item, Pack
from .room_access import (
    DEFAULT_MAX_PARTICIPANTS, MAX_NAME, Participant, clean_name, code_matches, hash_token, new_code, new_token,
)
from .room_errors import (
    AlreadyAnswered, BadName, BadOption, NotOpen, NotSaved, RoomError, RoomFull, UnknownToken, WrongCode,
)
from .room_results import class_report
from .room_reveal import reveal_payload
from .room_store import RoomStore, StoreError, StoredAnswer
from . import room_view

__all__ = [
    "Room", "Tally", "PHASES", "Participant", "RoomError", "WrongCode", "BadName", "RoomFull", "UnknownToken",
    "NotOpen", "AlreadyAnswered", "BadOption", "NotSaved", "MAX_NAME", "DEFAULT_MAX_PARTICIPANTS",
    "clean_name", "hash_token", "new_code", "reveal_payload", "Feedback",
]

PHASES = ("lobby", "open", "closed", "revealed", "ended")


class Tally(NamedTuple):
    """How the room answers the current question."""

    number: int  # 0 in the lobby
    joined: int
    answered: int
    options: tuple[str, ...]
    counts: tuple[int, ...]

    def share(self, index: int) -> int:
        return round(100 * self.counts[index] / self.answered) if self.answered else 0


class Room:
    """The room's state: phase, current question, participants, answers.

    Listeners (`subscribe`) are called after every change with the event's name
    ("joined", "answered", "phase"), so a facilitator screen can redraw at once.
    """

    def __init__(self, pack: Pack, session: Session, store: RoomStore, *, code: str | None = None,
                 leaderboard: bool = False, timer: int | None = None, speed_bonus: bool = False,
                 max_participants: int = DEFAULT_MAX_PARTICIPANTS,
                 clock: Callable[[], float] = time.time, _resume_id: int | None = None) -> None:
        self.pack = pack
        self.session = session
        self.store = store
        self.leaderboard = leaderboard
        self.timer = timer
        self.speed_bonus = speed_bonus
        self.max_participants = max_participants
        self.clock = clock
        self.items = session.items
        self.options: list[tuple[str, ...]] = []
        for index in range(len(self.items)):
            session.index = index
            self.options.append(session.options())
        session.index = 0
        self.phase = "lobby"
        self.current = 0  # 1-based number of the question asked; 0 in the lobby
        self.deadline: float | None = None
        self.opened_at: dict[int, float] = {}
        self.participants: dict[str, Participant] = {}  # by token hash
        self.names: dict[int, str] = {}
        self.answers: dict[tuple[int, int], StoredAnswer] = {}  # (participant, question)
        self.counts: dict[int, Counter[str]] = {}
        self.scores: Counter[int] = Counter()
        self._listeners: list[Callable[[str, Any], None]] = []
        self._reveal: dict[int, dict[str, Any]] = {}
        self.last_seen: dict[int, float] = {}  # participant -> when their page last asked
        self.seen_end: set[int] = set()  # participants whose page has shown the end
        if _resume_id is None:
            self.code = code or new_code()
            self.id = store.create_room(
                self.code, session.seed,
                {"count": len(self.items), "leaderboard": leaderboard, "timer": timer,
                 "speed_bonus": speed_bonus},
                [(item.id, opts) for item, opts in zip(self.items, self.options)],
                datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            )
        else:
            self.id = _resume_id
            self.code = code or ""

    # ---- making and resuming ----

    @classmethod
    def create(cls, pack: Pack, store: RoomStore, *, seed: int | None = None, count: int | None = None,
               topic: str | None = None, kind: str | None = None, **options: Any) -> "Room":
        from .engine import DEFAULT_COUNT

        session = Session.create(pack, seed=seed, count=count or DEFAULT_COUNT, topic=topic, kind=kind)
        return cls(pack, session, store, **options)

    @classmethod
    def resume(cls, pack: Pack, store: RoomStore, code: str | None = None, **options: Any) -> "Room | None":
        """The latest unfinished room (with this code), as it was; None if there is none.
        Raises KeyError naming an item the pack no longer has."""
        room_id = store.find_room(code)
        if room_id is None:
            return None
        saved = store.load_room(room_id)
        items = []
        for item_id, _, _ in saved.questions:
            item = pack.item(item_id)
            if item is None:
                raise KeyError(item_id)
            items.append(item)
        session = Session(pack, items, saved.seed)
        options.setdefault("leaderboard", bool(saved.settings.get("leaderboard")))
        options.setdefault("timer", saved.settings.get("timer"))
        options.setdefault("speed_bonus", bool(saved.settings.get("speed_bonus")))
        room = cls(pack, session, store, code=saved.code, _resume_id=room_id, **options)
        room.options = [opts for _, opts, _ in saved.questions]
        room.phase, room.current, room.deadline = saved.phase, saved.current, saved.deadline
        room.opened_at = {n: t for n, (_, _, t) in enumerate(saved.questions, 1) if t is not None}
        for p in saved.participants:
            room.participants[p.token_hash] = Participant(p.id, p.name, p.joined_at)
            room.names[p.id] = p.name
        for a in saved.answers:
            room._count(a)
        return room

    # ---- events ----

    def subscribe(self, listener: Callable[[str, Any], None]) -> None:
        self._listeners.append(listener)

    def _emit(self, event: str, detail: Any = None) -> None:
        for listener in list(self._listeners):
            listener(event, detail)

    # ---- participants ----

    def join(self, code: object, name: object) -> str:
        """A new participant's token. WrongCode, BadName or RoomFull otherwise."""
        if not code_matches(code, self.code):
            raise WrongCode("wrong room code")
        nickname = clean_name(name)
        if self.phase == "ended":
            raise NotOpen("the room has ended")
        if len(self.participants) >= self.max_participants:
            raise RoomFull(f"the room is full ({self.max_participants} participants)")
        token = new_token()
        digest = hash_token(token)
        joined_at = self.clock()
        try:
            pid = self.store.add_participant(self.id, digest, nickname, joined_at)
        except StoreError as exc:
            raise NotSaved(f"could not save: {exc}") from None
        self.participants[digest] = Participant(pid, nickname, joined_at)
        self.names[pid] = nickname
        self._emit("joined", nickname)
        return token

    def participant(self, token: object) -> Participant:
        if not isinstance(token, str) or not token:
            raise UnknownToken("no token")
        found = self.participants.get(hash_token(token))
        if found is None:
            raise UnknownToken("unknown token")
        return found

    # ---- answers ----

    def answer(self, token: object, number: object, option: object) -> StoredAnswer:
        """Record one answer, committed to the store before this returns."""
        result = self.answer_many([(token, number, option)])[0]
        if isinstance(result, RoomError):
            raise result
        return result

    def answer_many(self, requests: list[tuple[object, object, object]]) -> list[StoredAnswer | RoomError]:
        """Record answers that arrived together, committed in one transaction before this
        returns; for each, its record or the RoomError that refuses it."""
        self.check_timer()
        now = self.clock()
        results: list[StoredAnswer | RoomError | None] = [None] * len(requests)
        valid: list[tuple[int, StoredAnswer]] = []
        for index, (token, number, option) in enumerate(requests):
            try:
                valid.append((index, self._record(token, number, option, now)))
            except RoomError as exc:
                results[index] = exc
        if valid:
            try:
                inserted = self.store.add_answers(self.id, [record for _, record in valid])
            except StoreError as exc:
                inserted = []
                for index, _ in valid:
                    results[index] = NotSaved(f"your answer could not be saved, please try again: {exc}")
            for (index, record), new in zip(valid, inserted):
                if new:
                    self._count(record)
                    results[index] = record
                else:
                    results[index] = AlreadyAnswered(
                        "you have already answered this question; your first answer stands")
            if any(inserted):
                self._emit("answered", self.current)
        return results  # type: ignore[return-value]

    def _record(self, token: object, number: object, option: object, now: float) -> StoredAnswer:
        """The answer as it would be stored; RoomError if it cannot be taken."""
        who = self.participant(token)
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(self.items):
            raise BadOption("no such question number")
        if self.phase != "open" or number != self.current:
            raise NotOpen("this question is not open for answers")
        item = self.items[number - 1]
        if not isinstance(option, str) or option not in self.options[number - 1]:
            raise BadOption("not one of this question's options")
        return StoredAnswer(who.id, number, item.id, option, option == item.answer, now,
                            round(max(0.0, now - self.opened_at.get(number, now)), 3))

    def _count(self, record: StoredAnswer) -> None:
        self.answers[(record.participant, record.question)] = record
        self.counts.setdefault(record.question, Counter())[record.answer] += 1
        self.scores[record.participant] += record.correct

    # ---- the facilitator's actions ----

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def item(self) -> Item | None:
        return self.items[self.current - 1] if self.current else None

    @property
    def last(self) -> bool:
        return self.current >= self.total

    def _set(self, phase: str, current: int | None = None, opened: bool = False) -> None:
        if current is not None:
            self.current = current
        now = self.clock()
        if opened:
            self.opened_at[self.current] = now
            self.deadline = now + self.timer if self.timer else None
        elif phase != "open":
            self.deadline = None
        self.phase = phase
        self.store.set_phase(self.id, phase, self.current, self.deadline, now if opened else None)
        self._emit("phase", phase)

    def open_next(self) -> bool:
        """Ask the next question (n). False if there is none left or the room has ended."""
        if self.phase == "ended" or self.last:
            return False
        self._set("open", self.current + 1, opened=True)
        return True

    def close(self) -> bool:
        """Stop taking answers (c). False if no question is open."""
        if self.phase != "open":
            return False
        self._set("closed")
        return True

    def reveal(self) -> bool:
        """Show the verdict and evidence to everyone (r); closes answering too."""
        if self.phase not in ("open", "closed"):
            return False
        self._set("revealed")
        return True

    def end(self) -> None:
        """End the room (q): no more joins or answers."""
        if self.phase != "ended":
            self._set("ended")

    def extend(self) -> bool:
        """Add another `--timer` period to the open question's countdown."""
        if self.phase != "open" or not self.timer or self.deadline is None:
            return False
        self.deadline += self.timer
        self.store.set_phase(self.id, self.phase, self.current, self.deadline)
        self._emit("phase", self.phase)
        return True

    def check_timer(self) -> bool:
        """Close answering once the countdown has run out; True if this call closed it."""
        if self.phase == "open" and self.deadline is not None and self.clock() >= self.deadline:
            self._set("closed")
            return True
        return False

    def seconds_left(self) -> int | None:
        if self.phase != "open" or self.deadline is None:
            return None
        return max(0, int(self.deadline - self.clock() + 0.999))

    # ---- what everyone sees ----

    def tally(self) -> Tally:
        number = self.current
        options = self.options[number - 1] if number else ()
        counts = self.counts.get(number, Counter())
        return Tally(number, len(self.participants), sum(counts.values()), options,
                     tuple(counts[o] for o in options))

    def revealed(self, number: int) -> dict[str, Any]:
        """The reveal payload of question `number`, built once."""
        payload = self._reveal.get(number)
        if payload is None:
            self.session.index = number - 1
            self.session.feedback = None
            payload = self._reveal[number] = reveal_payload(self.session.reveal(), self.pack.sources)
            self.session.feedback = None
        return payload

    def score_of(self, pid: int) -> dict[str, int]:
        return room_view.score_of(self, pid)

    def leaderboard_rows(self, limit: int = 10) -> list[dict[str, Any]]:
        return room_view.leaderboard_rows(self, limit)

    def state_for(self, token: object) -> dict[str, Any]:
        """What `GET /api/state` answers: this participant's view of the room."""
        who = self.participant(token)
        self.check_timer()
        self.last_seen[who.id] = self.clock()
        if self.phase == "ended":
            self.seen_end.add(who.id)
        return room_view.participant_state(self, who.id, who.name)

    def pages_behind(self, within: float = 10.0) -> int:
        """Participants whose page asked in the last `within` seconds but has not yet
        shown the end: the server waits a little for them before it stops."""
        now = self.clock()
        return sum(1 for pid, when in self.last_seen.items()
                   if now - when <= within and pid not in self.seen_end)

    # ---- the class report ----

    def report(self) -> dict[str, Any]:
        """The class report's figures and CSV rows (see `room_results`)."""
        return class_report(self)
