"""Debian's headless Chromium, driven over the DevTools protocol, for the tests that need a
real browser (`test_serve.py`: the terminal in a page; `test_room_browser.py`: the
participant's page).

`make test` installs `chromium`; without it a test fails saying how to install it. The
browser gets a fresh profile, resolves no name but 127.0.0.1, and makes no request of
its own (no updates, sync or extensions), so a test sees only what the page does.
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest

DEADLINE = 30.0  # seconds any one browser step may take before the test fails


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    pytest.fail("Chromium is not installed, so this cannot be tested in a browser: "
                "run `apt-get install -y chromium` (make test does it)")


class Browser:
    """Headless Chromium with a fresh profile in `profile`, its DevTools on loopback.
    Use as a context manager, or call `close()`."""

    def __init__(self, profile: Path) -> None:
        self.proc = subprocess.Popen(
            [chromium_path(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", f"--user-data-dir={profile}",
             "--window-size=1280,900", "--no-first-run", "--no-default-browser-check", "--disable-quic",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--disable-default-apps", "--no-pings", "--mute-audio",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"  # Chromium writes it once it is ready
        end = time.monotonic() + DEADLINE
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"chromium exited with code {self.proc.returncode} before it was ready")
            try:
                first = port_file.read_text().split("\n", 1)[0].strip()
            except OSError:
                first = ""
            if first.isdigit():
                self.port = int(first)
                break
            if time.monotonic() > end:
                self.close()
                pytest.fail(f"chromium did not start its DevTools server within {DEADLINE} s")
            time.sleep(0.05)  # a polling interval for the file, not a synchronisation

    async def new_page(self, http: aiohttp.ClientSession) -> Page:
        """A new tab on about:blank, its page events enabled."""
        async with http.put(f"http://127.0.0.1:{self.port}/json/new?about:blank") as response:
            target = await response.json()
        page = Page(await http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0))
        await page.call("Page.enable")
        return page

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ScriptError(AssertionError):
    """An expression evaluated in the page threw."""


class DevToolsError(AssertionError):
    """DevTools refused a call, most often because the page it was for was being replaced (a page
    that moves by itself navigates; a call can land in between)."""


class Page:
    """One tab. Events that arrive while waiting for a call's reply are kept in `events`."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict] = []

    async def call(self, method: str, **params):
        self.next_id += 1
        ident = self.next_id
        await self.ws.send_json({"id": ident, "method": method, "params": params})
        end = time.monotonic() + DEADLINE
        while True:
            left = end - time.monotonic()
            if left <= 0:
                pytest.fail(f"DevTools call {method} got no answer within {DEADLINE} s")
            message = await self.ws.receive(timeout=left)
            if message.type != aiohttp.WSMsgType.TEXT:
                pytest.fail(f"DevTools connection ended during {method}: {message.type}")
            reply = json.loads(message.data)
            if reply.get("id") == ident:
                if "error" in reply:
                    raise DevToolsError(f"DevTools {method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    async def evaluate(self, expression: str):
        """The value of `expression` in the page (promises awaited); ScriptError if it threw."""
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise ScriptError(f"{expression[:80]!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, check=bool, what: str = ""):
        """Evaluate `expression` until `check(value)` (an expression that throws, as while a
        page is being replaced, is asked again); fail naming `what` at the deadline."""
        end = time.monotonic() + DEADLINE
        value = None
        while time.monotonic() < end:
            try:
                value = await self.evaluate(expression)
            except (ScriptError, DevToolsError):  # asked again: the page is being replaced
                value = None
            if check(value):
                return value
            await asyncio.sleep(0.1)  # a polling interval, not a synchronisation
        try:
            text = await self.text()
        except ScriptError:
            text = ""
        pytest.fail(f"timed out after {DEADLINE} s waiting for {what or expression}; last value:\n{value}\n"
                    f"the page said:\n{text}")

    async def text(self) -> str:
        return await self.evaluate("document.body ? document.body.innerText : ''")

    async def press(self, key: str) -> None:
        code = f"Key{key.upper()}"
        await self.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=code, text=key,
                        windowsVirtualKeyCode=ord(key.upper()))
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                        windowsVirtualKeyCode=ord(key.upper()))

    async def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])
        path.write_bytes(data)
        return data

    def requested(self) -> list[str]:
        """URLs the page requested (after `Network.enable`)."""
        return [event["params"]["request"]["url"] for event in self.events
                if event.get("method") == "Network.requestWillBeSent"]

    def websockets(self) -> list[str]:
        return [event["params"]["url"] for event in self.events
                if event.get("method") == "Network.webSocketCreated"]
