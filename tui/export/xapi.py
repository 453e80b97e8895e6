"""Kept answers as xAPI statements, for a learning record store (LRS).

One "answered" statement per kept answer (xAPI 1.0.3, "Experience API" data model):

- actor: an Agent identified by an account (`homePage` = ACCOUNT_HOME, `name` = the
  participant's name, or "learner" when the session had none);
- verb: http://adlnet.gov/expapi/verbs/answered;
- object: the item as a `cmi.interaction` Activity of interactionType "choice", its
  choices (ids made from the option's words), the correct response as
  correctResponsesPattern;
- result: success, the response (the chosen option's id, the format xAPI gives for a
  "choice" interaction) and the time taken as an ISO 8601 duration; the certainty the
  learner gave, when asked, as the extension CERTAINTY;
- context: the session as the registration; the pack as the parent activity.

A live room's answers follow the quiz's: the participant's nickname as the account name,
each participant's answers in the room as one registration, the room's code and the
answer's round (2 for a re-vote) as the context extensions ROOM and ROUND. A
participant's final answer to a question (the highest round they answered in) is the one
that counts in a score.

Every statement carries the answer's phase as the context extension PHASE: a quiz's
"quiz", or with `--pre-post` "pre" (asked before, verdict kept back, in no score) or
"post"; a room's "pre", "workshop" or "post"; and whether it counts in the score as
COUNTED (false for a pre answer, and for a room answer replaced by the participant's
second-round answer). So score, d′, c and g can be recomputed.

Statement ids are derived from the database's answer and session numbers (UUID 5), so
exporting twice into the same LRS does not store an answer twice.
"""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import quote
from typing import TYPE_CHECKING, Any, Iterable

from ..core.explain import question_text
from ..core.model import Item, Pack
from .results import room_part

if TYPE_CHECKING:
    from ..core.progress import AnswerRow, RoomAnswerRow, RoomRow, SessionRow

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
ACCOUNT_HOME = "https://mythquiz.invalid/"  # no real home page: a local account name
ACTIVITY_BASE = "https://mythquiz.invalid/pack/"
VERSION = "1.0.3"
# Extensions (xAPI: keys are IRIs the exporter controls): the learner's certainty, 1 not
# sure, 2 fairly sure, 3 sure (result); the live room's code and round (context).
CERTAINTY = "https://mythquiz.invalid/xapi/extensions/certainty"
ROOM = "https://mythquiz.invalid/xapi/extensions/room-code"
ROUND = "https://mythquiz.invalid/xapi/extensions/round"  # 2: the question's re-vote
PHASE = "https://mythquiz.invalid/xapi/extensions/phase"  # pre (in no score), quiz/workshop, post
COUNTED = "https://mythquiz.invalid/xapi/extensions/counted"  # counts in the score
_NAMESPACE = uuid.UUID("6f1c2a57-3f52-5b0e-9d1e-7a2b6c0e4d11")


def choice_id(option: str) -> str:
    """An option's words as an xAPI choice id (no spaces, no `[,]` delimiters)."""
    slug = re.sub(r"[^0-9a-z]+", "-", option.casefold()).strip("-")
    return slug or "option"


def _choice_ids(item: Item) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for option in item.options:
        base = candidate = choice_id(option)
        n = 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        ids[option] = candidate
    return ids


def _duration(seconds: float | None) -> str | None:
    return None if seconds is None else f"PT{max(0.0, seconds):.2f}S"


def _pack_id(pack: Pack) -> str:
    return ACTIVITY_BASE + (choice_id(pack.title) or "pack")


def _definition(pack: Pack, item_id: str, given: str) -> tuple[dict[str, Any], str]:
    """The item as a `cmi.interaction` of type "choice", and the response's choice id."""
    item = pack.item(item_id)
    definition: dict[str, Any] = {"type": INTERACTION, "interactionType": "choice"}
    response = choice_id(given)
    if item is not None:
        ids = _choice_ids(item)
        response = ids.get(given, response)
        definition.update({
            "name": {"en": item.id},
            "description": {"en": question_text(item)},
            "correctResponsesPattern": [ids[item.answer]] if item.answer in ids else [],
            "choices": [{"id": ids[o], "description": {"en": o}} for o in item.options],
        })
    return definition, response


def _statement(pack: Pack, *, key: str, name: str, registration: str, item_id: str, given: str,
               correct: bool, seconds: float | None, at: str, certainty: int | None = None,
               phase: str = "quiz", counted: bool = True, room: str | None = None,
               round_: int | None = None) -> dict[str, Any]:
    definition, response = _definition(pack, item_id, given)
    result: dict[str, Any] = {"success": correct, "response": response}
    if (duration := _duration(seconds)) is not None:
        result["duration"] = duration
    if certainty is not None:
        result["extensions"] = {CERTAINTY: certainty}
    context: dict[str, Any] = {
        "registration": registration,
        "contextActivities": {"parent": [{"objectType": "Activity", "id": _pack_id(pack),
                                          "definition": {"type": ASSESSMENT, "name": {"en": pack.title}}}]},
    }
    context["extensions"] = {PHASE: phase, COUNTED: counted}
    if room is not None:
        context["extensions"].update({ROOM: room, ROUND: round_})
    return {
        "id": str(uuid.uuid5(_NAMESPACE, key)),
        "actor": {"objectType": "Agent", "name": name, "account": {"homePage": ACCOUNT_HOME, "name": name}},
        "verb": {"id": ANSWERED, "display": {"en": "answered"}},
        "object": {"objectType": "Activity", "id": f"{_pack_id(pack)}/item/{quote(item_id, safe='')}",
                   "definition": definition},
        "result": result,
        "context": context,
        "timestamp": at,
        "version": VERSION,
    }


def statement(pack: Pack, session: SessionRow, answer: AnswerRow) -> dict[str, Any]:
    return _statement(
        pack, key=f"answer:{session.id}:{answer.id}:{answer.at}", name=session.name or "learner",
        registration=str(uuid.uuid5(_NAMESPACE, f"session:{session.id}:{session.started}")),
        item_id=answer.item, given=answer.given, correct=answer.correct, seconds=answer.seconds,
        at=answer.at, certainty=answer.certainty, phase=answer.phase, counted=answer.phase != "pre")


def room_statement(pack: Pack, room: RoomRow, answer: RoomAnswerRow, replaced: bool = False) -> dict[str, Any]:
    """A live room's answer: the participant by nickname, the room by its code; `replaced`
    when the participant answered the question again in its second round."""
    phase = room_part(answer.question, room)
    return _statement(
        pack, key=f"room:{room.id}:{room.created}:{answer.participant}:{answer.question}:{answer.round}",
        name=answer.name,
        registration=str(uuid.uuid5(_NAMESPACE, f"room:{room.id}:{room.created}:{answer.participant}")),
        item_id=answer.item, given=answer.given, correct=answer.correct, seconds=answer.seconds,
        at=answer.answered_at, phase=phase, counted=phase != "pre" and not replaced, room=room.code,
        round_=answer.round)


def statements(pack: Pack, sessions: Iterable[tuple[SessionRow, list[AnswerRow]]],
               rooms: Iterable[tuple[RoomRow, list[RoomAnswerRow]]] = ()) -> Iterable[dict[str, Any]]:
    for session, answers in sessions:
        for answer in answers:
            yield statement(pack, session, answer)
    for room, room_answers in rooms:
        again = {(a.participant, a.question) for a in room_answers if a.round == 2}
        for room_answer in room_answers:
            replaced = room_answer.round == 1 and (room_answer.participant, room_answer.question) in again
            yield room_statement(pack, room, room_answer, replaced)


def xapi_json(pack: Pack, sessions: Iterable[tuple[SessionRow, list[AnswerRow]]],
              rooms: Iterable[tuple[RoomRow, list[RoomAnswerRow]]] = ()) -> str:
    """A JSON array of statements, the body an LRS's POST /statements accepts."""
    return json.dumps(list(statements(pack, sessions, rooms)), ensure_ascii=False, indent=2) + "\n"
