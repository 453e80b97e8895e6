"""The room's web application through aiohttp's test client: every status code of the
participant API, the HTML pages, and hostile input."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer
from markupsafe import escape

from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.web.room import Limits, make_app

CODE = "123456"


@pytest.fixture
async def client(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=3, code=CODE)
    async with TestClient(TestServer(make_app(room))) as c:
        c.room = room  # type: ignore[attr-defined]
        yield c


async def join(client, name="Ann") -> str:
    r = await client.post("/api/join", json={"code": CODE, "name": name})
    assert r.status == 200, await r.text()
    return (await r.json())["token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_join_status_codes(client):
    assert (await client.post("/api/join", json={"code": "000000", "name": "Ann"})).status == 403
    for name in ("", "  ", "x" * 41, "a\x07b", "new\nline", None, 7):
        assert (await client.post("/api/join", json={"code": CODE, "name": name})).status == 400, name
    assert (await client.post("/api/join", data=b"{not json", headers={"Content-Type": "application/json"})).status == 400
    assert (await client.post("/api/join", json=["a", "list"])).status == 400
    assert (await client.post("/api/join", data=b"\xff\xfe", headers={"Content-Type": "application/json"})).status == 400
    token = await join(client)
    assert len(token) >= 30


async def test_oversize_body_is_refused(client):
    big = b'{"code": "123456", "name": "' + b"a" * 20_000 + b'"}'
    r = await client.post("/api/join", data=big, headers={"Content-Type": "application/json"})
    assert r.status == 413
    assert client.room.participants == {}


async def test_state_needs_a_known_token(client):
    assert (await client.get("/api/state")).status == 401
    assert (await client.get("/api/state", headers=bearer("made-up"))).status == 401
    assert (await client.get("/api/state", headers={"Authorization": "Basic abc"})).status == 401
    token = await join(client)
    r = await client.get("/api/state", headers=bearer(token))
    assert r.status == 200
    state = await r.json()
    assert state["phase"] == "lobby" and state["question"] is None and state["your_answer"] is None


async def test_answer_flow_and_double_answer(client):
    room = client.room
    token = await join(client)
    options = room.options[0]
    r = await client.post("/api/answer", json={"number": 1, "option": options[0]}, headers=bearer(token))
    assert r.status == 409  # lobby: not open
    room.open_next()
    assert (await client.post("/api/answer", json={"number": 1, "option": options[0]})).status == 401
    r = await client.post("/api/answer", json={"number": 1, "option": "nope"}, headers=bearer(token))
    assert r.status == 400
    r = await client.post("/api/answer", json={"number": 1, "option": options[0]}, headers=bearer(token))
    assert r.status == 200
    r = await client.post("/api/answer", json={"number": 1, "option": options[-1]}, headers=bearer(token))
    assert r.status == 409
    state = await (await client.get("/api/state", headers=bearer(token))).json()
    assert state["your_answer"] == options[0]
    assert state["question"]["number"] == 1 and state["question"]["options"] == list(options)
    stored = room.store.db.execute("SELECT answer FROM room_answers").fetchall()
    assert stored == [(options[0],)]  # the first answer stands, once
    for body in (b"{", b"[]", b'{"number": "1", "option": 3}'):
        r = await client.post("/api/answer", data=body, headers=bearer(token))
        assert r.status in (400, 409) and r.status != 200


async def test_closed_question_and_reveal(client):
    room = client.room
    a, b = await join(client, "a"), await join(client, "b")
    room.open_next()
    item = room.items[0]
    await client.post("/api/answer", json={"number": 1, "option": item.answer}, headers=bearer(a))
    room.close()
    r = await client.post("/api/answer", json={"number": 1, "option": item.answer}, headers=bearer(b))
    assert r.status == 409
    room.reveal()
    state = await (await client.get("/api/state", headers=bearer(a))).json()
    assert state["phase"] == "revealed"
    assert state["verdict"]["explanation"] == item.explanation
    assert [e["text"] for e in state["verdict"]["excerpts"]] == [q.text for q in item.evidence]
    assert state["verdict"]["you_were_right"] is True and state["score"]["right"] == 1
    assert "leaderboard" not in state


async def test_many_simultaneous_answers_none_lost_none_doubled(client):
    room = client.room
    tokens = [await join(client, f"p{n}") for n in range(60)]
    room.open_next()
    options = room.options[0]
    requests = [client.post("/api/answer", json={"number": 1, "option": options[n % len(options)]},
                            headers=bearer(t)) for n, t in enumerate(tokens)]
    requests += [client.post("/api/answer", json={"number": 1, "option": options[0]}, headers=bearer(t))
                 for t in tokens[:20]]  # the same participants again, at once
    statuses = sorted(r.status for r in await asyncio.gather(*requests))
    assert statuses == [200] * 60 + [409] * 20
    assert room.tally().answered == 60
    assert room.store.db.execute("SELECT count(*) FROM room_answers").fetchone()[0] == 60


async def test_max_participants_and_rate_limits(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path / "p"), seed=1, count=2, code=CODE, max_participants=3)
    limits = Limits(join_burst=5, join_rate=0.001, wrong_code_burst=2, wrong_code_rate=0.001,
                    answer_burst=1, answer_rate=0.001)
    async with TestClient(TestServer(make_app(room, limits=limits))) as client:
        statuses = [(await client.post("/api/join", json={"code": CODE, "name": f"p{n}"})).status
                    for n in range(5)]
        assert statuses == [200, 200, 200, 503, 503]
        assert (await client.post("/api/join", json={"code": CODE, "name": "x"})).status == 429
    room2 = Room.create(pack, RoomStore(tmp_path / "q"), seed=1, count=2, code=CODE)
    async with TestClient(TestServer(make_app(room2, limits=limits))) as client:
        assert [(await client.post("/api/join", json={"code": "999999", "name": "x"})).status
                for _ in range(3)] == [403, 403, 429]
        # guessing is stopped for that address, even with the right code
        assert (await client.post("/api/join", json={"code": CODE, "name": "x"})).status == 429
    room3 = Room.create(pack, RoomStore(tmp_path / "r"), seed=1, count=2, code=CODE)
    async with TestClient(TestServer(make_app(room3, limits=limits))) as client:
        token = (await (await client.post("/api/join", json={"code": CODE, "name": "x"})).json())["token"]
        room3.open_next()
        first = await client.post("/api/answer", json={"number": 1, "option": "nope"}, headers=bearer(token))
        second = await client.post("/api/answer", json={"number": 1, "option": room3.options[0][0]},
                                   headers=bearer(token))
        assert (first.status, second.status) == (400, 429)


async def test_no_facilitator_action_over_http(client):
    client.room.open_next()
    for method, path in (("POST", "/api/next"), ("POST", "/api/reveal"), ("POST", "/api/close"),
                         ("POST", "/api/end"), ("GET", "/api/report"), ("POST", "/api/state")):
        r = await client.request(method, path)
        assert r.status in (404, 405), path
    assert client.room.phase == "open"


async def test_cross_site_requests_and_other_names_are_refused(client):
    r = await client.post("/join", data={"code": CODE, "name": "Ann"},
                          headers={"Origin": "http://evil.example"}, allow_redirects=False)
    assert r.status == 403
    r = await client.post("/api/join", json={"code": CODE, "name": "Ann"}, headers={"Origin": "null"})
    assert r.status == 403
    assert client.room.participants == {}
    # DNS rebinding: a page under another name that resolves to this computer
    r = await client.get("/api/state", headers={"Host": "evil.example"})
    assert r.status == 421
    token = await join(client)
    client.room.open_next()
    r = await client.post("/api/answer", json={"number": 1, "option": client.room.options[0][0]},
                          headers={**bearer(token), "Origin": "http://evil.example"})
    assert r.status == 403 and client.room.tally().answered == 0
    # the room's own page may post
    own = f"http://{client.server.host}:{client.server.port}"
    r = await client.post("/api/answer", json={"number": 1, "option": client.room.options[0][0]},
                          headers={**bearer(token), "Origin": own})
    assert r.status == 200


async def test_html_join_play_answer_and_reveal(client):
    room = client.room
    page = await (await client.get("/?code=123456")).text()
    assert 'value="123456"' in page and "<form" in page
    r = await client.post("/join", data={"code": CODE, "name": "Ann"}, allow_redirects=False)
    assert r.status == 303 and r.headers["Location"] == "/play"
    page = await (await client.get("/play")).text()
    assert "Waiting for the facilitator" in page
    room.open_next()
    page = await (await client.get("/play")).text()
    item = room.items[0]
    assert "Question 1 of 3" in page
    for option in room.options[0]:
        assert f'value="{escape(option)}"' in page
    r = await client.post("/play/answer", data={"number": "1", "option": item.answer}, allow_redirects=False)
    assert r.status == 303
    r = await client.post("/play/answer", data={"number": "1", "option": item.answer})
    assert r.status == 409 and "first answer stands" in await r.text()
    room.reveal()
    page = await (await client.get("/play")).text()
    assert "Correct ✓" in page
    assert str(escape(item.explanation)) in page
    for quote in item.evidence:
        assert str(escape(quote.text))[:60] in page
    room.end()
    page = await (await client.get("/play")).text()
    assert "Your final score: 1 right of 1 asked" in page


async def test_markup_and_control_characters_are_escaped_or_refused(client):
    r = await client.post("/join", data={"code": CODE, "name": "<script>alert(1)</script>"}, allow_redirects=False)
    assert r.status == 303
    page = await (await client.get("/play")).text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    client.session.cookie_jar.clear()
    r = await client.post("/join", data={"code": CODE, "name": 'x"><img src=x onerror=alert(1)>\x1b[31m'})
    assert r.status == 400
    page = await r.text()
    assert "<img src=x" not in page and "\x1b" not in page
    # the rejected name is put back in the field, escaped
    assert re.search(r'value="x&#34;&gt;&lt;img', page)


async def test_reload_keeps_the_place(client):
    room = client.room
    await client.post("/join", data={"code": CODE, "name": "Ann"})
    room.open_next()
    await client.post("/play/answer", data={"number": "1", "option": room.options[0][0]})
    for _ in range(2):  # a reload, then the join page again: still the same participant
        page = await (await client.get("/play")).text()
        assert "received" in page
        r = await client.get("/", allow_redirects=False)
        assert r.status == 303
    assert len(room.participants) == 1


async def test_security_headers(client):
    r = await client.get("/")
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "same-origin"
    r = await client.get("/static/room.css")
    assert r.status == 200 and r.headers["X-Content-Type-Options"] == "nosniff"
    token = await join(client)
    r = await client.post("/api/answer", json={"number": 1, "option": "x"}, headers=bearer(token))
    assert r.status == 409 and "default-src 'self'" in r.headers["Content-Security-Policy"]
    # a request for another name is refused, with the same headers
    r = await client.get("/", headers={"Host": "evil.example"})
    assert r.status == 421 and r.headers["X-Content-Type-Options"] == "nosniff"


async def test_events_stream_tells_the_page_when_the_room_moves(client):
    assert (await client.get("/api/events")).status == 401
    token = await join(client)
    response = await client.get("/api/events", headers=bearer(token))
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/event-stream")

    async def next_event() -> dict:
        while True:
            line = (await asyncio.wait_for(response.content.readline(), 10)).decode()
            if line.startswith("data: "):
                return json.loads(line[6:])

    assert await next_event() == {"phase": "lobby", "number": 0, "round": 1, "your_answer": None,
                                    "seconds_left": None}
    client.room.open_next()
    assert await next_event() == {"phase": "open", "number": 1, "round": 1, "your_answer": None,
                                    "seconds_left": None}
    client.room.reveal()
    assert (await next_event())["phase"] == "revealed"
    client.room.end()
    assert (await next_event())["phase"] == "ended"
    assert (await asyncio.wait_for(response.content.read(), 10)).strip() == b""  # the stream ends with the room
