"""Every screen at the sizes terminals open with: 60x20 (the smallest supported), 80x24 and
100x30, compared with stored SVG snapshots. At each size the words that matter are on
screen: `q` Quit and `?` Help in the key bar, the quiz topic (shortened with `…`), the
item's id, every column of the sources table, the home title, help descriptions wrapped
under their own column, the reader's document, line and excerpt number.

On the small fixed pack (tests/fixtures/small). After a deliberate change of look, look at
each picture in the report, then regenerate with
`.venv/bin/python -m pytest tests/test_snapshots_sizes.py --snapshot-update`.
"""

from __future__ import annotations


import pytest

from tui.core.engine import Session
from tui.ui.app import MythQuizApp

SIZES = [(60, 20), (80, 24), (100, 30)]


def choice_quiz(pack) -> MythQuizApp:
    return MythQuizApp(pack, session=Session.create(pack, seed=1, count=None, kind="choice"))


def wrong_option(app: MythQuizApp) -> str:
    session = app.first_session
    assert session is not None
    return str(next(n for n, o in enumerate(session.options(), 1) if o != session.current.answer))


SCREENS = {
    "home": (lambda pack: MythQuizApp(pack), []),
    "quiz": (choice_quiz, []),
    "feedback": (choice_quiz, [wrong_option]),
    "help": (choice_quiz, ["question_mark"]),
    "browse": (lambda pack: MythQuizApp(pack, start="browse"), ["down"]),
    "item": (lambda pack: MythQuizApp(pack, start="browse"), ["enter"]),
    "sources": (lambda pack: MythQuizApp(pack, start="sources"), ["down"]),
    "reader": (lambda pack: MythQuizApp(pack, start="browse"), ["enter", "s"]),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_at_size(snap_compare, small_pack, screen, size):
    make, keys = SCREENS[screen]
    app = make(small_pack)
    press = [key(app) if callable(key) else key for key in keys]
    assert snap_compare(app, press=press, terminal_size=size)


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_the_words_that_matter_fit_at_60_columns(small_pack, screen):
    """Read from the widgets, not the pictures: what the key bar says fits its line and
    keeps Quit and Help; the quiz topic and the item id are on screen."""
    from rich.cells import cell_len

    from tui.ui.keybar import KeyBar

    make, keys = SCREENS[screen]
    app = make(small_pack)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(*[key(app) if callable(key) else key for key in keys])
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).visual)
        assert cell_len(bar) <= 60, bar
        assert " q Quit" in bar and " ? " in bar, bar
        if screen in ("quiz", "feedback"):
            status = str(app.screen.query_one("#status").visual)
            assert cell_len(status) <= 58 and "Topic: Enlarge" in status, status
        if screen == "item":
            header = str(app.screen.query_one("#item-status").visual)
            assert "Id: snap-article" in header or "Id: snap-promise" in header, header


@pytest.mark.parametrize("way_back", [[], ["t", "escape"], ["b", "escape"], ["s", "escape", "y"]],
                         ids=["at launch", "back from stats", "back from browse", "back from a quiz left"])
async def test_the_home_screen_shows_its_title_and_whole_menu_at_60x20(pack, way_back):
    """On the embedded pack (its description is five lines at 60 columns): the title is on
    the top line and the menu's last line above the key bar, also when a user comes back
    to home, which builds the screen anew and scrolls the menu into view."""
    from tui.ui.home_screen import HomeScreen

    app = MythQuizApp(pack)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(*way_back)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.scroll_y == 0 and app.screen.max_scroll_y == 0
        assert app.screen.query_one("#home-title").region.y == 0
        menu = app.screen.query_one("#menu").region
        assert menu.bottom <= app.screen.query_one("KeyBar").region.y


@pytest.mark.parametrize("certainty", [False, True])
async def test_a_help_heading_is_followed_by_its_keys_without_a_gap(pack, certainty):
    """Each heading of the help takes the lines its words need, then one blank line, then
    its first key (a heading used to get the height of its words wrapped in the key column)."""
    app = MythQuizApp(pack, session=Session.create(pack, seed=1, count=3, certainty=certainty))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        headings = list(app.screen.query(".help-heading"))
        assert len(headings) >= 2
        for heading in headings:
            words = str(heading.visual)
            assert heading.region.height <= len(words) // heading.region.width + 1, words
            after = heading.parent.children[heading.parent.children.index(heading) + 1:]
            if after:
                assert after[0].region.y - heading.region.bottom <= 1, (words, after[0].region)
