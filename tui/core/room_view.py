"""What a live room's participants see: their view of the room (`GET /api/state`), their
own score, and the leaderboard when the facilitator asked for one.

A score counts revealed questions only: an open question's verdict is not out yet.
"""

from __future__ import annotations

from typing import Any

from .explain import question_text

# `room` below is a `tui.core.room.Room` (not imported: the room imports this module).
Room = Any

SPEED_SECONDS = 10  # --speed-bonus without --timer: a right answer this quick earns a speed point


def speed_seconds(room: "Room") -> float:
    """With --speed-bonus: a right answer within this many seconds earns a speed point."""
    return room.timer / 2 if room.timer else SPEED_SECONDS


def score_of(room: "Room", pid: int) -> dict[str, int]:
    """Right answers of the revealed questions; with --speed-bonus, also the speed points,
    one per right answer given quickly."""
    asked = room.current if room.phase in ("revealed", "ended") else max(0, room.current - 1)
    mine = [a for n in range(1, asked + 1) if (a := room.answers.get((pid, n))) is not None]
    score = {"right": sum(a.correct for a in mine), "answered": len(mine), "asked": asked}
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
    """One participant's view of the room, as `GET /api/state` answers it."""
    state: dict[str, Any] = {"phase": room.phase, "name": name, "code": room.code,
                             "question": None, "your_answer": None,
                             "score": score_of(room, pid), "seconds_left": room.seconds_left()}
    number = room.current
    if number:
        item = room.items[number - 1]
        state["question"] = {"number": number, "total": room.total, "text": question_text(item),
                             "kind": item.kind_label, "topic": room.pack.topic_name(item.topic),
                             "options": list(room.options[number - 1])}
        mine = room.answers.get((pid, number))
        state["your_answer"] = mine.answer if mine else None
        if room.phase in ("revealed", "ended") and number in room.opened_at:
            verdict = dict(room.revealed(number))
            verdict["you_were_right"] = mine.correct if mine else None
            state["verdict"] = verdict
    if room.leaderboard:
        state["leaderboard"] = leaderboard_rows(room)
    return state
