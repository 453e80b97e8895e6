"""Group commit of answers, off the event loop.

A burst of answers (a whole class pressing at once) would cost one sync to disk each if
each were committed on its own, and while the event loop itself waits for a sync it reads
no other request. So answers are committed by a writer thread with a database
connection of its own: each handler checks its answer on the loop (`Room.take_answers`),
hands the row to the writer and waits. The writer takes every row handed over so far and
commits them in one transaction; only then does the loop count them
(`Room.settle_answers`) and send each handler its outcome, a 200 or, when the UNIQUE
constraint refused the row, a 409. Every accepted answer is on disk before it is
acknowledged, so a kill -9 and `--resume` lose nothing that was acknowledged.

`GroupWriter` knows nothing of answers: it commits opaque rows with a function it is
given, so the rows may gain columns without it changing. If a commit fails, the rows are
tried one by one, so that each row's outcome is its own; an error reaches the waiting
handlers as a 5xx, never as a wait without end. Closing drains what is queued, then
joins the thread.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

from ...core.room import Room, RoomError
from ...core.room_errors import NotSaved
from ...core.room_store import RoomStore, StoreError, StoredAnswer

Row = TypeVar("Row")

# Opens, in the writer's thread, what commits rows: (commit, close). `commit(rows)` runs
# one transaction and returns one outcome per row; it raises if nothing was committed.
Opener = Callable[[], "tuple[Callable[[list[Any]], list[Any]], Callable[[], None]]"]
# Runs on the event loop after a commit: the rows and, for each, its outcome or the
# exception that kept it from being committed; returns what each waiting handler gets.
Settle = Callable[[list[Any], list[Any]], list[Any]]


RETRY_SECONDS = 1.0  # how long a failed batch is retried row by row


class WriterFailed(RoomError):
    """The answer may or may not be saved: the room could not finish taking it."""

    status = 500


class GroupWriter(Generic[Row]):
    """A thread that commits the rows handed to it, all that are waiting in one go."""

    def __init__(self, opener: Opener, settle: Settle, name: str = "answer-writer") -> None:
        self._opener = opener
        self._settle = settle
        self._name = name
        self._cond = threading.Condition()
        self._queue: list[tuple[Row, asyncio.Future]] = []
        self._closing = False
        self._thread: threading.Thread | None = None
        self._finished: asyncio.Future | None = None
        self._dead: BaseException | None = None  # why the thread stopped before being closed

    def start(self) -> None:
        """Start the thread (it opens its connection at once); the loop running now is
        where outcomes are delivered."""
        if self._thread is None:
            self._finished = asyncio.get_running_loop().create_future()
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()

    async def submit(self, row: Row) -> Any:
        """What `settle` made of this row once the transaction holding it has committed."""
        self.start()
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        with self._cond:
            if self._closing or self._dead is not None:
                raise NotSaved("the room is closing; your answer was not saved")
            self._queue.append((row, future))
            self._cond.notify()
        return await future

    async def close(self) -> None:
        """Commit and settle everything queued, then stop the thread and wait for it."""
        with self._cond:
            self._closing = True
            self._cond.notify()
        if self._thread is None or self._finished is None:
            return
        await self._finished
        self._thread.join()

    # ---- in the writer's thread ----

    def _run(self) -> None:
        assert self._finished is not None
        loop = self._finished.get_loop()
        try:
            commit, close = self._opener()
        except Exception as exc:  # every batch is refused with this reason
            def commit(rows: list[Any], _exc: Exception = exc) -> list[Any]:
                raise _exc

            def close() -> None:
                pass
        batch: list[tuple[Row, asyncio.Future]] = []
        try:
            while True:
                with self._cond:
                    while not self._queue and not self._closing:
                        self._cond.wait()
                    batch, self._queue = self._queue, []
                if not batch:
                    break  # closing, and nothing is left
                rows = [row for row, _ in batch]
                outcomes = self._commit(commit, rows)
                self._deliver(loop, batch, outcomes)
                batch = []
        except BaseException as exc:
            # A bug in this module: nothing more is taken, and nobody is left waiting.
            with self._cond:
                self._dead = exc
                batch += self._queue
                self._queue = []
            self._deliver(loop, batch, None)
            raise
        finally:
            try:
                close()
            finally:
                self._call(loop, self._done)

    @staticmethod
    def _commit(commit: Callable[[list[Any]], list[Any]], rows: list[Any]) -> list[Any]:
        """One outcome per row: all in one transaction, or, if that fails, one by one so
        that a row that cannot be stored does not take the others down with it. Retrying
        stops after RETRY_SECONDS (a database that is locked or full fails every row, each
        after its own wait): the rows left get the first failure."""
        try:
            outcomes = commit(rows)
        except Exception as exc:
            if len(rows) == 1:
                return [exc]
            outcomes = []
            end = time.monotonic() + RETRY_SECONDS
            for row in rows:
                if time.monotonic() > end:
                    outcomes.append(exc)
                    continue
                try:
                    outcomes.extend(commit([row]))
                except Exception as row_exc:
                    outcomes.append(row_exc)
        if len(outcomes) != len(rows):
            raise RuntimeError(f"{len(rows)} rows committed but {len(outcomes)} outcomes")
        return outcomes

    def _deliver(self, loop: asyncio.AbstractEventLoop, batch: list[tuple[Row, asyncio.Future]],
                 outcomes: list[Any] | None) -> None:
        if batch:
            self._call(loop, self._resolve, batch, outcomes)

    @staticmethod
    def _call(loop: asyncio.AbstractEventLoop, callback: Callable[..., None], *args: Any) -> None:
        try:
            loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:  # the loop is closed: nobody is waiting any more
            pass

    # ---- back on the event loop ----

    def _resolve(self, batch: list[tuple[Row, asyncio.Future]], outcomes: list[Any] | None) -> None:
        error: Exception | None = None
        if outcomes is None:
            results: list[Any] = [WriterFailed("the room could not take your answer; please try again")
                                  for _ in batch]
        else:
            try:
                results = self._settle([row for row, _ in batch], outcomes)
            except Exception as exc:  # a bug: the handlers hear of it, the loop logs it
                error = exc
                results = [WriterFailed("your answer reached the room but could not be counted")
                           for _ in batch]
        for (_, future), result in zip(batch, results):
            if not future.done():  # the participant went away: the answer is kept all the same
                future.set_result(result)
        if error is not None:
            raise error

    def _done(self) -> None:
        if self._finished is not None and not self._finished.done():
            self._finished.set_result(None)


def _store_opener(data_dir: Path, room_id: int) -> Opener:
    def opener() -> tuple[Callable[[list[Any]], list[Any]], Callable[[], None]]:
        store = RoomStore(data_dir)
        return (lambda rows: store.add_answers(room_id, rows)), store.close
    return opener


class AnswerBatcher:
    """The room's answers, committed by a `GroupWriter` on its own connection to the
    room's database (`opener` replaces that connection, for tests)."""

    def __init__(self, room: Room, opener: Opener | None = None) -> None:
        self.room = room
        self.writer: GroupWriter[StoredAnswer] = GroupWriter(
            opener or _store_opener(room.store.database.dir, room.id), self._settle)

    async def submit(self, token: object, number: object, option: object) -> StoredAnswer:
        """The stored answer once committed; raises the RoomError that refused it."""
        record = self.room.take_answers([(token, number, option)])[0]
        if isinstance(record, RoomError):
            raise record
        result = await self.writer.submit(record)
        if isinstance(result, RoomError):
            raise result
        return result

    def _settle(self, records: list[StoredAnswer], outcomes: list[Any]) -> list[StoredAnswer | RoomError]:
        return self.room.settle_answers(records, [
            o if isinstance(o, (bool, StoreError)) else StoreError(f"unexpected error: {o}") for o in outcomes])

    async def start(self, app: object = None) -> None:
        """For the application's on_startup: the writer opens its connection before the
        first answer arrives."""
        self.writer.start()

    async def close(self, app: object = None) -> None:
        """For the application's on_cleanup: every queued answer is committed and
        answered, then the writer's thread ends."""
        await self.writer.close()
