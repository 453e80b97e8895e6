"""The quiz engine: which questions, in what order, and what an answer earns.

No Textual here: the TUI, plain mode, exports and tests all drive the same `Session`.

Order is decided by SHA-256 of the seed and the item id (and of each option), not by
Python's `random`, so a seed gives the same questions and the same option order on every
machine and every version of Python, and adding items to a pack does not reshuffle the
relative order of the others.
"""

from __future__ import annotations

import os
import time
from hashlib import sha256
from typing import NamedTuple

from .model import Item, Pack, Quote, Source
from .scoring import (Answer, Calibration, Discernment, PrePost, calibration, certainty_mark, certainty_words,
                      discernment, pre_post)

DEFAULT_COUNT = 20


def _rank(*parts: object) -> bytes:
    return sha256(":".join(str(p) for p in parts).encode("utf-8")).digest()


def new_seed() -> int:
    """A fresh seed for a session nobody asked to repeat (shown, so it can be repeated)."""
    return int.from_bytes(os.urandom(4), "big") % 1_000_000


class SelectionError(ValueError):
    """The filters leave no question, or name a topic or type the pack does not have."""


def select_items(
    pack: Pack,
    *,
    seed: int,
    count: int | None = DEFAULT_COUNT,
    topic: str | None = None,
    kind: str | None = None,
    only_ids: list[str] | None = None,
) -> list[Item]:
    """The session's items in their deterministic order."""
    if topic is not None and topic not in pack.topics:
        raise SelectionError(f"unknown topic {topic!r}; topics: {', '.join(pack.topics)}")
    if kind is not None and kind not in ("myth-or-fact", "choice", "who-said"):
        raise SelectionError(f"unknown type {kind!r}; types: myth-or-fact, choice, who-said")
    if count is not None and count < 1:
        raise SelectionError("--count must be at least 1")
    pool = pack.items
    if only_ids is not None:
        wanted = set(only_ids)
        pool = [item for item in pool if item.id in wanted]
    if topic is not None:
        pool = [item for item in pool if item.topic == topic]
    if kind is not None:
        pool = [item for item in pool if item.type == kind]
    if not pool:
        raise SelectionError("no question matches these choices")
    if only_ids is not None:
        order = {item_id: i for i, item_id in enumerate(only_ids)}
        ordered = sorted(pool, key=lambda item: order[item.id])
    else:
        # The same key as _rank(seed, item.id), built in one pass: a pack may hold 10,000 items.
        prefix = f"{seed}:".encode("utf-8")
        keys = [sha256(prefix + item.id.encode("utf-8")).digest() for item in pool]
        if count is not None and count < len(pool):
            import heapq

            return [pool[i] for _, i in heapq.nsmallest(count, zip(keys, range(len(pool))))]
        ordered = [pool[i] for _, i in sorted(zip(keys, range(len(pool))))]
    return ordered[:count] if count is not None else ordered


def is_right(item: Item, option: str) -> bool:
    """Does `option` answer `item` rightly? The one place answers are graded."""
    return option == item.answer


def shuffled_options(item: Item, seed: int) -> tuple[str, ...]:
    """Myth/Fact/Disputed stay in that order (keys m, f, d); other options are shuffled by seed."""
    if item.type == "myth-or-fact":
        return item.options
    return tuple(sorted(item.options, key=lambda option: _rank(seed, item.id, option)))


class Excerpt(NamedTuple):
    """An evidence quote with where it stands and whose document it is."""

    quote: Quote
    source: Source
    line: int
    column: int


class Feedback(NamedTuple):
    """Everything shown after an answer."""

    item: Item
    given: str
    correct: bool
    verdict_source: Source | None  # None for a disputed item that names no verdict source
    excerpts: tuple[Excerpt, ...]
    claim: Excerpt | None
    score: int
    answered: int
    streak: int
    sources: dict[str, Source] | None = None  # the pack's, for the verdict's words
    certainty: int | None = None  # 1 not sure, 2 fairly sure, 3 sure (certainty-based marking)
    revealed: bool = True  # False for a question asked before the quiz: its verdict waits

    @property
    def certainty_line(self) -> str | None:
        """What the answer earned under certainty-based marking ("Sure and right: +3")."""
        return None if self.certainty is None else certainty_words(self.certainty, self.correct)

    @property
    def verdict_word(self) -> str:
        return "Correct" if self.correct else "Incorrect"

    @property
    def symbol(self) -> str:
        return "✓" if self.correct else "✗"

    def option_marks(self, options: tuple[str, ...]) -> list[tuple[str, str]]:
        """For each option: ✓ for the right answer, ✗ for a wrong answer given, and the
        words that say so ("right answer", "your answer")."""
        marks = []
        for option in options:
            right, given = option == self.item.answer, option == self.given
            words = ", ".join(w for w, on in (("right answer", right), ("your answer", given)) if on)
            marks.append(("✓" if right else "✗" if given else " ", words))
        return marks

    @property
    def right_answer_line(self) -> str:
        """Whose verdict the answer is, party first (see `tui.core.wording`)."""
        from .wording import verdict_line

        return verdict_line(self.item, self._sources())

    @property
    def party_line(self) -> str | None:
        from .wording import party_line

        return party_line(self.item, self._sources())

    def _sources(self) -> dict[str, Source]:
        if self.sources is not None:
            return self.sources
        found = {ex.source.id: ex.source for ex in self.excerpts}
        if self.verdict_source is not None:
            found[self.verdict_source.id] = self.verdict_source
        return found


class AnswerRecord(NamedTuple):
    item_id: str
    given: str
    correct: bool
    seconds: float
    certainty: int | None = None  # 1-3 when certainty was asked
    phase: str = "quiz"  # "pre" (asked before the quiz, verdict kept back), "quiz" or "post"


PRE, QUIZ, POST = "pre", "quiz", "post"


def confident_errors_first(missed: list[tuple[Item, int | None]]) -> list[Item]:
    """Missed items, those answered wrong at certainty 3 first (the errors most worth
    correcting, and the likeliest to return), each item once, otherwise in order."""
    seen: set[str] = set()
    ordered = []
    for item, certainty in sorted(missed, key=lambda pair: pair[1] != 3):
        if item.id not in seen:
            seen.add(item.id)
            ordered.append(item)
    return ordered


class TopicScore(NamedTuple):
    topic: str
    name: str
    right: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.total) if self.total else 0


class Summary(NamedTuple):
    score: int
    total: int
    answered: int
    best_streak: int
    by_topic: tuple[TopicScore, ...]
    missed: tuple[Item, ...]
    seed: int
    seconds: float
    # How myth-or-fact answers told myths from facts, and which way mistakes lean.
    discernment: Discernment
    certainty: Calibration | None = None  # with certainty-based marking
    pre_post: PrePost | None = None  # with questions asked before and after the quiz

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.answered) if self.answered else 0

    def sections(self) -> list[tuple[str, list[str]]]:
        """What the score means beyond a count, as (heading, lines): certainty-based marks,
        telling myths from facts, and before against after. Plain mode prints the lines,
        the results screen puts them under their headings: the same words in both."""
        from .scoring import calibration_lines, discernment_lines, pre_post_lines

        found = [("Certainty", calibration_lines(self.certainty) if self.certainty else []),
                 ("Myths and facts", discernment_lines(self.discernment)),
                 ("Before and after", pre_post_lines(self.pre_post) if self.pre_post else [])]
        return [(heading, lines) for heading, lines in found if lines]


# How a question asked before or after the quiz is announced.
PHASE_WORDS = {PRE: "asked before the quiz: its verdict comes at the end",
               POST: "asked before the quiz, now again with its verdict"}


def excerpt(pack: Pack, quote: Quote) -> Excerpt:
    where = pack.locate(quote)
    line, column = (where[1], where[2]) if where else (0, 0)
    return Excerpt(quote, pack.sources[quote.source], line, column)


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
        right: dict[str, int] = {}
        total: dict[str, int] = {}
        by_id = {item.id: item for item in self.items}
        missed = []
        shown = [r for r in self.records if r.phase != PRE] if self.pre_post else self.records
        for record in shown:
            topic = by_id[record.item_id].topic
            total[topic] = total.get(topic, 0) + 1
            right[topic] = right.get(topic, 0) + record.correct
            if not record.correct:
                missed.append((by_id[record.item_id], record.certainty))
        by_topic = tuple(
            TopicScore(t, self.pack.topic_name(t), right[t], total[t])
            for t in self.pack.topics
            if t in total
        )
        return Summary(
            score=self.score,
            total=self.total - self.pre_post,
            answered=len(shown),
            best_streak=self.best_streak,
            by_topic=by_topic,
            missed=tuple(confident_errors_first(missed) if self.certainty else (m[0] for m in missed)),
            seed=self.seed,
            seconds=round(time.monotonic() - self.started, 1),
            discernment=discernment(self._answers(shown, by_id)),
            certainty=calibration((r.certainty, r.correct) for r in shown if r.certainty is not None)
            if self.certainty else None,
            pre_post=pre_post(
                self.pre_post,
                [r.correct for r in self.records if r.phase == PRE],
                [r.correct for r in self.records if r.phase == POST],
                discernment(self._answers([r for r in self.records if r.phase == PRE], by_id)),
                discernment(self._answers([r for r in self.records if r.phase == POST], by_id)),
            ) if self.pre_post else None,
        )

    @staticmethod
    def _answers(records: list[AnswerRecord], by_id: dict[str, Item]) -> list[Answer]:
        return [Answer(by_id[r.item_id].answer, r.given) for r in records
                if by_id[r.item_id].type == "myth-or-fact"]
