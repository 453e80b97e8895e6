"""The live room's facilitator screen in a second round, at 80x24 and 60x20, compared
with stored SVG snapshots: the key bar keeps `r Reveal`, `q` and `?`; the status line
keeps the phase in words; the second round's bars are on screen above the first's.

After a deliberate change of look, look at each picture in the report, then regenerate
with `.venv/bin/python -m pytest tests/test_snapshots_room.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.ui.room_screen import RoomApp

CODE = "246810"


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_second_round_at_size(snap_compare, small_pack, tmp_path, size):
    room = Room.create(small_pack, RoomStore(tmp_path), seed=4, count=2, code=CODE)
    tokens = [room.join(CODE, name) for name in ("Ann", "Bo", "Cy")]
    app = RoomApp(room, "http://127.0.0.1:8765/", lambda: [])

    async def second_round(pilot) -> None:
        await pilot.press("n")
        for n, token in enumerate(tokens):
            room.answer(token, 1, room.options[0][n % 2])
        await pilot.press("c", "v")
        for token in tokens[:2]:
            room.answer(token, 1, room.options[0][-1], 2)
        await pilot.pause()

    assert snap_compare(app, run_before=second_round, terminal_size=size)
