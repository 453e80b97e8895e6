"""The home menu: an OptionList whose highlighted entry is marked `▶` (not by colour
alone) and drawn bold on the theme's highlight colour (in reverse bold while the menu is
not focused), with the terminal cursor on it."""

from __future__ import annotations

from textual import on
from textual.geometry import Offset
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .cursor import CursorFollow
from .messages import MenuChosen

MARKER = "▶ "
GUTTER = "  "


class Menu(CursorFollow, OptionList):
    DEFAULT_CSS = """
    Menu > .option-list--option-highlighted {
        text-style: reverse bold;
    }
    """

    def __init__(self, *entries: tuple[str, str], id: str | None = None) -> None:
        """`entries`: (id, text) of each entry."""
        self.texts = {key: text for key, text in entries}
        self._marked: int | None = None
        super().__init__(*(Option(GUTTER + text, id=key) for key, text in entries), id=id, markup=False)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted != self._marked:
            for index, marker in ((self._marked, GUTTER), (highlighted, MARKER)):
                if index is not None and index < self.option_count:
                    option = self.get_option_at_index(index)
                    assert option.id is not None
                    self.replace_option_prompt_at_index(index, marker + self.texts[option.id])
            self._marked = highlighted
        super().watch_highlighted(highlighted)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        # What the user chose, said as the menu's own message; the screen decides.
        event.stop()
        if event.option.id is not None:
            self.post_message(MenuChosen(event.option.id))

    def cursor_spot(self) -> Offset | None:
        # Each entry is one line, the border is outside the content.
        return None if self.highlighted is None else Offset(0, self.highlighted)
