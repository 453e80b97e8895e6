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

Here: the command (listen, say where, stop on Ctrl+C). `server` is the web server,
`session` one tab's process, `page` the page and its headers, `limits` the caps, timeouts
and the words a browser is shown.
"""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import socket
import sys

from ..guard import Guard, network_addresses
from .limits import (
    DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS, MESSAGE_FAILED, MESSAGE_FULL, MESSAGE_IDLE, MESSAGE_SERVER_ERROR,
    MESSAGE_STOPPED, QUIT_TIMEOUT, say,
)

# What a browser is told is part of this command's behaviour (tests read it from here).
__all__ = [
    "DEFAULT_IDLE_TIMEOUT", "DEFAULT_MAX_SESSIONS", "MESSAGE_FAILED", "MESSAGE_FULL", "MESSAGE_IDLE",
    "MESSAGE_SERVER_ERROR", "MESSAGE_STOPPED", "ServeError", "app_argv", "is_loopback", "serve", "start_lines",
]


def app_argv(global_args: list[str]) -> list[str]:
    """The command each browser tab runs: this Python, this mythquiz, the same pack."""
    return [sys.executable, "-m", "tui", *global_args]


def is_loopback(host: str) -> bool:
    """True if every address `host` stands for is this computer's loopback."""
    if host in ("", "0.0.0.0", "::"):
        return False
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {str(info[4][0]).split("%", 1)[0] for info in infos}
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


class ServeError(Exception):
    """The server cannot start (e.g. the port is in use): one line, exit 2."""


def _quiet_aiohttp_logs() -> None:
    """aiohttp logs a malformed request (no Host, garbage) with a traceback: one line instead."""
    import logging

    class OneLine(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            from ...core.problems import printable

            text = record.getMessage()
            error = record.exc_info[1] if record.exc_info else None
            if error is not None:
                text += f": {' '.join(str(error).split())[:160]}"
            say(printable(f"mythquiz: {text}"))

    logger = logging.getLogger("aiohttp")
    logger.handlers[:] = [OneLine(logging.WARNING)]
    logger.propagate = False


async def _serve(argv: list[str], host: str, port: int, max_sessions: int, allow_hosts: list[str],
                 idle_timeout: float) -> int:
    from aiohttp import web

    from .server import RoomServer  # here, so that `import tui.web.serve` stays light

    _quiet_aiohttp_logs()
    guard = Guard(host, allow_hosts, say=say)
    server = RoomServer(argv, host, port, max_sessions, guard, idle_timeout)
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
        say(f"mythquiz: stopping; closing {open_sessions} session{'s' if open_sessions != 1 else ''}.")
    finally:
        await runner.cleanup()
    say("mythquiz: server stopped.")
    return 0


def serve(host: str, port: int, global_args: list[str], max_sessions: int = DEFAULT_MAX_SESSIONS,
          argv: list[str] | None = None, allow_hosts: list[str] | None = None,
          idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> int:
    """Serve mythquiz (or `argv`, for tests) until Ctrl+C or SIGTERM; 0 on a clean stop."""
    return asyncio.run(_serve(argv or app_argv(global_args), host, port, max_sessions,
                              list(allow_hosts or ()), idle_timeout))
