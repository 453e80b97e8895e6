"""What a learner's answers say beyond a count of right ones.

A right-answer count rewards calling everything a myth: on a myth-heavy quiz, blanket
scepticism scores well. The measures here tell discernment (telling myths from facts)
apart from a lean (calling too much a myth, or too much a fact), as the misinformation
susceptibility test MIST-20 does, with the signal-detection figures d′ and c; certainty-
based marking (Gardner-Medwin) with a calibration line per level; and Hake's normalised
gain for a before-and-after pair of tests.

No Textual, no I/O: plain functions of answers, shared by the quiz summary, plain mode,
`stats`, the room and the exports. Each figure comes with the sentence that says it.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Iterable, NamedTuple

MYTH, FACT, DISPUTED = "myth", "fact", "disputed"


class Answer(NamedTuple):
    """One myth-or-fact answer: what the item's verdict is, and what the learner said."""

    correct: str  # myth | fact | disputed
    given: str  # myth | fact | disputed


def _norm(word: str) -> str:
    return word.strip().lower()


class Discernment(NamedTuple):
    """How well myths were told from facts, and which way the mistakes lean.

    Myths are the signal: a hit is a myth called a myth, a false alarm a fact called a
    myth. d′ (discernment) is z(hit rate) − z(false-alarm rate); c (bias) is
    −(z(hit rate) + z(false-alarm rate)) / 2, negative when "myth" is said too readily.
    Rates use the log-linear correction (add 0.5 to each count and 1 to each total,
    Hautus 1995), so an empty, perfect or one-sided quiz gives finite figures; where
    myths and facts were called myths at the same raw rate, d′ is 0.
    """

    myths: int  # myth items answered
    myths_called_myths: int
    myths_called_facts: int
    facts: int  # fact items answered
    facts_called_facts: int
    facts_called_myths: int
    disputed: int  # disputed items answered
    disputed_called_disputed: int
    called_disputed: int  # myth or fact items answered "disputed"
    d_prime: float
    bias: float

    @property
    def distrust(self) -> int:
        """Mistakes toward distrust: facts called myths."""
        return self.facts_called_myths

    @property
    def naivety(self) -> int:
        """Mistakes toward naivety: myths called facts."""
        return self.myths_called_facts

    @property
    def lean(self) -> str | None:
        """'distrust', 'naivety', or None when the mistakes do not lean either way."""
        if self.distrust > self.naivety:
            return "distrust"
        if self.naivety > self.distrust:
            return "naivety"
        return None


_Z = NormalDist().inv_cdf


def discernment(answers: Iterable[Answer]) -> Discernment:
    """Count myth-or-fact answers and work out d′ and c over the myth and fact items."""
    counts = {key: 0 for key in ("mm", "mf", "md", "ff", "fm", "fd", "dd", "dx")}
    for answer in answers:
        correct, given = _norm(answer.correct), _norm(answer.given)
        if correct == MYTH:
            counts["mm" if given == MYTH else "mf" if given == FACT else "md"] += 1
        elif correct == FACT:
            counts["ff" if given == FACT else "fm" if given == MYTH else "fd"] += 1
        elif correct == DISPUTED:
            counts["dd" if given == DISPUTED else "dx"] += 1
    myths = counts["mm"] + counts["mf"] + counts["md"]
    facts = counts["ff"] + counts["fm"] + counts["fd"]
    hit_rate = (counts["mm"] + 0.5) / (myths + 1)
    false_alarm_rate = (counts["fm"] + 0.5) / (facts + 1)
    z_hit, z_false_alarm = _Z(hit_rate), _Z(false_alarm_rate)
    d_prime = z_hit - z_false_alarm
    if myths and facts and counts["mm"] * facts == counts["fm"] * myths:
        # Myths and facts called myths equally often: nothing told them apart. The
        # correction, made for rates of 0 and 1, would otherwise give unequal groups
        # (9 myths, 2 facts, all called myths) a d′ of 0.68 for no discernment at all.
        d_prime = 0.0
    return Discernment(
        myths=myths,
        myths_called_myths=counts["mm"],
        myths_called_facts=counts["mf"],
        facts=facts,
        facts_called_facts=counts["ff"],
        facts_called_myths=counts["fm"],
        disputed=counts["dd"] + counts["dx"],
        disputed_called_disputed=counts["dd"],
        called_disputed=counts["md"] + counts["fd"],
        d_prime=d_prime,
        bias=-(z_hit + z_false_alarm) / 2 + 0.0,  # + 0.0: never "-0.00"
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def discernment_lines(d: Discernment) -> list[str]:
    """The summary in words, then the figures: what a learner reads after a quiz."""
    if d.myths + d.facts + d.disputed == 0:
        return []
    lines = []
    if d.myths + d.facts:
        recognised = f"recognised {d.myths_called_myths} of {_count(d.myths, 'myth', 'myths')}"
        accepted = f"accepted {d.facts_called_facts} of {_count(d.facts, 'fact', 'facts')}"
        told = " and ".join(part for part, n in ((recognised, d.myths), (accepted, d.facts)) if n)
        lines.append(f"You {told}.")
        if d.lean is None:
            if d.distrust:
                lines.append(f"Your mistakes do not lean either way: you called "
                             f"{_count(d.distrust, 'fact a myth', 'facts myths')} and "
                             f"{_count(d.naivety, 'myth a fact', 'myths facts')}.")
        else:
            lines.append(
                f"Your mistakes lean toward {d.lean}: you called "
                f"{_count(d.distrust, 'fact a myth', 'facts myths')} and "
                f"{_count(d.naivety, 'myth a fact', 'myths facts')}."
            )
        if d.called_disputed:
            lines.append(f"You called {_count(d.called_disputed, 'myth or fact', 'myths or facts')} disputed.")
    if d.disputed:
        lines.append(
            f"You recognised {d.disputed_called_disputed} of "
            f"{_count(d.disputed, 'disputed claim', 'disputed claims')} as disputed."
        )
    if d.myths + d.facts:
        lines.append(f"Discernment d′ = {d.d_prime:.2f} (0 is chance); bias c = {d.bias:.2f} "
                     "(below 0: quick to say myth; above 0: quick to say fact).")
        if d.myths and d.facts and d.d_prime < CHANCE:
            lines.append("Myths and facts were told apart little better than by chance, "
                         "however many answers were right.")
    return lines


# Below this d′, a summary says myths and facts were hardly told apart: one myth and one
# fact wrong out of eight of each still gives about 1.9, half of each wrong gives 0.
CHANCE = 0.5


# ---- certainty-based marking (Gardner-Medwin) ----

CERTAINTY_NAMES = {1: "not sure", 2: "fairly sure", 3: "sure"}
# Marks for (right, wrong) at each level of certainty.
CERTAINTY_MARKS = {1: (1, 0), 2: (2, -2), 3: (3, -6)}


def certainty_mark(certainty: int, right: bool) -> int:
    """What an answer earns: +1/+2/+3 when right, 0/−2/−6 when wrong."""
    return CERTAINTY_MARKS[certainty][0 if right else 1]


def signed(n: int, plus: bool = False) -> str:
    """A mark with a true minus sign ("−6"), and "+3" when `plus`."""
    return f"−{-n}" if n < 0 else f"+{n}" if plus and n > 0 else str(n)


def certainty_words(certainty: int, right: bool) -> str:
    """The feedback line: "Sure and right: +3", "Fairly sure and wrong: −2"."""
    name = CERTAINTY_NAMES[certainty]
    return f"{name[0].upper()}{name[1:]} and {'right' if right else 'wrong'}: {signed(certainty_mark(certainty, right), True)}"


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


def calibration_lines(c: Calibration) -> list[str]:
    if not c.possible:
        return []
    lines = [f"Certainty-based score: {signed(c.score)} of a possible {c.possible}."]
    parts = [f"when {CERTAINTY_NAMES[level]} you were right {right} of {n} time{'s' if n != 1 else ''}"
             for level, (right, n) in sorted(c.levels.items(), reverse=True) if n]
    lines.append(parts[0][0].upper() + parts[0][1:] + "".join(f"; {p}" for p in parts[1:]) + ".")
    advice = []
    for level, (right, n) in sorted(c.levels.items(), reverse=True):
        if n and expected_mark(best_certainty(right / n), right / n) > expected_mark(level, right / n) + 1e-9:
            better = CERTAINTY_NAMES[best_certainty(right / n)]
            advice.append(f"when you felt {CERTAINTY_NAMES[level]}, \"{better}\" would have paid more")
    if advice:
        lines.append(advice[0][0].upper() + advice[0][1:] + "".join(f"; {a}" for a in advice[1:])
                     + " (\"sure\" pays only when you are right more than 80% of the time).")
    return lines


# ---- before and after ----


class PrePost(NamedTuple):
    """The same questions asked before the quiz (verdicts kept back) and after it."""

    count: int  # questions in each of the two sets
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
        return len(self.pre) == len(self.post) == self.count

    @property
    def gain(self) -> float | None:
        return normalised_gain(self.pre_percent, self.post_percent) if self.complete else None


def pre_post(count: int, pre: Iterable[bool], post: Iterable[bool], pre_discernment: Discernment,
             post_discernment: Discernment) -> PrePost:
    return PrePost(count, tuple(pre), tuple(post), pre_discernment, post_discernment)


def _lean_words(d: Discernment) -> str:
    lean = f"mistakes lean toward {d.lean}" if d.lean else "no lean either way"
    return f"d′ = {d.d_prime:.2f}, c = {d.bias:.2f}, {lean}"


def pre_post_lines(p: PrePost) -> list[str]:
    """Before and after in words and figures: share right, Hake's g, discernment."""
    if not p.pre:
        return []
    before = (f"Asked before the quiz, without their verdicts, you got {sum(p.pre)} of "
              f"{_count(len(p.pre), 'question', 'questions')} right ({p.pre_percent:.0f}%)")
    if not p.complete:
        return [f"{before}; the quiz ended before they were asked again, so there is no gain to report."]
    lines = [f"{before}; asked again after it, {sum(p.post)} of {len(p.post)} ({p.post_percent:.0f}%).",
             f"Normalised gain: {gain_words(p.gain)}"
             + ("." if p.gain is None else ", the share of what was missed before that was learned.")]
    pre_d, post_d = p.pre_discernment, p.post_discernment
    if pre_d.myths + pre_d.facts:
        lines.append(f"Telling myths from facts, before: {_lean_words(pre_d)}; after: {_lean_words(post_d)}.")
    return lines


def normalised_gain(pre_percent: float, post_percent: float) -> float | None:
    """Hake's g = (post − pre) / (100 − pre); None when pre is 100 (nothing left to gain)."""
    if pre_percent >= 100:
        return None
    return (post_percent - pre_percent) / (100 - pre_percent)


def gain_words(g: float | None) -> str:
    """`g = 0.42 (medium)`, or why there is none."""
    if g is None:
        return "g undefined (everything was right before)"
    band = "low" if g < 0.3 else "medium" if g <= 0.7 else "high"
    return f"g = {g:.2f} ({band})"
