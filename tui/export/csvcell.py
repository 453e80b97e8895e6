"""CSV that is safe to open in a spreadsheet, and read back exactly (OWASP "CSV Injection").

A participant chooses their own name, and a pack author the question text: a cell that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return is taken by Excel, LibreOffice
and Google Sheets as a formula (`=HYPERLINK("http://…")`, `=cmd|' /C calc'!A0`). Every
CSV mythquiz writes goes through `row()` / `Writer`, which, as OWASP recommends, put a
single quote before such a cell and wrap the cell in double quotes. A spreadsheet shows
the quote-prefixed cell as the text it is.

So that the change can be undone exactly, a cell that already begins with a single quote
gets one more. `restore()` removes the one quote that `neutralise()` added, and
`read_rows()` reads a file back to the values that were written: for every string s,
`restore(neutralise(s)) == s`. JSON exports need none of this and carry values as they are.

Usage::

    from tui.export.csvcell import Writer, read_rows
    out = io.StringIO()
    writer = Writer(out)
    writer.writerow(["name", "answer"])
    writer.writerow([participant_name, answer])
    rows = read_rows(out.getvalue())   # the values as written
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, TextIO

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PREFIXED = (*TRIGGERS, "'")  # what gets the extra quote (a leading quote too, to undo exactly)
_NEEDS_QUOTES = (",", '"', "\n", "\r")


def neutralise(value: Any) -> tuple[str, bool]:
    """The text of one cell, and whether it was prefixed (and so must be quoted)."""
    text = "" if value is None else str(value)
    if text.startswith(_PREFIXED):
        return "'" + text, True
    return text, False


def restore(text: str) -> str:
    """Undo `neutralise` on a cell read back from a file this module wrote."""
    if len(text) >= 2 and text[0] == "'" and text[1] in _PREFIXED:
        return text[1:]
    return text


def cell(value: Any) -> str:
    """One cell as written in the file: neutralised, and quoted where needed."""
    text, prefixed = neutralise(value)
    if prefixed or any(mark in text for mark in _NEEDS_QUOTES):
        return '"' + text.replace('"', '""') + '"'
    return text


def row(values: Iterable[Any]) -> str:
    """One line of CSV (ending in a line feed)."""
    return ",".join(map(cell, values)) + "\n"


class Writer:
    """csv.writer's `writerow`/`writerows`, with every cell made safe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def writerow(self, values: Iterable[Any]) -> None:
        self.stream.write(row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def read_rows(text: str) -> list[list[str]]:
    """The rows of a CSV this module wrote, each cell as it was before `neutralise`."""
    return [[restore(value) for value in values] for values in csv.reader(io.StringIO(text, newline=""))]
