"""Plain mode for the explainer: `--plain browse`, `--plain show ID`, `--plain sources`.

Lines a screen reader reads well and a script can cut: `browse` prints one line per item
beginning with its id; `show` prints one item in full with every excerpt and whose
verdict it is; `sources` describes each document. Bold only on a terminal without
NO_COLOR, like the plain quiz.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..core.explain import TYPE_NAMES, item_detail, sentence, source_facts
from ..core.model import Item, Pack, Source
from .quiz import evidence_lines, excerpt_lines, question_line, use_colour
from ..core.search import SearchIndex, display_prompt


def browse_line(pack: Pack, item: Item) -> str:
    """'expansion-promise: Myth or fact. Enlargement and the Open Door. NATO promised …'"""
    return f"{item.id}: {TYPE_NAMES[item.type]}. {sentence(pack.topic_name(item.topic))} {display_prompt(item)}"


def browse_items(pack: Pack, topic: str | None = None, kind: str | None = None,
                 query: str = "") -> list[Item]:
    index = SearchIndex(pack.items)
    return [pack.items[n] for n in index.search(query, topic, kind)]


def show_lines(pack: Pack, item: Item) -> list[str]:
    """One item in full: the claim or question, the answer and whose it is, the explanation,
    the claim in its maker's words and every evidence excerpt with its source."""
    d = item_detail(pack, item)
    lines = [f"Item {item.id}", f"Type: {d.kind}. Topic: {sentence(d.topic)}", question_line(item)]
    if d.options:
        lines.append("Options: " + "; ".join(f"{n}. {o}" for n, o in enumerate(d.options, 1)) + ".")
    lines.append(f"Answer: {d.answer}")
    if d.party:
        lines.append(d.party)
    lines += [f"{label}: {sentence(text)}" for label, text in d.roles]
    if d.claim is not None:
        lines += excerpt_lines("The claim in its maker's own words", d.claim)
    lines.append(f"Explanation: {d.explanation}")
    lines += evidence_lines(item, d.excerpts, pack.sources)
    return lines


def source_lines(source: Source, cited: int) -> list[str]:
    """One document: its id and title, then a line for each fact about it."""
    return [f"{source.id}: {source.title}"] + [
        f"{label}: {sentence(text)}" for label, text in source_facts(source, cited) if label != "Title"
    ]


class PlainExplainer:
    """Prints the explainer's pages to a text stream."""

    def __init__(self, pack: Pack, stdout: TextIO | None = None) -> None:
        self.pack = pack
        self.stdout = stdout or sys.stdout
        self.colour = use_colour(self.stdout)

    def say(self, line: str = "") -> None:
        self.stdout.write(line + "\n")

    def strong(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[22m" if self.colour else text

    def browse(self, topic: str | None = None, kind: str | None = None, query: str = "") -> int:
        """One line per item, beginning with its id; the number that matched."""
        items = browse_items(self.pack, topic, kind, query)
        for item in items:
            self.say(browse_line(self.pack, item))
        return len(items)

    def show(self, item: Item) -> None:
        lines = show_lines(self.pack, item)
        self.say(self.strong(lines[0]))
        for line in lines[1:]:
            self.say(line)

    def sources(self) -> None:
        counts = self.pack.citation_counts()
        for n, source in enumerate(self.pack.sources.values()):
            if n:
                self.say()
            lines = source_lines(source, counts[source.id])
            self.say(self.strong(lines[0]))
            for line in lines[1:]:
                self.say(line)
