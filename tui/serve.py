"""`mythquiz serve`: the app in web browsers for a workshop room (textual-serve).

Each browser tab gets its own mythquiz process. The server binds loopback unless told
otherwise, and says where it listens when it starts.
"""

from __future__ import annotations

import shlex
import sys

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def command_line(global_args: list[str]) -> str:
    """The command each browser tab runs: this Python, this mythquiz, the same pack."""
    return shlex.join([sys.executable, "-m", "tui", *global_args])


def serve(host: str, port: int, global_args: list[str]) -> int:
    from textual_serve.server import Server

    where = "this computer only (loopback)" if host in LOOPBACK else "other computers on the network too"
    print(f"mythquiz: serving on http://{host}:{port}/ — reachable from {where}. Ctrl+C stops.",
          flush=True)
    server = Server(command_line(global_args), host=host, port=port, title="mythquiz")
    server.serve()
    return 0
