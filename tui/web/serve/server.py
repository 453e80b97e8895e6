"""The web server of `mythquiz serve`: textual-serve's Server with a cap on sessions, its
own page and headers, the Host/Origin guard, an idle timeout, and plain errors."""

from __future__ import annotations

import asyncio

from aiohttp import web
from textual_serve.server import Server

from ..guard import Guard
from .limits import (
    CLOSE_GOING_AWAY, CLOSE_INTERNAL_ERROR, CLOSE_TRY_AGAIN_LATER, DEFAULT_IDLE_TIMEOUT, MESSAGE_FULL, MESSAGE_IDLE,
    MESSAGE_SERVER_ERROR, MESSAGE_STOPPED, close_reason, in_words, say,
)
from .page import SECURITY_HEADERS, index_page
from .session import RoomAppService

TITLE = "mythquiz"


def _bounded(text: str, low: int, high: int, default: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return min(max(value, low), high)


@web.middleware
async def plain_errors(request: web.Request, handler):
    """No traceback, path or server detail in any response."""
    try:
        response = await handler(request)
    except web.HTTPException:
        raise
    except asyncio.CancelledError:
        raise
    except Exception as error:  # noqa: BLE001 - the operator gets one line
        say(f"mythquiz: error serving {request.path}: {type(error).__name__}")
        return web.Response(status=500, text=MESSAGE_SERVER_ERROR)
    return response


class RoomServer(Server):
    """textual-serve's Server with a session cap, its own page and plain failures."""

    def __init__(self, argv: list[str], host: str, port: int, max_sessions: int,
                 guard: Guard | None = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title=TITLE)
        self.argv = argv
        self.max_sessions = max_sessions
        self.guard = guard if guard is not None else Guard(host, say=say)
        self.idle_timeout = idle_timeout
        self.active = 0
        self.services: set[RoomAppService] = set()

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard.middleware(), plain_errors])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/favicon.ico", self.handle_favicon),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        app.on_response_prepare.append(self._headers)
        return app

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers["Server"] = "mythquiz"  # not aiohttp's and Python's versions
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)

    async def handle_favicon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def handle_index(self, request: web.Request) -> web.Response:
        font_size = _bounded(request.query.get("fontsize", "16"), 8, 48, 16)
        page = index_page(self.title, font_size)
        return web.Response(text=page, content_type="text/html", charset="utf-8",
                            headers={"Cache-Control": "no-store"})

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        if self.active >= self.max_sessions:
            await websocket.prepare(request)
            say(f"mythquiz: refused a session: {self.active} of {self.max_sessions} are open "
                 f"(--max-sessions)")
            await websocket.close(code=CLOSE_TRY_AGAIN_LATER, message=close_reason(MESSAGE_FULL))
            return websocket
        self.active += 1  # before any await: the cap holds under a rush of tabs
        service: RoomAppService | None = None
        try:
            width = _bounded(request.query.get("width", "80"), 20, 1000, 80)
            height = _bounded(request.query.get("height", "24"), 5, 500, 24)
            await websocket.prepare(request)
            service = RoomAppService(
                self.argv,
                websocket,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except Exception as error:  # noqa: BLE001 - the browser gets a plain message
            say(f"mythquiz: a browser session failed: {type(error).__name__}")
            if not websocket.closed:
                try:
                    await websocket.close(code=CLOSE_INTERNAL_ERROR,
                                          message=close_reason(MESSAGE_SERVER_ERROR))
                except (ConnectionError, RuntimeError):
                    pass
        finally:
            if service is not None:
                try:
                    await service.stop()
                finally:
                    self.services.discard(service)
            self.active -= 1
        return websocket

    async def _process_messages(self, websocket, app_service) -> None:
        # textual-serve's loop, minus its assert on the message shape (a malformed
        # message is ignored, not an exception), plus the idle timeout: only what a
        # person does (keys, a resize, focus) counts as input; textual.js's pings and
        # the WebSocket heartbeat do not.
        from aiohttp import WSMsgType

        loop = asyncio.get_running_loop()
        last_input = loop.time()
        while True:
            left = last_input + self.idle_timeout - loop.time()
            if left <= 0:
                say(f"mythquiz: closed a session after {in_words(self.idle_timeout)} without input "
                     f"(--idle-timeout)")
                await websocket.close(code=CLOSE_GOING_AWAY, message=close_reason(MESSAGE_IDLE))
                return
            try:
                message = await websocket.receive(timeout=left)
            except asyncio.TimeoutError:
                continue
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                return
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind in ("stdin", "resize", "focus"):
                last_input = loop.time()
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width = _bounded(str(data.get("width", 80)), 20, 1000, 80)
                height = _bounded(str(data.get("height", 24)), 5, 500, 24)
                await app_service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session: the browser hears why, each app process quits."""
        services = list(self.services)
        for service in services:
            service._stopping = True
        await asyncio.gather(
            *(service.websocket.close(code=CLOSE_GOING_AWAY, message=close_reason(MESSAGE_STOPPED))
              for service in services if not service.websocket.closed),
            return_exceptions=True,
        )
        await asyncio.gather(*(service.stop() for service in services), return_exceptions=True)
