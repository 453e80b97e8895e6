"""The feedback after an answer: verdict in words, explanation, and the excerpts beside it.

All content text is rendered literally (never as markup). The explanation column and the
evidence column stand side by side at WIDE columns and wider, one above the other below;
a disputed item's sides likewise.
"""

from __future__ import annotations

from typing import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ..core.answers import Excerpt, Feedback
from ..core.engine import Session
from ..core.model import Item, Source

WIDE = 100  # columns from which explanation and excerpt (or two sides) stand side by side


def verdict_content(feedback: Feedback) -> Content:
    from ..core import wording  # not needed before the first answer: kept off start-up
    style = "bold $text-success" if feedback.correct else "bold $text-error"
    given = "" if feedback.correct else f" — you answered {wording.given_words(feedback.given)}."
    content = Content.assemble(
        (f"{feedback.symbol} {feedback.verdict_word}", style),
        "." if feedback.correct else "",
        given,
        " ",
        feedback.right_answer_line,
    )
    if feedback.certainty_line:  # certainty-based marking: what the answer earned
        content = Content.assemble(content, "\n", (feedback.certainty_line, "bold"))
    return content


def possible_verdicts(session: Session, index: int) -> dict[str, Content]:
    """The verdict each option of question `index` would get, by `verdict_key`."""
    item_id = session.items[index].id
    return {verdict_key(item_id, option): verdict_content(feedback)
            for option, feedback in session.possible_verdicts(index).items()}


def verdict_key(item_id: str, option: str) -> str:
    return f"{item_id}\n{option}"


def excerpt_content(ex: Excerpt, heading: str) -> Content:
    """A heading, the quote behind a bar (never in the app's own quotation marks), and
    its source below, as `tui.core.wording.excerpt_block` lays it out."""
    from ..core import wording  # not needed before the first answer: kept off start-up
    *quote_lines, source_line = wording.excerpt_block(ex.quote.text, ex.source, ex.line, ex.quote.said_by, bar="")
    if ex.source.is_party_statement:
        source_line += " — one party's own statement"
    parts: list = [(heading, "bold"), "\n"] if heading else []
    for line in quote_lines:
        parts += [("▌ ", "$text-muted"), (line, "italic"), "\n"]
    parts.append((source_line, "$text-muted"))
    return Content.assemble(*parts)


class DisputeSides(Widget):
    """The sides of a disputed item as the pack declares them (each evidence quote's
    `side`), each under a heading that says who takes it: the side supporting the
    statement, then the side disputing it, in two columns side by side from WIDE columns
    of screen, one above the other below that, with the same headings (never dropped)."""

    DEFAULT_CSS = """
    DisputeSides {
        layout: horizontal;
        height: auto;
    }
    DisputeSides > .dispute-side {
        width: 1fr;
        height: auto;
    }
    DisputeSides > .dispute-side.-first {
        margin-right: 2;
    }
    DisputeSides.-stacked {
        layout: vertical;
    }
    DisputeSides.-stacked > .dispute-side.-first {
        margin-right: 0;
    }
    DisputeSides .dispute-heading {
        margin-bottom: 1;
    }
    """

    def __init__(self, item: Item, excerpts: Sequence[Excerpt], sources: dict[str, Source], *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = dispute_columns(item, excerpts, sources)

    def compose(self) -> ComposeResult:
        for n, column in enumerate(self.columns):
            with Vertical(classes="dispute-side -first" if n == 0 else "dispute-side"):
                for content, quoted in side_blocks(column):
                    yield Static(content, classes="excerpt" if quoted else "dispute-heading", markup=False)

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        self.set_class(self.screen.size.width < WIDE, "-stacked")


Column = list[tuple[Content, list[Excerpt]]]


def dispute_columns(item: Item, excerpts: Sequence[Excerpt], sources: dict[str, Source]) -> tuple[Column, Column]:
    """A disputed item's two declared sides as columns (see `DisputeSides`): each a
    heading (who takes the side, and which) over the excerpts that take it."""
    from ..core import wording  # not needed before the first answer: kept off start-up
    from ..core.answers import excerpt_sides

    columns: list[Column] = [[(Content.styled(wording.side_heading(side), "bold"), side_excerpts)]
                             for side, side_excerpts in excerpt_sides(item, excerpts, sources)]
    columns += [[] for _ in range(2 - len(columns))]  # a pack checked in full always has both
    return columns[0], columns[1]


def side_blocks(column: Column) -> list[tuple[Content, bool]]:
    """A column of a dispute as blocks: each speaker's heading (False), then the excerpts
    in which they say it (True: set behind a bar)."""
    return [block for heading, excerpts in column
            for block in [(heading, False), *((excerpt_content(ex, ""), True) for ex in excerpts)]]


class FeedbackView(Widget):
    """Shows one `Feedback`: the verdict, then the explanation beside the excerpts (one
    above the other below WIDE columns of screen); for a disputed item, the explanation
    above the sides set side by side (`DisputeSides`). `show()` swaps it for another in
    place.

    The verdict, the explanation and the evidence are Statics updated rather than
    remounted, so an answer costs one layout and one paint; only a disputed item's sides
    are mounted anew.
    """

    DEFAULT_CSS = """
    FeedbackView {
        height: auto;
    }
    FeedbackView > #verdict {
        margin-bottom: 1;
        /* room for the verdict is kept while the question is asked, so drawing it moves nothing */
        min-height: 3;
    }
    FeedbackView > #panels {
        height: auto;
    }
    FeedbackView #explain-col, FeedbackView #evidence-col {
        width: 1fr;
        height: auto;
    }
    FeedbackView #explain-col {
        padding-right: 2;
    }
    FeedbackView.-narrow #panels, FeedbackView #panels.-disputed {
        layout: vertical;
    }
    FeedbackView.-narrow #explain-col, FeedbackView #panels.-disputed #explain-col {
        padding-right: 0;
        margin-bottom: 1;
        width: 100%;
    }
    FeedbackView.-narrow #evidence-col, FeedbackView #panels.-disputed #evidence-col {
        width: 100%;
    }
    """

    _showing: Feedback | None = None  # whose explanation and excerpts are due next

    def compose(self) -> ComposeResult:
        yield Static(id="verdict", markup=False)
        with Horizontal(id="panels"):
            yield Static(id="explain-col", markup=False)
            yield Static(id="evidence-col", markup=False, classes="excerpt")

    def on_resize(self) -> None:
        self.set_class(self.screen.size.width < WIDE, "-narrow")

    def show(self, feedback: Feedback) -> None:
        """The verdict at once; the explanation and the excerpts a frame later. The verdict
        is on screen as soon as the key is handled, however long the text below, and the
        terminal has the processor to itself while it draws it."""
        self.show_verdict(verdict_content(feedback))
        self.query_one("#panels").display = False
        self._showing = feedback

        def second_step() -> None:
            if self._showing is not feedback:
                return  # another question came first
            self.show_panels(feedback)

        self.set_timer(1 / 60, second_step)

    def show_verdict(self, content: Content) -> None:
        verdict = self.query_one("#verdict", Static)
        width = verdict.content_region.width
        # Within its reserved lines nothing moves, so no layout pass is needed.
        fits = width > 0 and len(content.wrap(width)) <= 3
        verdict.update(content, layout=not fits)

    def hide(self, collapse: bool = False) -> None:
        """Clear it. The verdict line keeps its place (unless `collapse`), so the next
        answer's verdict is drawn without moving anything on the screen."""
        self._showing = None
        self.query_one("#verdict", Static).update("", layout=False)
        self.hide_panels()
        if collapse:
            self.display = False

    def hide_panels(self) -> None:
        panels = self.query_one("#panels")
        if panels.display:
            panels.display = False
        for sides in self.query(DisputeSides):
            sides.remove()

    def show_panels(self, feedback: Feedback) -> None:
        """The explanation and the excerpts (for a disputed item, its sides)."""
        for old in self.query(DisputeSides):
            old.remove()
        panels = self.query_one("#panels")
        item = feedback.item
        disputed = item.disputed
        self.query_one("#explain-col", Static).update(explanation_content(feedback))
        evidence = self.query_one("#evidence-col", Static)
        claim = claim_content(feedback) if disputed else None
        evidence.display = not disputed or claim is not None
        evidence.update(claim if disputed and claim is not None else evidence_content(feedback))
        panels.set_class(disputed, "-disputed")
        panels.display = True
        if disputed:
            self.mount(DisputeSides(item, feedback.excerpts, feedback.sources or {}), after=panels)


def explanation_content(feedback: Feedback) -> Content:
    """Who makes the claim (for a myth or fact) and the explanation."""
    from ..core import wording  # not needed before the first answer: kept off start-up
    item = feedback.item
    explain: list[Content] = []
    party = feedback.party_line
    if party:
        explain.append(Content(party))
    claimant = wording.claimant_row(item, feedback.sources or {})
    if claimant:
        explain.append(Content.assemble((f"{claimant[0]}: ", "bold"), claimant[1]))
    explain.append(Content.assemble(("Explanation", "bold"), "\n", item.explanation))
    return Content("\n\n").join(explain)


def claim_content(feedback: Feedback) -> Content | None:
    """The claim in its maker's words, unless it is one of the excerpts shown anyway (a
    disputed item's sides quote it under who says it)."""
    from ..core import wording  # not needed before the first answer: kept off start-up
    claim = feedback.claim
    if claim is None or quoted_among(claim, feedback.excerpts):
        return None
    return excerpt_content(claim, wording.CLAIM_LABEL)


def quoted_among(ex: Excerpt, excerpts: Sequence[Excerpt]) -> bool:
    """The same words of the same document are among `excerpts`."""
    return any(other.quote.source == ex.quote.source and other.quote.text == ex.quote.text for other in excerpts)


def evidence_content(feedback: Feedback) -> Content:
    """The claim in its maker's words (if the pack has it), then each excerpt with its
    source, the first saying whose verdict this is. (A disputed item's excerpts are set
    out by `DisputeSides`.)"""
    from ..core import wording  # not needed before the first answer: kept off start-up
    panels: list[Content] = []
    if feedback.claim is not None:
        panels.append(excerpt_content(feedback.claim, wording.CLAIM_LABEL))
    total = len(feedback.excerpts)
    for n, ex in enumerate(feedback.excerpts, 1):
        panels.append(excerpt_content(ex, wording.evidence_label(n, total)))
    return Content("\n\n").join(panels)
