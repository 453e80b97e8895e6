"""Every request a live room refuses carries the HTTP status the participant API
documents (README, issue 16): wrong code 403, bad name or option or body 400, unknown
token 401, a question not open / a second answer / the wrong round 409, a full room or an
answer the database could not keep 503. Each is produced here by the room itself."""

from __future__ import annotations

from typing import Callable

import pytest

from tui.core.room import Room
from tui.core.room_errors import RoomError
from tui.core.room_store import RoomStore, StoreError


def status_of(call: Callable[[], object]) -> int:
    with pytest.raises(RoomError) as refused:
        call()
    return refused.value.status


def test_each_refusal_has_the_documented_status(pack, tmp_path, monkeypatch):
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=2, code="123456", max_participants=1)
    assert status_of(lambda: room.join("654321", "Ann")) == 403  # wrong code
    assert status_of(lambda: room.join("123456", "")) == 400  # empty name
    token = room.join("123456", "Ann")
    assert status_of(lambda: room.join("123456", "Bo")) == 503  # the room is full
    assert status_of(lambda: room.state_for("not-a-token")) == 401
    option = room.options[0][0]
    assert status_of(lambda: room.answer(token, 1, option)) == 409  # still in the lobby
    assert room.open_next()
    assert status_of(lambda: room.answer(token, 1, "not an option")) == 400
    assert status_of(lambda: room.answer(token, 1, option, 3)) == 400  # there is no round 3
    assert status_of(lambda: room.answer(token, 1, option, 2)) == 409  # round 2 is not open
    room.answer(token, 1, option)
    assert status_of(lambda: room.answer(token, 1, option)) == 409  # a second answer

    def refuse(*_: object) -> list[bool]:
        raise StoreError("disk full")

    assert room.revote()
    monkeypatch.setattr(room.store, "add_answers", refuse)
    assert status_of(lambda: room.answer(token, 1, option)) == 503  # not saved: try again


def test_a_body_that_is_not_a_request_is_refused_with_400():
    # The web server refuses broken JSON with the room's base error: 400, not a 5xx.
    assert RoomError("the body is not valid JSON").status == 400
