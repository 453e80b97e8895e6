"""End to end: the explainer in the installed `mythquiz` command in a real terminal (tmux),
keys only: browse, search, open the item, read its source at the excerpt, come back."""

from __future__ import annotations

import re

import pytest

from conftest import MYTHQUIZ
from tmux_driver import Tmux

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REVERSE = re.compile(r"\x1b\[[0-9;]*\b7m")  # SGR 7: reverse video


def env_for(tmp_path) -> dict[str, str]:
    return {"MYTHQUIZ_DATA_DIR": str(tmp_path / "data"), "MYTHQUIZ_CACHE_DIR": str(tmp_path / "cache")}


def styled_screen(tmux: Tmux) -> str:
    """The screen with its escape codes (capture-pane -e), to see highlighting."""
    return tmux._tmux("capture-pane", "-p", "-e", "-t", tmux.target)


def test_browse_search_open_read_source_and_back(tmp_path, pack):
    open_door = next(i for i in pack.items if i.type == "choice" and i.answer == "Article 10")
    excerpt = open_door.evidence[0].text
    with Tmux([str(MYTHQUIZ), "browse"], env=env_for(tmp_path)) as tmux:
        screen = tmux.wait_for(f"All {len(pack.items)} items", also=("/ Search",))
        assert "▶ " in screen  # the highlighted row is marked, not only coloured
        tmux.press("/")
        tmux.wait_for("Search:")
        tmux.press("Article 10")
        screen = tmux.wait_for("match “Article 10”", also=(open_door.id,))
        assert re.search(r"▶ .*" + re.escape(open_door.prompt[:40]), screen)
        tmux.press("Enter")
        screen = tmux.wait_for("The answer is Article 10", also=("s Source",))
        assert open_door.prompt[:40] in screen and "Evidence" in screen
        tmux.press("s")
        # Scrolled to the excerpt (a frame after the reader opens): its opening words are
        # on screen, in reverse video.
        opening = excerpt[:30]
        screen = tmux.wait_for("excerpt 1 of", also=("esc Back", opening))
        styled = styled_screen(tmux)
        line = next(line for line in styled.splitlines() if "Open Door Policy" in line)
        assert REVERSE.search(line.split("Open Door Policy")[0]), line
        tmux.press("Escape")
        tmux.wait_for("The answer is Article 10", also=("s Source",))
        tmux.press("Escape")
        screen = tmux.wait_for("match “Article 10”", also=("Search: Article 10",))
        assert open_door.id in screen
        tmux.press("Escape")  # leave the search box: the list's keys are back in the footer
        tmux.wait_for("/ Search", also=("p Topic",))
        tmux.press("q")
        tmux.wait_for("[exited 0]")


def test_source_from_quiz_feedback_and_back_to_the_same_question(tmp_path):
    with Tmux([str(MYTHQUIZ), "quiz", "--count", "2", "--seed", "5", "--no-save"],
              env=env_for(tmp_path)) as tmux:
        screen = tmux.wait_for("Question 1 of 2")
        tmux.press("m" if "Myth or fact?" in screen else "1")
        before = tmux.wait_for("✓ Correct", "✗ Incorrect", also=("s Source", "n Next"))
        tmux.press("s")
        tmux.wait_for("excerpt 1 of", also=("esc Back",))
        tmux.press("Escape")
        after = tmux.wait_for("✓ Correct", "✗ Incorrect", also=("s Source", "n Next"))
        assert after.splitlines()[0] == before.splitlines()[0]  # same question, same score
        tmux.press("n")
        tmux.wait_for("Question 2 of 2")
