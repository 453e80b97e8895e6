"""The quiz: one question at a time, then the feedback beside the source excerpt."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.geometry import Offset
from textual.screen import Screen
from textual.widgets import Static

from ..core.answers import PRE, Feedback
from ..core.engine import Session
from ..core.selection import shuffled_options
from ..core.certainty_marks import CERTAINTY_MARKS, CERTAINTY_NAMES, signed
from .cursor import place
from .feedback import WIDE, possible_verdicts, verdict_content, verdict_key
from .keybar import KeyBar
from .quiz_body import QuizBody
from .status_line import StatusLine, shorten
from .messages import AnswerRecorder, FlagItem, LeaveQuiz, OpenReader, QuizFinished


def _sure(level: int) -> Binding:
    right, wrong = CERTAINTY_MARKS[level]
    return Binding(str(level), f"sure({level})", "How sure", show=level == 1, key_display="1-3",
                   id=f"quiz.sure{level}",
                   tooltip=f"After the answer: {CERTAINTY_NAMES[level]} (right {signed(right, True)}, wrong "
                           f"{signed(wrong)}); the verdict follows.")


TAKE_BACK = Binding("escape", "take_back", "Take back", id="quiz.take-back",
                    tooltip="Take the answer back before saying how sure you are.")


class CertaintyKeys:
    """The keys of certainty-based marking, for help while no answer waits for them."""

    BINDINGS = [_sure(1), _sure(2), _sure(3), TAKE_BACK]


class CertaintyPrompt(Static):
    """One line under the question in certainty-based marking: what to press now."""

    DEFAULT_CSS = """
    CertaintyPrompt {
        height: auto;
        padding: 0 1 0 2;
        text-style: bold;
    }
    """


PROMPT = "How sure are you? " + ", ".join(f"{n} {name}" for n, name in CERTAINTY_NAMES.items())


class QuizScreen(Screen[None]):
    """Asks the questions of a `Session`; the session keeps score, this screen shows it."""

    BINDINGS = [
        Binding("m", "answer('Myth')", "Myth", id="quiz.myth", tooltip="Answer: it is a myth."),
        Binding("f", "answer('Fact')", "Fact", id="quiz.fact", tooltip="Answer: it is a fact."),
        Binding("d", "answer('Disputed')", "Disputed", id="quiz.disputed",
                tooltip="Answer: the sources disagree on it."),
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
        # With certainty-based marking, once an answer is chosen: a key runs the first of
        # its bindings that is enabled, and pick / leave are not while the answer waits.
        *CertaintyKeys.BINDINGS,
    ]

    def __init__(self, session: Session, recorder: AnswerRecorder | None = None) -> None:
        super().__init__()
        self.session = session
        self.recorder = recorder  # saves each answer before its verdict is drawn
        self.pending: str | None = None  # an answer chosen, waiting for how sure (certainty mode)

    @property
    def HELP_ALSO(self):  # noqa: N802 (read by help_rows like a class attribute)
        if self.pending is not None:
            return ()  # the keys are live: help lists them with the others
        heading = ("After an answer: how sure you are" if self.session.certainty
                   else "With certainty-based marking (--certainty), after an answer:")
        return ((heading, CertaintyKeys),)

    HELP_NOTES = ("The summary's d′ (discernment) says how well myths were told from facts (0 is chance; only "
                  "when both myths and facts were answered); c (bias) which way answers lean (below 0: quick to "
                  "say myth, above 0: quick to say fact).",)

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield QuizBody(id="quiz-body")
        if self.session.certainty or self.session.pre_post:
            yield CertaintyPrompt(id="certainty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        # Focus stays on the scrolling body: answering never moves it (which would restyle
        # the screen); the options follow the screen's own keys.
        self.body.focus()
        self.show_question()
        # In idle time after it, the verdicts this question can get.
        self.set_timer(0.1, lambda: self._prepare(self.session.index))

    def _prepare(self, index: int) -> None:
        """Build question `index` and its possible verdicts ahead of need, in idle time."""
        s = self.session
        if index >= s.total or not self.is_attached:
            return
        item = s.items[index]
        if s.phase(index) == PRE:
            verdicts = {}
        elif s.asks_certainty(index):
            verdicts = {verdict_key(item.id, f"{option}\n{level}"): verdict_content(feedback)
                        for level in CERTAINTY_NAMES
                        for option, feedback in s.possible_verdicts(index, level).items()}
        else:
            verdicts = possible_verdicts(s, index)
        self.body.prepare(item.kind_label, item.prompt, shuffled_options(item, s.seed),
                          quotation=item.type == "who-said", verdicts=verdicts)
        self.query_one("#status", StatusLine).prepare(self.status_content(index))

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < WIDE, "-narrow")

    @property
    def body(self) -> QuizBody:
        return self.query_one("#quiz-body", QuizBody)

    # ---- drawing ----

    def status_content(self, number: int | None = None) -> Content:
        """The status line for question `number` (0-based; default the current one)."""
        s = self.session
        index = s.index if number is None else number
        item = s.items[min(index, s.total - 1)]
        heading = f"Question {min(index + 1, s.total)} of {s.total}"
        phase = s.phase(index)
        if s.pre_post:
            heading += " (before)" if phase == PRE else " (again)" if phase == "post" else ""
        score = f"   Score: {s.score} of {s.shown_answers}   Streak: {s.streak}   Topic: "
        topic = s.pack.topic_name(item.topic)
        room = self.query_one("#status", StatusLine).room
        if cell_len(heading + score + topic) > room:
            # Narrow: tighter spacing, and the topic shortened with `…`, never dropped.
            score = f"  Score: {s.score}/{s.shown_answers}  Streak: {s.streak}  Topic: "
            topic = shorten(topic, max(6, room - cell_len(heading + score)))
        return Content.assemble((heading, "bold"), score, topic)

    def show_status(self) -> None:
        self.query_one("#status", StatusLine).show(self.status_content())

    def show_question(self) -> None:
        s = self.session
        item = s.current
        assert item is not None
        self.show_status()
        self.body.ask(item.kind_label, item.prompt, s.options(), quotation=item.type == "who-said")
        self.show_prompt()
        # The key bar follows in the next frame, with the rest of the body.
        self.set_timer(1 / 60, self.refresh_bindings)

    def prompt_text(self) -> str:
        """The line under the question: before the quiz, that the verdict waits; with
        certainty-based marking, what to say next, or the marks so far."""
        s = self.session
        if s.feedback is not None:
            if not s.feedback.revealed:
                return "Answer kept: its verdict comes at the end, when this question is asked again. n: next."
            return f"Certainty-based score so far: {signed(s.certainty_score)}." if s.certainty else ""
        if s.phase() == PRE:
            return "Asked before the quiz: its verdict comes at the end, when it is asked again."
        if not s.certainty:
            return ""
        if self.pending is not None:
            return f"You chose {self.pending}. {PROMPT}. Esc takes the answer back."
        return f"After your answer: {PROMPT[0].lower()}{PROMPT[1:]}."

    def show_prompt(self) -> None:
        if self.session.certainty or self.session.pre_post:
            self.query_one(CertaintyPrompt).update(self.prompt_text())

    def show_feedback(self) -> None:
        """The verdict first, alone in its frame: it answers the key just pressed. The
        marks on the options, the score, the keys and the explanation beside the excerpts
        follow a frame later (a sixtieth of a second), once the verdict is on screen."""
        feedback = self.session.feedback
        assert feedback is not None
        if not feedback.revealed:  # asked before the quiz: the verdict waits for the end
            # The answer given is marked (▶, "your answer"), nothing says right or wrong.
            self.body.mark([("▶" if option == feedback.given else " ", "your answer" if option == feedback.given
                             else "") for option in self.session.options()])
            given = feedback.given
            self.body.show_verdict(verdict_key(feedback.item.id, f"\0kept\n{given}"),
                                   lambda: Content(f"You answered {given}."))
            self.show_prompt()
            self.show_status()
            self.refresh_bindings()
            self.call_after_refresh(self._prepare, self.session.index + 1)
            return
        given = feedback.given if feedback.certainty is None else f"{feedback.given}\n{feedback.certainty}"
        self.body.show_verdict(verdict_key(feedback.item.id, given), lambda: verdict_content(feedback))
        self.set_timer(1 / 60, lambda: self._settle_feedback(feedback))

    def _settle_feedback(self, feedback: Feedback) -> None:
        if self.session.feedback is not feedback or not self.is_attached:
            return  # already moved on
        self.show_status()
        if feedback.certainty is not None:
            self.show_prompt()
        body = self.body
        body.mark(feedback.option_marks(self.session.options()))
        body.show_panels(feedback)
        self.refresh_bindings()
        # No option is highlighted now: the cursor goes to the top of the screen's text.
        place(self.query_one("#status", StatusLine), Offset(0, 0))
        self.call_after_refresh(self._prepare, self.session.index + 1)

    # ---- actions ----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.session
        item = s.current
        choosing = s.awaiting_answer and self.pending is None
        if action == "answer":
            return choosing and item is not None and item.type == "myth-or-fact"
        if action == "pick":
            return choosing and int(str(parameters[0])) <= len(s.options())
        if action in ("sure", "take_back"):
            return self.pending is not None  # False: the key goes to its other binding
        if action == "next":
            return s.feedback is not None
        if action == "source":  # not before the quiz: the excerpt would give the verdict away
            return s.feedback is not None and s.feedback.revealed
        if action == "move":
            return choosing  # after the answer, arrows scroll the feedback
        if action in ("enter", "leave"):
            return self.pending is None
        return True

    def action_answer(self, option: str) -> None:
        self.give(option)

    def action_pick(self, number: int) -> None:
        options = self.session.options()
        if 1 <= number <= len(options):
            self.give(options[number - 1])

    def action_move(self, step: int) -> None:
        self.body.move(step)

    def action_enter(self) -> None:
        if self.session.awaiting_answer:
            self.action_pick(self.body.highlighted + 1)
        else:
            self.action_next()

    def give(self, option: str, certainty: int | None = None) -> None:
        s = self.session
        if not s.awaiting_answer:
            return
        if certainty is None and s.asks_certainty():
            # The verdict waits for how sure the learner is; the choice is highlighted.
            self.pending = option
            self.body.move(s.options().index(option) - self.body.highlighted)
            self.show_prompt()
            self.refresh_bindings()
            return
        s.answer(option, certainty)
        if self.recorder is not None:
            self.recorder.record_answer(s)
        self.show_feedback()

    def action_sure(self, level: int) -> None:
        option, self.pending = self.pending, None
        if option is not None:
            self.give(option, level)

    def action_take_back(self) -> None:
        """Esc between the answer and how sure: the answer is not given."""
        self.pending = None
        self.show_prompt()
        self.refresh_bindings()

    def action_next(self) -> None:
        s = self.session
        if s.feedback is None:
            return
        s.next()
        if s.finished:
            self.post_message(QuizFinished(s))
        else:
            self.show_question()

    def action_source(self) -> None:
        """The reader over the quiz; Esc there comes back to this very feedback."""
        if self.session.feedback is not None:
            self.post_message(OpenReader(self.session.feedback.item))

    def action_flag(self) -> None:
        self.post_message(FlagItem(self.session.current or self.session.items[-1]))

    def action_leave(self) -> None:
        self.post_message(LeaveQuiz(self.session))
