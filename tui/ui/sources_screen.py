"""The documents of the pack: a table (title, publisher, date, genre, items citing it) and,
below it, everything known about the highlighted one. Enter opens it in the reader."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.content import Content
from textual.screen import Screen
from textual.geometry import Offset
from textual.widgets import DataTable, Static

from ..core.explain import source_facts
from ..core.model import Pack
from .cursor import CursorFollow
from .keybar import KeyBar
from .messages import OpenReader


MARKER = "▶"


class SourceTable(CursorFollow, DataTable):
    """The sources, one row each; Enter reads the highlighted one. The highlighted row is
    marked `▶` in its first column (not by colour alone) and drawn bold on the theme's
    highlight colour (in reverse bold while the table is not focused)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Read", id="sources.read",
                tooltip="Read the highlighted document."),
    ]
    DEFAULT_CSS = """
    SourceTable > .datatable--cursor {
        text-style: reverse bold;
    }
    """

    def cursor_spot(self) -> Offset | None:
        if not self.row_count:
            return None
        rows = self.ordered_rows[:self.cursor_row]
        return Offset(self.cell_padding, self.header_height + sum(row.height for row in rows))


class SourcesScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "explainer.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="sources.back", tooltip="Go back."),
    ]

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack
        self.counts = pack.citation_counts()
        self.order = list(pack.sources)

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Source documents", "bold"),
                                      f"   {len(self.order)} documents; every item quotes one or more"),
                     id="sources-status")
        yield SourceTable(id="sources-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="source-facts-scroll"):
            yield Static(id="source-facts")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill_table(self.app.size.width)
        self.query_one(SourceTable).focus()
        self.show_facts(0)

    def on_resize(self, event: Resize) -> None:
        self.fill_table(event.size.width)

    WIDE = 100  # columns: narrower, the publisher is left to the facts under the table

    def fill_table(self, width: int) -> None:
        """One row per document; the title (and publisher) share what the other columns
        leave, and every cell wraps (rows grow) rather than being cut."""
        table = self.query_one(SourceTable)
        row = table.cursor_row if table.row_count else 0
        wide = width >= self.WIDE
        fixed = {"Date": 17 if wide else 10, "Genre": 19 if wide else 9, "Cited by": 8}
        columns = 1 + len(fixed) + (2 if wide else 1)
        padding = 2 * table.cell_padding * columns + 1 + 4  # cell padding, marker, margins, scrollbar
        free = max(14, width - sum(fixed.values()) - padding)
        widths = ({"Title": free * 3 // 5, "Publisher": free - free * 3 // 5} if wide else {"Title": free})
        table.clear(columns=True)
        table.add_column("", width=1, key="mark")
        for label, w in {**widths, **fixed}.items():
            table.add_column(Text(label), width=w, key=label)
        # Cells are rich Text, never markup: titles are shown exactly as written.
        for source_id in self.order:
            s = self.pack.sources[source_id]
            n = self.counts[source_id]
            cells = [Text(s.title)]
            if wide:
                cells.append(Text(s.publisher or "not named in the text"))
            cells += [Text(s.shown_date), Text(s.genre), Text(f"{n} item{'s' if n != 1 else ''}")]
            table.add_row(Text(""), *cells, key=source_id, height=None)
        table.move_cursor(row=row, animate=False)
        self.mark_row(table.cursor_row)

    def mark_row(self, row: int) -> None:
        table = self.query_one(SourceTable)
        for n, source_id in enumerate(self.order):
            table.update_cell(source_id, "mark", Text(MARKER if n == row else ""))

    def show_facts(self, row: int) -> None:
        source = self.pack.sources[self.order[row]]
        facts = source_facts(source, self.counts[source.id])
        self.query_one("#source-facts", Static).update(
            Content("\n").join(Content.assemble((f"{label}: ", "bold"), text) for label, text in facts)
        )

    @on(DataTable.RowHighlighted, "#sources-table")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.mark_row(event.cursor_row)
        self.show_facts(event.cursor_row)

    @on(DataTable.RowSelected, "#sources-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(OpenReader(source_id=self.order[event.cursor_row]))

    def action_back(self) -> None:
        self.dismiss(None)
