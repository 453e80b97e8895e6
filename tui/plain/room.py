"""Plain mode of the live room's facilitator: lines on stdout, commands on stdin.

For a facilitator using a screen reader, and for scripts. Prints `Room code: CODE` and
`Join at: URL`, then one line per event (a participant joined, the tally changed, a
question opened, closed or was revealed). Reads one command per line: `n` open the next
question, `c` close answering, `v` open a second round on the same question (peer
re-vote: participants discuss, then answer again; the first round's tally is printed here
only), `r` reveal (on a pre question of `--pre-post`: close it, nothing revealed), `t` add
time (with `--timer`), `q` end the room. End of input ends the room as `q` does.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import Any, Callable, TextIO

from ..core.room import Room
from ..core.room_results import final_figures, gain_wording
from ..core.room_view import Tally

HELP = ("Commands: n next question, c close answering, v vote again after discussion (a second round), "
        "r reveal, q end the room.")


def tally_line(tally: Tally) -> str:
    """The tally in words and numbers: who answered, and how many chose each option."""
    if not tally.number:
        return f"{tally.joined} joined; no question open yet."
    parts = "; ".join(f"{option}: {count} ({tally.share(i)}%)"
                      for i, (option, count) in enumerate(zip(tally.options, tally.counts)))
    which = f", round {tally.round}" if tally.round == 2 else ""
    return (f"Tally for question {tally.number}{which}: {tally.answered} of {tally.joined} answered"
            + (f". {parts}." if tally.answered else "."))


def leaderboard_line(room: Room) -> str:
    rows = room.leaderboard_rows()
    return "Leaderboard: " + ("; ".join(f"{n}. {r['name']} {r['points']}" for n, r in enumerate(rows, 1))
                              or "nobody has joined") + "."


def report_lines(report: dict[str, Any]) -> list[str]:
    lines = [f"Class report for room {report['code']}: {report['joined']} joined."]
    for q in report["questions"]:
        given = ", ".join(f"{option} {count}" for option, count in q["answers"])
        part = ", post" if q["part"] == "post" else ""
        lines.append(f"Question {q['number']} ({q['item'].id}{part}): {q['right']} of {q['answered']} right "
                     f"({q['percent']}%). Answers: {given}.")
        if q["switches"] is not None:
            lines.append(revote_line(q))
    for q in report["missed"]:
        lines.append(f"Most missed: question {q['number']}: {q['reveal']['line']}")
    return lines + pre_post_lines(report["pre_post"])


def revote_line(q: dict[str, Any]) -> str:
    """A two-round question in one line: each round's share right, and who switched."""
    one, two = q["rounds"]
    s = q["switches"]
    return (f"Question {q['number']} in two rounds: first {one['right']} of {one['answered']} right "
            f"({one['percent']}%), second {two['right']} of {two['answered']} ({two['percent']}%); "
            f"of {s['both']} who answered both, {s['wrong_to_right']} switched wrong to right and "
            f"{s['right_to_wrong']} right to wrong.")


def pre_post_lines(figures: dict[str, Any] | None) -> list[str]:
    """Before and after: each participant's pre and post share right and gain, the class's
    average gain, discernment and lean before and after."""
    if figures is None:
        return []
    words = gain_wording(figures)
    return [f"Before and after: {words['intro']}", *(f"{name}: {line}." for name, line in words["people"]),
            words["average"], f"{words['before']} {words['after']}"]


class PlainFacilitator:
    """Runs the facilitator's side of a `Room` over text streams."""

    def __init__(self, room: Room, join_url: str, *, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, finish: Callable[[], list[Path]] | None = None) -> None:
        self.room = room
        self.join_url = join_url
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.finish = finish
        room.subscribe(self.on_event)

    def say(self, line: str = "") -> None:
        self.stdout.write(line + "\n")
        self.stdout.flush()

    def on_event(self, event: str, detail: Any) -> None:
        room = self.room
        if event == "joined":
            self.say(f"Joined: {detail} ({len(room.participants)} joined)")
        elif event == "answered":
            self.say(tally_line(room.tally()))

    # ---- commands ----

    def command(self, text: str) -> bool:
        """Carry out one command; False when the room has ended."""
        room = self.room
        command = text.strip().lower()
        if command == "q":
            return False
        if command == "n":
            if room.open_next():
                item = room.item
                assert item is not None
                from ..core.explain import question_text

                options = "; ".join(f"{n}. {o}" for n, o in enumerate(room.options[room.current - 1], 1))
                timer = f" Time: {room.seconds_left()} seconds." if room.deadline is not None else ""
                part = {"pre": " (a pre question: r closes it, nothing is revealed)",
                        "post": " (a pre question asked again)"}.get(room.part(), "")
                self.say(f"Question {room.current} of {room.total} is open{part}: {question_text(item)} "
                         f"Options: {options}.{timer}")
                self.say(tally_line(room.tally()))
            elif room.current >= room.total:
                self.say("That was the last question: q ends the room and writes the class report.")
        elif command == "c":
            if room.close():
                self.say(f"Answering closed for question {room.current}. {tally_line(room.tally())}")
            else:
                self.say("No question is open: n opens the next one.")
        elif command == "v":
            self.revote()
        elif command == "r" and room.holds_back and room.phase in ("open", "closed"):
            room.reveal()  # a pre question: closed, never revealed
            self.say(f"Question {room.current} is a pre question: answering closed, nothing revealed. "
                     f"It is asked again at the end and revealed then. {tally_line(room.tally())}")
        elif command == "r":
            if room.reveal():
                verdict = room.revealed(room.current)
                final = final_figures(room, room.current)  # each participant's final answer, once
                self.say(f"Revealed question {room.current}: {verdict['line']} "
                         f"Right: {final['right']} of {final['answered']} ({final['percent']}%).")
                if room.leaderboard:
                    self.say(leaderboard_line(room))
            else:
                self.say("Nothing to reveal: n opens the next question.")
        elif command == "t":
            if room.extend():
                self.say(f"Time added: {room.seconds_left()} seconds left.")
            else:
                self.say("No countdown is running (start the room with --timer SECONDS).")
        elif command:
            self.say(f"Unknown command {command[:20]!r}. {HELP}")
        return True

    def revote(self) -> None:
        """v: a second round on the same question, after discussion."""
        room = self.room
        first = room.tally(1)
        if room.revote():
            self.say(f"Second round open for question {room.current}: participants discuss with their "
                     "neighbours and answer again. First round (shown here only, not to participants): "
                     + tally_line(first))
        elif room.phase in ("open", "closed") and room.part() != "workshop":
            self.say(f"Question {room.current} is a {room.part()} question: it has one round only.")
        elif room.phase in ("open", "closed"):
            self.say(f"Question {room.current} is already in its second round: r reveals.")
        else:
            self.say("No question to vote on again: v works after answering, before the reveal.")

    # ---- the loop ----

    async def _lines(self, queue: asyncio.Queue[str]) -> None:
        """Read stdin in a daemon thread: a pending read never holds up the end."""
        loop = asyncio.get_running_loop()

        def read() -> None:
            while True:
                try:
                    line = self.stdin.readline()
                except (OSError, ValueError):
                    line = ""
                loop.call_soon_threadsafe(queue.put_nowait, line)
                if not line:
                    return

        threading.Thread(target=read, name="room-stdin", daemon=True).start()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(0.25)
            if self.room.check_timer():
                self.say(f"Time is up: answering closed for question {self.room.current}. "
                         f"{tally_line(self.room.tally())}")

    async def run(self) -> None:
        room = self.room
        self.say(f"Room code: {room.code}")
        self.say(f"Join at: {self.join_url}")
        parts = (f" ({room.pre_post} pre, {room.total - 2 * room.pre_post} workshop, {room.pre_post} post)"
                 if room.pre_post else "")
        self.say(f"{room.total} questions{parts}. {HELP}"
                 + (" t adds time." if room.timer else ""))
        if room.phase != "lobby":
            self.say(f"Resumed at question {room.current} of {room.total} ({room.phase}"
                     + (", second round" if room.round == 2 else "") + "); "
                     f"{len(room.participants)} joined.")
            self.say(tally_line(room.tally()))
        queue: asyncio.Queue[str] = asyncio.Queue()
        await self._lines(queue)
        ticker = asyncio.create_task(self._tick())
        try:
            while True:
                line = await queue.get()
                if not line or not self.command(line):
                    break
        finally:
            ticker.cancel()
        room.end()
        self.say(f"Room {room.code} has ended: {len(room.participants)} joined.")
        if self.finish is not None:
            for path in self.finish():
                self.say(f"Class report: {path}")
        for line in report_lines(room.report()):
            self.say(line)
