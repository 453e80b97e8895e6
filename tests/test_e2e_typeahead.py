"""Keys typed in one burst reach the real command in order (tmux).

Each burst is ONE `tmux send-keys` call, sent as soon as the first screen is on the
terminal, so the keys arrive together while screens are still opening, the list is filling
and the search is being prepared. A race shows only sometimes: each burst is repeated.
Where the last key of a burst leaves no mark of its own, one more key is sent after it,
alone, whose effect is visible: once it shows, every key before it has been handled.
"""

from __future__ import annotations

import re

import pytest

from conftest import MYTHQUIZ
from tmux_driver import Tmux

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REPEAT = range(4)


def env(tmp_path) -> dict[str, str]:
    return {"MYTHQUIZ_DATA_DIR": str(tmp_path / "data"), "MYTHQUIZ_CACHE_DIR": str(tmp_path / "cache")}


@pytest.mark.parametrize("attempt", REPEAT)
def test_search_and_enter_in_one_burst_open_the_match(tmp_path, attempt):
    with Tmux([str(MYTHQUIZ), "browse"], env=env(tmp_path)) as tmux:
        # The first screen drawn: home (browse opens over it a moment later) or browse.
        tmux.wait_for("Start a quiz", "items")
        tmux.press("/", "Article 10", "Enter", "Enter")
        screen = tmux.wait_for("Id: ")
        assert "Id: n22-open-door-article" in screen
        assert "Article 10" in screen


@pytest.mark.parametrize("attempt", REPEAT)
def test_help_then_esc_in_one_burst(tmp_path, attempt):
    with Tmux([str(MYTHQUIZ)], env=env(tmp_path)) as tmux:
        tmux.wait_for("Start a quiz")
        tmux.press("?", "Escape")
        # Alone, after the burst: ↓ moves the menu's highlight (an arrow's escape sequence
        # cannot merge with the Esc before it into an Alt key, as a letter would).
        tmux.press("Down")
        screen = tmux.wait_for("▶ c  Change the number")
        assert "Keys: home" not in screen and "Close help" not in screen


@pytest.mark.parametrize("attempt", REPEAT)
def test_enter_on_the_home_menu_then_a_digit(tmp_path, attempt):
    with Tmux([str(MYTHQUIZ)], env=env(tmp_path)) as tmux:
        tmux.wait_for("Start a quiz")
        tmux.press("Enter", "1")
        # The verdict and the status line are read from one whole frame (a capture can
        # catch a frame half-written): the first question of the quiz, answered.
        screen = tmux.wait_for("✓ Correct", "✗ Incorrect", also=("Question 1 of 20",))
        assert "Question 1 of 20" in screen


@pytest.mark.parametrize("attempt", REPEAT)
def test_a_whole_quiz_typed_ahead(tmp_path, attempt):
    with Tmux([str(MYTHQUIZ), "quiz", "--count", "3", "--seed", "5"], env=env(tmp_path)) as tmux:
        tmux.wait_for("Question 1 of 3")
        tmux.press("1", "n", "2", "n", "1", "n")
        screen = tmux.wait_for("Score: ", also=("Accuracy by topic",))
        assert re.search(r"Score: \d of 3", screen)


@pytest.mark.parametrize("attempt", REPEAT)
def test_keys_typed_while_mythquiz_loads_act_once_it_is_up(tmp_path, attempt):
    """Sent at once, while Python and Textual are still loading: the terminal is not yet
    in raw mode, so its line discipline turns Enter into a line feed (and echoes the
    keys). The burst still opens the match."""
    with Tmux([str(MYTHQUIZ), "browse"], env=env(tmp_path)) as tmux:
        tmux.press("/", "Article 10", "Enter", "Enter")
        screen = tmux.wait_for("Id: ")
        assert "Id: n22-open-door-article" in screen
