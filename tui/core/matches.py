"""The result of a search: the matching items, best first, ranked only as far as it is read.

Items whose statement holds the whole query as a phrase come first, then those whose answer
or options hold it, then the rest, each group in pack order. So "Article 10" puts the Open
Door question before items that merely mention an article and the number 10.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from operator import contains, not_
from typing import overload


class Matches(Sequence[int]):
    """The items matching a query, best first, as indexes into the pack's items.

    `len()` is known at once; the ranking (phrase in the statement, then in the answer or
    options, then the rest) is worked out only as far as the rows asked for need, so a
    keystroke that matches thousands of items ranks just the few on screen.
    """

    def __init__(self, hits: list[int], phrase: str | None = None,
                 prompts: Sequence[str] = (), answers: Sequence[str] = ()) -> None:
        self.hits = hits  # every match, in pack order
        self._phrase = phrase
        self._prompts = prompts
        self._answers = answers
        self._first: list[int] = []  # the phrase in the statement, in pack order
        self._second: list[int] = []  # the phrase in the answer or options
        self._rest: list[int] = []
        self._done = 0  # how many of `hits` are sorted into the three groups
        self._ranked: list[int] | None = hits if phrase is None else None

    def __len__(self) -> int:
        return len(self.hits)

    @overload
    def __getitem__(self, n: int) -> int: ...

    @overload
    def __getitem__(self, n: slice) -> list[int]: ...

    def __getitem__(self, n: int | slice) -> int | list[int]:
        if isinstance(n, slice):
            return self.ranked()[n]
        if n < 0:
            n += len(self.hits)
        if not 0 <= n < len(self.hits):
            raise IndexError(n)
        if self._ranked is not None:
            return self._ranked[n]
        # The first groups' leading rows are final as soon as they are found.
        step = 64
        while n >= len(self._first) and self._done < len(self.hits):
            self._sort(step)
            step *= 4
        if n < len(self._first):
            return self._first[n]
        return self.ranked()[n]

    def __iter__(self) -> Iterator[int]:
        return iter(self.ranked())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Matches, list)):
            return self.ranked() == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Matches({len(self.hits)} items)"

    def ranked(self) -> list[int]:
        """Every match, best first."""
        if self._ranked is None:
            self._sort(len(self.hits))
            self._ranked = self._first + self._second + self._rest
        return self._ranked

    def _sort(self, count: int) -> None:
        """Put the next `count` hits into their groups (C-level loops: no Python per item)."""
        chunk = self.hits[self._done:self._done + count]
        self._done += len(chunk)
        phrase = self._phrase
        in_prompt = list(map(contains, map(self._prompts.__getitem__, chunk), repeat(phrase)))
        self._first += compress(chunk, in_prompt)
        others = list(compress(chunk, map(not_, in_prompt)))
        in_answer = list(map(contains, map(self._answers.__getitem__, others), repeat(phrase)))
        self._second += compress(others, in_answer)
        self._rest += compress(others, map(not_, in_answer))
