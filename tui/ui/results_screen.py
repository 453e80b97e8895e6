"""The end of a quiz: the score, accuracy by topic, and what was missed."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ..core.summary import Summary
from .keybar import KeyBar
from .messages import GoHome, RetryMissed

BAR = 20


def bar(right: int, total: int, width: int = BAR) -> str:
    """A bar of full and empty blocks: shape, not colour, carries the figure."""
    filled = round(width * right / total) if total else 0
    return "█" * filled + "░" * (width - filled)


class ResultsScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "results.tcss"
    BINDINGS = [
        Binding("r", "retry", "Retry missed", id="results.retry",
                tooltip="Ask again only the questions you missed."),
        Binding("h", "home", "Home", id="results.home", tooltip="Go to the home screen."),
        Binding("escape", "home", "Home", show=False, id="results.escape"),
    ]
    HELP_NOTES = ("d′ (discernment) says how well myths were told from facts: 0 is chance, 2 or more is good, "
                  "below 0 a reversal; it is given only when both myths and facts were answered. "
                  "c (bias) says which way answers lean: below 0, quick to say myth (distrust); above 0, "
                  "quick to say fact (naivety); from 0.1 either way a slight lean, from 0.5 a strong one.",
                  "Certainty-based score: right +1, +2, +3 and wrong 0, −2, −6 for not sure, fairly sure, sure; "
                  "\"sure\" pays only when you are right more than 80% of the time.")

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        s = self.summary
        with VerticalScroll(id="results-body"):
            yield Static(
                Content.assemble((f"Score: {s.score} of {s.answered}", "bold"), f"  ({s.percent}%)"),
                id="score",
            )
            facts = [f"Longest streak: {s.best_streak}", f"Seed: {s.seed} (repeat with --seed {s.seed})"]
            if s.answered < s.total:
                facts.insert(0, f"Answered {s.answered} of {s.total} questions")
            yield Static("   ".join(facts), id="score-facts", markup=False)
            # What the score means beyond a count, in the words plain mode prints.
            for heading, lines in s.sections():
                slug = heading.lower().replace(" ", "-")
                yield Static(Content.assemble((heading, "bold")), classes="heading")
                yield Static("\n".join(lines), id=f"score-{slug}", classes="score-words", markup=False)
            yield Static(Content.assemble(("Accuracy by topic", "bold")), classes="heading")
            width = max((len(t.name) for t in s.by_topic), default=0)
            rows = [
                f"{t.name.ljust(width)}  {bar(t.right, t.total)}  {t.percent:3d}%  {t.right} of {t.total}"
                for t in s.by_topic
            ]
            yield Static("\n".join(rows) or "No answers.", id="by-topic", markup=False)
            heading = f"Missed ({len(s.missed)})" if s.missed else "Missed: none — every answer was right."
            yield Static(Content.assemble((heading, "bold")), classes="heading")
            if s.missed:
                lines = [f"✗ {item.prompt}\n   Right answer: {item.answer}" for item in s.missed]
                yield Static("\n".join(lines), id="missed", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#results-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.summary.missed)
        return True

    def action_retry(self) -> None:
        self.post_message(RetryMissed(self.summary))

    def action_home(self) -> None:
        self.post_message(GoHome())
