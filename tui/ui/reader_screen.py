"""The source reader: a whole document under its metadata, with the current item's
excerpts highlighted and the view scrolled to one of them.

Every excerpt of the item is underlined; the current one is also in reverse video, so both
show without colour. `n` / `p` jump to the next / previous excerpt (into another document
if the item quotes more than one). Esc returns to the screen underneath, untouched.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Offset
from textual.screen import Screen
from textual.widgets import Static

from ..core.explain import Mark, first_evidence_mark, reader_marks, source_facts
from ..core.model import Item, Pack
from ..core.wording import capitalised
from .cursor import ReadingScroll
from .keybar import KeyBar

MARK_STYLE = "underline $text-warning"
CURRENT_STYLE = "reverse bold"
CONTEXT_LINES = 2  # lines of the document shown above the excerpt scrolled to


def wrapped_line_of(text: str, offset: int, width: int) -> int:
    """Which screen line (0-based) holds character `offset` of `text` wrapped at `width`,
    wrapped the way a Static wraps it."""
    y = 0
    start = 0
    for logical in text.split("\n"):
        end = start + len(logical)
        pieces = Content(logical).wrap(max(1, width))
        if offset <= end:
            position = 0
            for n, piece in enumerate(pieces):
                found = logical.find(piece.plain, position) if piece.plain else position
                if found < 0:
                    found = position
                position = found + len(piece.plain)
                if offset - start < position or n == len(pieces) - 1:
                    return y + n
        y += len(pieces)
        start = end + 1
    return y


class ReaderScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "explainer.tcss"
    BINDINGS = [
        Binding("n", "step(1)", "Next excerpt", id="reader.next",
                tooltip="Jump to the next highlighted excerpt."),
        Binding("p", "step(-1)", "Previous excerpt", id="reader.previous",
                tooltip="Jump to the previous highlighted excerpt."),
        Binding("escape", "back", "Back", id="reader.back", tooltip="Go back to where you were."),
    ]

    def __init__(self, pack: Pack, item: Item | None = None, source_id: str | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.item = item
        self.marks: list[Mark] = reader_marks(pack, item) if item is not None else []
        self.current: int | None = first_evidence_mark(self.marks) if self.marks else None
        if self.current is not None:
            source_id = self.marks[self.current].source
        if source_id is None:
            source_id = next(iter(pack.sources))
        self.source_id = source_id
        self.shown_source: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="reader-status", markup=False)
        with ReadingScroll(id="reader-scroll"):
            yield Static(id="reader-header")
            yield Static(id="reader-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#reader-scroll").focus()
        self.show()

    # ---- drawing ----

    def marks_here(self) -> list[tuple[int, Mark]]:
        return [(n, m) for n, m in enumerate(self.marks) if m.source == self.source_id]

    def show(self) -> None:
        """Draw the document (if it changed) and the highlights; scroll to the current one."""
        source = self.pack.sources[self.source_id]
        text = self.pack.text_of(self.source_id)
        if self.shown_source != self.source_id:
            self.query_one("#reader-header", Static).update(self.header(source.id))
            self.shown_source = self.source_id
        body = Content(text)
        for n, mark in self.marks_here():
            body = body.stylize(CURRENT_STYLE if n == self.current else MARK_STYLE, mark.start, mark.end)
        self.query_one("#reader-text", Static).update(body)
        self.show_status()
        self.refresh_bindings()
        if self.current is not None:
            self.call_after_refresh(self.scroll_to_current)
        else:
            self.query_one("#reader-scroll", ReadingScroll).scroll_home(animate=False)

    def header(self, source_id: str) -> Content:
        source = self.pack.sources[source_id]
        cited = self.pack.citation_counts()[source_id]
        rows = [Content.assemble((source.title, "bold"))]
        rows += [Content.assemble((f"{label}: ", "bold"), text)
                 for label, text in source_facts(source, cited) if label != "Title"]
        here = len(self.marks_here())
        if self.item is not None:
            elsewhere = len(self.marks) - here
            note = (f"Highlighted: {here} excerpt{'s' if here != 1 else ''} of item {self.item.id}"
                    + (f" here, {elsewhere} in another document" if elsewhere else "")
                    + ". The current one is in reverse video; n and p move between them.")
            rows.append(Content.assemble(("\n" + note, "italic")))
        rows.append(Content("─" * 40))
        return Content("\n").join(rows)

    def show_status(self) -> None:
        """What matters first: the document, the line, which excerpt; then what it is."""
        source = self.pack.sources[self.source_id]
        # A source's name is written to stand inside a sentence ("the … report"); here it heads a line.
        parts: list[str | tuple[str, str]] = [(capitalised(source.name), "bold")]
        if self.current is not None:
            mark = self.marks[self.current]
            parts.append(f"  line {mark.line}  excerpt {self.current + 1} of {len(self.marks)}"
                         f"  ({', '.join(mark.labels)})")
        self.query_one("#reader-status", Static).update(Content.assemble(*parts))

    def current_line(self) -> int | None:
        """The screen line, within the scrolled text, where the current excerpt begins."""
        if self.current is None:
            return None
        text_widget = self.query_one("#reader-text", Static)
        mark = self.marks[self.current]
        text = self.pack.text_of(self.source_id)
        return text_widget.virtual_region.y + wrapped_line_of(text, mark.start, text_widget.size.width)

    def scroll_to_current(self, tries: int = 20) -> None:
        y = self.current_line()
        if y is None:
            return
        scroll = self.query_one("#reader-scroll", ReadingScroll)
        target = max(0, y - CONTEXT_LINES)
        # Until the document has been laid out at its width, there is nowhere to scroll to.
        if (self.query_one("#reader-text").size.width == 0 or scroll.max_scroll_y < target) and tries:
            self.call_after_refresh(self.scroll_to_current, tries - 1)
            return
        # The terminal cursor goes to the start of the excerpt (see cursor.py).
        scroll.spot = Offset(0, y)
        scroll.scroll_to(y=target, animate=False, immediate=True)
        scroll.show_spot()

    # ---- actions ----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return len(self.marks) > 1
        return True

    def action_step(self, delta: int) -> None:
        if self.current is None or not self.marks:
            return
        self.current = (self.current + delta) % len(self.marks)
        self.source_id = self.marks[self.current].source
        self.show()

    def action_back(self) -> None:
        self.dismiss(None)
