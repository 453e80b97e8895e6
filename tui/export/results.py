"""Results as JSON or CSV, the format `mythquiz report` reads back.

Every kept answer, of a quiz or of a live room run from this data dir, with what a
learner needs to recompute the figures elsewhere: the item's type, the answer given, the
right answer (for a myth-or-fact item, the given and the correct verdict), whether it was
right, and the certainty the learner gave (empty when it was not asked). A room's
participant is one "session" per round (a question's re-vote is round 2) with the room's
code and the participant's nickname as name, so no question counts twice in one session.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..core.explain import question_text
from ..core.model import Pack
from ..core.wording import verdict_line
from .csvcell import Writer

if TYPE_CHECKING:
    from ..core.progress import AnswerRow, RoomAnswerRow, RoomRow, SessionRow

RESULTS_FORMAT = "mythquiz-results"
RESULTS_VERSION = 1
CSV_HEADER = ("name", "date", "seed", "session", "room", "round", "item", "type", "question", "given",
              "answer", "correct", "certainty", "seconds")
# What `report` reads: this layout and the one before rooms and certainty were added.
CSV_HEADERS = (CSV_HEADER, ("name", "date", "seed", "session", "item", "question", "given", "answer",
                            "correct", "seconds"))

Sessions = Iterable[tuple["SessionRow", list["AnswerRow"]]]
Rooms = Iterable[tuple["RoomRow", list["RoomAnswerRow"]]]


def _answer(pack: Pack, item_id: str, given: str, correct: bool, certainty: int | None,
            seconds: float | None) -> dict[str, Any]:
    item = pack.item(item_id)
    return {
        "item": item_id,
        "type": item.type if item else None,
        "question": question_text(item) if item else None,
        "given": given,
        "answer": item.answer if item else None,
        "verdict": verdict_line(item, pack.sources) if item else None,
        "correct": correct,
        "certainty": certainty,
        "seconds": seconds,
    }


def participants(pack: Pack, rooms: Rooms) -> Iterator[dict[str, Any]]:
    """Each room's participants, one entry per round they answered in, as the results JSON
    holds a session."""
    for room, rows in rooms:
        by_participant: dict[tuple[int, int], list[RoomAnswerRow]] = {}
        for a in rows:
            by_participant.setdefault((a.participant, a.round), []).append(a)
        for (_, round_), answers in by_participant.items():
            score = sum(a.correct for a in answers)
            yield {
                "name": answers[0].name, "date": room.created, "seed": room.seed, "room": room.code,
                "round": round_,
                "score": score, "answered": len(answers), "total": room.questions,
                "duration": sum(a.seconds for a in answers), "review": False,
                "answers": [_answer(pack, a.item, a.given, a.correct, None, a.seconds) for a in answers],
            }


def entries(pack: Pack, sessions: Sessions, rooms: Rooms = ()) -> Iterator[dict[str, Any]]:
    """Kept sessions, then room participants, each with its answers."""
    for row, rows in sessions:
        yield {
            "name": row.name, "date": row.started, "seed": row.seed, "room": None, "round": None,
            "score": row.score, "answered": row.answered, "total": row.total,
            "duration": row.duration, "review": row.review,
            "answers": [_answer(pack, a.item, a.given, a.correct, a.certainty, a.seconds) for a in rows],
        }
    yield from participants(pack, rooms)


def results_document(pack: Pack, sessions: Sessions, rooms: Rooms = ()) -> dict[str, Any]:
    """Kept sessions and room participants with each answer's question and right answer."""
    return {"format": RESULTS_FORMAT, "version": RESULTS_VERSION, "pack": pack.title,
            "sessions": list(entries(pack, sessions, rooms))}


def results_json(pack: Pack, sessions: Sessions, rooms: Rooms = ()) -> str:
    return json.dumps(results_document(pack, sessions, rooms), ensure_ascii=False, indent=2) + "\n"


def results_csv(pack: Pack, sessions: Sessions, rooms: Rooms = ()) -> str:
    buffer = io.StringIO()
    writer = Writer(buffer)  # a name or question that looks like a formula stays text
    writer.writerow(CSV_HEADER)
    for n, entry in enumerate(entries(pack, sessions, rooms), 1):
        for a in entry["answers"]:
            writer.writerow([entry["name"] or "", entry["date"], entry["seed"], n, entry["room"] or "",
                             entry["round"] or "", a["item"], a["type"] or "", a["question"] or "", a["given"], a["answer"] or "",
                             "right" if a["correct"] else "wrong",
                             "" if a["certainty"] is None else a["certainty"], a["seconds"]])
    return buffer.getvalue()
