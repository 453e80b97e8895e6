"""One item in full: the claim or question, the answer and whose verdict it is, who makes
the claim, the explanation, and both sides in their own words (the claim's own words where
the pack has them, every evidence excerpt with its source). `s` opens the source reader.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ..core.explain import item_detail, sentence
from ..core.model import Item, Pack
from .feedback import DisputeSides, excerpt_content, quoted_among
from .cursor import ReadingScroll
from .keybar import KeyBar
from .messages import FlagItem, OpenReader


class ItemScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "explainer.tcss"
    BINDINGS = [
        Binding("s", "source", "Source", id="item.source",
                tooltip="Read the source document at this excerpt."),
        Binding("x", "flag", "Flag", id="item.flag",
                tooltip="Flag this item for the pack's author with a one-line note."),
        Binding("escape", "back", "Back", id="item.back", tooltip="Go back to where you were."),
    ]

    def __init__(self, pack: Pack, item: Item) -> None:
        super().__init__()
        self.pack = pack
        self.item = item

    def compose(self) -> ComposeResult:
        d = item_detail(self.pack, self.item)
        yield Static(Content.assemble((d.kind, "bold"), f"   Id: {d.item.id}   Topic: {d.topic}"),
                     id="item-status")
        with ReadingScroll(id="item-body"):
            yield Static(Content.assemble((d.prompt_label, "bold")), id="item-kind")
            prompt = Static(d.prompt, id="item-prompt", markup=False)
            prompt.set_class(self.item.type == "who-said", "quotation")
            yield prompt
            if d.options:
                lines = [Content.assemble(("Options", "bold"))]
                for n, option in enumerate(d.options, 1):
                    right = option == self.item.answer
                    lines.append(Content.assemble(
                        "✓ " if right else "  ", f"{n}. {option}", ("  ← answer" if right else "", "bold")))
                yield Static(Content("\n").join(lines), id="item-options")
            yield Static(Content.assemble(("Answer: ", "bold"), d.answer, f"\n{d.party}" if d.party else ""),
                         id="item-answer")
            yield Static(Content("\n").join(Content.assemble((f"{label}: ", "bold"), sentence(text))
                                           for label, text in d.roles), id="item-roles")
            yield Static(Content.assemble(("Explanation", "bold"), "\n", d.explanation),
                         id="item-explanation")
            yield Static(Content.assemble((d.words_heading, "bold")), id="item-words")
            disputed = self.item.disputed
            # A disputed item's sides quote the claim's words under who says them.
            if d.claim is not None and not (disputed and quoted_among(d.claim, d.excerpts)):
                yield Static(excerpt_content(d.claim, "The claim in its maker's own words"),
                             classes="excerpt claim")
            if disputed:
                # Both sides side by side (one above the other on a narrow screen), each
                # under who says it, as in the quiz's feedback.
                yield DisputeSides(self.item, d.excerpts, self.pack.sources, id="item-sides")
            else:
                for n, ex in enumerate(d.excerpts, 1):
                    heading = d.evidence_heading(n)
                    if ex.quote.said_by:
                        heading += f" ({ex.quote.said_by} says)"
                    yield Static(excerpt_content(ex, heading), classes="excerpt")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#item-body").focus()

    def action_source(self) -> None:
        self.post_message(OpenReader(self.item))

    def action_flag(self) -> None:
        self.post_message(FlagItem(self.item))

    def action_back(self) -> None:
        self.dismiss(None)
