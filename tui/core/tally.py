"""A show of hands per option, typed in by a facilitator before the answer is revealed."""

from __future__ import annotations
from .percent import percent


class Tally:
    def __init__(self, options: tuple[str, ...]) -> None:
        self.options = options
        self.hands = [0] * len(options)

    def add(self, number: int) -> bool:
        """One more hand for option `number` (1-based); False if there is no such option."""
        if not 1 <= number <= len(self.options):
            return False
        self.hands[number - 1] += 1
        return True

    def clear(self) -> None:
        self.hands = [0] * len(self.options)

    @property
    def total(self) -> int:
        return sum(self.hands)

    def share(self, index: int) -> int:
        """Percent of the hands for option `index` (0-based)."""
        return percent(self.hands[index], self.total)
