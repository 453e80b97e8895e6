"""Checking that every quote of a pack is verbatim in its document, and saying where the
nearest match differs when it is not.

A quote of a small document is looked for at once: each search costs at most
SMALL_DOCUMENT characters, and nothing waits in memory. The quotes of a large document wait:
all of them are found in one pass over it once every item is read (`verify_pending`), so
checking costs the size of the pack plus the corpus, not their product.
"""

from __future__ import annotations

from .model import Source
from .problems import Problem

# Quotes of a document up to this many characters are looked for one by one as they are
# read; a larger document's quotes are all found in one pass over it at the end.
SMALL_DOCUMENT = 64 * 1024


class VerbatimCheck:
    """Looks for quotes in the corpus documents and reports each one that is not there."""

    def __init__(self, texts: dict[str, str], sources: dict[str, Source], problems: list[Problem]) -> None:
        self.texts = texts
        self.sources = sources
        self.problems = problems
        # Quotes already found in each small document: a quote used again is not searched again.
        self._found: dict[str, set[str]] = {}
        # The quotes of each large document still to be looked for, each with where it was
        # written (a file and line, not the YAML node, which would keep its file's whole tree
        # in memory) for the problem if it is not there.
        self._pending: dict[str, dict[str, list[tuple[str, int, str]]]] = {}

    def check(self, sid: str, text: str, file: str, line: int, what: str) -> bool:
        """Is `text` an exact substring of document `sid`? Report the nearest match if not.
        For a large document, only note it: `verify_pending` looks once every item is read."""
        doc = self.texts[sid]
        if len(doc) > SMALL_DOCUMENT:
            self._pending.setdefault(sid, {}).setdefault(text, []).append((file, line, what))
            return True
        found = self._found.setdefault(sid, set())
        if text in found:
            return True
        if text in doc:
            found.add(text)
            return True
        self._missing(file, line, sid, what, doc, text)
        return False

    def _missing(self, file: str, line: int, sid: str, what: str, doc: str, text: str) -> None:
        from .quotes import explain_missing

        why = explain_missing(doc, text)
        self.problems.append(Problem(file, line, f"{what}: quote is not in {sid} ({self.sources[sid].file}): {why}"))

    def verify_pending(self) -> None:
        """Look for every noted quote, one pass over each document, and report those missing."""
        from .quotes import find_all

        for sid, quotes in self._pending.items():
            doc = self.texts[sid]
            found = find_all(doc, quotes)
            for text, places in quotes.items():
                if text not in found:
                    for file, line, what in places:
                        self._missing(file, line, sid, what, doc, text)
        self._pending.clear()
