"""The sentences the app writes around a pack's content, built in one place.

Every front end and export takes its words from here: the quiz feedback (TUI and plain
mode), `show`, the handout, the pack JSON and ClaimReview. So a verdict reads the same
everywhere, and a fix to the English is made once.

- A verdict names its party first and says what it says: "NATO's 2017 fact sheet calls
  this a myth.", "RFE/RL's report of January 2016 supports this.", "Disputed: the
  December 2019 report of Putin's remarks supports this; NATO's 2017 fact sheet disputes
  it." (each side as the pack declares it, `Side`)
  When the verdict source is one party's own statement (`Source.is_party_statement`),
  `party_line` says so in one short line, every time.
- An answer fitted into a sentence ("The answer is a meeting on Navy development") keeps
  its capitals unless its first word is an article, determiner, pronoun or number word
  (`fit`): only those are sure not to begin a name, so "The United States" becomes "the
  United States" and "Bill Clinton refused …" stays as written.
- An excerpt is set off as a block (`excerpt_block`): each line of the quote behind a bar,
  and the source on a line of its own below, never wrapped in the app's own quotation
  marks, so a source's unbalanced marks cannot be mistaken for ours.

Nothing here imports Textual.
"""

from typing import NamedTuple

from .model import Item, Quote, Source

# Words that never begin a name, so an answer starting with one is lower-cased inside a
# sentence. Capitalised forms only: the answer's first word is compared as written.
_COMMON_FIRST = frozenset("""
A An The This That These Those Some Any All Each Every Both Either Neither No None Several
Many Much More Most Less Least Few Fewer About Around Almost Nearly Over Under Only Just
Its It Their They His Her Our We Its One Two Three Four Five Six Seven Eight Nine Ten
Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Thirty
Forty Fifty Sixty Seventy Eighty Ninety Hundred Thousand Million Half Twice Once
""".split())

BAR = "│ "  # what sets off each line of an excerpt in plain text


def capitalised(text: str) -> str:
    """`text` with its first letter upper-cased (for the start of a sentence)."""
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """`text` ending with a full stop (unless it already ends a sentence or a quotation)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "”", "\"", "…", ":")) else text + "."


def fit(answer: str) -> str:
    """An answer as it stands inside a sentence (see the module's docstring)."""
    answer = answer.strip()
    if answer.endswith(".") and not answer.endswith(".."):
        answer = answer[:-1]
    first = answer.split(" ", 1)[0].rstrip(":,;")
    if first in _COMMON_FIRST:
        return answer[:1].lower() + answer[1:]
    return answer


def source_name(source: Source | None) -> str:
    """How a sentence names a source: its `cite_as` ("NATO's 2017 fact sheet")."""
    return source.name if source is not None else "the pack"


def _list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def verdict_line(item: Item, sources: dict[str, Source]) -> str:
    """Whose verdict the answer is, party first, as one sentence."""
    if item.disputed:
        # Each declared side with who takes it: "Disputed: NATO's 2017 fact sheet supports
        # this; Vladimir Putin disputes it." The sides' own words follow.
        return "Disputed: " + "; ".join(side_says(side) for side in sides(item, sources)) + "."
    name = source_name(sources.get(item.verdict_by))
    if item.type == "myth-or-fact":
        says = "calls this a myth" if item.answer == "Myth" else "supports this"
        return capitalised(f"{name} {says}.")
    if item.type == "who-said":
        return capitalised(f"{name} names {item.answer} as the speaker.")
    return f"The answer is {fit(item.answer)}; {name} says so."


def rating_name(item: Item, sources: dict[str, Source]) -> str:
    """The verdict line without its full stop: a rating's name in ClaimReview."""
    return verdict_line(item, sources).rstrip(".")


def party_line(item: Item, sources: dict[str, Source]) -> str | None:
    """One short line when the verdict comes from a party to the dispute, else None."""
    if item.disputed:
        return None
    source = sources.get(item.verdict_by)
    if source is None or not source.is_party_statement:
        return None
    return capitalised(f"{source_name(source)} is one party's own statement, not a neutral judge.")


def claimant_row(item: Item, sources: dict[str, Source]) -> tuple[str, str] | None:
    """("Who makes this claim", "Russian officials, as NATO's 2022 fact sheet reports it")."""
    claimant = item.claimed_by
    if item.type != "myth-or-fact" or claimant is None:
        return None
    label = "Whose statement this is" if item.answer == "Fact" else "Who makes this claim"
    text = claimant.name
    per = sources.get(claimant.per) if claimant.per else None
    if per is not None:
        text += f", as {source_name(per)} reports it"
    return label, text


def answer_words(item: Item) -> str:
    """The answer as a label: "Myth", "Disputed", "Article 10"."""
    return item.answer


def given_words(given: str) -> str:
    """What the learner answered, fitted into "You answered …"."""
    return given if given in ("Myth", "Fact", "Disputed") else fit(given)


def question_text(item: Item) -> str:
    if item.type == "myth-or-fact":
        return f"Myth or fact? {item.prompt}"
    if item.type == "who-said":
        return f"Who said: “{item.prompt}”?"
    return item.prompt


def topic_line(name: str) -> str:
    """'Topic: Is NATO a threat to Russia?' — no full stop after a question mark."""
    return sentence(f"Topic: {name}")


def missed_sentence(item: Item, sources: dict[str, Source]) -> str:
    """A missed question and its answer, as sentences: for plain mode's summary."""
    return f"{sentence(question_text(item))} {verdict_line(item, sources)}"


# ---- excerpts ----


class Side(NamedTuple):
    """One declared side of a dispute (`for` or `against` the item's statement): who takes
    it (every voice quoted on it, in evidence order), and the quotes in which they do."""

    stance: str
    voices: tuple[str, ...]
    quotes: tuple[Quote, ...]

    @property
    def who(self) -> str:
        return _list(list(self.voices))


def speaker(quote: Quote, sources: dict[str, Source]) -> str:
    """Who speaks in a quote: its `said_by`, or the source's own voice."""
    return quote.said_by or source_name(sources.get(quote.source))


STANCES = {"for": ("supports this", "support this"), "against": ("disputes it", "dispute it")}


def sides(item: Item, sources: dict[str, Source]) -> list[Side]:
    """A disputed item's evidence grouped by the side each quote declares: the side that
    supports the statement first, then the side that disputes it (the pack's order within
    each). The checker makes sure every quote has a side and both sides are there."""
    found = []
    for stance in STANCES:
        quotes = tuple(q for q in item.evidence if q.side == stance)
        if quotes:
            voices = tuple(dict.fromkeys(speaker(q, sources) for q in quotes))
            found.append(Side(stance, voices, quotes))
    return found


def side_says(side: Side) -> str:
    """Who takes a side and which: "NATO's 2017 fact sheet supports this", "Alexander
    Grushko and Vladimir Putin dispute it". The one builder of a side's words: its
    heading, and its part of a disputed verdict."""
    one, many = STANCES[side.stance]
    return f"{side.who} {one if len(side.voices) == 1 else many}"


def source_line(source: Source, line: int = 0, said_by: str | None = None) -> str:
    """The line under an excerpt: who says it (when not the source's own voice), where."""
    where = f", line {line}" if line else ""
    who = f"{said_by}, quoted in " if said_by else ""
    return f"— {who}{source.byline}{where}"


def excerpt_block(text: str, source: Source, line: int = 0, said_by: str | None = None,
                  bar: str = BAR) -> list[str]:
    """An excerpt as lines: each line of the quote behind `bar`, then its source below."""
    return [bar + part for part in text.split("\n")] + [source_line(source, line, said_by)]


def evidence_label(n: int, total: int) -> str:
    return "Evidence" if total == 1 else f"Evidence {n} of {total}"


def side_heading(side: Side) -> str:
    """The heading over a side's quotes: "Vladimir Putin disputes it:"."""
    return capitalised(f"{side_says(side)}:")


CLAIM_LABEL = "The claim in its maker's own words"
