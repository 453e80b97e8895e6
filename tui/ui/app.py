"""The mythquiz Textual app: screens, and the moves between them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen

from ..core.engine import Session
from ..core.selection import DEFAULT_COUNT
from ..core.model import Pack
from . import messages
from .app_settings import AppSettings
from .quiz_screen import QuizScreen
from .typeahead import HELD, TypeAhead, as_typed

if TYPE_CHECKING:
    from ..core.progress import Store
    from ..core.summary import Summary


PLACES = "places"  # the app's screen stack after the first screen (see MythQuizApp.replace_screen)


class MythQuizApp(AppSettings, App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "mythquiz"
    # ctrl+p: themes (high-contrast among them) and animations; nothing essential is only there.
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit_app", "Quit", id="app.quit", tooltip="Quit mythquiz (asks first during a quiz)."),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help",
                tooltip="Show every key of this screen."),
        # Textual's own ctrl+q would quit without asking; it asks like q does.
        Binding("ctrl+q", "quit_app", "Quit", show=False, priority=True, id="app.ctrl-q",
                tooltip="Quit mythquiz (asks first during a quiz)."),
    ]

    def __init__(self, pack: Pack, *, session: Session | None = None, store: Store | None = None,
                 nothing_due: bool = False, start: str = "home",
                 start_options: dict[str, str | None] | None = None,
                 theme: str | None = None, settings=None,
                 after_first_frame: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.apply_settings(theme)
        self.start = start
        self.start_options = start_options or {}  # browse: topic, kind, query; show: item
        self.pack = pack
        self.first_session = session
        self.store = store
        self.nothing_due = nothing_due
        self._save_failed = False
        self._first_screen: Screen | None = None  # the default screen, while it is shown
        self._started = False  # the screens asked for on the command line are open
        self.typeahead = TypeAhead(self, self._dispatch_input)
        self._after_first_frame = after_first_frame

    async def on_event(self, event: events.Event) -> None:
        # Keys from the terminal wait for the work of every earlier key (see typeahead.py).
        if isinstance(event, HELD) and not event.is_forwarded:
            await self.typeahead.offer(as_typed(event))
        else:
            await super().on_event(event)

    async def _dispatch_input(self, event: events.Event) -> None:
        await super().on_event(event)

    def get_default_screen(self) -> Screen:
        """The first screen is the app's default screen (rather than one pushed over it),
        so Textual lays it out and draws it whole in the very first frame. It is replaced
        by the next with `replace_screen`. (Its styles must be in app.tcss: Textual reads a
        default screen's own CSS_PATH too late.)"""
        screen: Screen
        if self.first_session is not None and self.start != "facilitator":
            screen = QuizScreen(self.first_session, recorder=self)
        elif self.first_session is None:
            from .home_screen import HomeScreen

            screen = HomeScreen(self.pack)
        else:
            return super().get_default_screen()  # the facilitator's screen is pushed over it
        self._first_screen = screen
        return screen

    def replace_screen(self, screen: Screen) -> None:
        """Put `screen` in place of the current one: Esc does not lead back to it.

        Textual's `switch_screen` replaces a screen that was pushed. The first screen was
        not (see `get_default_screen`): the first time, the app moves to a screen stack of
        its own (a mode, `PLACES`) with `screen` pushed on it, and the first screen's stack
        is left behind, suspended."""
        if self.screen is not self._first_screen:
            self.switch_screen(screen)
            return
        self._first_screen = None
        self.add_mode(PLACES, Screen)
        self.switch_mode(PLACES)
        self.push_screen(screen)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        # Screens over the first one are opened once Textual's start-up is over: a screen
        # pushed during it is laid out while updates are held back, and the terminal would
        # get its first frame without its top line.
        self.call_later(self._start)

    def _start(self) -> None:
        self._open_start()
        self._started = True
        self.typeahead.open()  # keys typed so far act on the screens just opened

    def _open_start(self) -> None:
        if self.first_session is not None and self.start == "facilitator":
            from .facilitator_screen import FacilitatorScreen

            self.push_screen(FacilitatorScreen(self.first_session))
        elif self.first_session is None:
            if self.nothing_due:
                self.offer_normal_quiz()
            elif self.start == "stats":
                self.open_stats()
            elif self.start in ("browse", "show", "sources"):
                self._open_explainer_start()
        self.check_size()
        # After the first frame: a broken progress file is moved aside, with a warning.
        self.call_after_refresh(self._open_store)

    def on_resize(self, event: events.Resize) -> None:
        # Runs before Textual records the new size: pass it on. Not before the start
        # screens are open (`_open_start` checks the size then): the message pushed
        # earlier would end up under them, hidden, and stay there.
        if self._started:
            self.call_later(self.check_size, event.size)

    def check_size(self, size: Size | None = None) -> None:
        """Below 60x20 a plain message stands over the screens; it lifts when there is room."""
        from .too_small import TooSmallScreen, too_small

        small = too_small(*(size or self.size))
        shown = isinstance(self.screen, TooSmallScreen)
        if small and not shown and not any(isinstance(s, TooSmallScreen) for s in self.screen_stack):
            self.push_screen(TooSmallScreen())
        elif not small and shown:
            self.pop_screen()

    def _open_store(self) -> None:
        from ..core.cache import save_pending
        from .store_opening import open_store

        if self._after_first_frame is not None:
            self._after_first_frame()

        save_pending()  # on a first run, the pack's cache for the next start
        open_store(self)  # old files are imported in a worker, with a note

    def show_store_warnings(self) -> None:
        while self.store is not None and self.store.warnings:
            self.notify(self.store.warnings.pop(0), title="Progress", severity="warning", timeout=12, markup=False)

    def _save(self, write) -> None:
        """Write to the progress store; a failure is said once and the quiz goes on."""
        if self.store is None or self._save_failed:
            return
        from ..core.progress import ProgressError

        try:
            write(self.store)
        except ProgressError as exc:
            self._save_failed = True
            self.notify(str(exc), title="Progress not saved", severity="error", timeout=15, markup=False)
        self.show_store_warnings()

    # ---- moves between screens (screens call these) ----

    def start_quiz(self, count: int | None = DEFAULT_COUNT, topic: str | None = None,
                   only_ids: list[str] | None = None, seed: int | None = None,
                   review: bool = False) -> None:
        session = Session.create(self.pack, count=count, topic=topic, only_ids=only_ids, seed=seed,
                                 review=review, certainty=self.certainty_on())
        self.replace_screen(QuizScreen(session, recorder=self))

    def start_review(self, count: int | None = DEFAULT_COUNT, topic: str | None = None) -> None:
        """Ask the missed questions that are due; if none is, say so and offer a quiz."""
        from ..core.selection import SelectionError

        due = self.store.due_for_review([item.id for item in self.pack.items]) if self.store is not None else []
        self.show_store_warnings()
        if due:
            try:
                self.start_quiz(count=count, topic=topic, only_ids=due, review=True)
                return
            except SelectionError:
                pass  # missed questions are due, but none of this topic
        self.offer_normal_quiz()

    def offer_normal_quiz(self) -> None:
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.start_quiz()

        self.push_screen(
            ConfirmScreen("Nothing is due for review.",
                          "No missed question is waiting. Start a normal quiz instead?"),
            answered,
        )

    def record_answer(self, session: Session) -> None:
        """Called after every answer, before the feedback is drawn."""
        record = session.records[-1]
        self._save(lambda store: store.record_answer(session, record))

    def _record_session(self, session: Session) -> None:
        if self.store is not None and not self.store.session_finished(session):
            self._save(lambda store: store.finish_session(session))

    def finish_quiz(self, session: Session) -> None:
        from .results_screen import ResultsScreen

        self._record_session(session)
        self.replace_screen(ResultsScreen(session.summary()))

    def retry_missed(self, summary: Summary) -> None:
        ids = [item.id for item in summary.missed]
        self.start_quiz(count=None, only_ids=ids, seed=summary.seed)

    def open_stats(self) -> None:
        from ..core.stats import compute
        from .stats_screen import StatsScreen
        from .store_opening import open_store

        if open_store(self, then=self.open_stats):
            return  # the figures once old files are imported
        stats = compute(self.pack, self.store)
        self.show_store_warnings()
        self.replace_screen(StatsScreen(stats))

    def flag_item(self, item) -> None:
        """Ask for a one-line note on `item` and keep it for the pack's author."""
        from ..core.flags import FlagStore
        from ..core.progress import ProgressError
        from .flag_screen import FlagScreen

        def noted(note: str | None) -> None:
            if not note:
                return
            flags = FlagStore(store=self.store) if self.store is not None else FlagStore()
            try:
                flags.add(self.pack, item.id, note)
            except ProgressError as exc:
                self.notify(str(exc), title="Flag not saved", severity="error", timeout=12, markup=False)
                return
            for warning in flags.warnings:
                self.notify(warning, title="Flags", severity="warning", timeout=12, markup=False)
            self.notify(f"Flag on {item.id} saved in {flags.path}.", title="Flagged", markup=False)

        self.push_screen(FlagScreen(item), noted)

    def go_home(self) -> None:
        from .home_screen import HomeScreen

        self.replace_screen(HomeScreen(self.pack))

    def _quiz_in_progress(self) -> Session | None:
        # The quiz may be under the source reader: quitting from there asks too.
        for screen in reversed(self.screen_stack):
            if isinstance(screen, QuizScreen) and screen.session.records and not screen.session.finished:
                return screen.session
        return None

    # ---- the explainer: pushed over the screen it is opened from, so Esc (pop) returns
    # there untouched. Its screens are imported only when first opened. ----

    def _open_explainer_start(self) -> None:
        """`mythquiz browse|show ID|sources`: over home, so Esc leads back to it
        (`show` puts browse in between, on that item)."""
        options = self.start_options
        if self.start == "sources":
            self.open_sources()
            return
        item_id = options.get("item")
        item = self.pack.item(item_id) if item_id else None
        self.open_browse(topic=options.get("topic"), kind=options.get("kind"),
                         query=options.get("query") or "", select=item.id if item else None)
        if item is not None:
            self.open_item(item)

    def open_browse(self, **options) -> None:
        from .browse_screen import BrowseScreen

        self.push_screen(BrowseScreen(self.pack, **options))

    def open_item(self, item) -> None:
        from .item_screen import ItemScreen

        self.push_screen(ItemScreen(self.pack, item))

    def open_reader(self, item=None, source_id: str | None = None) -> None:
        """The source reader at the item's first excerpt, or a whole document."""
        from .reader_screen import ReaderScreen

        self.push_screen(ReaderScreen(self.pack, item, source_id))

    def open_sources(self) -> None:
        from .sources_screen import SourcesScreen

        self.push_screen(SourcesScreen(self.pack))

    def leave_quiz(self, session: Session) -> None:
        if not self._quiz_in_progress():
            self.go_home()
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._record_session(session)
                self.go_home()

        self.push_screen(
            ConfirmScreen("Abandon this quiz?",
                          f"You have answered {len(session.records)} of {session.total} questions."),
            answered,
        )

    # ---- what screens ask for (tui/ui/messages.py) ----

    def on_start_quiz(self, message: messages.StartQuiz) -> None:
        self.start_quiz(count=message.count, topic=message.topic)

    def on_start_review(self, message: messages.StartReview) -> None:
        self.start_review(count=message.count, topic=message.topic)

    def on_retry_missed(self, message: messages.RetryMissed) -> None:
        self.retry_missed(message.summary)

    def on_quiz_finished(self, message: messages.QuizFinished) -> None:
        self.finish_quiz(message.session)

    def on_leave_quiz(self, message: messages.LeaveQuiz) -> None:
        self.leave_quiz(message.session)

    def on_go_home(self, message: messages.GoHome) -> None:
        self.go_home()

    def on_open_stats(self, message: messages.OpenStats) -> None:
        self.open_stats()

    def on_open_browse(self, message: messages.OpenBrowse) -> None:
        self.open_browse()

    def on_open_sources(self, message: messages.OpenSources) -> None:
        self.open_sources()

    def on_open_item(self, message: messages.OpenItem) -> None:
        self.open_item(message.item)

    def on_open_reader(self, message: messages.OpenReader) -> None:
        self.open_reader(message.item, message.source_id)

    def on_flag_item(self, message: messages.FlagItem) -> None:
        self.flag_item(message.item)

    # ---- app-wide actions ----

    def action_quit_app(self) -> None:
        session = self._quiz_in_progress()
        if session is None:
            self.exit(0)
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._record_session(session)
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
