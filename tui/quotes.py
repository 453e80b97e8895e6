"""Explaining why a quote is not an exact substring of its document.

When a quote is missing, the author needs to know where the nearest match is and what
differs: usually a typographic character (a curly quote, a non-breaking space, a dash)
typed as its plain look-alike.
"""

from __future__ import annotations

import unicodedata

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


def _best_alignment(doc: str, quote: str) -> int | None:
    """The start in `doc` where `quote` agrees with it most, among the places where a run
    of the quote occurs; None when no run long enough occurs at all."""
    run = min(12, max(4, len(quote) // 2))
    candidates: set[int] = set()
    for b in range(0, len(quote) - run + 1, max(1, run // 3)):
        gram = quote[b : b + run]
        pos = doc.find(gram)
        found = 0
        while pos >= 0 and found < 64:
            candidates.add(pos - b)
            pos = doc.find(gram, pos + 1)
            found += 1
    if not candidates:
        return None

    def agreement(start: int) -> int:
        return sum(1 for i, ch in enumerate(quote) if start + i >= 0 and doc[start + i : start + i + 1] == ch)

    # A quote whose first characters are wrong may align before the document's start.
    return max(0, max(sorted(candidates), key=agreement))


def explain_missing(doc: str, quote: str) -> str:
    """One sentence on the nearest match of `quote` in `doc` and the first difference."""
    folded_doc, doc_index = _fold(doc)
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
