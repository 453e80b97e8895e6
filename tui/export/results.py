"""Results as JSON or CSV, the format `mythquiz report` reads back.

Every kept answer, of a quiz or of a live room run from this data dir, with what a
learner needs to recompute the figures elsewhere: the item's type, the answer given, the
right answer (for a myth-or-fact item, the given and the correct verdict), whether it was
right, and the certainty the learner gave (empty when it was not asked).

Each answer says its `phase` and whether it is `counted` in the score, so the score, d′,
c and g can be recomputed: a quiz's phase is "quiz", or with `--pre-post` "pre" (asked
before the quiz, its verdict kept back: counted in no score) or "post" (asked again at
the end). A room's participant is one session, with the room's code and the participant's
nickname as name; each answer gives its `round` (2: the question's re-vote) and its part
of the room as `phase` ("pre", "workshop", "post"). The participant's final answer to a
question (their round-2 answer if they gave one, else round 1) is the one counted, once;
a pre question's is never counted. A session's `score` and `answered` are its counted
answers'.
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
RESULTS_VERSION = 2  # 2: answers carry round, phase and counted; a room participant is one session
CSV_HEADER = ("name", "date", "seed", "session", "room", "round", "item", "type", "question", "given",
              "answer", "correct", "certainty", "seconds", "phase", "counted")
# What `report` reads: this layout, the one before phases, and the one before rooms and
# certainty were added.
CSV_HEADERS = (CSV_HEADER, CSV_HEADER[:-2], ("name", "date", "seed", "session", "item", "question", "given",
                                             "answer", "correct", "seconds"))

Sessions = Iterable[tuple["SessionRow", list["AnswerRow"]]]
Rooms = Iterable[tuple["RoomRow", list["RoomAnswerRow"]]]


def _answer(pack: Pack, item_id: str, given: str, correct: bool, certainty: int | None,
            seconds: float | None, phase: str, counted: bool, round_: int | None = None) -> dict[str, Any]:
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
        "round": round_,
        "phase": phase,
        "counted": counted,
    }


def room_part(number: int, room: RoomRow) -> str:
    """'pre', 'workshop' or 'post': the part of the room question `number` was in."""
    if room.pre_post and number <= room.pre_post:
        return "pre"
    return "post" if room.pre_post and number > room.questions - room.pre_post else "workshop"


def participants(pack: Pack, rooms: Rooms) -> Iterator[dict[str, Any]]:
    """Each room's participants, one entry each, as the results JSON holds a session: every
    answer, in question and round order, the final one to each question counted once."""
    for room, rows in rooms:
        by_participant: dict[int, list[RoomAnswerRow]] = {}
        for a in sorted(rows, key=lambda a: (a.participant, a.question, a.round)):
            by_participant.setdefault(a.participant, []).append(a)
        for answers in by_participant.values():
            last = {a.question: a.round for a in answers}
            counted = [a.round == last[a.question] and room_part(a.question, room) != "pre" for a in answers]
            yield {
                "name": answers[0].name, "date": room.created, "seed": room.seed, "room": room.code,
                "score": sum(a.correct for a, c in zip(answers, counted) if c), "answered": sum(counted),
                "total": room.questions - room.pre_post,
                "duration": sum(a.seconds for a in answers), "review": False,
                "answers": [_answer(pack, a.item, a.given, a.correct, None, a.seconds, room_part(a.question, room),
                                    c, a.round) for a, c in zip(answers, counted)],
            }


def entries(pack: Pack, sessions: Sessions, rooms: Rooms = ()) -> Iterator[dict[str, Any]]:
    """Kept sessions, then room participants, each with its answers."""
    for row, rows in sessions:
        yield {
            "name": row.name, "date": row.started, "seed": row.seed, "room": None,
            "score": row.score, "answered": row.answered, "total": row.total,
            "duration": row.duration, "review": row.review,
            "answers": [_answer(pack, a.item, a.given, a.correct, a.certainty, a.seconds, a.phase, a.phase != "pre")
                        for a in rows],
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
                             a["round"] or "", a["item"], a["type"] or "", a["question"] or "", a["given"],
                             a["answer"] or "", "right" if a["correct"] else "wrong",
                             "" if a["certainty"] is None else a["certainty"], a["seconds"], a["phase"],
                             "yes" if a["counted"] else "no"])
    return buffer.getvalue()
