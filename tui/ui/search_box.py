"""The browse screen's search field: a label, the words typed and a cursor, on one line.

Why not Textual's Input: every keystroke in an Input makes a layout pass of the whole
screen (its value is a layout reactive) and a full repaint, which on the browse screen
cost more than the search itself. This field only ever redraws its own line. It keeps
what a user expects of a text field: typing and pasting insert at the cursor (a paste
its first line, its tabs and spaces of any kind made plain spaces, 200 characters at most); ←/→,
Home/End (ctrl+a/ctrl+e) and ctrl+←/→ move it; Backspace, Delete (ctrl+d), ctrl+w, ctrl+u
and ctrl+k delete. The terminal cursor sits on the field's cursor, so magnifiers and
braille displays follow the typing. Text is shown literally; control characters are
never inserted. The cursor does not blink.
"""

from __future__ import annotations

import re
from unicodedata import category

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.geometry import Offset
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from .cursor import CursorFollow

MAX_LENGTH = 200  # characters kept of a query (a paste can be anything)
_WORD_LEFT = re.compile(r"\w+\W*$|\W+$")  # what ctrl+w deletes, before the cursor
_WORD_RIGHT = re.compile(r"^\W*\w+|^\W+")  # what ctrl+→ skips, after the cursor


def typeable(character: str) -> bool:
    """A character the field takes from a key: a printable one, or a space of any script
    (a no-break space, an ideographic space typed with an input method). Not a tab: Tab
    moves the focus."""
    return character.isprintable() or category(character) == "Zs"


def printable(text: str) -> str:
    """The text's first line, every kind of space or tab made a plain space and other
    control characters dropped: what can be put into the field."""
    text = text[:MAX_LENGTH * 4]  # a huge paste is cut before it is looked at
    line = text.splitlines()[0] if text else ""
    if line.isprintable():
        return line
    return "".join(" " if ch.isspace() else ch for ch in line if ch.isprintable() or ch.isspace())


class SearchBox(CursorFollow, Widget, can_focus=True):
    """A one-line text field; `value` is watched by the screen that owns it."""

    BINDINGS = [
        Binding("left", "cursor(-1)", "Cursor left", show=False, id="search.left",
                tooltip="Move the cursor one character left."),
        Binding("right", "cursor(1)", "Cursor right", show=False, id="search.right",
                tooltip="Move the cursor one character right."),
        Binding("ctrl+left", "word(-1)", "Word left", show=False, id="search.word-left",
                tooltip="Move the cursor to the start of the word."),
        Binding("ctrl+right", "word(1)", "Word right", show=False, id="search.word-right",
                tooltip="Move the cursor past the next word."),
        Binding("home,ctrl+a", "home", "Start", show=False, id="search.home",
                tooltip="Move the cursor to the start of the search."),
        Binding("end,ctrl+e", "end", "End", show=False, id="search.end",
                tooltip="Move the cursor to the end of the search."),
        Binding("backspace", "delete_left", "Delete left", show=False, id="search.backspace",
                tooltip="Delete the character before the cursor."),
        Binding("delete,ctrl+d", "delete_right", "Delete right", show=False, id="search.delete",
                tooltip="Delete the character under the cursor."),
        Binding("ctrl+w", "delete_word", "Delete word", show=False, id="search.delete-word",
                tooltip="Delete the word before the cursor."),
        Binding("ctrl+u", "delete_to_start", "Delete to start", show=False, id="search.clear-left",
                tooltip="Delete everything before the cursor."),
        Binding("ctrl+k", "delete_to_end", "Delete to end", show=False, id="search.clear-right",
                tooltip="Delete everything after the cursor."),
    ]

    COMPONENT_CLASSES = {"search-box--label", "search-box--cursor", "search-box--placeholder"}

    DEFAULT_CSS = """
    SearchBox {
        height: 1;
        padding: 0 1;
    }
    SearchBox > .search-box--label {
        text-style: bold;
    }
    SearchBox > .search-box--cursor {
        text-style: reverse;
    }
    SearchBox > .search-box--placeholder {
        color: $text-muted;
    }
    """

    value: reactive[str] = reactive("", layout=False, repaint=False, init=False)

    def __init__(self, value: str = "", *, label: str = "Search:", placeholder: str = "",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.placeholder = placeholder
        self.cursor = 0
        self._start = 0  # first character shown, when the text is wider than the field
        self._styles: tuple[RichStyle, ...] | None = None
        self._caret = 0  # the cell of the caret on the line, as last drawn
        self.set_reactive(SearchBox.value, self.validate_value(value))
        self.cursor = len(self.value)

    # ---- editing ----

    def validate_value(self, value: str) -> str:
        return printable(value)[:MAX_LENGTH]

    def watch_value(self, value: str) -> None:
        self.cursor = min(self.cursor, len(value))
        self.refresh()

    def _edit(self, value: str, cursor: int) -> None:
        """Replace the text and put the cursor at `cursor` (the screen hears of the text)."""
        self.cursor = max(0, min(cursor, len(value)))
        if value == self.value:
            self.refresh()  # only the cursor moved
        else:
            self.value = value

    def insert(self, text: str) -> None:
        text = printable(text)
        room = MAX_LENGTH - len(self.value)
        if text and room > 0:
            text = text[:room]
            at = self.cursor
            self._edit(self.value[:at] + text + self.value[at:], at + len(text))

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Letters are typed, not taken by the screen's or the app's keys.
        return character is not None and len(character) == 1 and typeable(character)

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if character is not None and self.check_consume_key(event.key, character):
            event.stop()
            event.prevent_default()
            self.insert(character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.insert(event.text)

    def on_click(self, event: events.Click) -> None:
        # The cursor goes where the text was clicked.
        cells = event.x - self.gutter.left - cell_len(self.label) - 1
        shown = self.value[self._start:]
        at = 0
        while at < len(shown) and cell_len(shown[:at + 1]) <= cells:
            at += 1
        self._edit(self.value, self._start + at)

    def action_cursor(self, delta: int) -> None:
        self._edit(self.value, self.cursor + delta)

    def action_word(self, direction: int) -> None:
        if direction < 0:
            found = _WORD_LEFT.search(self.value[:self.cursor])
            self._edit(self.value, found.start() if found else 0)
        else:
            found = _WORD_RIGHT.search(self.value[self.cursor:])
            self._edit(self.value, self.cursor + (found.end() if found else 0))

    def action_home(self) -> None:
        self._edit(self.value, 0)

    def action_end(self) -> None:
        self._edit(self.value, len(self.value))

    def action_delete_left(self) -> None:
        at = self.cursor
        if at:
            self._edit(self.value[:at - 1] + self.value[at:], at - 1)

    def action_delete_right(self) -> None:
        at = self.cursor
        self._edit(self.value[:at] + self.value[at + 1:], at)

    def action_delete_word(self) -> None:
        found = _WORD_LEFT.search(self.value[:self.cursor])
        start = found.start() if found else 0
        self._edit(self.value[:start] + self.value[self.cursor:], start)

    def action_delete_to_start(self) -> None:
        self._edit(self.value[self.cursor:], 0)

    def action_delete_to_end(self) -> None:
        self._edit(self.value[:self.cursor], self.cursor)

    # ---- drawing ----

    def cursor_spot(self) -> Offset | None:
        return Offset(self._caret, 0)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _get_styles(self) -> tuple[RichStyle, ...]:
        if self._styles is None:
            base = self.get_visual_style()
            self._styles = (
                base.rich_style,
                (base + self.get_visual_style("search-box--label")).rich_style,
                # A visual style has no reverse video: the rich style of the component has.
                self.get_component_rich_style("search-box--cursor"),
                (base + self.get_visual_style("search-box--placeholder")).rich_style,
            )
        return self._styles

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if y or width <= 0:
            return Strip.blank(width, self._get_styles()[0])
        plain, label, cursor, muted = self._get_styles()
        head = f"{self.label} "
        value, at = self.value, self.cursor
        # Room for the text, the character under the cursor (or a space past the end) kept.
        room = width - cell_len(head) - cell_len(value[at:at + 1] or " ")
        # Scroll sideways so that the cursor stays inside the field.
        if at < self._start:
            self._start = at
        while self._start < at and cell_len(value[self._start:at]) > room:
            self._start += 1
        # ... and shows as much of the text as fits.
        while self._start and cell_len(value[self._start - 1:]) <= room:
            self._start -= 1
        shown = value[self._start:]
        before = shown[:at - self._start]
        focused = self.has_focus
        segments = [Segment(head, label)]
        if focused:
            # The character under the cursor (a space past the end) in reverse video.
            under = shown[at - self._start:at - self._start + 1] or " "
            segments += [Segment(before, plain), Segment(under, cursor),
                         Segment(shown[at - self._start + 1:], plain)]
        else:
            segments.append(Segment(shown, plain))
        if not value:
            segments.append(Segment(("" if focused else " ") + self.placeholder, muted))
        self._caret = cell_len(head) + cell_len(before)
        self.follow_cursor(y)
        return Strip([segment for segment in segments if segment.text]).crop_extend(0, width, plain)
