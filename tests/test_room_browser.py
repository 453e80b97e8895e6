"""The participant's page in Debian's headless Chromium (driven over the DevTools
protocol): join, answer, reload, see the reveal; axe-core finds no violation on the join,
question, revealed and ended pages, in light and dark mode; nothing overflows at 320 px.

Needs `chromium` and npm's `axe-core` in node_modules/ (`make test` installs both).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest

from conftest import ROOT
from room_helpers import RoomProcess

pytestmark = pytest.mark.slow

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DEADLINE = 30.0


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    pytest.fail("Chromium is not installed: run `make test` (it installs Debian's chromium)")


class Chromium:
    """Headless Chromium with a fresh profile, reachable over DevTools on loopback."""

    def __init__(self, profile: Path) -> None:
        self.proc = subprocess.Popen(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", "--remote-debugging-port=0", f"--user-data-dir={profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        end = time.monotonic() + DEADLINE
        while not (port_file.exists() and port_file.read_text().split("\n", 1)[0].strip().isdigit()):
            if self.proc.poll() is not None or time.monotonic() > end:
                pytest.fail("chromium did not start its DevTools server")
            time.sleep(0.05)  # polling for the file Chromium writes when it is ready
        self.port = int(port_file.read_text().split("\n", 1)[0])

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Tab:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params):
        self.next_id += 1
        ident = self.next_id
        await self.ws.send_json({"id": ident, "method": method, "params": params})
        while True:
            message = await self.ws.receive(timeout=DEADLINE)
            reply = json.loads(message.data)
            if reply.get("id") == ident:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply["result"]

    async def js(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    async def until(self, expression: str, what: str):
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            try:
                if await self.js(expression):
                    return
            except AssertionError:
                pass  # the page is being replaced; ask again
            await asyncio.sleep(0.1)  # a polling interval, not a synchronisation
        text = await self.js("document.body ? document.body.innerText : ''")
        pytest.fail(f"timed out waiting for {what}; the page said:\n{text}")

    async def text(self) -> str:
        return await self.js("document.body.innerText")

    async def axe(self) -> list[str]:
        """axe-core's violations on this page: one line each, with the elements hit."""
        await self.js(AXE.read_text(encoding="utf-8"))
        return await self.js(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
            "v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")


@pytest.fixture
async def tab(tmp_path):
    if not AXE.exists():
        pytest.fail("axe-core is not in node_modules/: run `make test` (it installs it from npm)")
    browser = Chromium(tmp_path / "profile")
    try:
        async with aiohttp.ClientSession() as http:
            async with http.put(f"http://127.0.0.1:{browser.port}/json/new?about:blank") as r:
                target = await r.json()
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                page = Tab(ws)
                await page.call("Page.enable")
                yield page
    finally:
        browser.close()


async def check_both_schemes(tab: Tab, where: str) -> None:
    for scheme in ("light", "dark"):
        await tab.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}])
        violations = await tab.axe()
        assert violations == [], f"axe-core on the {where} page ({scheme}):\n" + "\n".join(violations)
    await tab.call("Emulation.setEmulatedMedia", features=[])


async def test_participant_page_join_answer_reload_reveal_end(tab, tmp_path):
    room = RoomProcess("--code", "246810", "--count", "2", "--seed", "7", data_dir=tmp_path / "data")
    try:
        room.started()
        base = f"http://127.0.0.1:{room.port}"
        await tab.call("Page.navigate", url=f"{base}/?code=246810")
        await tab.until("document.querySelector('form.join') !== null", "the join form")
        await check_both_schemes(tab, "join")
        await tab.js("document.getElementById('name').value = '<i>Zoë</i>'; "
                     "document.querySelector('form.join button').click(); true")
        await tab.until("location.pathname === '/play' && document.body.innerText.includes('You are in')",
                        "the lobby")
        assert "<i>Zoë</i>" in await tab.text()  # the name shown as typed, not as markup
        room.wait_for(r"^Joined: <i>Zoë</i> \(1 joined\)$")
        room.send("n")  # the page notices by itself (JavaScript is on)
        await tab.until("document.querySelectorAll('button.option').length >= 2", "the question's options")
        await check_both_schemes(tab, "question")
        await tab.call("Emulation.setDeviceMetricsOverride", width=320, height=640, deviceScaleFactor=1,
                       mobile=True)
        assert await tab.js("document.documentElement.scrollWidth <= 320"), "the page overflows at 320 px"
        chosen = await tab.js("const b = document.querySelector('button.option'); b.click(); b.value")
        await tab.until("document.body.innerText.includes('received')", "the answer received")
        room.wait_for(r"^Tally for question 1: 1 of 1 answered")
        await tab.call("Page.reload")
        await tab.until("document.body.innerText.includes('received')", "the answer after a reload")
        assert f"Your answer: {chosen}" in await tab.text()
        room.send("r")
        await tab.until("document.querySelector('.reveal') !== null", "the reveal")
        text = await tab.text()
        assert "Whose verdict:" in text and "Explanation" in text and "Evidence" in text and "Source:" in text
        assert ("Correct ✓" in text) != ("Incorrect ✗" in text)
        await check_both_schemes(tab, "revealed")
        assert await tab.js("document.documentElement.scrollWidth <= 320"), "the reveal overflows at 320 px"
        room.send("q")
        await tab.until("document.body.innerText.includes('Your final score')", "the ended page")
        await check_both_schemes(tab, "ended")
        room.wait_for(r"^Room 246810 has ended")
    finally:
        room.kill()


async def test_without_javascript_a_form_post_and_a_button_do_everything(tab, tmp_path):
    room = RoomProcess("--code", "13579", "--count", "1", "--seed", "2", data_dir=tmp_path / "data")
    try:
        room.started()
        await tab.call("Emulation.setScriptExecutionDisabled", value=True)
        await tab.call("Page.navigate", url=f"http://127.0.0.1:{room.port}/?code=13579")
        # Runtime.evaluate still runs (it is the test's hand, not the page's script).
        await tab.until("document.querySelector('form.join') !== null", "the join form")
        await tab.js("document.getElementById('name').value = 'Ann'; "
                     "document.querySelector('form.join button').click(); true")
        await tab.until("document.body.innerText.includes('You are in')", "the lobby")
        room.wait_for(r"^Joined: Ann")
        room.send("n")
        room.wait_for(r"^Question 1 of 1 is open")
        await tab.js("document.querySelector('form.refresh button').click(); true")
        await tab.until("document.querySelectorAll('button.option').length >= 2", "the question after a refresh")
        await tab.js("document.querySelector('button.option').click(); true")
        await tab.until("document.body.innerText.includes('received')", "the answer received")
        room.send("r")
        room.wait_for(r"^Revealed question 1")
        await tab.js("document.querySelector('form.refresh button').click(); true")
        await tab.until("document.querySelector('.reveal') !== null", "the reveal after a refresh")
    finally:
        room.kill()
