"""Browse: every item in a list, filtered by topic and type, searched as you type.

`/` opens the search box; each keystroke re-filters the list (see `tui.search`), matched
words underlined. Enter opens the highlighted item and the arrows move it, from the list
or from the search box.
Esc steps back: from the search box to the list, then clears the search, then leaves.

Each keystroke is handled while the key itself is: the search box's value is watched
(a synchronous watcher, not the bubbling Changed message), so the typed letter, the new
count and the new rows reach the screen in one frame. The status line is redrawn without
a layout (it is one line whatever it says) and the list draws only its visible rows.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.screen import Screen
from textual.widgets import Input, Static

from ..explain import TYPE_NAMES
from ..model import ITEM_TYPES, Pack
from ..search import Matches, SearchIndex, parse_query
from .item_list import ItemList
from .keybar import KeyBar


class BrowseScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "explainer.tcss"
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", id="browse.search",
                tooltip="Search statements, questions, explanations, quotes and names."),
        Binding("p", "topic", "Topic", id="browse.topic",
                tooltip="Show one topic only; press again for the next, then all."),
        Binding("t", "kind", "Type", id="browse.type",
                tooltip="Show one type only (myth or fact, choice, who said it); press again for the next, then all."),
        # Priority: they work the same from the search box and from the list.
        Binding("enter", "open", "Open", priority=True, id="browse.open",
                tooltip="Open the highlighted item."),
        Binding("up", "move(-1)", "Move", key_display="↑↓", priority=True, id="browse.up",
                tooltip="Highlight the item above or below (also while typing a search)."),
        Binding("down", "move(1)", "Move", show=False, key_display="↑↓", priority=True,
                id="browse.down", tooltip="Highlight the item above or below (also while typing a search)."),
        Binding("escape", "back", "Back", id="browse.back",
                tooltip="Leave the search box; clear the search; go back."),
    ]

    def __init__(self, pack: Pack, *, topic: str | None = None, kind: str | None = None,
                 query: str = "", select: str | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.topic = topic
        self.kind = kind
        self.search_text = query
        self.initial_item = select
        self.index = SearchIndex(pack.items)
        self.matches: Matches = Matches([])

    def compose(self) -> ComposeResult:
        yield Static(id="browse-status", markup=False)
        with Horizontal(id="browse-searchbar"):
            yield Static("Search:", id="browse-search-label", markup=False)
            yield Input(self.search_text, placeholder="type words; Enter opens, Esc returns to the list",
                        id="browse-search", compact=True)
        yield ItemList(self.pack.items, self.pack.topic_name, id="browse-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#browse-searchbar").display = bool(self.search_text)
        self.watch(self.query_one("#browse-search", Input), "value", self.search_typed, init=False)
        self.refilter()
        if self.initial_item:
            self.query_one(ItemList).select_item(self.initial_item)
        self.query_one(ItemList).focus()
        # The search text of every item is prepared once the list is on screen.
        self.call_after_refresh(self.index.prepare)

    # ---- state → screen ----

    def refilter(self) -> None:
        """Apply the search and filters; redraw the list and the status line."""
        self.matches = self.index.find(self.search_text, self.topic, self.kind)
        terms = parse_query(self.search_text)
        empty = "No item matches" + (f" “{self.search_text.strip()}”" if terms else "") + \
            (" with these filters." if self.topic or self.kind else ".")
        self.query_one(ItemList).show_rows(self.matches, terms, empty_text=empty)
        self.show_status()

    def show_status(self) -> None:
        total = len(self.pack.items)
        shown = len(self.matches)
        terms = parse_query(self.search_text)
        if terms:
            head = f"{shown} of {total} items match “{' '.join(self.search_text.split())}”"
        elif self.topic or self.kind:
            head = f"{shown} of {total} items"
        else:
            head = f"All {total} items"
        topic = self.pack.topic_name(self.topic) if self.topic else "all"
        kind = TYPE_NAMES[self.kind] if self.kind else "all"
        self.query_one("#browse-status", Static).update(
            Content.assemble((head, "bold"), f"   Topic: {topic}   Type: {kind}"), layout=False
        )

    # ---- events ----

    def search_typed(self, value: str) -> None:
        """The search box's value changed: called at once, within the keystroke."""
        if value != self.search_text:
            self.search_text = value
            self.refilter()

    @on(Input.Changed, "#browse-search")
    def search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.search_typed(event.value)  # already done by the watcher: a no-op

    @on(ItemList.Chosen)
    def item_chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        self.app.open_item(event.item)  # type: ignore[attr-defined]

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self.refresh_bindings()

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    # ---- actions ----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search", "topic", "kind"):
            return not self._typing()
        if action == "open":
            return bool(self.matches)
        return True

    def action_search(self) -> None:
        self.query_one("#browse-searchbar").display = True
        self.query_one("#browse-search", Input).focus()

    def action_topic(self) -> None:
        slugs = [None, *self.pack.topics]
        self.topic = slugs[(slugs.index(self.topic) + 1) % len(slugs)] if self.topic in slugs else None
        self.refilter()

    def action_kind(self) -> None:
        kinds = [None, *ITEM_TYPES]
        self.kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)]
        self.refilter()

    def action_move(self, delta: int) -> None:
        self.query_one(ItemList).action_move(delta)

    def action_open(self) -> None:
        item = self.query_one(ItemList).highlighted
        if item is not None:
            self.app.open_item(item)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        search = self.query_one("#browse-search", Input)
        bar = self.query_one("#browse-searchbar")
        items = self.query_one(ItemList)
        if self._typing():
            if not self.search_text.strip():
                bar.display = False
            items.focus()
        elif self.search_text:
            bar.display = False
            search.value = ""  # the watcher shows every item again
        else:
            self.dismiss(None)
