"""Problems found in a pack, and the error raised when a pack cannot be used."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One mistake in one file, reported as `FILE:LINE: message`."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class PackError(Exception):
    """A pack (or other input file) cannot be used. Carries every problem found."""

    def __init__(self, problems: list[Problem], unusable: bool = False) -> None:
        self.problems = problems
        # unusable: the input could not be read at all (exit 2 even for `check`).
        self.unusable = unusable
        super().__init__(str(problems[0]) if problems else "unusable pack")

    def one_line(self) -> str:
        """The first problem, and how many more there are."""
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if more:
            first += f" (and {more} more problem{'s' if more > 1 else ''}; run `mythquiz check`)"
        return first
