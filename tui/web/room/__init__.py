"""The live room's web server: an aiohttp application for participants' devices.

`make_app(room)` builds the application (routes in `routes.py`, pages in `templates/`
rendered by Jinja2 with autoescaping, files in `static/`). The facilitator never acts
over HTTP: their screen drives the same `Room` object in the same process.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from aiohttp import web

from ...core.room import Room
from ..guard import WILDCARDS, Guard, network_addresses
from .limits import Limits
from .routes import CLIENT_MAX_SIZE, ROOM, TEMPLATES, LIMITS, SECURITY_HEADERS, setup_routes

HERE = Path(__file__).resolve().parent

__all__ = ["make_app", "start", "join_url", "let_pages_see_the_end", "Limits", "ROOM"]


async def _close_store(app: web.Application) -> None:
    app[ROOM].store.close()


def make_app(room: Room, *, limits: Limits | None = None, close_store: bool = True,
             guard: Guard | None = None) -> web.Application:
    """The participants' application for `room`. `guard` says which Host and Origin
    values it answers to (default: a server on loopback)."""
    guard = guard or Guard("127.0.0.1")
    # The guard first: a request for another name or from another site reaches nothing.
    app = web.Application(client_max_size=CLIENT_MAX_SIZE, middlewares=[guard.middleware(headers=SECURITY_HEADERS)])
    app[ROOM] = room
    app[LIMITS] = limits or Limits()
    app[TEMPLATES] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every name and text is escaped, whatever the template says
        trim_blocks=True,
        lstrip_blocks=True,
    )
    setup_routes(app, HERE / "static")
    if close_store:
        app.on_cleanup.append(_close_store)
    return app


async def start(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Listen on host:port; OSError if the port is taken. Stop with `await runner.cleanup()`."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port, shutdown_timeout=1.0).start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner


async def let_pages_see_the_end(room: Room, most: float = 5.0) -> None:
    """After the room ends, keep serving for at most `most` seconds, until each page that
    was polling has fetched the ended state (and the participant's final score)."""
    import asyncio
    import time

    end = time.monotonic() + most
    while room.pages_behind() and time.monotonic() < end:
        await asyncio.sleep(0.1)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def join_url(host: str, port: int) -> str:
    """The address participants open: this computer's network address when the room is
    reachable from the network, else the loopback address it listens on."""
    shown = host
    if host in WILDCARDS:
        addresses = [a for a in network_addresses() if host != "0.0.0.0" or ":" not in a]
        shown = addresses[0] if addresses else "127.0.0.1"
    return f"http://{_url_host(shown)}:{port}/"


def network_warning(host: str) -> str | None:
    """One line when the room is reachable from other computers, else None."""
    from ..serve import is_loopback

    if is_loopback(host):
        return None
    return (f"mythquiz: warning: the room listens on {host}: anyone on this network who has the "
            "room code can join.")

