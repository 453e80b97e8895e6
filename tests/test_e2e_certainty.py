"""Certainty-based marking in the real command (tmux): the answer and how sure, typed in
one burst (one `tmux send-keys` call), reach the quiz in order, and the verdict says what
the answer earned."""

from __future__ import annotations

import pytest

from conftest import CONTENT, CORPUS, MYTHQUIZ
from tmux_driver import Tmux
from tui.core.engine import Session
from tui.core.pack import load_pack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def env(tmp_path) -> dict[str, str]:
    return {"MYTHQUIZ_DATA_DIR": str(tmp_path / "data"), "MYTHQUIZ_CACHE_DIR": str(tmp_path / "cache")}


@pytest.mark.parametrize("attempt", range(3))
def test_answer_and_certainty_in_one_burst(tmp_path, attempt):
    session = Session.create(load_pack(CONTENT, CORPUS), seed=6, count=2, kind="myth-or-fact")
    first, second = (item.answer[0].lower() for item in session.items)
    command = [str(MYTHQUIZ), "quiz", "--certainty", "--count", "2", "--seed", "6", "--type", "myth-or-fact"]
    with Tmux(command, env=env(tmp_path)) as tmux:
        tmux.wait_for("Question 1 of 2")
        tmux.press(first, "3")
        screen = tmux.wait_for("Sure and right: +3")
        assert "✓ Correct" in screen
        tmux.press("n", second, "1", "n")
        screen = tmux.wait_for("Certainty-based score: 4 of a possible 6.")
        assert "Score: 2 of 2" in screen
