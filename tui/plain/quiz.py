"""Plain mode: the quiz as numbered lines on stdin/stdout.

For screen readers, pipes and scripts: no full-screen UI, every line understandable on
its own, answers by number (or m/f), end of input ends the quiz with its summary. Escape
codes are written only to a terminal, and never when NO_COLOR is set.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from ..core.answers import PHASE_WORDS, Excerpt, Feedback, excerpt_sides
from ..core.engine import Session
from ..core.summary import Summary
from ..core.model import Item
from ..core.certainty_marks import CERTAINTY_NAMES
from ..core.certainty_marks import signed
from ..core import wording

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
            "Answer with the option's number; for myth or fact, m, f or d work too. "
            "End of input ends the quiz."
        )
        if session.certainty:
            self.say(f"Certainty-based marking: say how sure you are after the answer, on the same line "
                     f"(m 3 or m3) or the next, where an empty line or b takes the answer back. "
                     f"{CERTAINTY_PROMPT}. Right earns +1, +2, +3; wrong 0, −2, −6.")
        if session.pre_post:
            first = "question is" if session.pre_post == 1 else f"{session.pre_post} questions are"
            self.say(f"The first {first} asked before the quiz without a verdict, "
                     "and again at the end with it, to show what the quiz taught.")
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
        phase = PHASE_WORDS.get(session.phase())
        self.say(self.strong(f"Question {session.number} of {session.total}") + (f" ({phase})" if phase else ""))
        self.say(wording.topic_line(session.pack.topic_name(item.topic)))
        self.say(question_line(item))
        for number, choice in enumerate(options, 1):
            self.say(f"{number}. {choice}")
        hint = f"1 to {len(options)}" + (", m, f or d" if item.type == "myth-or-fact" else "")
        if session.asks_certainty():
            hint += ", then how sure: 1 to 3"
        while True:
            line = self.ask(f"Your answer ({hint}): ")
            if line is None:
                return False
            option, certainty = self.parse(line)
            if option is None:
                self.say(f"Please answer with a number from 1 to {len(options)}"
                         + (", or m for myth, f for fact, d for disputed" if item.type == "myth-or-fact" else "")
                         + (", then 1, 2 or 3 for how sure you are." if session.asks_certainty() else "."))
                continue
            if not session.asks_certainty() or certainty is not None:
                break
            certainty = self.ask_certainty(option)
            if certainty is None:
                return False  # the answer without its certainty is not kept
            if certainty:
                break
            self.say("Answer taken back. " + question_line(item))
            for number, choice in enumerate(options, 1):
                self.say(f"{number}. {choice}")
        feedback = session.answer(option, certainty)
        record = session.records[-1]
        self.save(lambda store: store.record_answer(session, record))
        if not feedback.revealed:
            self.say("Answer kept: its verdict comes at the end, when this question is asked again.")
            return True
        for line in feedback_lines(feedback):
            self.say(self.strong(line) if line.startswith(("Correct", "Incorrect")) else line)
        if feedback.certainty is not None:
            self.say(f"Certainty-based score so far: {signed(session.certainty_score)}.")
        return True

    def ask_certainty(self, option: str) -> int | None:
        """How sure, for the answer waiting: 1 to 3; 0 when taken back (an empty line, b or
        back); None at end of input."""
        while True:
            line = self.ask(f"You chose {option}. {CERTAINTY_PROMPT} ({TAKE_BACK_HINT}): ")
            if line is None:
                return None
            if line.strip().lower() in TAKE_BACK_WORDS:
                return 0
            certainty = parse_certainty(line)
            if certainty is not None:
                return certainty
            self.say("Please answer 1 (not sure), 2 (fairly sure) or 3 (sure); an empty line or b takes the "
                     "answer back.")

    def parse(self, line: str) -> tuple[str | None, int | None]:
        """The answer, and the certainty when it follows on the same line (`m 3`, `2 1`)."""
        session = self.session
        option = session.parse_answer(line)
        if option is not None or not session.certainty:
            return option, None
        typed = line.strip()
        words = typed.split()
        if len(words) == 1 and len(typed) >= 2:  # `m3`, `23`: the certainty is the last character
            words = [typed[:-1], typed[-1]]
        if len(words) >= 2 and parse_certainty(words[-1]) is not None:
            option = session.parse_answer(" ".join(words[:-1]))
            if option is not None:
                # Before the quiz no certainty is asked: one typed out of habit is let go.
                return option, parse_certainty(words[-1]) if session.asks_certainty() else None
        return None, None

    def print_summary(self, summary: Summary) -> None:
        self.say()
        self.say(self.strong(f"Score: {summary.score} of {summary.answered}"))
        for _heading, lines in summary.sections():
            for line in lines:
                self.say(line)
        if summary.answered < summary.total:
            self.say(f"Quiz ended after {summary.answered} of {summary.total} questions.")
        for topic in summary.by_topic:
            self.say(f"{topic.name}: {topic.right} of {topic.total} right ({topic.percent}%).")
        if summary.best_streak:
            self.say(f"Longest streak: {summary.best_streak}.")
        if summary.missed:
            count = len(summary.missed)
            self.say(f"You missed {count} question{'s' if count != 1 else ''}:")
            for n, item in enumerate(summary.missed, 1):
                self.say(f"{n}. {wording.missed_sentence(item, self.session.pack.sources)}")
        self.say(f"Seed {summary.seed}: repeat this quiz with --seed {summary.seed}.")


CERTAINTY_PROMPT = "How sure are you? " + ", ".join(f"{n} {name}" for n, name in CERTAINTY_NAMES.items())
# At "How sure are you?": what takes the answer back (plain mode's Esc), and how the
# prompt says so.
TAKE_BACK_WORDS = ("", "b", "back")
TAKE_BACK_HINT = "empty line or b: take the answer back"


def parse_certainty(text: str) -> int | None:
    typed = text.strip()
    return int(typed) if typed in ("1", "2", "3") else None


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


question_line = wording.question_text


def excerpt_lines(label: str, ex: Excerpt) -> list[str]:
    """A label line, the quote's lines behind a bar, and the source line below them."""
    return [f"{label}:"] + wording.excerpt_block(ex.quote.text, ex.source, ex.line, ex.quote.said_by)


def evidence_lines(item: Item, excerpts: tuple[Excerpt, ...], sources) -> list[str]:  # noqa: ANN001
    """Every evidence excerpt; a disputed item's grouped by side, each side saying who it is."""
    lines: list[str] = []
    if item.disputed:
        for side, side_excerpts in excerpt_sides(item, excerpts, sources):
            lines.append(wording.side_heading(side))
            for ex in side_excerpts:
                lines += wording.excerpt_block(ex.quote.text, ex.source, ex.line, ex.quote.said_by)
        return lines
    for n, ex in enumerate(excerpts, 1):
        lines += excerpt_lines(wording.evidence_label(n, len(excerpts)), ex)
    return lines


def feedback_lines(feedback: Feedback) -> list[str]:
    """The feedback after an answer, as self-contained lines (shared with exports)."""
    item = feedback.item
    sources = feedback.sources or {}
    lines = [f"{feedback.verdict_word} {feedback.symbol}. You answered {wording.given_words(feedback.given)}.",
             feedback.right_answer_line]
    if feedback.certainty_line:
        lines.insert(1, f"{feedback.certainty_line}.")
    party = feedback.party_line
    if party:
        lines.append(party)
    claimant = wording.claimant_row(item, sources)
    if claimant:
        lines.append(wording.sentence(f"{claimant[0]}: {claimant[1]}"))
    if feedback.claim is not None:
        lines += excerpt_lines(wording.CLAIM_LABEL, feedback.claim)
    lines.append(f"Explanation: {item.explanation}")
    lines += evidence_lines(item, feedback.excerpts, sources)
    lines.append(f"Score so far: {feedback.score} of {feedback.answered}. Streak: {feedback.streak}.")
    return lines
