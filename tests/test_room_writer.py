"""The room's answer writer (`tui/web/room/batch.py`): answers committed by a thread of
their own, many to a transaction, each acknowledged only after the commit that holds it.

Where a test needs answers to pile up, or to look at the room while a commit is under
way, the writer's commit is held at a gate (a threading.Event) and the test waits for
events it can name (the writer entered a commit, N answers reached the room): no sleeps.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from tui.core.room import Room
from tui.core.room_store import RoomStore, StoreError, StoredAnswer
from tui.web.room import make_app, routes
from tui.web.room.batch import AnswerBatcher, GroupWriter
from tui.web.room.routes import BATCHER

CODE = "123456"
WAIT = 20  # seconds: only a hung writer takes this long


class Gated:
    """The real store's commit, in the writer's thread, held at a gate until the test opens
    it; counts the rows of each transaction. `fail`: raised instead of committing."""

    def __init__(self, room: Room, fail: BaseException | None = None) -> None:
        self.room = room
        self.fail = fail
        self.gate = threading.Event()
        self.entered = threading.Event()  # the writer is inside a commit
        self.closed = threading.Event()  # the writer closed its connection
        self.batches: list[int] = []
        self.threads: set[str] = set()

    def opener(self):
        store = RoomStore(self.room.store.database.dir)

        def commit(rows):
            self.threads.add(threading.current_thread().name)
            self.entered.set()
            if not self.gate.wait(WAIT):
                self.gate.set()  # one wait is enough to fail the test
                raise AssertionError("the test never opened the gate")
            self.batches.append(len(rows))
            if self.fail is not None:
                raise self.fail
            return store.add_answers(self.room.id, rows)

        def close():
            store.close()
            self.closed.set()
        return commit, close

    async def wait_entered(self) -> None:
        assert await asyncio.to_thread(self.entered.wait, WAIT), "the writer never began a commit"


class CountingBatcher(AnswerBatcher):
    """The room's batcher, telling the test how many answers have reached it; by the time
    a waiter hears of one, it is queued for the writer."""

    def __init__(self, room: Room, opener) -> None:
        super().__init__(room, opener)
        self.arrived = 0
        self.changed = asyncio.Condition()

    async def submit(self, token, number, option):
        self.arrived += 1
        async with self.changed:
            self.changed.notify_all()
        return await super().submit(token, number, option)

    async def wait_arrived(self, n: int) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: self.arrived >= n), WAIT)


@pytest.fixture
def room(pack, tmp_path) -> Room:
    return Room.create(pack, RoomStore(tmp_path), seed=11, count=2, code=CODE)


def serve(room: Room, gated: Gated, monkeypatch) -> TestClient:
    """The room's real application, its batcher's writer committing through `gated`."""
    monkeypatch.setattr(routes, "AnswerBatcher", lambda r: CountingBatcher(r, gated.opener))
    # as many connections as requests: a burst is all in flight at once
    return TestClient(TestServer(make_app(room)), connector=aiohttp.TCPConnector(limit=0))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def answer(client: TestClient, token: str, number: int, option: str) -> int:
    response = await asyncio.wait_for(
        client.post("/api/answer", json={"number": number, "option": option}, headers=bearer(token)), WAIT)
    return response.status


def stored(room: Room) -> list[tuple[int, int, str]]:
    """(participant, question, answer) of every row, read on the room's own connection."""
    return room.store.db.execute("SELECT participant, question, answer FROM room_answers ORDER BY rowid").fetchall()


async def test_a_burst_is_committed_in_few_transactions_each_answer_once_doubles_refused(room, monkeypatch):
    gated = Gated(room)
    tokens = [room.join(CODE, f"p{n}") for n in range(150)]
    room.open_next()
    options = room.options[0]
    async with serve(room, gated, monkeypatch) as client:
        batcher = client.server.app[BATCHER]
        first = asyncio.ensure_future(answer(client, tokens[0], 1, options[0]))
        await gated.wait_entered()  # its commit is under way: the rest queue behind it
        rest = [asyncio.ensure_future(answer(client, t, 1, options[n % len(options)]))
                for n, t in enumerate(tokens[1:], 1)]
        again = [asyncio.ensure_future(answer(client, t, 1, options[-1])) for t in tokens[:30]]
        await batcher.wait_arrived(180)
        gated.gate.set()
        statuses = await asyncio.gather(first, *rest, *again)
        rows = stored(room)
    assert Counter(statuses) == {200: 150, 409: 30}
    assert len(rows) == 150 and len({(p, q) for p, q, _ in rows}) == 150
    kept = {p: a for p, _, a in rows}
    for n, token in enumerate(tokens):  # each participant's first answer stands
        assert kept[room.participant(token).id] == options[n % len(options)]
    assert room.tally().answered == 150
    assert gated.batches == [1, 179]  # everything that queued during a commit went in the next one
    assert gated.threads and threading.current_thread().name not in gated.threads


async def test_nothing_is_acknowledged_before_its_commit_and_the_loop_keeps_serving(room, monkeypatch):
    gated = Gated(room)
    ann, bob = room.join(CODE, "Ann"), room.join(CODE, "Bob")
    room.open_next()
    option = room.options[0][0]
    async with serve(room, gated, monkeypatch) as client:
        pending = asyncio.ensure_future(answer(client, ann, 1, option))
        await gated.wait_entered()
        # the commit is held: the server still answers other requests at once ...
        state = await asyncio.wait_for(client.get("/api/state", headers=bearer(bob)), WAIT)
        assert state.status == 200
        # ... but Ann has no 200 yet, her answer is not counted, and it is not on disk
        assert not pending.done()
        assert room.tally().answered == 0 and stored(room) == []
        assert (await (await client.get("/api/state", headers=bearer(ann))).json())["your_answer"] is None
        gated.gate.set()
        assert await pending == 200
        assert stored(room) == [(room.participant(ann).id, 1, option)]
        assert (await (await client.get("/api/state", headers=bearer(ann))).json())["your_answer"] == option


@pytest.mark.parametrize("fail, status", [(StoreError("disk full"), 503), (RuntimeError("a bug"), 503)])
async def test_a_failed_commit_answers_every_waiting_request_with_an_error(room, monkeypatch, fail, status):
    gated = Gated(room, fail=fail)
    gated.gate.set()
    tokens = [room.join(CODE, f"p{n}") for n in range(20)]
    room.open_next()
    option = room.options[0][0]
    async with serve(room, gated, monkeypatch) as client:
        responses = await asyncio.gather(*(
            asyncio.wait_for(client.post("/api/answer", json={"number": 1, "option": option}, headers=bearer(t)),
                             WAIT) for t in tokens))
        assert {r.status for r in responses} == {status}
        assert all([(await r.json())["error"] for r in responses])
        assert room.tally().answered == 0 and stored(room) == []


async def test_a_writer_that_cannot_open_the_database_refuses_answers_with_503(room, monkeypatch):
    def opener():
        raise StoreError("progress.db cannot be opened")
    monkeypatch.setattr(routes, "AnswerBatcher", lambda r: AnswerBatcher(r, opener))
    token = room.join(CODE, "Ann")
    room.open_next()
    async with TestClient(TestServer(make_app(room))) as client:
        response = await client.post("/api/answer", json={"number": 1, "option": room.options[0][0]},
                                     headers=bearer(token))
        assert response.status == 503 and "cannot be opened" in (await response.json())["error"]
        assert room.tally().answered == 0 and stored(room) == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the death itself
async def test_a_writer_that_dies_leaves_nobody_waiting(room, monkeypatch):
    gated = Gated(room, fail=SystemExit())  # not an Exception: the thread itself ends
    gated.gate.set()
    token = room.join(CODE, "Ann")
    room.open_next()
    option = room.options[0][0]
    async with serve(room, gated, monkeypatch) as client:
        assert await answer(client, token, 1, option) == 500
        assert await answer(client, token, 1, option) == 503  # nothing more is taken
        await asyncio.wait_for(client.server.app[BATCHER].close(), WAIT)  # returns: the thread ended
        assert gated.closed.is_set()
        assert stored(room) == []


async def test_a_row_that_cannot_be_stored_does_not_take_the_others_down(room):
    """A failed transaction is tried again row by row: each row's outcome is its own."""
    ann, bob = room.join(CODE, "Ann"), room.join(CODE, "Bob")
    room.open_next()
    good = [room.take_answers([(t, 1, room.options[0][0])])[0] for t in (ann, bob)]
    assert all(isinstance(r, StoredAnswer) for r in good)
    orphan = good[0]._replace(participant=999_999)  # no such participant: the foreign key refuses it
    store = RoomStore(room.store.database.dir)
    writer: GroupWriter[StoredAnswer] = GroupWriter(
        lambda: ((lambda rows: store.add_answers(room.id, rows)), store.close),
        lambda rows, outcomes: outcomes)
    writer.start()
    outcomes = await asyncio.wait_for(asyncio.gather(*(writer.submit(r) for r in [good[0], orphan, good[1]])), WAIT)
    await writer.close()
    assert outcomes[0] is True and outcomes[2] is True
    assert isinstance(outcomes[1], StoreError)
    assert sorted(p for p, _, _ in stored(room)) == sorted(r.participant for r in good)


async def test_shutdown_commits_and_answers_what_is_queued_then_stops(room, monkeypatch):
    gated = Gated(room)
    tokens = [room.join(CODE, f"p{n}") for n in range(40)]
    room.open_next()
    option = room.options[0][0]
    client = serve(room, gated, monkeypatch)
    await client.start_server()
    batcher = client.server.app[BATCHER]
    first = asyncio.ensure_future(answer(client, tokens[0], 1, option))
    await gated.wait_entered()
    rest = [asyncio.ensure_future(answer(client, t, 1, option)) for t in tokens[1:]]
    await batcher.wait_arrived(40)
    closing = asyncio.ensure_future(batcher.close())  # what the application's cleanup does
    gated.gate.set()
    await asyncio.wait_for(closing, WAIT)
    assert gated.closed.is_set() and not batcher.writer._thread.is_alive()
    assert sorted(await asyncio.gather(first, *rest)) == [200] * 40
    assert len(stored(room)) == 40 and room.tally().answered == 40
    late = room.join(CODE, "late")
    assert await answer(client, late, 1, option) == 503  # after the writer stopped: refused, not lost
    await client.close()


@pytest.mark.parametrize("retry_seconds, commits", [(60.0, 2 + 5), (-1.0, 2)])
async def test_a_failed_batch_is_retried_row_by_row_only_for_a_while(monkeypatch, retry_seconds, commits):
    """A locked or full database fails every row after its own wait: past RETRY_SECONDS the
    rows left get the batch's error at once instead of being tried one by one."""
    from tui.web.room import batch

    monkeypatch.setattr(batch, "RETRY_SECONDS", retry_seconds)
    gate, entered, calls = threading.Event(), threading.Event(), []

    def commit(rows):
        calls.append(len(rows))
        entered.set()
        if not gate.wait(WAIT):
            raise AssertionError("the test never opened the gate")
        raise StoreError("database is locked")

    writer: GroupWriter[int] = GroupWriter(lambda: (commit, lambda: None), lambda rows, outcomes: outcomes)
    writer.start()
    first = asyncio.ensure_future(writer.submit(0))
    assert await asyncio.to_thread(entered.wait, WAIT)
    rest = [asyncio.ensure_future(writer.submit(n)) for n in range(1, 6)]
    await asyncio.sleep(0)  # a turn of the loop: the five are queued (submit queues before it awaits)
    gate.set()
    outcomes = await asyncio.wait_for(asyncio.gather(first, *rest), WAIT)
    await writer.close()
    assert all(isinstance(o, StoreError) for o in outcomes)
    assert len(calls) == commits and calls[:2] == [1, 5]


def test_a_group_commit_reports_each_rows_outcome_as_the_constraint_decided(room):
    """More rows than one INSERT statement takes, some answered before, some twice in the
    group, some in the other round: each row's outcome is what the UNIQUE constraint did."""
    from tui.core.room_store import ROWS_PER_INSERT

    people = [room.participant(room.join(CODE, f"p{n}")).id for n in range(ROWS_PER_INSERT + 30)]
    room.open_next()
    item = room.items[0].id

    def row(pid: int, answer: str, round_: int = 1) -> StoredAnswer:
        return StoredAnswer(pid, 1, item, answer, False, 0.0, 0.0, round_)

    assert room.store.add_answers(room.id, [row(people[0], "before")]) == [True]
    group = [row(p, "first") for p in people]                       # crosses a statement boundary
    group += [row(people[5], "again"), row(people[-1], "again")]   # twice in this group
    group += [row(people[0], "other round", 2)]                     # another round: its own answer
    outcomes = room.store.add_answers(room.id, group)
    assert outcomes == [False] + [True] * (len(people) - 1) + [False, False, True]
    kept = {(p, r): a for p, r, a in room.store.db.execute(
        "SELECT participant, round, answer FROM room_answers WHERE question = 1")}
    assert kept[(people[0], 1)] == "before" and kept[(people[0], 2)] == "other round"
    assert kept[(people[5], 1)] == "first" and kept[(people[-1], 1)] == "first"
    assert len(kept) == len(people) + 1
