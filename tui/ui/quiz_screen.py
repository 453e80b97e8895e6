"""The quiz: one question at a time, then the feedback beside the source excerpt."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from ..engine import Session
from .choices import Choices
from .feedback import WIDE, FeedbackView
from .keybar import KeyBar


class QuizScreen(Screen[None]):
    """Asks the questions of a `Session`; the session keeps score, this screen shows it."""

    BINDINGS = [
        Binding("m", "answer('Myth')", "Myth", id="quiz.myth", tooltip="Answer: it is a myth."),
        Binding("f", "answer('Fact')", "Fact", id="quiz.fact", tooltip="Answer: it is a fact."),
        Binding("1", "pick(1)", "Pick", key_display="1-5", id="quiz.pick1",
                tooltip="Pick the option with this number."),
        Binding("2", "pick(2)", "Pick", show=False, key_display="1-5", id="quiz.pick2",
                tooltip="Pick the option with this number."),
        Binding("3", "pick(3)", "Pick", show=False, key_display="1-5", id="quiz.pick3",
                tooltip="Pick the option with this number."),
        Binding("4", "pick(4)", "Pick", show=False, key_display="1-5", id="quiz.pick4",
                tooltip="Pick the option with this number."),
        Binding("5", "pick(5)", "Pick", show=False, key_display="1-5", id="quiz.pick5",
                tooltip="Pick the option with this number."),
        Binding("up", "move(-1)", "Move", show=False, priority=True, id="quiz.up",
                tooltip="Highlight the option above."),
        Binding("down", "move(1)", "Move", show=False, priority=True, id="quiz.down",
                tooltip="Highlight the option below."),
        Binding("enter", "enter", "Pick / Next", show=False, id="quiz.enter",
                tooltip="Pick the highlighted option; after the answer, go on."),
        Binding("n", "next", "Next", id="quiz.next", tooltip="Go on to the next question."),
        Binding("s", "source", "Source", id="quiz.source",
                tooltip="Read the source document at this excerpt."),
        Binding("x", "flag", "Flag", id="quiz.flag",
                tooltip="Flag this item for the pack's author with a one-line note."),
        Binding("escape", "leave", "Home", id="quiz.leave",
                tooltip="Leave the quiz for the home screen (asks first)."),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with VerticalScroll(id="quiz-body"):
            yield Static(id="kind", markup=False)
            yield Static(id="prompt", markup=False)
            yield Choices(id="options")
            yield FeedbackView(id="feedback")
        yield KeyBar()

    def on_mount(self) -> None:
        # Focus stays on the scrolling body: answering never moves it (which would restyle
        # the screen); the options follow the screen's own keys.
        self.query_one("#quiz-body", VerticalScroll).focus()
        self.show_question()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < WIDE, "-narrow")

    # ---- drawing ----

    def show_status(self) -> None:
        s = self.session
        item = s.current or s.items[-1]
        self.query_one("#status", Static).update(
            Content.assemble(
                (f"Question {s.number} of {s.total}", "bold"),
                f"   Score: {s.score} of {len(s.records)}   Streak: {s.streak}",
                f"   Topic: {s.pack.topic_name(item.topic)}",
            ),
            layout=False,  # one line, always
        )

    def show_question(self) -> None:
        s = self.session
        item = s.current
        assert item is not None
        self.show_status()
        self.query_one("#kind", Static).update(Content.assemble((item.kind_label, "bold")))
        prompt = self.query_one("#prompt", Static)
        prompt.set_class(item.type == "who-said", "quotation")
        prompt.update(f"“{item.prompt}”" if item.type == "who-said" else item.prompt)
        self.query_one("#options", Choices).ask(s.options())
        self.query_one("#feedback", FeedbackView).hide()
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def show_feedback(self) -> None:
        """The verdict first, alone in its frame: it answers the key just pressed. The
        marks on the options, the score, the keys and the explanation beside the excerpts
        follow in the next frame (a sixtieth of a second later)."""
        feedback = self.session.feedback
        assert feedback is not None
        self.query_one("#feedback", FeedbackView).show(feedback, then=self._settle_feedback)

    def _settle_feedback(self) -> None:
        feedback = self.session.feedback
        assert feedback is not None
        self.show_status()
        marks = []
        for text in self.session.options():
            notes = []
            if text == feedback.item.answer:
                notes.append("right answer")
            if text == feedback.given:
                notes.append("your answer")
            mark = "✓" if text == feedback.item.answer else ("✗" if text == feedback.given else " ")
            marks.append((mark, ", ".join(notes)))
        self.query_one("#options", Choices).mark(marks)
        self.refresh_bindings()
        # No option is highlighted now: the cursor goes to the top of the screen's text.
        self.app.cursor_position = self.query_one("#status", Static).region.offset

    # ---- actions ----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.session
        item = s.current
        if action == "answer":
            return s.awaiting_answer and item is not None and item.type == "myth-or-fact"
        if action == "pick":
            return s.awaiting_answer and int(parameters[0]) <= len(s.options())  # type: ignore[arg-type]
        if action in ("next", "source"):
            return s.feedback is not None
        if action == "move":
            return s.awaiting_answer  # after the answer, arrows scroll the feedback
        return True

    def action_answer(self, option: str) -> None:
        self.give(option)

    def action_pick(self, number: int) -> None:
        options = self.session.options()
        if 1 <= number <= len(options):
            self.give(options[number - 1])

    def action_move(self, step: int) -> None:
        self.query_one("#options", Choices).move(step)

    def action_enter(self) -> None:
        if self.session.awaiting_answer:
            self.action_pick(self.query_one("#options", Choices).highlighted + 1)
        else:
            self.action_next()

    def give(self, option: str) -> None:
        if not self.session.awaiting_answer:
            return
        self.session.answer(option)
        self.app.record_answer(self.session)  # type: ignore[attr-defined]
        self.show_feedback()

    def action_next(self) -> None:
        s = self.session
        if s.feedback is None:
            return
        s.next()
        if s.finished:
            self.app.finish_quiz(s)  # type: ignore[attr-defined]
        else:
            self.show_question()

    def action_source(self) -> None:
        """The reader over the quiz; Esc there comes back to this very feedback."""
        if self.session.feedback is not None:
            self.app.open_reader(self.session.feedback.item)  # type: ignore[attr-defined]

    def action_flag(self) -> None:
        self.app.flag_item(self.session.current or self.session.items[-1])  # type: ignore[attr-defined]

    def action_leave(self) -> None:
        self.app.leave_quiz(self.session)  # type: ignore[attr-defined]
