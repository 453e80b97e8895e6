"""Flag an item: a one-line note for the pack's author ("the answer looks wrong because…")."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..core.flags import MAX_NOTE
from ..core.model import Item


class FlagScreen(ModalScreen[str | None]):
    """Returns the note typed (Enter), or None (Esc)."""
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "dialogs.tcss"


    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="flag.cancel", tooltip="Close without flagging."),
    ]

    def __init__(self, item: Item) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-box"):
            yield Static(f"Flag item {self.item.id} for the pack's author", id="flag-title", markup=False)
            yield Static(self.item.prompt, id="flag-prompt", markup=False)
            yield Input(placeholder="The answer looks wrong because…", max_length=MAX_NOTE, id="flag-note")
            yield Static("Enter saves the note · Esc cancels", id="flag-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#flag-note", Input).focus()

    @on(Input.Submitted, "#flag-note")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
