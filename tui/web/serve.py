"""`mythquiz serve`: the app in web browsers for a workshop room (textual-serve).

Each browser tab gets its own mythquiz process, started without a shell. On top of
textual-serve this module:

- binds loopback unless told otherwise, and says where it listens once it really does
  (a port in use is one line and exit 2, not a traceback);
- caps the number of concurrent sessions; past the cap the browser is told the room is
  full;
- never shows a file path or a traceback to a browser: a session whose app cannot start
  or crashes gets a short plain message, the operator's console gets one line, and an
  unexpected server error is a plain "500";
- serves its own page, which loads nothing from outside (textual-serve's template links
  Google Fonts; the font it wants ships with textual-serve) and builds its URLs from the
  address the browser used, so `--host 0.0.0.0` works from other computers (textual-serve
  writes `ws://0.0.0.0:PORT/ws` into the page);
- answers only to its own names and its own pages (`tui.web.guard`): a `Host` that does
  not name this server gets 421 (DNS rebinding), a WebSocket upgrade from a page of another
  site gets 403 (cross-site WebSocket hijacking);
- closes a session that has had no input for `--idle-timeout` seconds (default 30
  minutes), and ends each session's process when its tab closes, when it is idle too
  long and when the server stops (started in a session of its own, killed if it does not
  quit within QUIT_TIMEOUT seconds).
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import signal
import socket
import sys
from typing import Any

from .guard import Guard, network_addresses

DEFAULT_MAX_SESSIONS = 30
DEFAULT_IDLE_TIMEOUT = 30 * 60.0  # seconds without input before a session is closed
TITLE = "mythquiz"

# What a browser is told. A WebSocket close reason holds at most 123 bytes.
MESSAGE_FAILED = "This session stopped because of a problem. Please tell the facilitator."
MESSAGE_FULL = "The room is full: no more sessions can start now. Please try again in a minute."
MESSAGE_STOPPED = "The quiz server has stopped."
MESSAGE_IDLE = "This session was closed after a long time without input. Start again to go on."
MESSAGE_SERVER_ERROR = "Something went wrong on the quiz server. Please tell the facilitator."

STARTUP_TIMEOUT = 60.0  # seconds for a session's process to start talking
QUIT_TIMEOUT = 3.0  # seconds for a session's process to quit when asked, before it is killed

# WebSocket close codes (RFC 6455 and the IANA registry).
CLOSE_GOING_AWAY = 1001
CLOSE_INTERNAL_ERROR = 1011
CLOSE_TRY_AGAIN_LATER = 1013


def app_argv(global_args: list[str]) -> list[str]:
    """The command each browser tab runs: this Python, this mythquiz, the same pack."""
    return [sys.executable, "-m", "tui", *global_args]


# Started before each session's app on Linux: ask the kernel to kill the process when the
# server dies, even by kill -9 or a crash (PR_SET_PDEATHSIG survives exec), and give up if
# the server is already gone; then become the app. Elsewhere the app is started directly.
_DIE_WITH_SERVER = (
    "import ctypes,os,signal,sys\n"
    "ctypes.CDLL(None).prctl(1,signal.SIGKILL)\n"
    "if os.getppid()!=int(sys.argv[1]):os._exit(1)\n"
    "os.execvp(sys.argv[2],sys.argv[2:])"
)


def session_argv(argv: list[str]) -> list[str]:
    """How a session's process is started: `argv`, bound to this server's life on Linux."""
    if not sys.platform.startswith("linux"):
        return argv
    import os

    return [sys.executable, "-c", _DIE_WITH_SERVER, str(os.getpid()), *argv]


def is_loopback(host: str) -> bool:
    """True if every address `host` stands for is this computer's loopback."""
    if host in ("", "0.0.0.0", "::"):
        return False
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0].split("%", 1)[0] for info in infos}
    try:
        return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def start_lines(host: str, port: int, max_sessions: int) -> list[str]:
    """What the operator reads when the server is listening."""
    if is_loopback(host):
        return [
            f"mythquiz: serving on http://{_url_host(host)}:{port}/ — loopback only: reachable "
            f"from this computer only (use --host 0.0.0.0 for a room). "
            f"Up to {max_sessions} browser sessions at once. Ctrl+C stops."
        ]
    lines = [
        f"mythquiz: serving on http://{_url_host(host)}:{port}/ — reachable from other computers "
        f"on the network too. Up to {max_sessions} browser sessions at once. Ctrl+C stops."
    ]
    if host in ("", "0.0.0.0", "::"):
        addresses = [a for a in network_addresses() if host != "0.0.0.0" or ":" not in a]
        if addresses:
            urls = ", ".join(f"http://{_url_host(a)}:{port}/" for a in addresses)
            lines.append(f"mythquiz: participants open {urls}")
        else:
            lines.append(f"mythquiz: participants open http://<this computer's network address>:{port}/")
    return lines


def _say(text: str) -> None:
    """One line on the operator's console."""
    print(text, file=sys.stderr, flush=True)


PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <link rel="preload" href="static/fonts/RobotoMono-VariableFont_wght.ttf" as="font" type="font/ttf" crossorigin>
    <link rel="stylesheet" href="static/css/xterm.css">
    <style>
      @font-face {{
        font-family: "Roboto Mono";
        src: url("static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: normal;
      }}
      @font-face {{
        font-family: "Roboto Mono";
        src: url("static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: italic;
      }}
      body {{ background: #0c181f; margin: 0; }}
      .dialog-container {{
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }}
      .shade {{
        position: absolute; width: 100%; height: 100%; background: #0c181f;
        background-image: url("static/images/background.png");
      }}
      .intro {{
        max-width: 640px; min-height: 200px; padding: 16px 32px; font-size: 16px; z-index: 20;
        font-family: "Roboto Mono", menlo, monospace; text-align: center;
        color: rgba(255, 255, 255, 0.95); background-color: #12232d;
        display: flex; flex-direction: column; align-items: center; justify-content: center;
        margin: 32px;
      }}
      body.-first-byte .intro-dialog {{ display: none; }}
      body .textual-terminal {{ opacity: 0; transition: opacity 0.3s ease-out; }}
      body.-first-byte .textual-terminal {{ opacity: 1; }}
      .intro button {{
        padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95);
        border: none; font-family: "Roboto Mono", menlo, monospace; font-size: 16px;
        margin: 16px; display: block; cursor: pointer;
      }}
      .intro button:hover, .intro button:focus {{ background: #ac5af4; }}
      .closed-dialog {{ display: none; }}
      body.-closed .closed-dialog {{ display: flex; }}
    </style>
    <script>
      // textual.js only marks the page closed; show the participant the reason the
      // server gave when it closed the session (room full, could not start, stopped).
      (function () {{
        var Native = window.WebSocket;
        window.WebSocket = class extends Native {{
          constructor(url, protocols) {{
            super(url, protocols);
            this.addEventListener("close", function (event) {{
              var message = document.querySelector(".closed-dialog .message");
              if (message && event.reason) message.textContent = event.reason;
            }});
          }}
        }};
      }})();
      function refresh() {{
        window.location.reload();
      }}
    </script>
    <script src="static/js/textual.js"></script>
  </head>
  <body>
    <noscript>mythquiz in a browser needs JavaScript.</noscript>
    <div class="dialog-container intro-dialog">
      <div class="shade"></div>
      <div class="intro"><div>{title}</div><div>Starting…</div></div>
    </div>
    <div class="dialog-container closed-dialog" role="alert">
      <div class="shade"></div>
      <div class="intro">
        <div class="message">Session ended.</div>
        <button type="button" onclick="refresh()">Start again</button>
      </div>
    </div>
    <div id="terminal" class="textual-terminal" data-font-size="{font_size}"></div>
    <script>
      // The session's address is the one this page came from, whatever name or
      // address the browser used to reach it.
      (function () {{
        var url = new URL("ws", window.location.href);
        url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
        url.search = "";
        url.hash = "";
        document.getElementById("terminal").dataset.sessionWebsocketUrl = url.href;
      }})();
    </script>
  </body>
</html>
"""

# Nothing but this server: the page works in a room without internet.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _bounded(text: str, low: int, high: int, default: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return min(max(value, low), high)


def _reason(text: str) -> bytes:
    """A WebSocket close reason: at most 123 bytes of UTF-8."""
    data = text.encode("utf-8")
    return data if len(data) <= 123 else data[:120].decode("utf-8", "ignore").encode("utf-8") + b"..."


def _make_server_classes():
    """The textual-serve subclasses, built on first use so `import tui.web.serve` stays light."""
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    class RoomAppService(AppService):
        """One browser tab's mythquiz process, with plain failures and a bounded stop."""

        def __init__(self, argv: list[str], websocket: web.WebSocketResponse, **kwargs: Any) -> None:
            super().__init__(" ".join(argv), **kwargs)
            self.argv = argv
            self.websocket = websocket
            self._stopping = False

        async def _open_app_process(self, width: int = 80, height: int = 24):
            # No shell between us and the app (so stop() reaches the real process), a
            # session of its own, so Ctrl+C on the server's terminal reaches the server only,
            # and no life of its own after the server's (session_argv).
            environment = self._build_environment(width=width, height=height)
            self._process = process = await asyncio.create_subprocess_exec(
                *session_argv(self.argv),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=environment,
                start_new_session=True,
            )
            assert process.stdin is not None
            self._stdin = process.stdin
            return process

        async def run(self) -> None:
            """Relay the app's packets to the browser (textual-serve's protocol).

            textual-serve's own run() copies the app's stderr (tracebacks, file paths) to
            the server's stdout, twice when the app fails to start, and leaves the
            browser waiting forever. Here the browser gets a short plain message and the
            console one line.
            """
            process = self._process
            assert process is not None and process.stdout is not None and process.stderr is not None
            stdout, stderr = process.stdout, process.stderr
            errors = bytearray()

            async def read_stderr() -> None:
                while chunk := await stderr.read(4096):
                    if len(errors) < 65536:
                        errors.extend(chunk)

            stderr_task = asyncio.create_task(read_stderr())

            async def prelude() -> bool:
                for _ in range(10):  # textual-serve's allowance of lines before the prelude
                    line = await stdout.readline()
                    if not line:
                        return False
                    if line == b"__GANGLION__\n":
                        return True
                return False

            ready = False
            try:
                try:
                    ready = await asyncio.wait_for(prelude(), STARTUP_TIMEOUT)
                except (asyncio.TimeoutError, ValueError):
                    ready = False
                if ready:
                    while True:
                        kind = await stdout.readexactly(1)
                        size = int.from_bytes(await stdout.readexactly(4), "big")
                        payload = await stdout.readexactly(size)
                        if kind == b"D":
                            await self.on_data(payload)
                        elif kind == b"M":
                            await self.on_meta(payload)
                        elif kind == b"P":
                            await self.on_packed(payload)
            except (asyncio.IncompleteReadError, ConnectionError, RuntimeError):
                pass  # the app or the browser went away
            except asyncio.CancelledError:
                self._kill()
                stderr_task.cancel()
                raise
            if not ready:
                self._kill()
            try:
                returncode = await asyncio.wait_for(process.wait(), QUIT_TIMEOUT)
            except asyncio.TimeoutError:
                self._kill()
                returncode = await process.wait()
            try:
                await asyncio.wait_for(stderr_task, QUIT_TIMEOUT)
            except asyncio.TimeoutError:
                stderr_task.cancel()
            if self._stopping:
                return
            if ready and returncode == 0:
                if not self.websocket.closed:
                    await self.websocket.close()
                return
            lines = [line.strip() for line in errors.decode("utf-8", "replace").splitlines() if line.strip()]
            detail = f": {lines[-1]}" if lines else ""
            _say(f"mythquiz: a browser session failed (exit code {returncode}){detail}")
            if not self.websocket.closed:
                try:
                    await self.websocket.close(code=CLOSE_INTERNAL_ERROR, message=_reason(MESSAGE_FAILED))
                except (ConnectionError, RuntimeError):
                    pass

        async def on_meta(self, data: bytes) -> None:
            # textual-serve closes the browser's socket as soon as the app says "exit";
            # wait for the process to end instead, so that run() can tell a clean quit
            # (plain close) from a crash (a short message).
            try:
                meta = json.loads(data)
            except ValueError:
                return
            if isinstance(meta, dict) and meta.get("type") == "exit":
                return
            await super().on_meta(data)

        def _kill(self) -> None:
            process = self._process
            if process is not None and process.returncode is None:
                try:
                    process.kill()
                except ProcessLookupError:
                    pass

        async def stop(self) -> None:
            """Ask the app to quit; kill it if it has not within QUIT_TIMEOUT seconds."""
            task = self._task
            if task is None:
                return
            self._task = None
            self._stopping = True
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            if self._process is not None and self._process.returncode is None:
                await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(asyncio.shield(task), QUIT_TIMEOUT + 1)
            except asyncio.TimeoutError:
                self._kill()
                await task

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
            _say(f"mythquiz: error serving {request.path}: {type(error).__name__}")
            return web.Response(status=500, text=MESSAGE_SERVER_ERROR)
        return response

    class RoomServer(Server):
        """textual-serve's Server with a session cap, its own page and plain failures."""

        def __init__(self, argv: list[str], host: str, port: int, max_sessions: int,
                     guard: Guard | None = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> None:
            super().__init__(" ".join(argv), host=host, port=port, title=TITLE)
            self.argv = argv
            self.max_sessions = max_sessions
            self.guard = guard if guard is not None else Guard(host, say=_say)
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

        async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
            font_size = _bounded(request.query.get("fontsize", "16"), 8, 48, 16)
            page = PAGE.format(title=html.escape(self.title), font_size=font_size)
            return web.Response(text=page, content_type="text/html", charset="utf-8",
                                headers={"Cache-Control": "no-store"})

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            websocket = web.WebSocketResponse(heartbeat=15)
            if self.active >= self.max_sessions:
                await websocket.prepare(request)
                _say(f"mythquiz: refused a session: {self.active} of {self.max_sessions} are open "
                     f"(--max-sessions)")
                await websocket.close(code=CLOSE_TRY_AGAIN_LATER, message=_reason(MESSAGE_FULL))
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
                _say(f"mythquiz: a browser session failed: {type(error).__name__}")
                if not websocket.closed:
                    try:
                        await websocket.close(code=CLOSE_INTERNAL_ERROR,
                                              message=_reason(MESSAGE_SERVER_ERROR))
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
                    _say(f"mythquiz: closed a session after {_duration(self.idle_timeout)} without input "
                         f"(--idle-timeout)")
                    await websocket.close(code=CLOSE_GOING_AWAY, message=_reason(MESSAGE_IDLE))
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
                *(service.websocket.close(code=CLOSE_GOING_AWAY, message=_reason(MESSAGE_STOPPED))
                  for service in services if not service.websocket.closed),
                return_exceptions=True,
            )
            await asyncio.gather(*(service.stop() for service in services), return_exceptions=True)

    return RoomServer


class ServeError(Exception):
    """The server cannot start (e.g. the port is in use): one line, exit 2."""


def _quiet_aiohttp_logs() -> None:
    """aiohttp logs a malformed request (no Host, garbage) with a traceback: one line instead."""
    import logging

    class OneLine(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            from ..core.problems import printable

            text = record.getMessage()
            error = record.exc_info[1] if record.exc_info else None
            if error is not None:
                text += f": {' '.join(str(error).split())[:160]}"
            _say(printable(f"mythquiz: {text}"))

    logger = logging.getLogger("aiohttp")
    logger.handlers[:] = [OneLine(logging.WARNING)]
    logger.propagate = False


def _duration(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"


async def _serve(argv: list[str], host: str, port: int, max_sessions: int, allow_hosts: list[str],
                 idle_timeout: float) -> int:
    from aiohttp import web

    _quiet_aiohttp_logs()
    guard = Guard(host, allow_hosts, say=_say)
    server = _make_server_classes()(argv, host, port, max_sessions, guard, idle_timeout)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - not on Unix
            pass
    runner = web.AppRunner(await server._make_app(), handle_signals=False, access_log=None,
                           shutdown_timeout=QUIT_TIMEOUT + 2)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, host or None, port).start()
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        for line in start_lines(host, port, max_sessions):
            print(line, flush=True)
        await stop.wait()
        open_sessions = server.active
        _say(f"mythquiz: stopping; closing {open_sessions} session{'s' if open_sessions != 1 else ''}.")
    finally:
        await runner.cleanup()
    _say("mythquiz: server stopped.")
    return 0


def serve(host: str, port: int, global_args: list[str], max_sessions: int = DEFAULT_MAX_SESSIONS,
          argv: list[str] | None = None, allow_hosts: list[str] | None = None,
          idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> int:
    """Serve mythquiz (or `argv`, for tests) until Ctrl+C or SIGTERM; 0 on a clean stop."""
    return asyncio.run(_serve(argv or app_argv(global_args), host, port, max_sessions,
                              list(allow_hosts or ()), idle_timeout))
