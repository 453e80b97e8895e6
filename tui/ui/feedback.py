"""The feedback after an answer: verdict in words, explanation, and the excerpts beside it.

All content text is rendered literally (never as markup). The explanation column and the
evidence column stand side by side at 100 columns and wider, one above the other below.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ..engine import Excerpt, Feedback

WIDE = 100  # columns from which explanation and excerpt stand side by side


def verdict_content(feedback: Feedback) -> Content:
    style = "bold $text-success" if feedback.correct else "bold $text-error"
    given = "" if feedback.correct else f" — you answered {feedback.given}."
    return Content.assemble(
        (f"{feedback.symbol} {feedback.verdict_word}", style),
        given,
        " ",
        feedback.right_answer_line,
    )


def excerpt_content(ex: Excerpt, heading: str) -> Content:
    source = ex.source
    where = f", line {ex.line}" if ex.line else ""
    kind = " — one party's own statement" if source.is_party_statement else ""
    return Content.assemble(
        (heading, "bold"),
        "\n“",
        (ex.quote.text, "italic"),
        "”\n",
        ("— ", "dim"),
        (f"{source.byline}{where}{kind}", "dim"),
    )


class FeedbackView(Widget):
    """Shows one `Feedback`; `show()` swaps it for another without remounting."""

    def compose(self) -> ComposeResult:
        yield Static(id="verdict", markup=False)
        with Horizontal(id="panels"):
            with Vertical(id="explain-col"):
                yield Static(id="claimed", markup=False)
                yield Static(id="explanation", markup=False)
            yield Vertical(id="evidence-col")

    def show(self, feedback: Feedback) -> None:
        item = feedback.item
        self.query_one("#verdict", Static).update(verdict_content(feedback))
        claimed = self.query_one("#claimed", Static)
        if item.type == "myth-or-fact" and item.claimed_by:
            who = "Who makes this claim" if item.answer == "Myth" else "Whose statement this is"
            claimed.update(Content.assemble((f"{who}: ", "bold"), item.claimed_by))
            claimed.display = True
        else:
            claimed.display = False
        self.query_one("#explanation", Static).update(
            Content.assemble(("Explanation", "bold"), "\n", item.explanation)
        )
        column = self.query_one("#evidence-col", Vertical)
        column.remove_children()
        panels: list[Static] = []
        if feedback.claim is not None:
            panels.append(
                Static(excerpt_content(feedback.claim, "The claim in its maker's own words"),
                       classes="excerpt claim", markup=False)
            )
        total = len(feedback.excerpts)
        for n, ex in enumerate(feedback.excerpts, 1):
            heading = "Evidence" if total == 1 else f"Evidence {n} of {total}"
            heading += f" (according to {feedback.verdict_source.name})" if n == 1 else ""
            panels.append(Static(excerpt_content(ex, heading), classes="excerpt", markup=False))
        column.mount_all(panels)
