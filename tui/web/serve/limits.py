"""How much `mythquiz serve` allows, how long it waits, and what it says: the words a
browser is shown when its session is refused or ends, and the operator's one-line notes."""

from __future__ import annotations

import sys

DEFAULT_MAX_SESSIONS = 30
DEFAULT_IDLE_TIMEOUT = 30 * 60.0  # seconds without input before a session is closed
STARTUP_TIMEOUT = 60.0  # seconds for a session's process to start talking
QUIT_TIMEOUT = 3.0  # seconds for a session's process to quit when asked, before it is killed

# What a browser is told. A WebSocket close reason holds at most 123 bytes.
MESSAGE_FAILED = "This session stopped because of a problem. Please tell the facilitator."
MESSAGE_FULL = "The room is full: no more sessions can start now. Please try again in a minute."
MESSAGE_STOPPED = "The quiz server has stopped."
MESSAGE_IDLE = "This session was closed after a long time without input. Start again to go on."
MESSAGE_SERVER_ERROR = "Something went wrong on the quiz server. Please tell the facilitator."

# WebSocket close codes (RFC 6455 and the IANA registry).
CLOSE_GOING_AWAY = 1001
CLOSE_INTERNAL_ERROR = 1011
CLOSE_TRY_AGAIN_LATER = 1013


def close_reason(text: str) -> bytes:
    """A WebSocket close reason: at most 123 bytes of UTF-8."""
    data = text.encode("utf-8")
    return data if len(data) <= 123 else data[:120].decode("utf-8", "ignore").encode("utf-8") + b"..."


def say(text: str) -> None:
    """One line on the operator's console."""
    print(text, file=sys.stderr, flush=True)


def in_words(seconds: float) -> str:
    """A timeout as the operator reads it: "30 minutes", "90 seconds"."""
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"
