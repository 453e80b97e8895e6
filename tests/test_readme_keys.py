"""README's keys table lists what `?` lists: every key the help screen shows for a screen
appears in that screen's row of the table (or in its "everywhere" row), scroll keys
included. The help screen is generated from the live bindings, so a key added to a
screen and not to README fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.engine import Session
from tui.ui.app import MythQuizApp

from tui_helpers import help_rows

README = Path(__file__).resolve().parents[1] / "README.md"

# How README writes a key the help screen shows as Textual displays it.
SPELLING = {"pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End"}


# Screens whose help also lists the keys of a part README gives a row of its own.
ALSO = {"browse": "search box (after `/`)"}


def readme_row(where: str) -> str:
    text = README.read_text(encoding="utf-8")
    keys = text[text.index("### Keys"):]
    keys = keys[:keys.index("\n### ")]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| ([^|]+?) \| (.+) \|$", keys, flags=re.M)}
    return " ".join(rows[name] for name in (where, ALSO.get(where), "everywhere") if name)


def readme_spelling(key: str) -> list[str]:
    """The ways README may write `key` ("ctrl+pageup" → "ctrl+PgUp", "s" → "`s`")."""
    if re.fullmatch(r"\d-\d", key):
        return [f"`{key[0]}`–`{key[2]}`"]
    if len(key) == 1 and key.isalnum() or key in ("/", "?"):
        return [f"`{key}`"]
    spelled = "+".join(SPELLING.get(part, part) for part in key.split("+"))
    return [spelled, f"`{spelled}`"]


def missing(app, where: str) -> list[str]:
    row = readme_row(where)
    keys = [key for shown, _ in help_rows(app) for key in shown.split(", ")]
    keys = [part for key in keys for part in (key if key == "↑↓" else [key])]
    return sorted({key for key in keys if not any(spelling in row for spelling in readme_spelling(key))})


def quiz(pack, kind: str) -> MythQuizApp:
    return MythQuizApp(pack, session=Session.create(pack, seed=1, count=2, kind=kind))


SCREENS = {
    "home": (lambda pack: MythQuizApp(pack), []),
    "question": (lambda pack: quiz(pack, "myth-or-fact"), []),
    "feedback": (lambda pack: quiz(pack, "choice"), ["1"]),
    "browse": (lambda pack: MythQuizApp(pack, start="browse"), []),
    "item": (lambda pack: MythQuizApp(pack, start="show", start_options={"item": pack.items[0].id}), []),
    "source reader": (lambda pack: MythQuizApp(pack, start="show", start_options={"item": pack.items[0].id}),
                      ["s"]),
    "sources": (lambda pack: MythQuizApp(pack, start="sources"), []),
}


@pytest.mark.parametrize("where", list(SCREENS))
async def test_readme_lists_every_key_help_lists(pack, where):
    make, keys = SCREENS[where]
    app = make(pack)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.press("question_mark")
        assert help_rows(app), "the help screen lists keys"
        assert missing(app, where) == []
