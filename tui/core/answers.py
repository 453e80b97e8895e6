"""What an answer leaves: its record (kept in progress) and its feedback (shown to the
learner), with the evidence excerpts placed in their documents."""

from typing import TYPE_CHECKING, NamedTuple, Sequence

from .model import Item, Pack, Quote, Source

if TYPE_CHECKING:
    from .wording import Side


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
        if self.certainty is None:
            return None
        # Imported here: the scoring words (and `statistics` under them) are not needed
        # before the first answer, so they are kept off start-up.
        from .score_words import certainty_words

        return certainty_words(self.certainty, self.correct)

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


# How a question asked before or after the quiz is announced.
PHASE_WORDS = {PRE: "asked before the quiz: its verdict comes at the end",
               POST: "asked before the quiz, now again with its verdict"}


def excerpt(pack: Pack, quote: Quote) -> Excerpt:
    where = pack.locate(quote)
    line, column = (where[1], where[2]) if where else (0, 0)
    return Excerpt(quote, pack.sources[quote.source], line, column)


def excerpt_sides(item: Item, excerpts: Sequence[Excerpt], sources: dict[str, Source]) -> "list[tuple[Side, list[Excerpt]]]":
    """A disputed item's excerpts grouped by the side each quote declares
    (`wording.sides`: the supporting side first), each group with its side."""
    from .wording import sides

    by_quote = {(ex.quote.source, ex.quote.text): ex for ex in excerpts}
    return [(side, [by_quote[(q.source, q.text)] for q in side.quotes]) for side in sides(item, sources)]

