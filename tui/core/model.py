"""The domain: sources, evidence, items and the pack that holds them.

Immutable records are NamedTuples rather than dataclasses: they are created at import,
and dataclasses cost about a millisecond each, which start-up feels. For the same reason
the modules of records read on the way to the first screen (here, `answers`,
`progress_rows`, …) do not use `from __future__ import annotations`: with it, every
field's annotation is a string that `typing.NamedTuple` compiles as the class is made
(a fraction of a millisecond per module, a few in all). Nothing here imports Textual.
"""

from pathlib import Path
from typing import NamedTuple

from .placing import place

ITEM_TYPES = ("myth-or-fact", "choice", "who-said")
MYTH_OR_FACT_OPTIONS = ("Myth", "Fact", "Disputed")
CLAIMANT_TYPES = ("Person", "Organization")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def human_date(iso: str) -> str:
    """'2022-09-21' -> '21 September 2022'; '2022-01' -> 'January 2022'; '2017' -> '2017'."""
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


class Source(NamedTuple):
    """One document of the corpus, as `corpus/sources.yaml` describes it."""

    id: str
    file: str
    title: str
    publisher: str | None
    date: str
    date_note: str
    genre: str
    perspective: str
    sha256: str
    cite_as: str | None = None
    date_inferred: bool = False  # the text does not print the date: it is worked out
    boilerplate: tuple[str, ...] = ()  # exact passages that are not substantive
    path: Path | None = None

    @property
    def shown_date(self) -> str:
        """The date as the app shows it: '21 September 2022', or '2017 (inferred)'."""
        return human_date(self.date) + (" (inferred)" if self.date_inferred else "")

    @property
    def name(self) -> str:
        """How the app names this source in a sentence: "NATO's 2022 fact sheet"."""
        if self.cite_as:
            return self.cite_as
        who = self.publisher or "an unnamed publisher"
        return f"{self.genre} by {who}, {self.shown_date}"

    @property
    def byline(self) -> str:
        """Title, publisher, date and genre on one line."""
        publisher = self.publisher or "publisher not named in the text"
        return f"{self.title} — {publisher}, {self.shown_date} ({self.genre})"

    @property
    def is_party_statement(self) -> bool:
        """NATO's fact sheets are one party's own statement, not a neutral report."""
        return "fact sheet" in self.genre


class Quote(NamedTuple):
    """Exact words from a source: an evidence excerpt or a claim in its maker's words."""

    source: str
    text: str
    said_by: str | None = None  # who speaks in the quote, when it is not the source's own voice
    side: str | None = None  # a disputed item's evidence: "for" or "against" its statement


class Claimant(NamedTuple):
    """Who makes a claim: a name only, a Person or an Organization, and (`per`) the
    source that attributes the claim to them when they are not quoted directly."""

    name: str
    type: str = "Organization"
    per: str | None = None


class Item(NamedTuple):
    """One question of the pack, of any of the three types."""

    id: str
    type: str
    topic: str
    prompt: str  # the statement, the question, or the words said
    answer: str  # "Myth"/"Fact"/"Disputed" for myth-or-fact, else one of `choices`
    choices: tuple[str, ...]
    verdict_by: str  # "" for a disputed item that names no verdict source
    explanation: str
    evidence: tuple[Quote, ...]
    claimed_by: Claimant | None = None
    claim_quote: Quote | None = None
    file: str = ""
    line: int = 0

    @property
    def disputed(self) -> bool:
        """A myth-or-fact claim on which the sources disagree (its quotes declare sides)."""
        return self.type == "myth-or-fact" and self.answer == "Disputed"

    @property
    def options(self) -> tuple[str, ...]:
        """The answers offered, in the pack's order (sessions shuffle a copy)."""
        return MYTH_OR_FACT_OPTIONS if self.type == "myth-or-fact" else self.choices

    @property
    def kind_label(self) -> str:
        return {"myth-or-fact": "Myth or fact?", "choice": "Choose one", "who-said": "Who said it?"}[
            self.type
        ]

    def searchable_text(self) -> str:
        """Every text of the item in one lower-cased string, for search."""
        parts = [self.id, self.prompt, self.answer, self.explanation, *self.choices]
        parts += [q.text for q in self.evidence]
        if self.claimed_by:
            parts.append(self.claimed_by.name)
        if self.claim_quote:
            parts.append(self.claim_quote.text)
        return "\n".join(parts).casefold()


class Pack:
    """A loaded pack: its items, topics and sources."""

    def __init__(
        self,
        title: str,
        description: str,
        topics: dict[str, str],
        sources: dict[str, Source],
        items: list[Item],
        content_dir: Path,
        corpus_dir: Path,
        texts: dict[str, str] | None = None,
        publisher: str | None = None,
        date: str | None = None,
    ) -> None:
        self.title = title
        self.publisher = publisher  # who curates the pack and signs its reviews
        self.date = date  # YYYY-MM-DD: when its content was last reviewed (its reviews' date)
        self.description = description
        self.topics = topics
        self.sources = sources
        self.items = items
        self.content_dir = content_dir
        self.corpus_dir = corpus_dir
        self._texts: dict[str, str] = texts or {}
        self._line_starts: dict[str, list[int]] = {}
        self._by_id: dict[str, Item] | None = None

    def item(self, item_id: str) -> Item | None:
        if self._by_id is None:
            self._by_id = {item.id: item for item in self.items}
        return self._by_id.get(item_id)

    def topic_name(self, slug: str) -> str:
        return self.topics.get(slug, slug)

    def text_of(self, source_id: str) -> str:
        """The document's text, read once on first use."""
        text = self._texts.get(source_id)
        if text is None:
            source = self.sources[source_id]
            assert source.path is not None
            text = source.path.read_bytes().decode("utf-8")
            self._texts[source_id] = text
        return text

    def locate(self, quote: Quote) -> tuple[int, int, int] | None:
        """Where a quote stands in its document: (offset, line, column), 1-based line/column,
        at the place `quotes.place` gives."""
        from bisect import bisect_right

        text = self.text_of(quote.source)
        offset = place(text, quote.text)  # where the checker and coverage place it too
        if offset < 0:
            return None
        starts = self._line_starts.get(quote.source)
        if starts is None:
            starts = [0]
            at = text.find("\n")
            while at >= 0:  # str.find, not a loop over every character: 50 times faster
                starts.append(at + 1)
                at = text.find("\n", at + 1)
            self._line_starts[quote.source] = starts
        line = bisect_right(starts, offset)
        return offset, line, offset - starts[line - 1] + 1

    def citation_counts(self) -> dict[str, int]:
        """How many items cite each source, in evidence or as a claim or verdict."""
        counts = dict.fromkeys(self.sources, 0)
        for item in self.items:
            cited = {q.source for q in item.evidence}
            if item.verdict_by:
                cited.add(item.verdict_by)
            if item.claim_quote:
                cited.add(item.claim_quote.source)
            for source_id in cited:
                if source_id in counts:
                    counts[source_id] += 1
        return counts


# An excerpt that opens with its own quotation mark is not wrapped in another pair.
QUOTE_MARKS = "“\"‘'«„"


def quoted(text: str) -> str:
    """`text` in quotation marks, “…”, unless it already opens with a mark of its own."""
    return text if text[:1] in QUOTE_MARKS else f"“{text}”"
