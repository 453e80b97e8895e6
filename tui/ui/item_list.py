"""A list of items that draws only the rows on screen, however many items it holds.

Each item takes two lines: its statement or question, then its type, topic and id (and,
while searching, where the search words were found if not in the statement). Matched
words are underlined and bold, so they show without colour; the highlighted row carries a
`▶` marker as well as the cursor colour. Rows are built from Content, never markup.

A Line API widget: `render_line` builds the few visible rows on demand, so replacing
10,000 rows on a keystroke costs the same as replacing ten.
"""

from __future__ import annotations

from typing import Callable, Sequence

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Offset, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..explain import TYPE_NAMES
from ..model import Item
from ..search import display_prompt, match_spans, snippet

ROW_HEIGHT = 2
MARKER = "▶ "
GUTTER = "  "
MATCH_STYLE = ".item-list--match"


class ItemList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of items by index into `items`; posts `Chosen` on Enter or click."""

    BINDINGS = [
        Binding("enter", "choose", "Open", id="list.open", tooltip="Open the highlighted item."),
        Binding("up", "move(-1)", "Up", show=False, id="list.up", tooltip="Highlight the item above."),
        Binding("down", "move(1)", "Down", show=False, id="list.down", tooltip="Highlight the item below."),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.pageup", tooltip="One page up."),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.pagedown", tooltip="One page down."),
        Binding("home", "jump(0)", "First", show=False, id="list.first", tooltip="The first item."),
        Binding("end", "jump(-1)", "Last", show=False, id="list.last", tooltip="The last item."),
    ]

    COMPONENT_CLASSES = {"item-list--cursor", "item-list--meta", "item-list--match", "item-list--empty"}

    class Chosen(Message):
        """The user wants to open this item."""

        def __init__(self, item: Item) -> None:
            super().__init__()
            self.item = item

    def __init__(self, items: Sequence[Item], topic_name: Callable[[str], str], *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = items
        self.topic_name = topic_name
        self.rows: Sequence[int] = range(len(items))
        self.terms: tuple[str, ...] = ()
        self.cursor = 0
        self.empty_text = "No items."
        self._cache: dict[int, tuple[Content, Content]] = {}

    # ---- state ----

    def show_rows(self, rows: Sequence[int], terms: tuple[str, ...] = (), *, cursor: int = 0,
                  empty_text: str = "No items.") -> None:
        """Show these items (indexes into `items`), with `terms` highlighted."""
        self.rows = rows
        if terms != self.terms:
            self._cache.clear()
        self.terms = terms
        self.empty_text = empty_text
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self._update_size()
        self.scroll_to(y=0, animate=False)
        self._scroll_cursor_into_view()
        self.refresh()

    @property
    def highlighted(self) -> Item | None:
        return self.items[self.rows[self.cursor]] if self.rows else None

    def select_item(self, item_id: str) -> None:
        """Put the cursor on the item with this id, if it is shown."""
        for n, index in enumerate(self.rows):
            if self.items[index].id == item_id:
                self.cursor = n
                self._scroll_cursor_into_view()
                self.refresh()
                return

    def row_text(self, n: int) -> str:
        """The plain text of row `n` (both lines), as drawn."""
        first, second = self._row(self.rows[n])
        return f"{first.plain}\n{second.plain}"

    def _update_size(self) -> None:
        width = self.scrollable_content_region.width
        self.virtual_size = Size(width, max(1, len(self.rows)) * ROW_HEIGHT)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self._scroll_cursor_into_view()

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if not height:
            return
        top = self.cursor * ROW_HEIGHT
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False)

    def _set_cursor(self, cursor: int) -> None:
        if not self.rows:
            return
        cursor = max(0, min(cursor, len(self.rows) - 1))
        if cursor != self.cursor:
            self.cursor = cursor
            self._scroll_cursor_into_view()
            self.refresh()

    # ---- actions ----

    def action_move(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // ROW_HEIGHT)
        self._set_cursor(self.cursor + direction * rows)

    def action_jump(self, where: int) -> None:
        self._set_cursor(where if where >= 0 else len(self.rows) - 1)

    def action_choose(self) -> None:
        item = self.highlighted
        if item is not None:
            self.post_message(self.Chosen(item))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return bool(self.rows)
        return True

    def on_click(self, event: events.Click) -> None:
        row = (self.scroll_offset.y + event.y) // ROW_HEIGHT
        if 0 <= row < len(self.rows):
            self._set_cursor(row)
            self.action_choose()

    # ---- drawing ----

    def _row(self, index: int) -> tuple[Content, Content]:
        """The two lines of an item, matches highlighted (cached per search)."""
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        item = self.items[index]
        prompt = display_prompt(item)
        first = Content(prompt)
        for start, end in match_spans(prompt, self.terms):
            first = first.stylize(MATCH_STYLE, start, end)
        meta = f"{TYPE_NAMES[item.type]} · {self.topic_name(item.topic)} · {item.id}"
        second = Content.styled(meta, ".item-list--meta")
        if self.terms:
            for start, end in match_spans(meta, self.terms):
                second = second.stylize(MATCH_STYLE, start, end)
            found = snippet(item, self.terms)
            if found is not None:
                shown = Content(found.text)
                for start, end in found.spans:
                    shown = shown.stylize(MATCH_STYLE, start, end)
                second = Content.assemble(second, (f" · in {found.field}: ", ".item-list--meta"), shown)
        if len(self._cache) > 512:
            self._cache.clear()
        self._cache[index] = (first, second)
        return first, second

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        row, part = divmod(line, ROW_HEIGHT)
        base = self.get_visual_style()
        if not self.rows:
            text = Content(self.empty_text if line == 0 else "")
            return self._strip(Content(GUTTER) + text, width, self.get_visual_style("item-list--empty"))
        if row >= len(self.rows):
            return Strip.blank(width, base.rich_style)
        is_cursor = row == self.cursor
        style = self.get_visual_style("item-list--cursor") if is_cursor else base
        content = self._row(self.rows[row])[part]
        gutter = MARKER if is_cursor and part == 0 else GUTTER
        if is_cursor and part == 0 and self.has_focus:
            # The terminal cursor follows the highlighted row (magnifiers, braille displays).
            region = self.content_region
            self.app.cursor_position = Offset(region.x, region.y + y)
        return self._strip(Content(gutter) + content, width, style)

    def _strip(self, content: Content, width: int, style) -> Strip:
        content = content.truncate(width, ellipsis=True, pad=True)
        segments = [Segment(text, part.rich_style)
                    for text, part in content.render(style, end="", parse_style=self._get_style)]
        return Strip(segments, width)
