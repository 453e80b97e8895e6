"""Every route of the room, in one place.

The participant API (JSON, bearer token):
  POST /api/join    {"code", "name"}      → 200 {"token"}; 403 wrong code; 400 bad name or body
  GET  /api/state                         → 200 the participant's view; 401 no or unknown token
  GET  /api/events                        → server-sent events: the view each time the room moves
  POST /api/answer  {"number", "option"[, "round"]}
                                          → 200; 409 answered already in this round, not open, or
                                            a round named that is not the one open; 400 bad option

Host and Origin are checked before any of these by the guard (`tui/web/guard.py`): a
request for another name gets 421, a state-changing request from another site 403.

The HTML pages use the same `Room` calls: `/` (join form), `POST /join`, `/play` (the
question, the reveal, the score), `POST /play/answer`. A page keeps its participant in a
cookie, so a reload, a dropped connection or a sleeping phone keeps their place.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from ...core.room import Room
from ...core.room_errors import BadOption, NotOpen, RoomError, UnknownToken
from .batch import AnswerBatcher
from .events import Hub, stream
from .limits import Limits, RateLimiter

CLIENT_MAX_SIZE = 16 * 1024  # bytes of a request body; larger is refused with 413
COOKIE = "mythquiz_room"
COOKIE_AGE = 7 * 24 * 3600

ROOM = web.AppKey("room", Room)
LIMITS = web.AppKey("limits", Limits)
TEMPLATES = web.AppKey("templates", jinja2.Environment)


class Limiters:
    def __init__(self, limits: Limits) -> None:
        self.join = RateLimiter(limits.join_burst, limits.join_rate)
        self.wrong_code = RateLimiter(limits.wrong_code_burst, limits.wrong_code_rate)
        self.answer = RateLimiter(limits.answer_burst, limits.answer_rate)


LIMITERS = web.AppKey("limiters", Limiters)
BATCHER = web.AppKey("batcher", AnswerBatcher)
HUB = web.AppKey("hub", Hub)


class TooMany(RoomError):
    status = 429


# ---- helpers ----

def _shown(value: object) -> str:
    """A rejected form value put back in its field: text only, no control characters."""
    if not isinstance(value, str):
        return ""
    return "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")[:100]


def _client(request: web.Request) -> str:
    return request.remote or "unknown"


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def _json_error(error: RoomError) -> web.Response:
    return web.json_response({"error": str(error)}, status=error.status)


async def _json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object; RoomError (400) if it is not one."""
    raw = await request.read()  # 413 past CLIENT_MAX_SIZE
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RoomError("the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise RoomError("the body must be a JSON object")
    return body


def _join(request: web.Request, code: object, name: object) -> str:
    """The join rules shared by the API and the form, rate limits included."""
    limiters = request.app[LIMITERS]
    client = _client(request)
    if not limiters.wrong_code.peek(client) or not limiters.join.allow(client):
        raise TooMany("too many attempts to join from this address; wait a minute")
    room = request.app[ROOM]
    try:
        return room.join(code, name)
    except RoomError as exc:
        if exc.status == 403:
            limiters.wrong_code.allow(client)
        raise


async def _answer(request: web.Request, token: str | None, number: object, option: object,
                  in_round: object = None) -> None:
    """Take one answer; it is committed (with the others that came with it) before this
    returns. `in_round`, when the request names one, must be the round open now."""
    room = request.app[ROOM]
    participant = room.participant(token)
    if not request.app[LIMITERS].answer.allow(str(participant.id)):
        raise TooMany("too many answers at once; wait a second")
    room.check_round(in_round)
    await request.app[BATCHER].submit(token, number, option)


# ---- the JSON API ----

async def api_join(request: web.Request) -> web.Response:
    try:
        body = await _json_body(request)
        token = _join(request, body.get("code"), body.get("name"))
    except RoomError as exc:
        return _json_error(exc)
    return web.json_response({"token": token})


async def api_state(request: web.Request) -> web.Response:
    room = request.app[ROOM]
    try:
        state = room.state_for(_bearer(request) or request.cookies.get(COOKIE))
    except RoomError as exc:
        return _json_error(exc)
    return web.json_response(state, headers={"Cache-Control": "no-store"})


async def api_events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: the participant's state each time the room moves."""
    token = _bearer(request) or request.cookies.get(COOKIE)
    try:
        request.app[ROOM].participant(token)
    except RoomError as exc:
        return _json_error(exc)
    return await stream(request, request.app[HUB], token)


async def _end_streams(app: web.Application) -> None:
    app[HUB].close_all()


async def api_answer(request: web.Request) -> web.Response:
    token = _bearer(request)
    try:
        request.app[ROOM].participant(token)  # 401 before anything is read
        body = await _json_body(request)
        await _answer(request, token, body.get("number"), body.get("option"), body.get("round"))
    except RoomError as exc:
        return _json_error(exc)
    return web.json_response({"ok": True})


# ---- the HTML pages ----

def _page(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    room = request.app[ROOM]
    text = request.app[TEMPLATES].get_template(template).render(code_length=len(room.code), **context)
    return web.Response(text=text, status=status, content_type="text/html",
                        headers={"Cache-Control": "no-store"})


async def join_page(request: web.Request) -> web.Response:
    room = request.app[ROOM]
    try:
        room.participant(request.cookies.get(COOKIE))
    except UnknownToken:
        code = _shown(request.query.get("code", ""))[:40]
        return _page(request, "join.html", code=code, name="", error=None, ended=room.phase == "ended")
    raise web.HTTPSeeOther("/play")


async def join_form(request: web.Request) -> web.Response:
    form = await request.post()
    code, name = form.get("code", ""), form.get("name", "")
    try:
        token = _join(request, code, name)
    except RoomError as exc:
        return _page(request, "join.html", status=exc.status, code=_shown(code),
                     name=_shown(name), error=str(exc),
                     ended=request.app[ROOM].phase == "ended")
    response = web.HTTPSeeOther("/play")
    response.set_cookie(COOKIE, token, max_age=COOKIE_AGE, httponly=True, samesite="Lax", path="/")
    raise response


async def play_page(request: web.Request, error: str | None = None, status: int = 200) -> web.Response:
    room = request.app[ROOM]
    token = request.cookies.get(COOKIE)
    try:
        state = room.state_for(token)
    except UnknownToken:
        raise web.HTTPSeeOther("/") from None
    return _page(request, "play.html", status=status, s=state, error=error,
                 total=room.total, leaderboard=room.leaderboard)


async def answer_form(request: web.Request) -> web.Response:
    token = request.cookies.get(COOKIE)
    form = await request.post()
    try:
        number, in_round = form.get("number", ""), form.get("round")
        await _answer(request, token, int(number) if isinstance(number, str) and number.isdigit() else None,
                      form.get("option"), int(in_round) if isinstance(in_round, str) and in_round.isdigit()
                      else in_round)
    except UnknownToken:
        raise web.HTTPSeeOther("/") from None
    except (NotOpen, BadOption, RoomError) as exc:
        return await play_page(request, error=str(exc), status=exc.status)
    raise web.HTTPSeeOther("/play")


# ---- headers on every response ----

# Set by the guard's middleware on every response (one middleware for both: each is one
# more coroutine on every request, and a burst of answers is 200 requests at once).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with
    # the page's own form posts, and the guard rightly refuses those.
    "Referrer-Policy": "same-origin",
}


def setup_routes(app: web.Application, static: Path) -> None:
    app[LIMITERS] = Limiters(app[LIMITS])
    app[BATCHER] = AnswerBatcher(app[ROOM])
    app.on_cleanup.append(app[BATCHER].close)  # before the store closes: queued answers are committed
    app[HUB] = Hub(app[ROOM])
    app.on_shutdown.append(_end_streams)
    app.router.add_get("/", join_page)
    app.router.add_post("/join", join_form)
    app.router.add_get("/play", play_page)
    app.router.add_post("/play/answer", answer_form)
    app.router.add_post("/api/join", api_join)
    app.router.add_get("/api/state", api_state)
    app.router.add_get("/api/events", api_events)
    app.router.add_post("/api/answer", api_answer)
    app.router.add_static("/static/", static)
