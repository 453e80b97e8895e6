"""How much of the corpus the pack quotes: substantive sentences covered by its quotes.

A document is split into sentences like this: each line is a paragraph (a line that is
blank or holds only spaces and bullets has none); within a line, a sentence ends at `.`,
`!` or `?` (with any closing quotation marks or brackets after it) followed by spaces and
then a capital letter, a digit or an opening quotation mark. A full stop after an initial
or a common abbreviation ("U.S.", "Gen.", "Sep.") does not end a sentence. A line
without such an ending (a title, a caption) is one sentence.

A sentence is boilerplate, and left out, when at least half of its characters lie in
passages that `sources.yaml` lists under `boilerplate:`. It counts as quoted when at least
half of its characters lie in the pack's quotes: evidence, claim quotes and who-said
`said` words, each placed where it first occurs in its document (as the source reader
highlights it). The work is one pass over each document and one over the quotes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .model import Pack
from .quotes import locate_all

# The end of a sentence: terminal punctuation, closing marks, spaces, then what may open one.
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sgt|Adm|Gov|Sen|Rep|St|No|Vol|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)
_BLANK = re.compile(r"[\s•·*\-–—]*")


class Sentence(NamedTuple):
    source: str
    start: int  # offset in the document
    end: int
    line: int  # 1-based
    text: str


def sentences(text: str, source: str = "") -> list[Sentence]:
    """The sentences of a document, in order (see the module's docstring for the rule)."""
    found: list[Sentence] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        start_of_line = offset
        offset += len(line) + 1
        if _BLANK.fullmatch(line):
            continue
        begin = 0
        for match in _END.finditer(line):
            head = line[begin:match.start() + 1]
            if _ABBREVIATION.search(head):
                continue
            found.append(_sentence(source, line, begin, match.end(), start_of_line, number))
            begin = match.end()
        if begin < len(line):
            found.append(_sentence(source, line, begin, len(line), start_of_line, number))
    return [s for s in found if s.text]


def _sentence(source: str, line: str, begin: int, end: int, base: int, number: int) -> Sentence:
    piece = line[begin:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return Sentence(source, base + begin + lead, base + begin + lead + len(piece), number, piece)


class Coverage(NamedTuple):
    quoted: int
    total: int  # substantive sentences
    uncovered: list[Sentence]

    @property
    def percent(self) -> float:
        return 100 * self.quoted / self.total if self.total else 100.0

    def summary(self) -> str:
        return f"{self.quoted} of {self.total} substantive sentences quoted ({self.percent:.0f}%)"


def _mark(covered: bytearray, doc: str, text: str) -> None:
    """Mark every occurrence of `text` (a boilerplate passage: a handful per document)."""
    at = doc.find(text)
    while at >= 0:
        covered[at:at + len(text)] = b"\x01" * len(text)
        at = doc.find(text, at + 1)


def pack_quotes(pack: Pack) -> dict[str, set[str]]:
    """Every distinct text the pack quotes, by source id."""
    quotes: dict[str, set[str]] = {sid: set() for sid in pack.sources}
    for item in pack.items:
        for quote in item.evidence:
            quotes[quote.source].add(quote.text)
        if item.claim_quote is not None:
            quotes[item.claim_quote.source].add(item.claim_quote.text)
        if item.type == "who-said" and item.verdict_by:
            quotes[item.verdict_by].add(item.prompt)
    return quotes


def coverage(pack: Pack) -> Coverage:
    """Which substantive sentences of the pack's documents its quotes cover."""
    quotes = pack_quotes(pack)
    quoted = total = 0
    uncovered: list[Sentence] = []
    for sid, source in pack.sources.items():
        try:
            doc = pack.text_of(sid)
        except (OSError, UnicodeDecodeError, AssertionError):
            continue
        boiler = bytearray(len(doc))
        for passage in source.boilerplate:
            _mark(boiler, doc, passage)
        covered = bytearray(len(doc))
        for text, at in locate_all(doc, quotes.get(sid, ())).items():  # one pass, not one per quote
            covered[at:at + len(text)] = b"\x01" * len(text)
        for s in sentences(doc, sid):
            size = s.end - s.start
            if 2 * boiler.count(1, s.start, s.end) >= size:
                continue
            total += 1
            if 2 * covered.count(1, s.start, s.end) >= size:
                quoted += 1
            else:
                uncovered.append(s)
    return Coverage(quoted, total, uncovered)
