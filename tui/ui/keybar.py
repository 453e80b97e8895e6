"""The key bar: one line at the bottom of every screen with the keys that apply now.

It is drawn from the screen's live bindings (like Textual's Footer, and like the help
screen), so it can never disagree with them. It is a single widget updated in place,
not one widget per key, so changing the keys after an answer costs one line's repaint.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


def key_pairs(screen: Screen) -> list[tuple[str, str, bool]]:
    """(key as shown, description, enabled) for each shown binding, one per action."""
    seen: set[str] = set()
    pairs = []
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        pairs.append((screen.app.get_key_display(binding), binding.description, enabled))
    return pairs


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

    def show_keys(self, screen: Screen) -> None:
        parts: list[Content] = []
        for key, description, enabled in key_pairs(screen):
            if enabled:
                parts.append(Content.assemble((f" {key} ", "bold $footer-key-foreground"), description))
            else:
                parts.append(Content.assemble((f" {key} ", "$text-muted"), (description, "$text-muted")))
        self.update(Content(" ").join(parts), layout=False)  # one line, always
