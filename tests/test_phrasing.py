"""The sentences the app writes around the embedded pack read as correct English.

Every item's quiz feedback (for the right answer and a wrong one, as plain mode prints
it and as the TUI's verdict says it), its `show` text and its handout Markdown are
rendered and checked for: a doubled "according to" in one sentence, "?." after a
question, a capital letter after "The answer is" on a word that never begins a name,
raw item ids in sentences, and the app's own quotation marks left unbalanced.
"""

from __future__ import annotations

import re

import pytest

from tui.core.engine import Session
from tui.core.pack import load_pack
from tui.core.wording import _COMMON_FIRST
from tui.export.handout import handout_markdown
from tui.plain.browse import show_lines
from tui.plain.quiz import feedback_lines


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def texts(pack):
    """(what, text) for every rendering of every item."""
    for item in pack.items:
        for right in (True, False):
            session = Session(pack, [item], seed=1)
            options = session.options()
            given = item.answer if right else next(o for o in options if o != item.answer)
            feedback = session.answer(given)
            yield f"{item.id} feedback ({'right' if right else 'wrong'})", "\n".join(feedback_lines(feedback))
        yield f"{item.id} show", "\n".join(show_lines(pack, item))
        yield f"{item.id} handout", handout_markdown(pack, [item])


def app_lines(text: str) -> list[str]:
    """The lines the app writes itself: not the excerpts (behind a bar or '>'), which are
    the sources' own words, nor the pack's own texts quoted in full."""
    return [line for line in text.splitlines() if not line.startswith(("│ ", "> ")) or line.startswith("> — ")]


def problems_in(text: str, ids: set[str], pack) -> list[str]:
    found = []
    own = "\n".join(app_lines(text))
    for sentence in re.split(r"(?<=[.!?])\s+", own):
        if sentence.lower().count("according to") > 1:
            found.append(f"doubled 'according to': {sentence[:120]}")
    if re.search(r"\?\.", own):
        found.append("'?.' after a question")
    for match in re.finditer(r"The answer is ([A-Z]\w*)", own):
        if match.group(1) in _COMMON_FIRST:
            found.append(f"capital mid-sentence: {match.group(0)}")
    for line in own.splitlines():
        if line.startswith(("Item ", "### ")):
            continue  # the heading that names the item by id on purpose
        for word in re.findall(r"\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b", line):
            if word in ids:
                found.append(f"raw id {word!r} in: {line[:100]}")
    for line in own.splitlines():
        if line[:1].islower():
            found.append(f"a line that begins in lower case: {line[:100]}")
        if line.count("“") != line.count("”"):
            found.append(f"unbalanced quotation marks: {line[:120]}")
    return found


def test_generated_sentences_read_as_english(pack):
    ids = {item.id for item in pack.items}
    failures = []
    count = 0
    for what, text in texts(pack):
        count += 1
        failures += [f"{what}: {p}" for p in problems_in(text, ids, pack)]
    assert count >= 4 * len(pack.items)
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize("bad", [
    "The answer is The United States, according to X, according to Y.",
    "Topic: Is NATO a threat?.",
    "You missed n17-myth-attack-preparation.",
    "Evidence: “He said “no.",
    "the December 2019 report says:",
])
def test_each_check_can_fail(pack, bad):
    ids = {item.id for item in pack.items} | {"n17-myth-attack-preparation"}
    assert problems_in(bad, ids, pack)
