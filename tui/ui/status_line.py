"""A one-line status bar whose drawn line is kept for each text it has shown.

The quiz's status (question number, score, streak) and the browse screen's (how many items
match) change on every key. A Static would lay out and render its text each time; this one
draws each text once into a line and keeps it, never lays out (it is one line whatever it
says), and can draw a text ahead of need (`prepare`).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Static


def shorten(text: str, cells: int) -> str:
    """`text` in at most `cells` cells, cut with `…` if it is longer."""
    if cell_len(text) <= cells:
        return text
    if cells <= 1:
        return "…"[:max(0, cells)]
    while text and cell_len(text) > cells - 1:
        text = text[:-1]
    return text.rstrip() + "…"


class StatusLine(Static):
    """One line of status text; `show` replaces it, `prepare` draws a text ahead of need."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self._ready: dict[tuple[object, ...], Strip] = {}

    @property
    def room(self) -> int:
        """Cells for the text (before the first layout: the screen's width less padding)."""
        return self.content_region.width or max(0, self.app.size.width - 2)

    def show(self, content: Content) -> None:
        self.update(content, layout=False)  # one line, always

    def prepare(self, content: Content) -> None:
        self._strip(content)

    def _strip(self, content: Content) -> Strip:
        width = self.content_region.width
        key = (width, content.plain, *content.spans)
        strip = self._ready.get(key)
        if strip is None:
            if len(self._ready) > 16:
                self._ready.clear()
            if content.plain.isprintable() and cell_len(content.plain) <= width:
                # One line that fits: its segments, padded (a tenth of the general way's cost).
                style = self.visual_style
                strip = Strip(content.render_segments(style)).extend_cell_length(width, style.rich_style)
            else:
                strip = Visual.to_strips(self, content, width, 1, self.visual_style, pad=True)[0]
            self._ready[key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        content = self.visual
        if y or not isinstance(content, Content) or self.content_region.width <= 0:
            return super().render_line(y)
        return self._strip(content)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._ready.clear()
