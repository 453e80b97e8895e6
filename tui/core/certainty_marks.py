"""Certainty-based marking (Gardner-Medwin): what an answer earns at each level of
certainty, and how often a learner was right at each level (the sentences that say it
are in `score_words`)."""

from typing import Iterable, NamedTuple

CERTAINTY_NAMES = {1: "not sure", 2: "fairly sure", 3: "sure"}
# Marks for (right, wrong) at each level of certainty.
CERTAINTY_MARKS = {1: (1, 0), 2: (2, -2), 3: (3, -6)}


def signed(n: int, plus: bool = False) -> str:
    """A mark with a true minus sign ("−6"), and "+3" when `plus`."""
    return f"−{-n}" if n < 0 else f"+{n}" if plus and n > 0 else str(n)


def certainty_mark(certainty: int, right: bool) -> int:
    """What an answer earns: +1/+2/+3 when right, 0/−2/−6 when wrong."""
    return CERTAINTY_MARKS[certainty][0 if right else 1]


class Calibration(NamedTuple):
    score: int
    possible: int  # every answer right at certainty 3
    levels: dict[int, tuple[int, int]]  # certainty -> (right, answered)


def calibration(marked: Iterable[tuple[int, bool]]) -> Calibration:
    """Certainty-based score and, per level, how often the learner was right."""
    levels = {level: [0, 0] for level in CERTAINTY_NAMES}
    score = answered = 0
    for certainty, right in marked:
        score += certainty_mark(certainty, right)
        levels[certainty][1] += 1
        levels[certainty][0] += int(right)
        answered += 1
    return Calibration(score, 3 * answered, {k: (v[0], v[1]) for k, v in levels.items()})


def best_certainty(share_right: float) -> int:
    """The level that pays on average for a learner right this often: 3 above 80%, 2 above
    two in three, else 1 (expected marks p, 4p − 2 and 9p − 6)."""
    if share_right > 0.8:
        return 3
    if share_right > 2 / 3:
        return 2
    return 1


def expected_mark(certainty: int, share_right: float) -> float:
    """The average mark at this level for a learner right this often."""
    right, wrong = CERTAINTY_MARKS[certainty]
    return share_right * right + (1 - share_right) * wrong
