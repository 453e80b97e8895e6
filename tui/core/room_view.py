"""What a live room's participants see: their view of the room (`GET /api/state`), their
own score, and the leaderboard when the facilitator asked for one; and the tally the
facilitator sees.

A score counts revealed questions only: an open question's verdict is not out yet, and a
pre question's is held back until it is asked again at the end.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .explain import question_text
from .percent import percent

# `room` below is a `tui.core.room.Room` (not imported: the room imports this module).
Room = Any



class Tally(NamedTuple):
    """How the room answers the current question (in one round)."""

    number: int  # 0 in the lobby
    joined: int
    answered: int
    options: tuple[str, ...]
    counts: tuple[int, ...]
    round: int  # 1, or 2 in a re-voted question's second round

    def share(self, index: int) -> int:
        return percent(self.counts[index], self.answered)


SPEED_SECONDS = 10  # --speed-bonus without --timer: a right answer this quick earns a speed point


def speed_seconds(room: "Room") -> float:
    """With --speed-bonus: a right answer within this many seconds earns a speed point."""
    return room.timer / 2 if room.timer else SPEED_SECONDS


def score_of(room: "Room", pid: int) -> dict[str, int]:
    """Right answers of the revealed questions (a question with two rounds counts the final
    answer: the second round's if given); pre questions never count, their verdict is
    held back. With --speed-bonus, also the speed points, one per right answer given quickly."""
    asked = room.current if room.phase in ("revealed", "ended") else max(0, room.current - 1)
    numbers = [n for n in range(1, asked + 1) if room.part(n) != "pre"]
    mine = [a for n in numbers if (a := room.answer_of(pid, n)) is not None]
    score = {"right": sum(a.correct for a in mine), "answered": len(mine), "asked": len(numbers)}
    if room.speed_bonus:
        quick = speed_seconds(room)
        score["speed"] = sum(a.correct and a.seconds_to_answer <= quick for a in mine)
    return score


def leaderboard_rows(room: "Room", limit: int = 10) -> list[dict[str, Any]]:
    """The top `limit`: by points (right answers, plus speed points with --speed-bonus)."""
    rows = []
    for p in room.participants.values():
        score = score_of(room, p.id)
        rows.append((score["right"] + score.get("speed", 0), score["right"], p.name, p.id))
    rows.sort(key=lambda r: (-r[0], r[3]))
    return [{"name": name, "right": right, "points": points} for points, right, name, _ in rows[:limit]]


def participant_state(room: "Room", pid: int, name: str) -> dict[str, Any]:
    """One participant's view of the room, as `GET /api/state` answers it: never another
    participant's answer, never a tally, never a pre question's verdict."""
    number = room.current
    state: dict[str, Any] = {"phase": room.phase, "name": name, "code": room.code,
                             "question": None, "round": room.round, "part": room.part() if number else None,
                             "your_answer": None, "score": score_of(room, pid),
                             "seconds_left": room.seconds_left()}
    if number:
        item = room.items[number - 1]
        state["question"] = {"number": number, "total": room.total, "text": question_text(item),
                             "kind": item.kind_label, "topic": room.pack.topic_name(item.topic),
                             "options": list(room.options[number - 1])}
        mine = room.answer_of(pid, number, room.round)
        state["your_answer"] = mine.answer if mine else None
        if room.round == 2:
            first = room.answer_of(pid, number, 1)
            state["your_first_answer"] = first.answer if first else None
        if room.phase in ("revealed", "ended") and number in room.opened_at and not room.holds_back:
            final = room.answer_of(pid, number)
            state["your_answer"] = final.answer if final else None  # after a re-vote: the final one
            verdict = dict(room.revealed(number))
            verdict["you_were_right"] = final.correct if final else None
            state["verdict"] = verdict
    if room.leaderboard:
        state["leaderboard"] = leaderboard_rows(room)
    return state


def pages_behind(room: "Room", within: float = 10.0) -> int:
    """Participants whose page asked in the last `within` seconds but has not yet shown
    the end: the server waits a little for them before it stops."""
    now = room.clock()
    return sum(1 for pid, when in room.last_seen.items() if now - when <= within and pid not in room.seen_end)
