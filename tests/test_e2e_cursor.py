"""The terminal cursor follows the highlight on every screen (tmux), so that screen
magnifiers and braille displays show what the user is on: the highlighted menu entry,
option, list row or table row (at its `▶`), and in the item page and the source reader
the start of the text being read."""

from __future__ import annotations

import pytest

from conftest import MYTHQUIZ
from tmux_driver import Tmux

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def env(tmp_path) -> dict[str, str]:
    return {"MYTHQUIZ_DATA_DIR": str(tmp_path / "data"), "MYTHQUIZ_CACHE_DIR": str(tmp_path / "cache")}


def at(text: str):
    """The place of the first `text` on the screen (None if it is not there)."""
    def where(lines: list[str]):
        for y, line in enumerate(lines):
            if text in line:
                return line.index(text), y
        return None
    return where


def marker(lines: list[str]):
    return at("▶")(lines)


def test_home_menu(tmp_path):
    with Tmux([str(MYTHQUIZ)], env=env(tmp_path), width=80, height=24) as tmux:
        screen, (x, y) = tmux.wait_for_cursor(marker)
        assert "Start a quiz" in screen.splitlines()[y]
        tmux.press("Down")
        screen, (x, y) = tmux.wait_for_cursor(at("▶ c"))
        assert "Change the number" in screen.splitlines()[y]


def test_quiz_options(tmp_path):
    with Tmux([str(MYTHQUIZ), "quiz", "--seed", "3", "--type", "choice"], env=env(tmp_path), width=80, height=24) as tmux:
        screen, (x, y) = tmux.wait_for_cursor(at("▶ 1."))
        tmux.press("Down")
        screen, (x, y) = tmux.wait_for_cursor(at("▶ 2."))
        assert screen.splitlines()[y][x:].startswith("▶ 2.")


def test_browse_list_and_search_box(tmp_path):
    with Tmux([str(MYTHQUIZ), "browse"], env=env(tmp_path), width=80, height=24) as tmux:
        screen, (x, top) = tmux.wait_for_cursor(marker)
        tmux.press("Down", "Down")

        def third_row(lines: list[str]):
            place = marker(lines)
            return place if place is not None and place[1] == top + 2 * 2 else None  # rows of two lines

        tmux.wait_for_cursor(third_row)
        tmux.press("/", "nato")
        # In the search box the cursor is where the next letter goes.
        screen, (x, y) = tmux.wait_for_cursor(lambda lines: next(
            ((line.index("nato") + 4, n) for n, line in enumerate(lines) if line.lstrip().startswith("Search: nato")), None))


def test_sources_table(tmp_path):
    with Tmux([str(MYTHQUIZ), "sources"], env=env(tmp_path), width=80, height=24) as tmux:
        screen, (x, y) = tmux.wait_for_cursor(marker)
        assert "Title" in screen.splitlines()[y - 1]  # the first row, under the header
        tmux.press("Down")

        def lower(lines: list[str]):
            place = marker(lines)
            return place if place is not None and place[1] > y else None

        screen, (x2, y2) = tmux.wait_for_cursor(lower)
        assert x2 == x


def test_item_page_and_reader(tmp_path, pack):
    with Tmux([str(MYTHQUIZ), "browse"], env=env(tmp_path), width=80, height=24) as tmux:
        tmux.wait_for_cursor(marker)
        tmux.press("Enter")
        screen = tmux.wait_for("Id: ")
        item_id = screen.split("Id: ")[1].split()[0]
        # The item page: at the start of its text, the statement or question's heading.
        tmux.wait_for_cursor(lambda lines: at("Statement")(lines) or at("Question")(lines) or at("Words said")(lines))
        tmux.press("s")
        tmux.wait_for("excerpt 1 of")
        # The reader: on the line where the current excerpt begins.
        words = pack.item(item_id).evidence[0].text.split()
        opening, first_word = " ".join(words[:3]), words[0]

        def excerpt_line(lines: list[str]):
            # The line where the excerpt's first words begin (they may wrap onto the next).
            for n in range(1, len(lines) - 1):
                joined = " ".join((lines[n].strip() + " " + lines[n + 1].strip()).split())
                if first_word in lines[n] and opening in joined and opening not in lines[n + 1]:
                    return len(lines[n]) - len(lines[n].lstrip()), n
            return None

        tmux.wait_for_cursor(excerpt_line)
