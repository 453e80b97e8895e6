"""README's keys table lists what `?` lists: every key the help screen shows for a screen
appears in that screen's row of the table (or in its "everywhere" row), scroll keys
included. The help screen is generated from the live bindings, so a key added to a
screen and not to README fails here. Every row of the table is checked, each screen
reached by the keys a user presses.

Two rows are of places where `?` cannot list their keys: on the help screen `?` closes
it, and in the search box `?` is a letter of the search. Their keys are listed by the
function the help screen is generated from, applied to that place's live bindings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.engine import Session
from tui.ui import help_screen
from tui.ui.app import MythQuizApp
from tui.ui.browse_screen import BrowseScreen
from tui.ui.facilitator_screen import FacilitatorScreen
from tui.ui.help_screen import HelpScreen
from tui.ui.results_screen import ResultsScreen
from tui.ui.search_box import SearchBox
from tui.ui.stats_screen import StatsScreen

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


def missing(rows: list[tuple[str, str]], where: str) -> list[str]:
    """The keys of these help rows (keys, description) that README's row `where` does not name."""
    row = readme_row(where)
    keys = [key for shown, _ in rows if shown for key in shown.split(", ")]
    keys = [part for key in keys for part in (key if key == "↑↓" else [key])]
    return sorted({key for key in keys if not any(spelling in row for spelling in readme_spelling(key))})


def quiz(pack, kind: str, count: int = 2) -> MythQuizApp:
    return MythQuizApp(pack, session=Session.create(pack, seed=1, count=count, kind=kind))


def facilitator(pack) -> MythQuizApp:
    """As `mythquiz quiz --facilitator` starts it."""
    return MythQuizApp(pack, session=Session.create(pack, seed=1, count=None, kind="choice"),
                       start="facilitator")


# README's row, how the app is started, the keys that reach the screen, and the screen
# they reach (when the row is about one that is not the first).
SCREENS = {
    "home": ("home", lambda pack: MythQuizApp(pack), [], None),
    "question": ("question", lambda pack: quiz(pack, "myth-or-fact"), [], None),
    "feedback": ("feedback", lambda pack: quiz(pack, "choice"), ["1"], None),
    # A quiz of one question: answer it, then `n` shows the results.
    "results": ("results", lambda pack: quiz(pack, "choice", count=1), ["1", "n"], ResultsScreen),
    "stats": ("stats", lambda pack: MythQuizApp(pack), ["t"], StatsScreen),
    "browse": ("browse", lambda pack: MythQuizApp(pack, start="browse"), [], None),
    "item": ("item", lambda pack: MythQuizApp(pack, start="show", start_options={"item": pack.items[0].id}),
             [], None),
    "source reader": ("source reader",
                      lambda pack: MythQuizApp(pack, start="show", start_options={"item": pack.items[0].id}),
                      ["s"], None),
    "sources": ("sources", lambda pack: MythQuizApp(pack, start="sources"), [], None),
    # Before the reveal the hands and `r` are live; after it, `n` and Enter.
    "facilitator": ("facilitator", facilitator, [], FacilitatorScreen),
    "facilitator, revealed": ("facilitator", facilitator, ["1", "r"], FacilitatorScreen),
}


@pytest.mark.parametrize("state", list(SCREENS))
async def test_readme_lists_every_key_help_lists(pack, state):
    where, make, keys, screen = SCREENS[state]
    app = make(pack)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        if screen is not None:
            assert isinstance(app.screen, screen), f"the keys {keys} reach the {where} screen"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert help_rows(app), "the help screen lists keys"
        assert not (lacking := missing(help_rows(app), where)), f"README's {where} row lacks {lacking}"


async def test_readme_lists_every_key_of_the_help_screen(pack):
    """`?` on the help screen closes it: its own keys are those the help screen would list
    of itself, made from its live bindings as for any screen."""
    app = MythQuizApp(pack)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [(keys, text) for keys, text, _ in help_screen.help_rows(app.screen)]
        assert any(keys for keys, _ in rows), "the help screen has keys"
        assert not (lacking := missing(rows, "help")), f"README's help row lacks {lacking}"
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen), "`?` closes the help screen"


def footer(app) -> str:
    return " ".join(str(app.screen.query_one("#keybar").visual).split())


def readme_keys_intro() -> str:
    """README's words above the keys table, whitespace folded."""
    text = README.read_text(encoding="utf-8")
    intro = text[text.index("### Keys"):]
    return " ".join(intro[:intro.index("| where |")].split())


async def test_readme_lists_every_key_of_the_search_box(pack):
    """In the search box `?` and `q` are letters of the search and the footer shows only the
    keys that act there, as README says; README's row for it names every key live there."""
    app = MythQuizApp(pack, start="browse")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "question_mark", "q")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and isinstance(app.focused, SearchBox)
        assert app.focused.value == "?q", "`?` and `q` are typed into the search"
        await pilot.press("ctrl+u")  # the search emptied: every item matches, Enter opens
        await pilot.pause()
        assert footer(app) == "⏎ Open ↑↓ Move esc Back"
        assert "its footer shows only ⏎ Open, ↑↓ Move and Esc Back" in readme_keys_intro()
        rows = [(keys, text) for keys, text, _ in help_screen.help_rows(app.screen)]
        assert any(keys for keys, _ in rows), "keys act in the search box"
        assert not (lacking := missing(rows, "search box (after `/`)")), \
            f"README's search box row lacks {lacking}"
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen) and not isinstance(app.focused, SearchBox), \
            "Esc leaves the search box"
