"""The disputes rules, as `mythquiz check` applies them: a disputed item quotes two sources
or more, every quote declares its side, both sides are present, and no voice (a source in
its own voice, or one speaker in it) stands on both; no other item's evidence has sides.

An item refused for any of these is reported at its quote and left out of the checked pack
(whose coverage `check` still reports), like every other refused item."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_checker_catalogue import edit, line_of, make_disputed
from tui.core.loader import check_pack


def checked(content: Path, corpus: Path) -> tuple[list[str], list[tuple[str, int | None, str]]]:
    pack, problems = check_pack(content, corpus)
    assert pack is not None
    return [i.id for i in pack.items], [(Path(p.file).name, p.line, p.message) for p in problems]


def add_quote(f: Path, source: str, quote: str, side: str, said_by: str = "") -> None:
    with f.open("a", encoding="utf-8") as out:
        out.write(f"      - source: {source}\n        side: {side}\n        quote: \"{quote}\"\n")
        if said_by:
            out.write(f"        said_by: {said_by}\n")


def test_a_dispute_between_two_sources_checks_clean(mini):
    content, corpus = mini
    make_disputed(content / "b-items.yaml", "for", "against")
    pack, problems = check_pack(content, corpus)
    assert problems == []
    assert pack is not None
    disputed = pack.item("m-two")
    assert disputed is not None and disputed.disputed
    assert [(q.source, q.side) for q in disputed.evidence] == [("beta", "for"), ("alpha", "against")]


def test_a_quote_without_a_side_refuses_the_item(mini):
    content, corpus = mini
    f = content / "b-items.yaml"
    make_disputed(f, "for", "")
    ids, problems = checked(content, corpus)
    assert "m-two" not in ids
    at = line_of(f, "side: for\n      - source: alpha") + 1  # the quote that names no side
    assert [(name, line) for name, line, _ in problems] == [("b-items.yaml", at)]


def test_one_side_only_refuses_the_item_naming_the_missing_side(mini):
    content, corpus = mini
    f = content / "b-items.yaml"
    make_disputed(f, "against", "against")
    ids, problems = checked(content, corpus)
    assert "m-two" not in ids
    assert len(problems) == 1 and problems[0][2].endswith("none is 'side: for'")
    make_disputed_again = f.read_text(encoding="utf-8").replace("side: against", "side: for")
    f.write_text(make_disputed_again, encoding="utf-8")
    ids, problems = checked(content, corpus)
    assert "m-two" not in ids
    assert len(problems) == 1 and problems[0][2].endswith("none is 'side: against'")


def test_a_source_on_both_sides_refuses_the_item(mini):
    content, corpus = mini
    f = content / "b-items.yaml"
    make_disputed(f, "for", "against")
    add_quote(f, "beta", "Kremlin spokesman John Doe spoke on Monday.", "against")
    ids, problems = checked(content, corpus)
    assert "m-two" not in ids
    assert len(problems) == 1
    name, line, message = problems[0]
    lines = f.read_text(encoding="utf-8").splitlines()
    assert line == len(lines) - lines[::-1].index("        side: against")  # the last quote's side
    assert "beta in its own voice" in message


def test_a_speaker_on_both_sides_is_named(mini):
    content, corpus = mini
    f = content / "b-items.yaml"
    make_disputed(f, "for", "against")
    add_quote(f, "alpha", "Its spokesman Jane Roe said: NATO's enlargement is not directed against anyone.",
              "for", said_by="Jane Roe")
    add_quote(f, "alpha", "The treaty was signed in 1949", "against", said_by="Jane Roe")
    ids, problems = checked(content, corpus)
    assert "m-two" not in ids
    assert len(problems) == 1 and "Jane Roe in alpha is quoted on both sides" in problems[0][2]


def test_one_source_may_hold_different_voices_on_each_side(mini):
    content, corpus = mini
    f = content / "b-items.yaml"
    make_disputed(f, "for", "against")
    add_quote(f, "alpha", "Its spokesman Jane Roe said: NATO's enlargement is not directed against anyone.",
              "for", said_by="Jane Roe")
    ids, problems = checked(content, corpus)
    assert problems == [] and "m-two" in ids


def test_a_side_on_an_item_that_is_not_disputed_refuses_it(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "        quote: The treaty was signed in 1949\n", "        side: for\n        quote: The treaty was signed in 1949\n")
    ids, problems = checked(content, corpus)
    assert ids == ["m-one", "w-one", "m-two"]
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "side: for"))]


@pytest.mark.parametrize("second", ["alpha", "beta"])
def test_a_dispute_needs_two_sources(mini, second):
    content, corpus = mini
    f = content / "b-items.yaml"
    make_disputed(f, "for", "against", second=second)
    ids, problems = checked(content, corpus)
    assert ("m-two" in ids) == (second == "alpha")
    assert [name for name, _, _ in problems] == ([] if second == "alpha" else ["b-items.yaml"])


def test_two_voices_of_one_source_are_not_a_dispute(mini):
    content, corpus = mini
    f = content / "b-items.yaml"
    make_disputed(f, "for", "against", second="beta")
    edit(f, "        quote: Kremlin spokesman John Doe spoke on Monday.\n",
         "        quote: Kremlin spokesman John Doe spoke on Monday.\n        said_by: John Doe\n")
    ids, problems = checked(content, corpus)
    assert "m-two" not in ids
    assert len(problems) == 1 and "found 2 from 1" in problems[0][2]
