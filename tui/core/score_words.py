"""The words that say what the scoring figures mean: discernment and lean, certainty-based
marks and the advice they give, before and after. Each figure comes with the sentence that
says it, the same in the TUI, plain mode, `stats`, the room and the exports.

No Textual, no I/O.
"""

from __future__ import annotations

from .before_after import PrePost
from .certainty_marks import CERTAINTY_NAMES, Calibration, best_certainty, certainty_mark, expected_mark, signed
from .signal_detection import CHANCE, DISPUTED, LEAN, Discernment

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


# ---- certainty-based marking ----


def certainty_words(certainty: int, right: bool) -> str:
    """The feedback line: "Sure and right: +3", "Fairly sure and wrong: −2"."""
    name = CERTAINTY_NAMES[certainty]
    return f"{name[0].upper()}{name[1:]} and {'right' if right else 'wrong'}: {signed(certainty_mark(certainty, right), True)}"


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


def gain_words(g: float | None) -> str:
    """`g = 0.42 (medium)`, or why there is none."""
    if g is None:
        return "g undefined (everything was right before)"
    band = "low" if g < 0.3 else "medium" if g <= 0.7 else "high"
    return f"g = {number(g)} ({band})"
