"""Live updates for the participants' pages: server-sent events.

Each open page holds one `GET /api/events` stream. When the room moves (a question opens,
closes, is revealed, the room ends) every stream gets the participant's state in one
`data:` line; a comment line every 15 seconds keeps idle connections open through
proxies and sleeping Wi-Fi. A page without EventSource, or whose stream breaks, polls
`/api/state` instead.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from ...core.room import Room

KEEP_ALIVE = 15.0  # seconds between comment lines on an idle stream


class Hub:
    """The open streams: one queue each, told when the room moves."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.queues: set[asyncio.Queue[bool]] = set()
        room.subscribe(self.on_room_event)

    def on_room_event(self, event: str, detail: Any) -> None:
        if event == "phase":
            self.tell(True)

    def tell(self, more: bool) -> None:
        for queue in list(self.queues):
            if queue.empty():  # one pending wake-up is enough: the state is read fresh
                queue.put_nowait(more)

    def close_all(self) -> None:
        """The server is stopping: every stream ends."""
        for queue in list(self.queues):
            queue.put_nowait(False)


def _event(state: dict[str, Any]) -> bytes:
    summary = {"phase": state["phase"], "number": (state["question"] or {}).get("number", 0),
               "round": state["round"], "your_answer": state["your_answer"],
               "seconds_left": state["seconds_left"]}
    return f"data: {json.dumps(summary)}\n\n".encode()


async def stream(request: web.Request, hub: Hub, token: str | None) -> web.StreamResponse:
    """The event stream of one participant's page (their token already checked)."""
    room = hub.room
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store",
                                           "X-Accel-Buffering": "no"})
    await response.prepare(request)
    queue: asyncio.Queue[bool] = asyncio.Queue()
    hub.queues.add(queue)
    try:
        await response.write(_event(room.state_for(token)))
        while room.phase != "ended":
            try:
                more = await asyncio.wait_for(queue.get(), timeout=KEEP_ALIVE)
            except asyncio.TimeoutError:
                await response.write(b": still here\n\n")
                continue
            if not more:
                break
            await response.write(_event(room.state_for(token)))
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        hub.queues.discard(queue)
    return response
