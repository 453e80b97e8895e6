"""The room's answer writer (`tui/web/room/batch.py`): the answers handed over in one
turn of the event loop are committed in one transaction at the next, each acknowledged
only after the commit that holds it.

The commit is the real store's, seen through a wrapper that records each transaction's
rows and what the room looked like at that moment; the tests wait for events they can
name (a request finished, a turn of the loop): no sleeps.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from types import SimpleNamespace
from typing import Callable

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from tui.core.room import Room
from tui.core.room_errors import NotSaved
from tui.core.room_store import RoomStore, StoreError, StoredAnswer
from tui.web.room import make_app, routes
from tui.web.room.batch import AnswerBatcher, GroupCommit
from tui.web.room.routes import BATCHER

CODE = "123456"
WAIT = 20  # seconds: only a hung writer takes this long


class Watched:
    """The real store's commit, recording the rows of each transaction and, at the moment
    it starts, how many answers the room had counted and stored. `fail`: raised instead of
    committing."""

    def __init__(self, room: Room, fail: BaseException | None = None) -> None:
        self.room = room
        self.fail = fail
        self.batches: list[int] = []
        self.seen: list[tuple[int, int]] = []  # (counted, stored) as each commit began
        self.probe: Callable[[], object] | None = None  # called as each commit begins

    def commit(self, rows):
        self.batches.append(len(rows))
        self.seen.append((self.room.tally().answered, len(stored(self.room))))
        if self.probe is not None:
            self.probe()
        if self.fail is not None:
            raise self.fail
        return self.room.store.add_answers(self.room.id, rows)


@pytest.fixture
def room(pack, tmp_path) -> Room:
    return Room.create(pack, RoomStore(tmp_path), seed=11, count=2, code=CODE)


def serve(room: Room, watched: Watched, monkeypatch) -> TestClient:
    """The room's real application, its batcher committing through `watched`."""
    monkeypatch.setattr(routes, "AnswerBatcher", lambda r: AnswerBatcher(r, watched.commit))
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
    watched = Watched(room)
    tokens = [room.join(CODE, f"p{n}") for n in range(150)]
    room.open_next()
    options = room.options[0]
    async with serve(room, watched, monkeypatch) as client:
        first = [asyncio.ensure_future(answer(client, t, 1, options[n % len(options)]))
                 for n, t in enumerate(tokens)]
        again = [asyncio.ensure_future(answer(client, t, 1, options[-1])) for t in tokens[:30]]
        statuses = await asyncio.gather(*first, *again)
        rows = stored(room)
    assert Counter(statuses) == {200: 150, 409: 30}
    assert len(rows) == 150 and len({(p, q) for p, q, _ in rows}) == 150
    kept = {p: a for p, _, a in rows}
    for n, token in enumerate(tokens):  # each participant's first answer stands
        assert kept[room.participant(token).id] == options[n % len(options)]
    assert room.tally().answered == 150
    assert sum(watched.batches) == 180
    assert len(watched.batches) < 60  # answers that arrived together shared a transaction


async def test_the_rows_handed_over_in_one_turn_go_in_one_transaction():
    """Deterministic grouping, without a server: everything submitted in one turn of the
    loop is one commit; what comes after it, the next."""
    batches: list[list[int]] = []

    def commit(rows):
        batches.append(list(rows))
        return [True] * len(rows)

    writer: GroupCommit[int] = GroupCommit(commit, lambda rows, outcomes: outcomes)
    first = await asyncio.gather(*(writer.submit(n) for n in range(5)))
    second = await asyncio.gather(*(writer.submit(n) for n in range(5, 8)))
    assert first == [True] * 5 and second == [True] * 3
    assert batches == [[0, 1, 2, 3, 4], [5, 6, 7]]


async def test_nothing_is_acknowledged_or_counted_before_its_commit(room, monkeypatch):
    """The order of events on the server: each answer's commit comes before its response
    is sent (aiohttp's `on_response_prepare`, as the headers go out), and nothing is
    counted or stored before the commit."""
    watched = Watched(room)
    tokens = [room.join(CODE, name) for name in ("Ann", "Bob", "Cy")]
    room.open_next()
    option = room.options[0][0]
    events: list[str] = []
    watched.probe = lambda: events.append("commit")
    monkeypatch.setattr(routes, "AnswerBatcher", lambda r: AnswerBatcher(r, watched.commit))
    app = make_app(room)

    async def sent(request, response) -> None:
        if request.path == "/api/answer":
            events.append(f"sent {response.status}")

    app.on_response_prepare.append(sent)
    async with TestClient(TestServer(app), connector=aiohttp.TCPConnector(limit=0)) as client:
        statuses = await asyncio.gather(*(answer(client, t, 1, option) for t in tokens[:2]))
        assert statuses == [200, 200]
        assert await answer(client, tokens[2], 1, option) == 200
        assert events[0] == "commit" and events.count("sent 200") == 3
        # every response follows a commit that held it: no 200 before the first commit,
        # and as many commits before each 200 as it takes
        assert all(events[:i].count("commit") >= 1 for i, e in enumerate(events) if e == "sent 200")
        assert events[-2:] == ["commit", "sent 200"]  # Cy answered alone: her commit, then her 200
        assert watched.seen[0] == (0, 0)  # when the first commit began, nothing was counted or stored
        assert len(stored(room)) == 3 and room.tally().answered == 3
        ann, bob = tokens[:2]
        assert (await (await client.get("/api/state", headers=bearer(ann))).json())["your_answer"] == option
        assert (await (await client.get("/api/state", headers=bearer(bob))).json())["your_answer"] == option


@pytest.mark.parametrize("fail", [StoreError("disk full"), RuntimeError("a bug")])
async def test_a_failed_commit_answers_every_waiting_request_with_503(room, monkeypatch, fail):
    watched = Watched(room, fail=fail)
    tokens = [room.join(CODE, f"p{n}") for n in range(20)]
    room.open_next()
    option = room.options[0][0]
    async with serve(room, watched, monkeypatch) as client:
        assert await answer(client, tokens[0], 1, option) == 503  # alone in its transaction
        responses = await asyncio.gather(*(
            asyncio.wait_for(client.post("/api/answer", json={"number": 1, "option": option}, headers=bearer(t)),
                             WAIT) for t in tokens))
        assert {r.status for r in responses} == {503}
        assert all([(await r.json())["error"] for r in responses])
        assert room.tally().answered == 0 and stored(room) == []
        # the room goes on: once the database can be written again, the same answers count
        watched.fail = None
        assert {await answer(client, t, 1, option) for t in tokens} == {200}
        assert room.tally().answered == 20


async def test_a_bug_in_counting_answers_the_waiting_with_500_and_the_room_goes_on(room, monkeypatch):
    token, other = room.join(CODE, "Ann"), room.join(CODE, "Bob")
    room.open_next()
    option = room.options[0][0]
    errors: list[BaseException] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: errors.append(context.get("exception")))
    real = room.settle_answers

    def broken(records, inserted):
        room.settle_answers = real  # only the first commit's counting fails
        raise KeyError("a bug")

    room.settle_answers = broken
    try:
        async with TestClient(TestServer(make_app(room))) as client:
            assert await answer(client, token, 1, option) == 500
            assert [type(e) for e in errors] == [KeyError]  # the loop logged the bug
            assert await answer(client, other, 1, option) == 200
    finally:
        loop.set_exception_handler(None)


async def test_counting_that_gives_too_few_results_answers_every_waiting_request():
    """A settle that loses a row is a bug: every handler of the batch hears 500, none
    waits for ever."""
    from tui.web.room.batch import WriterFailed

    loop = asyncio.get_running_loop()
    errors: list[BaseException] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context.get("exception")))
    try:
        writer: GroupCommit[int] = GroupCommit(lambda rows: [True] * len(rows), lambda rows, outcomes: outcomes[1:])
        results = await asyncio.wait_for(asyncio.gather(*(writer.submit(n) for n in range(3))), WAIT)
    finally:
        loop.set_exception_handler(None)
    assert all(isinstance(r, WriterFailed) for r in results)
    assert [type(e) for e in errors] == [RuntimeError]


async def test_closing_never_raises_into_the_servers_cleanup():
    """A bug in counting the last answers is reported to the loop's handler, not raised
    out of close(): the application's cleanup goes on to close the database."""
    from tui.web.room.batch import WriterFailed

    def broken(rows, outcomes):
        raise KeyError("a bug")

    loop = asyncio.get_running_loop()
    errors: list[BaseException] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context.get("exception")))
    try:
        writer: GroupCommit[int] = GroupCommit(lambda rows: [True] * len(rows), broken)
        waiting = [asyncio.ensure_future(writer.submit(n)) for n in range(2)]
        await asyncio.sleep(0)  # a turn: both are queued
        await writer.close()  # does not raise
        results = await asyncio.wait_for(asyncio.gather(*waiting), WAIT)
    finally:
        loop.set_exception_handler(None)
    assert all(isinstance(r, WriterFailed) for r in results)
    assert [type(e) for e in errors] == [KeyError]


async def test_a_row_that_cannot_be_stored_does_not_take_the_others_down(room):
    """A failed transaction is tried again row by row: each row's outcome is its own."""
    ann, bob = room.join(CODE, "Ann"), room.join(CODE, "Bob")
    room.open_next()
    good = [room.take_answers([(t, 1, room.options[0][0])])[0] for t in (ann, bob)]
    assert all(isinstance(r, StoredAnswer) for r in good)
    orphan = good[0]._replace(participant=999_999)  # no such participant: the foreign key refuses it
    writer: GroupCommit[StoredAnswer] = GroupCommit(
        lambda rows: room.store.add_answers(room.id, rows), lambda rows, outcomes: outcomes)
    outcomes = await asyncio.wait_for(asyncio.gather(*(writer.submit(r) for r in [good[0], orphan, good[1]])), WAIT)
    assert outcomes[0] is True and outcomes[2] is True
    assert isinstance(outcomes[1], StoreError)
    assert sorted(p for p, _, _ in stored(room)) == sorted(r.participant for r in good)


async def test_closing_commits_what_is_queued_then_refuses():
    batches: list[list[int]] = []

    def commit(rows):
        batches.append(list(rows))
        return [True] * len(rows)

    writer: GroupCommit[int] = GroupCommit(commit, lambda rows, outcomes: outcomes)
    waiting = [asyncio.ensure_future(writer.submit(n)) for n in range(4)]
    await asyncio.sleep(0)  # a turn: the four are queued, their commit is due at the next
    await writer.close()  # the application's cleanup, before that turn
    assert batches == [[0, 1, 2, 3]]
    assert await asyncio.wait_for(asyncio.gather(*waiting), WAIT) == [True] * 4
    with pytest.raises(NotSaved):
        await writer.submit(4)
    await asyncio.sleep(0)
    assert batches == [[0, 1, 2, 3]]


async def test_an_answer_after_the_server_closed_gets_503_and_is_not_kept(room, monkeypatch):
    watched = Watched(room)
    tokens = [room.join(CODE, f"p{n}") for n in range(3)]
    room.open_next()
    option = room.options[0][0]
    client = serve(room, watched, monkeypatch)
    await client.start_server()
    assert [await answer(client, t, 1, option) for t in tokens[:2]] == [200, 200]
    await client.server.app[BATCHER].close()  # what the application's cleanup does
    assert await answer(client, tokens[2], 1, option) == 503
    assert len(stored(room)) == 2 and room.tally().answered == 2
    await client.close()


@pytest.mark.parametrize("retry_seconds, commits", [(60.0, 1 + 6), (-1.0, 1)])
async def test_a_failed_batch_is_retried_row_by_row_only_for_a_while(monkeypatch, retry_seconds, commits):
    """A locked or full database fails every row after its own wait: past RETRY_SECONDS the
    rows left get the batch's error at once instead of being tried one by one."""
    from tui.web.room import batch

    monkeypatch.setattr(batch, "RETRY_SECONDS", retry_seconds)
    calls: list[int] = []

    def commit(rows):
        calls.append(len(rows))
        raise StoreError("database is locked")

    writer: GroupCommit[int] = GroupCommit(commit, lambda rows, outcomes: outcomes)
    outcomes = await asyncio.wait_for(asyncio.gather(*(writer.submit(n) for n in range(6))), WAIT)
    assert all(isinstance(o, StoreError) for o in outcomes)
    assert len(calls) == commits and calls[0] == 6


async def test_a_batch_that_waited_out_a_lock_is_not_tried_again_row_by_row(monkeypatch):
    """The room waits for one busy timeout, not for one more per row: the time allowed
    for retries counts from the first attempt. A fake clock stands for SQLite's wait."""
    from tui.web.room import batch

    now = [1000.0]
    monkeypatch.setattr(batch, "time", SimpleNamespace(monotonic=lambda: now[0]))  # batch.py's clock only
    calls: list[int] = []

    def commit(rows):
        calls.append(len(rows))
        now[0] += 10.0  # the busy timeout, waited out
        raise StoreError("database is locked")

    writer: GroupCommit[int] = GroupCommit(commit, lambda rows, outcomes: outcomes)
    outcomes = await asyncio.wait_for(asyncio.gather(*(writer.submit(n) for n in range(5))), WAIT)
    assert calls == [5]
    assert all(isinstance(o, StoreError) for o in outcomes)


async def test_a_stop_in_the_middle_of_a_commit_leaves_nobody_waiting():
    """Ctrl+C or SystemExit inside a commit stops the server, but each waiting handler
    has its answer (a 500) first."""
    def commit(rows):
        raise KeyboardInterrupt

    writer: GroupCommit[int] = GroupCommit(commit, lambda rows, outcomes: outcomes)
    waiting = [asyncio.ensure_future(writer.submit(n)) for n in range(3)]
    await asyncio.sleep(0)  # a turn: the three are queued and the commit is scheduled
    with pytest.raises(KeyboardInterrupt):
        writer.flush()
    results = await asyncio.wait_for(asyncio.gather(*waiting), WAIT)
    assert all(isinstance(r, batch_failed()) for r in results)


def batch_failed():
    from tui.web.room.batch import WriterFailed
    return WriterFailed


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
