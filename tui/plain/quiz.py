"""Plain mode: the quiz as numbered lines on stdin/stdout.

For screen readers, pipes and scripts: no full-screen UI, every line understandable on
its own, answers by number (or m/f), end of input ends the quiz with its summary. Escape
codes are written only to a terminal, and never when NO_COLOR is set.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from ..core.engine import Excerpt, Feedback, Session, Summary
from ..core.model import Item, quoted

if TYPE_CHECKING:
    from ..core.progress import Store


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
        store: Store | None = None,
    ) -> None:
        self.session = session
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.colour = use_colour(self.stdout)
        self.store = store
        self.save_error: str | None = None

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

    def save(self, write) -> None:
        """Save before the feedback is shown: what the user saw confirmed is on disk."""
        if self.store is None or self.save_error:
            return
        from ..core.progress import ProgressError

        try:
            write(self.store)
        except ProgressError as exc:
            self.save_error = str(exc)
            print(f"mythquiz: {exc}", file=sys.stderr)
        self.warn()

    def warn(self) -> None:
        if self.store is not None:
            while self.store.warnings:
                print(f"mythquiz: {self.store.warnings.pop(0)}", file=sys.stderr)

    def run(self) -> Summary:
        session = self.session
        pack = session.pack
        if self.store is not None:
            self.store.open()  # a broken file is moved aside now, with a warning
            self.warn()
        self.say(pack.title + (" — review of missed questions" if session.review else ""))
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
        if session.records:
            self.save(lambda store: store.finish_session(session))
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
        record = session.records[-1]
        self.save(lambda store: store.record_answer(session, record))
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


def offer_normal_quiz(stdin: TextIO | None = None, stdout: TextIO | None = None) -> bool:
    """Nothing is due for review: say so, and ask whether to start a normal quiz."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stdout.write("Nothing is due for review: no missed question is waiting.\n")
    stdout.write("Start a normal quiz instead? (y or n): ")
    stdout.flush()
    answer = stdin.readline()
    if not getattr(stdin, "isatty", lambda: False)():
        stdout.write("\n")
    return answer.strip().lower() in ("y", "yes")


def question_line(item: Item) -> str:
    if item.type == "myth-or-fact":
        return f"Myth or fact? {item.prompt}"
    if item.type == "who-said":
        return f"Who said: “{item.prompt}”?"
    return item.prompt


def excerpt_lines(label: str, ex: Excerpt) -> list[str]:
    where = f", line {ex.line}" if ex.line else ""
    return [f"{label}: {quoted(ex.quote.text)}", f"Source: {ex.source.byline}{where}."]


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
