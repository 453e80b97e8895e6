"""A disputed item's reveal in the live room: /api/state carries the two declared sides,
supporting side first, each with who takes it and its quotes, and the participant's
page sets them under real headings; any other item's reveal has no sides."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient, TestServer
from markupsafe import escape

from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.web.room import make_app

CODE = "424242"
FOR = "NATO's 2017 fact sheet supports this"
AGAINST = "The December 2019 report of Putin's remarks (date inferred) disputes it"


async def revealed(pack, tmp_path, **choose) -> tuple[TestClient, dict, str]:
    """A room on `pack` with one participant, its first question revealed: the client,
    the participant's /api/state and their play page."""
    room = Room.create(pack, RoomStore(tmp_path), seed=3, count=1, code=CODE, **choose)
    client = TestClient(TestServer(make_app(room)))
    await client.start_server()
    r = await client.post("/join", data={"code": CODE, "name": "Ann"}, allow_redirects=False)
    assert r.status == 303
    token = (await (await client.post("/api/join", json={"code": CODE, "name": "Bo"})).json())["token"]
    room.open_next()
    room.reveal()
    state = await (await client.get("/api/state", headers={"Authorization": f"Bearer {token}"})).json()
    page = await (await client.get("/play")).text()
    return client, state, page


async def test_disputed_reveal_carries_both_sides_with_headings_and_quotes(disputed_pack, tmp_path):
    client, state, page = await revealed(disputed_pack, tmp_path)
    try:
        assert state["phase"] == "revealed"
        sides = state["verdict"]["sides"]
        # The pack lists a quote against the statement first; the side for it comes first.
        assert [(s["stance"], s["heading"]) for s in sides] == [("for", FOR), ("against", AGAINST)]
        evidence = disputed_pack.items[0].evidence
        assert [[e["text"] for e in s["excerpts"]] for s in sides] == [
            [evidence[1].text], [evidence[0].text, evidence[2].text]]
        assert {e["source"] for e in sides[1]["excerpts"]} != {e["source"] for e in sides[0]["excerpts"]}
        # Each side a section under a real heading, escaped, the quotes inside it.
        headings = re.findall(r"<h4 id=\"side-\d\">(.*?)</h4>", page)
        assert headings == [str(escape(FOR)), str(escape(AGAINST))]
        boxes = page.split('<section class="side"')[1:]
        assert "has never been suspended" in boxes[0] and "halted in 2014" not in boxes[0]
        assert "halted in 2014" in boxes[1] and "meets periodically" in boxes[1]
        assert "Evidence 1 of 3" not in page
    finally:
        await client.close()


async def test_other_items_reveal_has_no_sides(pack, tmp_path):
    client, state, page = await revealed(pack, tmp_path, kind="choice")
    try:
        assert state["verdict"]["sides"] is None
        assert 'class="sides"' not in page and "<h4" not in page
        assert [e["text"] for e in state["verdict"]["excerpts"]] == [
            q.text for q in next(i for i in pack.items if i.prompt == state["question"]["text"]).evidence]
    finally:
        await client.close()


async def test_facilitator_screen_groups_a_disputed_reveal_by_side(disputed_pack, tmp_path):
    from tui.ui.room_screen import RoomApp
    from tui_helpers import flat, screen_text

    room = Room.create(disputed_pack, RoomStore(tmp_path), seed=3, count=1, code=CODE)
    app = RoomApp(room, "http://127.0.0.1:8765/", lambda: [])
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.press("n", "r")
        text = flat(screen_text(app))
        for_at, against_at = text.index(f"{FOR}:"), text.index(f"{AGAINST}:")
        assert for_at < against_at and "Evidence 1 of 3" not in text
        assert "has never been suspended" in text[for_at:against_at]
        assert "halted in 2014" in text[against_at:] and "halted in 2014" not in text[for_at:against_at]


async def test_class_report_sets_a_missed_disputed_item_under_its_sides(disputed_pack, tmp_path):
    from tui.export.room_report import to_markdown

    room = Room.create(disputed_pack, RoomStore(tmp_path), seed=3, count=1, code=CODE)
    token = room.join(CODE, "Ann")
    room.open_next()
    room.answer(token, 1, "Myth")
    room.reveal()
    room.end()
    text = to_markdown(room.report(), "Room")
    missed = text[text.index("## Most missed"):]
    for_at, against_at = missed.index(f"*{FOR}:*"), missed.index("disputes it:*")
    assert for_at < against_at
    assert "has never been suspended" in missed[for_at:against_at] and "halted in 2014" in missed[against_at:]
