"""Vote, discuss, vote again: a second round on the same question, through the room's web
application with many participants. One answer per participant per round; a round
named that is not the one open is refused; and before the reveal, nothing a participant
receives (state, events, page) depends on how the others voted in the first round."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

from aiohttp.test_utils import TestClient, TestServer

from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.web.room import make_app

CODE = "246810"
OTHERS = 24


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def join_all(client, names) -> list[str]:
    replies = await asyncio.gather(*(client.post("/api/join", json={"code": CODE, "name": n}) for n in names))
    assert [r.status for r in replies] == [200] * len(names)
    return [(await r.json())["token"] for r in replies]


async def answer_all(client, tokens, number, options, **extra) -> list[int]:
    replies = await asyncio.gather(*(
        client.post("/api/answer", json={"number": number, "option": option, **extra}, headers=bearer(token))
        for token, option in zip(tokens, options)))
    return [r.status for r in replies]


async def next_event(stream) -> dict:
    while True:
        line = (await asyncio.wait_for(stream.content.readline(), 10)).decode()
        if line.startswith("data: "):
            return json.loads(line[6:])


async def test_two_rounds_with_many_participants(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=2, code=CODE, kind="myth-or-fact")
    async with TestClient(TestServer(make_app(room))) as client:
        tokens = await join_all(client, [f"p{n}" for n in range(30)])
        room.open_next()
        options = room.options[0]
        right = room.items[0].answer
        wrong = next(o for o in options if o != right)
        state = await (await client.get("/api/state", headers=bearer(tokens[0]))).json()
        assert state["round"] == 1
        # Round 1: ten right, twenty wrong; the round may be named, or not.
        first = [right] * 10 + [wrong] * 20
        assert await answer_all(client, tokens[:15], 1, first[:15], round=1) == [200] * 15
        assert await answer_all(client, tokens[15:], 1, first[15:]) == [200] * 15
        assert await answer_all(client, tokens[:5], 1, [right] * 5) == [409] * 5  # once per round
        assert room.revote()  # v while round 1 is still open closes it and opens round 2
        assert room.round == 2 and room.phase == "open"
        assert not room.revote()  # there is no third round
        # Round 2: the first five stay right, the next five switch to wrong, twenty switch to right.
        second = [right] * 5 + [wrong] * 5 + [right] * 20
        statuses = await answer_all(client, tokens[:20], 1, second[:20], round=2)
        assert statuses == [200] * 20
        assert await answer_all(client, tokens[20:25], 1, [right] * 5, round=1) == [409] * 5  # not the open round
        assert await answer_all(client, tokens[20:25], 1, [right] * 5, round="2") == [400] * 5  # a round is a number
        assert await answer_all(client, tokens[20:], 1, second[20:]) == [200] * 10
        assert await answer_all(client, tokens[:3], 1, [wrong] * 3, round=2) == [409] * 3  # once per round
        state = await (await client.get("/api/state", headers=bearer(tokens[0]))).json()
        assert state["round"] == 2 and state["your_answer"] == right and state["your_first_answer"] == right
        assert room.tally(1).counts[options.index(right)] == 10 and room.tally(2).answered == 30
        room.reveal()
        state = await (await client.get("/api/state", headers=bearer(tokens[7]))).json()
        assert state["verdict"]["you_were_right"] is False  # p7 switched right → wrong: the final answer counts
        assert state["your_answer"] == wrong and state["score"] == {"right": 0, "answered": 1, "asked": 1}
    report = room.report()
    q = report["questions"][0]
    assert [(r["right"], r["answered"]) for r in q["rounds"]] == [(10, 30), (25, 30)]
    assert (q["right"], q["answered"], q["percent"]) == (25, 30, 83)  # the final round's
    assert q["switches"] == {"both": 30, "wrong_to_right": 20, "right_to_wrong": 5, "changed": 25}
    assert sorted({r["round"] for r in report["rows"]}) == [1, 2] and len(report["rows"]) == 60
    with sqlite3.connect(tmp_path / "progress.db") as db:
        stored = db.execute("SELECT round, count(*) FROM room_answers GROUP BY round").fetchall()
    assert stored == [(1, 30), (2, 30)]


async def _what_ann_receives(pack, path, others_vote: int) -> list[str]:
    """Everything Ann's device gets through the first round, the discussion and the
    second round, up to the reveal; the others all vote for option `others_vote` in
    round 1."""
    room = Room.create(pack, RoomStore(path), seed=11, count=2, code=CODE, kind="myth-or-fact")
    seen: list[str] = []
    async with TestClient(TestServer(make_app(room))) as client:
        ann, *others = await join_all(client, ["Ann", *(f"p{n}" for n in range(OTHERS))])
        stream = await client.get("/api/events", headers=bearer(ann))

        async def look() -> None:
            state = await client.get("/api/state", headers=bearer(ann))
            seen.append(await state.text())
            page = await client.get("/play", headers={"Cookie": f"mythquiz_room={ann}"})
            seen.append(re.sub(r"\s+", " ", await page.text()))
            seen.append(json.dumps(await next_event(stream)))

        await next_event(stream)  # the lobby
        room.open_next()
        options = room.options[0]
        assert await answer_all(client, [ann], 1, [options[0]]) == [200]
        assert await answer_all(client, others, 1, [options[others_vote]] * OTHERS) == [200] * OTHERS
        await look()
        room.close()
        await look()
        assert room.revote()
        await look()
        assert await answer_all(client, [ann], 1, [options[1]], round=2) == [200]
        room.close()
        await look()
        await stream.release()
    return seen


async def test_first_round_tally_reaches_no_participant_before_the_reveal(pack, tmp_path):
    # Ann answers the same in both rooms; only the others' first-round votes differ. If any
    # state, event or page Ann receives told her how the room voted, they would differ.
    one = await _what_ann_receives(pack, tmp_path / "a", 0)
    other = await _what_ann_receives(pack, tmp_path / "b", 1)
    assert len(one) == 12
    assert one == other
    second_round = json.loads(one[6])
    assert second_round["round"] == 2 and second_round["your_answer"] is None
    assert "verdict" not in second_round
    assert "Second round" in one[7]  # the page says what to do now


def test_report_refuses_a_room_csv_with_a_bad_round_or_question_number(tmp_path):
    import subprocess

    from conftest import MYTHQUIZ, run_env

    header = "room,participant,question_number,round,item_id,answer,correct,answered_at,seconds_to_answer"
    for number, in_round in (("1", "3"), ("1", "x"), ("²", "1"), ("9" * 5000, "1"), ("", "1")):
        path = tmp_path / "room.csv"
        path.write_text(f"{header}\n1,a,{number},{in_round},x,Myth,1,2026,1\n", encoding="utf-8")
        result = subprocess.run([str(MYTHQUIZ), "report", str(path)], capture_output=True, text=True,
                                env=run_env(), timeout=60)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"mythquiz: {path}:2: ")
