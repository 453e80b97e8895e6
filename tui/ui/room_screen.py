"""The live room's facilitator screen: what to put on the projector.

The room code, the join URL and a QR code of it, the number joined, and the live tally of
the open question as bars with numbers and words (never colour alone), redrawn as soon as
an answer arrives. Keys: r reveal (the verdict, whose verdict, the explanation and the
excerpts; on a pre question of --pre-post it only closes answering), n next question, c
close answering, v vote again (a second round on the same question after discussion; the
first round's tally stays on this screen only), h hide or show the first round's bars
until the reveal (for a projected room: seeing the first vote biases the second), t add
time (with --timer), s the source reader, q end the room (asks first). At the end the
class report is written and shown.

The key bar drops keys from the right when the terminal is narrow, so Reveal comes first
and every label is short: at 80 columns r, q and ? are always on it. The status line is
fitted to the width: a shorter form first, then whole words cut with an ellipsis.
"""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any, Awaitable, Callable, Coroutine

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..core.wording import BAR
from ..core.explain import question_text
from ..core.room import Room
from ..core.room_results import final_figures, gain_wording
from ..core.room_view import Tally
from rich.cells import cell_len
from .app import MythQuizApp
from .keybar import KeyBar
from .results_screen import bar

TICK = 0.25  # seconds between countdown checks
BAR_CELLS = 20  # a tally bar's width where the screen has room


def qr_text(url: str) -> str:
    """The URL as a QR code in half-block characters (two modules per character cell)."""
    import segno

    out = io.StringIO()
    segno.make(url, error="l", micro=False).terminal(out=out, compact=True, border=2)
    return out.getvalue().rstrip("\n")


def tally_lines(room: Room, hide_first: bool = False, width: int = 80) -> list[str]:
    """Bars with numbers and words for each option; ✓ marks the right answer once revealed.
    In a second round, its bars come first and the first round's after them (this screen
    only). `hide_first`: the first round's bars are left out until the reveal, its count
    of answers kept. The bars shrink (to 5 cells at least) so a line fits in `width`."""
    tally = room.tally()
    if not tally.number:
        return [f"{tally.joined} joined. Press n to open the first question."]
    hidden = hide_first and room.phase not in ("revealed", "ended")
    first = room.tally(1)
    first_lines = ([f"Answered: {first.answered} of {first.joined} joined", "",
                    "First round's bars hidden until the reveal (h shows them)."] if hidden
                   else bars(room, first, width))
    if tally.round == 2:
        return ["Second round (after discussion):", *bars(room, tally, width), "",
                "First round (before discussion):", *first_lines]
    return first_lines


def fit_words(text: str, width: int) -> str:
    """`text` in `width` cells: whole words, then `…` if some were left out."""
    if cell_len(text) <= width:
        return text
    words = text.split(" ")
    while words and cell_len(" ".join(words) + "…") > width:
        words.pop()
    return (" ".join(words).rstrip(",·") + "…") if words else "…"


def status_line(room: Room, width: int) -> str:
    """The status line in `width` cells: the room, who joined, the question, its part and
    phase; a shorter form where the full one does not fit, whole words cut with `…` last."""
    left = room.seconds_left()
    timer = f"{left} s left" if left is not None else ""
    if not room.current:
        forms = [[f"Room {room.code}", f"{len(room.participants)} joined", f"{room.total} questions, not started",
                  timer]]
    else:
        part = {"pre": "pre question", "post": "post question"}.get(room.part(), "")
        second = "round 2" if room.round == 2 else ""
        forms = [
            [f"Room {room.code}", f"{len(room.participants)} joined",
             ", ".join(w for w in (f"Question {room.current} of {room.total}", part, room.phase, second) if w), timer],
            [f"Room {room.code}", f"{len(room.participants)} joined", f"Q{room.current}/{room.total}",
             ", ".join(w for w in (part.replace(" question", ""), room.phase, second) if w), timer],
        ]
    texts = ["   ".join(p for p in forms[0] if p)] + [" · ".join(p for p in form if p) for form in forms]
    return next((t for t in texts if cell_len(t) <= width), fit_words(texts[-1], width))


def bars(room: Room, tally: Tally, room_for: int = 80) -> list[str]:
    revealed = room.phase in ("revealed", "ended") and not room.holds_back
    answer = room.item.answer if room.item is not None else ""
    width = max(len(f"{n}. {o}") for n, o in enumerate(tally.options, 1)) + 2
    # mark, label, bar, "  99 (100%)": the bar gives way first on a narrow screen
    long = max(BAR_CELLS, 5) if room_for >= 2 + width + 1 + BAR_CELLS + 12 else max(5, room_for - width - 15)
    lines = [f"Answered: {tally.answered} of {tally.joined} joined", ""]
    for n, (option, count) in enumerate(zip(tally.options, tally.counts), 1):
        mark = "✓" if revealed and option == answer else " "
        words = "  ← right answer" if revealed and option == answer else ""
        lines.append(f"{mark} {f'{n}. {option}'.ljust(width)} {bar(count, tally.answered, long)}  "
                     f"{count} ({tally.share(n - 1)}%){words}")
    return lines


def reveal_text(payload: dict[str, Any]) -> str:
    lines = [payload["line"]]
    lines += [text for text in (payload["party"], payload["by_source"] and f"Whose verdict: {payload['by_source']}.",
                                payload["claimed_by"]) if text]
    if payload["claim"]:
        lines += excerpt_lines(payload["claim"])
    lines += ["", f"Explanation: {payload['explanation']}"]
    if payload["sides"]:  # a disputed item: each side under who takes it
        for side in payload["sides"]:
            lines += ["", f"{side['heading']}:"]
            for ex in side["excerpts"]:
                lines += excerpt_lines(ex)[1:]
    else:
        for ex in payload["excerpts"]:
            lines += excerpt_lines(ex)
    return "\n".join(lines)


def excerpt_lines(ex: dict[str, Any]) -> list[str]:
    """A blank line, the excerpt's label (a side's excerpts have none: the side's heading
    says who), its quote behind a bar, its source."""
    where = f", line {ex['line']}" if ex["line"] else ""
    who = f"{ex['said_by']}, quoted in " if ex["said_by"] else ""
    label = [f"{ex['label']}:"] if ex["label"] else []
    return ["", *label, *(BAR + part for part in ex["text"].split("\n")),
            f"Source: {who}{ex['source']}{where}."]


class RoomScreen(Screen[None]):
    CSS_PATH = Path(__file__).parent / "room.tcss"
    # Reveal first: a narrow key bar drops keys from the right.
    BINDINGS = [
        Binding("r", "reveal", "Reveal", id="room.reveal",
                tooltip="Close answering and show everyone the verdict and the evidence."),
        Binding("n", "next", "Next", id="room.next", tooltip="Open the next question for answers."),
        Binding("c", "close", "Close", id="room.close", tooltip="Stop taking answers to this question."),
        Binding("v", "revote", "Revote", id="room.revote",
                tooltip="Open a second round on this question: participants discuss, then answer again."),
        Binding("h", "hide_first", "Round 1 bars", id="room.hide_first",
                tooltip="Hide or show the first round's bars on this screen until the reveal (for a projector)."),
        Binding("t", "extend", "Add time", id="room.extend", tooltip="Add another countdown period."),
        Binding("s", "source", "Source", id="room.source", tooltip="Open the source reader at this question's evidence."),
        Binding("q", "end", "End room", id="room.end", tooltip="End the room and write the class report (asks first)."),
    ]

    def __init__(self, room: Room, join_url: str, finish: Callable[[], list[Path]] | None = None) -> None:
        super().__init__()
        self.room = room
        self.join_url = join_url
        self.finish = finish
        self.report_paths: list[Path] | None = None
        self.hide_first = False  # h: the first round's bars hidden until the reveal

    def compose(self) -> ComposeResult:
        yield Static(id="room-status", markup=False)
        with VerticalScroll(id="room-body"):
            with Horizontal(id="room-join"):
                yield Static(qr_text(self.join_url + f"?code={self.room.code}"), id="room-qr", markup=False)
                yield Static(id="room-how", markup=False)
            yield Static(id="room-question", markup=False)
            yield Static(id="room-tally", markup=False)
            yield Static(id="room-reveal", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.room.subscribe(self.on_room_event)
        self.set_interval(TICK, self.tick)
        self.show()

    def on_room_event(self, event: str, detail: Any) -> None:
        # Called in the server's handler, on this same event loop: redraw at once.
        if self.is_mounted:
            self.show()

    def on_resize(self) -> None:
        self.show()

    def tick(self) -> None:
        if self.room.check_timer() or self.room.deadline is not None:
            self.show()

    # ---- drawing ----

    def show(self) -> None:
        room = self.room
        item = room.item
        status = self.query_one("#room-status", Static)
        status.update(status_line(room, status.content_size.width or self.app.size.width - 2))
        self.set_class(self.app.size.height < 30, "-short")
        self.query_one("#room-how", Static).update(
            f"Join at: {self.join_url}\nRoom code: {room.code}\n\n"
            "Scan the code or open the address, then type the room code and any nickname.\n\n"
            f"{len(room.participants)} joined")
        joined_view = room.current == 0 or room.phase == "ended"
        self.query_one("#room-join").display = joined_view or self.size.height >= 60
        question = self.query_one("#room-question", Static)
        if item is not None:
            question.update(f"Question {room.current} of {room.total} · {item.kind_label} · "
                            f"Topic: {room.pack.topic_name(item.topic)}\n\n{question_text(item)}")
        else:
            question.update("Waiting to start: participants can join now.")
        lines = tally_lines(room, self.hide_first, self.query_one("#room-tally", Static).content_size.width or 80)
        if room.holds_back:
            lines += ["", "A pre question: its answer is not revealed now; it is asked again at the end."
                      + (" c or r closes answering." if room.phase == "open" else " n opens the next question.")]
        elif room.phase == "revealed":
            final = final_figures(room, room.current)  # the plain mode's reveal line, the report's figure
            lines += ["", f"Right: {final['right']} of {final['answered']} ({final['percent']}%)"
                      + (", counting each participant's final answer." if room.round == 2 else ".")]
        elif room.phase == "closed":
            lines += ["", "Answering is closed. " + ("v opens a second round after discussion, " if room.can_revote
                                                      else "") + "r reveals."]
        elif room.phase == "open":
            lines += ["", "Answering is open. c closes it, " + ("v opens a second round, " if room.can_revote
                                                                else "") + "r reveals."]
        if room.leaderboard and room.phase in ("revealed", "ended"):
            lines += ["", "Leaderboard:", *(f"{n}. {r['name']}: {r['points']} point{'s' if r['points'] != 1 else ''} ({r['right']} right)"
                                             for n, r in enumerate(room.leaderboard_rows(), 1))]
        if room.phase == "ended":
            lines = self.report_lines()
        self.query_one("#room-tally", Static).update("\n".join(lines))
        reveal = self.query_one("#room-reveal", Static)
        reveal.display = room.phase == "revealed"
        if room.phase == "revealed":
            reveal.update(reveal_text(room.revealed(room.current)))
        self.refresh_bindings()

    def report_lines(self) -> list[str]:
        report = self.room.report()
        lines = [f"The room has ended: {report['joined']} joined.", ""]
        for q in report["questions"]:
            given = ", ".join(f"{o}: {c}" for o, c in q["answers"])
            part = " (post)" if q["part"] == "post" else ""
            lines.append(f"Question {q['number']}{part}: {q['right']} of {q['answered']} right ({q['percent']}%). "
                         f"{given}")
            if q["switches"] is not None:
                one, s = q["rounds"][0], q["switches"]
                lines.append(f"  First round {one['right']} of {one['answered']} right ({one['percent']}%); "
                             f"switched wrong → right {s['wrong_to_right']}, right → wrong {s['right_to_wrong']}.")
        for q in report["missed"]:
            lines.append(f"Most missed: question {q['number']}: {q['reveal']['line']}")
        figures = report["pre_post"]
        if figures is not None:
            words = gain_wording(figures)
            lines += ["", f"Before and after: {words['intro']}",
                      *(f"{name}: {line}." for name, line in words["people"]),
                      words["average"], words["before"], words["after"]]
        if self.report_paths:
            lines += ["", *(f"Class report: {p}" for p in self.report_paths)]
        lines += ["", "Press q to leave."]
        return lines

    # ---- keys ----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        room = self.room
        if room.phase == "ended":
            return action == "end"
        if action == "next":
            return not room.last
        if action == "close":
            return room.phase == "open"
        if action == "reveal":  # on a pre question it only closes answering; shown dimmed when it cannot
            return (room.phase == "open" if room.holds_back else room.phase in ("open", "closed")) or None
        if action == "revote":
            return room.can_revote
        if action == "extend":
            return bool(room.timer) and room.phase == "open"
        if action == "source":
            return room.item is not None
        if action == "hide_first":  # after the reveal every bar is shown
            return room.phase != "revealed"
        return True

    def action_hide_first(self) -> None:
        self.hide_first = not self.hide_first
        self.notify("First round's bars hidden until the reveal." if self.hide_first
                    else "First round's bars shown.", timeout=2)
        self.show()

    def action_next(self) -> None:
        self.room.open_next()
        self.query_one("#room-body", VerticalScroll).scroll_home(animate=False)
        self.show()

    def action_close(self) -> None:
        self.room.close()
        self.show()

    def action_revote(self) -> None:
        self.room.revote()
        self.show()

    def action_reveal(self) -> None:
        self.room.reveal()
        self.show()

    def action_extend(self) -> None:
        self.room.extend()
        self.show()

    def action_source(self) -> None:
        from .reader_screen import ReaderScreen

        self.app.push_screen(ReaderScreen(self.room.pack, self.room.item))

    def action_end(self) -> None:
        if self.room.phase == "ended":
            self.app.exit(0)
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.end_room()

        self.app.push_screen(ConfirmScreen("End the room?",
                                           "Participants can no longer answer; the class report is written."),
                             answered)

    def end_room(self) -> None:
        self.room.end()
        if self.finish is not None and self.report_paths is None:
            self.report_paths = self.finish()
        self.show()


class RoomApp(MythQuizApp):
    """The mythquiz app with the room's screen as its only screen (and the source reader)."""

    def __init__(self, room: Room, join_url: str, finish: Callable[[], list[Path]] | None = None,
                 theme: str | None = None) -> None:
        super().__init__(room.pack, start="room", theme=theme)
        self.room = room
        self.join_url = join_url
        self.finish = finish

    def get_default_screen(self) -> Screen:
        return Screen()

    def _open_start(self) -> None:
        self.push_screen(RoomScreen(self.room, self.join_url, self.finish))
        self.check_size()

    def action_quit_app(self) -> None:
        screen = next((s for s in self.screen_stack if isinstance(s, RoomScreen)), None)
        if screen is not None and self.room.phase != "ended":
            screen.action_end()
        else:
            self.exit(0)


def run_room_app(room: Room, join_url: str, serve: Callable[[Callable[[], Awaitable[Any]]], Coroutine[Any, Any, None]],
                 finish: Callable[[], list[Path]], theme: str | None = None) -> int:
    """Run the facilitator's screen and the room's server on one event loop."""
    app = RoomApp(room, join_url, finish, theme)
    asyncio.run(serve(app.run_async))
    return app.return_code or 0
