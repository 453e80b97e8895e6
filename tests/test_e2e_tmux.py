"""End to end: the installed `mythquiz` command in a real terminal (tmux), keys only."""

from __future__ import annotations

import re

import pytest

from conftest import MYTHQUIZ
from tmux_driver import Tmux

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_three_question_quiz_in_a_real_terminal(tmp_path):
    env = {"MYTHQUIZ_DATA_DIR": str(tmp_path / "data"), "MYTHQUIZ_CACHE_DIR": str(tmp_path / "cache")}
    with Tmux([str(MYTHQUIZ), "quiz", "--count", "3", "--seed", "5"], env=env) as tmux:
        correct = 0
        for n in range(1, 4):
            screen = tmux.wait_for(f"Question {n} of 3")
            myth_or_fact = "Myth or fact?" in screen
            tmux.press("m" if myth_or_fact else "1")
            screen = tmux.wait_for("✓ Correct", "✗ Incorrect", also=("Explanation", "▌ ", "n Next"))
            correct += "✓ Correct" in screen
            # The rebuttal stands beside a verbatim excerpt (behind a bar) with its source,
            # and the verdict names its party first.
            assert "Explanation" in screen and ("Evidence" in screen or "disputes it:" in screen
                                                or "dispute it:" in screen)
            assert re.search(r"(calls this a myth|supports this|disputes? it|says so|as the speaker)",
                             screen.replace("\n", " "))
            assert "n Next" in screen  # the Footer shows the key that applies now
            tmux.press("n")
        screen = tmux.wait_for("Score: ", also=("Accuracy by topic", "h Home"))
        assert f"Score: {correct} of 3" in screen
        assert "Accuracy by topic" in screen
        tmux.press("q")
        tmux.wait_for("[exited 0]")


def test_broken_pack_exits_2_with_file_and_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "pack.yaml").write_text("title: [\n", encoding="utf-8")
    with Tmux([str(MYTHQUIZ), "--content", str(tmp_path / "content"), "quiz"]) as tmux:
        screen = tmux.wait_for("[exited 2]")
        assert re.search(r"pack\.yaml:\d+: YAML syntax error", screen)
        assert "Traceback" not in screen


def test_at_60x20_a_whole_quiz_help_and_a_storm_of_resizes(tmp_path):
    env = {"MYTHQUIZ_DATA_DIR": str(tmp_path / "data"), "MYTHQUIZ_CACHE_DIR": str(tmp_path / "cache")}
    with Tmux([str(MYTHQUIZ), "quiz", "--count", "3", "--seed", "11"], env=env, width=60, height=20) as tmux:
        for n in range(1, 4):
            screen = tmux.wait_for(f"Question {n} of 3")
            tmux.press("m" if "Myth or fact?" in screen else "1")
            tmux.wait_for("✓ Correct", "✗ Incorrect", also=("n Next",))
            if n == 2:
                tmux.press("?")
                tmux.wait_for("Close help")
                tmux.press("Escape")
                tmux.wait_for("n Next")
                # A storm of resizes, down to 30x10 and below, then back.
                for w, h in ((40, 12), (30, 10), (25, 8), (120, 40), (59, 19), (80, 24), (33, 11),
                             (61, 21), (30, 10), (100, 30), (45, 15), (60, 20)) * 2:
                    tmux.resize(w, h)
                tmux.resize(30, 10)
                tmux.wait_for("Terminal too small", also=("60x20 (now 30x10)",))
                tmux.resize(60, 20)
                tmux.wait_for(f"Question {n} of 3", also=("n Next",))
            tmux.press("n")
        screen = tmux.wait_for("Score: ", also=("h Home",))
        tmux.press("q")
        tmux.wait_for("[exited 0]")
