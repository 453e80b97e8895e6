"""Shown instead of a broken layout when the terminal is smaller than 60x20; it goes away
by itself when the terminal is large enough again, with everything as it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen > Static {
        width: 100%;
        height: auto;
        padding: 0 1;
        text-align: center;
    }
    """
    BINDINGS = [
        Binding("q", "app.quit_app", "Quit", id="small.quit", tooltip="Quit mythquiz."),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small", markup=False)

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def show_size(self) -> None:
        w, h = self.app.size
        self.query_one("#too-small", Static).update(
            f"Terminal too small, need {MIN_WIDTH}x{MIN_HEIGHT} (now {w}x{h}).\n"
            "Make the window larger to go on; nothing is lost. q quits."
        )
