"""The home menu: an OptionList whose highlighted option carries the terminal cursor (for
screen magnifiers and braille displays) and is shown in reverse bold, not by colour alone.
"""

from __future__ import annotations

from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import OptionList


class Menu(OptionList):
    DEFAULT_CSS = """
    Menu > .option-list--option-highlighted {
        text-style: reverse bold;
    }
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return strip
        if index == self.highlighted and offset == 0 and self.has_focus:
            region = self.content_region
            self.app.cursor_position = Offset(region.x, region.y + y)
        return strip
