"""The participant's page in Debian's headless Chromium (driven over the DevTools
protocol): join, answer, reload, see the reveal; axe-core finds no violation on the join,
question, revealed and ended pages, in light and dark mode; nothing overflows at 320 px.

Needs `chromium` and npm's `axe-core` in node_modules/ (`make test` installs both).
"""

from __future__ import annotations

import json

import aiohttp
import pytest

from conftest import ROOT
from headless_chromium import Browser, Page
from room_helpers import RoomProcess

pytestmark = pytest.mark.slow

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


async def axe(page: Page) -> list[str]:
    """axe-core's violations on this page: one line each, with the elements hit."""
    await page.evaluate(AXE.read_text(encoding="utf-8"))
    return await page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")


@pytest.fixture
async def tab(tmp_path):
    if not AXE.exists():
        pytest.fail("axe-core is not in node_modules/: run `make test` (it installs it from npm)")
    with Browser(tmp_path / "profile") as browser:
        async with aiohttp.ClientSession() as http:
            page = await browser.new_page(http)
            yield page
            await page.ws.close()


async def join_page(tab: Page, port: int, code: str, name: str = "Ann") -> None:
    """Open the room's join page, join as `name` and wait for the lobby."""
    await tab.call("Page.navigate", url=f"http://127.0.0.1:{port}/?code={code}")
    await tab.wait_for("document.querySelector('form.join') !== null", bool, "the join form")
    await tab.evaluate(f"document.getElementById('name').value = {json.dumps(name)}; "
                       "document.querySelector('form.join button').click(); true")
    await tab.wait_for("document.body.innerText.includes('You are in')", bool, "the lobby")


async def check_both_schemes(tab: Page, where: str) -> None:
    for scheme in ("light", "dark"):
        await tab.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}])
        violations = await axe(tab)
        assert violations == [], f"axe-core on the {where} page ({scheme}):\n" + "\n".join(violations)
    await tab.call("Emulation.setEmulatedMedia", features=[])


async def test_participant_page_join_answer_reload_reveal_end(tab, tmp_path):
    room = RoomProcess("--code", "246810", "--count", "2", "--seed", "7", data_dir=tmp_path / "data")
    try:
        room.started()
        base = f"http://127.0.0.1:{room.port}"
        await tab.call("Page.navigate", url=f"{base}/?code=246810")
        await tab.wait_for("document.querySelector('form.join') !== null", bool, "the join form")
        await check_both_schemes(tab, "join")
        await tab.evaluate("document.getElementById('name').value = '<i>Zoë</i>'; "
                     "document.querySelector('form.join button').click(); true")
        await tab.wait_for("location.pathname === '/play' && document.body.innerText.includes('You are in')", bool,
                        "the lobby")
        assert "<i>Zoë</i>" in await tab.text()  # the name shown as typed, not as markup
        room.wait_for(r"^Joined: <i>Zoë</i> \(1 joined\)$")
        room.send("n")  # the page notices by itself (JavaScript is on)
        await tab.wait_for("document.querySelectorAll('button.option').length >= 2", bool, "the question's options")
        await check_both_schemes(tab, "question")
        await tab.call("Emulation.setDeviceMetricsOverride", width=320, height=640, deviceScaleFactor=1,
                       mobile=True)
        assert await tab.evaluate("document.documentElement.scrollWidth <= 320"), "the page overflows at 320 px"
        chosen = await tab.evaluate("const b = document.querySelector('button.option'); b.click(); b.value")
        await tab.wait_for("document.body.innerText.includes('received')", bool, "the answer received")
        room.wait_for(r"^Tally for question 1: 1 of 1 answered")
        await tab.call("Page.reload")
        await tab.wait_for("document.body.innerText.includes('received')", bool, "the answer after a reload")
        assert f"Your answer: {chosen}" in await tab.text()
        room.send("r")
        await tab.wait_for("document.querySelector('.reveal') !== null", bool, "the reveal")
        text = await tab.text()
        assert "Whose verdict:" in text and "Explanation" in text and "Evidence" in text and "Source:" in text
        assert ("Correct ✓" in text) != ("Incorrect ✗" in text)
        await check_both_schemes(tab, "revealed")
        assert await tab.evaluate("document.documentElement.scrollWidth <= 320"), "the reveal overflows at 320 px"
        room.send("q")
        await tab.wait_for("document.body.innerText.includes('Your final score')", bool, "the ended page")
        await check_both_schemes(tab, "ended")
        room.wait_for(r"^Room 246810 has ended")
    finally:
        room.kill()


async def test_without_javascript_a_form_post_and_a_button_do_everything(tab, tmp_path):
    room = RoomProcess("--code", "13579", "--count", "1", "--seed", "2", data_dir=tmp_path / "data")
    try:
        room.started()
        await tab.call("Emulation.setScriptExecutionDisabled", value=True)
        # Runtime.evaluate still runs (it is the test's hand, not the page's script).
        await join_page(tab, room.port, "13579")
        room.wait_for(r"^Joined: Ann")
        room.send("n")
        room.wait_for(r"^Question 1 of 1 is open")
        await tab.evaluate("document.querySelector('form.refresh button').click(); true")
        await tab.wait_for("document.querySelectorAll('button.option').length >= 2", bool,
                           "the question after a refresh")
        await tab.evaluate("document.querySelector('button.option').click(); true")
        await tab.wait_for("document.body.innerText.includes('received')", bool, "the answer received")
        room.send("r")
        room.wait_for(r"^Revealed question 1")
        await tab.evaluate("document.querySelector('form.refresh button').click(); true")
        await tab.wait_for("document.querySelector('.reveal') !== null", bool, "the reveal after a refresh")
    finally:
        room.kill()
