"""Drive the real `mythquiz` command in tmux: send keys, read the screen, wait for text.

Each driver uses its own tmux server (a private socket), so tests never touch a user's
sessions. Waiting is by polling the screen for the expected text, with a deadline.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid


class TmuxError(AssertionError):
    pass


class Tmux:
    def __init__(self, command: list[str], *, width: int = 120, height: int = 40,
                 env: dict[str, str] | None = None) -> None:
        if shutil.which("tmux") is None:
            raise TmuxError("tmux is not installed (make test installs it)")
        self.socket = f"mq-{uuid.uuid4().hex[:10]}"
        self.target = "app"
        environment = dict(os.environ, TERM="xterm-256color", **(env or {}))
        # Keep the pane open after exit so the last screen can still be read.
        shell = f"{shlex.join(command)}; echo \"[exited $?]\"; sleep 600"
        self._tmux("new-session", "-d", "-s", self.target, "-x", str(width), "-y", str(height),
                   shell, env=environment)

    def _tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                                env=env, timeout=30)
        if result.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.target)

    def cursor(self) -> tuple[int, int]:
        """Where the terminal cursor is: (column, line), from 0."""
        x, y = self._tmux("display-message", "-p", "-t", self.target, "#{cursor_x},#{cursor_y}").split(",")
        return int(x), int(y)

    def wait_for_cursor(self, where, timeout: float = 20.0) -> tuple[str, tuple[int, int]]:
        """Poll until `where(screen_lines)` gives the place the cursor should be, and it is
        there; return the screen and the place."""
        deadline = time.monotonic() + timeout
        screen, expected, cursor = "", None, None
        while time.monotonic() < deadline:
            screen = self.screen()
            expected = where(screen.splitlines())
            cursor = self.cursor()
            if expected is not None and cursor == expected:
                return screen, cursor
            time.sleep(0.05)
        raise TmuxError(f"the cursor stayed at {cursor}, not {expected}; the screen was:\n{screen}")

    def press(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.target, *keys)

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", self.target, "-x", str(width), "-y", str(height))

    def wait_for(self, *texts: str, also: tuple[str, ...] = (), timeout: float = 20.0) -> str:
        """Poll the screen until one of `texts` and all of `also` are on it; return it.

        A frame can be read half-drawn, so wait for text from every part of the screen
        that a check will look at.
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(text in screen for text in texts) and all(text in screen for text in also):
                return screen
            time.sleep(0.05)
        raise TmuxError(f"{texts!r} (with {also!r}) did not appear within {timeout} s; "
                        f"the screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)

    def __enter__(self) -> "Tmux":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
