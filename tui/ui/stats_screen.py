"""Stats: sessions over time as a chart, accuracy by topic as bars, the numbers beside them;
discernment and lean across quizzes, what is due under the chosen scheduler, and the live
rooms run from this data dir, in the same words as plain `stats`."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ..core.stats import Stats, bar, due_line, room_lines, short_date, sparkline, trend_lines
from .keybar import KeyBar
from .messages import GoHome

CHART_HEIGHT = 6
RECENT = 30


def chart(values: list[int], height: int = CHART_HEIGHT) -> list[str]:
    """A column chart of percentages, `height` rows of block characters, with a % axis."""
    rows = []
    for row in range(height, 0, -1):
        top = 100 * row / height
        cells = []
        for v in values:
            full = 100 * (row - 1) / height
            if v >= top:
                cells.append("█")
            elif v > full:
                cells.append("▄")
            else:
                cells.append(" ")
        label = f"{round(top):3d}% ┤" if row in (height, height // 2) else "     │"
        rows.append(label + " ".join(cells))
    rows.append("     └" + "─" * max(1, 2 * len(values) - 1))
    return rows


class StatsScreen(Screen[None]):
    # Read when the screen is first opened, not at start-up.
    CSS_PATH = Path(__file__).parent / "stats.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="stats.back", tooltip="Go back to the home screen."),
        Binding("h", "back", "Home", show=False, id="stats.home", tooltip="Go back to the home screen."),
    ]

    def __init__(self, stats: Stats) -> None:
        super().__init__()
        self.stats = stats

    def compose(self) -> ComposeResult:
        s = self.stats
        with VerticalScroll(id="stats-body"):
            yield Static(Content.assemble(("Your progress", "bold")), classes="heading")
            if s.sessions:
                recent = s.sessions[-RECENT:]
                values = [p.percent for p in recent]
                yield Static(
                    f"Sessions: {s.session_count}. Scores of the last {len(recent)}, oldest first "
                    f"(trend {sparkline(values)}):",
                    markup=False,
                )
                yield Static("\n".join(chart(values)), id="chart", markup=False)
                last = recent[-5:]
                yield Static(
                    "\n".join(f"{short_date(p.date)}  {p.score} of {p.answered}  ({p.percent}%)"
                              + ("  review" if p.review else "") for p in last),
                    id="recent", markup=False,
                )
            else:
                yield Static("No finished sessions yet: start a quiz from the home screen.",
                             id="chart", markup=False)
            facts = []
            if s.best:
                facts.append(f"Best score: {s.best.score} of {s.best.answered} ({s.best.percent}%)")
            facts += [f"Longest streak: {s.longest_streak}", f"Answers given: {s.answers}"]
            yield Static("   ".join(facts), id="facts", markup=False)
            trend = trend_lines(s, titled=False)
            if trend:
                yield Static(Content.assemble(("Telling myths from facts", "bold")), classes="heading")
                yield Static("\n".join(trend), id="trend", markup=False)
            yield Static(Content.assemble(("Accuracy by topic", "bold")), classes="heading")
            if s.by_topic:
                width = max(len(t.name) for t in s.by_topic)
                rows = [f"{t.name.ljust(width)}  {bar(t.right, t.answered)}  {t.percent:3d}%  {t.right} of {t.answered}"
                        for t in s.by_topic]
                yield Static("\n".join(rows), id="topic-bars", markup=False)
            else:
                yield Static("No answers yet.", id="topic-bars", markup=False)
            yield Static(Content.assemble(("Questions", "bold")), classes="heading")
            yield Static(
                f"Never seen: {s.never_seen} of {s.items}   {bar(s.items - s.never_seen, s.items)} seen\n"
                + due_line(s) + ("  (r on the home screen)" if s.due else ""),
                id="question-facts", markup=False,
            )
            rooms = room_lines(s)
            if rooms:
                yield Static(Content.assemble(("Live rooms", "bold")), classes="heading")
                yield Static("\n".join(rooms), id="rooms", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()

    def action_back(self) -> None:
        self.post_message(GoHome())
