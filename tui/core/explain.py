"""The explainer's words: an item in full, its sources, and where its excerpts stand.

Shared by the TUI (item detail, source reader, sources screen) and plain mode
(`mythquiz --plain show/browse/sources`), so both say the same thing. Every verdict says
whose it is, and every source says what kind of document it is: NATO's fact sheets are
one party's own statement, news reports report what others said. Nothing here imports
Textual.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from . import wording
from .answers import Excerpt, excerpt
from .model import Item, Pack, Quote, Source
from .wording import sentence as sentence  # the front ends take it from here

TYPE_NAMES = {"myth-or-fact": "Myth or fact", "choice": "Choice", "who-said": "Who said it"}


def genre_note(source: Source) -> str:
    """What kind of document this is, in words: whose voice it carries."""
    genre = source.genre
    if source.is_party_statement:
        return f"{genre} — one party's own statement, not a neutral report"
    if "news report" in genre:
        return f"{genre} — it reports what others said"
    if "analysis" in genre:
        return f"{genre} — one writer's reading of events"
    return genre


def source_reference(source: Source) -> str:
    """'NATO's 2022 fact sheet: “Top Five …”, NATO, 21 September 2022 — official fact sheet — one party's …'."""
    publisher = source.publisher or "publisher not named in the text"
    return f"{source.name}: “{source.title}”, {publisher}, {source.shown_date}; {genre_note(source)}"


def answer_line(pack: Pack, item: Item) -> str:
    """Whose verdict the answer is, party first (the quiz's feedback words)."""
    return wording.verdict_line(item, pack.sources)


def roles(pack: Pack, item: Item) -> list[tuple[str, str]]:
    """Who makes the claim and who rebuts it (or reports it, or whose answer it is)."""
    if item.type == "myth-or-fact":
        rows = []
        claimant = wording.claimant_row(item, pack.sources)
        if claimant:
            rows.append(claimant)
        if item.disputed:  # the documents quoted on each declared side
            for side in wording.sides(item, pack.sources):
                label = "Quoted for it" if side.stance == "for" else "Quoted against it"
                rows += [(label, source_reference(pack.sources[sid]))
                         for sid in dict.fromkeys(q.source for q in side.quotes)]
            return rows
        verdict = source_reference(pack.sources[item.verdict_by])
        rows.append(("Who rebuts it" if item.answer == "Myth" else "Judged a fact by", verdict))
        return rows
    verdict = source_reference(pack.sources[item.verdict_by])
    if item.type == "who-said":
        return [("Reported by", verdict)]  # who said it is the answer, given above
    return [("Source of the answer", verdict)]


class Detail(NamedTuple):
    """An item in full, ready to show."""

    item: Item
    kind: str
    topic: str
    prompt_label: str
    prompt: str
    options: tuple[str, ...]
    answer: str
    roles: list[tuple[str, str]]
    explanation: str
    claim: Excerpt | None
    excerpts: tuple[Excerpt, ...]
    party: str | None = None  # the verdict comes from a party to the dispute: one line says so

    @property
    def words_heading(self) -> str:
        """'Both sides in their own words' when the pack has the claim's own words."""
        if self.claim is not None:
            return "Both sides in their own words"
        many = len({ex.source.id for ex in self.excerpts}) > 1
        return "In the sources' own words" if many else "In the source's own words"

    def evidence_heading(self, n: int) -> str:
        total = len(self.excerpts)
        return "Evidence" if total == 1 else f"Evidence {n} of {total}"


PROMPT_LABELS = {"myth-or-fact": "Statement", "choice": "Question", "who-said": "Words said"}


def item_detail(pack: Pack, item: Item) -> Detail:
    return Detail(
        item=item,
        kind=TYPE_NAMES[item.type],
        topic=pack.topic_name(item.topic),
        prompt_label=PROMPT_LABELS[item.type],
        prompt=f"“{item.prompt}”" if item.type == "who-said" else item.prompt,
        options=item.choices,
        answer=answer_line(pack, item),
        roles=roles(pack, item),
        explanation=item.explanation,
        claim=excerpt(pack, item.claim_quote) if item.claim_quote else None,
        excerpts=tuple(excerpt(pack, q) for q in item.evidence),
        party=wording.party_line(item, pack.sources),
    )


def source_facts(source: Source, cited: int | None = None) -> list[tuple[str, str]]:
    """The metadata of a document as (label, text) rows: the reader's header, the sources list."""
    rows = [
        ("Title", source.title),
        ("Publisher", source.publisher or "not named in the text"),
        ("Date", source.shown_date),
        ("How the date is known", source.date_note),
        ("Genre", genre_note(source)),
        ("Perspective", source.perspective),
    ]
    if cited is not None:
        rows.append(("Cited by", f"{cited} item{'s' if cited != 1 else ''}"))
    rows.append(("File", source.file))
    return rows


class Mark(NamedTuple):
    """A highlighted stretch of a document: one or more of an item's excerpts."""

    source: str
    start: int
    end: int
    line: int
    labels: tuple[str, ...]


def item_quotes(item: Item) -> list[tuple[str, Quote]]:
    """Every exact quotation an item makes, labelled: evidence first, then the claim and
    (for who-said) the words said."""
    total = len(item.evidence)
    quotes = [("evidence" if total == 1 else f"evidence {n} of {total}", q)
              for n, q in enumerate(item.evidence, 1)]
    if item.claim_quote:
        quotes.append(("the claim in its maker's own words", item.claim_quote))
    if item.type == "who-said":
        quotes.append(("the words said", Quote(item.verdict_by, item.prompt)))
    return quotes


def reader_marks(pack: Pack, item: Item) -> list[Mark]:
    """Where an item's quotations stand: overlapping ones merged, grouped by document
    (the first evidence's document first), in reading order within each."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    for label, quote in item_quotes(item):
        where = pack.locate(quote)
        if where is None:
            continue
        found.setdefault(quote.source, []).append((where[0], where[0] + len(quote.text), label))
    marks: list[Mark] = []
    for source_id, spans in found.items():
        merged: list[list[Any]] = []
        for start, end, label in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(end, merged[-1][1])
                merged[-1][2].append(label)
            else:
                merged.append([start, end, [label]])
        for start, end, labels in merged:
            line = pack.text_of(source_id).count("\n", 0, start) + 1
            marks.append(Mark(source_id, start, end, line, tuple(labels)))
    return marks


def first_evidence_mark(marks: list[Mark]) -> int:
    """Index of the mark that holds the item's first evidence excerpt (where `s` opens)."""
    for n, mark in enumerate(marks):
        if any(label == "evidence" or label.startswith("evidence 1 of ") for label in mark.labels):
            return n
    return 0


def answer_label(item: Item) -> str:
    return wording.answer_words(item)


question_text = wording.question_text
