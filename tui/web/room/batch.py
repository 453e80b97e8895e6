"""Group commit of answers, on the event loop.

A burst of answers (a whole class pressing at once) is committed a few transactions at a
time, not one each: each handler checks its answer (`Room.take_answers`), hands the row
to `GroupCommit` and waits. The rows handed over during one turn of the event loop are
committed together, in one transaction, at the start of the next turn; only then does
the room count them (`Room.settle_answers`) and each handler send its outcome, a 200 or,
when the UNIQUE constraint refused the row, a 409. Every accepted answer is committed
before it is acknowledged, so a kill -9 and `--resume` lose nothing that was acknowledged.

Why on the loop and not in a thread of its own: a commit does not wait for the disk
(WAL with `synchronous=NORMAL`; the sync follows in wal_sync.py's thread), so committing
a hundred rows takes about a millisecond. The exception is SQLite's automatic checkpoint,
which runs inside the commit that takes the WAL past 1,000 pages (4 MB) and syncs the
database file: with 200 participants the WAL grows by about 13 KB a join and 110 KB a
question, so the first such commit comes within the first dozen questions and the next
about 35 questions later. A writer thread, by contrast, had to win Python's interpreter
lock back from the busy server at each statement, and during a burst each hand-over
waited up to the interpreter's 5 ms switch interval: with 200 participants, the commits
of one burst took 3-20 ms in a thread against 2-4 ms here. In five runs of alternating
rounds (benchmarks/room_bench.py), the answers' 95th percentile was 1.29x to 1.64x a
bare aiohttp handler's (median 1.43x), against 1.41x to 1.57x (median 1.49x) with the
thread: a gain, smaller than the noise from run to run.

The price: while a commit runs, nothing else does. If another program holds the
database's write lock, the room waits for it as its joins and question changes always
have (db.py's busy timeout, once for the whole group: the rows are not each tried again
after it), then answers 503.

`GroupCommit` knows nothing of answers: it commits opaque rows with a function it is
given, so the rows may gain columns without it changing. If a commit fails, the rows are
tried one by one, so that each row's outcome is its own; an error reaches the waiting
handlers as a 5xx, never as a wait without end. Closing commits what is queued.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Generic, TypeVar

from ...core.room import Room, RoomError
from ...core.room_errors import NotSaved
from ...core.room_store import StoreError, StoredAnswer

Row = TypeVar("Row")

# Commits rows in one transaction and returns one outcome per row; raises if nothing was
# committed.
Commit = Callable[[list[Any]], list[Any]]
# Runs after a commit: the rows and, for each, its outcome or the exception that kept it
# from being committed; returns what each waiting handler gets.
Settle = Callable[[list[Any], list[Any]], list[Any]]


RETRY_SECONDS = 1.0  # how long a failed batch is retried row by row


class WriterFailed(RoomError):
    """The answer may or may not be saved: the room could not finish taking it."""

    status = 500


class GroupCommit(Generic[Row]):
    """Commits, at the next turn of the event loop, every row handed to it in this one."""

    def __init__(self, commit: Commit, settle: Settle) -> None:
        self._commit_rows = commit
        self._settle = settle
        self._queue: list[tuple[Row, asyncio.Future]] = []
        self._scheduled = False
        self._closed = False

    async def submit(self, row: Row) -> Any:
        """What `settle` made of this row once the transaction holding it has committed."""
        if self._closed:
            raise NotSaved("the room is closing; your answer was not saved")
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        self._queue.append((row, future))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self.flush)
        return await future

    def flush(self) -> None:
        """Commit and settle what is queued now (the loop calls this once a turn while
        rows wait)."""
        self._scheduled = False
        batch, self._queue = self._queue, []
        if not batch:
            return
        try:
            outcomes = self._commit(self._commit_rows, [row for row, _ in batch])
        except BaseException:
            # A bug in this module, or the process is being stopped: nobody is left waiting.
            self._resolve(batch, None)
            raise
        self._resolve(batch, outcomes)

    async def close(self) -> None:
        """Commit and settle everything queued; answers handed over later are refused.
        Never raises: it runs in the application's cleanup, which would stop there and
        leave the database open (a bug in counting is reported to the loop's handler)."""
        self._closed = True
        try:
            self.flush()
        except Exception as exc:
            asyncio.get_running_loop().call_exception_handler(
                {"message": "the room's last answers could not be counted", "exception": exc})

    @staticmethod
    def _commit(commit: Commit, rows: list[Any]) -> list[Any]:
        """One outcome per row: all in one transaction, or, if that fails, one by one so
        that a row that cannot be stored does not take the others down with it. Retrying
        stops after RETRY_SECONDS (a database that is locked or full fails every row, each
        after its own wait): the rows left get the first failure. The time counts from
        the first attempt, so a batch that waited out a lock is not tried again row by row:
        the event loop waits for one busy timeout, not one for the batch and one more."""
        end = time.monotonic() + RETRY_SECONDS
        try:
            outcomes = commit(rows)
        except Exception as exc:
            if len(rows) == 1:
                return [exc]
            outcomes = []
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

    def _resolve(self, batch: list[tuple[Row, asyncio.Future]], outcomes: list[Any] | None) -> None:
        error: Exception | None = None
        if outcomes is None:
            results: list[Any] = [WriterFailed("the room could not take your answer; please try again")
                                  for _ in batch]
        else:
            try:
                results = self._settle([row for row, _ in batch], outcomes)
                if len(results) != len(batch):
                    raise RuntimeError(f"{len(batch)} answers settled into {len(results)} results")
            except Exception as exc:  # a bug: the handlers hear of it, the loop logs it
                error = exc
                results = [WriterFailed("your answer reached the room but could not be counted")
                           for _ in batch]
        for (_, future), result in zip(batch, results):
            if not future.done():  # the participant went away: the answer is kept all the same
                future.set_result(result)
        if error is not None:
            raise error


class AnswerBatcher:
    """The room's answers, committed in groups on the room's own connection (`commit`
    replaces that, for tests)."""

    def __init__(self, room: Room, commit: Commit | None = None) -> None:
        self.room = room
        self.writer: GroupCommit[StoredAnswer] = GroupCommit(
            commit or (lambda rows: room.store.add_answers(room.id, rows)), self._settle)

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

    async def close(self, app: object = None) -> None:
        """For the application's on_cleanup: every queued answer is committed and
        answered; later ones are refused."""
        await self.writer.close()
