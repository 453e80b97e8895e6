"""Browse: every item in a list, filtered by topic and type, searched as you type.

`/` opens the search box; each keystroke re-filters the list (see `tui.search`), matched
words underlined. Enter opens the highlighted item and the arrows move it, from the list
or from the search box.
Esc steps back: from the search box to the list, then clears the search, then leaves.

Each keystroke is handled while the key itself is: the search box's value is watched
(a synchronous watcher, not a bubbling message), so the typed letter, the new count and
the new rows reach the screen in one frame. Nothing on the screen is laid out again for
a keystroke: the search box and the status line redraw their own line, and the list
only its visible rows.
"""

from __future__ import annotations

import gc
from itertools import chain
from pathlib import Path
from time import monotonic
from typing import Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.screen import Screen

from ..core.cache import WordsCache
from ..core.explain import TYPE_NAMES
from ..core.model import ITEM_TYPES, Pack
from ..core.search import Matches, SearchIndex, parse_query
from .item_list import ItemList
from .keybar import KeyBar
from .search_box import SearchBox
from .status_line import StatusLine
from .messages import OpenItem


class BrowseScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "explainer.tcss"
    BINDINGS = [
        # Priority: the search box is focused as the key is read, so that letters typed
        # right behind it (already queued) go into the search. While typing, `/` is typed.
        Binding("slash", "search", "Search", key_display="/", priority=True, id="browse.search",
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

    TYPING_PAUSE = 0.05  # seconds after a keystroke before preparing the search goes on
    HELP_ALSO = (("In the search box (after /), besides typing:", SearchBox),)

    def __init__(self, pack: Pack, *, topic: str | None = None, kind: str | None = None,
                 query: str = "", select: str | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.topic = topic
        self.kind = kind
        self.search_text = query
        self.initial_item = select
        self.index = SearchIndex(pack.items, store=WordsCache(pack))
        self.matches: Matches = Matches([])
        self._typed_at = 0.0  # when the search text last changed (time.monotonic)

    def compose(self) -> ComposeResult:
        yield StatusLine(id="browse-status")
        yield SearchBox(self.search_text, placeholder="type words; Enter opens, Esc returns to the list",
                        id="browse-search")
        yield ItemList(self.pack.items, self.pack.topic_name, id="browse-list")
        yield KeyBar()

    def on_mount(self) -> None:
        search = self.query_one(SearchBox)
        self.search_text = search.value  # a --search query as the box shows it
        search.display = bool(self.search_text)
        self.watch(search, "value", self.search_typed, init=False)
        self.refilter()
        if self.initial_item:
            self.query_one(ItemList).select_item(self.initial_item)
        self.query_one(ItemList).focus()
        # The search (each item's text, and the word index) is prepared once the list is
        # on screen, in steps of a couple of milliseconds with keystrokes in between.
        self._preparing = chain(self._collect_garbage(), self.index.steps())
        self.call_after_refresh(self._prepare_step)

    def _prepare_step(self) -> None:
        if monotonic() - self._typed_at < self.TYPING_PAUSE:
            # A keystroke was just handled: its screen comes first, the next step later.
            self.set_timer(self.TYPING_PAUSE, self._prepare_step)
        elif next(self._preparing, True) is None:  # paused, not finished
            self.set_timer(0.001, self._prepare_step)

    def _collect_garbage(self) -> Iterator[None]:
        """Starting the app and opening the screen made objects by the hundred thousand.
        The garbage collector's full pass over them (20 ms with 10,000 items) would come
        at some later keystroke: it is done once, in the first step after the list is
        drawn, before anyone can have typed. (What preparing the search makes, strings
        and arrays, is never walked by the collector.)"""
        yield
        gc.collect()
        yield

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
        self.query_one(StatusLine).show(Content.assemble((head, "bold"), f"   Topic: {topic}   Type: {kind}"))

    # ---- events ----

    def search_typed(self, value: str) -> None:
        """The search box's value changed: called at once, within the keystroke."""
        if value != self.search_text:
            self._typed_at = monotonic()
            self.search_text = value
            self.refilter()

    @on(ItemList.Chosen)
    def item_chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        self.post_message(OpenItem(event.item))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self.refresh_bindings()

    def _typing(self) -> bool:
        return isinstance(self.focused, SearchBox)

    # ---- actions ----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search", "topic", "kind"):
            return not self._typing()
        if action == "open":
            return bool(self.matches)
        return True

    def action_search(self) -> None:
        search = self.query_one(SearchBox)
        search.display = True
        self.set_focus(search)  # now, not after the messages already queued

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
            self.post_message(OpenItem(item))

    def action_back(self) -> None:
        search = self.query_one(SearchBox)
        items = self.query_one(ItemList)
        if self._typing():
            if not self.search_text.strip():
                search.display = False
            items.focus()
        elif self.search_text:
            search.display = False
            search.value = ""  # the watcher shows every item again
        else:
            self.dismiss(None)
