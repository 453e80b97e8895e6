"""The floor: a bare Textual hello-world. Every benchmark bar is a ratio to it.

It shows `Hello, floor`; each press of `n` shows the next `Pressed K` marker, so the
key-latency measurement can be made on it exactly as on the app under test.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class FloorApp(App):
    BINDINGS = [("n", "press", "Next")]

    presses = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, floor", id="marker")
        yield Footer()

    def action_press(self) -> None:
        self.presses += 1
        self.query_one("#marker", Static).update(f"Pressed {self.presses}")


if __name__ == "__main__":
    FloorApp().run()
