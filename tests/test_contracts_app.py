"""The app's screen moves that a user relies on (Pilot)."""

from __future__ import annotations

import pytest

from tui.ui.app import MythQuizApp
from tui.ui.too_small import TooSmallScreen
from tui_helpers import screen_text


async def until(pilot, done, tries: int = 50) -> None:
    """Let the app work until `done()` holds (each pause waits for the app to be idle)."""
    for _ in range(tries):
        if done():
            return
        await pilot.pause()
    assert done()


def names(app: MythQuizApp) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


@pytest.mark.parametrize(("start", "opened"), [("browse", "BrowseScreen"), ("show", "ItemScreen"),
                                              ("sources", "SourcesScreen")])
async def test_an_explainer_opened_in_a_small_terminal_waits_under_the_too_small_message(small_pack, start,
                                                                                         opened):
    options = {"item": small_pack.items[0].id} if start == "show" else {}
    app = MythQuizApp(small_pack, start=start, start_options=options)
    async with app.run_test(size=(50, 15)) as pilot:
        # The message stands over the screen asked for, not under it.
        await until(pilot, lambda: opened in names(app))
        assert isinstance(app.screen, TooSmallScreen), names(app)
        assert "need 60x20 (now 50x15)" in screen_text(app)
        # Room enough: the screen asked for, with nothing of the message left behind it.
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: not isinstance(app.screen, TooSmallScreen))
        assert names(app)[-1] == opened and "TooSmallScreen" not in names(app), names(app)
        # Esc leads back towards home, never to a "too small" message at 100x30.
        await pilot.press("escape")
        await pilot.pause()
        assert "TooSmallScreen" not in names(app) and not isinstance(app.screen, TooSmallScreen), names(app)
