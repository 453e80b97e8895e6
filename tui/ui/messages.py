"""Messages that widgets post to say what the user wants; screens decide what happens."""

from __future__ import annotations

from textual.message import Message


class MenuChosen(Message):
    """An entry of the home menu was chosen (by its key, or arrows and Enter)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
