"""The participant's page in a second round and on a pre question, in headless Chromium:
the page moves to the second round by itself, says what to do, takes a second answer,
and axe-core finds no violation; a pre question's page shows no verdict after `r`."""

from __future__ import annotations

import pytest

from room_helpers import RoomProcess, api
from test_room_browser import check_both_schemes, join_page, tab  # noqa: F401 - the browser fixture

pytestmark = pytest.mark.slow


async def test_second_round_page_moves_by_itself_and_is_accessible(tab, tmp_path):  # noqa: F811
    room = RoomProcess("--code", "5150", "--count", "2", "--seed", "7", data_dir=tmp_path / "data")
    try:
        room.started()
        await join_page(tab, room.port, "5150")
        room.send("n")
        await tab.wait_for("document.querySelectorAll('button.option').length >= 2", bool, "the question's options")
        first = await tab.evaluate("const b = document.querySelector('button.option'); b.click(); b.value")
        await tab.wait_for("document.body.innerText.includes('received')", bool, "the first answer received")
        room.send("v")  # while the first round is still open; the page notices by itself
        room.wait_for(r"^Second round open for question 1")
        await tab.wait_for("document.body.innerText.includes('Second round')", bool, "the second round")
        text = await tab.text()
        assert f"Your first answer was {first}" in text and "Correct" not in text and "Incorrect" not in text
        await check_both_schemes(tab, "second round")
        second = await tab.evaluate(
            "const b = [...document.querySelectorAll('button.option')].pop(); b.click(); b.value")
        await tab.wait_for("document.body.innerText.includes('received')", bool, "the second answer received")
        room.wait_for(r"^Tally for question 1, round 2: 1 of 1 answered")
        room.send("r")
        await tab.wait_for("document.querySelector('.reveal') !== null", bool, "the reveal")
        assert f"You answered {second}." in await tab.text()
    finally:
        room.kill()


async def test_pre_question_page_shows_no_verdict(tab, tmp_path):  # noqa: F811
    room = RoomProcess("--code", "6160", "--count", "1", "--seed", "7", "--pre-post", "1",
                       data_dir=tmp_path / "data")
    try:
        room.started()
        status, body = api(room.port, "POST", "/api/join", {"code": "6160", "name": "Bo"})
        assert status == 200
        await tab.call("Network.enable")
        await tab.call("Network.setCookie", name="mythquiz_room", value=body["token"],
                       url=f"http://127.0.0.1:{room.port}/")
        room.send("n")
        room.wait_for(r"^Question 1 of 3 is open \(a pre question")
        await tab.call("Page.navigate", url=f"http://127.0.0.1:{room.port}/play")
        await tab.wait_for("document.querySelectorAll('button.option').length >= 2", bool, "the pre question")
        assert "asked again at the end" in await tab.text()
        await tab.evaluate("document.querySelector('button.option').click(); true")
        await tab.wait_for("document.body.innerText.includes('received')", bool, "the answer received")
        room.send("r")
        room.wait_for(r"^Question 1 is a pre question: answering closed, nothing revealed")
        await tab.wait_for("document.body.innerText.includes('Answering is closed')", bool, "the closed pre question")
        text = await tab.text()
        assert await tab.evaluate("document.querySelector('.reveal') === null")
        assert "Correct" not in text and "Incorrect" not in text and "Your score: 0 right of 0 asked" in text
        await check_both_schemes(tab, "closed pre question")
    finally:
        room.kill()
