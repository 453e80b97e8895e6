"""One browser tab's mythquiz process: started without a shell in a session of its own,
bound to the server's life, relayed to the browser in textual-serve's protocol, and stopped
within QUIT_TIMEOUT seconds. A failure reaches the browser as a short plain message and
the operator's console as one line, never as a traceback or a file path."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService

from .limits import CLOSE_INTERNAL_ERROR, MESSAGE_FAILED, QUIT_TIMEOUT, STARTUP_TIMEOUT, close_reason, say


# Started before each session's app on Linux: ask the kernel to kill the process when the
# server dies, even by kill -9 or a crash (PR_SET_PDEATHSIG survives exec), and give up if
# the server is already gone; then become the app. Elsewhere the app is started directly.
_DIE_WITH_SERVER = (
    "import ctypes,os,signal,sys\n"
    "ctypes.CDLL(None).prctl(1,signal.SIGKILL)\n"
    "if os.getppid()!=int(sys.argv[1]):os._exit(1)\n"
    "os.execvp(sys.argv[2],sys.argv[2:])"
)


def session_argv(argv: list[str]) -> list[str]:
    """How a session's process is started: `argv`, bound to this server's life on Linux."""
    if not sys.platform.startswith("linux"):
        return argv
    import os

    return [sys.executable, "-c", _DIE_WITH_SERVER, str(os.getpid()), *argv]


class RoomAppService(AppService):
    """One browser tab's mythquiz process, with plain failures and a bounded stop."""

    def __init__(self, argv: list[str], websocket: web.WebSocketResponse, **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.websocket = websocket
        self._stopping = False

    async def _open_app_process(self, width: int = 80, height: int = 24):
        # No shell between us and the app (so stop() reaches the real process), a
        # session of its own, so Ctrl+C on the server's terminal reaches the server only,
        # and no life of its own after the server's (session_argv).
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *session_argv(self.argv),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the app's packets to the browser (textual-serve's protocol).

        textual-serve's own run() copies the app's stderr (tracebacks, file paths) to
        the server's stdout, twice when the app fails to start, and leaves the
        browser waiting forever. Here the browser gets a short plain message and the
        console one line.
        """
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr
        errors = bytearray()

        async def read_stderr() -> None:
            while chunk := await stderr.read(4096):
                if len(errors) < 65536:
                    errors.extend(chunk)

        stderr_task = asyncio.create_task(read_stderr())

        async def prelude() -> bool:
            for _ in range(10):  # textual-serve's allowance of lines before the prelude
                line = await stdout.readline()
                if not line:
                    return False
                if line == b"__GANGLION__\n":
                    return True
            return False

        ready = False
        try:
            try:
                ready = await asyncio.wait_for(prelude(), STARTUP_TIMEOUT)
            except (asyncio.TimeoutError, ValueError):
                ready = False
            if ready:
                while True:
                    kind = await stdout.readexactly(1)
                    size = int.from_bytes(await stdout.readexactly(4), "big")
                    payload = await stdout.readexactly(size)
                    if kind == b"D":
                        await self.on_data(payload)
                    elif kind == b"M":
                        await self.on_meta(payload)
                    elif kind == b"P":
                        await self.on_packed(payload)
        except (asyncio.IncompleteReadError, ConnectionError, RuntimeError):
            pass  # the app or the browser went away
        except asyncio.CancelledError:
            self._kill()
            stderr_task.cancel()
            raise
        if not ready:
            self._kill()
        try:
            returncode = await asyncio.wait_for(process.wait(), QUIT_TIMEOUT)
        except asyncio.TimeoutError:
            self._kill()
            returncode = await process.wait()
        try:
            await asyncio.wait_for(stderr_task, QUIT_TIMEOUT)
        except asyncio.TimeoutError:
            stderr_task.cancel()
        if self._stopping:
            return
        if ready and returncode == 0:
            if not self.websocket.closed:
                await self.websocket.close()
            return
        lines = [line.strip() for line in errors.decode("utf-8", "replace").splitlines() if line.strip()]
        detail = f": {lines[-1]}" if lines else ""
        say(f"mythquiz: a browser session failed (exit code {returncode}){detail}")
        if not self.websocket.closed:
            try:
                await self.websocket.close(code=CLOSE_INTERNAL_ERROR, message=close_reason(MESSAGE_FAILED))
            except (ConnectionError, RuntimeError):
                pass

    async def on_meta(self, data: bytes) -> None:
        # textual-serve closes the browser's socket as soon as the app says "exit";
        # wait for the process to end instead, so that run() can tell a clean quit
        # (plain close) from a crash (a short message).
        try:
            meta = json.loads(data)
        except ValueError:
            return
        if isinstance(meta, dict) and meta.get("type") == "exit":
            return
        await super().on_meta(data)

    def _kill(self) -> None:
        process = self._process
        if process is not None and process.returncode is None:
            try:
                process.kill()
            except ProcessLookupError:
                pass

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not within QUIT_TIMEOUT seconds."""
        task = self._task
        if task is None:
            return
        self._task = None
        self._stopping = True
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if self._process is not None and self._process.returncode is None:
            await self.send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(asyncio.shield(task), QUIT_TIMEOUT + 1)
        except asyncio.TimeoutError:
            self._kill()
            await task
