"""The same questions asked before the quiz (verdicts kept back) and after it, and Hake's
normalised gain between the two (the sentences that say it are in `score_words`)."""

from typing import Iterable, NamedTuple

from .signal_detection import Discernment

class PrePost(NamedTuple):
    """The same questions asked before the quiz (verdicts kept back) and after it."""

    questions: int  # questions in each of the two sets (not `count`, which would hide tuple.count)
    pre: tuple[bool, ...]  # right or wrong, per answer before the quiz
    post: tuple[bool, ...]  # the same after it (fewer if the quiz was ended early)
    pre_discernment: Discernment
    post_discernment: Discernment

    @property
    def pre_percent(self) -> float:
        return 100 * sum(self.pre) / len(self.pre) if self.pre else 0.0

    @property
    def post_percent(self) -> float:
        return 100 * sum(self.post) / len(self.post) if self.post else 0.0

    @property
    def complete(self) -> bool:
        return len(self.pre) == len(self.post) == self.questions

    @property
    def gain(self) -> float | None:
        return normalised_gain(self.pre_percent, self.post_percent) if self.complete else None


def pre_post(count: int, pre: Iterable[bool], post: Iterable[bool], pre_discernment: Discernment,
             post_discernment: Discernment) -> PrePost:
    return PrePost(count, tuple(pre), tuple(post), pre_discernment, post_discernment)


def normalised_gain(pre_percent: float, post_percent: float) -> float | None:
    """Hake's g = (post − pre) / (100 − pre); None when pre is 100 (nothing left to gain)."""
    if pre_percent >= 100:
        return None
    return (post_percent - pre_percent) / (100 - pre_percent)
