"""The terminal cursor follows what the user is on, for screen magnifiers and braille
displays: the highlighted row of a list or menu, the highlighted option, the search box's
caret, the start of the text being read. This module is the one place that puts it there.

A widget says where its spot is (`cursor_spot`, in its own content: column, line of the
whole scrollable content) and `CursorFollow` puts the cursor there while that line is
drawn, if the widget or a container around it has the focus. Containers that scroll text
(item detail, source reader) use `ReadingScroll`, which moves the cursor as they scroll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Offset
from textual.strip import Strip
from textual.widget import Widget
from textual.containers import VerticalScroll


def focused_here(widget: Widget) -> bool:
    """The widget, or a container around it, has the focus."""
    focused = widget.screen.focused
    return focused is not None and (focused is widget or focused in widget.ancestors)


def place(widget: Widget, spot: Offset) -> None:
    """Put the terminal cursor on `spot` of the widget's content (scrolled as shown),
    kept inside the widget."""
    region = widget.content_region
    if not region:
        return
    x = min(max(region.x + spot.x - widget.scroll_offset.x, region.x), region.right - 1)
    y = min(max(region.y + spot.y - widget.scroll_offset.y, region.y), region.bottom - 1)
    widget.app.cursor_position = Offset(x, y)


if TYPE_CHECKING:
    _Mixin = Widget
else:
    # A plain mixin: as a Widget subclass ahead of a widget class it would change how
    # Textual merges that class's styles (a ScrollView stopped scrolling).
    _Mixin = object


class CursorFollow(_Mixin):
    """For Line API widgets (`render_line`): the cursor goes to `cursor_spot()` when the
    line that holds it is drawn. A widget that draws its own lines calls `follow_cursor`."""

    def cursor_spot(self) -> Offset | None:
        """Where the cursor belongs in this widget's content; None: nowhere here."""
        return None

    def follow_cursor(self, y: int) -> None:
        """Viewport line `y` is being drawn: if it holds the spot, the cursor goes there."""
        spot = self.cursor_spot()
        if spot is not None and spot.y == self.scroll_offset.y + y and focused_here(self):
            place(self, spot)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        self.follow_cursor(y)  # after the widget's own render_line, which may set the spot
        return strip


class ReadingScroll(VerticalScroll):
    """A scrolling text: the cursor is at the start of what is read, the `spot` set by the
    screen (the current excerpt) while it is in view, else the top of the view."""

    spot: Offset | None = None

    def show_spot(self) -> None:
        if not self.has_focus:
            return
        spot = self.spot
        top = round(self.scroll_y)
        if spot is None or not top <= spot.y < top + self.scrollable_content_region.height:
            spot = Offset(0, top)
        place(self, spot)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.show_spot()

    def on_focus(self) -> None:
        self.show_spot()

    def on_resize(self) -> None:
        self.show_spot()
