"""Telling myths from facts, apart from a lean, in signal-detection figures.

A right-answer count rewards calling everything a myth: on a myth-heavy quiz, blanket
scepticism scores well. The figures here tell discernment (telling myths from facts)
apart from a lean (calling too much a myth, or too much a fact), as the misinformation
susceptibility test MIST-20 does, with d′ and c. The sentences that say them are in
`score_words`.

No Textual, no I/O: plain functions of answers, shared by the quiz summary, plain mode,
`stats`, the room and the exports.
"""

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
    if myths and facts and counts["mm"] * facts == counts["fm"] * myths:
        # Myths and facts called myths equally often (one verdict for everything among
        # them: all called myths, or none): nothing told them apart. The correction, made
        # for rates of 0 and 1, would otherwise give unequal groups (9 myths, 2 facts, all
        # called myths) a d′ of 0.68 for no discernment at all.
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
        d_prime=d_prime,  # never −0.0: NormalDist's inv_cdf gives +0.0 at 0.5, and x − x is +0.0
        bias=-(z_hit + z_false_alarm) / 2 + 0.0,  # + 0.0: never "-0.00"
    )
