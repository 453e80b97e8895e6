"""Help: every key of the screen the user came from, generated from its live bindings.

Built from `Screen.active_bindings`, so it can never disagree with what the keys do.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from .keybar import KeyBar

# Keys a user reads better in words.
KEY_NAMES = {
    "escape": "Esc", "enter": "Enter", "space": "Space", "up": "↑", "down": "↓",
    "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home",
    "end": "End", "question_mark": "?", "slash": "/", "tab": "Tab", "backspace": "Backspace",
    "delete": "Delete", "ctrl+left": "ctrl+←", "ctrl+right": "ctrl+→",
}


# Textual's own Tab / Shift+Tab (mythquiz's screens need no focus moves: `/` and Esc move
# between the search box and the list) and copy of selected text: they work, unlisted.
NOT_LISTED = {"focus_next", "focus_previous", "app.focus_next", "app.focus_previous",
              "copy_text", "screen.copy_text", "app.copy_text"}


def key_label(key: str, binding: Binding, shared: frozenset[str] = frozenset()) -> str:
    """The key as the key bar shows it (`1-5` for five picks); a `key_display` in `shared`
    stands for keys that do different things (1, 2, 3: how sure), so each is named."""
    if binding.key_display and binding.key_display not in shared:
        return binding.key_display
    return KEY_NAMES.get(key, key)


def shared_displays(bindings: list[Binding]) -> frozenset[str]:
    """The `key_display`s given to bindings with different descriptions."""
    texts: dict[str, set[str]] = {}
    for binding in bindings:
        if binding.key_display:
            texts.setdefault(binding.key_display, set()).add(binding.tooltip or binding.description)
    return frozenset(display for display, found in texts.items() if len(found) > 1)


def help_rows(screen: Screen) -> list[tuple[str, str, bool]]:
    """(keys, what they do, available now) for every binding active on `screen`.

    The screen's own keys come first, then the app's, then the keys of the focused
    widget (moving in a list, scrolling) under a heading row whose keys are empty, then
    those of widgets the screen names in `HELP_ALSO` (heading, widget class).
    Plain keys are listed before combinations (`q` before `ctrl+q`).
    """
    sections: list[dict[str, tuple[list[str], bool]]] = [{} for _ in range(6)]
    app = screen.app
    also = [(heading, [b for b in widget_class.BINDINGS if isinstance(b, Binding)])
            for heading, widget_class in getattr(screen, "HELP_ALSO", ())]
    shared = shared_displays([active.binding for active in screen.active_bindings.values()]
                             + [b for _heading, bindings in also for b in bindings])
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system or binding.action in NOT_LISTED:
            continue
        # mythquiz's own bindings (they carry ids) before Textual's built-in ones.
        place = 0 if active.node is screen else 1 if active.node is app else 2
        rows = sections[place * 2 + (0 if binding.id else 1)]
        text = binding.tooltip or binding.description
        keys, enabled = rows.get(text, ([], False))
        label = key_label(key, binding, shared)
        if label not in keys:
            keys.append(label)
        rows[text] = (keys, enabled or active.enabled)

    def lines(rows: dict[str, tuple[list[str], bool]]) -> list[tuple[str, str, bool]]:
        return [
            (", ".join(sorted(keys, key=lambda k: ("+" in k, len(k)))), text, enabled)
            for text, (keys, enabled) in rows.items()
        ]

    result = [row for rows in sections[:4] for row in lines(rows)]
    # Keys that are not live now, right after the live ones (browse's search box before
    # `/`; the quiz's certainty keys before an answer).
    for heading, bindings in also:
        result.append(("", heading, True))
        for binding in bindings:
            keys = [key_label(key.strip(), binding, shared) for key in binding.key.split(",")]
            result.append((", ".join(keys), binding.tooltip or binding.description, True))
    if sections[4] or sections[5]:
        result.append(("", "Moving around the focused list or text:", True))
        result += lines(sections[4]) + lines(sections[5])
    # What the screen's figures mean (the quiz and its summary: d′ and c).
    result += [("", note, True) for note in getattr(screen, "HELP_NOTES", ())]
    return result


class HelpScreen(ModalScreen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close help", id="help.close", tooltip="Close help and go back."),
        Binding("question_mark", "close", "Close help", key_display="?", id="help.close2",
                tooltip="Close help and go back."),
        # A modal screen hides the app's keys: `q` quits from here as from every screen.
        Binding("q", "app.quit_app", "Quit", id="help.quit", tooltip="Quit mythquiz (asks first during a quiz)."),
    ]

    def __init__(self, title: str, rows: list[tuple[str, str, bool]]) -> None:
        super().__init__()
        self.help_title = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        # Keys in one column, each description wrapped under its own: a grid of two per
        # section. A heading stands between the grids, not in one: a grid sizes a row
        # spanning both columns as if it were as narrow as the first, and the heading's
        # row came out several lines tall, blank below it.
        width = max((len(keys) for keys, _, _ in self.rows), default=4) + 2
        sections: list[tuple[str | None, list[tuple[str, str, bool]]]] = [(None, [])]
        for keys, text, enabled in self.rows:
            if keys:
                sections[-1][1].append((keys, text, enabled))
            else:
                sections.append((text, []))
        with Vertical(id="help-box"):
            yield Static(f"Keys: {self.help_title}", id="help-title", markup=False)
            with VerticalScroll(id="help-scroll"):
                for heading, rows in sections:
                    if heading is not None:
                        yield Static(heading, classes="help-heading", markup=False)
                    if not rows:
                        continue
                    with Grid(classes="help-keys") as grid:
                        grid.styles.grid_columns = (f"{width}", "1fr")
                        for keys, text, enabled in rows:
                            note = "" if enabled else "  (not available right now)"
                            yield Static(keys, classes="help-key", markup=False)
                            yield Static(text + note, classes="help-text", markup=False)
            yield Static("Esc or ? closes this help. Arrows scroll.", id="help-hint", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
