"""Who may take part: the room code is six digits whatever the random draw, a room takes
500 participants unless told otherwise, and a name of up to 40 characters is a name."""

from __future__ import annotations

import secrets

import pytest

from tui.core.room import Room
from tui.core.room_errors import BadName, RoomFull
from tui.core.room_store import RoomStore


@pytest.mark.parametrize("draw, code", [(lambda n: n - 1, "999999"), (lambda n: 0, "000000")])
def test_a_random_room_code_is_always_six_digits(pack, tmp_path, monkeypatch, draw, code):
    monkeypatch.setattr(secrets, "randbelow", draw)  # the largest and the smallest draw
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=1)
    assert room.code == code
    assert room.participant(room.join(code, "Ann")).name == "Ann"


def test_a_room_takes_500_participants_by_default(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=1, code="1")
    for n in range(500):
        room.join("1", f"p{n}")
    with pytest.raises(RoomFull):
        room.join("1", "one too many")
    assert room.tally().joined == 500


def test_a_name_is_trimmed_and_may_be_forty_characters(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=1, code="1")
    assert room.participant(room.join("1", "  " + "é" * 40 + "\n")).name == "é" * 40
    with pytest.raises(BadName):
        room.join("1", "é" * 41)
    with pytest.raises(BadName):
        room.join("1", "zero\u200bwidth")  # invisible
