"""The live room under load, as ratios to a bare aiohttp handler measured in the same run.

    .venv/bin/python benchmarks/room_bench.py [--participants 200] [--questions 10] [--kills 20]
    .venv/bin/python benchmarks/room_bench.py --compare OLD_TREE [--rounds 3] [--kills 0]

On loopback only. The subject is the real command, `mythquiz --plain room`, in its own
process with a fresh data dir; the floor is a bare aiohttp application in its own process
whose one handler reads the JSON body and answers `{"ok": true}`, launched the same way.

With `--compare OLD_TREE` (a source tree of another version, e.g. `git archive main`
unpacked), the round is played against this tree's code and OLD_TREE's alternately,
`--rounds` times each (the order flips every round), each with its own floor, and both
ratios are printed: a change measured under the same load as what it replaces.

Measures:

- answer p95 under a burst: for each question, every participant answers at the same
  instant (one request each, all in flight together); the floor gets the same burst of
  requests, alternately, question by question. Bar: the median of the room's per-burst
  p95 ≤ 1.5 × the median of the floor's.
- tally: from the moment the last answer of a burst is sent until the facilitator's
  output shows "N of N answered" for that question. Bar: ≤ 250 ms (the worst question).
- memory: the room process's resident size after the round minus its size before anyone
  joined, per participant. Bar: < 1 MiB.
- lost and double-counted: every 200 must be a row of the database, and a second burst of
  the same answers must all be refused (409) with the rows unchanged. Bar: 0 and 0.
- kill -9 at random moments (`--kills` times) during a burst, then `--resume`: every
  answer that got a 200 is in the database afterwards. Bar: 0 lost.

Every loop is bounded; the machine's load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
MYTHQUIZ = ROOT / ".venv" / "bin" / "mythquiz"
CODE = "424242"
DEADLINE = 60.0

FLOOR_APP = """
import sys
from aiohttp import web

async def answer(request):
    await request.json()
    return web.json_response({"ok": True})

app = web.Application()
app.router.add_post("/api/answer", answer)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=lambda *a: print("Join at: ready", flush=True),
            access_log=None)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


class Process:
    """A server process; its stdout lines with the time each was read."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=env, cwd=cwd, start_new_session=True)
        self.lines: list[tuple[float, str]] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
                self.cond.notify_all()
        with self.cond:
            self.lines.append((time.perf_counter(), "\0end"))
            self.cond.notify_all()

    def wait_for(self, pattern: str, start: int = 0) -> tuple[int, float, re.Match]:
        """The first line from index `start` matching `pattern`: (index, when read, match)."""
        regex = re.compile(pattern)
        end = time.monotonic() + DEADLINE
        index = start
        with self.cond:
            while True:
                while index < len(self.lines):
                    when, line = self.lines[index]
                    if line == "\0end":
                        raise RuntimeError(f"output ended before {pattern!r}")
                    found = regex.search(line)
                    if found:
                        return index, when, found
                    index += 1
                if not self.cond.wait(timeout=max(0.0, end - time.monotonic())):
                    raise RuntimeError(f"no {pattern!r} within {DEADLINE} s")

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 9)
        self.proc.wait(timeout=DEADLINE)

    def stop(self) -> None:
        if self.proc.poll() is None and self.proc.stdin is not None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=DEADLINE)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()


LAUNCH = "import sys; from tui.cli import main; sys.exit(main())"


def room_process(data_dir: Path, port: int, *extra: str, tree: Path | None = None) -> Process:
    """The room command: this tree's `mythquiz`, or the code of another source tree run by
    this tree's interpreter (the same dependencies)."""
    argv = ["--plain", "--data-dir", str(data_dir), "room", "--port", str(port), *extra]
    if tree is None:
        return Process([str(MYTHQUIZ), *argv])
    env = dict(os.environ, PYTHONPATH=str(tree.resolve()))
    # Run in OLD_TREE: `python -c` puts the current directory first on the path, and run
    # from this tree that would import this tree's code instead of OLD_TREE's.
    return Process([str(MYTHQUIZ.parent / "python"), "-c", LAUNCH, *argv], env=env, cwd=tree)


async def post(http: aiohttp.ClientSession, url: str, body: dict, token: str | None = None) -> tuple[int, float, float]:
    """(status, when sent, seconds to the answer)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    sent = time.perf_counter()
    async with http.post(url, json=body, headers=headers) as response:
        await response.read()
        return response.status, sent, time.perf_counter() - sent


async def burst(http: aiohttp.ClientSession, url: str, bodies: list[tuple[dict, str | None]]) -> list[tuple[int, float, float]]:
    """All requests in flight together: each waits at a barrier until every one is ready."""
    return await asyncio.gather(*(post(http, url, body, token) for body, token in bodies))


async def round_trip(args: argparse.Namespace, work: Path, tree: Path | None = None) -> dict:
    n = args.participants
    floor_port, room_port = free_port(), free_port()
    floor = Process([sys.executable, "-c", FLOOR_APP, str(floor_port)])
    data = work
    room = room_process(data, room_port, "--code", CODE, "--count", str(args.questions), "--seed", "1", tree=tree)
    result: dict = {"room_p95": [], "floor_p95": [], "tally": []}
    try:
        floor.wait_for(r"^Join at: ")
        room.wait_for(r"^Join at: ")
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=DEADLINE)) as http:
            base = f"http://127.0.0.1:{room_port}"
            # warm both servers' code paths and the client's connection pool
            await burst(http, f"http://127.0.0.1:{floor_port}/api/answer", [({"number": 1}, None)] * n)
            idle = rss_kib(room.proc.pid)
            tokens = []
            for start in range(0, n, 50):
                replies = await asyncio.gather(*(
                    http.post(f"{base}/api/join", json={"code": CODE, "name": f"p{i}"}) for i in range(start, min(n, start + 50))))
                for reply in replies:
                    assert reply.status == 200, reply.status
                    tokens.append((await reply.json())["token"])
            room.wait_for(rf"\({n} joined\)$")
            async with http.get(f"{base}/api/state", headers={"Authorization": f"Bearer {tokens[0]}"}) as r:
                assert r.status == 200
            accepted: dict[tuple[str, int], str] = {}
            line = 0
            for number in range(1, args.questions + 1):
                room.send("n")
                line, _, _ = room.wait_for(rf"^Question {number} of \d+ is open", line)
                async with http.get(f"{base}/api/state", headers={"Authorization": f"Bearer {tokens[0]}"}) as r:
                    options = (await r.json())["question"]["options"]
                floor_times = await burst(http, f"http://127.0.0.1:{floor_port}/api/answer",
                                          [({"number": number, "option": options[0]}, None)] * n)
                result["floor_p95"].append(p95([t for _, _, t in floor_times]))
                choices = [options[i % len(options)] for i in range(n)]
                room_times = await burst(http, f"{base}/api/answer",
                                         [({"number": number, "option": c}, t) for c, t in zip(choices, tokens)])
                last_sent = max(sent for _, sent, _ in room_times)
                _, shown, _ = room.wait_for(rf"^Tally for question {number}: {n} of {n} answered", line)
                result["tally"].append(max(0.0, shown - last_sent))
                result["room_p95"].append(p95([t for _, _, t in room_times]))
                for (status, _, _), choice, token in zip(room_times, choices, tokens):
                    if status == 200:
                        accepted[(token, number)] = choice
                if number == 1:  # the same answers again, all at once: every one refused
                    again = await burst(http, f"{base}/api/answer",
                                        [({"number": 1, "option": options[-1]}, t) for t in tokens])
                    result["second_burst_statuses"] = sorted({s for s, _, _ in again})
                room.send("r")
            result["kib_per_participant"] = (rss_kib(room.proc.pid) - idle) / n
            result["rss_idle_mib"] = idle / 1024
        room.stop()
        db = sqlite3.connect(data / "progress.db")
        by_hash = {hashlib.sha256(t.encode()).hexdigest(): t for t in tokens}
        rows = db.execute("SELECT p.token_hash, a.question, a.answer FROM room_answers a "
                          "JOIN room_participants p ON p.id = a.participant").fetchall()
        stored = {(by_hash[h], q): a for h, q, a in rows}
        result["accepted"] = len(accepted)
        result["lost"] = sum(1 for k, v in accepted.items() if stored.get(k) != v)
        result["double"] = len(rows) - len(stored) + sum(1 for k in stored if k not in accepted)
    finally:
        floor.kill()  # a bare server: nothing to end cleanly, and it does not read stdin
        room.stop()
    return result


async def kills(args: argparse.Namespace, work: Path) -> dict:
    rng = random.Random(args.seed)
    data = work / "kills"
    accepted: dict[tuple[str, int], str] = {}
    tokens: list[str] = []
    for k in range(args.kills):
        port = free_port()
        extra = ["--resume"] if k else ["--code", CODE, "--count", "40", "--seed", "3"]
        room = room_process(data, port, *extra)
        try:
            room.wait_for(r"^Join at: ")
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=DEADLINE)) as http:
                for i in range(10):
                    async with http.post(f"{base}/api/join", json={"code": CODE, "name": f"k{k}-{i}"}) as r:
                        tokens.append((await r.json())["token"])
                room.send("r")
                room.send("n")
                _, _, found = room.wait_for(r"^Question (\d+) of \d+ is open")
                number = int(found.group(1))
                async with http.get(f"{base}/api/state", headers={"Authorization": f"Bearer {tokens[0]}"}) as r:
                    options = (await r.json())["question"]["options"]
                killer = threading.Timer(rng.uniform(0.0, 0.15), room.kill)
                killer.start()

                async def one(token: str) -> None:
                    option = rng.choice(options)
                    try:
                        status, _, _ = await post(http, f"{base}/api/answer", {"number": number, "option": option}, token)
                    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                        return
                    if status == 200:
                        accepted[(token, number)] = option

                await asyncio.gather(*(one(t) for t in tokens))
                killer.join()
        finally:
            room.kill()
    db = sqlite3.connect(data / "progress.db")
    by_hash = {hashlib.sha256(t.encode()).hexdigest(): t for t in tokens}
    stored = {(by_hash[h], q): a for h, q, a in db.execute(
        "SELECT p.token_hash, a.question, a.answer FROM room_answers a JOIN room_participants p ON p.id = a.participant")}
    return {"kills": args.kills, "accepted": len(accepted),
            "lost": sum(1 for key, value in accepted.items() if stored.get(key) != value)}


def merged(runs: list[dict]) -> dict:
    """The figures of several rounds of one subject as one: bursts pooled, counts added."""
    return {
        "room_p95": [x for r in runs for x in r["room_p95"]],
        "floor_p95": [x for r in runs for x in r["floor_p95"]],
        "tally": [x for r in runs for x in r["tally"]],
        "kib_per_participant": max(r["kib_per_participant"] for r in runs),
        "rss_idle_mib": statistics.median(r["rss_idle_mib"] for r in runs),
        "accepted": sum(r["accepted"] for r in runs),
        "lost": sum(r["lost"] for r in runs),
        "double": sum(r["double"] for r in runs),
        "second_burst_statuses": sorted({s for r in runs for s in r["second_burst_statuses"]}),
    }


def ratio(figures: dict) -> tuple[float, float, float]:
    """(median floor p95, median room p95, their ratio) of the bursts in `figures`."""
    floor_p95, room_p95 = statistics.median(figures["floor_p95"]), statistics.median(figures["room_p95"])
    return floor_p95, room_p95, room_p95 / floor_p95


def bar_rows(figures: dict) -> list[tuple[str, str, str, str, str, bool]]:
    floor_p95, room_p95, times = ratio(figures)
    rows = [
        ("answer p95 in a burst (median of bursts)", f"{floor_p95 * 1000:.1f} ms", f"{room_p95 * 1000:.1f} ms",
         f"{times:.2f}x", "<= 1.5x", times <= 1.5),
        ("facilitator tally after the last answer (worst)", "", f"{max(figures['tally']) * 1000:.0f} ms",
         "", "<= 250 ms", max(figures["tally"]) <= 0.25),
        ("memory per participant above idle", "", f"{figures['kib_per_participant']:.0f} KiB", "",
         "< 1024 KiB", figures["kib_per_participant"] < 1024),
        ("answers lost / double-counted", "", f"{figures['lost']} / {figures['double']} of {figures['accepted']}",
         "", "0 / 0", figures["lost"] == 0 and figures["double"] == 0 and figures["accepted"] > 0),
        ("a second burst of the same answers", "", ",".join(map(str, figures["second_burst_statuses"])), "",
         "409 only", figures["second_burst_statuses"] == [409]),
    ]
    if "kill_kills" in figures:
        rows.append((f"kill -9 x{figures['kill_kills']} then --resume: accepted lost", "",
                     f"{figures['kill_lost']} of {figures['kill_accepted']}", "", "0", figures["kill_lost"] == 0))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--compare", type=Path, metavar="OLD_TREE",
                        help="a source tree of another version, played alternately with this one")
    parser.add_argument("--rounds", type=int, default=3, help="with --compare: rounds of each version")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args()
    load = os.getloadavg()
    subjects: dict[str, list[dict]] = {"this tree": []}
    if args.compare:
        subjects["OLD_TREE"] = []
    with tempfile.TemporaryDirectory(prefix="room-bench-", dir=Path.home()) as tmp:
        work = Path(tmp)
        for r in range(args.rounds if args.compare else 1):
            order = list(subjects) if r % 2 == 0 else list(subjects)[::-1]
            for name in order:
                tree = args.compare if name == "OLD_TREE" else None
                subjects[name].append(asyncio.run(round_trip(args, work / f"data-{r}-{len(subjects[name])}-{name[:3]}", tree)))
        figures = merged(subjects["this tree"])
        if args.kills:
            figures.update({f"kill_{k}": v for k, v in asyncio.run(kills(args, work)).items()})
    end_load = os.getloadavg()
    rows = bar_rows(figures)
    print(f"live room, {args.participants} participants, {args.questions} questions; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start, "
          f"{end_load[0]:.2f} {end_load[1]:.2f} {end_load[2]:.2f} at the end, on {os.cpu_count()} cores")
    print(f"room idle RSS {figures['rss_idle_mib']:.1f} MiB; per-burst p95 room "
          f"{[round(x * 1000) for x in figures['room_p95']]} ms, floor {[round(x * 1000) for x in figures['floor_p95']]} ms; "
          f"tally {[round(x * 1000) for x in figures['tally']]} ms")
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'floor':>10}  {'room':>16}  {'ratio':>6}  {'bar':>10}")
    for name, floor, room, times, bar, ok in rows:
        print(f"{name.ljust(width)}  {floor:>10}  {room:>16}  {times:>6}  {bar:>10}  {'PASS' if ok else 'FAIL'}")
    if args.compare:
        print(f"\nalternating rounds, OLD_TREE = {args.compare} (answer p95 as a ratio to its own floor):")
        for name, runs in subjects.items():
            floor_p95, room_p95, times = ratio(merged(runs))
            each = ", ".join(f"{ratio(run)[2]:.2f}x" for run in runs)
            print(f"  {name:<10} floor {floor_p95 * 1000:5.1f} ms  room {room_p95 * 1000:5.1f} ms  "
                  f"ratio {times:.2f}x  (rounds: {each})")
    if args.json:
        args.json.write_text(json.dumps({"load": load, "end_load": end_load, **figures,
                                         "subjects": subjects}, indent=1, default=str), encoding="utf-8")
    return 0 if all(r[-1] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
