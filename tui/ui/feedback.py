"""The feedback after an answer: verdict in words, explanation, and the excerpts beside it.

All content text is rendered literally (never as markup). The explanation column and the
evidence column stand side by side at 100 columns and wider, one above the other below.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ..core.engine import Excerpt, Feedback, Session

WIDE = 100  # columns from which explanation and excerpt stand side by side


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


class FeedbackView(Widget):
    """Shows one `Feedback`; `show()` swaps it for another in place.

    Three widgets only (verdict, explanation column, evidence column), updated rather than
    remounted, so an answer costs one layout and one paint.
    """

    _showing: Feedback | None = None  # whose explanation and excerpts are due next

    def compose(self) -> ComposeResult:
        yield Static(id="verdict", markup=False)
        with Horizontal(id="panels"):
            yield Static(id="explain-col", markup=False)
            yield Static(id="evidence-col", markup=False, classes="excerpt")

    def show(self, feedback: Feedback) -> None:
        """The verdict at once; the explanation and the excerpts a frame later. The verdict
        is on screen as soon as the key is handled, however long the text below, and the
        terminal has the processor to itself while it draws it."""
        verdict = self.query_one("#verdict", Static)
        content = verdict_content(feedback)
        # Within its reserved lines nothing moves, so no layout pass is needed.
        fits = verdict.content_region.width > 0 and len(content.wrap(verdict.content_region.width)) <= 3
        verdict.update(content, layout=not fits)
        panels = self.query_one("#panels")
        panels.display = False
        self._showing = feedback

        def second_step() -> None:
            if self._showing is not feedback:
                return  # another question came first
            self._show_panels(feedback)

        self.set_timer(1 / 60, second_step)

    def hide(self, collapse: bool = False) -> None:
        """Clear it. The verdict line keeps its place (unless `collapse`), so the next
        answer's verdict is drawn without moving anything on the screen."""
        self._showing = None
        self.query_one("#verdict", Static).update("")
        self.query_one("#panels").display = False
        if collapse:
            self.display = False

    def _show_panels(self, feedback: Feedback) -> None:
        self.query_one("#explain-col", Static).update(explanation_content(feedback))
        self.query_one("#evidence-col", Static).update(evidence_content(feedback))
        self.query_one("#panels").display = True


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


def evidence_content(feedback: Feedback) -> Content:
    """The claim in its maker's words (if the pack has it), then each excerpt with its
    source, the first saying whose verdict this is."""
    from ..core import wording  # not needed before the first answer: kept off start-up
    panels: list[Content] = []
    if feedback.claim is not None:
        panels.append(excerpt_content(feedback.claim, wording.CLAIM_LABEL))
    item = feedback.item
    if item.type == "myth-or-fact" and item.answer == "Disputed":
        by_quote = {(ex.quote.source, ex.quote.text): ex for ex in feedback.excerpts}
        for side in wording.sides(item, feedback.sources or {}):
            for n, quote in enumerate(side.quotes):
                heading = wording.side_heading(side) if n == 0 else ""
                panels.append(excerpt_content(by_quote[(quote.source, quote.text)], heading))
        return Content("\n\n").join(panels)
    total = len(feedback.excerpts)
    for n, ex in enumerate(feedback.excerpts, 1):
        panels.append(excerpt_content(ex, wording.evidence_label(n, total)))
    return Content("\n\n").join(panels)
