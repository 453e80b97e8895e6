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
    def measured(self) -> bool:
        """d′ means something only when at least one myth and one fact were answered."""
        return bool(self.myths and self.facts)

    @property
    def blanket(self) -> str | None:
        """The one verdict given to every myth and fact question ("myth", "fact" or
        "disputed"), when there were at least two of them; else None."""
        n = self.myths + self.facts
        if n < 2:
            return None
        for word, count in ((MYTH, self.myths_called_myths + self.facts_called_myths),
                            (FACT, self.myths_called_facts + self.facts_called_facts),
                            (DISPUTED, self.called_disputed)):
            if count == n:
                return word
        return None

    @property
    def lean(self) -> str | None:
        """'distrust' or 'naivety', following c (c at or below −LEAN: distrust; at or
        above LEAN: naivety); None for no lean, and when no myth or fact was misjudged
        (then c is off 0 only because the quiz held more of one kind). Blanket "myth" is
        always distrust, blanket "fact" naivety; blanket "disputed" leans neither way."""
        if self.blanket == MYTH:
            return "distrust"
        if self.blanket == FACT:
            return "naivety"
        if self.blanket == DISPUTED or not (self.distrust or self.naivety):
            return None
        if self.bias <= -LEAN:
            return "distrust"
        if self.bias >= LEAN:
            return "naivety"
        return None

    @property
    def strong(self) -> bool:
        """A strong lean: |c| of STRONG or more, or one verdict given to everything."""
        return self.lean is not None and (self.blanket is not None or abs(self.bias) >= STRONG)


# The lean in words follows c: below LEAN either way there is no lean, from STRONG it is
# strong. One fact in five called a myth (and no myth a fact, 5 of each) gives c = −0.17,
# a slight lean; every fact called a myth, c = −1.0.
LEAN = 0.1
STRONG = 0.5
# Below this d′, a summary says myths and facts were hardly told apart: one myth and one
# fact wrong out of eight of each still gives about 1.9, half of each wrong gives 0. At or
# below −CHANCE, myths were taken for facts and facts for myths: a reversal, not chance.
CHANCE = 0.5


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
    one_word = any(n == myths + facts for n in (counts["mm"] + counts["fm"], counts["mf"] + counts["ff"],
                                                 counts["md"] + counts["fd"]))
    if myths and facts and (one_word or counts["mm"] * facts == counts["fm"] * myths):
        # One verdict for everything, or myths and facts called myths equally often:
        # nothing told them apart. The correction, made for rates of 0 and 1, would
        # otherwise give unequal groups (9 myths, 2 facts, all called myths) a d′ of 0.68
        # for no discernment at all.
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
        d_prime=d_prime + 0.0,
        bias=-(z_hit + z_false_alarm) / 2 + 0.0,  # + 0.0: never "-0.00"
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def number(x: float) -> str:
    """A figure to two places with a true minus sign, never "−0.00"."""
    text = f"{x:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def lean_phrase(d: Discernment) -> str:
    """"a strong lean toward distrust", "a slight lean toward naivety", or "no lean"."""
    if d.lean is None:
        return "no lean"
    return f"a {'strong' if d.strong else 'slight'} lean toward {d.lean}"


def unmeasured_reason(d: Discernment) -> str:
    """Why d′ cannot be measured: "only myths were answered" (or facts, or neither)."""
    if d.myths:
        return "only myths were answered"
    if d.facts:
        return "only facts were answered"
    return "no myths or facts were answered"


def mistakes_phrase(d: Discernment, who: str = "you") -> str:
    """"you called 2 of 9 facts myths and 1 of 8 myths a fact": the rates c compares."""
    def called(n: int, of: int, kind: str, word: str) -> str:
        one = n == 1 or of == 1
        return f"{n} of {_count(of, kind, kind + 's')} {'a ' + word if one else word + 's'}"

    parts = [called(n, of, kind, word) for n, of, kind, word in
             ((d.distrust, d.facts, "fact", "myth"), (d.naivety, d.myths, "myth", "fact")) if of]
    return f"{who} called " + " and ".join(parts)


def figures_phrase(d: Discernment, mistakes: bool = False, who: str = "you") -> str:
    """Discernment and lean in one phrase, for a line among others (before and after,
    the `stats` trend, the class report): `d′ = 1.26, c = −0.20, a slight lean toward
    distrust`, or `d′ not measured (only myths were answered), c = −0.58, a strong lean
    toward distrust ("myth" to every one)`; `mistakes`: the rates behind the lean too, as
    what `who` called them."""
    if not d.myths + d.facts:
        return "no myth-or-fact answers"
    d_part = f"d′ = {number(d.d_prime)}" if d.measured else f"d′ not measured ({unmeasured_reason(d)})"
    text = f"{d_part}, c = {number(d.bias)}, {lean_phrase(d)}"
    if d.blanket:
        text += f" (\"{d.blanket}\" to every one)"
    elif mistakes:
        text += f" ({mistakes_phrase(d, who)})" if d.distrust or d.naivety else " (no myth or fact misjudged)"
    return text


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
        if d.blanket:
            lines.append(f"You answered \"{d.blanket}\" to every myth-or-fact question "
                         f"({d.myths + d.facts} of them): "
                         + (f"{lean_phrase(d)}, " if d.lean else "")
                         + "not telling myths from facts, whatever the score.")
        elif d.distrust or d.naivety:
            lean = lean_phrase(d)
            lines.append(f"Your answers show {lean}: {mistakes_phrase(d)}.")
        if d.called_disputed and d.blanket != DISPUTED:
            lines.append(f"You called {_count(d.called_disputed, 'myth or fact', 'myths or facts')} disputed.")
    if d.disputed:
        lines.append(
            f"You recognised {d.disputed_called_disputed} of "
            f"{_count(d.disputed, 'disputed claim', 'disputed claims')} as disputed."
        )
    if d.myths + d.facts:
        gloss = f"bias c = {number(d.bias)} (below 0: quick to say myth; above 0: quick to say fact)"
        if d.blanket == DISPUTED:
            gloss += "; here c only says that \"myth\" was never answered"
        elif d.lean is None and not d.blanket and abs(d.bias) >= LEAN:
            gloss += (f"; with no myth or fact misjudged, c is off 0 only because more "
                      f"{'myths than facts' if d.bias < 0 else 'facts than myths'} were answered")
        if d.measured:
            lines.append(f"Discernment d′ = {number(d.d_prime)} (0 is chance); {gloss}.")
        else:
            lines.append(f"Discernment cannot be measured from this quiz: {unmeasured_reason(d)} "
                         f"(d′ needs at least one of each). The {gloss}.")
        if d.measured and not d.blanket and d.d_prime <= -CHANCE:
            lines.append("You took myths for facts and facts for myths more often than not: "
                         "a systematic reversal, not chance. The missed questions below show where.")
        elif d.measured and not d.blanket and d.d_prime < CHANCE:
            lines.append("Myths and facts were told apart little better than by chance, "
                         "however many answers were right.")
    return lines


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


# Answers at one level of certainty before the summary advises on that level: from fewer,
# a share right says too little (one wrong "sure" is not a habit).
ADVICE_FROM = 5


def calibration_lines(c: Calibration) -> list[str]:
    if not c.possible:
        return []
    lines = [f"Certainty-based score: {signed(c.score)} of a possible {c.possible}."]
    parts = [f"when {CERTAINTY_NAMES[level]} you were right {right} of {n} time{'s' if n != 1 else ''}"
             for level, (right, n) in sorted(c.levels.items(), reverse=True) if n]
    lines.append(parts[0][0].upper() + parts[0][1:] + "".join(f"; {p}" for p in parts[1:]) + ".")
    advice: dict[int, int] = {}  # level -> the level that would have paid more
    for level, (right, n) in sorted(c.levels.items(), reverse=True):
        best = best_certainty(right / n) if n >= ADVICE_FROM else level
        if best != level and expected_mark(best, right / n) > expected_mark(level, right / n) + 1e-9:
            advice[level] = best
    rule = "\"sure\" pays only when you are right more than 80% of the time"
    if {best > level for level, best in advice.items()} == {True, False}:
        # Less sure at one level and surer at another: no one piece of advice holds.
        lines.append(f"How sure you felt did not follow how often you were right, so there is no one "
                     f"way to advise ({rule}, \"fairly sure\" more than two times in three).")
    elif advice:
        parts = [f"when you felt {CERTAINTY_NAMES[level]}, \"{CERTAINTY_NAMES[best]}\" would have paid more"
                 for level, best in advice.items()]
        lines.append(parts[0][0].upper() + parts[0][1:] + "".join(f"; {p}" for p in parts[1:]) + f" ({rule}).")
    elif not any(n >= ADVICE_FROM for _right, n in c.levels.values()):
        lines.append(f"Advice on how sure to be needs at least {ADVICE_FROM} answers at one level.")
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
    if pre_d.measured and post_d.measured:
        lines.append(f"Telling myths from facts, before: {figures_phrase(pre_d)}; "
                     f"after: {figures_phrase(post_d)}.")
    elif pre_d.myths + pre_d.facts:
        lines.append(f"Discernment cannot be compared before and after: {unmeasured_reason(pre_d)}. "
                     f"Before, your answers showed {lean_phrase(pre_d)}; after, {lean_phrase(post_d)}.")
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
    return f"g = {number(g)} ({band})"
