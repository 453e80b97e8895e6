"""The live room's facilitator screen, driven by Pilot, with participants answering
through the room's web application on the same event loop."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.ui.confirm import ConfirmScreen
from tui.ui.room_screen import RoomApp, RoomScreen, qr_text
from tui.web.room import make_app

from tui_helpers import flat, screen_text

CODE = "555123"


def test_qr_code_is_half_blocks():
    text = qr_text("http://127.0.0.1:8765/?code=555123")
    lines = text.splitlines()
    assert len(lines) >= 10 and len({len(line) for line in lines}) == 1  # a square of cells
    assert set(text) <= set("█▀▄ \n") and "▀" in text and "▄" in text


async def test_room_screen_live_tally_reveal_and_end(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=3, count=2, code=CODE, kind="myth-or-fact")
    written = []

    def finish():
        written.append(room.report())
        return [tmp_path / "report.md", tmp_path / "report.csv"]

    app = RoomApp(room, "http://127.0.0.1:8765/", finish)
    async with TestClient(TestServer(make_app(room, close_store=False))) as client:
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RoomScreen)
            text = flat(screen_text(app))
            assert "Room code: 555123" in text and "Join at: http://127.0.0.1:8765/" in text
            assert "▀" in screen_text(app)  # the QR code is drawn
            tokens = []
            for name in ("Ann", "<b>Bo</b>", "Cy"):
                r = await client.post("/api/join", json={"code": CODE, "name": name})
                tokens.append((await r.json())["token"])
            await pilot.pause()
            assert "3 joined" in flat(screen_text(app))
            await pilot.press("n")
            assert room.phase == "open"
            item = room.items[0]
            wrong = next(o for o in room.options[0] if o != item.answer)
            for token, option in zip(tokens, (item.answer, item.answer, wrong)):
                r = await client.post("/api/answer", json={"number": 1, "option": option},
                                      headers={"Authorization": f"Bearer {token}"})
                assert r.status == 200
            await pilot.pause()
            text = flat(screen_text(app))
            assert "Answered: 3 of 3 joined" in text
            assert f"{item.answer}" in text and "2 (67%)" in text and "1 (33%)" in text
            assert "right answer" not in text  # not before the reveal
            await pilot.press("r")
            text = flat(screen_text(app))
            assert "← right answer" in text and "Whose verdict:" in text and "Explanation:" in text
            from tui.ui.reader_screen import ReaderScreen

            await pilot.press("s")
            assert isinstance(app.screen, ReaderScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, RoomScreen)
            await pilot.press("q")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")  # no: the room goes on
            assert room.phase == "revealed"
            await pilot.press("q", "y")
            assert room.phase == "ended" and written
            text = flat(screen_text(app))
            assert "The room has ended: 3 joined." in text and "Class report:" in text
            assert "Question 1: 2 of 3 right (67%)" in text
            await pilot.press("q")
        assert app.return_code == 0


@pytest.mark.e2e
@pytest.mark.slow
def test_real_command_in_tmux_with_a_participant(tmp_path):
    from conftest import MYTHQUIZ
    from room_helpers import api, free_port
    from tmux_driver import Tmux

    port = free_port()
    env = {"MYTHQUIZ_DATA_DIR": str(tmp_path / "data"), "MYTHQUIZ_CACHE_DIR": str(tmp_path / "cache")}
    with Tmux([str(MYTHQUIZ), "room", "--port", str(port), "--code", "777", "--count", "2", "--seed", "4"],
              env=env, width=110, height=50) as tmux:
        tmux.wait_for("Room code: 777", also=("Join at: http://127.0.0.1:", "n Next"))
        status, body = api(port, "POST", "/api/join", {"code": "777", "name": "Ann"})
        assert status == 200
        tmux.wait_for("1 joined")
        tmux.press("n")
        tmux.wait_for("Question 1 of 2", also=("Answered: 0 of 1 joined",))
        _, state = api(port, "GET", "/api/state", token=body["token"])
        option = state["question"]["options"][0]
        assert api(port, "POST", "/api/answer", {"number": 1, "option": option}, token=body["token"])[0] == 200
        tmux.wait_for("Answered: 1 of 1 joined", also=("1 (100%)",))
        tmux.press("r")
        tmux.wait_for("← right answer", also=("Whose verdict:",))
        tmux.press("q")
        tmux.wait_for("End the room?")
        tmux.press("y")
        tmux.wait_for("The room has ended: 1 joined.", also=("Class report:",))
        tmux.press("q")
        tmux.wait_for("[exited 0]")
    assert len(list((tmp_path / "data" / "reports").glob("room-777-*.csv"))) == 1


async def test_leaderboard_only_when_asked_and_the_timer_shows(pack, tmp_path):
    for leaderboard in (False, True):
        room = Room.create(pack, RoomStore(tmp_path / str(leaderboard)), seed=3, count=2, code=CODE,
                           leaderboard=leaderboard, timer=120)
        token = room.join(CODE, "Ann")
        app = RoomApp(room, "http://127.0.0.1:8765/")
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            await pilot.press("n")
            assert "120 s left" in screen_text(app) or "119 s left" in screen_text(app)
            await pilot.press("t")
            assert room.seconds_left() > 200
            room.answer(token, 1, room.items[0].answer)
            await pilot.press("r")
            text = flat(screen_text(app))
            assert ("Leaderboard:" in text) == leaderboard
            if leaderboard:
                assert "1. Ann: 1 point (1 right)" in text


async def test_v_opens_a_second_round_with_the_first_rounds_bars_on_this_screen_only(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=3, count=2, code=CODE, kind="myth-or-fact")
    app = RoomApp(room, "http://127.0.0.1:8765/")
    async with TestClient(TestServer(make_app(room, close_store=False))) as client:
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.pause()
            tokens = []
            for name in ("Ann", "Bo", "Cy", "Di"):
                r = await client.post("/api/join", json={"code": CODE, "name": name})
                tokens.append((await r.json())["token"])
            await pilot.press("v")  # nothing to vote on yet
            assert room.round == 1 and room.phase == "lobby"
            await pilot.press("n")
            item = room.items[0]
            wrong = next(o for o in room.options[0] if o != item.answer)
            for token, option in zip(tokens, (item.answer, wrong, wrong, wrong)):
                r = await client.post("/api/answer", json={"number": 1, "option": option},
                                      headers={"Authorization": f"Bearer {token}"})
                assert r.status == 200
            await pilot.press("c")
            await pilot.pause()
            text = flat(screen_text(app))
            assert "v opens a second round" in text and "v Revote" in text  # the footer says so
            await pilot.press("question_mark")
            assert "v Open a second round on this question" in flat(screen_text(app))  # and the help
            await pilot.press("escape")
            await pilot.press("v")
            await pilot.pause()
            assert room.round == 2 and room.phase == "open"
            text = flat(screen_text(app))
            assert "round 2" in text and "First round (before discussion):" in text
            assert "Second round (after discussion):" in text and "3 (75%)" in text
            assert "Answered: 0 of 4 joined" in text  # the second round starts empty
            for token in tokens:
                r = await client.post("/api/answer", json={"number": 1, "option": item.answer, "round": 2},
                                      headers={"Authorization": f"Bearer {token}"})
                assert r.status == 200
                state = await (await client.get("/api/state", headers={"Authorization": f"Bearer {token}"})).json()
                assert "verdict" not in state and state["round"] == 2
            await pilot.pause()
            text = flat(screen_text(app))
            assert "4 (100%)" in text and "3 (75%)" in text  # both rounds' bars
            await pilot.press("v")  # no third round
            assert room.round == 2 and room.phase == "open"
            await pilot.press("r")
            await pilot.press("q", "y")
            text = flat(screen_text(app))
            assert "First round 1 of 4 right (25%); switched wrong → right 3, right → wrong 0." in text


async def test_pre_question_r_closes_without_revealing_and_the_end_shows_the_gains(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=3, count=1, code=CODE, kind="myth-or-fact", pre_post=1)
    token = room.join(CODE, "Ann")
    app = RoomApp(room, "http://127.0.0.1:8765/", lambda: [])
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        wrong = next(o for o in room.options[0] if o != room.items[0].answer)
        room.answer(token, 1, wrong)
        await pilot.pause()
        assert "pre question" in flat(screen_text(app)) and not room.can_revote
        await pilot.press("v")  # one round only
        await pilot.press("r")
        text = flat(screen_text(app))
        assert room.phase == "closed" and "right answer" not in text and "Explanation:" not in text
        assert "✓" not in text and "it is asked again at the end" in text
        await pilot.press("n", "r", "n")  # the workshop question, revealed; the post question
        assert room.part() == "post"
        room.answer(token, 3, room.items[2].answer)
        await pilot.press("r")
        assert "← right answer" in flat(screen_text(app))
        await pilot.press("q", "y")
        text = flat(screen_text(app))
        assert "Ann: before 0 of 1 (0%), after 1 of 1 (100%); g = 1.00 (high)." in text
        assert "Class average: g = 1.00 (high) over 1 participant." in text  # one, not "1 participants"


def rendered(app) -> list[str]:
    """The screen as drawn, one string per terminal row (what a projector shows)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


async def _walk(pack, tmp_path, size, check) -> None:
    """A room with one pre question, a workshop question voted twice and the post question,
    through every phase at `size`; `check(app, room)` after each step."""
    room = Room.create(pack, RoomStore(tmp_path), seed=9, count=1, code=CODE, kind="myth-or-fact", pre_post=1)
    app = RoomApp(room, "http://127.0.0.1:8765/", lambda: [])
    async with app.run_test(size=size) as pilot:
        tokens = [room.join(CODE, name) for name in ("Ann", "Bo", "Cy")]
        await pilot.pause()
        check(app, room)
        for key in ("n", "r", "n", "c", "v", "r", "n", "r"):
            await pilot.press(key)
            if key == "n":
                for token in tokens:
                    room.answer(token, room.current, room.options[room.current - 1][0])
            if key == "v":
                for token in tokens[:2]:
                    room.answer(token, room.current, room.options[room.current - 1][1])
            await pilot.pause()
            check(app, room)


async def test_at_80x24_the_key_bar_keeps_reveal_quit_and_help_in_every_phase(pack, tmp_path):
    seen = set()

    def check(app, room):
        bar = rendered(app)[-1]
        assert " r Reveal " in bar and " q End room " in bar and " ? Help" in bar, (room.phase, bar)
        seen.add((room.phase, room.round, room.part()))

    await _walk(pack, tmp_path, (80, 24), check)
    assert {("open", 1, "pre"), ("closed", 1, "pre"), ("open", 1, "workshop"), ("closed", 1, "workshop"),
            ("open", 2, "workshop"), ("revealed", 2, "workshop"), ("revealed", 1, "post")} <= seen


async def test_at_60x20_the_status_keeps_the_phase_words_and_the_second_round_is_on_screen(pack, tmp_path):
    def check(app, room):
        lines = rendered(app)
        status = lines[0].strip()
        assert len(lines[0]) == 60
        # The phase in words, whole; an ellipsis, if any, only after a whole word.
        words = "not started" if room.phase == "lobby" else room.phase
        assert re.search(rf"(^|[ ,·]){words}(,|$| )", status.rstrip("…")), status
        assert not status.endswith("…") or status[:-1].rstrip(" ,·").split(" ")[-1] in {
            "Room", CODE, "joined", "round", "2", "open", "closed", "revealed", "pre", "post"}, status
        if room.round == 2 and room.phase == "open":
            shown = "\n".join(lines)
            assert "Second round (after discussion):" in shown
            assert all(f"{n}. {option}" in shown for n, option in enumerate(room.options[room.current - 1], 1))
            assert "Answered: 2 of 3 joined" in shown  # the second round's bars, above the first's

    await _walk(pack, tmp_path, (60, 20), check)


async def test_h_hides_and_shows_the_first_round_bars_until_the_reveal(pack, tmp_path):
    from tui_helpers import lists_key

    room = Room.create(pack, RoomStore(tmp_path), seed=9, count=2, code=CODE, kind="myth-or-fact")
    app = RoomApp(room, "http://127.0.0.1:8765/", lambda: [])
    async with app.run_test(size=(80, 24)) as pilot:
        tokens = [room.join(CODE, name) for name in ("Ann", "Bo", "Cy")]
        await pilot.press("n")
        for token in tokens:
            room.answer(token, 1, room.options[0][0])
        await pilot.press("c", "v")
        room.answer(tokens[0], 1, room.options[0][1], 2)
        await pilot.pause()
        first_bar = f"1. {room.options[0][0]}"
        text = "\n".join(rendered(app))
        assert "First round (before discussion):" in text and "3 (100%)" in text
        assert " h Round 1 bars " in rendered(app)[-1]
        await pilot.press("h")
        text = "\n".join(rendered(app))
        assert "First round's bars hidden until the reveal (h shows them)." in text
        assert "Answered: 3 of 3 joined" in text and "3 (100%)" not in text  # the count stays, the bars go
        assert text.count(first_bar) == 1  # the second round's bars only
        await pilot.press("h")
        assert "3 (100%)" in "\n".join(rendered(app))
        await pilot.press("question_mark")
        assert lists_key(app, "h", "first round")
        await pilot.press("escape", "h", "r")  # hidden, then revealed: every bar is shown again
        assert "3 (100%)" in "\n".join(rendered(app))
        # Bo and Cy answered the first round only: their answers are final and count, once.
        right = sum(room.options[0][0] == room.items[0].answer for _ in range(2)) + (
            room.options[0][1] == room.items[0].answer)
        assert f"Right: {right} of 3 ({round(100 * right / 3)}%), counting each participant's final answer." in (
            flat(screen_text(app)))
