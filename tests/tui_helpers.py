"""Helpers for Pilot tests: build the app as the command does, and read what is shown."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import OptionList, Static

from tui.core.engine import Session
from tui.ui.app import MythQuizApp
from tui.ui.quiz_body import QuizBody
from tui.ui.search_box import SearchBox


def make_app(pack, *, seed: int | None = None, count: int | None = 20, kind: str | None = None,
             topic: str | None = None, home: bool = False) -> MythQuizApp:
    session = None if home else Session.create(pack, seed=seed, count=count, kind=kind, topic=topic)
    return MythQuizApp(pack, session=session)


def _shown(widget: Widget) -> bool:
    node = widget
    while isinstance(node, Widget):
        if not node.display:
            return False
        node = node.parent
    return True


def screen_text(app) -> str:
    """The text of every visible Static, option, search box and quiz body on the current screen, in DOM
    order (a quiz body's whole text, also what is scrolled out of view)."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if not _shown(widget):
            continue
        if isinstance(widget, Static):
            parts.append(str(widget.visual))
        elif isinstance(widget, SearchBox):
            parts.append(f"{widget.label} {widget.value}")
        elif isinstance(widget, QuizBody):
            parts.append(widget.text)
        elif isinstance(widget, OptionList):
            parts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    return "\n".join(parts)


def help_rows(app) -> list[tuple[str, str]]:
    """(keys, description) of each row of the help screen, as its two columns show them."""
    keys = [str(w.visual) for w in app.screen.query(".help-key")]
    texts = [str(w.visual) for w in app.screen.query(".help-text")]
    assert len(keys) == len(texts)
    return list(zip(keys, texts))


def lists_key(app, key: str, words: str) -> bool:
    """The help screen has a row whose keys begin with `key` and whose description holds
    `words` (case aside)."""
    import re

    return any((keys == key or keys.startswith(key + ",")) and re.search(words, text, flags=re.I)
               for keys, text in help_rows(app))


def flat(text: str) -> str:
    """Whitespace folded, for matching text that the layout may wrap."""
    return " ".join(text.split())
