"""The key bar: one line at the bottom of every screen with the keys that apply now.

It is drawn from the screen's live bindings (like Textual's Footer, and like the help
screen), so it can never disagree with them. It is a single widget updated in place,
not one widget per key, so changing the keys after an answer costs one line's repaint.

Back (Esc), Quit (`q`) and Help (`?`) are always shown, at the end of the line: where the line is too
narrow for every key, the screen's own keys are dropped from the right, the last shown
followed by `…` (the help screen lists them all).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static


ALWAYS = ("escape", "q", "question_mark")  # kept on the bar at any width: Back, Quit, Help
MORE = " …"  # stands for the keys dropped from a narrow bar
Pair = tuple[str, str, bool]


def key_pairs(screen: Screen) -> tuple[list[Pair], list[Pair]]:
    """(key as shown, description, enabled) for each shown binding, one per action: the
    screen's keys, and the keys that are always shown."""
    seen: set[str] = set()
    pairs: list[Pair] = []
    always: list[Pair] = []
    for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
        kept = key in ALWAYS
        if not binding.show or (binding.action in seen and not kept):
            continue
        seen.add(binding.action)
        pair = (screen.app.get_key_display(binding), binding.description, enabled)
        (always if kept else pairs).append(pair)
    return pairs, always


def cells(pairs: list[Pair]) -> int:
    """The width of these pairs on the bar: ` key description`, one space between pairs."""
    return sum(cell_len(f" {key} {text}") for key, text, _ in pairs) + max(0, len(pairs) - 1)


def fit(pairs: list[Pair], always: list[Pair], width: int) -> tuple[list[Pair], bool]:
    """As many of `pairs` as fit in `width` cells beside `always`; and whether some were
    dropped (then `MORE` follows the last one kept)."""
    kept = list(pairs)
    while kept and cells(kept + always) + (cell_len(MORE) if len(kept) < len(pairs) else 0) > width:
        kept.pop()
    return kept, len(kept) < len(pairs)


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False, id="keybar")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.show_keys)
        self.show_keys(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: Resize) -> None:
        self.show_keys(self.screen)

    def show_keys(self, screen: Screen) -> None:
        pairs, always = key_pairs(screen)
        kept, dropped = fit(pairs, always, self.size.width or self.app.size.width)
        parts: list[Content] = []
        for key, description, enabled in kept + always:
            if enabled:
                parts.append(Content.assemble((f" {key} ", "bold $footer-key-foreground"), description))
            else:
                parts.append(Content.assemble((f" {key} ", "$text-muted"), (description, "$text-muted")))
        if dropped and kept:
            parts[len(kept) - 1] += Content(MORE)
        self.update(Content(" ").join(parts), layout=False)  # one line, always
