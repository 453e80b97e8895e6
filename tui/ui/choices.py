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
        content = Content("\n").join(lines)
        width = self.content_region.width
        self._cursor_line = (sum(len(Content.assemble("  ", f"{n + 1}. {text}").wrap(width))
                                 for n, text in enumerate(self.texts[: self.highlighted]))
                             if self.marks is None and width > 0 else None)
        # A layout pass only when the number of lines changes (a new question, a long note).
        width = self.content_region.width
        height = len(content.wrap(width)) if width > 0 else -1
        self.update(content, layout=height != getattr(self, "_height", None) or height < 0)
        self._height = height

    def render_line(self, y: int) -> Strip:
        # The cursor is placed while the line is drawn, so it moves in the same frame.
        if y == getattr(self, "_cursor_line", None):
            region = self.content_region
            self.app.cursor_position = Offset(region.x, region.y + y)
        return super().render_line(y)

    @property
    def cursor_offset(self) -> Offset | None:
        """Where the highlighted option is on screen (for App.cursor_position)."""
        if self.marks is not None or not self.texts or not self.region:
            return None
        width = max(1, self.content_region.width)
        line = sum(len(Content(f"  {n + 1}. {text}").wrap(width))
                   for n, text in enumerate(self.texts[: self.highlighted]))
        return Offset(self.content_region.x, self.content_region.y + line)
