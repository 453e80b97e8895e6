"""Where a quote stands in its document, by one rule shared by the checker, the coverage
count (`quotes.locate_all`, one pass for all quotes) and the source reader
(`Pack.locate`, one quote at a time). Kept apart from `quotes` so that placing an
answer's excerpts imports nothing heavy on the key press that shows them.
"""

from __future__ import annotations

import re

# Quotes are matched by their first KEY characters at the places in the document where
# one could begin; shorter quotes are looked for one by one.
KEY = 12

_WORD = re.compile(r"\w")


def place(doc: str, quote: str) -> int:
    """Where `quotes.locate_all` places one quote: the first occurrence that begins a word
    (for a quote of KEY or more characters starting with a letter or digit), else its
    first occurrence; -1 when it is not in `doc`. The source reader highlights this place,
    so what it shows and what the checker and the coverage count credit are the same
    sentence. Almost always the first occurrence already begins a word, so this costs one
    `str.find` (it runs for every excerpt of every answer)."""
    at = doc.find(quote)
    if at <= 0 or len(quote) < KEY or _WORD.match(quote) is None or _WORD.match(doc, at - 1) is None:
        return at
    # The occurrence at `at` follows a word character, so the search from there finds the next one
    # that begins a word.
    match = re.compile(r"(?<!\w)" + re.escape(quote)).search(doc, at)
    return at if match is None else match.start()
