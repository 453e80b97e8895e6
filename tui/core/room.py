"""A live room: participants answer on their own devices, the facilitator paces.

No Textual, no aiohttp: the web server, the plain and the full-screen facilitator all
drive this one `Room`. The questions are the quiz engine's (the same selection, seed and
option order as `mythquiz quiz`), and the reveal is built from the engine's feedback, so
a participant's device shows what the quiz shows.

The phases, the second round and the countdown are the facilitator's (`room_pacing.py`);
this module keeps the participants and their answers. The store commits every accepted
answer before it is acknowledged, and a second answer in the same round is refused by the
store's UNIQUE constraint, not by a check before the write. The first round's tally of a
re-voted question is for the facilitator's screen only.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Callable

from .engine import Session
from .model import Pack
from .room_access import (DEFAULT_MAX_PARTICIPANTS, Participant, clean_name, code_matches, hash_token, new_code,
                          new_token)
from .room_errors import (AlreadyAnswered, BadOption, NotOpen, NotSaved, RoomError, RoomFull, UnknownToken,
                          WrongCode, WrongRound)
from .room_pacing import Pacing
from .room_plan import choose, options_of, restored
from .room_results import class_report
from .room_reveal import reveal_payload
from .room_store import RoomStore, StoreError, StoredAnswer
from .room_view import Tally
from . import room_view

# RoomError and NotSaved are imported from here by the web server's answer batch.
__all__ = ["Room", "RoomError", "NotSaved", "Tally", "PHASES"]

PHASES = ("lobby", "open", "closed", "revealed", "ended")


class Room(Pacing):
    """The room's state: phase, current question, participants, answers.

    Listeners (`subscribe`) are called after every change with the event's name
    ("joined", "answered", "phase"), so a facilitator screen can redraw at once.
    Answers are kept by (participant, question, round); counts by (question, round).
    """

    def __init__(self, pack: Pack, session: Session, store: RoomStore, *, code: str | None = None,
                 leaderboard: bool = False, timer: int | None = None, speed_bonus: bool = False,
                 max_participants: int = DEFAULT_MAX_PARTICIPANTS, pre_post: int = 0,
                 clock: Callable[[], float] = time.time, _resume_id: int | None = None) -> None:
        self.pack = pack
        self.session = session
        self.store = store
        self.leaderboard = leaderboard
        self.timer = timer
        self.speed_bonus = speed_bonus
        self.max_participants = max_participants
        self.clock = clock
        self.pre_post = pre_post  # K: the first K questions are asked again as the last K
        self.items = session.items
        self.options: list[tuple[str, ...]] = options_of(session)
        self.phase = "lobby"
        self.current = 0  # 1-based number of the question asked; 0 in the lobby
        self.deadline: float | None = None
        self.opened_at: dict[int, float] = {}
        self.revote_at: dict[int, float] = {}  # questions with a second round: when it opened
        self.participants: dict[str, Participant] = {}  # by token hash
        self.names: dict[int, str] = {}
        self.answers: dict[tuple[int, int, int], StoredAnswer] = {}  # (participant, question, round)
        self.counts: dict[tuple[int, int], Counter[str]] = {}  # (question, round)
        self._listeners: list[Callable[[str, Any], None]] = []
        self._reveal: dict[int, dict[str, Any]] = {}
        self.last_seen: dict[int, float] = {}  # participant -> when their page last asked
        self.seen_end: set[int] = set()  # participants whose page has shown the end
        if _resume_id is None:
            self.code = code or new_code()
            self.id = store.create_room(
                self.code, session.seed,
                {"count": len(self.items), "leaderboard": leaderboard, "timer": timer,
                 "speed_bonus": speed_bonus, "pre_post": pre_post},
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
        """A new room; with `pre_post=K`, K pre + `count` workshop + the same K post questions.
        PlanError if the pack has too few questions for that."""
        session = choose(pack, seed=seed, count=count, topic=topic, kind=kind,
                         pre_post=options.get("pre_post", 0))
        return cls(pack, session, store, **options)

    @classmethod
    def resume(cls, pack: Pack, store: RoomStore, code: str | None = None, **options: Any) -> "Room | None":
        """The latest unfinished room (with this code), as it was; None if there is none.
        Raises KeyError naming an item the pack no longer has."""
        room_id = store.find_room(code)
        if room_id is None:
            return None
        saved = store.load_room(room_id)
        session = restored(pack, [item_id for item_id, *_ in saved.questions], saved.seed)
        for name, kind in (("leaderboard", bool), ("timer", None), ("speed_bonus", bool), ("pre_post", int)):
            value = saved.settings.get(name)
            options.setdefault(name, kind(value or 0) if kind else value)
        room = cls(pack, session, store, code=saved.code, _resume_id=room_id, **options)
        room.options = [opts for _, opts, _, _ in saved.questions]
        room.phase, room.current, room.deadline = saved.phase, saved.current, saved.deadline
        room.opened_at = {n: t for n, (_, _, t, _) in enumerate(saved.questions, 1) if t is not None}
        room.revote_at = {n: t for n, (_, _, _, t) in enumerate(saved.questions, 1) if t is not None}
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

    def answer(self, token: object, number: object, option: object, round_: object = None) -> StoredAnswer:
        """Record one answer, committed to the store before this returns. `round_`, when
        given, must be the round open now (WrongRound otherwise)."""
        self.check_round(round_)
        result = self.answer_many([(token, number, option)])[0]
        if isinstance(result, RoomError):
            raise result
        return result

    def answer_many(self, requests: list[tuple[object, object, object]]) -> list[StoredAnswer | RoomError]:
        """Record answers that arrived together, committed in one transaction before this
        returns; for each, its record or the RoomError that refuses it."""
        results = self.take_answers(requests)
        records = [r for r in results if isinstance(r, StoredAnswer)]
        if records:
            try:
                inserted: list[bool | StoreError] = list(self.store.add_answers(self.id, records))
            except StoreError as exc:
                inserted = [exc] * len(records)
            settled = iter(self.settle_answers(records, inserted))
            results = [next(settled) if isinstance(r, StoredAnswer) else r for r in results]
        return results

    def take_answers(self, requests: list[tuple[object, object, object]]) -> list[StoredAnswer | RoomError]:
        """The first half of `answer_many`: for each request, the record to commit or the
        RoomError that refuses it. Nothing is stored or counted yet."""
        self.check_timer()
        now = self.clock()
        results: list[StoredAnswer | RoomError] = []
        for token, number, option in requests:
            try:
                results.append(self._record(token, number, option, now))
            except RoomError as exc:
                results.append(exc)
        return results

    def settle_answers(self, records: list[StoredAnswer],
                       inserted: list[bool | StoreError]) -> list[StoredAnswer | RoomError]:
        """The second half, once `records` are committed: `inserted` says, for each, whether
        the store took it (False: this participant had answered already) or the StoreError
        that kept it out. Counts the new ones; returns their records or RoomErrors."""
        results: list[StoredAnswer | RoomError] = []
        for record, new in zip(records, inserted):
            if isinstance(new, StoreError):
                results.append(NotSaved(f"your answer could not be saved, please try again: {new}"))
            elif new:
                self._count(record)
                results.append(record)
            else:
                results.append(AlreadyAnswered(
                    "you have already answered this question in this round; your first answer stands"))
        if any(new is True for new in inserted):
            self._emit("answered", self.current)
        return results

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
        in_round = self.round
        opened = (self.revote_at if in_round == 2 else self.opened_at).get(number, now)
        return StoredAnswer(who.id, number, item.id, option, option == item.answer, now,
                            round(max(0.0, now - opened), 3), in_round)

    def _count(self, record: StoredAnswer) -> None:
        self.answers[(record.participant, record.question, record.round)] = record
        self.counts.setdefault((record.question, record.round), Counter())[record.answer] += 1

    def check_round(self, named: object) -> None:
        """Nothing if `named` is None or the round open now; WrongRound for the other
        round, BadOption for anything but 1 or 2."""
        if named is None:
            return
        if not isinstance(named, int) or isinstance(named, bool) or named not in (1, 2):
            raise BadOption("the round must be 1 or 2")
        if named != self.round:
            raise WrongRound(f"round {named} is not open: this question is in round {self.round}")

    def answer_of(self, pid: int, number: int, in_round: int | None = None) -> StoredAnswer | None:
        """A participant's answer in a round; without a round, their final one (the second
        round's if they gave one, else the first's)."""
        if in_round is not None:
            return self.answers.get((pid, number, in_round))
        return self.answers.get((pid, number, 2)) or self.answers.get((pid, number, 1))

    # ---- what everyone sees ----

    def tally(self, in_round: int | None = None) -> Tally:
        """The current question's tally in a round (default the round open now). The first
        round's, once a second is open, is for the facilitator's screen only."""
        number = self.current
        in_round = in_round or self.round
        options = self.options[number - 1] if number else ()
        counts = self.counts.get((number, in_round), Counter())
        return Tally(number, len(self.participants), sum(counts.values()), options,
                     tuple(counts[o] for o in options), in_round)

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
        return room_view.pages_behind(self, within)

    # ---- the class report ----

    def report(self) -> dict[str, Any]:
        """The class report's figures and CSV rows (see `room_results`)."""
        return class_report(self)
