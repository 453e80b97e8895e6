"""Problems found in a pack, and the error raised when a pack cannot be used."""

import re
from typing import NamedTuple

# Line breaks, other C0 and C1 controls, DEL, bidirectional overrides and isolates, and
# the lone surrogates by which Python keeps the undecodable bytes of a file's name.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name, as Python keeps it
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` safe to print on one terminal line: controls shown as escapes (\\x1b)."""
    if text.isprintable():
        return text
    import re  # only now: start-up from the cache never needs it

    return re.sub(_UNSAFE, _escape, text)


class Problem(NamedTuple):
    """One mistake in one file, reported as `FILE:LINE: message`."""

    file: str
    line: int | None
    message: str
    # False for a problem that `check` reports but that does not stop the pack being used
    # (a pack without `publisher` runs quizzes; only its ClaimReview export needs one).
    blocking: bool = True

    def __str__(self) -> str:
        # A hostile pack chooses its file names and some of the words quoted back: never
        # let them move the cursor, colour the terminal or break the one-line format.
        where = f"{self.file}:{self.line}" if self.line else self.file
        return printable(f"{where}: {self.message}")


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


class Findings:
    """The problems found while reading a pack, and the order its files were opened in, so
    that problems found at the end (quotes looked for once every item is read) are still
    listed with the rest of their file's."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._opened: list[tuple[str, int]] = []  # each file, and how many problems came before it

    def opened(self, name: str) -> None:
        """Note that file `name` is being read now."""
        self._opened.append((name, len(self.problems)))

    def in_order(self) -> list[Problem]:
        """Every problem of a file together, in line order; files in the order they came up."""
        names: list[str] = []
        done = 0
        for name, before in self._opened:
            names += [p.file for p in self.problems[done:before]]
            names.append(name)
            done = before
        names += [p.file for p in self.problems[done:]]
        order = {name: i for i, name in enumerate(dict.fromkeys(names))}
        return sorted(self.problems, key=lambda p: (order[p.file], p.line or 0))
