"""A list of items that draws only the rows on screen, however many items it holds.

Each item takes two lines: its statement or question, then its type, topic and id (and,
while searching, where the search words were found if not in the statement). Matched
words are underlined and bold, so they show without colour; the highlighted row carries a
`▶` marker as well as the cursor colour. Item text is never parsed as markup.

On Textual's public Line API: a `ScrollView` whose `render_line` builds the few visible
rows on demand (each a `Content`, cut to the width with `…` and made a `Strip`), so
replacing 10,000 rows on a keystroke costs the same as replacing ten. A row's text and
highlights are worked out once per search and drawn lines are kept until the search,
width or styles change (Textual's `LRUCache`); moving the highlight redraws only the two
rows concerned.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer

from ..core.explain import TYPE_NAMES
from ..core.model import Item
from ..core.search import display_prompt, match_spans, snippet
from .cursor import CursorFollow

ROW_HEIGHT = 2
MARKER = "▶ "
GUTTER = "  "

# A line is drawn from pieces of text, each of one kind: plain, meta, match, or a match
# inside meta (a match in the type/topic/id line).
PLAIN, META, MATCH, META_MATCH = range(4)
Piece = tuple[str, int]
# Control codes: dropped as Content drops them; tabs and newlines become spaces.
_CLEAN = {code: None for code in (7, 8, 11, 12, 13)} | {9: " ", 10: " "}


def clean(text: str) -> str:
    return text if text.isprintable() else text.translate(_CLEAN)


def pieces(text: str, spans: Sequence[tuple[int, int]], kind: int, match_kind: int) -> list[Piece]:
    """`text` cut at the `spans` (sorted, not overlapping): matched pieces get `match_kind`."""
    if not spans:
        return [(clean(text), kind)]
    out: list[Piece] = []
    at = 0
    for start, end in spans:
        if start > at:
            out.append((clean(text[at:start]), kind))
        if end > start:
            out.append((clean(text[start:end]), match_kind))
        at = max(at, end)
    if at < len(text):
        out.append((clean(text[at:]), kind))
    return out


def draw(line: Sequence[Piece], width: int, base: Style, kinds: Sequence[Style | None]) -> Strip:
    """Pieces as one line of exactly `width` cells on the `base` style, each piece in the
    style of its kind: cut with `…` if too long, padded with spaces if short."""
    if width <= 0:
        return Strip([], 0)
    content = Content.assemble(*(text if (style := kinds[kind]) is None else (text, style) for text, kind in line))
    return Strip(content.truncate(width, ellipsis=True, pad=True).render_segments(base), width)


# After a search keystroke, the lines drawn at once: the top row, the one Enter opens.
# The rest of the list follows in the frame after, prepared SECOND_STAGE seconds later.
FIRST_LINES = ROW_HEIGHT
SECOND_STAGE = 1 / 120


class _Pass(NamedTuple):
    """What every line of one redraw shares, worked out once per redraw."""

    width: int
    row: Style  # an ordinary row
    cursor: Style  # the highlighted row
    empty: Style  # the "No item matches" line
    kinds: tuple[Style | None, ...]  # each piece kind's own style, over the row's


class ItemList(CursorFollow, ScrollView, can_focus=True, inherit_bindings=False):
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
        # Under the current search terms: each item's two lines as pieces, and drawn lines
        # by (item, line, highlighted) for the current width and styles.
        self._lines: LRUCache[int, tuple[list[Piece], list[Piece]]] = LRUCache(512)
        self._strips: LRUCache[tuple[int, int, bool], Strip] = LRUCache(512)
        self._plain: LRUCache[str, Strip] = LRUCache(64)  # lines that are not rows, for these styles
        self._strips_key: tuple[object, ...] | None = None
        self._pass: _Pass | None = None
        # What each viewport line showed when last drawn, and the scroll offset then.
        self._drawn: dict[int, Strip] = {}
        self._drawn_at: int | None = None
        self._later: Timer | None = None  # the timer that draws the rest of a new list
        self._first_out = True  # the first lines of a new list have been drawn
        self._waits = 0  # times the rest waited for them

    # ---- state ----

    def show_rows(self, rows: Sequence[int], terms: tuple[str, ...] = (), *, cursor: int = 0,
                  empty_text: str = "No items.") -> None:
        """Show these items (indexes into `items`, any sequence: `Matches` ranks lazily),
        with `terms` highlighted. Only the rows on screen are drawn."""
        self.rows = rows
        if terms != self.terms:
            self._lines.clear()
            self._strips.clear()
        self.terms = terms
        self.empty_text = empty_text
        self.cursor = max(0, min(cursor, len(rows) - 1))
        if self.scroll_offset.y:
            self.scroll_to(y=0, animate=False)
        self._scroll_cursor_into_view()
        # The top row first, where the eye is, in the frame that answers the keystroke;
        # the rest of the list, and the scrollbar for the new count, in the next frame.
        # Textual draws at most 60 frames a second: the rest is prepared half a frame
        # later, once the first frame is out, in time for the next.
        self._first_out = not self._repaint(upto=FIRST_LINES)
        self._waits = 0
        if self._later is not None:
            self._later.stop()
        self._later = self.set_timer(SECOND_STAGE, self._settle)

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
        """The plain text of row `n` (both lines), as drawn (before cutting to the width)."""
        first, second = self._row(self.rows[n])
        return "".join(t for t, _ in first) + "\n" + "".join(t for t, _ in second)

    def _update_size(self) -> None:
        """Fit the scroll range to the rows (and the width), if it does not fit already."""
        size = Size(self.scrollable_content_region.width, max(1, len(self.rows)) * ROW_HEIGHT)
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self._scroll_cursor_into_view()

    def cursor_spot(self) -> Offset | None:
        # The highlighted row's first line: the terminal cursor follows it.
        return Offset(0, self.cursor * ROW_HEIGHT) if self.rows else None

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
            old, y = self.cursor, self.scroll_offset.y
            self.cursor = cursor
            self._scroll_cursor_into_view()
            if self.scroll_offset.y == y:
                # Only the two rows whose highlight changed are redrawn.
                self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
                self.refresh_lines(cursor * ROW_HEIGHT, ROW_HEIGHT)
            else:
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

    def _row(self, index: int) -> tuple[list[Piece], list[Piece]]:
        """The two lines of an item as pieces, matches marked (cached per search)."""
        cached = self._lines.get(index)
        if cached is not None:
            return cached
        item = self.items[index]
        terms = self.terms
        prompt = display_prompt(item)
        first = pieces(prompt, match_spans(prompt, terms), PLAIN, MATCH)
        meta = f"{TYPE_NAMES[item.type]} · {self.topic_name(item.topic)} · {item.id}"
        second = pieces(meta, match_spans(meta, terms), META, META_MATCH)
        if terms:
            found = snippet(item, terms)
            if found is not None:
                second.append((f" · in {found.field}: ", META))
                second += pieces(found.text, found.spans, PLAIN, MATCH)
        self._lines.set(index, (first, second))
        return first, second

    def _begin(self) -> _Pass:
        """Styles and width for a redraw; drops drawn lines that no longer fit. A match
        inside the meta line takes both styles, as nested spans do."""
        meta = self.get_visual_style("item-list--meta", partial=True)
        match = self.get_visual_style("item-list--match", partial=True)
        kinds = (None, meta, match, meta + match)
        row = self.get_visual_style()
        cursor = self.get_visual_style("item-list--cursor")
        empty = self.get_visual_style("item-list--empty")
        width = self.scrollable_content_region.width
        key = (width, row, cursor, empty, kinds)
        if key != self._strips_key:
            self._strips.clear()
            self._plain.clear()
            self._strips_key = key
        return _Pass(width, row, cursor, empty, kinds)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass = self._begin()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def _line(self, drawing: _Pass, y: int) -> Strip:
        """Line `y` of the viewport as it should look now."""
        width = drawing.width
        line = self.scroll_offset.y + y
        row, part = divmod(line, ROW_HEIGHT)
        rows = self.rows
        if not rows or row >= len(rows):
            # The "No item matches" line, and blank lines below the last row: kept across
            # searches, so a keystroke that leaves the list empty costs no drawing.
            text = (GUTTER + self.empty_text if line == 0 else GUTTER) if not rows else ""
            strip = self._plain.get(text)
            if strip is None:
                strip = (draw([(clean(text), PLAIN)], width, drawing.empty, drawing.kinds) if not rows
                         else Strip.blank(width, drawing.row.rich_style))
                self._plain.set(text, strip)
            return strip
        is_cursor = row == self.cursor
        index = rows[row]
        key = (index, part, is_cursor)
        strip = self._strips.get(key)
        if strip is None:
            gutter = MARKER if is_cursor and part == 0 else GUTTER
            content = self._row(index)[part]
            strip = draw([(gutter, PLAIN), *content], width,
                         drawing.cursor if is_cursor else drawing.row, drawing.kinds)
            self._strips.set(key, strip)
        return strip

    def render_line(self, y: int) -> Strip:
        drawing = self._pass or self._begin()
        strip = self._line(drawing, y)
        line = self.scroll_offset.y + y
        self.follow_cursor(y)
        self._drawn[y] = strip
        self._drawn_at = line - y
        self._first_out = True
        return strip

    def _settle(self) -> None:
        if not self._first_out and self._waits < 4:  # the first frame is not out yet: it goes first
            self._waits += 1
            self._later = self.set_timer(SECOND_STAGE, self._settle)
            return
        self._later = None
        self._update_size()
        self._repaint()

    def _repaint(self, upto: int | None = None) -> bool:
        """Redraw the lines that differ from what is on screen, and only those: after a
        keystroke many rows are often unchanged (or the list stays empty). With `upto`,
        only the viewport's first `upto` lines. True if any line is to be redrawn."""
        height = self.scrollable_content_region.height
        if not height or self._drawn_at != self.scroll_offset.y:
            self.refresh()
            return bool(height)
        if upto is not None:
            height = min(height, upto)
        drawing = self._begin()
        drawn = self._drawn
        width = self.size.width
        start = None
        any_changed = False
        for y in range(height + 1):
            changed = y < height and self._line(drawing, y) != drawn.get(y)
            if changed and start is None:
                start = y
            elif not changed and start is not None:
                self.refresh(Region(0, start, width, y - start))
                start = None
                any_changed = True
        return any_changed
