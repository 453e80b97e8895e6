"""A disputed item's sides in the handout follow each quote's declared `side`: the side
supporting the statement first, under who takes it, whatever order the evidence lists
the quotes in (the fixture pack lists a quote against the statement first)."""

from __future__ import annotations

from tui.export.handout import handout_html, handout_markdown

FOR = "NATO's 2017 fact sheet supports this:"
AGAINST = "The December 2019 report of Putin's remarks (date inferred) disputes it:"


def test_handout_markdown_groups_quotes_under_their_declared_side(disputed_pack):
    text = handout_markdown(disputed_pack, disputed_pack.items)
    for_at, against_at = text.index(f"*{FOR}*"), text.index(f"*{AGAINST}*")
    assert for_at < against_at
    for_side, against_side = text[for_at:against_at], text[against_at:text.index("## Sources")]
    assert "has never been suspended" in for_side and "halted in 2014" not in for_side
    assert "halted in 2014" in against_side and "meets periodically" in against_side
    assert "has never been suspended" not in against_side


def test_handout_html_sets_each_side_in_its_own_box(disputed_pack):
    text = handout_html(disputed_pack, disputed_pack.items)
    boxes = text.split('<div class="side">')[1:]
    assert len(boxes) == 2
    assert boxes[0].startswith(f"<p><em>{FOR.replace(chr(39), '&#x27;')}</em></p>")
    assert "has never been suspended" in boxes[0] and "halted in 2014" not in boxes[0]
    assert "halted in 2014" in boxes[1] and "meets periodically" in boxes[1]
