"""Per-client rate limits of the room: token buckets, kept in memory."""

from __future__ import annotations

import time
from typing import Callable, NamedTuple


class Limits(NamedTuple):
    """Burst sizes and refill rates (per second) of the room's rate limits.

    Joins are counted per network address, generously: a whole class may share one
    address behind a school's router. Wrong room codes are counted per address, tightly,
    so that guessing a six-digit code takes months. Answers are counted per participant.
    """

    join_burst: float = 600
    join_rate: float = 20
    wrong_code_burst: float = 10
    wrong_code_rate: float = 1 / 6
    answer_burst: float = 10
    answer_rate: float = 2


class RateLimiter:
    """A token bucket per key: `allow(key)` spends one token if there is one."""

    MAX_KEYS = 100_000  # forget the oldest keys past this, so memory stays bounded

    def __init__(self, burst: float, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)

    def _level(self, key: str) -> float:
        now = self.clock()
        tokens, when = self.buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + (now - when) * self.rate)

    def peek(self, key: str) -> bool:
        return self._level(key) >= 1

    def allow(self, key: str) -> bool:
        tokens = self._level(key)
        if tokens < 1:
            return False
        if len(self.buckets) >= self.MAX_KEYS and key not in self.buckets:
            self.buckets.pop(next(iter(self.buckets)))
        self.buckets[key] = (tokens - 1, self.clock())
        return True
