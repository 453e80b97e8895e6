"""Finding quotes in a document, and explaining why one is not an exact substring of it.

`find_all` checks every quote of a document in one pass over it, so checking a pack costs
the size of the pack plus the size of the corpus, not their product.

When a quote is missing, the author needs to know where the nearest match is and what
differs: usually a typographic character (a curly quote, a non-breaking space, a dash)
typed as its plain look-alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

# Quotes are matched by their first KEY characters at the places in the document where
# one could begin; shorter quotes are looked for one by one.
from .placing import KEY, place  # noqa: F401 - place: where locate_all puts one quote


def find_all(doc: str, quotes: Iterable[str]) -> set[str]:
    """The quotes that are exact substrings of `doc`: `{q for q in quotes if q in doc}`."""
    return set(locate_all(doc, quotes))


def locate_all(doc: str, quotes: Iterable[str]) -> dict[str, int]:
    """Where in `doc` each quote that is in it stands: {quote: position of an occurrence}.

    Searching for each quote on its own costs (number of quotes) x (document size): 50,000
    quotes over a 50,000-sentence document took 23 s. Here the quotes are grouped by their
    first KEY characters and the document is read once, stopping only where a quote's
    first character stands at the start of a word (or is itself not a letter or digit);
    at each such place one dictionary look-up says which quotes could begin there. A
    quote that starts inside a word, and any quote not found so, is searched for on its
    own, so the answer is always exact; only its cost assumes quotes begin at a word.
    The position is the first such place (or, for those searched on their own, the
    first occurrence).
    """
    found: dict[str, int] = {}
    by_key: dict[str, list[str]] = {}
    for quote in set(quotes):
        if len(quote) < KEY:
            at = doc.find(quote)
            if at >= 0:
                found[quote] = at
        else:
            by_key.setdefault(quote[:KEY], []).append(quote)
    if not by_key:
        return found
    firsts = {key[0] for key in by_key}
    word = "".join(sorted(re.escape(c) for c in firsts if c.isalnum() or c == "_"))
    other = "".join(sorted(re.escape(c) for c in firsts if not (c.isalnum() or c == "_")))
    starts = "|".join(([rf"(?<!\w)[{word}]"] if word else []) + ([f"[{other}]"] if other else []))
    get, at_ = by_key.get, doc.startswith
    for match in re.finditer(starts, doc):
        position = match.start()
        candidates = get(doc[position:position + KEY])
        if candidates is not None:
            for quote in candidates:
                if quote not in found and at_(quote, position):
                    found[quote] = position
    for candidates in by_key.values():
        for quote in candidates:
            if quote not in found:  # begins inside a word, or is missing
                at = doc.find(quote)
                if at >= 0:
                    found[quote] = at
    return found


# Characters that look alike to an author, folded to one form for the near-match search.
_FOLD = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...",
}


def describe_char(ch: str) -> str:
    if ch == "":
        return "the end of the text"
    name = unicodedata.name(ch, "unnamed character").lower()
    if ch.isprintable() and not ch.isspace():
        return f"'{ch}' ({name}, U+{ord(ch):04X})"
    return f"a {name} (U+{ord(ch):04X})"


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold look-alikes, case and runs of spaces; keep each folded char's original index."""
    out: list[str] = []
    where: list[int] = []
    last_space = False
    for i, ch in enumerate(text):
        mapped = _FOLD.get(ch, ch)
        if mapped == " ":
            if last_space:
                continue
            last_space = True
        else:
            last_space = False
        for m in mapped.lower() or mapped:
            out.append(m)
            where.append(i)
    return "".join(out), where


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _first_difference(doc: str, start: int, quote: str) -> str:
    """Compare the quote with the document from `start`; say where they first part."""
    for i, qch in enumerate(quote):
        j = start + i
        dch = doc[j] if j < len(doc) else ""
        if dch != qch:
            return (
                f"at character {i + 1} of the quote the document has {describe_char(dch)} "
                f"where the quote has {describe_char(qch)}"
            )
    return "the quote runs past the end of the document"


def _distance(a: str, b: str, *, prefix: bool = False) -> int:
    """Levenshtein distance of two short strings; with `prefix`, of `a` and the prefix of
    `b` nearest to it (what follows in `b` costs nothing)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return min(row) if prefix else row[-1]


_ALIGN_CHARS = 200  # enough of a quote to find where it stands
_ALIGN_CANDIDATES = 3


def _best_alignment(doc: str, quote: str) -> int | None:
    """The start in `doc` of the passage `quote` resembles most, among the places where a
    run of the quote occurs; None when no run long enough occurs at all.

    Each run of the quote found in the document votes for the start it implies; the few
    starts with most votes are compared with the quote by `difflib`, which tolerates a
    character put in or left out (a positional comparison would split the quote there
    and could name a start one character off). Bounded work, whatever the quote.
    """
    from difflib import SequenceMatcher

    quote = quote[:_ALIGN_CHARS]
    run = min(12, max(4, len(quote) // 2))
    votes: dict[int, int] = {}
    for b in range(0, len(quote) - run + 1, max(1, run // 3)):
        gram = quote[b : b + run]
        pos = doc.find(gram)
        found = 0
        while pos >= 0 and found < 64:
            votes[pos - b] = votes.get(pos - b, 0) + 1
            pos = doc.find(gram, pos + 1)
            found += 1
    if not votes:
        return None
    candidates: list[tuple[int, int, int]] = []  # (characters matched, -distance from guess, start)
    ranked = sorted(votes, key=lambda s: (-votes[s], s))[:_ALIGN_CANDIDATES]
    for guess in (s for s in ranked if 2 * votes[s] >= votes[ranked[0]]):
        low = max(0, guess - 8)
        window = doc[low : guess + len(quote) + 8]
        blocks = [m for m in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks() if m.size]
        if not blocks:
            continue
        # The quote's start is where its first run of four or more characters near the
        # longest says (shorter runs may agree by chance); the quote's characters before
        # that run may have been replaced, or up to two put in or left out: the start that
        # explains them with fewest changes wins, and with a tie, replacement.
        main = max(blocks, key=lambda m: m.size)
        anchor = next(
            (m for m in blocks if m.size >= 4 and abs((m.b - m.a) - (main.b - main.a)) <= 8), main
        )
        start = low + anchor.b - anchor.a
        if 0 < anchor.a <= 40:
            head, end = quote[: anchor.a], low + anchor.b
            start = min(
                (s for s in (start, start + 1, start - 1, start + 2, start - 2) if 0 <= s <= end),
                key=lambda s: _distance(head, doc[s:end]),
                default=start,
            )
        matched = sum(m.size for m in blocks)
        # The run chosen above may be a false start ("ing," of a word before the real
        # one): the guess itself and the start the longest run implies compete with it.
        for where in dict.fromkeys((start, guess, low + main.b - main.a)):
            candidates.append((matched, -abs(where - guess), where))
    if not candidates:
        return None
    # Most characters matched wins (over the whole quote, so a repeated opening does not
    # decide). Among places that tie, including the starts one guess allows (the run
    # chosen above may be a false start: "[shar]ing, liking, commenting on…" for a quote
    # of "[lik]ing,0commenting on…"), the one whose opening differs from the quote's in
    # fewest characters wins, then the one nearest its guess, then the earlier one.
    most = max(c[0] for c in candidates)
    head = quote[:48]
    best = min((c for c in candidates if c[0] == most), key=lambda c: (
        _distance(head, doc[max(0, c[2]):max(0, c[2]) + len(head) + 4], prefix=True), -c[1]))
    return max(0, best[2])


@lru_cache(maxsize=16)
def _folded_document(doc: str) -> tuple[str, list[int]]:
    return _fold(doc)  # a pack's quotes come from a handful of documents: fold each once


def explain_missing(doc: str, quote: str) -> str:
    """One sentence on the nearest match of `quote` in `doc` and the first difference."""
    folded_doc, doc_index = _folded_document(doc)
    folded_quote, _ = _fold(quote)
    if not folded_quote.strip():
        return "the quote is blank"
    pos = folded_doc.find(folded_quote)
    if pos >= 0:
        start = doc_index[pos]
        line, col = _line_col(doc, start)
        diff = _first_difference(doc, start, quote)
        return f"not found exactly; nearest match at line {line}, column {col}: {diff}"
    # No near-identical match: align the quote where most of its characters agree with the
    # document, trying every place where a run of it occurs (text can repeat in a document).
    aligned = _best_alignment(folded_doc, folded_quote)
    if aligned is None:
        return "not found, and nothing like it is in the document"
    start = doc_index[aligned]
    line, col = _line_col(doc, start)
    doc_snippet = doc[start : start + min(len(quote), 60)].replace("\n", " ")
    return (
        f"not found; the nearest passage is at line {line}, column {col} "
        f"(\"{doc_snippet}…\") and differs from the quote"
    )
