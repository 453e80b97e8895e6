"""Plain mode: the quiz as numbered lines on stdin/stdout.

For screen readers, pipes and scripts: no full-screen UI, every line understandable on
its own, answers by number (or m/f), end of input ends the quiz with its summary. Escape
codes are written only to a terminal, and never when NO_COLOR is set.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, TextIO

from .engine import Excerpt, Feedback, Session, Summary
from .model import Item

Printer = Callable[[str], None]


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class PlainQuiz:
    """Runs a `Session` over text streams."""

    def __init__(
        self,
        session: Session,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        on_answer: Callable[[Session, Feedback], None] | None = None,
    ) -> None:
        self.session = session
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.colour = use_colour(self.stdout)
        self.on_answer = on_answer

    # ---- output ----

    def say(self, line: str = "") -> None:
        self.stdout.write(line + "\n")

    def strong(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[22m" if self.colour else text

    def ask(self, prompt: str) -> str | None:
        """Print a prompt and read one line; None at end of input."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            return None
        if not getattr(self.stdin, "isatty", lambda: False)():
            self.say()  # input from a pipe is not echoed: end the prompt line ourselves
        return line

    # ---- the quiz ----

    def run(self) -> Summary:
        session = self.session
        pack = session.pack
        self.say(pack.title)
        self.say(
            f"{session.total} question{'s' if session.total != 1 else ''}, seed {session.seed}. "
            "Answer with the option's number; for myth or fact, m or f work too. "
            "End of input ends the quiz."
        )
        while not session.finished:
            self.say()
            if not self.ask_question():
                break
            session.next()
        summary = session.summary()
        self.print_summary(summary)
        return summary

    def ask_question(self) -> bool:
        session = self.session
        item = session.current
        assert item is not None
        options = session.options()
        self.say(self.strong(f"Question {session.number} of {session.total}"))
        self.say(f"Topic: {session.pack.topic_name(item.topic)}.")
        self.say(question_line(item))
        for number, option in enumerate(options, 1):
            self.say(f"{number}. {option}")
        hint = f"1 to {len(options)}" + (", m or f" if item.type == "myth-or-fact" else "")
        while True:
            line = self.ask(f"Your answer ({hint}): ")
            if line is None:
                return False
            option = session.parse_answer(line)
            if option is not None:
                break
            self.say(f"Please answer with a number from 1 to {len(options)}"
                     + (", or m for myth, f for fact." if item.type == "myth-or-fact" else "."))
        feedback = session.answer(option)
        if self.on_answer is not None:
            self.on_answer(session, feedback)
        for line in feedback_lines(feedback):
            self.say(self.strong(line) if line.startswith(("Correct", "Incorrect")) else line)
        return True

    def print_summary(self, summary: Summary) -> None:
        self.say()
        self.say(self.strong(f"Score: {summary.score} of {summary.answered}"))
        if summary.answered < summary.total:
            self.say(f"Quiz ended after {summary.answered} of {summary.total} questions.")
        for topic in summary.by_topic:
            self.say(f"{topic.name}: {topic.right} of {topic.total} right ({topic.percent}%).")
        if summary.best_streak:
            self.say(f"Longest streak: {summary.best_streak}.")
        if summary.missed:
            self.say(f"Missed: {len(summary.missed)}.")
            for item in summary.missed:
                self.say(f"Missed {item.id}: {item.prompt} Answer: {item.answer}.")
        self.say(f"Seed {summary.seed}: repeat this quiz with --seed {summary.seed}.")


def question_line(item: Item) -> str:
    if item.type == "myth-or-fact":
        return f"Myth or fact? {item.prompt}"
    if item.type == "who-said":
        return f"Who said: “{item.prompt}”?"
    return item.prompt


def excerpt_lines(label: str, ex: Excerpt) -> list[str]:
    where = f", line {ex.line}" if ex.line else ""
    return [f"{label}: “{ex.quote.text}”", f"Source: {ex.source.byline}{where}."]


def feedback_lines(feedback: Feedback) -> list[str]:
    """The feedback after an answer, as self-contained lines (shared with exports)."""
    item = feedback.item
    lines = [f"{feedback.verdict_word} {feedback.symbol}. You answered {feedback.given}.",
             feedback.right_answer_line]
    if item.type == "myth-or-fact" and item.claimed_by:
        who = "Who makes this claim" if item.answer == "Myth" else "Whose statement this is"
        lines.append(f"{who}: {item.claimed_by}.")
    if feedback.claim is not None:
        lines += excerpt_lines("The claim in its maker's own words", feedback.claim)
    lines.append(f"Explanation: {item.explanation}")
    for n, ex in enumerate(feedback.excerpts, 1):
        label = "Evidence" if len(feedback.excerpts) == 1 else f"Evidence {n} of {len(feedback.excerpts)}"
        lines += excerpt_lines(label, ex)
    lines.append(f"Score so far: {feedback.score} of {feedback.answered}. Streak: {feedback.streak}.")
    return lines
