"""Kept answers as xAPI statements, for a learning record store (LRS).

One "answered" statement per kept answer (xAPI 1.0.3, "Experience API" data model):

- actor: an Agent identified by an account (`homePage` = ACCOUNT_HOME, `name` = the
  participant's name, or "learner" when the session had none);
- verb: http://adlnet.gov/expapi/verbs/answered;
- object: the item as a `cmi.interaction` Activity of interactionType "choice", its
  choices (ids made from the option's words), the correct response as
  correctResponsesPattern;
- result: success, the response (the chosen option's id) and the time taken as an ISO
  8601 duration;
- context: the session as the registration; the pack as the parent activity.

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

if TYPE_CHECKING:
    from ..core.progress import AnswerRow, SessionRow

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
ACCOUNT_HOME = "https://mythquiz.invalid/"  # no real home page: a local account name
ACTIVITY_BASE = "https://mythquiz.invalid/pack/"
VERSION = "1.0.3"
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


def statement(pack: Pack, session: SessionRow, answer: AnswerRow) -> dict[str, Any]:
    item = pack.item(answer.item)
    definition: dict[str, Any] = {"type": INTERACTION, "interactionType": "choice"}
    response = choice_id(answer.given)
    if item is not None:
        ids = _choice_ids(item)
        response = ids.get(answer.given, response)
        definition.update({
            "name": {"en": item.id},
            "description": {"en": question_text(item)},
            "correctResponsesPattern": [ids[item.answer]] if item.answer in ids else [],
            "choices": [{"id": ids[o], "description": {"en": o}} for o in item.options],
        })
    result: dict[str, Any] = {"success": answer.correct, "response": response}
    if (duration := _duration(answer.seconds)) is not None:
        result["duration"] = duration
    return {
        "id": str(uuid.uuid5(_NAMESPACE, f"answer:{session.id}:{answer.id}:{answer.at}")),
        "actor": {"objectType": "Agent", "name": session.name or "learner",
                  "account": {"homePage": ACCOUNT_HOME, "name": session.name or "learner"}},
        "verb": {"id": ANSWERED, "display": {"en": "answered"}},
        "object": {"objectType": "Activity", "id": f"{_pack_id(pack)}/item/{quote(answer.item, safe='')}", "definition": definition},
        "result": result,
        "context": {
            "registration": str(uuid.uuid5(_NAMESPACE, f"session:{session.id}:{session.started}")),
            "contextActivities": {"parent": [{"objectType": "Activity", "id": _pack_id(pack),
                                              "definition": {"type": ASSESSMENT, "name": {"en": pack.title}}}]},
        },
        "timestamp": answer.at,
        "version": VERSION,
    }


def statements(pack: Pack, sessions: Iterable[tuple[SessionRow, list[AnswerRow]]]) -> Iterable[dict[str, Any]]:
    for session, answers in sessions:
        for answer in answers:
            yield statement(pack, session, answer)


def xapi_json(pack: Pack, sessions: Iterable[tuple[SessionRow, list[AnswerRow]]]) -> str:
    """A JSON array of statements, the body an LRS's POST /statements accepts."""
    return json.dumps(list(statements(pack, sessions)), ensure_ascii=False, indent=2) + "\n"
