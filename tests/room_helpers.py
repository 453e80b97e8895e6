"""Driving the real `mythquiz room` command: a process, its output lines, and an HTTP
client that plays participants through the participant API."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

from conftest import MYTHQUIZ, run_env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(port: int, method: str, path: str, body: object = None, token: str | None = None,
        raw: bytes | None = None) -> tuple[int, dict]:
    """One request to the room; (status, JSON body or {})."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read()
    finally:
        conn.close()
    try:
        return response.status, json.loads(text)
    except ValueError:
        return response.status, {}


class RoomProcess:
    """`mythquiz --plain room …` with stdin and stdout as pipes; its lines in a queue."""

    def __init__(self, *args: str, data_dir: Path, port: int | None = None, options: tuple[str, ...] = ()) -> None:
        """`args` go after `room`; `options` (e.g. `--content DIR`) before it."""
        self.port = port or free_port()
        self.data_dir = data_dir
        self.proc = subprocess.Popen(
            [str(MYTHQUIZ), "--plain", *options, "--data-dir", str(data_dir), "room", "--port", str(self.port), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=run_env(), start_new_session=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = 30) -> re.Match:
        """Read output lines until one matches `pattern` (a regex); fail on end of output."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} in {timeout} s; got {self.lines[-10:]}") from None
            if line is None:
                raise AssertionError(f"output ended before {pattern!r}; got {self.lines[-10:]}; "
                                     f"stderr: {self.proc.stderr.read() if self.proc.stderr else ''}")
            self.lines.append(line)
            found = re.search(pattern, line)
            if found:
                return found

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def close_input(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        while (line := self._queue.get(timeout=60)) is not None:
            self.lines.append(line)
        return self.proc.wait(timeout=60)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 9)
        self.proc.wait(timeout=30)

    def started(self) -> str:
        code = self.wait_for(r"^Room code: (\S+)$").group(1)
        self.wait_for(r"^Join at: http://")
        return code
