"""Keys are applied in the order typed, however fast (Pilot).

Each burst is posted to the app in one go, as a terminal delivers keys typed faster than
the app handles them (or a macro, or a paste of keystrokes): no pause between keys, the
first of them before the first screen is even up. Then the test waits until the app is
idle and checks the state the keys asked for.
"""

from __future__ import annotations

import pytest
from textual import events

from tui.core.engine import Session
from tui.ui.app import MythQuizApp
from tui.ui.browse_screen import BrowseScreen
from tui.ui.help_screen import HelpScreen
from tui.ui.home_screen import HomeScreen
from tui.ui.item_screen import ItemScreen
from tui.ui.quiz_screen import QuizScreen
from tui.ui.reader_screen import ReaderScreen
from tui.ui.results_screen import ResultsScreen

SIZE = (100, 30)
CHARACTERS = {"slash": "/", "space": " ", "question_mark": "?", "enter": "\r", "escape": "\x1b"}


def burst(app: MythQuizApp, *keys: str) -> None:
    """Post every key at once, the way the terminal driver posts keys it has read."""
    for key in keys:
        if len(key) == 1:
            name = {"/": "slash", " ": "space", "?": "question_mark"}.get(key, key)
            app.post_message(events.Key(name, key))
        else:
            app.post_message(events.Key(key, CHARACTERS.get(key)))


def typed(text: str) -> list[str]:
    return list(text)


async def settle(pilot, done, tries: int = 50) -> None:
    """Let the app work until `done()` holds (each pause waits for the app to be idle)."""
    for _ in range(tries):
        if done():
            return
        await pilot.pause()
    assert done(), "the app never reached the state the keys asked for"


def open_door(pack):
    return next(i for i in pack.items if i.type == "choice" and i.answer == "Article 10")


@pytest.mark.parametrize("attempt", range(3))
async def test_search_then_enter_opens_the_match_not_the_row_highlighted_before(pack, attempt):
    app = MythQuizApp(pack, start="browse")
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "/", *typed("Article 10"), "enter", "enter")
        await settle(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        assert app.screen.item is open_door(pack)
        # One item page, over browse, over home: Enter opened it once.
        assert [type(s) for s in app.screen_stack[-3:]] == [HomeScreen, BrowseScreen, ItemScreen]
        assert app.screen_stack[-2].search_text == "Article 10"


async def test_keys_after_enter_act_on_the_item_page_it_opens(pack):
    app = MythQuizApp(pack, start="browse")
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "/", *typed("Article 10"), "enter", "s")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert isinstance(app.screen_stack[-2], ItemScreen)
        assert app.screen_stack[-2].item is open_door(pack)


async def test_help_then_escape_closes_help_and_the_next_key_acts_on_the_screen(pack):
    app = MythQuizApp(pack)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "?", "escape", "c")
        # `c` steps the number of questions from 20 to all.
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.count is None)
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(s, HelpScreen) for s in app.screen_stack)


async def test_enter_on_the_home_menu_then_a_digit_answers_the_first_question(pack):
    app = MythQuizApp(pack)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "enter", "1")
        await settle(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.session.records)
        session = app.screen.session
        assert len(session.records) == 1
        assert session.records[0].given == session.options()[0]


async def test_answers_and_next_typed_ahead_through_a_whole_quiz(pack):
    session = Session.create(pack, count=3, seed=5)
    app = MythQuizApp(pack, session=session)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "1", "n", "2", "n", "1", "n")
        await settle(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert [len(r.given) > 0 for r in session.records] == [True, True, True]
        assert app.screen.summary.total == 3
        # Each answer went to its own question, in the order typed.
        assert [r.item_id for r in session.records] == [item.id for item in session.items]


async def test_a_key_on_its_own_is_handled_at_once(pack):
    """Nothing is held when nothing is at work: one key, one handling, no waiting round."""
    session = Session.create(pack, count=3, seed=5)
    app = MythQuizApp(pack, session=session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: not app.typeahead.busy)
        burst(app, "1")
        await pilot.pause()
        assert len(session.records) == 1
        assert not app.typeahead.held


@pytest.mark.parametrize("attempt", range(2))
async def test_enter_typed_before_the_terminal_went_raw_is_still_enter(pack, attempt):
    """Keys typed while mythquiz loads pass through the terminal's line discipline, which
    turns Enter into a line feed; Textual reads that as ctrl+j. It acts as Enter: the
    search burst opens the match, as it does typed a moment later."""
    app = MythQuizApp(pack, start="browse")
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(events.Key("slash", "/"))
        burst(app, *typed("Article 10"))
        app.post_message(events.Key("ctrl+j", "\n"))
        app.post_message(events.Key("ctrl+j", "\n"))
        await settle(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.pause()
        assert app.screen.item is open_door(pack)
        assert [type(s) for s in app.screen_stack[-3:]] == [HomeScreen, BrowseScreen, ItemScreen]
