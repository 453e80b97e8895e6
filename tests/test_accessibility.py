"""Accessibility: keys only on every screen, visible focus and the real cursor, NO_COLOR,
the high-contrast theme, small terminals, settings that persist, plain mode without
escape codes.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.color import Color

from conftest import CORPUS, MYTHQUIZ, SMALL, run_env
from tui.core.engine import Session
from tui.core.progress import Store
from tui.core.settings import SettingsStore
from tui.ui.app import MythQuizApp
from tui_helpers import screen_text

ESC = "\x1b"


def name(app) -> str:
    return type(app.screen).__name__


# ---- the keyboard audit ----

ALLOWED_KEY = re.compile(r"^([a-z0-9]|up|down|left|right|enter|space|escape|pageup|pagedown|home|end|"
                         r"slash|question_mark|ctrl\+q|ctrl\+p)$")


def all_screen_classes():
    from tui.ui import (browse_screen, confirm, facilitator_screen, flag_screen, help_screen,
                        home_screen, item_list, item_screen, quiz_screen, reader_screen,
                        results_screen, sources_screen, stats_screen, too_small)

    modules = (browse_screen, confirm, facilitator_screen, flag_screen, help_screen, home_screen,
               item_list, item_screen, quiz_screen, reader_screen, results_screen, sources_screen,
               stats_screen, too_small)
    classes = [MythQuizApp]
    for module in modules:
        classes += [v for v in vars(module).values()
                    if isinstance(v, type) and v.__module__ == module.__name__ and "BINDINGS" in vars(v)]
    return classes


def test_every_binding_is_a_plain_key_with_an_id_and_a_description():
    seen = 0
    for cls in all_screen_classes():
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding), (cls, binding)
            for key in binding.key.split(","):
                assert ALLOWED_KEY.match(key.strip()), f"{cls.__name__}: {key} is not a plain key"
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"
            assert binding.description or binding.tooltip, f"{cls.__name__}: {binding.key} is not described"
            seen += 1
    assert seen > 40


async def test_every_screen_and_action_by_keys_only(small_pack, tmp_path):
    app = MythQuizApp(small_pack, store=Store(tmp_path), settings=SettingsStore(tmp_path))
    async with app.run_test(size=(100, 32)) as pilot:
        assert name(app) == "HomeScreen"
        before = screen_text(app)
        await pilot.press("c", "p")  # count and topic change in place
        assert screen_text(app) != before and "Next quiz:" in screen_text(app)
        while "all topics" not in screen_text(app):
            await pilot.press("p")
        while "Next quiz: 20 questions" not in screen_text(app):
            await pilot.press("c")
        await pilot.press("question_mark")
        assert name(app) == "HelpScreen" and "Start a quiz" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("s")
        assert name(app) == "QuizScreen"
        await pilot.press("down", "up", "enter")  # arrows and Enter answer too
        assert app.screen.session.records
        await pilot.press("pagedown", "pageup")  # the feedback scrolls with keys
        await pilot.press("s")
        assert name(app) == "ReaderScreen"
        await pilot.press("escape")
        assert name(app) == "QuizScreen"
        await pilot.press("x")
        assert name(app) == "FlagScreen"
        await pilot.press("escape")
        await pilot.press("n", "escape")
        assert name(app) == "ConfirmScreen"
        await pilot.press("n")
        assert name(app) == "QuizScreen"
        await pilot.press("escape", "y")
        assert name(app) == "HomeScreen"
        await pilot.press("b")
        assert name(app) == "BrowseScreen"
        await pilot.press("slash", *"article", "enter")
        assert name(app) == "ItemScreen"
        await pilot.press("s")
        assert name(app) == "ReaderScreen"
        await pilot.press("escape", "escape", "escape")  # reader, item, the search box
        assert name(app) == "BrowseScreen"
        for _ in range(3):  # Esc clears the search, closes the box, then leaves browse
            if name(app) == "HomeScreen":
                break
            await pilot.press("escape")
        assert name(app) == "HomeScreen"
        await pilot.press("d")
        assert name(app) == "SourcesScreen"
        await pilot.press("down", "enter")
        assert name(app) == "ReaderScreen"
        await pilot.press("escape", "escape")
        await pilot.press("t")
        assert name(app) == "StatsScreen"
        await pilot.press("escape")
        await pilot.press("r")  # one wrong answer was saved: review asks it
        assert name(app) in ("QuizScreen", "ConfirmScreen")
        await pilot.press("escape")
        if name(app) == "ConfirmScreen":
            await pilot.press("y")
        assert name(app) == "HomeScreen"
        await pilot.press("q")
    assert app.return_code == 0


async def test_results_screen_by_keys(small_pack):
    session = Session.create(small_pack, seed=2, count=2)
    app = MythQuizApp(small_pack, session=session)
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(2):
            await pilot.press("1", "n")
        assert name(app) == "ResultsScreen"
        await pilot.press("r")
        assert name(app) in ("QuizScreen", "ResultsScreen")
        await pilot.press("escape")
        if name(app) == "ConfirmScreen":
            await pilot.press("y")
        assert name(app) in ("HomeScreen", "ResultsScreen")


# ---- visible focus, and the terminal cursor on it ----


async def test_cursor_follows_the_highlighted_home_option(small_pack):
    app = MythQuizApp(small_pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        first = app.cursor_position
        assert first.y == menu.content_region.y
        await pilot.press("down", "down")
        await pilot.pause()
        assert app.cursor_position.y == first.y + 2 and menu.highlighted == 2


async def test_cursor_follows_the_highlighted_answer_option(small_pack):
    session = Session.create(small_pack, seed=1, count=None, kind="choice")
    app = MythQuizApp(small_pack, session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#quiz-body")

        def line_at_cursor() -> str:
            return body.line_text(app.cursor_position.y - body.content_region.y + body.scroll_offset.y)

        top = app.cursor_position.y
        assert "▶ 1." in line_at_cursor()  # marked by a symbol, not by colour alone
        await pilot.press("down")
        await pilot.pause()
        assert app.cursor_position.y == top + 1
        assert "▶ 2." in line_at_cursor()


async def test_highlighted_option_is_scrolled_into_view_on_a_short_screen(small_pack):
    session = Session.create(small_pack, seed=1, count=None, kind="choice")
    # A question long enough to push its options below a 60x20 screen.
    session.items[0] = session.items[0]._replace(prompt=" ".join(["A long question that wraps."] * 30))
    app = MythQuizApp(small_pack, session=session)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#quiz-body")
        region = body.content_region
        for key in ("down", "down", "up", "up", "up"):
            await pilot.press(key)
            await pilot.pause()
            y = app.cursor_position.y
            assert region.y <= y < region.y + region.height  # the cursor is on screen
            line = body.line_text(y - region.y + body.scroll_offset.y)
            assert f"▶ {body.highlighted + 1}." in line


async def test_cursor_follows_the_browse_row(small_pack):
    app = MythQuizApp(small_pack, start="browse", start_options={})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        items = app.screen.query_one("#browse-list")
        assert app.cursor_position.y == items.content_region.y
        await pilot.press("down")
        await pilot.pause()
        assert app.cursor_position.y == items.content_region.y + 2  # rows are two lines


# ---- colour: NO_COLOR and the high-contrast theme ----


def svg_colours(svg: str) -> set[str]:
    return {c.lower() for c in re.findall(r"(?:fill|color):\s*(#[0-9a-fA-F]{6})", svg)}


def test_no_color_is_monochrome_and_still_says_everything(snap_compare, small_pack, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = MythQuizApp(small_pack, session=Session.create(small_pack, seed=1, count=None, kind="myth-or-fact"))
    assert snap_compare(app, press=["f"], terminal_size=(100, 30))
    snapshot = Path(__file__).parent / "__snapshots__" / "test_accessibility" / \
        "test_no_color_is_monochrome_and_still_says_everything.svg"
    svg = snapshot.read_text(encoding="utf-8")
    # #c5c8c6 is the snapshot exporter's own default text colour (the window title).
    for colour in svg_colours(svg) - {"#c5c8c6"}:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert r == g == b, f"{colour} is not grey"
    assert "Incorrect" in svg or "Correct" in svg


def contrast(a: Color, b: Color) -> float:
    def lum(c: Color) -> float:
        def ch(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


async def test_high_contrast_theme_meets_wcag_aa_for_all_text(small_pack):
    app = MythQuizApp(small_pack, theme="high-contrast")
    async with app.run_test(size=(100, 30)):
        assert app.theme == "high-contrast"
        v = app.get_css_variables()
        backgrounds = [v["background"], v["surface"], v["panel"], v["footer-background"]]
        texts = ["text", "text-muted", "text-primary", "text-accent", "text-success", "text-error",
                 "text-warning", "footer-foreground", "footer-key-foreground", "foreground"]
        for bg in backgrounds:
            for fg in texts:
                ratio = contrast(Color.parse(v[fg]), Color.parse(bg))
                assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}"


def test_high_contrast_snapshot(snap_compare, small_pack):
    app = MythQuizApp(small_pack, session=Session.create(small_pack, seed=1, count=None, kind="choice"),
                      theme="high-contrast")
    assert snap_compare(app, press=["1"], terminal_size=(100, 30))


async def test_a_theme_picked_in_the_palette_is_saved_and_used_next_time(small_pack, tmp_path, monkeypatch):
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    app = MythQuizApp(small_pack, settings=SettingsStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "textual-dark"
        app.theme = "high-contrast"  # what choosing it in the command palette does
        await pilot.pause()
        app.set_animations(False)
    assert SettingsStore(tmp_path).values() == {"theme": "high-contrast", "animations": "off"}
    again = MythQuizApp(small_pack, settings=SettingsStore(tmp_path))
    assert again.theme == "high-contrast" and again.animation_level == "none"
    # --theme wins over the saved choice, and is not saved itself.
    chosen = MythQuizApp(small_pack, settings=SettingsStore(tmp_path), theme="nord")
    async with chosen.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert chosen.theme == "nord" and SettingsStore(tmp_path).values()["theme"] == "high-contrast"


def test_unknown_theme_is_one_line_exit_2():
    result = subprocess.run([str(MYTHQUIZ), "--theme", "neon", "quiz"], capture_output=True, text=True,
                            env=run_env(), timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unknown theme 'neon'" in result.stderr
    assert "high-contrast" in result.stderr


# ---- small terminals ----


def test_usable_at_60x20(snap_compare, small_pack):
    app = MythQuizApp(small_pack, session=Session.create(small_pack, seed=1, count=None, kind="choice"))
    assert snap_compare(app, press=["1"], terminal_size=(60, 20))


def test_too_small_says_so_at_30x10(snap_compare, small_pack):
    app = MythQuizApp(small_pack, session=Session.create(small_pack, seed=1, count=None))
    assert snap_compare(app, terminal_size=(30, 10))


async def test_too_small_lifts_when_there_is_room_with_the_quiz_intact(small_pack):
    session = Session.create(small_pack, seed=1, count=None, kind="choice")
    app = MythQuizApp(small_pack, session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        for size in ((59, 20), (30, 10), (45, 12), (60, 19), (100, 30), (31, 11), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            small = size[0] < 60 or size[1] < 20
            assert (name(app) == "TooSmallScreen") == small, size
            if small:
                assert f"need 60x20 (now {size[0]}x{size[1]})" in screen_text(app)
        assert name(app) == "QuizScreen" and len(session.records) == 1
        await pilot.press("n")  # the only choice question: on to the results
        assert name(app) == "ResultsScreen"


# ---- plain mode: every command, no escape codes ----


PLAIN_COMMANDS = [
    (["quiz", "--count", "2", "--seed", "3"], "1\nm\n"),
    (["quiz", "--review"], "n\n"),
    (["browse"], ""),
    (["show", "snap-promise"], ""),
    (["sources"], ""),
    (["stats"], ""),
]


@pytest.mark.parametrize(("args", "stdin"), PLAIN_COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_plain_mode_has_no_escape_codes(args, stdin, tmp_path):
    result = subprocess.run(
        [str(MYTHQUIZ), "--plain", "--content", str(SMALL), "--corpus", str(CORPUS),
         "--data-dir", str(tmp_path), *args],
        input=stdin, capture_output=True, text=True, env=run_env(NO_COLOR="1"), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert ESC not in result.stdout and ESC not in result.stderr


def test_plain_export_writes_readable_text(tmp_path):
    result = subprocess.run(
        [str(MYTHQUIZ), "--plain", "--content", str(SMALL), "--corpus", str(CORPUS), "export", "handout"],
        capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert ESC not in result.stdout and "Evidence" in result.stdout or "“" in result.stdout


async def test_textual_theme_environment_selects_the_theme(small_pack, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTUAL_THEME", "high-contrast")
    app = MythQuizApp(small_pack, settings=SettingsStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "high-contrast"
    assert SettingsStore(tmp_path).values() == {}  # chosen for this run, not saved


def test_textual_animations_none_is_honoured(small_pack, monkeypatch):
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    assert MythQuizApp(small_pack).animation_level == "none"
