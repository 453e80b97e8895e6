"""A session's summary: the score by topic, the missed questions, and what the score
means beyond a count, in sections (certainty, myths and facts, before and after)."""

import time
from typing import NamedTuple

from .answers import POST, PRE, AnswerRecord
from .model import Item, Pack
from .before_after import PrePost, pre_post
from .certainty_marks import Calibration, calibration
from .score_words import calibration_lines, discernment_lines, pre_post_lines
from .signal_detection import Answer, Discernment, discernment
from .percent import percent


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
        return percent(self.right, self.total)


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
        return percent(self.score, self.answered)

    def sections(self) -> list[tuple[str, list[str]]]:
        """What the score means beyond a count, as (heading, lines): certainty-based marks,
        telling myths from facts, and before against after. Plain mode prints the lines,
        the results screen puts them under their headings: the same words in both."""
        found = [("Certainty", calibration_lines(self.certainty) if self.certainty else []),
                 ("Myths and facts", discernment_lines(self.discernment)),
                 ("Before and after", pre_post_lines(self.pre_post) if self.pre_post else [])]
        return [(heading, lines) for heading, lines in found if lines]


def summarise(pack: Pack, items: list[Item], records: list[AnswerRecord], *, score: int, best_streak: int,
              seed: int, started: float, certainty: bool, pre_post_count: int) -> Summary:
    """The figures of the answers whose verdict was shown; with `pre_post_count`, the questions
    asked before and after the quiz compared on their own."""
    right: dict[str, int] = {}
    total: dict[str, int] = {}
    by_id = {item.id: item for item in items}
    missed = []
    shown = [r for r in records if r.phase != PRE]  # only a session with pre_post_count has PRE answers
    for record in shown:
        topic = by_id[record.item_id].topic
        total[topic] = total.get(topic, 0) + 1
        right[topic] = right.get(topic, 0) + record.correct
        if not record.correct:
            missed.append((by_id[record.item_id], record.certainty))
    by_topic = tuple(
        TopicScore(t, pack.topic_name(t), right[t], total[t])
        for t in pack.topics
        if t in total
    )
    return Summary(
        score=score,
        total=len(items) - pre_post_count,
        answered=len(shown),
        best_streak=best_streak,
        by_topic=by_topic,
        missed=tuple(confident_errors_first(missed) if certainty else (m[0] for m in missed)),
        seed=seed,
        seconds=round(time.monotonic() - started, 1),
        discernment=discernment(_myth_or_fact(shown, by_id)),
        certainty=calibration((r.certainty, r.correct) for r in shown if r.certainty is not None)
        if certainty else None,
        pre_post=pre_post(
            pre_post_count,
            [r.correct for r in records if r.phase == PRE],
            [r.correct for r in records if r.phase == POST],
            discernment(_myth_or_fact([r for r in records if r.phase == PRE], by_id)),
            discernment(_myth_or_fact([r for r in records if r.phase == POST], by_id)),
        ) if pre_post_count else None,
    )


def _myth_or_fact(records: list[AnswerRecord], by_id: dict[str, Item]) -> list[Answer]:
    return [Answer(by_id[r.item_id].answer, r.given) for r in records
            if by_id[r.item_id].type == "myth-or-fact"]
