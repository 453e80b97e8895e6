"""Group commit of answers: the answers that arrive together are committed together.

A burst of answers (a whole class pressing at once) would otherwise cost one sync to disk
each, one after the other. Each handler hands its answer over and waits; at the next turn
of the event loop every answer handed over so far is committed in one transaction, and
only then is each handler told its outcome and its 200 (or 409) sent. Every accepted
answer is still on disk before it is acknowledged.
"""

from __future__ import annotations

import asyncio

from ...core.room import Room, RoomError
from ...core.room_store import StoredAnswer


class AnswerBatcher:
    def __init__(self, room: Room) -> None:
        self.room = room
        self._pending: list[tuple[tuple[object, object, object], asyncio.Future]] = []
        self._scheduled = False

    async def submit(self, token: object, number: object, option: object) -> StoredAnswer:
        """The stored answer once committed; raises the RoomError that refused it."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        self._pending.append(((token, number, option), future))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._flush)
        result = await future
        if isinstance(result, RoomError):
            raise result
        return result

    def _flush(self) -> None:
        self._scheduled = False
        batch, self._pending = self._pending, []
        try:
            results = self.room.answer_many([request for request, _ in batch])
        except BaseException as exc:  # pragma: no cover - a bug: every waiting handler hears of it
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            raise
        for (_, future), result in zip(batch, results):
            if not future.done():  # the participant went away: the answer is kept all the same
                future.set_result(result)
