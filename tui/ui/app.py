"""The mythquiz Textual app: screens, and the moves between them."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from ..engine import DEFAULT_COUNT, Session, Summary
from ..model import Pack
from .quiz_screen import QuizScreen


class MythQuizApp(App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "mythquiz"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit_app", "Quit", id="app.quit", tooltip="Quit mythquiz (asks first during a quiz)."),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help",
                tooltip="Show every key of this screen."),
        # Textual's own ctrl+q would quit without asking; it asks like q does.
        Binding("ctrl+q", "quit_app", "Quit", show=False, priority=True, id="app.ctrl-q",
                tooltip="Quit mythquiz (asks first during a quiz)."),
    ]

    def __init__(self, pack: Pack, *, session: Session | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.first_session = session

    def on_mount(self) -> None:
        # Screens are pushed over the (empty) default screen, so any of them can later be
        # swapped for another with switch_screen.
        if self.first_session is not None:
            self.push_screen(QuizScreen(self.first_session))
        else:
            from .home_screen import HomeScreen

            self.push_screen(HomeScreen(self.pack))

    # ---- moves between screens (screens call these) ----

    def start_quiz(self, count: int | None = DEFAULT_COUNT, topic: str | None = None,
                   only_ids: list[str] | None = None, seed: int | None = None) -> None:
        session = Session.create(self.pack, count=count, topic=topic, only_ids=only_ids, seed=seed)
        self.switch_screen(QuizScreen(session))

    def record_answer(self, session: Session) -> None:
        """Called after every answer (the progress store hooks in here)."""

    def finish_quiz(self, session: Session) -> None:
        from .results_screen import ResultsScreen

        self.switch_screen(ResultsScreen(session.summary()))

    def retry_missed(self, summary: Summary) -> None:
        ids = [item.id for item in summary.missed]
        self.start_quiz(count=None, only_ids=ids, seed=summary.seed)

    def go_home(self) -> None:
        from .home_screen import HomeScreen

        self.switch_screen(HomeScreen(self.pack))

    def _quiz_in_progress(self) -> Session | None:
        screen = self.screen
        if isinstance(screen, QuizScreen) and screen.session.records and not screen.session.finished:
            return screen.session
        return None

    def leave_quiz(self, session: Session) -> None:
        if not self._quiz_in_progress():
            self.go_home()
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.go_home()

        self.push_screen(
            ConfirmScreen("Abandon this quiz?",
                          f"You have answered {len(session.records)} of {session.total} questions."),
            answered,
        )

    # ---- app-wide actions ----

    def action_quit_app(self) -> None:
        session = self._quiz_in_progress()
        if session is None:
            self.exit(0)
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        self.push_screen(
            ConfirmScreen("Quit mythquiz and abandon this quiz?",
                          f"You have answered {len(session.records)} of {session.total} questions."),
            answered,
        )

    def action_help(self) -> None:
        from .help_screen import HelpScreen, help_rows

        if isinstance(self.screen, HelpScreen):
            return
        name = type(self.screen).__name__.replace("Screen", "").lower() or "screen"
        self.push_screen(HelpScreen(name, help_rows(self.screen)))
