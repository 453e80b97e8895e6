"""The answer options of a question, as one widget: numbered lines, the highlighted one
marked with `▶` (and reverse video), and after the answer `✓`/`✗` with words.

It takes no focus: the quiz screen moves the highlight with its own keys, so answering
never moves focus or restyles the screen, and the terminal cursor is put on the
highlighted line for screen magnifiers and braille displays.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import Static


class Choices(Static):
    DEFAULT_CSS = """
    Choices {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.texts: list[str] = []
        self.highlighted = 0
        self.marks: list[tuple[str, str]] | None = None  # after the answer: (symbol, note)
        self._lines: list[Content] = []
        self._wrapped: tuple[int, list[int]] = (0, [])  # (width, lines each option takes)
        self._height = -1

    def ask(self, texts: list[str]) -> None:
        self.texts = list(texts)
        self.highlighted = 0
        self.marks = None
        self._draw()

    def move(self, step: int) -> None:
        if self.texts and self.marks is None:
            self.highlighted = (self.highlighted + step) % len(self.texts)
            self._draw()

    def mark(self, marks: list[tuple[str, str]]) -> None:
        self.marks = marks
        self._draw()

    def _draw(self) -> None:
        lines = []
        for n, text in enumerate(self.texts):
            if self.marks is None:
                here = n == self.highlighted
                lines.append(Content.assemble(("▶ " if here else "  "),
                                              (f"{n + 1}. {text}", "reverse bold" if here else "")))
            else:
                symbol, note = self.marks[n]
                lines.append(Content.assemble(f"{symbol} {n + 1}. {text}",
                                              (f"  ← {note}" if note else "", "bold")))
        self._lines = lines
        self._wrapped = (0, [])  # new lines: wrapped afresh
        heights = self._heights()
        # A layout pass only when the number of lines changes (a new question, a long note).
        height = sum(heights) if heights is not None else -1
        self.update(Content("\n").join(lines), layout=height != self._height or height < 0)
        self._height = height

    def _heights(self) -> list[int] | None:
        """How many screen lines each option takes at the current width (None before layout)."""
        width = self.content_region.width
        if width <= 0:
            return None
        if self._wrapped[0] != width:
            self._wrapped = (width, [len(line.wrap(width)) for line in self._lines])
        return self._wrapped[1]

    def render_line(self, y: int) -> Strip:
        # The terminal cursor goes on the highlighted option while it is drawn, so it moves
        # in the same frame (magnifiers and braille displays follow it).
        if self.marks is None and self.texts:
            heights = self._heights()
            if heights is not None and y == sum(heights[: self.highlighted]):
                region = self.content_region
                self.app.cursor_position = Offset(region.x, region.y + y)
        return super().render_line(y)
