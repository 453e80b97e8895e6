"""Facilitator mode: a show of hands, a reveal with bars, nothing graded or saved."""

from __future__ import annotations



from conftest import CORPUS, SMALL
from tui.core.engine import Session
from progress_helpers import count
from tui.core.progress import Store
from tui.ui.app import MythQuizApp
from tui.ui.facilitator_screen import FacilitatorScreen

from tui_helpers import flat, screen_text



def facilitator_app(pack, store=None, kind=None) -> MythQuizApp:
    session = Session.create(pack, seed=1, count=None, kind=kind)
    return MythQuizApp(pack, session=session, store=store, start="facilitator")


async def test_hands_reveal_and_next(small_pack, tmp_path):
    app = facilitator_app(small_pack, store=Store(tmp_path), kind="choice")
    async with app.run_test(size=(120, 44)) as pilot:
        assert isinstance(app.screen, FacilitatorScreen)
        session = app.screen.session
        options = session.options()
        right = options.index("Article 10") + 1
        await pilot.press(str(right), str(right), str(right), "1" if right != 1 else "2")
        text = screen_text(app)
        assert "4 hands counted" in text and "hands: 3" in text
        assert "The answer is Article 10" not in flat(text)  # nothing revealed yet
        await pilot.press("n")  # next does nothing before the reveal
        assert session.index == 0
        await pilot.press("r")
        text = flat(screen_text(app))
        assert "✓" in text and "← right answer" in text and "3 (75%)" in text
        assert "The answer is Article 10; NATO's 2022 fact sheet says so." in text
        assert "This “Open Door Policy” is enshrined in Article 10" in text
        await pilot.press("1")  # no more hands after the reveal
        assert "3 (75%)" in flat(screen_text(app))
        await pilot.press("n")
    assert count(tmp_path / "progress.db", "answers") == 0  # the room is not a participant
    assert count(tmp_path / "progress.db", "sessions") == 0


async def test_clear_and_finish_goes_home(small_pack):
    app = facilitator_app(small_pack)
    async with app.run_test(size=(120, 44)) as pilot:
        await pilot.press("1", "z")
        assert "Type 1–5 to count raised hands" in screen_text(app)
        for _ in range(3):
            await pilot.press("r", "n")
        assert "Start a quiz" in screen_text(app)


def test_facilitator_reveal_snapshot(snap_compare, small_pack):
    assert snap_compare(facilitator_app(small_pack, kind="myth-or-fact"), press=["1", "1", "2", "r"],
                        terminal_size=(120, 44))


async def test_flag_an_item_with_x_and_export_it(small_pack, tmp_path):
    import subprocess

    from conftest import MYTHQUIZ, run_env

    session = Session.create(small_pack, seed=1, count=None, kind="choice")
    app = MythQuizApp(small_pack, session=session, store=Store(tmp_path, save=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.press(*"the [b]answer[/b] looks wrong", "enter")
        await pilot.press("x", "escape")  # a second flag, cancelled
    assert [f.note for f in Store(tmp_path).flags()] == ["the [b]answer[/b] looks wrong"]
    result = subprocess.run(
        [str(MYTHQUIZ), "export", "flags", "--data-dir", str(tmp_path), "--content", str(SMALL),
         "--corpus", str(CORPUS)], capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 0
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{SMALL / 'items.yaml'}:") and "item 'snap-article'" in line
    assert line.endswith(": the [b]answer[/b] looks wrong")


async def test_flag_from_the_item_detail_screen(small_pack, tmp_path):
    item = small_pack.items[0]
    app = MythQuizApp(small_pack, store=Store(tmp_path), start="show", start_options={"item": item.id})
    async with app.run_test(size=(120, 40)) as pilot:
        assert type(app.screen).__name__ == "ItemScreen"
        await pilot.press("x")
        await pilot.press(*"source is 2016 not 2017", "enter")
        assert type(app.screen).__name__ == "ItemScreen"  # back where the user was
    assert [(f.item, f.note) for f in Store(tmp_path).flags()] == [(item.id, "source is 2016 not 2017")]
