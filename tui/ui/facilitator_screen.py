"""Facilitator mode: one question at a time for a projector, revealed when the room is ready.

Nothing is graded by a key press. The facilitator may type in a show of hands per option
(`1`–`5` add a hand), then reveals the answer with `r`: the tally as bars, the right
answer, the rebuttal and the excerpts, large and uncluttered. Nothing is saved to any
participant's progress.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from ..core.engine import Session
from ..core.tally import Tally
from .feedback import WIDE, FeedbackView
from .results_screen import bar
from .keybar import KeyBar
from .messages import FlagItem, GoHome


class FacilitatorScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "facilitator.tcss"
    BINDINGS = [
        Binding("1", "hand(1)", "Add a hand", key_display="1-5", id="fac.hand1",
                tooltip="Add one raised hand to the option with this number."),
        *(Binding(str(n), f"hand({n})", "Add a hand", show=False, key_display="1-5", id=f"fac.hand{n}",
                  tooltip="Add one raised hand to the option with this number.") for n in range(2, 6)),
        Binding("z", "clear", "Clear hands", id="fac.clear", tooltip="Set the show of hands back to zero."),
        Binding("r", "reveal", "Reveal", id="fac.reveal", tooltip="Reveal the answer, the rebuttal and the excerpt."),
        Binding("n", "next", "Next", id="fac.next", tooltip="Go on to the next question."),
        Binding("enter", "next", "Next", show=False, id="fac.enter", tooltip="Go on to the next question."),
        Binding("x", "flag", "Flag", id="fac.flag",
                tooltip="Flag this item for the pack's author with a one-line note."),
        Binding("escape", "leave", "Home", id="fac.leave", tooltip="Leave facilitator mode for the home screen."),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.tally = Tally(session.options())

    def compose(self) -> ComposeResult:
        yield Static(id="fac-status", markup=False)
        with VerticalScroll(id="fac-body"):
            yield Static(id="fac-prompt", markup=False)
            yield Static(id="fac-options", markup=False)
            yield Static(id="fac-answer", markup=False)
            yield FeedbackView(id="feedback")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_question()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < WIDE, "-narrow")

    def show_question(self) -> None:
        s = self.session
        item = s.current
        assert item is not None
        self.tally = Tally(s.options())
        self.query_one("#fac-status", Static).update(Content.assemble(
            (f"Question {s.number} of {s.total}", "bold"), "   Facilitator mode",
            f"   Topic: {s.pack.topic_name(item.topic)}"))
        prompt = f"{item.kind_label}\n\n" + (f"“{item.prompt}”" if item.type == "who-said" else item.prompt)
        self.query_one("#fac-prompt", Static).update(prompt)
        self.query_one("#fac-answer", Static).display = False
        self.query_one("#feedback", FeedbackView).hide(collapse=True)
        self.show_options()
        self.query_one("#fac-body", VerticalScroll).scroll_home(animate=False)
        self.query_one("#fac-body").focus()
        self.refresh_bindings()

    def show_options(self) -> None:
        s = self.session
        revealed = s.feedback is not None
        answer = s.current.answer if s.current else ""
        width = max(len(o) for o in self.tally.options) + 4
        lines = []
        for n, option in enumerate(self.tally.options, 1):
            label = f"{n}. {option}".ljust(width)
            hands = self.tally.hands[n - 1]
            if revealed:
                mark = "✓" if option == answer else " "
                counts = (f"  {bar(hands, self.tally.total)}  {hands} ({self.tally.share(n - 1)}%)"
                          if self.tally.total else "")
                suffix = "  ← right answer" if option == answer else ""
                lines.append(f"{mark} {label}{counts}{suffix}")
            else:
                lines.append(f"  {label}  hands: {hands}" if self.tally.total else f"  {label}")
        if not revealed:
            lines.append("")
            lines.append("Type 1–5 to count raised hands, then r to reveal." if not self.tally.total
                         else f"{self.tally.total} hands counted. r reveals the answer.")
        self.query_one("#fac-options", Static).update("\n".join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        revealed = self.session.feedback is not None
        if action == "hand":
            return not revealed and int(str(parameters[0])) <= len(self.tally.options)
        if action in ("clear", "reveal"):
            return not revealed
        if action == "next":
            return revealed
        return True

    def action_hand(self, number: int) -> None:
        if self.session.feedback is None and self.tally.add(number):
            self.show_options()

    def action_clear(self) -> None:
        self.tally.clear()
        self.show_options()

    def action_reveal(self) -> None:
        s = self.session
        if s.feedback is not None:
            return
        feedback = s.reveal()
        self.show_options()
        answer = self.query_one("#fac-answer", Static)
        answer.update(Content.assemble((feedback.right_answer_line, "bold")))
        answer.display = True
        view = self.query_one("#feedback", FeedbackView)
        view.show(feedback)
        view.query_one("#verdict").display = False
        view.display = True
        self.refresh_bindings()

    def action_next(self) -> None:
        s = self.session
        if s.feedback is None:
            return
        s.next()
        if s.finished:
            self.post_message(GoHome())
        else:
            self.show_question()

    def action_flag(self) -> None:
        self.post_message(FlagItem(self.session.current or self.session.items[-1]))

    def action_leave(self) -> None:
        self.post_message(GoHome())
