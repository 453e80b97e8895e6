"""The quiz engine: a session asks its questions one by one, grades each answer, keeps
the score and the streak, and sums up.

No Textual here: the TUI, plain mode, exports and tests all drive the same `Session`.
Which questions and in what order: `selection`; what an answer leaves: `answers`; the
summary: `summary`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .answers import POST, PRE, QUIZ, AnswerRecord, Feedback, excerpt
from .model import Item, Pack
from .certainty_marks import certainty_mark
from .selection import DEFAULT_COUNT, SelectionError, is_right, new_seed, select_items, shuffled_options

if TYPE_CHECKING:
    from .summary import Summary


class Session:
    """One run through a list of questions, answer by answer."""

    def __init__(self, pack: Pack, items: list[Item], seed: int, review: bool = False, *,
                 certainty: bool = False, pre_post: int = 0) -> None:
        self.pack = pack
        self.items = items
        self.seed = seed
        self.review = review  # a review of missed items, not a fresh quiz
        self.certainty = certainty  # ask how sure after each answer (certainty-based marking)
        # The first `pre_post` items are asked before the quiz without their verdict, and
        # again after it (the last `pre_post` items) with it.
        self.pre_post = pre_post
        self.name: str | None = None  # the participant, in a workshop
        self.filter: str | None = None  # what the questions were chosen by, as progress keeps it
        self.index = 0
        self.score = 0
        self.streak = 0
        self.best_streak = 0
        self.records: list[AnswerRecord] = []
        self.feedback: Feedback | None = None  # set between an answer and moving on
        self._options: tuple[Item, tuple[str, ...]] | None = None  # the current item's, once shuffled
        self.started = time.monotonic()
        self._asked_at = self.started

    @classmethod
    def create(
        cls,
        pack: Pack,
        *,
        seed: int | None = None,
        count: int | None = DEFAULT_COUNT,
        topic: str | None = None,
        kind: str | None = None,
        only_ids: list[str] | None = None,
        review: bool = False,
        certainty: bool = False,
        pre_post: int = 0,
    ) -> "Session":
        seed = new_seed() if seed is None else seed
        if pre_post < 0:
            raise SelectionError("--pre-post must be at least 1")
        wanted = None if count is None else count + pre_post
        items = select_items(pack, seed=seed, count=wanted, topic=topic, kind=kind, only_ids=only_ids)
        if pre_post:
            if len(items) <= pre_post:
                raise SelectionError(f"--pre-post {pre_post} needs more than {pre_post} questions "
                                     f"(these choices give {len(items)})")
            items = items + items[:pre_post]
        session = cls(pack=pack, items=items, seed=seed, review=review, certainty=certainty, pre_post=pre_post)
        session.filter = " ".join(f"{k}={v}" for k, v in (("topic", topic), ("type", kind)) if v) or None
        return session

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def finished(self) -> bool:
        return self.index >= self.total

    @property
    def current(self) -> Item | None:
        return None if self.finished else self.items[self.index]

    @property
    def number(self) -> int:
        """1-based number of the current question."""
        return min(self.index + 1, self.total)

    @property
    def awaiting_answer(self) -> bool:
        return not self.finished and self.feedback is None

    def phase(self, index: int | None = None) -> str:
        """PRE for a question asked before the quiz (its verdict kept back), POST for the
        same question asked again after it, else QUIZ."""
        index = self.index if index is None else index
        if index < self.pre_post:
            return PRE
        return POST if self.pre_post and index >= self.total - self.pre_post else QUIZ

    def asks_certainty(self, index: int | None = None) -> bool:
        """Is certainty asked after this question's answer? (Not before the quiz: the marks
        would give the verdict away.)"""
        return self.certainty and self.phase(index) != PRE

    @property
    def shown_answers(self) -> int:
        """Answers whose verdict was shown (the score is out of these)."""
        return sum(r.phase != PRE for r in self.records) if self.pre_post else len(self.records)

    @property
    def certainty_score(self) -> int:
        return sum(certainty_mark(r.certainty, r.correct) for r in self.records if r.certainty is not None)

    def options(self) -> tuple[str, ...]:
        item = self.current
        if item is None:
            return ()
        cached = self._options
        if cached is None or cached[0] is not item:
            cached = self._options = (item, shuffled_options(item, self.seed))
        return cached[1]

    def parse_answer(self, text: str) -> str | None:
        """An option from what a user typed: its number, m/f/d for myth-or-fact, or its text."""
        options = self.options()
        typed = text.strip()
        if not typed or not options:
            return None
        if typed.isdigit() and 1 <= int(typed) <= len(options):
            return options[int(typed) - 1]
        lowered = typed.casefold()
        if self.current is not None and self.current.type == "myth-or-fact":
            if lowered in ("m", "myth"):
                return "Myth"
            if lowered in ("f", "fact"):
                return "Fact"
            if lowered in ("d", "disputed"):
                return "Disputed"
        for option in options:
            if option.casefold() == lowered:
                return option
        return None

    def reveal(self) -> Feedback:
        """Show the answer without grading anyone (facilitator mode: the room answers)."""
        item = self.current
        if item is None or self.feedback is not None:
            raise ValueError("no question is waiting to be revealed")
        self.feedback = self._feedback(item, given="", correct=True)
        return self.feedback

    def answer(self, option: str, certainty: int | None = None) -> Feedback:
        """Grade `option` for the current question, with how sure the learner was when the
        session asks it. Raises ValueError if it is not offered or the certainty is missing.
        Before the quiz (`phase` PRE) the answer is kept but neither scored nor revealed."""
        item = self.current
        if item is None or self.feedback is not None:
            raise ValueError("no question is waiting for an answer")
        if option not in self.options():
            raise ValueError(f"{option!r} is not an option of this question")
        if self.asks_certainty():
            if certainty not in (1, 2, 3):
                raise ValueError("say how sure you are: 1, 2 or 3")
        elif certainty is not None:
            raise ValueError("certainty is not asked for this question")
        correct = is_right(item, option)
        phase = self.phase()
        if phase != PRE:
            self.score += correct
            self.streak = self.streak + 1 if correct else 0
            self.best_streak = max(self.best_streak, self.streak)
        now = time.monotonic()
        self.records.append(AnswerRecord(item.id, option, correct, round(now - self._asked_at, 3), certainty, phase))
        self.feedback = self._feedback(item, given=option, correct=correct, certainty=certainty,
                                       revealed=phase != PRE)
        return self.feedback

    def possible_verdicts(self, index: int, certainty: int | None = None) -> dict[str, Feedback]:
        """The verdict each option of question `index` would get, graded as `answer` grades
        it, without excerpts or score: for a screen that prepares them before the key."""
        item = self.items[index]
        sources = self.pack.sources
        source = sources.get(item.verdict_by)
        return {
            option: Feedback(item, option, is_right(item, option), source, (), None, 0, 0, 0, sources, certainty)
            for option in shuffled_options(item, self.seed)
        }

    def _feedback(self, item: Item, *, given: str, correct: bool, certainty: int | None = None,
                  revealed: bool = True) -> Feedback:
        return Feedback(
            item=item,
            given=given,
            correct=correct,
            verdict_source=self.pack.sources.get(item.verdict_by),
            excerpts=tuple(excerpt(self.pack, q) for q in item.evidence),
            claim=excerpt(self.pack, item.claim_quote) if item.claim_quote else None,
            score=self.score,
            answered=self.shown_answers,
            streak=self.streak,
            sources=self.pack.sources,
            certainty=certainty,
            revealed=revealed,
        )

    def next(self) -> None:
        """Move on after the feedback of the current question."""
        if self.feedback is None:
            raise ValueError("answer the question before moving on")
        self.feedback = None
        self.index += 1
        self._asked_at = time.monotonic()

    def summary(self) -> Summary:
        """The figures of the answers whose verdict was shown; with pre_post, the questions
        asked before and after the quiz compared on their own."""
        # Imported here: the summary's figures (and `statistics` under them) are not
        # needed until the quiz ends, so they are kept off start-up.
        from .summary import summarise

        return summarise(self.pack, self.items, self.records, score=self.score, best_streak=self.best_streak,
                         seed=self.seed, started=self.started, certainty=self.certainty, pre_post_count=self.pre_post)
