"""The home screen: a menu where every entry has its own key and arrows + Enter work too."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import OptionList, Static

from ..core.model import Pack
from .keybar import KeyBar
from .menu import Menu
from .messages import MenuChosen, OpenBrowse, OpenSources, OpenStats, StartQuiz, StartReview

COUNTS = (5, 10, 20, None)  # None: every question that matches

# (action, key, label): the menu, in order. Each key is also a binding below.
MENU = (
    ("start", "s", "Start a quiz"),
    ("count", "c", "Change the number of questions"),
    ("topic", "p", "Pick a topic"),
    ("review", "r", "Review the questions you missed"),
    ("stats", "t", "Stats: your progress"),
    ("browse", "b", "Browse and search every item"),
    ("sources", "d", "Source documents"),
    ("help", "?", "Help: every key"),
    ("quit", "q", "Quit"),
)


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "menu('start')", "Start quiz", id="home.start", tooltip="Start a quiz with the choices shown."),
        Binding("c", "menu('count')", "Count", id="home.count", tooltip="Change the number of questions."),
        Binding("p", "menu('topic')", "Topic", id="home.topic", tooltip="Pick the topic of the quiz."),
        Binding("r", "menu('review')", "Review", id="home.review",
                tooltip="Review the questions you missed that are due again."),
        Binding("t", "menu('stats')", "Stats", id="home.stats",
                tooltip="Your progress: sessions, accuracy by topic, what is due."),
        Binding("b", "menu('browse')", "Browse", id="home.browse",
                tooltip="Browse and search every item with its evidence."),
        Binding("d", "menu('sources')", "Sources", id="home.sources",
                tooltip="The source documents: who published them, when, and what kind they are."),
    ]

    def __init__(self, pack: Pack, count: int | None = 20, topic: str | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.count = count
        self.topic = topic

    SHORT = 24  # lines: below this the home box drops its padding, so it opens whole

    def compose(self) -> ComposeResult:
        self.set_class(self.app.size.height < self.SHORT, "-short")
        with Vertical(id="home-box"):
            yield Static(Content.assemble(("mythquiz", "bold"), " — ", self.pack.title), id="home-title")
            yield Static(self.pack.description, id="home-description", markup=False)
            yield Static(id="home-choices", markup=False)
            yield Menu(*((action, f"{key}  {label}") for action, key, label in MENU), id="menu")
        yield KeyBar()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < self.SHORT, "-short")

    def on_mount(self) -> None:
        self.show_choices()
        self.query_one("#menu", OptionList).focus()

    def show_choices(self) -> None:
        count = "all" if self.count is None else str(self.count)
        topic = self.pack.topic_name(self.topic) if self.topic else "all topics"
        available = sum(1 for item in self.pack.items if self.topic in (None, item.topic))
        self.query_one("#home-choices", Static).update(
            f"Next quiz: {count} questions, {topic} ({available} available)."
        )

    @on(MenuChosen)
    async def menu_chosen(self, event: MenuChosen) -> None:
        event.stop()
        await self.action_menu(event.action)

    async def action_menu(self, action: str) -> None:
        if action == "start":
            self.post_message(StartQuiz(count=self.count, topic=self.topic))
        elif action == "count":
            self.count = COUNTS[(COUNTS.index(self.count) + 1) % len(COUNTS)] if self.count in COUNTS else 20
            self.show_choices()
        elif action == "topic":
            slugs = [None, *self.pack.topics]
            self.topic = slugs[(slugs.index(self.topic) + 1) % len(slugs)]
            self.show_choices()
        elif action == "review":
            self.post_message(StartReview(count=self.count, topic=self.topic))
        elif action == "stats":
            self.post_message(OpenStats())
        elif action == "browse":
            self.post_message(OpenBrowse())
        elif action == "sources":
            self.post_message(OpenSources())
        elif action in ("help", "quit"):
            await self.run_action(f"app.{'help' if action == 'help' else 'quit_app'}")
