"""What the command line accepts as a value: the choices, and argparse types that turn
text into a whole number, a port, a duration or a room code, or give a one-line reason."""

from __future__ import annotations

import argparse
from collections.abc import Callable

TYPES = ("myth-or-fact", "choice", "who-said")
EXPORTS = ("handout", "json", "claimreview", "results", "flags")
SCHEDULERS = ("leitner", "fsrs")  # as tui.core.scheduler.SCHEDULERS, without importing it


def whole(low: int, high: int | None = None, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type: a whole number from `low` (to `high`), else a one-line reason."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if high is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}")
        if value < low:
            raise argparse.ArgumentTypeError("must be 0 or more" if low == 0 else f"must be at least {low}")
        return value

    return parse


count = whole(1)
seed = whole(0)
port = whole(1, 65535, "a port number")


def room_code(text: str) -> str:
    """A room code: 1 to 40 letters, digits or dashes."""
    code = text.strip()
    if not 1 <= len(code) <= 40 or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in code):
        raise argparse.ArgumentTypeError("a room code is 1 to 40 letters, digits or dashes")
    return code


def duration(text: str) -> float:
    """An argparse type: `30` or `30m` minutes, `90s` seconds, `2h` hours; 0 means never."""
    units = {"s": 1, "m": 60, "h": 3600}
    number, unit = (text[:-1], text[-1]) if text[-1:].lower() in units else (text, "m")
    try:
        value = float(number) * units[unit.lower()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 30m, 90s, 2h)") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 30m, 90s, 2h)")
    return value or float("inf")
