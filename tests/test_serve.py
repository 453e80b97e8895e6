"""`mythquiz serve`: the real command, a real browser (headless Chromium), loopback only.

Every server here is the installed `mythquiz serve` (or, for a crashing app, tui.web.serve's
own entry with another command) on a free port of 127.0.0.1; every connection stays in
the loopback range. Synchronisation is by polling with a deadline, never by a sleep.

The browser test needs Debian's `chromium` (`make test` installs it). Without it the test
fails, it does not skip. Its screenshots are kept in test-artifacts/.
"""

from __future__ import annotations

import asyncio
import errno
import queue
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import aiohttp
import pytest

from conftest import MYTHQUIZ, ROOT, run_env
from headless_chromium import Browser, Page, chromium_path
from tui.web.serve import MESSAGE_FAILED, MESSAGE_FULL, MESSAGE_IDLE, MESSAGE_STOPPED

ARTIFACTS = ROOT / "test-artifacts"
DEADLINE = 20.0  # seconds any one thing may take before the test fails
LEAKS = ("Traceback", 'File "', "/work/", str(ROOT), "site-packages", ".py", "Error:")

pytestmark = pytest.mark.slow


# --- a server under test ------------------------------------------------------------


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _pump(stream, lines: queue.Queue, keep: list[str]) -> None:
    for line in stream:
        keep.append(line)
        lines.put(line)


class Served:
    """A server process: its start line, its output, a clean stop."""

    def __init__(self, command: list[str], port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=run_env())
        self.out: list[str] = []
        self.err: list[str] = []
        self._lines: queue.Queue = queue.Queue()
        self._threads = [
            threading.Thread(target=_pump, args=(self.proc.stdout, self._lines, self.out), daemon=True),
            threading.Thread(target=_pump, args=(self.proc.stderr, queue.Queue(), self.err), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @classmethod
    def mythquiz(cls, *args: str) -> Served:
        port = free_port()
        return cls([str(MYTHQUIZ), "serve", "--port", str(port), *args], port)

    def start_line(self) -> str:
        """The first line on stdout, once the server listens (fails if it exits first)."""
        try:
            return self._lines.get(timeout=DEADLINE)
        except queue.Empty:
            pytest.fail(f"no start line within {DEADLINE} s; stderr: {''.join(self.err)!r}")

    def stop(self) -> int:
        """Ctrl+C, as the operator would; the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail("the server did not stop within the deadline after Ctrl+C")
        for thread in self._threads:
            thread.join(timeout=DEADLINE)
        return code

    def children(self) -> set[int]:
        """Process ids whose parent is the server (one per open session)."""
        found = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    found.add(int(entry.name))
        return found

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for name, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        try:
            rows = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            address, _, port_hex = fields[1].partition(":")
            if fields[3] != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            words = struct.unpack(f"={len(raw) // 4}I", raw)  # kernel order, per 32-bit word
            found.add(socket.inet_ntop(family, struct.pack(f">{len(words)}I", *words)))
    return found


def connects(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=5):
            return True
    except OSError as exc:
        if exc.errno == errno.ECONNREFUSED:
            return False
        raise


def get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")


def until(condition, what: str, deadline: float = DEADLINE):
    """Poll `condition()` until it is truthy; fail naming `what` after the deadline."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {deadline} s waiting for {what}")


# --- a browser session without a browser --------------------------------------------


class Session:
    """One /ws session, as textual.js opens it; collects what the browser would get."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.data = bytearray()
        self.texts: list[str] = []
        self.close_code: int | None = None
        self.close_reason = ""

    @classmethod
    async def open(cls, http: aiohttp.ClientSession, port: int, host: str = "127.0.0.1") -> Session:
        ws = await http.ws_connect(f"ws://{host}:{port}/ws?width=100&height=30")
        return cls(ws)

    async def read_until(self, done, what: str) -> None:
        """Read messages until `done(self)` or the socket closes; fail at the deadline."""
        end = time.monotonic() + DEADLINE
        while not done(self):
            if self.close_code is not None:
                return
            left = end - time.monotonic()
            if left <= 0:
                pytest.fail(f"timed out waiting for {what}")
            try:
                message = await self.ws.receive(timeout=left)
            except asyncio.TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.data.extend(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(message.data)
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING,
                                  aiohttp.WSMsgType.CLOSED):
                self.close_code = self.ws.close_code if message.data is None else message.data
                self.close_reason = message.extra or ""
            elif message.type == aiohttp.WSMsgType.ERROR:
                pytest.fail(f"websocket error: {message.data!r}")

    async def started(self) -> None:
        await self.read_until(lambda s: len(s.data) > 2000, "the app's first screen")
        assert self.close_code is None, f"closed: {self.close_code} {self.close_reason!r}"

    async def closed(self) -> None:
        await self.read_until(lambda s: False, "the session to close")

    @classmethod
    async def open_when_free(cls, http: aiohttp.ClientSession, port: int) -> Session:
        """A session started once the server has freed the slot of one that ended. The
        server frees it a moment after the session's process is gone (when its clean-up
        resumes), so a tab opened in that moment is told the room is full; a user who
        tries again gets in, and so does this, within the deadline."""
        end = time.monotonic() + DEADLINE
        while True:
            session = await cls.open(http, port)
            await session.read_until(lambda s: len(s.data) > 2000, "the app's first screen")
            if session.close_code != 1013 or time.monotonic() > end:  # 1013: try again later
                assert session.close_code is None, f"closed: {session.close_code} {session.close_reason!r}"
                return session
            await asyncio.sleep(0.05)

    def everything(self) -> str:
        return self.data.decode("utf-8", "replace") + "".join(self.texts) + self.close_reason


# --- the page is served; loopback by default ------------------------------------------


def test_loopback_is_told_apart_from_every_other_address():
    from tui.web.serve import is_loopback, start_lines

    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host), host
        assert "loopback only" in start_lines(host, 8000, 30)[0]
    for host in ("0.0.0.0", "::", "", "192.0.2.10", "no-such-host.invalid"):
        assert not is_loopback(host), host
        assert "reachable from other computers" in start_lines(host, 8000, 30)[0]
    lines = start_lines("0.0.0.0", 8123, 5)
    assert len(lines) == 2 and "participants open http://" in lines[1] and ":8123/" in lines[1]
    assert "Up to 5 browser sessions at once" in lines[0]



def test_page_is_served_on_loopback_and_stops_cleanly():
    with Served.mythquiz() as server:
        line = server.start_line()
        assert f"http://127.0.0.1:{server.port}/" in line
        assert "loopback only" in line and "this computer only" in line

        status, headers, page = get(server.url)
        assert status == 200
        assert headers["Content-Type"].startswith("text/html")
        assert "<title>mythquiz</title>" in page
        assert 'class="textual-terminal"' in page and "static/js/textual.js" in page
        # Nothing from outside (textual-serve's own page links Google Fonts), and no
        # absolute address of the server baked in.
        assert "googleapis" not in page and "https://" not in page and "http://" not in page
        assert f":{server.port}" not in page
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "aiohttp" not in headers.get("Server", "") and "Python" not in headers.get("Server", "")
        for asset in ("static/js/textual.js", "static/css/xterm.css",
                      "static/fonts/RobotoMono-VariableFont_wght.ttf"):
            assert get(server.url + asset)[0] == 200, asset
        status, _, listing = get(server.url + "static/")  # no directory listing
        assert status in (403, 404) and "textual.js" not in listing
        status, _, body = get(server.url + "no/such/page")
        assert status == 404 and not any(leak in body for leak in LEAKS)

        # Bound to 127.0.0.1 itself, not to every address: another address of this
        # computer (127.0.0.2, still loopback, so no traffic leaves it) is refused.
        assert listening_addresses(server.port) == {"127.0.0.1"}
        assert not connects("127.0.0.2", server.port)

        assert server.stop() == 0
    err = "".join(server.err)
    assert "Traceback" not in err and "server stopped" in err


def test_host_0000_says_other_computers_can_reach_it():
    with Served.mythquiz("--host", "0.0.0.0") as server:
        line = server.start_line()
        assert "reachable from other computers" in line and "loopback only" not in line
        assert listening_addresses(server.port) == {"0.0.0.0"}
        # Reached by another of this computer's addresses, the page still works: its
        # URLs are relative (textual-serve would write ws://0.0.0.0:PORT/ws into it).
        status, _, page = get(f"http://127.0.0.2:{server.port}/")
        assert status == 200 and "0.0.0.0" not in page and "textual-terminal" in page
        assert server.stop() == 0


def test_a_port_in_use_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([str(MYTHQUIZ), "serve", "--port", str(port)], capture_output=True,
                                text=True, timeout=DEADLINE, env=run_env())
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


async def test_an_error_in_the_server_is_a_plain_500():
    from aiohttp.test_utils import TestClient, TestServer

    from tui.web.serve import MESSAGE_SERVER_ERROR
    from tui.web.serve.server import RoomServer

    async def boom(request):
        raise RuntimeError(f"secret detail in {ROOT}/tui/serve.py")

    server = RoomServer(["true"], "127.0.0.1", 0, 1)
    app = await server._make_app()
    app.router.add_get("/boom", boom)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        response = await client.get("/boom")
        body = await response.text()
        assert response.status == 500 and body == MESSAGE_SERVER_ERROR
        assert response.headers["Server"] == "mythquiz"
        response = await client.get("/static/js/textual.js")
        assert response.status == 200 and response.headers["X-Content-Type-Options"] == "nosniff"


def test_bad_max_sessions_is_usage_error():
    result = subprocess.run([str(MYTHQUIZ), "serve", "--max-sessions", "0"], capture_output=True,
                            text=True, timeout=DEADLINE, env=run_env())
    assert result.returncode == 2 and "--max-sessions" in result.stderr and "Traceback" not in result.stderr


# --- sessions: the cap, a clean stop, failures --------------------------------------


async def test_session_cap_tells_the_next_browser_the_room_is_full():
    with Served.mythquiz("--max-sessions", "1") as server:
        assert "Up to 1 browser sessions at once" in server.start_line()
        async with aiohttp.ClientSession() as http:
            first = await Session.open(http, server.port)
            await first.started()

            # Junk from a browser is ignored, not a crash: the session still answers.
            for junk in ("not json", "[]", '["resize", {"width": "huge"}]', '["stdin", 5]', "{}"):
                await first.ws.send_str(junk)
            await first.ws.send_str('["ping", "still-there"]')
            await first.read_until(lambda s: '["pong", "still-there"]' in s.texts, "the pong")

            second = await Session.open(http, server.port)
            await second.closed()
            assert second.close_code == 1013  # try again later
            assert second.close_reason == MESSAGE_FULL
            assert not second.data  # no app was started for it

            # q quits the app: the browser's session ends plainly, and the slot frees.
            await first.ws.send_str('["stdin", "q"]')
            await first.closed()
            assert first.close_code == 1000 and first.close_reason == ""
            until(lambda: not server.children(), "the first session's process to end")
            third = await Session.open_when_free(http, server.port)

            # A tab that goes away ends its process too.
            await third.ws.close()
            until(lambda: not server.children(), "the closed tab's process to end")
            third = await Session.open_when_free(http, server.port)

            # Ctrl+C with a session open: the browser is told, the app process ends.
            children = server.children()
            assert len(children) == 1
            server.proc.send_signal(signal.SIGINT)
            await third.closed()
            assert third.close_code == 1001 and third.close_reason == MESSAGE_STOPPED
            assert server.stop() == 0
        until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in children),
              "the session's process to end with the server")
    err = "".join(server.err)
    assert "refused a session: 1 of 1" in err and "Traceback" not in err
    assert "a browser session failed" not in err  # quitting and closing a tab are not failures


async def test_a_session_that_cannot_start_gets_a_plain_message(pack_copy):
    content, corpus = pack_copy
    with Served.mythquiz("--content", str(content), "--corpus", str(corpus)) as server:
        server.start_line()
        # The pack breaks while the room is running: each new tab's process refuses it.
        broken = content / "pack.yaml"
        broken.write_text("title: [unclosed\n", encoding="utf-8")
        async with aiohttp.ClientSession() as http:
            session = await Session.open(http, server.port)
            await session.closed()
        assert session.close_code == 1011 and session.close_reason == MESSAGE_FAILED
        seen = session.everything()
        assert "pack.yaml" not in seen and str(content) not in seen
        assert not any(leak in seen for leak in LEAKS), seen[:500]
        assert server.stop() == 0
    err = "".join(server.err)
    # The operator's console gets one line naming the file; no traceback anywhere.
    failed = [line for line in server.err if "a browser session failed" in line]
    assert len(failed) == 1 and "exit code 2" in failed[0] and "pack.yaml" in failed[0], err
    assert "Traceback" not in err and "Traceback" not in "".join(server.out)


CRASHING_APP = """
from textual.app import App
from textual.widgets import Static


class Crashes(App):
    def compose(self):
        yield Static("about to fail")

    def on_mount(self):
        raise RuntimeError("secret detail at /srv/private/path.py")


app = Crashes()
app.run()
raise SystemExit(app.return_code)  # as mythquiz does: 1 after a crash
"""


async def test_an_app_that_crashes_shows_the_browser_no_traceback(tmp_path):
    crasher = tmp_path / "crashes.py"
    crasher.write_text(CRASHING_APP, encoding="utf-8")
    port = free_port()
    entry = ("import sys; from tui.web.serve import serve; "
             f"sys.exit(serve('127.0.0.1', {port}, [], argv=[sys.executable, {str(crasher)!r}]))")
    with Served([sys.executable, "-c", entry], port) as server:
        server.start_line()
        async with aiohttp.ClientSession() as http:
            session = await Session.open(http, port)
            await session.closed()
        assert session.close_code == 1011 and session.close_reason == MESSAGE_FAILED
        seen = session.everything()
        assert "secret detail" not in seen and "/srv/private" not in seen and "RuntimeError" not in seen
        assert not any(leak in seen for leak in LEAKS), seen[-500:]
        assert server.stop() == 0
    failed = [line for line in server.err if "a browser session failed" in line]
    assert len(failed) == 1 and "exit code 1" in failed[0], server.err
    everything_printed = "".join(server.err + server.out)
    assert "Traceback" not in everything_printed


# --- a real browser -----------------------------------------------------------------

# Run before textual.js: keep a handle on the xterm.js Terminal it creates (it is in a
# closure), so the test can read what the terminal shows. textual.js assigns it as
# `this.terminal = new Terminal(...)`, which meets this setter on Object.prototype.
TERMINAL_HOOK = r"""
(() => {
  const found = [];
  Object.defineProperty(window, "__terminals", {value: found});
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
      if (value && typeof value.write === "function" && value.buffer) found.push(value);
    },
  });
})();
"""

SCREEN_TEXT = r"""
(() => {
  const t = window.__terminals && window.__terminals[0];
  if (!t) return "";
  const buffer = t.buffer.active, rows = [];
  for (let y = 0; y < t.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\n");
})()
"""

CLOSED_MESSAGE = r"""
(() => {
  const dialog = document.querySelector(".closed-dialog");
  if (!document.body.classList.contains("-closed") || getComputedStyle(dialog).display === "none") return "";
  return dialog.querySelector(".message").textContent;
})()
"""


async def terminal_page(browser: Browser, http: aiohttp.ClientSession) -> Page:
    """A tab the size of a laptop screen that records its requests and exposes the
    terminal (TERMINAL_HOOK) to SCREEN_TEXT."""
    page = await browser.new_page(http)
    await page.call("Network.enable")
    await page.call("Emulation.setDeviceMetricsOverride", width=1280, height=900,
                    deviceScaleFactor=1, mobile=False)
    await page.call("Page.addScriptToEvaluateOnNewDocument", source=TERMINAL_HOOK)
    return page


def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Made by the tests; never committed.\n*\n", encoding="utf-8")
    return ARTIFACTS


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB(A) pixels of an 8-bit, non-interlaced PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, bytearray(), None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.extend(body)
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(bytes(idat))
    stride = width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    pixels = [bytes(row[x:x + 3]) for row in rows[::4] for x in range(0, stride, step * 4)]
    return width, height, pixels


def assert_not_blank(data: bytes) -> None:
    width, height, pixels = png_pixels(data)
    assert (width, height) == (1280, 900)
    counts: dict[bytes, int] = {}
    for pixel in pixels:
        counts[pixel] = counts.get(pixel, 0) + 1
    background = max(counts.values())
    assert len(counts) >= 8, f"only {len(counts)} colours: a blank page"
    assert len(pixels) - background >= len(pixels) // 100, "almost every pixel is the background"


async def test_a_browser_shows_the_home_screen_and_a_full_room(tmp_path):
    chromium_path()  # fail loudly before starting anything if there is no browser
    folder = artifacts()
    with Served.mythquiz("--max-sessions", "1") as server:
        server.start_line()
        browser = Browser(tmp_path / "profile")
        try:
            async with aiohttp.ClientSession() as http:
                page = await terminal_page(browser, http)
                await page.call("Page.navigate", url=server.url)
                screen = await page.wait_for(SCREEN_TEXT, lambda text: text and "Start a quiz" in text,
                                             "the home screen in the browser's terminal")
                assert "mythquiz" in screen and "q  Quit" in screen
                # The intro dialog is gone once the app draws.
                assert await page.evaluate("document.body.classList.contains('-first-byte')")
                shot = await page.screenshot(folder / "serve-home.png")
                assert_not_blank(shot)

                # Everything the page loaded came from this server; the font is local.
                origin = server.url.rstrip("/")
                requested = page.requested()
                assert requested and all(url.startswith(origin + "/") for url in requested), requested
                assert any(url.endswith(".ttf") for url in requested), requested
                sockets = page.websockets()
                assert len(sockets) == 1 and sockets[0].startswith(f"ws://127.0.0.1:{server.port}/ws?"), sockets

                # Keys typed in the browser reach the app.
                await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
                await page.press("s")
                await page.wait_for(SCREEN_TEXT, lambda text: text and "Question 1 of" in text,
                                    "the first question after pressing s")

                # A second tab past --max-sessions 1 is told the room is full.
                second = await terminal_page(browser, http)
                await second.call("Page.navigate", url=server.url)
                message = await second.wait_for(CLOSED_MESSAGE, bool, "the room-full message")
                assert message == MESSAGE_FULL
                await second.screenshot(folder / "serve-room-full.png")

                # Ctrl+C on the server: the open tab says so.
                server.proc.send_signal(signal.SIGINT)
                message = await page.wait_for(CLOSED_MESSAGE, bool, "the server-stopped message")
                assert message == MESSAGE_STOPPED
                assert server.stop() == 0
        finally:
            browser.close()
    assert "Traceback" not in "".join(server.err)


# --- only its own names and its own pages (tui.web.guard) ------------------------------


def raw_status(port: int, host_header: str | None, path: str = "/", extra: str = "") -> int:
    """The status of one request sent byte for byte (so the Host header is exactly ours)."""
    request = f"GET {path} HTTP/1.1\r\n"
    if host_header is not None:
        request += f"Host: {host_header}\r\n"
    request += f"{extra}Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=DEADLINE) as sock:
        sock.sendall(request.encode("latin-1"))
        head = b""
        while b"\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
    return int(head.split(b" ", 2)[1])


async def upgrade_status(port: int, origin: str | None, host: str = "127.0.0.1") -> int:
    """The status a WebSocket upgrade to /ws gets with this Origin (101 when accepted)."""
    headers = {"Host": host} if host != "127.0.0.1" else {}
    async with aiohttp.ClientSession() as http:
        try:
            ws = await http.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24",
                                       origin=origin, headers=headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        await ws.close()
        return 101


async def test_serve_answers_only_to_its_own_names_and_its_own_pages():
    with Served.mythquiz("--allow-host", "Quiz.Local", "--max-sessions", "2") as server:
        server.start_line()
        port = server.port
        seen: dict[str, int] = {}
        # Host: loopback names and addresses, and the --allow-host name, any port.
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}",
                     f"quiz.local:{port}", "quiz.local.", "app.localhost", "127.0.0.1:1"):
            seen[host] = raw_status(port, host)
            assert seen[host] == 200, host
        # DNS rebinding and other names: 421, also with a path or a bad form.
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.nip.io", "10.1.2.3",
                     f"[2001:db8::1]:{port}", "localhost.evil.example", "quiz.local@evil.example",
                     "::1", ""):
            seen[repr(host)] = raw_status(port, host)
            assert seen[repr(host)] == 421, host
        seen["no Host"] = raw_status(port, None)  # HTTP/1.1 requires one: aiohttp says 400
        assert seen["no Host"] in (400, 421)
        assert raw_status(port, "evil.example", "/static/js/textual.js") == 421

        # Origin on the WebSocket upgrade: the server's own page only.
        own = f"http://127.0.0.1:{port}"
        assert await upgrade_status(port, own) == 101
        assert await upgrade_status(port, f"http://localhost:{port}", host=f"localhost:{port}") == 101
        for origin in ("http://evil.example", f"http://evil.example:{port}", "null",
                       f"http://localhost:{port}",          # another origin than the page's
                       "http://127.0.0.1:9", f"https://127.0.0.1:{port}", f"file://127.0.0.1:{port}",
                       "not a url"):
            seen[f"origin {origin}"] = await upgrade_status(port, origin)
            assert seen[f"origin {origin}"] == 403, origin
        # A forged Host with our own origin is still refused, by the Host check.
        assert await upgrade_status(port, "http://evil.example", host="evil.example") == 421
        # A client that is not a browser sends no Origin: accepted (it could send any).
        assert await upgrade_status(port, None) == 101

        until(lambda: not server.children(), "the accepted sessions' processes to end")
        assert server.stop() == 0
    err = "".join(server.err)
    assert "Traceback" not in err
    assert "Host 'evil.example'" in err and "--allow-host" in err
    assert "Origin 'http://evil.example'" in err
    print("status codes:", seen)


def test_the_guard_allows_this_computers_addresses_when_listening_on_all():
    from tui.web.guard import Guard

    guard = Guard("0.0.0.0", ["quiz.lan"], own_addresses=["192.0.2.7"])
    assert guard.host_allowed("192.0.2.7:8000") and guard.host_allowed("quiz.lan")
    assert guard.host_allowed("127.0.0.1") and guard.host_allowed("[::ffff:127.0.0.1]:80")
    assert not guard.host_allowed("192.0.2.8:8000") and not guard.host_allowed("evil.example")
    assert guard.origin_allowed("http://192.0.2.7:8000", "192.0.2.7:8000")
    assert not guard.origin_allowed("http://192.0.2.7:8001", "192.0.2.7:8000")
    assert guard.origin_allowed("http://quiz.lan", "quiz.lan:80")
    named = Guard("192.0.2.7")
    assert named.host_allowed("192.0.2.7") and not named.host_allowed("192.0.2.8")


# --- no orphan processes, idle sessions closed ----------------------------------------

UPGRADE = ("GET /ws?width=80&height=24 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
           "Origin: http://127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")


def open_raw_session(port: int, wait_for_screen: bool) -> socket.socket:
    """A WebSocket session opened as a tab would; with wait_for_screen, read until the
    app has drawn (more than 2000 bytes after the 101)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    sock.sendall(UPGRADE.format(port=port).encode())
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection during the upgrade"
        received += chunk
    assert received.startswith(b"HTTP/1.1 101"), received[:80]
    body = len(received.split(b"\r\n\r\n", 1)[1])
    while wait_for_screen and body <= 2000:
        chunk = sock.recv(65536)
        assert chunk, "the session closed before the app drew"
        body += len(chunk)
    return sock


def drop(sock: socket.socket, abort: bool) -> None:
    """The tab goes away: a reset (a crashed tab, a dropped Wi-Fi) or a plain close."""
    if abort:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_forty_sessions_opened_and_dropped_leave_no_process():
    slow = 180.0  # 40 app processes start on a shared 2-core machine
    with Served.mythquiz("--max-sessions", "40") as server:
        server.start_line()
        port = server.port
        results: dict[int, socket.socket] = {}
        errors: list[BaseException] = []

        def open_one(n: int) -> None:
            try:
                # Half are dropped before their app has drawn (the process is still
                # starting), half once it has.
                results[n] = open_raw_session(port, wait_for_screen=n % 2 == 0)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=open_one, args=(n,)) for n in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=slow)
        assert not errors, errors[:3]
        assert len(results) == 40
        peak = until(lambda: len(server.children()) == 40 and 40, "40 session processes", slow)
        started = server.children()
        for n, sock in results.items():
            drop(sock, abort=n % 4 < 2)
        until(lambda: not server.children(), "every dropped session's process to end", slow)
        assert not any(Path(f"/proc/{pid}").exists() for pid in started)

        # Sessions open when the server stops end with it.
        last = [open_raw_session(port, wait_for_screen=True) for _ in range(3)]
        survivors = server.children()
        assert len(survivors) == 3
        assert server.stop() == 0
        until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in survivors),
              "the last sessions' processes to end with the server", slow)
        for sock in last:
            sock.close()
    err = "".join(server.err)
    assert "Traceback" not in err and "a browser session failed" not in err, err[-2000:]
    print(f"child processes: {peak} open, 0 after 40 drops; 3 open at Ctrl+C, 0 after")


async def test_an_idle_session_is_closed_and_its_process_ends():
    with Served.mythquiz("--idle-timeout", "2s") as server:
        server.start_line()
        async with aiohttp.ClientSession() as http:
            session = await Session.open(http, server.port)
            opened = time.monotonic()
            await session.started()
            assert len(server.children()) == 1
            # A ping is not input: the session still closes.
            await session.ws.send_str('["ping", "x"]')
            await session.closed()
            idle_for = time.monotonic() - opened
        assert session.close_code == 1001 and session.close_reason == MESSAGE_IDLE
        assert idle_for >= 2.0
        until(lambda: not server.children(), "the idle session's process to end")
        assert server.stop() == 0
    assert "without input (--idle-timeout)" in "".join(server.err)


def test_bad_idle_timeout_is_usage_error():
    for value in ("soon", "-5", "nan", "inf"):
        result = subprocess.run([str(MYTHQUIZ), "serve", "--idle-timeout", value], capture_output=True,
                                text=True, timeout=DEADLINE, env=run_env())
        assert result.returncode == 2 and "--idle-timeout" in result.stderr, value
        assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_sessions_end_even_when_the_server_is_killed():
    with Served.mythquiz() as server:
        server.start_line()
        socks = [open_raw_session(server.port, wait_for_screen=True) for _ in range(2)]
        children = server.children()
        assert len(children) == 2
        server.proc.kill()  # kill -9: no chance to close anything
        server.proc.wait()

        def gone(pid: int) -> bool:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                return True
            return state == "Z"

        until(lambda: all(gone(pid) for pid in children), "the sessions' processes to end with the server")
        for sock in socks:
            sock.close()


def test_the_host_check_is_remembered_for_a_bounded_number_of_names():
    """A server hears the same Host in every request, so the answer is remembered. But
    Host values come from clients: 50,000 different ones take no memory to speak of,
    and every answer, remembered or not, is the full check's."""
    import tracemalloc

    from tui.web.guard import Guard

    guard = Guard("127.0.0.1", ["quiz.lan"])
    known = ["127.0.0.1:8765", "localhost:8765", "quiz.lan", "evil.example", "[::1]:80", ""]
    assert [guard.host_allowed(v) for v in known] == [True, True, True, False, True, False]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        assert not any(guard.host_allowed(f"n{i}.example") for i in range(50_000))
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 200_000  # remembering them all would take megabytes
    assert [guard.host_allowed(v) for v in known] == [True, True, True, False, True, False]
